//! What a run is asked to do, beyond the model itself.

use super::shard::Shard;
use crate::expr::Program;
use crate::model::Model;

pub use super::chunks::CHUNK_TRIALS;

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

/// How a simulating command samples, as the user asked: validated once (by the command line) and
/// shared by every command that simulates. `None` leaves the choice to the scenario.
///
/// New sampling options (a target precision, a shard of the trials) belong here, so that every
/// command gets them and resolves them by the same rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub trials: Option<u64>,
    pub seed: Option<u64>,
    /// Worker threads; `None` means all cores. Results never depend on it.
    pub threads: Option<usize>,
    /// Show a progress bar on stderr (the caller decides: a terminal, and not `--quiet`).
    pub progress: bool,
    /// Run only this shard of the trials (`run --shard`).
    pub shard: Option<Shard>,
}

impl Settings {
    /// These settings with `trials` and `seed` filling what they leave open (an `[[expect]]`
    /// block's own values sit between the command line and the scenario).
    pub fn or(self, trials: Option<u64>, seed: Option<u64>) -> Settings {
        Settings {
            trials: self.trials.or(trials),
            seed: self.seed.or(seed),
            ..self
        }
    }

    /// The one rule: what was asked for, else the scenario's `[scenario.run]`.
    pub fn resolve(&self, model: &Model) -> Sampling {
        Sampling {
            trials: self.trials.unwrap_or(model.trials),
            seed: self.seed.unwrap_or(model.seed),
            threads: self.threads,
            progress: self.progress,
        }
    }
}

/// [`Settings`] resolved against a scenario: how many trials, from which seed, on how many
/// threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sampling {
    pub trials: u64,
    pub seed: u64,
    /// Worker threads; `None` means all cores. Results never depend on it.
    pub threads: Option<usize>,
    /// Show a progress bar on stderr.
    pub progress: bool,
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

    /// A run as `sampling` says, conditioned on `given`.
    pub fn sampled(sampling: Sampling, given: Option<Program>) -> RunConfig {
        RunConfig {
            trials: sampling.trials,
            seed: sampling.seed,
            threads: sampling.threads,
            given,
            progress: sampling.progress,
            adjust: Vec::new(),
        }
    }
}
