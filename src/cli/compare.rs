//! `brink compare A [B] [--set-b PATH=VALUE] [--given EXPR]`: two scenarios on the same trials.

use std::path::Path;

use super::load::load_scenario;
use super::page::emit_document;
use super::sim::{MORE_TRIALS, given};
use super::{CliError, Format, SimArgs, output};
use crate::analysis::compare::render::{CompareDocument, Contender};
use crate::analysis::compare::{compare_given, compare_to_precision};
use crate::analysis::graph;
use crate::analysis::precision::{DEFAULT_CAP, NONE_KEPT_HELP, Precision};
use crate::engine::RunResult;
use crate::format::files::shown_name;
use crate::model::{Model, combined_given};

/// B: the file given, else A itself when `--set-b` changes it (one file compared with itself
/// under a change is the common question, "what if South Korea sends arms?"). The help names
/// one of A's events, so that it runs as written.
fn second<'p>(
    a: &'p Path,
    b: Option<&'p Path>,
    set_b: &[String],
    model_a: &Model,
) -> Result<&'p Path, CliError> {
    match b {
        Some(b) => Ok(b),
        None if !set_b.is_empty() => Ok(a),
        None => Err(CliError::usage(format!(
            "error: compare needs a second scenario, or a change to the first\n\
             help: `brink compare {a} OTHER.toml`, or `brink compare {a} --set-b \
             events.{id}.probability=0.3` to compare it with itself under a change",
            a = shown_name(a),
            id = model_a.events.first().map_or("ID", |e| e.id.as_str())
        ))),
    }
}

pub fn run(
    a: &Path,
    b: Option<&Path>,
    set_b: &[String],
    precision: Option<&Precision>,
    sim: &SimArgs,
) -> Result<i32, CliError> {
    let mut settings = sim.settings()?;
    if precision.is_some() {
        // The cap: --trials, else a fixed one; never the file's count.
        settings.trials = Some(settings.trials.unwrap_or(DEFAULT_CAP));
    }
    let model_a = load_scenario(a, &sim.set, sim.quiet)?.model;
    let b = second(a, b, set_b, &model_a)?;
    let mut b_set = sim.set.clone();
    b_set.extend(set_b.iter().cloned());
    let model_b = load_scenario(b, &b_set, sim.quiet)?.model;
    // `--given` is compiled against each side: an id it names must exist in both.
    let (given_a, given_b) = (given(&model_a, sim)?, given(&model_b, sim)?);
    // Both sides run on A's trials and seed unless the command line sets them.
    let cfg = settings.resolve(&model_a);
    let given = [given_a.as_ref(), given_b.as_ref()];
    let (c, reached) = match precision {
        Some(p) => {
            let (c, info) = compare_to_precision(&model_a, &model_b, &cfg, given, p)
                .map_err(|e| CliError::new(format!("error: {e}")))?;
            (c, Some(info))
        }
        None => (compare_given(&model_a, &model_b, &cfg, given), None),
    };
    for (side, model, run) in [("A", &model_a, &c.a), ("B", &model_b, &c.b)] {
        if let Some((g, _)) = combined_given(model, sim.given.as_deref())
            && run.kept == 0
        {
            return Err(CliError::new(format!(
                "error: no trial of {side} satisfied `{g}` (0 of {} trials kept)\n{}",
                run.trials,
                if precision.is_some() {
                    NONE_KEPT_HELP
                } else {
                    MORE_TRIALS
                }
            )));
        }
    }
    if let Some(w) = &c.window
        && !sim.quiet
    {
        output::note(&format!("warning: {w}\n"));
    }
    let side = |model: &Model, file: &Path, own_set: &[String], run: &RunResult| {
        Contender::new(
            model,
            shown_name(file),
            own_set.to_vec(),
            run,
            (cfg.seed, sim.given.clone()),
        )
    };
    let mut doc = CompareDocument {
        a: side(&model_a, a, &[], &c.a),
        b: side(&model_b, b, set_b, &c.b),
        set: sim.set.clone(),
        trials: c.a.trials,
        seed: cfg.seed,
        given: sim.given.clone(),
        precision: reached,
        comparison: c,
    };
    if sim.format() == Format::Html {
        for (side, model) in [(&mut doc.a, &model_a), (&mut doc.b, &model_b)] {
            side.chain = Some(graph::chain(model, Some(&side.report)));
        }
    }
    emit_document(&doc, sim.format(), sim.output.as_deref())?;
    Ok(0)
}
