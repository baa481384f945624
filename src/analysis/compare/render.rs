//! A comparison as a document: each outcome's probability in A and in B, the difference and its
//! paired interval. Its JSON is each side's run report and the differences.

use serde::Serialize;

use super::{Comparison, Difference};
use crate::engine::RunResult;
use crate::model::Model;
use crate::report::tabular::{self, Table};
use crate::report::{Report, RunMeta, ToCsv, ToMarkdown, ToTable};

/// One compared scenario: its line in the header, and its run report for JSON.
#[derive(Clone, Debug)]
pub struct Contender {
    pub name: String,
    pub file: String,
    /// Overrides applied to this side only (B's `--set-b`).
    pub own_set: Vec<String>,
    /// The report `brink run` gives for this side with the shared seed (never `--given`, which
    /// compare refuses).
    pub report: Report,
}

impl Contender {
    /// The side of `model`, read from `file`, whose run in the comparison is `run` from `seed`.
    pub fn new(
        model: &Model,
        file: String,
        own_set: Vec<String>,
        run: &RunResult,
        seed: u64,
    ) -> Contender {
        let meta = RunMeta {
            file: Some(file.clone()),
            seed,
            given: None,
        };
        Contender {
            name: model.name.clone(),
            file,
            own_set,
            report: Report::build(model, run, &meta),
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
    pub comparison: Comparison,
}

/// `{"schema_version": 1, "a": <run report>, "b": <run report>, "differences": [...]}`.
impl Serialize for CompareDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Doc<'a> {
            schema_version: u32,
            a: &'a Report,
            b: &'a Report,
            differences: Vec<JsonDifference>,
        }
        Doc {
            schema_version: 1,
            a: &self.a.report,
            b: &self.b.report,
            differences: self
                .comparison
                .differences
                .iter()
                .map(JsonDifference::new)
                .collect(),
        }
        .serialize(s)
    }
}

/// One entry of `differences` in the JSON report.
#[derive(Serialize, Debug, PartialEq)]
pub struct JsonDifference {
    pub id: String,
    pub a: f64,
    pub b: f64,
    pub difference: f64,
    pub ci95: [f64; 2],
    /// `"a"` or `"b"` when the outcome exists in one scenario only (its probability in the
    /// other is then 0), else null.
    pub only_in: Option<&'static str>,
}

impl JsonDifference {
    pub fn new(d: &Difference) -> JsonDifference {
        let i = d.difference();
        JsonDifference {
            id: d.id.clone(),
            a: d.probability_a(),
            b: d.probability_b(),
            difference: i.estimate,
            ci95: [i.lo, i.hi],
            only_in: d.only_in().map(|s| s.name()),
        }
    }
}

impl CompareDocument {
    fn header_lines(&self) -> Vec<String> {
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
        lines.push(format!(
            "{} paired trials, seed {}: trial k of A and trial k of B share their random draws",
            self.trials, self.seed
        ));
        lines
    }

    fn footer(&self) -> Option<String> {
        self.comparison
            .differences
            .iter()
            .any(|d| d.only_in().is_some())
            .then(|| {
                "An outcome found in one scenario only has probability 0 in the other.".to_string()
            })
    }

    fn grid(&self) -> Table {
        let mut g = Table::new(
            [
                "outcome",
                "P(A)",
                "P(B)",
                "B - A",
                "95% interval (paired)",
                "note",
            ]
            .map(String::from)
            .to_vec(),
            vec![false, true, true, true, true, false],
        );
        for d in &self.comparison.differences {
            let i = d.difference();
            g.push(vec![
                d.id.clone(),
                tabular::prob(d.probability_a()),
                tabular::prob(d.probability_b()),
                tabular::signed(i.estimate),
                tabular::signed_interval(i.lo, i.hi),
                match d.only_in() {
                    Some(s) => format!("only in {}", s.name().to_uppercase()),
                    None => String::new(),
                },
            ]);
        }
        g
    }
}

impl ToTable for CompareDocument {
    fn to_table(&self) -> String {
        let mut out = tabular::terminal_page(&self.header_lines(), &self.grid());
        if let Some(f) = self.footer() {
            out.push_str(&f);
            out.push('\n');
        }
        out
    }
}

impl ToMarkdown for CompareDocument {
    fn to_markdown(&self) -> String {
        let mut out = tabular::markdown_page("## Compare\n\n", &self.header_lines(), &self.grid());
        if let Some(f) = self.footer() {
            out.push('\n');
            out.push_str(&f);
            out.push('\n');
        }
        out
    }
}

impl ToCsv for CompareDocument {
    fn to_csv(&self) -> String {
        let mut g = Table::new(
            [
                "id",
                "probability_a",
                "probability_b",
                "difference",
                "ci95_lo",
                "ci95_hi",
                "only_in",
            ]
            .map(String::from)
            .to_vec(),
            Vec::new(),
        );
        for d in &self.comparison.differences {
            let j = JsonDifference::new(d);
            g.push(vec![
                j.id,
                tabular::exact(j.a),
                tabular::exact(j.b),
                tabular::exact(j.difference),
                tabular::exact(j.ci95[0]),
                tabular::exact(j.ci95[1]),
                j.only_in.unwrap_or("").to_string(),
            ]);
        }
        g.csv()
    }
}
