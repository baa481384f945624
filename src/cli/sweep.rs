//! `brink sweep FILE --vary PATH=FROM:TO:N ...`: one run per grid point, same seed everywhere.

use std::path::Path;

use super::color::stderr_color;
use super::page::emit_document;
use super::partial::{sampling_settings, write_sweep_part};
use super::{CliError, Format, SimArgs, output};
use crate::analysis::graph;
use crate::analysis::precision::{NONE_KEPT_HELP, Precision};
use crate::analysis::sweep::render::{Row, SweepDocument};
use crate::analysis::sweep::{BASELINE, Grid, Role, Source, SweepConfig, SweepError, SweepPlan};
use crate::format::files::shown_name;
use crate::model::{Model, load_varied};
use crate::report::{ReportFormat, RunMeta};

/// A point whose values let no trial be kept: more trials, or a longer run, would not help.
const NEVER_KEPT_HELP: &str = "help: with these values no state the scenario can reach makes the \
     condition true, so more trials would keep none; sweep values where it can hold";

pub fn run(
    file: &Path,
    vary: &[String],
    precision: Option<&Precision>,
    shard: Option<&str>,
    sim: &SimArgs,
) -> Result<i32, CliError> {
    let grid = Grid::parse(vary).map_err(|e| CliError::new(e.to_string()))?;
    let settings = sampling_settings(file, shard, precision, sim)?;
    let cfg = SweepConfig {
        set: sim.set.clone(),
        given: sim.given.clone(),
        settings,
    };
    let plan = SweepPlan::new(Source::File(file), &grid, &cfg)
        .map_err(|e| error(e, file, &sim.set, &grid))?;
    if !sim.quiet && !plan.warnings.is_empty() {
        output::note(&plan.warnings.render(stderr_color()));
    }
    if !sim.quiet {
        let capped = plan
            .capped_warnings()
            .map_err(|e| error(e, file, &sim.set, &grid))?;
        for line in capped {
            output::note(&format!("{line}\n"));
        }
    }
    if let Some(shard) = cfg.settings.shard {
        let tallies = plan
            .run_shard(shard)
            .map_err(|e| error(e, file, &sim.set, &grid))?;
        return write_sweep_part(&plan, file, vary, shard, tallies, sim);
    }
    let meta = RunMeta {
        file: Some(shown_name(file)),
        seed: plan.seed(),
        given: sim.given.clone(),
    };
    // Every point's report for JSON; the baseline's always (the HTML page draws its chain).
    let json = sim.format().text() == Some(ReportFormat::Json);
    let make = |role: Role, model: &Model, result| {
        Row::new(json || role.is_baseline(), model, &result, &meta)
    };
    let failed = |e| error(e, file, &sim.set, &grid);
    let (swept, reached) = match precision {
        Some(p) => {
            let targets = (plan.precision_targets(&p.of))
                .map_err(|e| CliError::new(format!("error: {e}")))?;
            let (swept, reached) =
                (plan.run_to_precision((p.target, &targets), make)).map_err(failed)?;
            (swept, Some(reached))
        }
        None => (plan.run_with_baseline(make).map_err(failed)?, None),
    };
    let mut doc = SweepDocument::new(
        &plan,
        shown_name(file),
        sim.set.clone(),
        sim.given.clone(),
        swept,
    );
    if let Some(r) = reached {
        doc.trials = r.trials;
        doc.precision = Some(r.info);
    }
    if sim.format() == Format::Html {
        doc.chain = Some(graph::chain(
            plan.baseline_model(),
            doc.baseline.report.as_ref(),
        ));
    }
    emit_document(&doc, sim.format(), sim.output.as_deref())?;
    Ok(0)
}

pub(super) fn error(e: SweepError, file: &Path, set: &[String], grid: &Grid) -> CliError {
    let n = grid.len();
    let at = |point: usize| match point {
        BASELINE => "the baseline".to_string(),
        p => format!("sweep point {} of {n}", p + 1),
    };
    match e {
        SweepError::Load {
            point,
            overrides,
            diagnostics,
        } => {
            // Loaded again with the point's values as `--vary`, so that an error in them
            // points at the option the user wrote them in (the sweep loads them as overrides).
            let diagnostics = match overrides.strip_prefix(set) {
                Some(vary) => load_varied(file, set, vary).err().unwrap_or(diagnostics),
                None => diagnostics,
            };
            let mut text = diagnostics.render(stderr_color());
            text.push_str(&format!(
                "error: {} refused at {} ({})\n",
                shown_name(file),
                at(point),
                overrides.join(", ")
            ));
            CliError::new(text)
        }
        SweepError::Value {
            axis,
            value,
            index,
            n,
            message,
        } => CliError::new(format!(
            "error: --vary `{axis}`: point {index} of {n} is {value}, which does not fit: {message}"
        )),
        SweepError::Path { path, message } => {
            CliError::new(format!("error: --vary `{path}` cannot be swept: {message}"))
        }
        SweepError::NoneKept {
            point,
            overrides,
            precision,
            never,
        } => CliError::new(format!(
            "error: --given or the scenario's given kept none of the trials at {} ({})\n{}",
            at(point),
            overrides.join(", "),
            match (never, precision) {
                (true, _) => NEVER_KEPT_HELP,
                (false, true) => NONE_KEPT_HELP,
                (false, false) => "help: loosen the condition, or run more trials",
            }
        )),
    }
}
