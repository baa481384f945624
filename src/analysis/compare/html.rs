//! A comparison as an HTML page: the paired differences of the outcomes as a chart (bars in
//! percentage points with their 95% intervals), then the tables of the text report, then each
//! side's chain with its own figures (A's and B's may differ in shape as well as in numbers).

use super::render::CompareDocument;
use crate::report::figures::points_with_ci;
use crate::report::{Bar, HtmlSection, ToHtml, bars, page};

impl ToHtml for CompareDocument {
    fn seed(&self) -> Option<u64> {
        Some(self.seed)
    }

    fn to_html(&self, command: &str) -> String {
        let c = &self.comparison;
        let rows: Vec<Bar> = c
            .differences
            .iter()
            .map(|d| {
                let i = d.difference();
                Bar {
                    label: d.id.clone(),
                    value: i.estimate * 100.0,
                    interval: Some([i.lo * 100.0, i.hi * 100.0]),
                }
            })
            .collect();
        let said: Vec<String> = c
            .differences
            .iter()
            .map(|d| {
                let i = d.difference();
                format!("{} {}", d.id, points_with_ci(i.estimate, i.lo, i.hi))
            })
            .collect();
        let mut sections = vec![
            HtmlSection::chart(
                "Differences B - A",
                bars(&rows, "B - A (percentage points), with its 95% interval"),
                format!(
                    "Bar chart of each outcome's difference in probability, B minus A, in \
                     percentage points with its 95% interval: {}.",
                    said.join("; ")
                ),
            ),
            HtmlSection::table("Outcomes", &self.grid("outcome", &c.differences)),
        ];
        for (title, g) in self.more_grids() {
            sections.push(HtmlSection::table(title, &g));
        }
        let lines = self.header_lines();
        for ((tag, side), line) in [("A", &self.a), ("B", &self.b)].into_iter().zip(&lines) {
            if let Some(chain) = &side.chain {
                let note = format!("{line}; the figures on it are {tag}'s in this comparison.");
                sections.push(HtmlSection::chain(Some(tag), chain, Some(note)));
            }
        }
        let footer = self.footer();
        if !footer.is_empty() {
            sections.push(HtmlSection {
                title: "Notes".into(),
                notes: footer,
                ..HtmlSection::default()
            });
        }
        page("Compare", &lines, command, &sections)
    }
}
