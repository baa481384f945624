//! `brink run FILE`: the Monte Carlo run and its summary report.

use std::path::Path;
use std::time::Instant;

use super::load::load_scenario;
use super::output::emit;
use super::sim::given;
use super::{CliError, SimArgs};
use crate::engine::{
    self, BRINK_VERSION, PARTIAL_FORMAT, Partial, PartialScenario, RunConfig, RunResult,
    STREAM_VERSION, Shard, resolve_threads,
};
use crate::format::files::shown_name;
use crate::model::Model;
use crate::report::{Report, RunDocument, RunMeta, Timing, render};

pub fn run(file: &Path, shard: Option<&str>, sim: &SimArgs) -> Result<i32, CliError> {
    let settings = sim.settings_with_shard(shard)?;
    if settings.shard.is_some() && sim.output.is_none() {
        return Err(CliError::usage(
            "error: --shard needs --output: a shard writes a partial result, not a report\n\
             help: add `--output part-I.json`, then `brink merge part-*.json`",
        ));
    }
    let loaded = load_scenario(file, &sim.set, sim.quiet)?;
    let model = &loaded.model;
    let cfg = RunConfig::sampled(settings.resolve(model), given(model, sim)?);
    if let Some(shard) = settings.shard {
        let result = engine::run_chunks(model, &cfg, shard.chunks(cfg.trials));
        let part = partial(file, model, &cfg, shard, sim, result);
        emit(&part, sim.output.as_deref())?;
        return Ok(0);
    }
    let start = Instant::now();
    let result = engine::run(model, &cfg);
    let elapsed = start.elapsed();
    if let Some(g) = &sim.given
        && result.kept == 0
    {
        return Err(CliError::new(format!(
            "error: no trial satisfied --given `{g}` (0 of {} trials kept)\n\
             help: check the condition, or run more trials",
            result.trials
        )));
    }
    let meta = RunMeta {
        file: Some(shown_name(file)),
        seed: cfg.seed,
        given: sim.given.clone(),
    };
    let doc = RunDocument {
        timing: Some(Timing {
            threads: resolve_threads(cfg.threads),
            elapsed,
        }),
        ..RunDocument::new(Report::build(model, &result, &meta))
    };
    emit(&render(&doc, sim.format.into()), sim.output.as_deref())?;
    Ok(0)
}

/// The partial result of one shard, as JSON text.
fn partial(
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
