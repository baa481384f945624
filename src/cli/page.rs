//! A document as the reader gets it: a terminal table fits `COLUMNS` when it is set (whether or
//! not stdout is a terminal, so that a script or a test can ask for a width), else the
//! terminal's width, else it is unbounded; a terminal (and only a terminal) gets the
//! typographic minus, which does not paste into a spreadsheet as a number. An HTML page gets
//! the command line that reproduces it.

use std::io::IsTerminal;
use std::path::Path;

use super::output::emit;
use super::{CliError, Format};
use crate::report::figures::typographic_minus;
use crate::report::fit::{with_width, wrap_long_lines};
use crate::report::{Document, ReportFormat, ToHtml, command_line, render};

/// Renders `doc` in `format` and writes it where `output` says (see [`emit`]).
pub fn emit_document(
    doc: &(impl Document + ToHtml),
    format: Format,
    output: Option<&Path>,
) -> Result<(), CliError> {
    let Some(format) = format.text() else {
        let argv: Vec<String> = std::env::args().collect();
        return emit(&doc.to_html(&command_line(&argv, doc.seed())), output);
    };
    let width = table_width();
    let mut text = with_width(width, || render(doc, format));
    if let (ReportFormat::Table, Some(w)) = (format, width) {
        text = wrap_long_lines(&text, w);
    }
    let to_stdout = output.is_none_or(|p| p == Path::new("-"));
    let people = matches!(format, ReportFormat::Table | ReportFormat::Markdown);
    let text = if people && to_stdout && std::io::stdout().is_terminal() {
        typographic_minus(&text)
    } else {
        text
    };
    emit(&text, output)
}

/// The width terminal tables fit: `COLUMNS`, else the terminal's, else none.
fn table_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS").ok();
    match columns.and_then(|c| c.trim().parse::<usize>().ok()) {
        Some(w) if w > 0 => Some(w),
        _ => comfy_table::Table::new().width().map(usize::from),
    }
}
