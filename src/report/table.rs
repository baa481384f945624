//! The table format: for a terminal, with timings in the header and a bar per outcome.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use super::exporter::Exporter;
use super::sections::{Section, header, sections};
use super::shape::{Report, Timing};

pub struct TableExporter;

fn render_section(s: &Section) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty()
        .set_header(s.headers.iter().copied());
    for row in &s.rows {
        t.add_row(row.iter().zip(&s.right).map(|(text, &right)| {
            let c = Cell::new(text);
            if right {
                c.set_alignment(CellAlignment::Right)
            } else {
                c
            }
        }));
    }
    let mut out = format!("{}\n{t}\n", s.title);
    for n in &s.notes {
        out.push_str(n);
        out.push('\n');
    }
    out
}

impl Exporter for TableExporter {
    fn render(&self, report: &Report, timing: Option<&Timing>) -> String {
        let mut out = header(report, timing).join("\n");
        out.push('\n');
        for s in sections(report) {
            out.push('\n');
            out.push_str(&render_section(&s));
        }
        out
    }
}
