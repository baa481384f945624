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

mod html;
mod pair;
mod pairs;
pub mod render;
mod run;
mod window;

pub use pair::{PairRun, PairTally};
pub use pairs::match_ids;
pub use run::{Targets, compare, compare_given, compare_to_precision};
pub use window::window_warning;

use crate::engine::RunResult;
use crate::model::Model;
use crate::stats::{Interval, PairedCounts, independent_difference, ratio};

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

/// One outcome or event, A beside B: "the trial ended in it" or "it fired in the trial".
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Difference {
    pub id: String,
    /// Index into A's outcomes, if A has it.
    pub in_a: Option<usize>,
    /// Index into B's outcomes, if B has it.
    pub in_b: Option<usize>,
    /// Kept trials that ended in this outcome (in which this event fired), in A and in B.
    pub count: [u64; 2],
    /// Kept trials, in A and in B (all of them without a `given`).
    pub kept: [u64; 2],
    /// The same, trial by trial in A and in B; `None` when a `given` kept different trials in
    /// each run.
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

/// One variable in both scenarios: its mean at the end of the trial in A and in B.
#[derive(Clone, Debug, PartialEq)]
pub struct MeanDifference {
    pub id: String,
    /// Over the kept trials; `None` when a side kept none.
    pub mean: [Option<f64>; 2],
    /// `mean(B) - mean(A)` and its 95% interval: the paired t interval on paired runs, Welch's
    /// on unpaired ones; `None` with fewer than two kept trials on a side.
    pub difference: Option<Interval>,
    /// Whether the trials were paired.
    pub paired: bool,
}

/// Both runs and their differences, each list in A's order then what is only in B.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub a: RunResult,
    pub b: RunResult,
    pub differences: Vec<Difference>,
    /// Events: "fired at least once in the trial".
    pub events: Vec<Difference>,
    /// Variables in both scenarios (one found in a single scenario has no mean in the other).
    pub variables: Vec<MeanDifference>,
    /// Said when A and B cover different time windows.
    pub window: Option<String>,
}

/// The outcomes of A and B matched by id: `(id, index in A, index in B)`.
pub fn match_outcomes(a: &Model, b: &Model) -> Vec<(String, Option<usize>, Option<usize>)> {
    match_ids(&a.outcomes, &b.outcomes, |o| &o.id)
}
