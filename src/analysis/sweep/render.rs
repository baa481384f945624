//! A sweep as a document: the baseline's row, then one row per point, one column per varied
//! path, then each outcome's probability and 95% interval (Wilson, as in the run report) and, for
//! a point, its paired difference from the baseline. Its JSON is the baseline's values and run
//! report, and each point's values, run report and differences.

use serde::Serialize;
use serde::ser::SerializeMap;

use super::value::written_at;
use super::{SweepPlan, Swept};
use crate::analysis::compare::Difference;
use crate::analysis::precision::reached_line;
use crate::engine::RunResult;
use crate::model::{Model, fmt_num};
use crate::report::figures;
use crate::report::tabular::{self, Table};
use crate::report::{Drawing, PrecisionInfo, Report, RunMeta, ToCsv, ToMarkdown, ToTable};
use crate::stats::{ratio, wilson95};

/// What the document keeps of one point: its values, its outcome counts and its run report.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The values at the varied paths; `None` in the baseline where a path names no single
    /// number.
    pub values: Vec<Option<f64>>,
    /// Trials kept (all of them without `--given`).
    pub kept: u64,
    /// Per outcome: kept trials that ended there.
    pub counts: Vec<u64>,
    /// The report `brink run --set` gives for this point, so the two can be compared as text
    /// (JSON shows every point's; the baseline's is kept in every format, for the HTML chain).
    pub report: Option<Report>,
    /// Per outcome: this point minus the baseline (empty for the baseline).
    pub differences: Vec<Difference>,
}

impl Row {
    /// A point's row, its values left to [`SweepDocument::new`], with its run report when
    /// `report`. Only JSON shows the points' run reports: the other formats do not pay for
    /// them (a sweep may have thousands of points).
    pub fn new(report: bool, model: &Model, result: &RunResult, meta: &RunMeta) -> Row {
        let report = report.then(|| Report::build(model, result, meta));
        Row {
            values: Vec::new(),
            kept: result.kept,
            counts: result.outcomes.iter().map(|o| o.count).collect(),
            report,
            differences: Vec::new(),
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
    /// The scenario with the common overrides only.
    pub baseline: Row,
    /// Per varied path: what the file writes there where it has no single value (a
    /// distribution, an expression; see [`written_at`]), for the baseline's row.
    pub written: Vec<Option<String>>,
    pub rows: Vec<Row>,
    /// What `--precision` reached, when the sweep went to a precision (`trials` is then the
    /// number simulated per point).
    pub precision: Option<PrecisionInfo>,
    /// The baseline's chain with its figures, for the HTML page (the command supplies it).
    pub chain: Option<Drawing>,
}

impl SweepDocument {
    /// The document of `plan`'s run, whose points are `points`; `set` and `given` as typed.
    pub fn new(
        plan: &SweepPlan,
        file: String,
        set: Vec<String>,
        given: Option<String>,
        swept: Swept<Row>,
    ) -> SweepDocument {
        let base = plan.base();
        SweepDocument {
            scenario: base.name.clone(),
            file,
            paths: plan.grid().axes.iter().map(|a| a.path.clone()).collect(),
            written: (plan.grid().axes.iter())
                .map(|a| written_at(plan.baseline_model(), &a.path))
                .collect(),
            outcomes: base.outcomes.iter().map(|o| o.id.clone()).collect(),
            trials: plan.trials(),
            seed: plan.seed(),
            set,
            given,
            baseline: Row {
                values: swept.baseline.values,
                ..swept.baseline.output
            },
            rows: swept
                .points
                .into_iter()
                .map(|p| Row {
                    values: p.values.into_iter().map(Some).collect(),
                    differences: p.differences,
                    ..p.output
                })
                .collect(),
            precision: None,
            chain: None,
        }
    }

    pub(super) fn header_lines(&self) -> Vec<String> {
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
        if let Some(p) = &self.precision {
            lines.push(reached_line(
                p,
                self.trials,
                ["every difference's", "a difference's"],
                "trials per point",
            ));
        }
        if !self.set.is_empty() {
            lines.push(format!("overrides: {}", self.set.join(", ")));
        }
        if let Some(g) = &self.given {
            lines.push(format!(
                "given: {g} (probabilities are conditional; `kept` counts the trials kept)"
            ));
        }
        lines.push(format!(
            "each cell: P [95% interval]; for a point, then its difference from the baseline \
             [{} 95% interval]",
            if self.given.is_some() {
                "unpaired"
            } else {
                "paired"
            }
        ));
        lines
    }

    /// One row per point; each outcome cell is `p [lo, hi]`.
    pub(super) fn grid(&self) -> Table {
        let mut header = self.paths.clone();
        let given = self.given.is_some();
        if given {
            header.push("kept".into());
        }
        header.extend(self.outcomes.iter().cloned());
        let right = vec![true; header.len()];
        let mut g = Table::new(header, right);
        for (p, row) in std::iter::once(&self.baseline)
            .chain(&self.rows)
            .enumerate()
        {
            let mut cells: Vec<String> = (row.values.iter().zip(&self.written))
                .map(|(v, w)| match (p, v, w) {
                    (0, Some(v), _) => format!("{} (baseline)", fmt_num(*v)),
                    (0, None, Some(w)) => format!("{w} (baseline)"),
                    (0, None, None) => "(baseline)".into(),
                    (_, v, _) => v.map_or("-".into(), fmt_num),
                })
                .collect();
            if given {
                cells.push(row.kept.to_string());
            }
            for (o, &k) in row.counts.iter().enumerate() {
                let [lo, hi] = wilson95(k, row.kept);
                let mut cell = figures::percent_with_ci(ratio(k, row.kept), lo, hi);
                if let Some(d) = row.differences.get(o) {
                    let i = d.difference();
                    cell.push(' ');
                    cell.push_str(&figures::points_with_ci(i.estimate, i.lo, i.hi));
                }
                cells.push(cell);
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
                "ci95_low",
                "ci95_high",
                "count",
                "kept",
                "difference",
                "difference_ci95_low",
                "difference_ci95_high",
                "both",
                "only_a",
                "only_b",
            ]
            .map(String::from),
        );
        let mut g = Table::new(header, Vec::new());
        let rows = std::iter::once(("baseline".to_string(), &self.baseline)).chain(
            self.rows
                .iter()
                .enumerate()
                .map(|(p, r)| (p.to_string(), r)),
        );
        for (p, row) in rows {
            for (o, (id, &k)) in self.outcomes.iter().zip(&row.counts).enumerate() {
                let [lo, hi] = wilson95(k, row.kept);
                let mut cells = vec![p.clone()];
                cells.extend(
                    row.values
                        .iter()
                        .map(|v| v.map_or(String::new(), tabular::exact)),
                );
                cells.extend([
                    id.clone(),
                    tabular::exact(ratio(k, row.kept)),
                    tabular::exact(lo),
                    tabular::exact(hi),
                    k.to_string(),
                    row.kept.to_string(),
                ]);
                let j = row.differences.get(o).map(JsonDifference::new);
                let num = |f: fn(&JsonDifference) -> String| j.as_ref().map_or(String::new(), f);
                cells.extend([
                    num(|j| tabular::exact(j.difference)),
                    num(|j| tabular::exact(j.ci95[0])),
                    num(|j| tabular::exact(j.ci95[1])),
                    num(|j| count(j.both)),
                    num(|j| count(j.only_a)),
                    num(|j| count(j.only_b)),
                ]);
                g.push(cells);
            }
        }
        g.csv()
    }
}

/// A count for CSV: empty when there is none.
fn count(v: Option<u64>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

/// One entry of a point's `differences`: the point minus the baseline for one outcome.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsonDifference {
    pub id: String,
    pub difference: f64,
    pub ci95: [f64; 2],
    /// The paired counts (point = B, baseline = A); null under `--given`.
    pub both: Option<u64>,
    pub only_a: Option<u64>,
    pub only_b: Option<u64>,
}

impl JsonDifference {
    pub fn new(d: &Difference) -> JsonDifference {
        let i = d.difference();
        JsonDifference {
            id: d.id.clone(),
            difference: i.estimate,
            ci95: [i.lo, i.hi],
            both: d.pairs.map(|p| p.both()),
            only_a: d.pairs.map(|p| p.a_only),
            only_b: d.pairs.map(|p| p.b_only),
        }
    }
}

/// `{"schema_version": 2, "baseline": {"values": {PATH: v}, "report": <run report>},
/// "points": [{"values": {PATH: v}, "report": <run report>, "differences": [...]}]}`, with the
/// values in `--vary` order.
impl Serialize for SweepDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Doc<'a> {
            schema_version: u32,
            baseline: JsonBaseline<'a>,
            points: Vec<JsonPoint<'a>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            precision: &'a Option<PrecisionInfo>,
        }
        #[derive(Serialize)]
        struct JsonBaseline<'a> {
            values: Values<'a>,
            report: &'a Option<Report>,
        }
        #[derive(Serialize)]
        struct JsonPoint<'a> {
            values: Values<'a>,
            report: &'a Option<Report>,
            differences: Vec<JsonDifference>,
        }
        let values = |row| Values::of(&self.paths, row);
        Doc {
            schema_version: crate::report::SCHEMA_VERSION,
            baseline: JsonBaseline {
                values: values(&self.baseline),
                report: &self.baseline.report,
            },
            points: self
                .rows
                .iter()
                .map(|row| JsonPoint {
                    values: values(row),
                    report: &row.report,
                    differences: row.differences.iter().map(JsonDifference::new).collect(),
                })
                .collect(),
            precision: &self.precision,
        }
        .serialize(s)
    }
}

/// A point's values as a JSON object `{ "PATH": value }`, in `--vary` order.
struct Values<'a> {
    paths: &'a [String],
    values: &'a [Option<f64>],
}

impl<'a> Values<'a> {
    fn of(paths: &'a [String], row: &'a Row) -> Values<'a> {
        Values {
            paths,
            values: &row.values,
        }
    }
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

    fn row(value: Option<f64>, counts: [u64; 2]) -> Row {
        Row {
            values: vec![value],
            kept: 100,
            counts: counts.to_vec(),
            report: None,
            differences: Vec::new(),
        }
    }

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
            baseline: row(None, [20, 80]),
            written: vec![None],
            rows: vec![row(Some(0.1), [25, 75]), row(Some(0.2), [50, 50])],
            precision: None,
            chain: None,
        }
    }

    #[test]
    fn csv_is_one_line_per_point_and_outcome() {
        let csv = view().to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "point,events.x.probability,outcome,probability,ci95_low,ci95_high,count,kept,\
             difference,difference_ci95_low,difference_ci95_high,both,only_a,only_b"
        );
        assert_eq!(lines.len(), 7);
        assert!(
            lines[1].starts_with("baseline,,struck,0.2,"),
            "{}",
            lines[1]
        );
        assert!(lines[3].starts_with("0,0.1,struck,0.25,"), "{}", lines[3]);
        assert!(lines[6].starts_with("1,0.2,spared,0.5,"), "{}", lines[6]);
    }

    #[test]
    fn markdown_has_a_column_per_path_and_outcome() {
        let md = view().to_markdown();
        assert!(
            md.starts_with(
                "## Sweep: Hazard (hazard.toml)  \n2 points, 100 trials per point, seed 7  \n"
            ),
            "{md}"
        );
        assert!(
            md.contains("| events.x.probability | struck | spared |"),
            "{md}"
        );
        assert!(
            md.contains("| 0.1 | 25.0% [17.5%, 34.3%] | 75.0% [65.7%, 82.5%] |"),
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
        // The baseline row first, then the points.
        assert_eq!(with[1][..2], ["(baseline)", "100"]);
        assert_eq!(with[2][..3], ["0.1", "80", "25.0% [16.8%, 35.5%]"]);
        assert_eq!(with[3][1], "100");
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
            values: &[Some(0.5), None],
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"z.b":0.5,"a.c":null}"#
        );
    }
}
