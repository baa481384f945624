//! What a run is asked to do, beyond the model itself.

use crate::expr::Program;

/// Chunk size of the parallel runner: trials per independently tallied task. Fixed (never
/// derived from the thread count) so that results do not depend on the number of threads.
pub const CHUNK_TRIALS: u64 = 4096;

/// A per-event change of probability, for sensitivity analysis. It applies to the declared or
/// drawn probability, before `over` and modifiers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ProbAdjust {
    /// Multiply by the factor, capped at 1.
    Scale(f64),
    /// Replace by this value.
    Fixed(f64),
}

impl ProbAdjust {
    /// The adjusted probability, kept in [0, 1].
    pub fn apply(self, p: f64) -> f64 {
        let v = match self {
            ProbAdjust::Scale(f) => p * f,
            ProbAdjust::Fixed(v) => v,
        };
        v.clamp(0.0, 1.0)
    }
}

/// A run: how many trials, which seed, how many threads, and what to condition on.
#[derive(Clone, Debug)]
pub struct RunConfig {
    pub trials: u64,
    pub seed: u64,
    /// Worker threads; `None` means all cores. Results never depend on it.
    pub threads: Option<usize>,
    /// Keep only the trials whose final state satisfies this (a `--given` expression; outcome
    /// ids read as "ended in this outcome").
    pub given: Option<Program>,
    /// Show a progress bar on stderr (the caller decides: a terminal, and not `--quiet`).
    pub progress: bool,
    /// Probability adjustments, as `(event index, adjustment)`; a later entry for the same event
    /// wins.
    pub adjust: Vec<(usize, ProbAdjust)>,
}

impl RunConfig {
    /// `trials` trials from `seed` on all cores, no conditioning, no progress bar.
    pub fn new(trials: u64, seed: u64) -> RunConfig {
        RunConfig {
            trials,
            seed,
            threads: None,
            given: None,
            progress: false,
            adjust: Vec::new(),
        }
    }
}
