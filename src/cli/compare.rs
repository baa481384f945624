//! `brink compare A B [--set-b PATH=VALUE]`: two scenarios on the same trials.

use std::path::Path;

use super::load::load_scenario;
use super::output::emit;
use super::sim::refuse_given;
use super::{CliError, SimArgs};
use crate::analysis::compare::compare;
use crate::analysis::compare::render::{CompareDocument, Contender};
use crate::engine::RunResult;
use crate::model::Model;
use crate::report::render;

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
    let side = |model: &Model, file: &Path, own_set: &[String], run: &RunResult| {
        Contender::new(
            model,
            file.display().to_string(),
            own_set.to_vec(),
            run,
            cfg.seed,
        )
    };
    let doc = CompareDocument {
        a: side(&model_a, a, &[], &c.a),
        b: side(&model_b, b, set_b, &c.b),
        set: sim.set.clone(),
        trials: cfg.trials,
        seed: cfg.seed,
        comparison: c,
    };
    emit(&render(&doc, sim.format.into()), sim.output.as_deref())?;
    Ok(0)
}
