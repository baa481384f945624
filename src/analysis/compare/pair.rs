//! One pair of scenarios set up to run on the same trials, cut into the pieces every way of
//! running it needs: a chunk's tally, the merge of two tallies in chunk order, the differences
//! read from a tally, and the finished [`Comparison`]. `compare` folds the chunks over a trial
//! count; a sweep to a precision runs many pairs chunk by chunk in lockstep.

use std::ops::Range;

use indicatif::ProgressBar;

use super::pairs::{EventPairs, VariablePairs, match_ids};
use super::{Comparison, Difference, MeanDifference, match_outcomes, window_warning};
use crate::analysis::paired::{Versions, tick};
use crate::engine::{CHUNK_TRIALS, ChunkTally, RunResult, Simulator};
use crate::expr::Program;
use crate::model::Model;
use crate::stats::{OutcomePairs, PairedCounts, independent_mean_difference};

/// Matched items (`(id, index in A, index in B)`) and, per side, each item's matched index.
pub struct Matching {
    pub ids: Vec<(String, Option<usize>, Option<usize>)>,
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

/// Scenarios A and B, each with its `given` condition (if any), ready to run on the same
/// trials of one seed.
pub struct PairRun<'a> {
    models: [&'a Model; 2],
    sims: [Simulator<'a>; 2],
    given: [Option<&'a Program>; 2],
    pub outcomes: Matching,
    pub events: Matching,
    variables: Vec<(String, [usize; 2])>,
    var_index: Vec<[usize; 2]>,
    /// False when a `given` (a file's or the command line's) keeps different trials in A and B.
    pub paired: bool,
    seed: u64,
    /// The last trial that may run: a chunk's tally is sealed at its end.
    trials: u64,
}

/// A chunk's work, and after the first merge the running totals.
pub struct PairTally<'r, 'a> {
    versions: Versions<'r, 'a>,
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
    /// Either side's `given` has kept none of the `after` or more trials merged so far.
    pub fn starved(&self, after: u64) -> bool {
        (self.totals.iter().flatten()).any(|r| r.kept == 0 && r.trials >= after)
    }

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

    /// Adds the next chunk's tally `y` (chunks must come in chunk order).
    pub fn absorb(&mut self, mut y: Self) {
        self.flush();
        y.seal();
        if let Some(t) = &mut self.totals {
            t[0].merge(&y.tallies[0]);
            t[1].merge(&y.tallies[1]);
        }
        self.pairs.merge(&y.pairs);
        self.events.merge(&y.events);
        self.variables.merge(&y.variables);
    }

    /// A's and B's runs of a tally not yet merged with another (its own chunk only).
    fn own_runs(&self) -> [RunResult; 2] {
        let sims = self.versions.sims();
        std::array::from_fn(|i| {
            let mut r = RunResult::new(sims[i].model());
            r.merge(&self.tallies[i]);
            r
        })
    }
}

impl<'a> PairRun<'a> {
    /// `a` and `b` on trials `0..trials` of `seed`, each keeping the trials its `given`
    /// (compiled against its own model) accepts.
    pub fn new(
        a: &'a Model,
        b: &'a Model,
        (trials, seed): (u64, u64),
        given: [Option<&'a Program>; 2],
    ) -> PairRun<'a> {
        // A file's own `given` unpairs the runs as `--given` does.
        let paired = given.iter().all(Option::is_none) && a.given.is_none() && b.given.is_none();
        let variables: Vec<(String, [usize; 2])> = match_ids(&a.variables, &b.variables, |v| &v.id)
            .into_iter()
            .filter_map(|(id, i, j)| Some((id, [i?, j?])))
            .collect();
        PairRun {
            models: [a, b],
            sims: [Simulator::new(a, &[]), Simulator::new(b, &[])],
            given,
            outcomes: Matching::new(match_outcomes(a, b), [a.outcomes.len(), b.outcomes.len()]),
            events: Matching::new(
                match_ids(&a.events, &b.events, |e| &e.id),
                [a.events.len(), b.events.len()],
            ),
            var_index: variables.iter().map(|(_, ij)| *ij).collect(),
            variables,
            paired,
            seed,
            trials,
        }
    }

    /// An empty tally.
    pub fn tally(&self) -> PairTally<'_, 'a> {
        PairTally {
            versions: Versions::new(&self.sims, self.seed),
            tallies: [
                ChunkTally::new(self.models[0]),
                ChunkTally::new(self.models[1]),
            ],
            sealed: false,
            pairs: OutcomePairs::new(self.outcomes.ids.len()),
            events: EventPairs::new(self.events.ids.len()),
            variables: VariablePairs::new(self.var_index.len()),
            totals: None,
        }
    }

    /// Runs trial `k` in A and B and counts it into `acc`.
    pub fn trial(&self, acc: &mut PairTally<'_, 'a>, k: u64, bar: Option<&ProgressBar>) {
        let sims = &self.sims;
        let ends = acc.versions.run(k);
        let (ea, eb) = (ends[0], ends[1]);
        let (outcomes, events) = (&self.outcomes, &self.events);
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
            kept[i] = sims[i].keeps(self.given[i], acc.versions.scratch_mut(i));
            if kept[i] {
                acc.tallies[i].record(&sims[i], acc.versions.scratch(i), end);
            }
        }
        let vars = [
            acc.versions.scratch(0).vars(),
            acc.versions.scratch(1).vars(),
        ];
        acc.variables.add(vars, &self.var_index, kept);
        if (k + 1).is_multiple_of(CHUNK_TRIALS) || k + 1 == self.trials {
            acc.seal();
        }
        tick(bar, k, self.trials);
    }

    /// The tally of trials `range` (one chunk).
    pub fn chunk(&self, range: Range<u64>, bar: Option<&ProgressBar>) -> PairTally<'_, 'a> {
        let mut acc = self.tally();
        for k in range {
            self.trial(&mut acc, k, bar);
        }
        acc.seal();
        acc
    }

    /// The outcomes' and the events' differences, B minus A, over the trials in `acc`: paired
    /// when the runs are, else each side's kept trials.
    pub fn differences(&self, acc: &PairTally) -> (Vec<Difference>, Vec<Difference>) {
        match &acc.totals {
            Some(runs) => self.rows(runs, acc),
            None => self.rows(&acc.own_runs(), acc),
        }
    }

    fn rows(&self, runs: &[RunResult; 2], acc: &PairTally) -> (Vec<Difference>, Vec<Difference>) {
        let [ra, rb] = runs;
        let outcome_count = |r: &RunResult, i: Option<usize>| i.map_or(0, |i| r.outcomes[i].count);
        let event_count = |r: &RunResult, i: Option<usize>| i.map_or(0, |i| r.events[i].fired);
        let rows = |m: &Matching,
                    count: &dyn Fn(&RunResult, Option<usize>) -> u64,
                    pairs: &dyn Fn(usize) -> PairedCounts| {
            (m.ids.iter().enumerate())
                .map(|(u, (id, in_a, in_b))| Difference {
                    id: id.clone(),
                    in_a: *in_a,
                    in_b: *in_b,
                    count: [count(ra, *in_a), count(rb, *in_b)],
                    kept: [ra.kept, rb.kept],
                    pairs: self.paired.then(|| pairs(u)),
                })
                .collect::<Vec<_>>()
        };
        (
            rows(&self.outcomes, &outcome_count, &|u| acc.pairs.outcome(u)),
            rows(&self.events, &event_count, &|u| acc.events.event(u)),
        )
    }

    /// Both runs and their differences from the finished tally.
    pub fn finish(&self, mut acc: PairTally) -> Comparison {
        acc.flush();
        let [ra, rb] = acc.totals.take().unwrap_or_else(|| {
            [
                RunResult::new(self.models[0]),
                RunResult::new(self.models[1]),
            ]
        });
        let runs = [ra, rb];
        let (differences, events) = self.rows(&runs, &acc);
        let v = &acc.variables;
        let variables = (self.variables.iter().enumerate())
            .map(|(u, (id, _))| {
                let sides = [v.sides[0][u], v.sides[1][u]];
                MeanDifference {
                    id: id.clone(),
                    mean: sides.map(|m| (m.n > 0).then(|| m.sum / m.n as f64)),
                    difference: if self.paired {
                        v.paired[u].difference()
                    } else {
                        independent_mean_difference(&sides[0], &sides[1])
                    },
                    paired: self.paired,
                }
            })
            .collect();
        let [a, b] = runs;
        Comparison {
            window: window_warning(self.models[0], self.models[1]),
            a,
            b,
            differences,
            events,
            variables,
        }
    }
}
