//! The table format: for a terminal, with timings in the header and a bar per outcome.

use super::run_document::RunDocument;
use super::sections::{header, sections};

/// A document as text for a terminal.
pub trait ToTable {
    /// The whole document, ending with a newline.
    fn to_table(&self) -> String;
}

impl ToTable for RunDocument {
    fn to_table(&self) -> String {
        let report = &self.report;
        let mut out = header(report, self.timing.as_ref()).join("\n");
        out.push('\n');
        for s in sections(report) {
            out.push_str(&format!("\n{}\n{}\n", s.title, s.table.terminal()));
            for n in &s.notes {
                out.push_str(n);
                out.push('\n');
            }
        }
        if let Some(footer) = &self.footer {
            out.push('\n');
            for line in &footer.table {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}
