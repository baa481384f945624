//! A sensitivity analysis as an HTML page: per outcome, the tornado chart (each input's swing
//! in percentage points with its 95% interval, largest first) over its table; at the end the
//! scenario's chain, with its baseline's figures when the command ran it.

use super::render::{SensitivityDocument, swing_cell};
use crate::analysis::graph;
use crate::report::{Bar, HtmlSection, ToHtml, bars, page};

impl ToHtml for SensitivityDocument<'_> {
    fn seed(&self) -> Option<u64> {
        Some(self.seed)
    }

    fn to_html(&self, command: &str) -> String {
        let mut sections = Vec::new();
        for o in &self.result.outcomes {
            let title = self.title(o);
            let shown = self.shown(o);
            let path = |e: &super::swing::InputEffect| self.result.inputs[e.input].path.clone();
            let rows: Vec<Bar> = shown
                .iter()
                .map(|e| {
                    let i = e.interval();
                    Bar {
                        label: path(e),
                        value: e.swing() * 100.0,
                        interval: Some([i.lo * 100.0, i.hi * 100.0]),
                    }
                })
                .collect();
            let said: Vec<String> = shown
                .iter()
                .map(|e| {
                    let i = e.interval();
                    format!("{} {}", path(e), swing_cell(e.swing(), i.lo, i.hi))
                })
                .collect();
            let mut chart = HtmlSection::chart(
                &title,
                bars(&rows, "swing (percentage points), with its 95% interval"),
                format!(
                    "Tornado chart of how far each input alone moves the probability, in \
                     percentage points with its 95% interval, largest first: {}.",
                    said.join("; ")
                ),
            );
            let table = self.grid(o, false);
            chart.header = table.header;
            chart.right = table.right;
            chart.rows = table.rows;
            sections.push(chart);
        }
        sections.push(HtmlSection {
            title: "How to read it".into(),
            notes: self.legend().lines().map(String::from).collect(),
            ..HtmlSection::default()
        });
        let note = match &self.baseline {
            Some(_) => format!(
                "The figures are the scenario's own run on the analysis's {} trials and seed {}: \
                 the baseline that every variant is compared with.",
                self.result.trials, self.seed
            ),
            None => "Drawn without figures: the merged parts hold the analysis's rows, not the \
                     scenario's own run (`brink run` on the same trials and seed gives them)."
                .into(),
        };
        let chain = graph::chain(self.model, self.baseline.as_ref());
        sections.push(HtmlSection::chain(None, &chain, Some(note)));
        let header = self.header_lines();
        page(&header[0], &header[1..], command, &sections)
    }
}
