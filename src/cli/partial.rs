//! The partial result that `brink run --shard I/N` writes for `brink merge`.

use std::path::Path;

use super::SimArgs;
use crate::engine::{
    BRINK_VERSION, PARTIAL_FORMAT, Partial, PartialScenario, RunConfig, RunResult, STREAM_VERSION,
    Shard,
};
use crate::format::files::shown_name;
use crate::model::Model;

/// The partial result of one shard, as JSON text.
pub fn partial(
    file: &Path,
    model: &Model,
    cfg: &RunConfig,
    shard: Shard,
    sim: &SimArgs,
    result: RunResult,
) -> String {
    // Where `merge` reads the scenario again: absolute, so it may run from another folder.
    let path = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let part = Partial {
        brink_partial: PARTIAL_FORMAT,
        brink_version: BRINK_VERSION.into(),
        stream_version: STREAM_VERSION,
        scenario: PartialScenario {
            file: shown_name(file),
            path: path.display().to_string(),
            digest: model.digest.clone(),
        },
        seed: cfg.seed,
        trials: cfg.trials,
        overrides: model.overrides.clone(),
        given: sim.given.clone(),
        shard: shard.to_string(),
        result,
    };
    let mut text = serde_json::to_string(&part).unwrap_or_default();
    text.push('\n');
    text
}
