//! `brink compare`: two scenarios on the same trials, and what changes between them.
//!
//! Both run with the same seed and trial count, trial `k` of A beside trial `k` of B, so each
//! outcome's difference `P(B) - P(A)` gets its interval from the paired trials: with common
//! random numbers most trials end the same way in both, and only the trials that differ add
//! uncertainty.
//!
//! Outcomes are matched by id. An outcome that exists in only one scenario is reported with
//! probability 0 in the other (no trial can end in an outcome that does not exist), and marked
//! with the side it exists on, since a renamed outcome also looks like this.

pub mod render;

use super::paired::{Versions, tick};
use super::stats::{Interval, OutcomePairs, PairedCounts};
use crate::engine::{
    CHUNK_TRIALS, ChunkTally, RunResult, Sampling, Simulator, fold_trials, progress_bar,
};
use crate::model::Model;

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
    /// "The trial ended in this outcome", trial by trial in A and in B.
    pub counts: PairedCounts,
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
        ratio(self.counts.a, self.counts.trials)
    }

    pub fn probability_b(&self) -> f64 {
        ratio(self.counts.b, self.counts.trials)
    }

    /// `P(B) - P(A)` and its 95% interval from the paired trials.
    pub fn difference(&self) -> Interval {
        self.counts.difference()
    }
}

fn ratio(k: u64, n: u64) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
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
                acc.tallies[i].record(&sims[i], acc.versions.scratch(i), end);
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
    let differences = matched
        .into_iter()
        .enumerate()
        .map(|(u, (id, in_a, in_b))| Difference {
            id,
            in_a,
            in_b,
            counts: acc.pairs.outcome(u),
        })
        .collect();
    Comparison {
        a: ra,
        b: rb,
        differences,
    }
}
