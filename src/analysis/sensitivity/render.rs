//! A sensitivity analysis as tornado tables, one per outcome: every event's four variants, the
//! risk worths and, for drawn probabilities, the rank correlation; largest swing first. Its
//! JSON is the same figures, per outcome and event.

use super::json::{JsonEvent, JsonOutcome, JsonProbability, JsonVariant, describe};
use super::run::{OutcomeSensitivity, Sensitivity};
use super::tornado::{self, EventEffect, Variant};
use crate::model::Model;
use crate::report::tabular::{self, Table};
use crate::report::{ToCsv, ToMarkdown, ToTable, wilson95};

/// The width of the longest swing bar in the terminal table.
const BAR: usize = 20;

/// A sensitivity analysis with what it was run on, ready for any format.
#[derive(Clone, Debug)]
pub struct SensitivityDocument<'a> {
    pub model: &'a Model,
    pub file: String,
    pub seed: u64,
    pub result: &'a Sensitivity,
}

/// `{"schema_version": 1, "scenario": {...}, "seed", "trials", "overrides", "ranked_trials",
/// "outcomes": [...]}`, every object's keys in alphabetical order.
impl serde::Serialize for SensitivityDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_json::json!({
            "schema_version": 1,
            "scenario": {
                "name": self.model.name,
                "file": self.file,
                "digest": self.model.digest,
            },
            "seed": self.seed,
            "trials": self.result.trials,
            "overrides": self.model.overrides,
            "ranked_trials": self.result.ranked_trials,
            "outcomes": self.json_outcomes(),
        })
        .serialize(s)
    }
}

impl SensitivityDocument<'_> {
    fn base(&self, o: &OutcomeSensitivity) -> f64 {
        ratio(o.count, self.result.trials)
    }

    fn json_outcomes(&self) -> Vec<JsonOutcome> {
        self.result
            .outcomes
            .iter()
            .map(|o| {
                let base = self.base(o);
                let [lo, hi] = wilson95(o.count, self.result.trials);
                let out = &self.model.outcomes[o.outcome];
                JsonOutcome {
                    id: out.id.clone(),
                    label: out.label.clone(),
                    probability: base,
                    ci95: [lo, hi],
                    count: o.count,
                    events: o.effects.iter().map(|e| self.json_event(base, e)).collect(),
                }
            })
            .collect()
    }

    fn json_event(&self, base: f64, e: &EventEffect) -> JsonEvent {
        let ev = &self.model.events[e.event];
        let variant = |v: Variant| {
            let (p, d) = e.get(v);
            JsonVariant {
                probability: p,
                difference: d.estimate,
                ci95: [d.lo, d.hi],
                capped: (v == Variant::Doubled).then_some(e.doubled_capped),
            }
        };
        JsonEvent {
            id: ev.id.clone(),
            label: ev.label.clone(),
            probability: JsonProbability::new(&ev.probability),
            swing: e.swing(),
            halved: variant(Variant::Halved),
            doubled: variant(Variant::Doubled),
            forced: variant(Variant::Forced),
            removed: variant(Variant::Removed),
            raw: tornado::risk_achievement(base, e.get(Variant::Forced).0),
            rrw: tornado::risk_reduction(base, e.get(Variant::Removed).0),
            rank_correlation: e.rank_correlation,
        }
    }

    fn title(&self, o: &OutcomeSensitivity) -> String {
        let out = &self.model.outcomes[o.outcome];
        let [lo, hi] = wilson95(o.count, self.result.trials);
        format!(
            "{} ({}): P = {} {}",
            out.id,
            out.label,
            tabular::prob(self.base(o)),
            tabular::interval(lo, hi)
        )
    }

    fn header_lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("Sensitivity: {} ({})", self.model.name, self.file),
            format!(
                "{} trials, seed {}; every variant runs on the same trials as the baseline",
                self.result.trials, self.seed
            ),
        ];
        if !self.model.overrides.is_empty() {
            lines.push(format!("overrides: {}", self.model.overrides.join(", ")));
        }
        lines
    }

    fn legend(&self) -> String {
        let mut text = String::from(
            "Each cell: the outcome's probability with the event's probability halved, doubled, \
             forced to 1 or set to 0, and the change from the baseline.\n\
             RAW = P(forced) / P; RRW = P / P(set to 0) (inf: the outcome needs the event).",
        );
        if self
            .result
            .outcomes
            .iter()
            .any(|o| o.effects.iter().any(|e| e.doubled_capped))
        {
            text.push_str("\n* doubling reached the cap of 1 (in some trials, for a drawn value).");
        }
        if self.result.ranked_trials > 0
            && self
                .result
                .outcomes
                .iter()
                .any(|o| o.effects.iter().any(|e| e.rank_correlation.is_some()))
        {
            text.push_str(&format!(
                "\nrho: Spearman's rank correlation between the drawn probability and the outcome, \
                 over {} trials.",
                self.result.ranked_trials
            ));
        }
        text
    }

    fn grid(&self, o: &OutcomeSensitivity, bars: bool) -> Table {
        let base = self.base(o);
        let mut header: Vec<String> = [
            "event",
            "probability",
            "halved",
            "doubled",
            "forced (=1)",
            "removed (=0)",
            "RAW",
            "RRW",
            "rho",
            "swing",
        ]
        .map(String::from)
        .to_vec();
        let mut right = vec![false, true, true, true, true, true, true, true, true, true];
        if bars {
            header.push(String::new());
            right.push(false);
        }
        let mut g = Table::new(header, right);
        let widest = o.effects.iter().map(EventEffect::swing).fold(0.0, f64::max);
        for e in &o.effects {
            let ev = &self.model.events[e.event];
            let cell = |v: Variant| {
                let (p, d) = e.get(v);
                let mark = if v == Variant::Doubled && e.doubled_capped {
                    "*"
                } else {
                    ""
                };
                format!(
                    "{}{mark} ({})",
                    tabular::prob(p),
                    tabular::signed(d.estimate)
                )
            };
            let ratio_cell = |r: Option<f64>, infinite: bool| match r {
                Some(r) => format!("{r:.2}"),
                None if infinite => "inf".into(),
                None => "-".into(),
            };
            let removed = e.get(Variant::Removed).0;
            let mut row = vec![
                ev.id.clone(),
                describe(&ev.probability),
                cell(Variant::Halved),
                cell(Variant::Doubled),
                cell(Variant::Forced),
                cell(Variant::Removed),
                ratio_cell(
                    tornado::risk_achievement(base, e.get(Variant::Forced).0),
                    false,
                ),
                ratio_cell(tornado::risk_reduction(base, removed), base > 0.0),
                e.rank_correlation
                    .map_or("-".into(), |r| tabular::signed_to(r, 3)),
                tabular::prob(e.swing()),
            ];
            if bars {
                let len = if widest > 0.0 {
                    (e.swing() / widest * BAR as f64).round() as usize
                } else {
                    0
                };
                row.push("█".repeat(len));
            }
            g.push(row);
        }
        g
    }
}

impl ToTable for SensitivityDocument<'_> {
    fn to_table(&self) -> String {
        let mut out = self.header_lines().join("\n");
        out.push('\n');
        for o in &self.result.outcomes {
            out.push('\n');
            out.push_str(&self.title(o));
            out.push('\n');
            out.push_str(&self.grid(o, true).terminal());
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.legend());
        out.push('\n');
        out
    }
}

impl ToMarkdown for SensitivityDocument<'_> {
    fn to_markdown(&self) -> String {
        let mut out = tabular::markdown_lines("## ", &self.header_lines());
        out.push('\n');
        for o in &self.result.outcomes {
            out.push_str(&format!("\n### {}\n\n", self.title(o)));
            out.push_str(&self.grid(o, false).markdown());
        }
        out.push('\n');
        out.push_str(&self.legend().replace('\n', "  \n").replace('*', "\\*"));
        out.push('\n');
        out
    }
}

impl ToCsv for SensitivityDocument<'_> {
    /// Tidy: `outcome,event,metric,value`, with the outcome's own rows under event `""`.
    fn to_csv(&self) -> String {
        let mut g = Table::new(
            ["outcome", "event", "metric", "value"]
                .map(String::from)
                .to_vec(),
            Vec::new(),
        );
        let opt = |v: Option<f64>| v.map_or(String::new(), tabular::exact);
        for o in self.json_outcomes() {
            let mut push = |event: &str, metric: &str, value: String| {
                g.push(vec![
                    o.id.clone(),
                    event.to_string(),
                    metric.to_string(),
                    value,
                ]);
            };
            push("", "probability", tabular::exact(o.probability));
            push("", "ci95_lo", tabular::exact(o.ci95[0]));
            push("", "ci95_hi", tabular::exact(o.ci95[1]));
            push("", "count", o.count.to_string());
            for e in &o.events {
                for (name, v) in [
                    ("halved", &e.halved),
                    ("doubled", &e.doubled),
                    ("forced", &e.forced),
                    ("removed", &e.removed),
                ] {
                    push(&e.id, name, tabular::exact(v.probability));
                    push(
                        &e.id,
                        &format!("{name}_difference"),
                        tabular::exact(v.difference),
                    );
                    push(&e.id, &format!("{name}_ci95_lo"), tabular::exact(v.ci95[0]));
                    push(&e.id, &format!("{name}_ci95_hi"), tabular::exact(v.ci95[1]));
                }
                push(
                    &e.id,
                    "doubled_capped",
                    u8::from(e.doubled.capped == Some(true)).to_string(),
                );
                push(&e.id, "raw", opt(e.raw));
                push(&e.id, "rrw", opt(e.rrw));
                push(&e.id, "rank_correlation", opt(e.rank_correlation));
                push(&e.id, "swing", tabular::exact(e.swing));
            }
        }
        g.csv()
    }
}

fn ratio(k: u64, n: u64) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}
