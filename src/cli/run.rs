//! `brink run FILE`: the Monte Carlo run and its summary report.

use std::path::Path;
use std::time::Instant;

use super::load::load_scenario;
use super::output::emit;
use super::sim::given;
use super::{CliError, SimArgs};
use crate::engine::{self, RunConfig, resolve_threads};
use crate::format::files::shown_name;
use crate::report::{Report, RunDocument, RunMeta, Timing, render};

pub fn run(file: &Path, sim: &SimArgs) -> Result<i32, CliError> {
    let settings = sim.settings()?;
    let loaded = load_scenario(file, &sim.set, sim.quiet)?;
    let model = &loaded.model;
    let cfg = RunConfig::sampled(settings.resolve(model), given(model, sim)?);
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
