//! `brink exact FILE`: the exact distribution of a small scenario, in the run report's formats.

use std::path::Path;
use std::time::Instant;

use super::load::load_scenario;
use super::output::emit;
use super::{CliError, Format};
use crate::analysis::exact::render::{self, Style};
use crate::analysis::exact::report::ExactReport;
use crate::analysis::exact::{Options, solve};

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
    let report = ExactReport::new(model, &solution, &file.display().to_string());
    let text = match format {
        Format::Table => render::text(&report, Style::Table, Some(elapsed)),
        // Timings stay out of the files meant to be compared or pasted.
        Format::Markdown => render::text(&report, Style::Markdown, None),
        Format::Json => render::json(&report),
        Format::Csv => render::csv(&report),
    };
    emit(&text, output)?;
    Ok(0)
}
