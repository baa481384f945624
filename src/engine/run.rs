//! `run`: many trials of a model, tallied.

use std::ops::Range;

use super::config::{CHUNK_TRIALS, RunConfig};
use super::observer::NoObserver;
use super::parallel::{drive_chunks_until, progress_bar};
use super::result::{ChunkTally, RunResult};
use super::rng::TrialKeys;
use super::simulator::Simulator;
use crate::model::Model;

/// Runs `cfg.trials` trials of `model` and aggregates them. The result depends only on the
/// model, the trial count, the seed, `given` and the adjustments, never on `threads`.
pub fn run(model: &Model, cfg: &RunConfig) -> RunResult {
    run_until(model, cfg, |_| false)
}

/// [`run`], stopping at the first chunk boundary where `done` holds for the trials so far
/// (chunks merged in chunk order), else after `cfg.trials`. The result depends on the model,
/// the cap, the seed, `given` and `done`, never on `threads`.
pub fn run_until(
    model: &Model,
    cfg: &RunConfig,
    done: impl FnMut(&RunResult) -> bool,
) -> RunResult {
    run_chunks_until(model, cfg, 0..cfg.trials.div_ceil(CHUNK_TRIALS), done)
}

/// The trials of chunks `chunks` of the run only (a shard), tallied as [`run`] tallies them.
pub fn run_chunks(model: &Model, cfg: &RunConfig, chunks: Range<u64>) -> RunResult {
    run_chunks_until(model, cfg, chunks, |_| false)
}

fn run_chunks_until(
    model: &Model,
    cfg: &RunConfig,
    chunks: Range<u64>,
    mut done: impl FnMut(&RunResult) -> bool,
) -> RunResult {
    let sim = Simulator::new(model, &cfg.adjust);
    let mut result = RunResult::new(model);
    let n =
        (chunks.end * CHUNK_TRIALS).min(cfg.trials) - (chunks.start * CHUNK_TRIALS).min(cfg.trials);
    let bar = cfg.progress.then(|| progress_bar(n));
    drive_chunks_until(
        cfg.trials,
        chunks,
        cfg.threads,
        bar.as_ref(),
        || sim.scratch(),
        |s, range| {
            let mut tally = ChunkTally::new(model);
            let mut keys = TrialKeys::new(cfg.seed, range.start);
            for _ in range {
                let end = sim.simulate(keys.next_key(), s, &mut NoObserver);
                tally.count_trial();
                if sim.keeps(cfg.given.as_ref(), s) {
                    tally.record(&sim, s, end);
                }
            }
            tally.seal();
            tally
        },
        |tally| {
            result.merge(&tally);
            !done(&result)
        },
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}
