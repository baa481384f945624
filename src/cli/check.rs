//! `brink check FILES... [--set PATH=VALUE]...`: every error and warning of each file (with the
//! overrides applied to each, as `run` would), a one-line summary per file; exit 1 if any file
//! has an error (warnings alone exit 0).
//!
//! Diagnostics go to stderr, the summaries to stdout, file by file as each is checked. With
//! `--format json`, stdout is instead one JSON array of every diagnostic (see
//! [`CheckDocument`]).

use std::path::PathBuf;

use super::color::{stderr_color, stdout_color};
use super::output::emit;
use super::{CheckFormat, CliError};
use crate::format::files::shown_name;
use crate::model;
use crate::report::{CheckDocument, Checked, VerdictFormat, render_verdict};

pub fn run(files: &[PathBuf], set: &[String], format: CheckFormat) -> Result<i32, CliError> {
    let mut doc = CheckDocument {
        files: Vec::new(),
        color: stdout_color(),
    };
    for file in files {
        let (diagnostics, ok) = match model::load(file, set) {
            Ok(loaded) => (loaded.warnings, true),
            Err(diags) => (diags, false),
        };
        let checked = Checked {
            name: shown_name(file),
            diagnostics,
            ok,
        };
        match format {
            // At a terminal each file's diagnostics, then its summary, as it is checked.
            CheckFormat::Table => {
                super::output::note(&checked.diagnostics.render(stderr_color()));
                let one = CheckDocument {
                    files: vec![checked],
                    color: doc.color,
                };
                emit(&render_verdict(&one, VerdictFormat::Table), None)?;
                doc.files.extend(one.files);
            }
            CheckFormat::Json => doc.files.push(checked),
        }
    }
    if format == CheckFormat::Json {
        emit(&render_verdict(&doc, VerdictFormat::Json), None)?;
    }
    Ok(if doc.files.iter().all(|f| f.ok) { 0 } else { 1 })
}
