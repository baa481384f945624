//! Markdown: pastes into a seminar handout.

use super::exporter::Exporter;
use super::sections::{Section, header, sections};
use super::shape::{Report, Timing};

pub struct MarkdownExporter;

/// A table cell: pipes escaped, so a label cannot break the table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn render_section(s: &Section) -> String {
    let mut out = format!("## {}\n\n", s.title);
    out.push_str(&format!(
        "| {} |\n",
        s.headers
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    out.push_str(&format!(
        "|{}|\n",
        s.right
            .iter()
            .map(|&r| if r { " ---: " } else { " --- " })
            .collect::<Vec<_>>()
            .join("|")
    ));
    for row in &s.rows {
        out.push_str(&format!(
            "| {} |\n",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    for n in &s.notes {
        out.push_str(&format!("\n{n}\n"));
    }
    out
}

impl Exporter for MarkdownExporter {
    fn render(&self, report: &Report, _timing: Option<&Timing>) -> String {
        // A handout keeps the numbers, not how long this machine took.
        let lines = header(report, None);
        let mut out = format!("# {}\n\n", lines[0]);
        for l in &lines[1..] {
            out.push_str(&format!("{l}  \n"));
        }
        for s in sections(report) {
            out.push('\n');
            out.push_str(&render_section(&s));
        }
        out
    }
}
