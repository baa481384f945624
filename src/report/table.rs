//! The table format: for a terminal, with timings in the header and a bar per outcome.

use super::exporter::Exporter;
use super::sections::{header, sections};
use super::shape::{Report, Timing};

pub struct TableExporter;

impl Exporter for TableExporter {
    fn render(&self, report: &Report, timing: Option<&Timing>) -> String {
        let mut out = header(report, timing).join("\n");
        out.push('\n');
        for s in sections(report) {
            out.push_str(&format!("\n{}\n{}\n", s.title, s.grid.terminal()));
            for n in &s.notes {
                out.push_str(n);
                out.push('\n');
            }
        }
        out
    }
}
