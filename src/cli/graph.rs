//! `brink graph FILE --format dot|mermaid`: the escalation chain as a graph, on stdout or
//! written atomically to `--output`.

use std::io::Write;
use std::path::Path;

use super::load::load_scenario;
use super::{CliError, GraphFormat};
use crate::analysis::graph::{Graph, render_dot, render_mermaid};

pub fn run(
    file: &Path,
    format: GraphFormat,
    set: &[String],
    output: Option<&Path>,
) -> Result<i32, CliError> {
    let loaded = load_scenario(file, set, false)?;
    let graph = Graph::new(&loaded.model);
    let text = match format {
        GraphFormat::Dot => render_dot(&graph),
        GraphFormat::Mermaid => render_mermaid(&graph),
    };
    write_output(output, &text)?;
    Ok(0)
}

/// Prints `text`, or writes it to `path` atomically: a temporary file in the same folder, then
/// a rename, so an interrupted command never leaves half a file.
pub(super) fn write_output(path: Option<&Path>, text: &str) -> Result<(), CliError> {
    let Some(path) = path else {
        let mut out = std::io::stdout().lock();
        return match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            // A closed pipe (`brink graph x.toml | head`) is the reader's choice, not an error.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::new(format!(
                "error: cannot write the output: {e}"
            ))),
            _ => Ok(()),
        };
    };
    let fail =
        |e: std::io::Error| CliError::new(format!("error: cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
