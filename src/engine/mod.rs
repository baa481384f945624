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
//!
//! An analysis with its own per-trial accumulator, for instance the share of trials in which two
//! versions of a scenario end differently (trial `k` of each uses the same key):
//!
//! ```
//! use brink::engine::{NoObserver, Simulator, fold_trials, trial_key};
//! # let text = "[scenario]\nname = \"x\"\nhorizon = 3\n[[actors]]\nid = \"a\"\nname = \"A\"\n\
//! #   [[events]]\nid = \"e\"\nactor = \"a\"\nprobability = 0.5\n\
//! #   [[outcomes]]\nid = \"hit\"\nwhen = \"e\"\n[[outcomes]]\nid = \"other\"\n";
//! # let model_a = brink::model::load_str("a.toml", text, &[]).unwrap().model;
//! # let set = ["events.e.probability=0.6".to_string()];
//! # let model_b = brink::model::load_str("b.toml", text, &set).unwrap().model;
//! let (a, b) = (Simulator::new(&model_a, &[]), Simulator::new(&model_b, &[]));
//! let differ = fold_trials(
//!     10_000,
//!     None,
//!     || (0u64, a.scratch(), b.scratch()),
//!     |(count, sa, sb), k| {
//!         let key = trial_key(7, k); // or TrialKeys, to read keys in order
//!         let ea = a.simulate(key, sa, &mut NoObserver);
//!         let eb = b.simulate(key, sb, &mut NoObserver);
//!         *count += u64::from(ea.outcome != eb.outcome);
//!     },
//!     |x, y| x.0 += y.0,
//! );
//! assert!(differ.0 > 0 && differ.0 < 10_000);
//! ```

/// The evaluation context of a running trial (a macro, so that the borrow is of the fields and
/// the stack can be borrowed mutably beside it).
macro_rules! ctx {
    ($v:expr, $step:expr) => {
        EvalCtx {
            flags: &*$v.flags,
            vars: &*$v.vars,
            params: &*$v.params,
            times: &*$v.times,
            last_fired: &*$v.last_fired,
            first_fired: &*$v.first_fired,
            step: $step,
            outcome: u32::MAX,
        }
    };
}

mod actions;
mod calendar;
mod chance;
mod chunks;
mod computed;
mod cond;
mod config;
mod cuts;
mod deps;
mod drawn;
mod exact_math;
mod exact_sum;
mod firing;
mod fresh_scratch;
#[cfg(test)]
mod gof;
mod hazard;
mod list;
mod normal;
mod numbers;
mod observed;
mod observer;
mod parallel;
mod params;
mod partial;
mod paths;
mod poisson;
mod poisson_memo;
mod replay;
mod reset;
mod result;
mod result_checks;
mod rng;
mod run;
mod sample;
mod scratch;
mod shard;
mod simulator;
mod slices;
mod step_counts;
mod timer;
mod trace;
mod trial;
mod value_batch;
mod value_keys;
mod values;
mod ziggurat;

pub use config::{CHUNK_TRIALS, ProbAdjust, RunConfig, Sampling, Settings};
pub use hazard::NEVER;
pub use numbers::Repairs;
pub use observer::{Look, NoObserver, Observer};
pub use parallel::{
    MAX_THREADS, drive_items_until, fold_trials, fold_trials_until, pool, progress_bar,
    resolve_threads, threads_for,
};
pub use partial::{BRINK_VERSION, STREAM_VERSION};
pub use paths::{EXACT_MAX_PATHS, PathCount, PathTally, path_hash};
pub use result::{ChunkTally, EventTally, OutcomeTally, RunResult};
pub use rng::{TrialKeys, trial_key};
pub use run::{run, run_chunks, run_until};
pub use scratch::{Scratch, TrialEnd};
pub use shard::Shard;
pub use simulator::Simulator;
pub use step_counts::StepCounts;
pub use trace::{Change, Firing, Trace, TraceStep, find_trial, trace, trace_with};
pub use values::{EXACT_MAX_DISTINCT, ValueSummary};
