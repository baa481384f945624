//! Loading a scenario for a command: errors rendered into a [`CliError`], warnings printed on
//! stderr (unless quiet), with colour only on a terminal.

use std::path::Path;

use crate::format::files::shown_name;
use crate::model::{self, Loaded};

use super::CliError;
use super::color::stderr_color;

/// Loads `path` with `--set` overrides. Errors become a `CliError` (exit code 1) holding every
/// diagnostic; warnings go to stderr unless `quiet`.
pub fn load_scenario(path: &Path, set: &[String], quiet: bool) -> Result<Loaded, CliError> {
    match model::load(path, set) {
        Ok(loaded) => {
            if !quiet && !loaded.warnings.is_empty() {
                super::output::note(&loaded.warnings.render(stderr_color()));
            }
            Ok(loaded)
        }
        Err(diags) => Err(CliError::new(render_errors(&diags, path, stderr_color()))),
    }
}

/// The rendered diagnostics and a one-line count, in colour if `color`.
pub fn render_errors(diags: &crate::format::Diagnostics, path: &Path, color: bool) -> String {
    let mut text = diags.render(color);
    text.push_str(&format!(
        "error: {} refused: {}\n",
        shown_name(path),
        diags.error_summary()
    ));
    text
}
