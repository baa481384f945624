//! `brink check FILES...`: every error and warning of each file, a one-line summary per file;
//! exit 1 if any file has an error (warnings alone exit 0).
//!
//! Diagnostics go to stderr, the summaries to stdout. With `--format json`, stdout is instead
//! one JSON array with one object per diagnostic, in file order:
//!
//! ```json
//! [
//!   { "checked": "scenarios/a.toml",   // the file named on the command line
//!     "file": "scenarios/base.toml",   // where the problem is (a base, `--set`), or null
//!     "line": 12, "column": 8,         // 1-based, start of the span (null without a file)
//!     "end_line": 12, "end_column": 19,
//!     "severity": "error",             // or "warning"
//!     "message": "unknown key `probabilty` in event `ceasefire`",
//!     "label": "unknown key",          // words under the marker (may be "")
//!     "help": "did you mean `probability`?" }  // or null
//! ]
//! ```

use std::path::PathBuf;

use serde::Serialize;

use super::color::{stderr_color, stdout_color};
use super::{CliError, Format};
use crate::format::files::shown_name;
use crate::format::{Diagnostics, JsonDiagnostic};
use crate::model;

#[derive(Serialize)]
struct Record<'a> {
    checked: String,
    #[serde(flatten)]
    diagnostic: &'a JsonDiagnostic,
}

pub fn run(files: &[PathBuf], format: Format) -> Result<i32, CliError> {
    let mut failed = false;
    let mut json: Vec<(String, Vec<JsonDiagnostic>)> = Vec::new();
    let mut summaries = String::new();
    for file in files {
        let (diags, ok) = match model::load(file, &[]) {
            Ok(loaded) => (loaded.warnings, true),
            Err(diags) => (diags, false),
        };
        failed |= !ok;
        if format == Format::Json {
            json.push((shown_name(file), diags.to_json()));
            continue;
        }
        eprint!("{}", diags.render(stderr_color()));
        let line = summary(&shown_name(file), &diags, ok);
        summaries.push_str(&line);
        println!("{}", colorize(&line, ok, diags.warning_count() > 0));
    }
    if format == Format::Json {
        let records: Vec<Record> = json
            .iter()
            .flat_map(|(checked, list)| {
                list.iter().map(move |d| Record {
                    checked: checked.clone(),
                    diagnostic: d,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&records)
            .map_err(|e| CliError::new(format!("error: cannot write JSON: {e}")))?;
        println!("{text}");
    }
    Ok(if failed { 1 } else { 0 })
}

/// `a.toml: ok`, `a.toml: ok, 2 warnings`, `a.toml: 3 errors, 1 warning`.
pub fn summary(name: &str, diags: &Diagnostics, ok: bool) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (e, w) = (diags.error_count(), diags.warning_count());
    match (ok, w) {
        (true, 0) => format!("{name}: ok"),
        (true, w) => format!("{name}: ok, {}", plural(w, "warning")),
        (false, 0) => format!("{name}: {}", plural(e, "error")),
        (false, w) => format!("{name}: {}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

fn colorize(line: &str, ok: bool, warned: bool) -> String {
    if !stdout_color() {
        return line.to_string();
    }
    let code = match (ok, warned) {
        (false, _) => "31",
        (true, true) => "33",
        (true, false) => "32",
    };
    format!("\u{1b}[{code}m{line}\u{1b}[0m")
}
