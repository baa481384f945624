//! `brink compare A B [--set-b PATH=VALUE]`: two scenarios on the same trials.

use std::path::Path;

use super::load::load_scenario;
use super::output::{emit, json_text};
use super::sim::refuse_given;
use super::{CliError, Format, SimArgs};
use crate::analysis::compare::compare;
use crate::analysis::compare::render::{JsonDifference, Side, View};
use crate::report::{Report, RunMeta};
use serde::Serialize;

pub fn run(a: &Path, b: &Path, set_b: &[String], sim: &SimArgs) -> Result<i32, CliError> {
    refuse_given(sim, "compare")?;
    let settings = sim.settings()?;
    let model_a = load_scenario(a, &sim.set, sim.quiet)?.model;
    let mut b_set = sim.set.clone();
    b_set.extend(set_b.iter().cloned());
    let model_b = load_scenario(b, &b_set, sim.quiet)?.model;
    // Both sides run on A's trials and seed unless the command line sets them.
    let cfg = settings.resolve(&model_a);
    let c = compare(&model_a, &model_b, &cfg);
    let text = match sim.format {
        Format::Json => json_text(&Doc {
            schema_version: 1,
            a: Report::build(&model_a, &c.a, &meta(a, cfg.seed)),
            b: Report::build(&model_b, &c.b, &meta(b, cfg.seed)),
            differences: c.differences.iter().map(JsonDifference::new).collect(),
        }),
        format => {
            let view = View {
                a: Side {
                    name: model_a.name.clone(),
                    file: a.display().to_string(),
                    own_set: Vec::new(),
                },
                b: Side {
                    name: model_b.name.clone(),
                    file: b.display().to_string(),
                    own_set: set_b.to_vec(),
                },
                set: sim.set.clone(),
                trials: cfg.trials,
                seed: cfg.seed,
                comparison: &c,
            };
            match format {
                Format::Markdown => view.markdown(),
                Format::Csv => view.csv(),
                _ => view.table(),
            }
        }
    };
    emit(&text, sim.output.as_deref())?;
    Ok(0)
}

/// `{"schema_version": 1, "a": <run report>, "b": <run report>, "differences": [...]}`.
#[derive(Serialize)]
struct Doc {
    schema_version: u32,
    a: Report,
    b: Report,
    differences: Vec<JsonDifference>,
}

/// A side's report is the one `brink run` gives for it with the shared seed (never `--given`,
/// which compare refuses).
fn meta(file: &Path, seed: u64) -> RunMeta {
    RunMeta {
        file: Some(file.display().to_string()),
        seed,
        given: None,
    }
}
