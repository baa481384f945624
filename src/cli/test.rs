//! `brink test PATHS...`: run every `[[expect]]` and exit 1 if any fails.
//!
//! The table format prints one line per expectation and closes with `N passed, M failed` so a
//! CI log shows the count. `--format json` prints
//! `{"schema_version": 1, "files": [{"file": "...", "error": null, "expectations": [...]}],
//!   "passed": N, "failed": M}` where each expectation is an `ExpectResult`.
//! `--format junit` writes JUnit XML for CI (see `analysis::junit`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::color::stderr_color;
use super::load::render_errors;
use super::output::{emit, json_text};
use super::{CliError, TestFormat};
use crate::analysis::expect::{self, ExpectOptions, ExpectResult};
use crate::analysis::junit;

#[derive(Serialize)]
struct FileReport {
    file: String,
    /// The file's own errors, rendered, when it could not be loaded.
    error: Option<String>,
    expectations: Vec<ExpectResult>,
}

pub fn run(
    paths: &[PathBuf],
    trials: Option<u64>,
    threads: Option<usize>,
    format: TestFormat,
    output: Option<&Path>,
    quiet: bool,
) -> Result<i32, CliError> {
    if trials == Some(0) {
        return Err(CliError::new("error: --trials must be at least 1"));
    }
    let files = expect::collect_files(paths)
        .map_err(|e| CliError::new(format!("error: cannot read the paths given: {e}")))?;
    if files.is_empty() {
        return Err(CliError::new(
            "error: no scenario files (*.toml) found in the paths given",
        ));
    }
    let opts = ExpectOptions { trials, threads };
    let mut reports = Vec::new();
    for file in &files {
        let report = match expect::run_file(file, opts) {
            Ok(expectations) => FileReport {
                file: file.display().to_string(),
                error: None,
                expectations,
            },
            Err(diags) => FileReport {
                file: file.display().to_string(),
                error: Some(render_errors(&diags, file)),
                expectations: Vec::new(),
            },
        };
        if format != TestFormat::Json && !quiet {
            eprint!("{}", progress_lines(&report));
        }
        reports.push(report);
    }
    let failed = reports
        .iter()
        .map(|r| r.error.is_some() as usize + r.expectations.iter().filter(|e| !e.passed).count())
        .sum::<usize>();
    let passed = reports
        .iter()
        .map(|r| r.expectations.iter().filter(|e| e.passed).count())
        .sum::<usize>();
    let text = match format {
        TestFormat::Json => {
            let value = serde_json::json!({
                "schema_version": 1,
                "files": reports,
                "passed": passed,
                "failed": failed,
            });
            json_text(&value)
        }
        TestFormat::Junit => junit::render(&junit_input(&reports)),
        _ => summary(&reports, passed, failed),
    };
    emit(&text, output)?;
    Ok(if failed == 0 { 0 } else { 1 })
}

fn junit_input(reports: &[FileReport]) -> Vec<junit::FileResults<'_>> {
    reports
        .iter()
        .map(|r| junit::FileResults {
            file: &r.file,
            error: r.error.as_deref(),
            expectations: &r.expectations,
        })
        .collect()
}

/// What a file's run says as it goes (stderr): its errors, or one line per expectation.
fn progress_lines(report: &FileReport) -> String {
    let mut out = String::new();
    if let Some(error) = &report.error {
        out.push_str(error);
        return out;
    }
    if report.expectations.is_empty() {
        let _ = writeln!(out, "{}: no expectations", report.file);
    }
    let color = stderr_color();
    for e in &report.expectations {
        let verdict = match (e.passed, color) {
            (true, true) => "\x1b[32mPASS\x1b[0m",
            (true, false) => "PASS",
            (false, true) => "\x1b[31mFAIL\x1b[0m",
            (false, false) => "FAIL",
        };
        let _ = writeln!(out, "{verdict} {}", describe(e));
        if let Some(error) = &e.error {
            for line in error.lines() {
                let _ = writeln!(out, "     {line}");
            }
        }
    }
    out
}

/// One expectation in words: where, what, the estimate against the range, how it was run.
fn describe(e: &ExpectResult) -> String {
    let estimate = e
        .estimate
        .map_or_else(|| "not judged".to_string(), |p| format!("{p:.4}"));
    let mut how = format!("{} trials, seed {}", e.trials, e.seed);
    if let Some(given) = &e.given {
        let _ = write!(how, ", given `{given}` ({} kept)", e.kept);
    }
    for set in &e.set {
        let _ = write!(how, ", set {set}");
    }
    format!(
        "{} {} `{}`: {estimate} in [{}, {}]? ({how})",
        e.location, e.kind, e.id, e.range[0], e.range[1]
    )
}

/// The stdout summary: the failures again, then the closing count.
fn summary(reports: &[FileReport], passed: usize, failed: usize) -> String {
    let mut out = String::new();
    for report in reports {
        if report.error.is_some() {
            let _ = writeln!(out, "FAIL {}: the file has errors", report.file);
        }
        for e in report.expectations.iter().filter(|e| !e.passed) {
            let _ = writeln!(out, "FAIL {}", describe(e));
        }
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    out
}
