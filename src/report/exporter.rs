//! One trait, one file per format (the pattern of hyperfine's exporters).

use super::shape::{Report, Timing};

/// Renders a [`Report`] in one format.
pub trait Exporter {
    /// The whole report as text, ending with a newline. `timing` is shown by formats meant for
    /// people at a terminal; reproducible formats ignore it.
    fn render(&self, report: &Report, timing: Option<&Timing>) -> String;
}

/// The report formats of cli.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

/// The exporter for `format`.
pub fn exporter(format: ReportFormat) -> Box<dyn Exporter> {
    match format {
        ReportFormat::Table => Box::new(super::table::TableExporter),
        ReportFormat::Markdown => Box::new(super::markdown::MarkdownExporter),
        ReportFormat::Json => Box::new(super::json::JsonExporter),
        ReportFormat::Csv => Box::new(super::csv::CsvExporter),
    }
}
