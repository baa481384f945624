//! `brink graph FILE --format dot|mermaid [--milestones]`: the escalation chain as a graph, on
//! stdout or written atomically to `--output`.

use std::path::Path;

use super::load::load_scenario;
use super::output::emit;
use super::{CliError, GraphFormat};
use crate::analysis::graph::{Graph, render_dot, render_mermaid};

pub fn run(
    file: &Path,
    format: GraphFormat,
    set: &[String],
    output: Option<&Path>,
    milestones: bool,
) -> Result<i32, CliError> {
    let loaded = load_scenario(file, set, false)?;
    let graph = if milestones {
        Graph::milestones(&loaded.model)
    } else {
        Graph::new(&loaded.model)
    };
    let text = match format {
        GraphFormat::Dot => render_dot(&graph),
        GraphFormat::Mermaid => render_mermaid(&graph),
    };
    emit(&text, output)?;
    Ok(0)
}
