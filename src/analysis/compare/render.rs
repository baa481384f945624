//! A comparison as a document: each outcome's and event's probability in A and in B and each
//! variable's mean, the difference and its interval. Its JSON is each side's run report and the
//! three lists of differences.

use serde::Serialize;

use super::{Comparison, Difference, MeanDifference};
use crate::engine::RunResult;
use crate::model::Model;
use crate::report::figures;
use crate::report::tabular::{self, Table};
use crate::report::{Drawing, PrecisionInfo, Report, RunMeta, ToCsv, ToMarkdown, ToTable};

/// One compared scenario: its line in the header, and its run report for JSON.
#[derive(Clone, Debug)]
pub struct Contender {
    pub name: String,
    pub file: String,
    /// Overrides applied to this side only (B's `--set-b`).
    pub own_set: Vec<String>,
    /// The report `brink run` gives for this side with the shared seed and `--given`.
    pub report: Report,
    /// This side's chain with its figures, for the HTML page (the command supplies it).
    pub chain: Option<Drawing>,
}

impl Contender {
    /// The side of `model`, read from `file`, whose run in the comparison is `run` from `seed`.
    pub fn new(
        model: &Model,
        file: String,
        own_set: Vec<String>,
        run: &RunResult,
        meta: (u64, Option<String>),
    ) -> Contender {
        let meta = RunMeta {
            file: Some(file.clone()),
            seed: meta.0,
            given: meta.1,
        };
        Contender {
            name: model.name.clone(),
            file,
            own_set,
            report: Report::build(model, run, &meta),
            chain: None,
        }
    }
}

/// A comparison, ready for any format.
#[derive(Clone, Debug)]
pub struct CompareDocument {
    pub a: Contender,
    pub b: Contender,
    /// Overrides applied to both.
    pub set: Vec<String>,
    pub trials: u64,
    pub seed: u64,
    /// `--given` as written, which keeps different trials in A and in B.
    pub given: Option<String>,
    /// What `--precision` reached, when the run went to a precision.
    pub precision: Option<PrecisionInfo>,
    pub comparison: Comparison,
}

/// `{"schema_version": 2, "a": <run report>, "b": <run report>, "differences": [...],
/// "event_differences": [...], "variable_differences": [...], "warnings": [...]}`.
impl Serialize for CompareDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Doc<'a> {
            schema_version: u32,
            a: &'a Report,
            b: &'a Report,
            differences: Vec<JsonDifference>,
            event_differences: Vec<JsonDifference>,
            variable_differences: Vec<JsonDifference>,
            warnings: Vec<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            precision: &'a Option<PrecisionInfo>,
        }
        let c = &self.comparison;
        Doc {
            schema_version: crate::report::SCHEMA_VERSION,
            a: &self.a.report,
            b: &self.b.report,
            differences: c.differences.iter().map(JsonDifference::new).collect(),
            event_differences: c.events.iter().map(JsonDifference::new).collect(),
            variable_differences: c.variables.iter().map(JsonDifference::of_means).collect(),
            warnings: c.window.iter().map(String::as_str).collect(),
            precision: &self.precision,
        }
        .serialize(s)
    }
}

/// One entry of `differences`, `event_differences` or `variable_differences` in the JSON
/// report. For a variable `a` and `b` are means, and a side with no mean or no interval is null.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsonDifference {
    pub id: String,
    pub a: Option<f64>,
    pub b: Option<f64>,
    pub difference: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// `"a"` or `"b"` when the outcome exists in one scenario only (its probability in the
    /// other is then 0), else null.
    pub only_in: Option<&'static str>,
    /// Trials that ended in this outcome in both runs, in A only, in B only: the paired table
    /// behind the interval. Null when a `given` unpaired the runs.
    pub both: Option<u64>,
    pub only_a: Option<u64>,
    pub only_b: Option<u64>,
}

impl JsonDifference {
    pub fn new(d: &Difference) -> JsonDifference {
        let i = d.difference();
        JsonDifference {
            id: d.id.clone(),
            a: Some(d.probability_a()),
            b: Some(d.probability_b()),
            difference: Some(i.estimate),
            ci95: Some([i.lo, i.hi]),
            only_in: d.only_in().map(|s| s.name()),
            both: d.pairs.map(|p| p.both()),
            only_a: d.pairs.map(|p| p.a_only),
            only_b: d.pairs.map(|p| p.b_only),
        }
    }

    /// A variable's row: means, their difference and its interval, no counts.
    pub fn of_means(v: &MeanDifference) -> JsonDifference {
        JsonDifference {
            id: v.id.clone(),
            a: v.mean[0],
            b: v.mean[1],
            difference: v.difference.map(|i| i.estimate),
            ci95: v.difference.map(|i| [i.lo, i.hi]),
            only_in: None,
            both: None,
            only_a: None,
            only_b: None,
        }
    }
}

impl CompareDocument {
    pub(super) fn header_lines(&self) -> Vec<String> {
        let side = |tag: &str, s: &Contender| {
            let mut line = format!("{tag}: {} ({})", s.name, s.file);
            if !s.own_set.is_empty() {
                line.push_str(&format!(" with {}", s.own_set.join(", ")));
            }
            line
        };
        let mut lines = vec![side("A", &self.a), side("B", &self.b)];
        if !self.set.is_empty() {
            lines.push(format!("overrides on both: {}", self.set.join(", ")));
        }
        lines.push(if self.paired() {
            format!(
                "{} paired trials, seed {}: trial k of A and trial k of B share their random draws",
                self.trials, self.seed
            )
        } else {
            // The file's own `given` joins `--given` in each side's report.
            let expr = |c: &Contender| c.report.given.as_ref().map(|g| g.expr.clone());
            let g = match (expr(&self.a), expr(&self.b)) {
                (a, b) if a == b => a.unwrap_or_default(),
                (a, b) => format!(
                    "{} in A and {} in B",
                    a.as_deref().unwrap_or("nothing"),
                    b.as_deref().unwrap_or("nothing")
                ),
            };
            format!(
                "{} trials, seed {}, given {g}: {} kept in A, {} in B; the kept trials are not the \
                 same, so the differences are unpaired",
                self.trials, self.seed, self.comparison.a.kept, self.comparison.b.kept
            )
        });
        lines
    }

    pub(super) fn footer(&self) -> Vec<String> {
        let c = &self.comparison;
        let mut lines = Vec::new();
        if c.differences
            .iter()
            .chain(&c.events)
            .any(|d| d.only_in().is_some())
        {
            lines.push(
                "An outcome or event found in one scenario only has probability 0 in the other."
                    .to_string(),
            );
        }
        lines.extend(c.window.iter().map(|w| format!("warning: {w}")));
        if let Some(p) = &self.precision {
            lines.push(if p.cap_hit {
                format!(
                    "precision: the cap of {} trials came first; a difference's 95% half-width \
                     ({}) is still above {}",
                    self.trials,
                    p.of.join(", "),
                    p.target
                )
            } else {
                format!(
                    "precision: every difference's 95% half-width ({}) is at most {} after {} \
                     trials",
                    p.of.join(", "),
                    p.target,
                    self.trials
                )
            });
        }
        lines
    }

    /// Whether the trials stayed paired: no `given` on either side, in a file or on the
    /// command line.
    fn paired(&self) -> bool {
        let c = &self.comparison;
        c.differences.iter().all(|d| d.pairs.is_some())
    }

    fn interval_header(&self) -> &'static str {
        if self.paired() {
            "95% interval (paired)"
        } else {
            "95% interval (unpaired)"
        }
    }

    /// The outcomes' or the events' table.
    pub(super) fn grid(&self, what: &str, rows: &[Difference]) -> Table {
        let mut g = Table::new(
            [
                what,
                "P(A)",
                "P(B)",
                "B - A",
                self.interval_header(),
                "note",
            ]
            .map(String::from)
            .to_vec(),
            vec![false, true, true, true, true, false],
        );
        for d in rows {
            let i = d.difference();
            let (diff, ci) = figures::points_ci(i.estimate, i.lo, i.hi);
            g.push(vec![
                d.id.clone(),
                figures::percent(d.probability_a()),
                figures::percent(d.probability_b()),
                diff,
                ci,
                match d.only_in() {
                    Some(s) => format!("only in {}", s.name().to_uppercase()),
                    None => String::new(),
                },
            ]);
        }
        g
    }

    fn variable_grid(&self) -> Table {
        let mut g = Table::new(
            [
                "variable",
                "mean A",
                "mean B",
                "B - A",
                self.interval_header(),
            ]
            .map(String::from)
            .to_vec(),
            vec![false, true, true, true, true],
        );
        let num = |v: Option<f64>| v.map_or("-".to_string(), figures::quantity);
        for v in &self.comparison.variables {
            let (d, ci) = match v.difference {
                Some(i) => (
                    figures::signed_quantity(i.estimate),
                    format!(
                        "[{}, {}]",
                        figures::signed_quantity(i.lo),
                        figures::signed_quantity(i.hi)
                    ),
                ),
                None => ("-".into(), "-".into()),
            };
            g.push(vec![v.id.clone(), num(v.mean[0]), num(v.mean[1]), d, ci]);
        }
        g
    }

    /// The tables after the outcomes': `(title, table)`, left out when empty.
    pub(super) fn more_grids(&self) -> Vec<(&'static str, Table)> {
        let c = &self.comparison;
        let mut out = Vec::new();
        if !c.events.is_empty() {
            out.push((
                "Events: the probability of firing at least once",
                self.grid("event", &c.events),
            ));
        }
        if !c.variables.is_empty() {
            out.push((
                "Variables: the mean at the end of the trial",
                self.variable_grid(),
            ));
        }
        out
    }
}

impl ToTable for CompareDocument {
    fn to_table(&self) -> String {
        let c = &self.comparison;
        let mut out =
            tabular::terminal_page(&self.header_lines(), &self.grid("outcome", &c.differences));
        for (title, g) in self.more_grids() {
            out.push_str(&format!("\n{title}\n{}\n", g.terminal()));
        }
        for line in self.footer() {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

impl ToMarkdown for CompareDocument {
    fn to_markdown(&self) -> String {
        let c = &self.comparison;
        let mut out = tabular::markdown_page(
            "## Compare\n\n",
            &self.header_lines(),
            &self.grid("outcome", &c.differences),
        );
        for (title, g) in self.more_grids() {
            out.push_str(&format!("\n### {title}\n\n{}", g.markdown()));
        }
        for line in self.footer() {
            out.push('\n');
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// One row per outcome, then `events.ID` rows (probabilities of firing) and `variables.ID` rows
/// (means; no `only_in`).
impl ToCsv for CompareDocument {
    fn to_csv(&self) -> String {
        let mut g = Table::new(
            [
                "id",
                "probability_a",
                "probability_b",
                "difference",
                "ci95_low",
                "ci95_high",
                "only_in",
            ]
            .map(String::from)
            .to_vec(),
            Vec::new(),
        );
        let c = &self.comparison;
        let rows = (c.differences.iter().map(|d| (JsonDifference::new(d), "")))
            .chain(c.events.iter().map(|d| (JsonDifference::new(d), "events.")))
            .chain(
                c.variables
                    .iter()
                    .map(|v| (JsonDifference::of_means(v), "variables.")),
            );
        let cell = |v: Option<f64>| v.map_or(String::new(), tabular::exact);
        for (j, prefix) in rows {
            g.push(vec![
                format!("{prefix}{}", j.id),
                cell(j.a),
                cell(j.b),
                cell(j.difference),
                cell(j.ci95.map(|c| c[0])),
                cell(j.ci95.map(|c| c[1])),
                j.only_in.unwrap_or("").to_string(),
            ]);
        }
        g.csv()
    }
}
