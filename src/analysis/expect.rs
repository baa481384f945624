//! Scenario tests (format.md section 7): run each `[[expect]]` block of a file and compare the
//! run's point estimate with its pinned range.
//!
//! Each expectation is its own run: the file reloaded with the block's `set` overrides, its own
//! `trials` and `seed` (the command line's settings win over both), and its `given` condition.

use std::path::{Path, PathBuf};

use crate::engine::{self, RunConfig, Settings};
use crate::format::Diagnostics;
use crate::model::{self, Expect, ExpectTarget};

/// The verdict on one `[[expect]]` block.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExpectResult {
    /// `file:line:col` of the block.
    pub location: String,
    /// `"outcome"` or `"event"`.
    pub kind: &'static str,
    pub id: String,
    pub range: [f64; 2],
    /// The run's estimate; `None` when the run could not be made (see `error`).
    pub estimate: Option<f64>,
    pub trials: u64,
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
/// from each block, then from the scenario). Errors in the file itself come back as
/// diagnostics; problems of a single block make that block fail.
pub fn run_file(path: &Path, settings: Settings) -> Result<Vec<ExpectResult>, Diagnostics> {
    let loaded = model::load(path, &[])?;
    Ok(loaded
        .model
        .expects
        .iter()
        .map(|expect| run_one(path, expect, settings))
        .collect())
}

fn run_one(path: &Path, expect: &Expect, settings: Settings) -> ExpectResult {
    let kind = match expect.target {
        ExpectTarget::Outcome(_) => "outcome",
        ExpectTarget::Event(_) => "event",
    };
    let mut result = ExpectResult {
        location: expect.location.clone(),
        kind,
        id: expect.target_id.clone(),
        range: [expect.lo, expect.hi],
        estimate: None,
        trials: 0,
        seed: 0,
        kept: 0,
        given: expect.given.clone(),
        set: expect.set.clone(),
        passed: false,
        error: None,
    };
    let model = match model::load(path, &expect.set) {
        Ok(loaded) => loaded.model,
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
    result.seed = sampling.seed;
    let cfg = RunConfig::sampled(sampling, given);
    let run = engine::run(&model, &cfg);
    result.kept = run.kept;
    if run.kept == 0 {
        result.error = Some("no trial satisfied `given`".to_string());
        return result;
    }
    // The target is found by id: the block's overrides may not move it, but be safe.
    let count = match kind {
        "outcome" => model
            .outcomes
            .iter()
            .position(|o| o.id == expect.target_id)
            .map(|i| run.outcomes[i].count),
        _ => model
            .events
            .iter()
            .position(|e| e.id == expect.target_id)
            .map(|i| run.events[i].fired),
    };
    let Some(count) = count else {
        result.error = Some(format!("`{}` is not in the scenario", expect.target_id));
        return result;
    };
    let estimate = count as f64 / run.kept as f64;
    result.estimate = Some(estimate);
    result.passed = expect.lo <= estimate && estimate <= expect.hi;
    result
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
