//! `brink test PATHS...`: run every `[[expect]]` and exit 1 if any fails. Each file's lines go
//! to stderr as it runs (unless `--quiet` or JSON); the verdict ([`TestDocument`]) to stdout or
//! `--output`, as a table, JSON, or JUnit XML for CI (see `analysis::junit`).

use std::path::{Path, PathBuf};

use super::color::stderr_color;
use super::load::render_errors;
use super::output::{self, emit};
use super::settings::{Flags, settings};
use super::{CliError, TestFormat};
use crate::analysis::expect;
use crate::analysis::junit;
use crate::analysis::verdict::{FileVerdict, TestDocument};
use crate::engine::Settings;
use crate::report::{VerdictFormat, render_verdict};

pub fn run(
    paths: &[PathBuf],
    trials: Option<u64>,
    threads: Option<usize>,
    format: TestFormat,
    output: Option<&Path>,
    quiet: bool,
) -> Result<i32, CliError> {
    let settings = Settings {
        // The lines per expectation are this command's progress; bars would break them up.
        progress: false,
        ..settings(Flags {
            trials,
            seed: None,
            threads,
            quiet,
            shard: None,
            output,
        })?
    };
    let files = expect::collect_files(paths)
        .map_err(|e| CliError::new(format!("error: cannot read the paths given: {e}")))?;
    if files.is_empty() {
        return Err(CliError::new(
            "error: no scenario files (*.toml) found in the paths given",
        ));
    }
    let mut doc = TestDocument::default();
    // Each file's diagnostics and lines go to stderr as it runs, for a person or a CI log
    // (JUnit's XML goes to a file or a pipe); JSON holds them all, and stderr stays quiet.
    let progress = format != TestFormat::Json && !quiet;
    for file in &files {
        let name = file.display().to_string();
        let (verdict, shown) = match expect::run_file(file, settings) {
            Ok((expectations, warnings)) => {
                let verdict = FileVerdict {
                    file: name,
                    error: None,
                    diagnostics: warnings.to_json(),
                    expectations,
                };
                let shown = (!warnings.is_empty()).then(|| warnings.render(stderr_color()));
                (verdict, shown)
            }
            Err(diags) => {
                let verdict = FileVerdict {
                    file: name,
                    // Without colour: the report may be read as a file, whatever stderr is.
                    error: Some(render_errors(&diags, file, false)),
                    diagnostics: diags.to_json(),
                    expectations: Vec::new(),
                };
                (verdict, Some(render_errors(&diags, file, stderr_color())))
            }
        };
        if progress {
            if let Some(shown) = shown {
                output::note(&shown);
            }
            output::note(&verdict.progress(stderr_color()));
        }
        doc.files.push(verdict);
    }
    let text = match format {
        TestFormat::Table => render_verdict(&doc, VerdictFormat::Table),
        TestFormat::Json => render_verdict(&doc, VerdictFormat::Json),
        TestFormat::Junit => junit::render(&doc),
    };
    emit(&text, output)?;
    if format != TestFormat::Json
        && let Some(note) = trials.and_then(|n| fewer_trials_note(&doc, n))
    {
        output::note(&note);
    }
    Ok(if doc.failed() == 0 { 0 } else { 1 })
}

/// A note when expectations failed on fewer trials than they ask for: their ranges are set for
/// their own counts, and a smaller `--trials` (a quick check) widens the estimate's scatter.
fn fewer_trials_note(doc: &TestDocument, trials: u64) -> Option<String> {
    let fewer = (doc.files.iter().flat_map(|f| &f.expectations))
        .filter(|e| !e.passed && e.error.is_none() && e.trials_written > trials)
        .count();
    (fewer > 0).then(|| {
        let (one, verb) = if fewer == 1 {
            ("", "asks")
        } else {
            ("s", "ask")
        };
        format!(
            "note: {fewer} failed expectation{one} ran --trials {trials}, fewer than {} {verb} \
             for; a range is set for its own trial count: rerun without --trials to test as \
             written\n",
            if fewer == 1 { "it" } else { "they" }
        )
    })
}
