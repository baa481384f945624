//! `brink test`'s verdict as a document: for a terminal, the failures again and the closing
//! count; as JSON, `{"schema_version": 1, "streams": S, "files": [{"file": "...", "error": null,
//! "diagnostics": [], "expectations": [...]}], "passed": N, "failed": M}` (keys in alphabetical
//! order, `streams` the engine's stream version as in a run's report), where each expectation
//! is an [`ExpectResult`]. While the files run, [`FileVerdict::progress`] says how each went.

use std::fmt::Write as _;

use serde::Serialize;

use super::expect::ExpectResult;
use crate::format::JsonDiagnostic;
use crate::report::ToTable;

/// One file's expectations, or why the file could not be loaded.
#[derive(Clone, Debug, Serialize)]
pub struct FileVerdict {
    pub file: String,
    /// The file's own errors, rendered without colour (the report may go to a file), when it
    /// could not be loaded.
    pub error: Option<String>,
    /// The file's errors and warnings one by one, as `check --format json` gives them, for a
    /// program: where each is, its message and its help.
    pub diagnostics: Vec<JsonDiagnostic>,
    pub expectations: Vec<ExpectResult>,
}

/// Every file's verdict, in order.
#[derive(Clone, Debug, Default)]
pub struct TestDocument {
    pub files: Vec<FileVerdict>,
}

impl TestDocument {
    /// Files that could not be loaded, and expectations that failed.
    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .map(|r| {
                r.error.is_some() as usize + r.expectations.iter().filter(|e| !e.passed).count()
            })
            .sum()
    }

    pub fn passed(&self) -> usize {
        self.files
            .iter()
            .map(|r| r.expectations.iter().filter(|e| e.passed).count())
            .sum()
    }
}

impl Serialize for TestDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_json::json!({
            "schema_version": 1,
            "streams": crate::engine::STREAM_VERSION,
            "files": self.files,
            "passed": self.passed(),
            "failed": self.failed(),
        })
        .serialize(s)
    }
}

impl ToTable for TestDocument {
    /// The failures again, then the closing count (the CI log's last line).
    fn to_table(&self) -> String {
        let mut out = String::new();
        for report in &self.files {
            if report.error.is_some() {
                let _ = writeln!(out, "FAIL {}: the file has errors", report.file);
            }
            for e in report.expectations.iter().filter(|e| !e.passed) {
                let _ = writeln!(out, "FAIL {}", describe(e));
            }
        }
        let _ = writeln!(out, "{} passed, {} failed", self.passed(), self.failed());
        out
    }
}

impl FileVerdict {
    /// What the file's run says as it goes (stderr): one line per expectation (a file that did
    /// not load has none; its errors are the caller's to show, in colour on a terminal).
    pub fn progress(&self, color: bool) -> String {
        let mut out = String::new();
        if self.error.is_some() {
            return out;
        }
        if self.expectations.is_empty() {
            let _ = writeln!(out, "{}: no expectations", self.file);
        }
        for e in &self.expectations {
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
    let mean = if e.kind == "variable" { " mean" } else { "" };
    format!(
        "{} {} `{}`{mean}: {estimate} in [{}, {}]? ({how})",
        e.location, e.kind, e.id, e.range[0], e.range[1]
    )
}
