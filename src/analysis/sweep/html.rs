//! A sweep as an HTML page: with one varied path, one line per outcome over the swept value
//! with its 95% band; then the table of the text report; then the chain with the baseline's
//! figures.

use super::render::SweepDocument;
use crate::model::fmt_num;
use crate::report::figures::percent_with_ci;
use crate::report::{HtmlSection, Line, ToHtml, lines, number_tick, page};
use crate::stats::{ratio, wilson95};

impl ToHtml for SweepDocument {
    fn seed(&self) -> Option<u64> {
        Some(self.seed)
    }

    fn to_html(&self, command: &str) -> String {
        let mut sections = Vec::new();
        if self.paths.len() == 1 {
            sections.push(self.chart());
        }
        sections.push(HtmlSection::table("Points", &self.grid()));
        if let Some(chain) = &self.chain {
            let note = match self.baseline.report {
                Some(_) => {
                    "The figures are the baseline's: the scenario with the common \
                            overrides only, on the same trials and seed as every point."
                }
                None => "Drawn without figures: no run of the baseline is at hand.",
            };
            sections.push(HtmlSection::chain(None, chain, Some(note.into())));
        }
        let header = self.header_lines();
        page(&header[0], &header[1..], command, &sections)
    }
}

impl SweepDocument {
    /// Each outcome's probability over the one swept value, with its band.
    fn chart(&self) -> HtmlSection {
        let mut said = Vec::new();
        let shown: Vec<Line> = self
            .outcomes
            .iter()
            .enumerate()
            .map(|(o, id)| {
                let mut line = Line {
                    label: id.clone(),
                    points: Vec::new(),
                    band: Vec::new(),
                };
                for row in &self.rows {
                    let (Some(x), Some(&k)) = (row.values[0], row.counts.get(o)) else {
                        continue;
                    };
                    let [lo, hi] = wilson95(k, row.kept);
                    let p = ratio(k, row.kept);
                    line.points.push((x, p * 100.0));
                    line.band.push((x, lo * 100.0, hi * 100.0));
                    said.push(format!(
                        "{id} at {}: {}",
                        fmt_num(x),
                        percent_with_ci(p, lo, hi)
                    ));
                }
                // A list of values may be in any order; a line drawn through them in that order
                // would double back. (A range runs one way already and is drawn as it runs.)
                let xs = || line.points.windows(2).map(|w| w[1].0.total_cmp(&w[0].0));
                if xs().any(|o| o.is_lt()) && xs().any(|o| o.is_gt()) {
                    line.points.sort_by(|a, b| a.0.total_cmp(&b.0));
                    line.band.sort_by(|a, b| a.0.total_cmp(&b.0));
                }
                line
            })
            .collect();
        let path = &self.paths[0];
        HtmlSection::chart(
            "Outcomes over the swept value",
            lines(&shown, path, "probability (%)", &number_tick),
            format!(
                "Line chart of each outcome's probability in percent over {path}, each with \
                 its 95% band: {}.",
                said.join("; ")
            ),
        )
    }
}
