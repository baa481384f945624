//! `brink run FILE`: the Monte Carlo run and its summary report.

use std::path::Path;
use std::time::Instant;

use super::load::load_scenario;
use super::output::emit;
use super::sim::given;
use super::{CliError, SimArgs};
use crate::analysis::precision::{DEFAULT_CAP, Precision, run_to_precision};
use crate::engine::{self, RunConfig, resolve_threads};
use crate::format::files::shown_name;
use crate::report::{Footer, Report, RunDocument, RunMeta, Timing, render};

pub fn run(file: &Path, precision: Option<&Precision>, sim: &SimArgs) -> Result<i32, CliError> {
    let mut settings = sim.settings()?;
    if precision.is_some() {
        // The cap: --trials, else a fixed one; never the file's count.
        settings.trials = Some(settings.trials.unwrap_or(DEFAULT_CAP));
    }
    let loaded = load_scenario(file, &sim.set, sim.quiet)?;
    let model = &loaded.model;
    let cfg = RunConfig::sampled(settings.resolve(model), given(model, sim)?);
    let start = Instant::now();
    let (result, reached) = match precision {
        Some(p) => {
            let (r, info) = run_to_precision(model, &cfg, p)
                .map_err(|e| CliError::new(format!("error: {e}")))?;
            (r, Some(info))
        }
        None => (engine::run(model, &cfg), None),
    };
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
    let footer = reached.as_ref().map(|p| {
        let line = if p.cap_hit {
            format!(
                "precision: the cap of {} trials came first; a 95% half-width of {} is still \
                 above {}",
                result.trials,
                p.of.join(", "),
                p.target
            )
        } else {
            format!(
                "precision: every 95% half-width of {} is at most {} after {} trials",
                p.of.join(", "),
                p.target,
                result.trials
            )
        };
        Footer {
            table: vec![line.clone()],
            markdown: vec![line],
        }
    });
    let mut report = Report::build(model, &result, &meta);
    report.precision = reached;
    let doc = RunDocument {
        timing: Some(Timing {
            threads: resolve_threads(cfg.threads),
            elapsed,
        }),
        footer,
        ..RunDocument::new(report)
    };
    emit(&render(&doc, sim.format.into()), sim.output.as_deref())?;
    Ok(0)
}
