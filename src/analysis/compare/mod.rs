//! `brink compare`: two scenarios on the same trials, and what changes between them.
//!
//! Both run with the same seed and trial count, trial `k` of A beside trial `k` of B, so each
//! outcome's difference `P(B) - P(A)` gets its interval from the paired trials: with common
//! random numbers most trials end the same way in both, and only the trials that differ add
//! uncertainty.
//!
//! A `given` condition keeps, in each run, the trials that satisfy it, which are not the same
//! trials in A and in B: the pairs no longer match, and each difference is then the one of two
//! independent samples (each run's kept trials).
//!
//! Outcomes are matched by id. An outcome that exists in only one scenario is reported with
//! probability 0 in the other (no trial can end in an outcome that does not exist), and marked
//! with the side it exists on, since a renamed outcome also looks like this.

pub mod render;

use super::paired::{Versions, tick};
use crate::engine::{
    CHUNK_TRIALS, ChunkTally, RunResult, Sampling, Simulator, fold_trials, progress_bar,
};
use crate::expr::Program;
use crate::model::Model;
use crate::stats::{Interval, OutcomePairs, PairedCounts, independent_difference, ratio};

/// The scenario an outcome exists in, when it is not in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
}

/// One outcome, A beside B.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub id: String,
    /// Index into A's outcomes, if A has it.
    pub in_a: Option<usize>,
    /// Index into B's outcomes, if B has it.
    pub in_b: Option<usize>,
    /// Kept trials that ended in this outcome, in A and in B.
    pub count: [u64; 2],
    /// Kept trials, in A and in B (all of them without a `given`).
    pub kept: [u64; 2],
    /// "The trial ended in this outcome", trial by trial in A and in B; `None` when a `given`
    /// kept different trials in each run.
    pub pairs: Option<PairedCounts>,
}

impl Difference {
    /// `None` when the outcome is in both.
    pub fn only_in(&self) -> Option<Side> {
        match (self.in_a, self.in_b) {
            (Some(_), None) => Some(Side::A),
            (None, Some(_)) => Some(Side::B),
            _ => None,
        }
    }

    pub fn probability_a(&self) -> f64 {
        ratio(self.count[0], self.kept[0])
    }

    pub fn probability_b(&self) -> f64 {
        ratio(self.count[1], self.kept[1])
    }

    /// `P(B) - P(A)` and its 95% interval: from the paired trials when the runs are paired,
    /// else from each run's kept trials as independent samples.
    pub fn difference(&self) -> Interval {
        match &self.pairs {
            Some(p) => p.difference(),
            None => self.independent_difference(),
        }
    }

    /// The same difference as if A and B had run on independent trials (wider when they are
    /// paired: the gap is what pairing buys).
    pub fn independent_difference(&self) -> Interval {
        independent_difference(self.count[0], self.kept[0], self.count[1], self.kept[1])
    }
}

/// Both runs and the outcome differences: A's outcomes in A's order, then those only in B.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub a: RunResult,
    pub b: RunResult,
    pub differences: Vec<Difference>,
}

/// The outcomes of A and B matched by id: `(id, index in A, index in B)`.
pub fn match_outcomes(a: &Model, b: &Model) -> Vec<(String, Option<usize>, Option<usize>)> {
    let mut out: Vec<(String, Option<usize>, Option<usize>)> = a
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (
                o.id.clone(),
                Some(i),
                b.outcomes.iter().position(|x| x.id == o.id),
            )
        })
        .collect();
    for (j, o) in b.outcomes.iter().enumerate() {
        if !a.outcomes.iter().any(|x| x.id == o.id) {
            out.push((o.id.clone(), None, Some(j)));
        }
    }
    out
}

/// A chunk's work, and after the first merge the running totals.
struct PairTally<'a, 'm> {
    versions: Versions<'a, 'm>,
    tallies: [ChunkTally; 2],
    /// The tallies are sealed (sorting their values: done once, at the chunk's end, in the
    /// worker; sealing twice would lose them).
    sealed: bool,
    pairs: OutcomePairs,
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

/// Runs `a` and `b` on the same trials, each keeping only the trials that satisfy its `given`
/// condition (compiled against its own model), if any. With a condition on either side the
/// differences are unpaired.
pub fn compare_given(
    a: &Model,
    b: &Model,
    cfg: &Sampling,
    given: [Option<&Program>; 2],
) -> Comparison {
    let paired = given.iter().all(Option::is_none);
    let sims = [Simulator::new(a, &[]), Simulator::new(b, &[])];
    let matched = match_outcomes(a, b);
    let mut map_a = vec![0; a.outcomes.len()];
    let mut map_b = vec![0; b.outcomes.len()];
    for (u, (_, ia, ib)) in matched.iter().enumerate() {
        if let Some(i) = ia {
            map_a[*i] = u;
        }
        if let Some(j) = ib {
            map_b[*j] = u;
        }
    }
    let n = cfg.trials;
    let bar = cfg.progress.then(|| progress_bar(n));
    let mut acc = fold_trials(
        n,
        cfg.threads,
        || PairTally {
            versions: Versions::new(&sims, cfg.seed),
            tallies: [ChunkTally::new(a), ChunkTally::new(b)],
            sealed: false,
            pairs: OutcomePairs::new(matched.len()),
            totals: None,
        },
        |acc, k| {
            let ends = acc.versions.run(k);
            let (ea, eb) = (ends[0], ends[1]);
            acc.pairs.add(map_a[ea.outcome], map_b[eb.outcome]);
            for (i, end) in [ea, eb].into_iter().enumerate() {
                acc.tallies[i].count_trial();
                let kept =
                    given[i].is_none_or(|g| sims[i].given_holds(g, acc.versions.scratch_mut(i)));
                if kept {
                    acc.tallies[i].record(&sims[i], acc.versions.scratch(i), end);
                }
            }
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
        },
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    acc.flush();
    let [ra, rb] = acc
        .totals
        .take()
        .unwrap_or_else(|| [RunResult::new(a), RunResult::new(b)]);
    let count = |r: &RunResult, i: Option<usize>| i.map_or(0, |i| r.outcomes[i].count);
    let differences = matched
        .into_iter()
        .enumerate()
        .map(|(u, (id, in_a, in_b))| Difference {
            id,
            in_a,
            in_b,
            count: [count(&ra, in_a), count(&rb, in_b)],
            kept: [ra.kept, rb.kept],
            pairs: paired.then(|| acc.pairs.outcome(u)),
        })
        .collect();
    Comparison {
        a: ra,
        b: rb,
        differences,
    }
}
