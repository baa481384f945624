//! The shared simulation options turned into what `run` and `trace` need: the engine's
//! [`RunConfig`] (trials and seed defaulting to the scenario's, `--given` compiled against the
//! model) and the report format. Trial count and seed are checked by
//! [`super::analysis_opts::opts`], shared with the analysis commands.

use super::analysis_opts::Opts;
use super::color::stderr_color;
use super::{CliError, Format, SimArgs};
use crate::engine::RunConfig;
use crate::expr::Program;
use crate::model::{Model, compile_given};
use crate::report::ReportFormat;

/// The report format of a `--format` value.
pub fn report_format(f: Format) -> ReportFormat {
    match f {
        Format::Table => ReportFormat::Table,
        Format::Markdown => ReportFormat::Markdown,
        Format::Json => ReportFormat::Json,
        Format::Csv => ReportFormat::Csv,
    }
}

/// `--given` compiled against `model` (outcome ids allowed); its errors point into the text.
pub fn given(model: &Model, sim: &SimArgs) -> Result<Option<Program>, CliError> {
    let Some(text) = &sim.given else {
        return Ok(None);
    };
    compile_given(model, text)
        .map(Some)
        .map_err(|d| CliError::new(d.render(stderr_color())))
}

/// The run of `model` the options ask for: command-line trials and seed win over the
/// scenario's `[scenario.run]`.
pub fn run_config(model: &Model, sim: &SimArgs, o: &Opts) -> Result<RunConfig, CliError> {
    if o.threads == Some(0) {
        return Err(CliError::new(
            "error: --threads 0: give at least one thread (or leave it out for all cores)",
        ));
    }
    Ok(RunConfig {
        trials: o.trials.unwrap_or(model.trials),
        seed: o.seed.unwrap_or(model.seed),
        threads: o.threads,
        given: given(model, sim)?,
        progress: o.progress,
        adjust: Vec::new(),
    })
}
