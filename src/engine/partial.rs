//! The partial result a shard writes: one tally for all its trials, and what identifies the run
//! it belongs to (the scenario's digest, seed, trials, overrides, given, shard, brink's version and
//! the stream version), so that parts of different runs are never mixed.

use serde::{Deserialize, Serialize};

use super::result::RunResult;

/// The version of the random streams: trial `k` of seed `s` draws the same numbers in every
/// brink with the same stream version. Raise it whenever a change moves any draw. Reports carry
/// it so that numbers from different versions are not compared as if they should match, and
/// parts of other versions are refused. Version 2: normals by ziggurat (gamma, Beta and PERT
/// draws follow), Poisson means from 10 to 1000 by tabled inversion, and the per-step chance of
/// an `over` probability from one logarithm.
pub const STREAM_VERSION: u32 = 2;

/// The version of the partial result's layout.
pub const PARTIAL_FORMAT: u32 = 1;

/// The scenario of a partial result: as the report names it, where to read it again, and the
/// digest that says it is the same text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialScenario {
    pub file: String,
    pub path: String,
    pub digest: String,
}

/// What one shard writes: one tally for all its trials, and what identifies the run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Partial {
    pub brink_partial: u32,
    pub brink_version: String,
    pub stream_version: u32,
    pub scenario: PartialScenario,
    pub seed: u64,
    pub trials: u64,
    pub overrides: Vec<String>,
    pub given: Option<String>,
    /// `I/N`.
    pub shard: String,
    pub result: RunResult,
}

/// This brink's version, as parts record it.
pub const BRINK_VERSION: &str = env!("CARGO_PKG_VERSION");
