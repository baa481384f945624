//! Scenario tests (docs/language.md): run each `[[expect]]` block of a file and compare the
//! run's point estimate with its pinned range.
//!
//! Each expectation is its own run: the file reloaded with the block's `set` overrides, its own
//! `trials` and `seed` (the command line's settings win over both), and its `given` condition.

use std::path::{Path, PathBuf};

use crate::engine::{self, RunConfig, Settings};
use crate::expr::Program;
use crate::format::Diagnostics;
use crate::model::{self, Expect, ExpectTarget};

/// The verdict on one `[[expect]]` block.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExpectResult {
    /// `file:line:col` of the block.
    pub location: String,
    /// `"outcome"`, `"event"`, `"holds"` (the id is the condition) or `"variable"` (the estimate
    /// and range are of its mean at the end).
    pub kind: &'static str,
    pub id: String,
    pub range: [f64; 2],
    /// The run's estimate; `None` when the run could not be made (see `error`).
    pub estimate: Option<f64>,
    pub trials: u64,
    /// The trials the block runs without the command line's `--trials` (its own, else the
    /// scenario's): a pin's range is set for those.
    #[serde(skip)]
    pub trials_written: u64,
    pub seed: u64,
    /// Trials that satisfied `given` (all of them without it).
    pub kept: u64,
    pub given: Option<String>,
    pub set: Vec<String>,
    pub passed: bool,
    /// Why the expectation could not be judged (its overrides or `given` do not fit, or no trial
    /// satisfied `given`).
    pub error: Option<String>,
}

/// Loads `path` and runs each of its expectations with `settings` (what they leave open comes
/// from each block, then from the scenario), giving the file's warnings beside the results.
/// Errors in the file itself come back as diagnostics; problems of a single block make that
/// block fail.
pub fn run_file(
    path: &Path,
    settings: Settings,
) -> Result<(Vec<ExpectResult>, Diagnostics), Diagnostics> {
    let loaded = model::load(path, &[])?;
    let results = (loaded.model.expects.iter())
        .map(|expect| run_one(path, expect, settings))
        .collect();
    Ok((results, loaded.warnings))
}

fn run_one(path: &Path, expect: &Expect, settings: Settings) -> ExpectResult {
    let kind = match expect.target {
        ExpectTarget::Outcome(_) => "outcome",
        ExpectTarget::Event(_) => "event",
        ExpectTarget::Holds(_) => "holds",
        ExpectTarget::VariableMean(_) => "variable",
    };
    let mut result = ExpectResult {
        location: expect.location.clone(),
        kind,
        id: expect.target_id.clone(),
        range: [expect.lo, expect.hi],
        estimate: None,
        trials: 0,
        trials_written: 0,
        seed: 0,
        kept: 0,
        given: expect.given.clone(),
        set: expect.set.clone(),
        passed: false,
        error: None,
    };
    let model = match model::Input::File(path).load_model(&expect.set) {
        Ok(model) => model,
        Err(diags) => {
            result.error = Some(diags.render(false));
            return result;
        }
    };
    let given = match &expect.given {
        None => None,
        Some(text) => match model::compile_given(&model, text) {
            Ok(program) => Some(program),
            Err(diags) => {
                result.error = Some(diags.render(false));
                return result;
            }
        },
    };
    let sampling = settings.or(expect.trials, expect.seed).resolve(&model);
    result.trials = sampling.trials;
    result.trials_written = expect.trials.unwrap_or(model.trials);
    result.seed = sampling.seed;
    if given
        .as_ref()
        .is_some_and(|g| model::never_holds(&model, g))
    {
        result.error = Some(
            "`given` can never hold: no state the scenario can reach makes it true, so no trial \
             would be kept"
                .to_string(),
        );
        return result;
    }
    let cfg = RunConfig::sampled(sampling, given.clone());
    let run = engine::run(&model, &cfg);
    result.kept = run.kept;
    if run.kept == 0 {
        result.error = Some("no trial satisfied `given`".to_string());
        return result;
    }
    // The target is found by id: the block's overrides may not move it, but be safe.
    let id = expect.target_id.as_str();
    let estimate = match kind {
        "outcome" => index_of(model.outcomes.iter().map(|o| &o.id), id)
            .map(|i| run.outcomes[i].count as f64 / run.kept as f64),
        "event" => index_of(model.events.iter().map(|e| &e.id), id)
            .map(|i| run.events[i].fired as f64 / run.kept as f64),
        "variable" => index_of(model.variables.iter().map(|v| &v.id), id)
            .and_then(|i| run.variables[i].mean()),
        _ => holds_share(&model, expect, given.as_ref(), cfg, run.kept),
    };
    let Some(estimate) = estimate else {
        result.error = Some(format!("`{}` is not in the scenario", expect.target_id));
        return result;
    };
    result.estimate = Some(estimate);
    result.passed = expect.lo <= estimate && estimate <= expect.hi;
    result
}

fn index_of<'a>(mut ids: impl Iterator<Item = &'a String>, id: &str) -> Option<usize> {
    ids.position(|i| i == id)
}

/// The share of the `kept` trials in which `holds` held at the end: the same trials run again,
/// keeping those where the block's `given` and `holds` both hold (same seed, same trials).
fn holds_share(
    model: &model::Model,
    expect: &Expect,
    given: Option<&Program>,
    mut cfg: RunConfig,
    kept: u64,
) -> Option<f64> {
    let text = match given {
        Some(g) => format!("({}) and ({})", g.source, expect.target_id),
        None => expect.target_id.clone(),
    };
    cfg.given = Some(model::compile_given(model, &text).ok()?);
    Some(engine::run(model, &cfg).kept as f64 / kept as f64)
}

/// The scenario files named by `paths`: files as given, folders searched (recursively) for
/// `*.toml`, each folder's files in name order.
pub fn collect_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files)?;
        } else if entry.extension().is_some_and(|x| x == "toml") {
            files.push(entry);
        }
    }
    Ok(())
}
