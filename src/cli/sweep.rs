//! `brink sweep FILE --vary PATH=FROM:TO:N ...`: one run per grid point, same seed everywhere.

use std::path::Path;

use super::color::stderr_color;
use super::output::{emit, json_text};
use super::{CliError, Format, SimArgs};
use crate::analysis::sweep::Grid;
use serde::Serialize;

use crate::analysis::sweep::render::{Row, Values, View};
use crate::analysis::sweep::{Plan, Point, Source, SweepConfig, SweepError};
use crate::report::{Report, RunMeta};

pub fn run(file: &Path, vary: &[String], sim: &SimArgs) -> Result<i32, CliError> {
    let grid = Grid::parse(vary).map_err(|e| CliError::new(e.to_string()))?;
    let cfg = SweepConfig {
        set: sim.set.clone(),
        given: sim.given.clone(),
        settings: sim.settings()?,
    };
    let plan = Plan::new(Source::File(file), &grid, &cfg).map_err(|e| error(e, file, &grid))?;
    if !sim.quiet && !plan.warnings.is_empty() {
        eprint!("{}", plan.warnings.render(stderr_color()));
    }
    let points = plan
        .run(|model, result| point_output(model, &result, file, sim, plan.seed()))
        .map_err(|e| error(e, file, &grid))?;

    let paths: Vec<String> = grid.axes.iter().map(|a| a.path.clone()).collect();
    let text = match sim.format {
        Format::Json => json(&paths, &points),
        _ => {
            let mut view = View::new(
                plan.base(),
                file.display().to_string(),
                paths,
                plan.trials(),
                plan.seed(),
            );
            view.set = sim.set.clone();
            view.given = sim.given.clone();
            view.rows = points
                .into_iter()
                .map(|p| Row {
                    values: p.values,
                    ..p.output.row
                })
                .collect();
            match sim.format {
                Format::Markdown => view.markdown(),
                Format::Csv => view.csv(),
                _ => view.table(),
            }
        }
    };
    emit(&text, sim.output.as_deref())?;
    Ok(0)
}

/// What is kept of a point: its table row, and its run report for JSON.
struct PointOutput {
    row: Row,
    report: Option<Report>,
}

fn point_output(
    model: &crate::model::Model,
    result: &crate::engine::RunResult,
    file: &Path,
    sim: &SimArgs,
    seed: u64,
) -> PointOutput {
    // The report `brink run --set` gives for this point, so the two can be compared as text.
    let meta = RunMeta {
        file: Some(file.display().to_string()),
        seed,
        given: sim.given.clone(),
    };
    PointOutput {
        row: Row::new(Vec::new(), result),
        report: (sim.format == Format::Json).then(|| Report::build(model, result, &meta)),
    }
}

/// `{"schema_version": 1, "points": [{"values": {PATH: v}, "report": <run report>}]}`, with
/// the values in `--vary` order.
fn json(paths: &[String], points: &[Point<PointOutput>]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema_version: u32,
        points: Vec<JsonPoint<'a>>,
    }
    #[derive(Serialize)]
    struct JsonPoint<'a> {
        values: Values<'a>,
        report: &'a Option<Report>,
    }
    let doc = Doc {
        schema_version: 1,
        points: points
            .iter()
            .map(|p| JsonPoint {
                values: Values {
                    paths,
                    values: &p.values,
                },
                report: &p.output.report,
            })
            .collect(),
    };
    json_text(&doc)
}

fn error(e: SweepError, file: &Path, grid: &Grid) -> CliError {
    let n = grid.len();
    match e {
        SweepError::Load {
            point,
            overrides,
            diagnostics,
        } => {
            let mut text = diagnostics.render(stderr_color());
            text.push_str(&format!(
                "error: {} refused at sweep point {} of {n} ({})\n",
                file.display(),
                point + 1,
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
        SweepError::NoneKept { point, overrides } => CliError::new(format!(
            "error: --given kept none of the trials at sweep point {} of {n} ({})\n\
             help: loosen the condition, or run more trials",
            point + 1,
            overrides.join(", ")
        )),
    }
}
