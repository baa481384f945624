//! The Monte Carlo engine: trials, random streams and aggregation.
//!
//! - [`Simulator`] runs one trial exactly as format.md section 5 defines it, reporting to an
//!   [`Observer`]; [`run`] and [`trace`] share it, so trial K of a trace is trial K of the run.
//! - [`run`] runs many trials in parallel over fixed-size chunks, tallies each chunk alone and
//!   merges the tallies in chunk order, so results are bit-identical for any thread count.
//! - [`fold_trials`] exposes the same chunked, ordered map-reduce to the analysis commands,
//!   which pair it with [`Simulator`], [`TrialKeys`] and their own observers.
//!
//! Randomness: trial `k` of a run with seed `s` uses the key [`trial_key`]`(s, k)`; inside the
//! trial each event draws from its own sub-streams (keyed by its id), so scenarios that differ in
//! one event share every other draw (common random numbers).

mod cond;
mod config;
mod deps;
mod observer;
mod parallel;
mod paths;
mod result;
mod rng;
mod run;
mod sample;
mod simulator;
mod step_counts;
mod trace;
mod trial;
mod values;
mod ziggurat;

pub use config::{CHUNK_TRIALS, ProbAdjust, RunConfig};
pub use observer::{NoObserver, Observer};
pub use parallel::{fold_trials, progress_bar, resolve_threads};
pub use paths::{EXACT_MAX_PATHS, PathCount, PathTally, path_hash};
pub use result::{ChunkTally, EventTally, OutcomeTally, RunResult};
pub use rng::{TrialKeys, trial_key};
pub use run::run;
pub use simulator::{NEVER, Scratch, Simulator, TrialEnd};
pub use step_counts::StepCounts;
pub use trace::{Change, Firing, Trace, TraceStep, trace, trace_with};
pub use values::{EXACT_MAX_DISTINCT, ValueSummary};
