//! `brink check`'s verdict as a document: one summary line per file for a terminal, or one JSON
//! array with one object per diagnostic, in file order:
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
//!     "help": "did you mean `probability`?",   // or null
//!     "notes": [],                     // lines under the message ("101 more errors not shown")
//!     "related": [] }                  // other places marked: { file, line, ..., label }
//! ]
//! ```

use serde::Serialize;

use super::table::ToTable;
use crate::format::{Diagnostics, JsonDiagnostic};

/// One checked file: its diagnostics, and whether it loaded.
#[derive(Debug)]
pub struct Checked {
    /// The file as named on the command line.
    pub name: String,
    pub diagnostics: Diagnostics,
    /// No error (warnings allowed).
    pub ok: bool,
}

/// The files checked, in order.
#[derive(Debug, Default)]
pub struct CheckDocument {
    pub files: Vec<Checked>,
    /// Colour the summary lines (a terminal reads them).
    pub color: bool,
}

impl ToTable for CheckDocument {
    fn to_table(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            let line = summary(&f.name, &f.diagnostics, f.ok);
            out.push_str(&colorize(
                &line,
                self.color,
                f.ok,
                f.diagnostics.warning_count() > 0,
            ));
            out.push('\n');
        }
        out
    }
}

impl Serialize for CheckDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Record<'a> {
            checked: &'a str,
            #[serde(flatten)]
            diagnostic: &'a JsonDiagnostic,
        }
        let json: Vec<(&str, Vec<JsonDiagnostic>)> = self
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.diagnostics.to_json()))
            .collect();
        let records: Vec<Record> = json
            .iter()
            .flat_map(|(checked, list)| {
                list.iter().map(move |d| Record {
                    checked,
                    diagnostic: d,
                })
            })
            .collect();
        records.serialize(s)
    }
}

/// `a.toml: ok`, `a.toml: ok, 2 warnings`, `a.toml: 3 errors, 1 warning`.
fn summary(name: &str, diags: &Diagnostics, ok: bool) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (e, w) = (diags.error_summary(), diags.warning_count());
    match (ok, w) {
        (true, 0) => format!("{name}: ok"),
        (true, w) => format!("{name}: ok, {}", plural(w, "warning")),
        (false, 0) => format!("{name}: {e}"),
        (false, w) => format!("{name}: {e}, {}", plural(w, "warning")),
    }
}

/// Red for errors, yellow for warnings, green for a clean file.
fn colorize(line: &str, color: bool, ok: bool, warned: bool) -> String {
    if !color {
        return line.to_string();
    }
    let code = match (ok, warned) {
        (false, _) => "31",
        (true, true) => "33",
        (true, false) => "32",
    };
    format!("\u{1b}[{code}m{line}\u{1b}[0m")
}
