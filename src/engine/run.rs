//! `run`: many trials of a model, tallied.

use super::config::RunConfig;
use super::observer::NoObserver;
use super::parallel::{drive_until, progress_bar};
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
    mut done: impl FnMut(&RunResult) -> bool,
) -> RunResult {
    let sim = Simulator::new(model, &cfg.adjust);
    let mut result = RunResult::new(model);
    let bar = cfg.progress.then(|| progress_bar(cfg.trials));
    drive_until(
        cfg.trials,
        cfg.threads,
        bar.as_ref(),
        || sim.scratch(),
        |s, range| {
            let mut tally = ChunkTally::new(model);
            let mut keys = TrialKeys::new(cfg.seed, range.start);
            for _ in range {
                let end = sim.simulate(keys.next_key(), s, &mut NoObserver);
                tally.count_trial();
                if cfg.given.as_ref().is_none_or(|g| sim.given_holds(g, s)) {
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
