//! `brink exact FILE`: the exact distribution of a small scenario, as the run report (in every
//! format of `brink run`) with the solver's work in a footer under the table and Markdown.

use std::path::Path;
use std::time::Instant;

use super::load::load_scenario;
use super::output::check_writable;
use super::page::emit_document;
use super::{CliError, Format};
use crate::analysis::exact::report::document;
use crate::analysis::exact::{Options, solve};
use crate::analysis::graph;
use crate::format::files::shown_name;

pub fn run(
    file: &Path,
    max_states: usize,
    set: &[String],
    format: Format,
    output: Option<&Path>,
) -> Result<i32, CliError> {
    check_writable(output)?;
    let loaded = load_scenario(file, set, false)?;
    let model = &loaded.model;
    let started = Instant::now();
    let solution = solve(model, &Options { max_states })
        .map_err(|e| CliError::new(format!("error: {}: {e}", shown_name(file))))?;
    let mut doc = document(model, &solution, &shown_name(file), started.elapsed());
    if format == Format::Html {
        doc.chain = Some(graph::chain(model, Some(&doc.report)));
    }
    emit_document(&doc, format, output)?;
    Ok(0)
}
