//! Markdown: pastes into a seminar handout.

use super::exporter::Exporter;
use super::sections::{header, sections};
use super::shape::{Report, Timing};

pub struct MarkdownExporter;

impl Exporter for MarkdownExporter {
    fn render(&self, report: &Report, _timing: Option<&Timing>) -> String {
        // A handout keeps the numbers, not how long this machine took.
        let lines = header(report, None);
        let mut out = format!("# {}\n\n", lines[0]);
        for l in &lines[1..] {
            out.push_str(&format!("{l}  \n"));
        }
        for s in sections(report) {
            out.push_str(&format!("\n## {}\n\n{}", s.title, s.grid.markdown()));
            for n in &s.notes {
                out.push_str(&format!("\n{n}\n"));
            }
        }
        out
    }
}
