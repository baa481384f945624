//! A sweep as a document: one row per point, one column per varied path, then each outcome's
//! probability and 95% interval (Wilson, as in the run report). Its JSON is each point's values
//! and run report.

use serde::Serialize;
use serde::ser::SerializeMap;

use super::{Point, SweepPlan};
use crate::engine::RunResult;
use crate::model::Model;
use crate::report::tabular::{self, Table};
use crate::report::{Report, ReportFormat, RunMeta, ToCsv, ToMarkdown, ToTable, wilson95};

/// What the document keeps of one point: its values, its outcome counts and its run report.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub values: Vec<f64>,
    /// Trials kept (all of them without `--given`).
    pub kept: u64,
    /// Per outcome: kept trials that ended there.
    pub counts: Vec<u64>,
    /// The report `brink run --set` gives for this point, so the two can be compared as text
    /// (JSON only).
    pub report: Option<Report>,
}

impl Row {
    /// A point's row for `format`, its values left to [`SweepDocument::new`]. Only JSON shows
    /// the points' run reports: the other formats do not pay for them (a sweep may have
    /// thousands of points).
    pub fn new(format: ReportFormat, model: &Model, result: &RunResult, meta: &RunMeta) -> Row {
        let report = match format {
            ReportFormat::Json => Some(Report::build(model, result, meta)),
            ReportFormat::Table | ReportFormat::Markdown | ReportFormat::Csv => None,
        };
        Row {
            values: Vec::new(),
            kept: result.kept,
            counts: result.outcomes.iter().map(|o| o.count).collect(),
            report,
        }
    }
}

/// A whole sweep, ready for any format.
#[derive(Clone, Debug)]
pub struct SweepDocument {
    pub scenario: String,
    pub file: String,
    /// The varied paths, in `--vary` order.
    pub paths: Vec<String>,
    /// Outcome ids, in file order.
    pub outcomes: Vec<String>,
    pub trials: u64,
    pub seed: u64,
    /// The common `--set` overrides.
    pub set: Vec<String>,
    pub given: Option<String>,
    pub rows: Vec<Row>,
}

impl SweepDocument {
    /// The document of `plan`'s run, whose points are `points`; `set` and `given` as typed.
    pub fn new(
        plan: &SweepPlan,
        file: String,
        set: Vec<String>,
        given: Option<String>,
        points: Vec<Point<Row>>,
    ) -> SweepDocument {
        let base = plan.base();
        SweepDocument {
            scenario: base.name.clone(),
            file,
            paths: plan.grid().axes.iter().map(|a| a.path.clone()).collect(),
            outcomes: base.outcomes.iter().map(|o| o.id.clone()).collect(),
            trials: plan.trials(),
            seed: plan.seed(),
            set,
            given,
            rows: points
                .into_iter()
                .map(|p| Row {
                    values: p.values,
                    ..p.output
                })
                .collect(),
        }
    }

    fn header_lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("Sweep: {} ({})", self.scenario, self.file),
            format!(
                "{} point{}, {} trials per point, seed {}",
                self.rows.len(),
                if self.rows.len() == 1 { "" } else { "s" },
                self.trials,
                self.seed
            ),
        ];
        if !self.set.is_empty() {
            lines.push(format!("overrides: {}", self.set.join(", ")));
        }
        if let Some(g) = &self.given {
            lines.push(format!(
                "given: {g} (probabilities are conditional; `kept` counts the trials kept)"
            ));
        }
        lines
    }

    /// One row per point; each outcome cell is `p [lo, hi]`.
    fn grid(&self) -> Table {
        let mut header = self.paths.clone();
        let given = self.given.is_some();
        if given {
            header.push("kept".into());
        }
        header.extend(self.outcomes.iter().cloned());
        let right = vec![true; header.len()];
        let mut g = Table::new(header, right);
        for row in &self.rows {
            let mut cells: Vec<String> = row.values.iter().map(|v| tabular::exact(*v)).collect();
            if given {
                cells.push(row.kept.to_string());
            }
            for &k in &row.counts {
                let [lo, hi] = wilson95(k, row.kept);
                cells.push(format!(
                    "{} {}",
                    tabular::prob(ratio(k, row.kept)),
                    tabular::interval(lo, hi)
                ));
            }
            g.push(cells);
        }
        g
    }
}

impl ToTable for SweepDocument {
    fn to_table(&self) -> String {
        tabular::terminal_page(&self.header_lines(), &self.grid())
    }
}

impl ToMarkdown for SweepDocument {
    fn to_markdown(&self) -> String {
        tabular::markdown_page("## ", &self.header_lines(), &self.grid())
    }
}

impl ToCsv for SweepDocument {
    /// Tidy: one line per point and outcome, the varied paths as columns.
    fn to_csv(&self) -> String {
        let mut header: Vec<String> = vec!["point".into()];
        header.extend(self.paths.iter().cloned());
        header.extend(
            [
                "outcome",
                "probability",
                "ci95_lo",
                "ci95_hi",
                "count",
                "kept",
            ]
            .map(String::from),
        );
        let mut g = Table::new(header, Vec::new());
        for (p, row) in self.rows.iter().enumerate() {
            for (o, &k) in self.outcomes.iter().zip(&row.counts) {
                let [lo, hi] = wilson95(k, row.kept);
                let mut cells = vec![p.to_string()];
                cells.extend(row.values.iter().map(|v| tabular::exact(*v)));
                cells.extend([
                    o.clone(),
                    tabular::exact(ratio(k, row.kept)),
                    tabular::exact(lo),
                    tabular::exact(hi),
                    k.to_string(),
                    row.kept.to_string(),
                ]);
                g.push(cells);
            }
        }
        g.csv()
    }
}

fn ratio(k: u64, n: u64) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}

/// `{"schema_version": 1, "points": [{"values": {PATH: v}, "report": <run report>}]}`, with
/// the values in `--vary` order.
impl Serialize for SweepDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Doc<'a> {
            schema_version: u32,
            points: Vec<JsonPoint<'a>>,
        }
        #[derive(Serialize)]
        struct JsonPoint<'a> {
            values: Values<'a>,
            report: &'a Option<Report>,
        }
        Doc {
            schema_version: 1,
            points: self
                .rows
                .iter()
                .map(|row| JsonPoint {
                    values: Values {
                        paths: &self.paths,
                        values: &row.values,
                    },
                    report: &row.report,
                })
                .collect(),
        }
        .serialize(s)
    }
}

/// A point's values as a JSON object `{ "PATH": value }`, in `--vary` order.
struct Values<'a> {
    paths: &'a [String],
    values: &'a [f64],
}

impl Serialize for Values<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.paths.len()))?;
        for (p, v) in self.paths.iter().zip(self.values) {
            m.serialize_entry(p, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> SweepDocument {
        SweepDocument {
            scenario: "Hazard".into(),
            file: "hazard.toml".into(),
            paths: vec!["events.x.probability".into()],
            outcomes: vec!["struck".into(), "spared".into()],
            trials: 100,
            seed: 7,
            set: vec![],
            given: None,
            rows: vec![
                Row {
                    values: vec![0.1],
                    kept: 100,
                    counts: vec![25, 75],
                    report: None,
                },
                Row {
                    values: vec![0.2],
                    kept: 100,
                    counts: vec![50, 50],
                    report: None,
                },
            ],
        }
    }

    #[test]
    fn csv_is_one_line_per_point_and_outcome() {
        let csv = view().to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "point,events.x.probability,outcome,probability,ci95_lo,ci95_hi,count,kept"
        );
        assert_eq!(lines.len(), 5);
        assert!(lines[1].starts_with("0,0.1,struck,0.25,"), "{}", lines[1]);
        assert!(lines[4].starts_with("1,0.2,spared,0.5,"), "{}", lines[4]);
    }

    #[test]
    fn markdown_has_a_column_per_path_and_outcome() {
        let md = view().to_markdown();
        assert!(
            md.starts_with(
                "## Sweep: Hazard (hazard.toml)  \n2 points, 100 trials per point, seed 7\n\n"
            ),
            "{md}"
        );
        assert!(
            md.contains("| events.x.probability | struck | spared |"),
            "{md}"
        );
        assert!(
            md.contains("| 0.1 | 0.2500 [0.1755, 0.3430] | 0.7500 [0.6570, 0.8245] |"),
            "{md}"
        );
    }

    #[test]
    fn given_adds_the_kept_column() {
        let mut v = view();
        v.rows[0].kept = 80;
        v.rows[0].counts = vec![20, 60];
        let plain = v.to_table();
        v.given = Some("struck".into());
        let t = v.to_table();
        assert!(t.contains("given: struck"), "{t}");
        // The table's lines as cells, for the header and the rows.
        let rows = |t: &str| -> Vec<Vec<String>> {
            t.lines()
                .filter(|l| l.starts_with('│'))
                .map(|l| {
                    l.split(['│', '┆'])
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(String::from)
                        .collect()
                })
                .collect()
        };
        let (with, without) = (rows(&t), rows(&plain));
        assert_eq!(
            with[0],
            ["events.x.probability", "kept", "struck", "spared"]
        );
        assert_eq!(without[0], ["events.x.probability", "struck", "spared"]);
        assert_eq!(with[1][..3], ["0.1", "80", "0.2500 [0.1681, 0.3548]"]);
        assert_eq!(with[2][1], "100");
        let md = v.to_markdown();
        assert!(
            md.contains("| events.x.probability | kept | struck | spared |"),
            "{md}"
        );
    }

    #[test]
    fn values_serialize_in_order() {
        let paths = vec!["z.b".to_string(), "a.c".to_string()];
        let v = Values {
            paths: &paths,
            values: &[0.5, 2.0],
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"z.b":0.5,"a.c":2.0}"#
        );
    }
}
