//! JSON: the stable, documented shape (cli.md), pretty-printed, with no timings, so the same
//! inputs give the same bytes.

use super::exporter::Exporter;
use super::shape::{Report, Timing};

pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn render(&self, report: &Report, _timing: Option<&Timing>) -> String {
        let mut s = serde_json::to_string_pretty(report).expect("a report always serializes");
        s.push('\n');
        s
    }
}
