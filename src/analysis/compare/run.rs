//! Running A and B on the same trials: both run reports, and what compare counts jointly
//! (outcomes, events, variables), in chunks merged in chunk order so that any thread count
//! gives the same result.

use super::pairs::{EventPairs, VariablePairs, match_ids};
use super::{Comparison, Difference, MeanDifference, match_outcomes, window_warning};
use crate::analysis::paired::{Versions, tick};
use crate::analysis::precision::Precision;
use crate::engine::{
    CHUNK_TRIALS, ChunkTally, RunResult, Sampling, Simulator, fold_trials_until, progress_bar,
};
use crate::expr::Program;
use crate::model::Model;
use crate::report::PrecisionInfo;
use crate::stats::{Interval, OutcomePairs, independent_mean_difference};

/// When to stop early: after the first chunk at which every target's paired difference has a
/// 95% half-width of at most `target` (matched outcome and event indices).
struct Stop {
    target: f64,
    outcomes: Vec<usize>,
    events: Vec<usize>,
}

impl Stop {
    fn widest(&self, pairs: &OutcomePairs, events: &EventPairs) -> f64 {
        let half = |i: Interval| (i.hi - i.lo) / 2.0;
        (self
            .outcomes
            .iter()
            .map(|&u| half(pairs.outcome(u).difference())))
        .chain(
            self.events
                .iter()
                .map(|&u| half(events.event(u).difference())),
        )
        .fold(0.0, f64::max)
    }
}

/// Matched items and, per side, each item's matched index.
struct Matching {
    ids: Vec<(String, Option<usize>, Option<usize>)>,
    map: [Vec<usize>; 2],
}

impl Matching {
    fn new(ids: Vec<(String, Option<usize>, Option<usize>)>, len: [usize; 2]) -> Matching {
        let mut map = [vec![0; len[0]], vec![0; len[1]]];
        for (u, (_, ia, ib)) in ids.iter().enumerate() {
            if let Some(i) = ia {
                map[0][*i] = u;
            }
            if let Some(j) = ib {
                map[1][*j] = u;
            }
        }
        Matching { ids, map }
    }
}

/// A chunk's work, and after the first merge the running totals.
struct PairTally<'a, 'm> {
    versions: Versions<'a, 'm>,
    tallies: [ChunkTally; 2],
    /// The tallies are sealed (sorting their values: done once, at the chunk's end, in the
    /// worker; sealing twice would lose them).
    sealed: bool,
    pairs: OutcomePairs,
    events: EventPairs,
    variables: VariablePairs,
    totals: Option<[RunResult; 2]>,
}

impl PairTally<'_, '_> {
    fn seal(&mut self) {
        if !self.sealed {
            self.tallies[0].seal();
            self.tallies[1].seal();
            self.sealed = true;
        }
    }

    /// Moves this accumulator's own chunk into its totals (once).
    fn flush(&mut self) {
        self.seal();
        if self.totals.is_none() {
            let sims = self.versions.sims();
            let mut t = [
                RunResult::new(sims[0].model()),
                RunResult::new(sims[1].model()),
            ];
            t[0].merge(&self.tallies[0]);
            t[1].merge(&self.tallies[1]);
            self.totals = Some(t);
        }
    }
}

/// Runs `a` and `b` on the same trials.
pub fn compare(a: &Model, b: &Model, cfg: &Sampling) -> Comparison {
    compare_given(a, b, cfg, [None, None])
}

/// Runs `a` and `b` on the same trials, whole chunks in chunk order, until every target's
/// paired difference (every outcome's, or the outcomes' and events' named in `p.of`) has a 95%
/// half-width of at most `p.target`, at most `cfg.trials` trials. An id in neither scenario is
/// an error.
pub fn compare_to_precision(
    a: &Model,
    b: &Model,
    cfg: &Sampling,
    p: &Precision,
) -> Result<(Comparison, PrecisionInfo), String> {
    let outcomes = match_outcomes(a, b);
    let events = match_ids(&a.events, &b.events, |e| &e.id);
    let position = |list: &[(String, Option<usize>, Option<usize>)], id: &str| {
        list.iter().position(|(x, _, _)| x == id)
    };
    let mut stop = Stop {
        target: p.target,
        outcomes: Vec::new(),
        events: Vec::new(),
    };
    if p.of.is_empty() {
        stop.outcomes = (0..outcomes.len()).collect();
    }
    for id in &p.of {
        match (position(&outcomes, id), position(&events, id)) {
            (Some(u), _) => stop.outcomes.push(u),
            (None, Some(u)) => stop.events.push(u),
            (None, None) => {
                return Err(format!(
                    "--precision-of `{id}`: no outcome or event has this id in A or B"
                ));
            }
        }
    }
    let c = compare_inner(a, b, cfg, [None, None], Some(&stop));
    let of = (stop.outcomes.iter().map(|&u| outcomes[u].0.clone()))
        .chain(stop.events.iter().map(|&u| events[u].0.clone()))
        .collect();
    let widest = (c.differences.iter().enumerate())
        .filter(|(u, _)| stop.outcomes.contains(u))
        .chain(
            c.events
                .iter()
                .enumerate()
                .filter(|(u, _)| stop.events.contains(u)),
        )
        .map(|(_, d)| {
            let i = d.difference();
            (i.hi - i.lo) / 2.0
        })
        .fold(0.0, f64::max);
    let info = PrecisionInfo {
        target: p.target,
        of,
        cap_hit: widest > p.target,
    };
    Ok((c, info))
}

/// Runs `a` and `b` on the same trials, each keeping only the trials that satisfy its `given`
/// condition (compiled against its own model), if any. With a condition on either side the
/// differences are unpaired.
pub fn compare_given(
    a: &Model,
    b: &Model,
    cfg: &Sampling,
    given: [Option<&Program>; 2],
) -> Comparison {
    compare_inner(a, b, cfg, given, None)
}

fn compare_inner(
    a: &Model,
    b: &Model,
    cfg: &Sampling,
    given: [Option<&Program>; 2],
    stop: Option<&Stop>,
) -> Comparison {
    // A file's own `given` unpairs the runs as `--given` does.
    let paired = given.iter().all(Option::is_none) && a.given.is_none() && b.given.is_none();
    let sims = [Simulator::new(a, &[]), Simulator::new(b, &[])];
    let outcomes = Matching::new(match_outcomes(a, b), [a.outcomes.len(), b.outcomes.len()]);
    let events = Matching::new(
        match_ids(&a.events, &b.events, |e| &e.id),
        [a.events.len(), b.events.len()],
    );
    let variables: Vec<(String, [usize; 2])> = match_ids(&a.variables, &b.variables, |v| &v.id)
        .into_iter()
        .filter_map(|(id, i, j)| Some((id, [i?, j?])))
        .collect();
    let var_index: Vec<[usize; 2]> = variables.iter().map(|(_, ij)| *ij).collect();
    let n = cfg.trials;
    let bar = cfg.progress.then(|| progress_bar(n));
    let mut acc = fold_trials_until(
        n,
        cfg.threads,
        || PairTally {
            versions: Versions::new(&sims, cfg.seed),
            tallies: [ChunkTally::new(a), ChunkTally::new(b)],
            sealed: false,
            pairs: OutcomePairs::new(outcomes.ids.len()),
            events: EventPairs::new(events.ids.len()),
            variables: VariablePairs::new(var_index.len()),
            totals: None,
        },
        |acc, k| {
            let ends = acc.versions.run(k);
            let (ea, eb) = (ends[0], ends[1]);
            acc.pairs
                .add(outcomes.map[0][ea.outcome], outcomes.map[1][eb.outcome]);
            let (sa, sb) = (acc.versions.scratch(0), acc.versions.scratch(1));
            acc.events.add(
                sa.fired_events(),
                sb.fired_events(),
                &events.map[0],
                &events.map[1],
            );
            let mut kept = [true; 2];
            for (i, end) in [ea, eb].into_iter().enumerate() {
                acc.tallies[i].count_trial();
                kept[i] = sims[i].keeps(given[i], acc.versions.scratch_mut(i));
                if kept[i] {
                    acc.tallies[i].record(&sims[i], acc.versions.scratch(i), end);
                }
            }
            let vars = [
                acc.versions.scratch(0).vars(),
                acc.versions.scratch(1).vars(),
            ];
            acc.variables.add(vars, &var_index, kept);
            if (k + 1).is_multiple_of(CHUNK_TRIALS) || k + 1 == n {
                acc.seal();
            }
            tick(bar.as_ref(), k, n);
        },
        |x, mut y| {
            x.flush();
            y.seal();
            if let Some(t) = &mut x.totals {
                t[0].merge(&y.tallies[0]);
                t[1].merge(&y.tallies[1]);
            }
            x.pairs.merge(&y.pairs);
            x.events.merge(&y.events);
            x.variables.merge(&y.variables);
        },
        |acc| stop.is_some_and(|s| s.widest(&acc.pairs, &acc.events) <= s.target),
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    acc.flush();
    let [ra, rb] = acc
        .totals
        .take()
        .unwrap_or_else(|| [RunResult::new(a), RunResult::new(b)]);
    let outcome_count = |r: &RunResult, i: Option<usize>| i.map_or(0, |i| r.outcomes[i].count);
    let event_count = |r: &RunResult, i: Option<usize>| i.map_or(0, |i| r.events[i].fired);
    let rows = |m: Matching,
                count: &dyn Fn(&RunResult, Option<usize>) -> u64,
                pairs: &dyn Fn(usize) -> _| {
        m.ids
            .into_iter()
            .enumerate()
            .map(|(u, (id, in_a, in_b))| Difference {
                id,
                in_a,
                in_b,
                count: [count(&ra, in_a), count(&rb, in_b)],
                kept: [ra.kept, rb.kept],
                pairs: paired.then(|| pairs(u)),
            })
            .collect::<Vec<_>>()
    };
    let differences = rows(outcomes, &outcome_count, &|u| acc.pairs.outcome(u));
    let event_rows = rows(events, &event_count, &|u| acc.events.event(u));
    let v = &acc.variables;
    let variable_rows = variables
        .into_iter()
        .enumerate()
        .map(|(u, (id, _))| {
            let sides = [v.sides[0][u], v.sides[1][u]];
            MeanDifference {
                id,
                mean: sides.map(|m| (m.n > 0).then(|| m.sum / m.n as f64)),
                difference: if paired {
                    v.paired[u].difference()
                } else {
                    independent_mean_difference(&sides[0], &sides[1])
                },
                paired,
            }
        })
        .collect();
    Comparison {
        window: window_warning(a, b),
        a: ra,
        b: rb,
        differences,
        events: event_rows,
        variables: variable_rows,
    }
}
