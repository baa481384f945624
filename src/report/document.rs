//! A command's result is a document: something every format can render. Each format is a trait
//! in its own file ([`ToTable`], [`ToMarkdown`], [`ToCsv`], [`ToJson`]); a document kind
//! implements each (JSON comes free with `Serialize`), and the commands only pick the format.
//!
//! A new document kind implements the format traits where it is defined; nothing here or in the
//! command line changes. A new format is a trait file (with its rendering of the run report), a
//! variant below, its `--format` value in the command line, and one impl per other document
//! kind (trace, sweep, compare, sensitivity).

use super::csv::ToCsv;
use super::json::ToJson;
use super::markdown::ToMarkdown;
use super::table::ToTable;

/// A result every report format renders (run, exact, sweep, compare, sensitivity, trace).
pub trait Document: ToTable + ToMarkdown + ToCsv + ToJson {}

impl<T: ToTable + ToMarkdown + ToCsv + ToJson> Document for T {}

/// A verdict (check, test): read at a terminal or by a machine, with no handout or tidy form.
pub trait Verdict: ToTable + ToJson {}

impl<T: ToTable + ToJson> Verdict for T {}

/// The formats of a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

/// The formats of a [`Verdict`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerdictFormat {
    Table,
    Json,
}

/// `doc` in `format`, ending with a newline.
pub fn render(doc: &impl Document, format: ReportFormat) -> String {
    match format {
        ReportFormat::Table => doc.to_table(),
        ReportFormat::Markdown => doc.to_markdown(),
        ReportFormat::Json => doc.to_json(),
        ReportFormat::Csv => doc.to_csv(),
    }
}

/// `verdict` in `format`, ending with a newline.
pub fn render_verdict(verdict: &impl Verdict, format: VerdictFormat) -> String {
    match format {
        VerdictFormat::Table => verdict.to_table(),
        VerdictFormat::Json => verdict.to_json(),
    }
}
