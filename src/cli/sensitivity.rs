//! `brink sensitivity FILE [--outcome ID] [--top N]`: a tornado table per outcome.

use std::path::Path;

use super::load::load_scenario;
use super::page::emit_document;
use super::partial::{sampling_settings, write_sensitivity_part};
use super::sim::{outcome_index, refuse_given};
use super::{CliError, Format, SimArgs};
use crate::analysis::precision::Precision;
use crate::analysis::sensitivity::render::SensitivityDocument;
use crate::analysis::sensitivity::{
    precision_targets, sensitivity, sensitivity_shard, sensitivity_to_precision,
};
use crate::engine::{self, RunConfig, Sampling};
use crate::format::files::shown_name;
use crate::model::Model;
use crate::report::{Report, RunMeta};

pub fn run(
    file: &Path,
    (outcome, top): (Option<&str>, Option<usize>),
    precision: Option<&Precision>,
    shard: Option<&str>,
    sim: &SimArgs,
) -> Result<i32, CliError> {
    refuse_given(sim, "sensitivity")?;
    let settings = sampling_settings(file, shard, precision, sim)?;
    let model = load_scenario(file, &sim.set, sim.quiet)?.model;
    if let Some(g) = &model.given {
        return Err(CliError::new(format!(
            "error: `brink sensitivity` does not take a scenario with `given` (`{}`)\n\
             note: sensitivity pairs trial k of every variant; conditioning would keep different \
             trials in each, and the pairs would no longer match\n\
             help: use `brink sweep` on the inputs of interest: each of its points keeps its own trials",
            g.expr
        )));
    }
    let outcomes = studied(&model, outcome)?;
    let cfg = settings.resolve(&model);
    if let Some(shard) = settings.shard {
        let tallies = sensitivity_shard(&model, &outcomes, &cfg, shard);
        return write_sensitivity_part(&model, file, (outcome, top), &cfg, shard, tallies, sim);
    }
    let (result, reached) = match precision {
        Some(p) => {
            let targets = precision_targets(&model, &outcomes, &p.of)
                .map_err(|e| CliError::new(format!("error: {e}")))?;
            let (r, info) = sensitivity_to_precision(&model, &outcomes, &cfg, (p.target, &targets));
            (r, Some(info))
        }
        None => (sensitivity(&model, &outcomes, &cfg), None),
    };
    // The HTML page draws the chain with the baseline's figures: the scenario's own run on
    // the same trials (the analysis keeps only its outcome counts), about one version's work.
    let baseline = (sim.format() == Format::Html).then(|| {
        let sampling = Sampling {
            trials: result.trials,
            progress: false,
            ..cfg
        };
        let run = engine::run(&model, &RunConfig::sampled(sampling, None));
        let meta = RunMeta {
            file: Some(shown_name(file)),
            seed: cfg.seed,
            given: None,
        };
        Report::build(&model, &run, &meta)
    });
    let doc = SensitivityDocument {
        model: &model,
        file: shown_name(file),
        seed: cfg.seed,
        result: &result,
        top,
        precision: reached,
        baseline,
    };
    emit_document(&doc, sim.format(), sim.output.as_deref())?;
    Ok(0)
}

/// The outcomes to study: the one named, else every outcome but the catch-all.
fn studied(model: &Model, outcome: Option<&str>) -> Result<Vec<usize>, CliError> {
    match outcome {
        Some(id) => Ok(vec![outcome_index(model, id)?]),
        None if model.outcomes.len() > 1 => Ok((0..model.catch_all()).collect()),
        None => Err(CliError::new(format!(
            "error: {} has only its catch-all outcome `{}`, which sensitivity leaves out by default\n\
             help: name it with --outcome {} to study it",
            model.name, model.outcomes[0].id, model.outcomes[0].id
        ))),
    }
}
