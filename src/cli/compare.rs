//! `brink compare A B [--set-b PATH=VALUE]`: two scenarios on the same trials.

use std::path::Path;

use super::analysis_opts::{emit, opts, refuse_given, run_report_json};
use super::load::load_scenario;
use super::{CliError, Format, SimArgs};
use crate::analysis::compare::render::{JsonDifference, Side, View};
use crate::analysis::compare::{CompareConfig, compare};

pub fn run(a: &Path, b: &Path, set_b: &[String], sim: &SimArgs) -> Result<i32, CliError> {
    refuse_given(sim, "compare")?;
    let o = opts(sim)?;
    let model_a = load_scenario(a, &sim.set, sim.quiet)?.model;
    let mut b_set = sim.set.clone();
    b_set.extend(set_b.iter().cloned());
    let model_b = load_scenario(b, &b_set, sim.quiet)?.model;
    let cfg = CompareConfig {
        trials: o.trials.unwrap_or(model_a.trials),
        seed: o.seed.unwrap_or(model_a.seed),
        threads: o.threads,
        progress: o.progress,
    };
    let c = compare(&model_a, &model_b, &cfg);
    let text = match sim.format {
        Format::Json => {
            let doc = serde_json::json!({
                "schema_version": 1,
                "a": run_report_json(&model_a, &c.a, cfg.seed, None),
                "b": run_report_json(&model_b, &c.b, cfg.seed, None),
                "differences": c.differences.iter().map(JsonDifference::new).collect::<Vec<_>>(),
            });
            let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            text.push('\n');
            text
        }
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
