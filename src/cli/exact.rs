//! `brink exact FILE`: the exact distribution of a small scenario, as the run report (in every
//! format of `brink run`) with the solver's work in a footer under the table and Markdown.

use std::path::Path;
use std::time::Instant;

use super::load::load_scenario;
use super::output::emit;
use super::sim::report_format;
use super::{CliError, Format};
use crate::analysis::exact::report::{footer, report};
use crate::analysis::exact::{Options, solve};
use crate::report::exporter;

pub fn run(
    file: &Path,
    max_states: usize,
    set: &[String],
    format: Format,
    output: Option<&Path>,
) -> Result<i32, CliError> {
    let loaded = load_scenario(file, set, false)?;
    let model = &loaded.model;
    let started = Instant::now();
    let solution = solve(model, &Options { max_states })
        .map_err(|e| CliError::new(format!("error: {}: {e}", file.display())))?;
    let elapsed = started.elapsed();
    let report = report(model, &solution, &file.display().to_string());
    // No timing for the exporter: its header line counts threads and trials per second.
    let mut text = exporter(report_format(format)).render(&report, None);
    match format {
        Format::Table => {
            text.push('\n');
            for line in footer(model, &solution, Some(elapsed)) {
                text.push_str(&line);
                text.push('\n');
            }
        }
        // A handout keeps the figures, not how long this machine took.
        Format::Markdown => {
            text.push('\n');
            for line in footer(model, &solution, None) {
                text.push_str(&format!("- {line}\n"));
            }
        }
        Format::Json | Format::Csv => {}
    }
    emit(&text, output)?;
    Ok(0)
}
