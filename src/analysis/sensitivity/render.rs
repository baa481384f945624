//! A sensitivity analysis as tornado tables, one per outcome: every input at its low and high
//! value, ranked by swing with its paired interval, beside it for event probabilities the
//! forced and removed probabilities, the risk worths and, for drawn probabilities, the rank
//! correlation. Its JSON keeps every event's four variants (halved, doubled, forced, removed)
//! and adds the inputs, per outcome.

use super::json::{JsonEvent, JsonInput, JsonOutcome, JsonProbability, JsonSetting, JsonVariant};
use super::run::{OutcomeSensitivity, Sensitivity};
use super::swing::InputEffect;
use super::tornado::{self, EventEffect, Variant};
use crate::analysis::precision::reached_line;
use crate::model::Model;
use crate::report::figures;
use crate::report::tabular::{self, Table};
use crate::report::{PrecisionInfo, Report, ToCsv, ToMarkdown, ToTable};
use crate::stats::{ratio, wilson95};

/// The width of the longest swing bar in the terminal table.
const BAR: usize = 20;

/// A swing with its interval in percentage points: `12.2 pp [9.4, 15.3]`. A swing is a width
/// (how far apart the two runs are), not a change in one direction, so it has no sign; only an
/// interval end below 0 (the data cannot rule out no swing) shows a minus, also when it rounds
/// to 0 (`-0.0`). Decimals come from the interval's own half-width, as for a difference.
pub(super) fn swing_cell(swing: f64, lo: f64, hi: f64) -> String {
    let d = figures::decimals((hi - lo) / 2.0 * 100.0);
    let f = |x: f64| {
        let text = format!("{:.d$}", (x * 100.0).abs());
        if x < 0.0 { format!("-{text}") } else { text }
    };
    format!("{} pp [{}, {}]", f(swing), f(lo), f(hi))
}

/// An input's value for people: four significant digits, no trailing zeros (a percentile of a
/// distribution is rarely a round number; JSON and CSV keep every digit).
fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return tabular::exact(v);
    }
    if figures::extreme(v) {
        return figures::scientific_trimmed(v, 4);
    }
    let decimals = (3 - libm::floor(libm::log10(v.abs())) as i64).clamp(0, 12) as usize;
    let text = format!("{v:.decimals$}");
    match text.contains('.') {
        true => text.trim_end_matches('0').trim_end_matches('.').to_string(),
        false => text,
    }
}

/// A sensitivity analysis with what it was run on, ready for any format.
#[derive(Clone, Debug)]
pub struct SensitivityDocument<'a> {
    pub model: &'a Model,
    pub file: String,
    pub seed: u64,
    pub result: &'a Sensitivity,
    /// Show only this many inputs per outcome (`--top`).
    pub top: Option<usize>,
    /// What `--precision` reached, when the analysis went to a precision.
    pub precision: Option<PrecisionInfo>,
    /// The scenario's own run on the analysis's trials and seed (its baseline), whose figures
    /// the HTML page writes on the chain; `None` draws the chain without figures.
    pub baseline: Option<Report>,
}

/// `{"schema_version": 2, "streams", "scenario": {...}, "seed", "trials", "overrides",
/// "ranked_trials", "outcomes": [...]}`, every object's keys in alphabetical order; `streams` is
/// [`crate::engine::STREAM_VERSION`], as in a run's report.
impl serde::Serialize for SensitivityDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut doc = serde_json::json!({
            "schema_version": 2,
            "streams": crate::engine::STREAM_VERSION,
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
        });
        if let (Some(p), Some(map)) = (&self.precision, doc.as_object_mut()) {
            map.insert("precision".into(), serde_json::json!(p));
        }
        doc.serialize(s)
    }
}

impl SensitivityDocument<'_> {
    pub(super) fn base(&self, o: &OutcomeSensitivity) -> f64 {
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
                    inputs: self.shown(o).iter().map(|i| self.json_input(i)).collect(),
                }
            })
            .collect()
    }

    /// The inputs shown for `o`: all, or the `--top` ones.
    pub(super) fn shown<'o>(&self, o: &'o OutcomeSensitivity) -> &'o [InputEffect] {
        &o.inputs[..self.top.unwrap_or(usize::MAX).min(o.inputs.len())]
    }

    fn json_input(&self, e: &InputEffect) -> JsonInput {
        let input = &self.result.inputs[e.input];
        let i = e.interval();
        JsonInput {
            path: input.path.clone(),
            low: JsonSetting {
                value: input.low,
                probability: e.probability[0],
            },
            high: JsonSetting {
                value: input.high,
                probability: e.probability[1],
            },
            swing: e.swing(),
            ci95: [i.lo, i.hi],
            capped: input.capped,
        }
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
            probability: match &ev.probability_expr {
                Some(p) => JsonProbability::Expr(p.source.clone()),
                None => JsonProbability::new(&ev.probability),
            },
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

    pub(super) fn title(&self, o: &OutcomeSensitivity) -> String {
        let out = &self.model.outcomes[o.outcome];
        let [lo, hi] = wilson95(o.count, self.result.trials);
        format!(
            "{} ({}): P = {}",
            out.id,
            out.label,
            figures::percent_with_ci(self.base(o), lo, hi)
        )
    }

    pub(super) fn header_lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("Sensitivity: {} ({})", self.model.name, self.file),
            format!(
                "{} trials, seed {}; every variant runs on the same trials as the baseline",
                self.result.trials, self.seed
            ),
        ];
        if let Some(p) = &self.precision {
            lines.push(reached_line(
                p,
                self.result.trials,
                [
                    "every difference's and swing's",
                    "a difference's or swing's",
                ],
                "trials",
            ));
        }
        if !self.model.overrides.is_empty() {
            lines.push(format!("overrides: {}", self.model.overrides.join(", ")));
        }
        lines
    }

    pub(super) fn legend(&self) -> String {
        let mut text = String::from(
            "input: a number of the scenario, by its --set path; low and high: the values it is \
             set to for a whole run (half and double; the 10th and 90th percentile of a \
             distribution)\n\
             P(low), P(high): the outcome's probability there, on the same trials\n\
             swing: |P(high) - P(low)|, how far this number alone moves the outcome, with its \
             paired 95% interval; the rows are ranked by it\n\
             forced, removed: the outcome's probability with the event certain (probability 1) \
             or impossible (0)\n\
             RAW = P(forced) / P, how much worse certainty makes it; RRW = P / P(removed), how \
             much removing it helps (inf: the outcome needs the event)",
        );
        if self.result.inputs.iter().any(|i| i.capped) {
            text.push_str(
                "\n* capped: doubling reached a bound (1 for a probability, a variable's min or max)",
            );
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

    pub(super) fn grid(&self, o: &OutcomeSensitivity, bars: bool) -> Table {
        let base = self.base(o);
        let mut header: Vec<String> = [
            "input",
            "low",
            "high",
            "P(low)",
            "P(high)",
            "swing [95%]",
            "forced",
            "removed",
            "RAW",
            "RRW",
            "rho",
        ]
        .map(String::from)
        .to_vec();
        let mut right = vec![
            false, true, true, true, true, true, true, true, true, true, true,
        ];
        if bars {
            header.push(String::new());
            right.push(false);
        }
        let mut g = Table::new(header, right);
        if bars {
            // A narrow terminal drops the bar first.
            g.keep_whole(11);
            g.drop_order = vec![11];
        }
        let shown = self.shown(o);
        let widest = shown.iter().map(InputEffect::swing).fold(0.0, f64::max);
        for e in shown {
            let input = &self.result.inputs[e.input];
            let event = input
                .event
                .and_then(|ev| o.effects.iter().find(|x| x.event == ev));
            let ratio_cell = |r: Option<f64>, infinite: bool| match r {
                Some(r) => format!("{r:.2}"),
                None if infinite => "inf".into(),
                None => "-".into(),
            };
            let i = e.interval();
            let mark = if input.capped { "*" } else { "" };
            let mut row = vec![
                input.path.clone(),
                short(input.low),
                format!("{}{mark}", short(input.high)),
                figures::percent(e.probability[0]),
                figures::percent(e.probability[1]),
                swing_cell(e.swing(), i.lo, i.hi),
            ];
            match event {
                Some(x) => {
                    let (forced, removed) = (x.get(Variant::Forced).0, x.get(Variant::Removed).0);
                    row.extend([
                        figures::percent(forced),
                        figures::percent(removed),
                        ratio_cell(tornado::risk_achievement(base, forced), false),
                        ratio_cell(tornado::risk_reduction(base, removed), base > 0.0),
                        x.rank_correlation
                            .map_or("-".into(), |r| tabular::signed_to(r, 3)),
                    ]);
                }
                None => row.extend(["-", "-", "-", "-", "-"].map(String::from)),
            }
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
    /// Tidy: `outcome,event,metric,value`, with the outcome's own rows under event `""`, then
    /// one block per input with its path in the `event` column.
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
            push("", "ci95_low", tabular::exact(o.ci95[0]));
            push("", "ci95_high", tabular::exact(o.ci95[1]));
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
                    push(
                        &e.id,
                        &format!("{name}_ci95_low"),
                        tabular::exact(v.ci95[0]),
                    );
                    push(
                        &e.id,
                        &format!("{name}_ci95_high"),
                        tabular::exact(v.ci95[1]),
                    );
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
            for i in &o.inputs {
                push(&i.path, "low_value", tabular::exact(i.low.value));
                push(
                    &i.path,
                    "low_probability",
                    tabular::exact(i.low.probability),
                );
                push(&i.path, "high_value", tabular::exact(i.high.value));
                push(
                    &i.path,
                    "high_probability",
                    tabular::exact(i.high.probability),
                );
                push(&i.path, "input_swing", tabular::exact(i.swing));
                push(&i.path, "input_swing_ci95_low", tabular::exact(i.ci95[0]));
                push(&i.path, "input_swing_ci95_high", tabular::exact(i.ci95[1]));
                push(&i.path, "capped", u8::from(i.capped).to_string());
            }
        }
        g.csv()
    }
}

#[cfg(test)]
mod tests {
    use super::{short, swing_cell};

    #[test]
    fn a_swing_is_a_width_without_a_sign() {
        assert_eq!(swing_cell(0.122, 0.094, 0.153), "12.2 pp [9.4, 15.3]");
        // An interval reaching below 0 keeps its minus; a zero never gets one.
        assert_eq!(swing_cell(0.012, -0.004, 0.028), "1.2 pp [-0.4, 2.8]");
        assert_eq!(swing_cell(0.0, -0.0, 0.0), "0.0 pp [0.0, 0.0]");
        assert_eq!(swing_cell(0.0012, -2e-7, 0.0026), "0.12 pp [-0.00, 0.26]");
    }

    #[test]
    fn input_values_show_four_significant_digits() {
        assert_eq!(short(0.4600000000000001), "0.46");
        assert_eq!(short(0.0056174138372111874), "0.005617");
        assert_eq!(short(1.5), "1.5");
        assert_eq!(short(10.0), "10");
        assert_eq!(short(12345.6), "12346");
        assert_eq!(short(0.0), "0");
    }
}
