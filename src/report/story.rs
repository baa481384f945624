//! The story of one trial (`brink trace`), in every report format.

use serde::Serialize;

use super::csv::ToCsv;
use super::document::{ReportFormat, render};
use super::fmt::{num, unsigned_zero};
use super::markdown::ToMarkdown;
use super::shape::{Fractions, Named};
use super::table::ToTable;
use crate::engine::{Change, Trace};
use crate::model::Model;

/// What the story says beyond the trace itself.
#[derive(Clone, Debug, Default)]
pub struct StoryMeta {
    pub file: String,
    /// The condition the story judges, as written: the scenario's `given`, the `--given`
    /// expression, or both joined by `and`.
    pub given: Option<String>,
    /// The step at which the scenario's own `given` is judged (its `observed`), if it says one.
    pub observed: Option<u32>,
    /// True when a `--given` is part of `given` (it is judged at the end).
    pub given_cli: bool,
    /// The `--outcome` searched for, if any.
    pub outcome: Option<String>,
    /// When the trial was found by a search (`--given`, `--outcome`): the trials passed over
    /// from `--trial` on.
    pub passed_over: Option<u64>,
}

/// The story of one trial, ready for any format.
#[derive(Serialize)]
pub struct Story<'a> {
    schema_version: u32,
    streams: u32,
    scenario: StoryScenario<'a>,
    seed: u64,
    trial: u64,
    /// Trials passed over by a search before this one; left out when no search was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    passed_over: Option<u64>,
    /// The `--outcome` searched for; left out when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'a str>,
    overrides: &'a [String],
    /// Distribution-valued probabilities as drawn for this trial.
    drawn: Fractions,
    steps: Vec<StoryStep<'a>>,
    end: StoryEnd<'a>,
    given: Option<StoryGiven<'a>>,
    flags: Named<bool>,
    variables: Fractions,
}

#[derive(Serialize)]
struct StoryScenario<'a> {
    name: &'a str,
    file: &'a str,
    digest: &'a str,
}

#[derive(Serialize)]
struct StoryStep<'a> {
    step: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    firings: Vec<StoryFiring<'a>>,
}

#[derive(Serialize)]
struct StoryFiring<'a> {
    event: &'a str,
    label: &'a str,
    actor: &'a str,
    branch: Option<&'a str>,
    changes: Vec<StoryChange<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum StoryChange<'a> {
    Flag {
        flag: &'a str,
        value: bool,
    },
    Variable {
        variable: &'a str,
        old: f64,
        new: f64,
    },
}

#[derive(Serialize)]
struct StoryEnd<'a> {
    outcome: &'a str,
    label: &'a str,
    step: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    /// False when the trial ran to the horizon and was classified there.
    terminal: bool,
}

#[derive(Serialize)]
struct StoryGiven<'a> {
    expr: &'a str,
    holds: bool,
    /// The step the scenario's own condition is judged at; left out when it is judged at the
    /// end.
    #[serde(skip_serializing_if = "Option::is_none")]
    observed: Option<u32>,
    #[serde(skip)]
    observed_month: Option<String>,
    #[serde(skip)]
    cli: bool,
}

impl StoryGiven<'_> {
    /// When the condition is judged, in words: "at the end", or at the `observed` step.
    fn judged(&self) -> String {
        match (self.observed, self.cli) {
            (None, _) => "at the end".into(),
            (Some(s), false) => format!(
                "at {}, the step the scenario judges it at (`observed = {s}`)",
                when(s, &self.observed_month)
            ),
            (Some(s), true) => format!(
                "(the scenario's `given` at {}, its `observed` step; `--given` at the end)",
                when(s, &self.observed_month)
            ),
        }
    }
}

/// The story of `t`, a trial of `model`.
pub fn story<'a>(model: &'a Model, t: &Trace, meta: &'a StoryMeta) -> Story<'a> {
    let ev = |e: usize| &model.events[e];
    let steps = t
        .steps
        .iter()
        .map(|s| StoryStep {
            step: s.step,
            month: model.calendar_label(s.step),
            firings: s
                .firings
                .iter()
                .map(|f| StoryFiring {
                    event: &ev(f.event).id,
                    label: &ev(f.event).label,
                    actor: &model.actors[ev(f.event).actor].id,
                    branch: f.branch.map(|b| ev(f.event).branches[b].label.as_str()),
                    changes: f
                        .changes
                        .iter()
                        .map(|c| match *c {
                            Change::Flag { flag, value } => StoryChange::Flag {
                                flag: &model.flags[flag].id,
                                value,
                            },
                            Change::Variable { variable, old, new } => StoryChange::Variable {
                                variable: &model.variables[variable].id,
                                old: unsigned_zero(old),
                                new: unsigned_zero(new),
                            },
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let o = &model.outcomes[t.end.outcome];
    Story {
        schema_version: super::shape::SCHEMA_VERSION,
        streams: crate::engine::STREAM_VERSION,
        scenario: StoryScenario {
            name: &model.name,
            file: &meta.file,
            digest: &model.digest,
        },
        seed: t.seed,
        trial: t.trial,
        passed_over: meta.passed_over,
        outcome: meta.outcome.as_deref(),
        overrides: &model.overrides,
        drawn: Named(
            t.drawn
                .iter()
                .map(|&(e, p)| (ev(e).id.clone(), p))
                .collect(),
        ),
        steps,
        end: StoryEnd {
            outcome: &o.id,
            label: &o.label,
            step: t.end.step,
            month: model.calendar_label(t.end.step),
            terminal: o.terminal && o.when.is_some(),
        },
        given: meta
            .given
            .as_deref()
            .zip(t.given)
            .map(|(expr, holds)| StoryGiven {
                expr,
                holds,
                observed: meta.observed,
                observed_month: meta.observed.and_then(|s| model.calendar_label(s)),
                cli: meta.given_cli,
            }),
        flags: Named(
            model
                .flags
                .iter()
                .zip(&t.flags)
                .map(|(f, &v)| (f.id.clone(), v))
                .collect(),
        ),
        variables: Named(
            model
                .variables
                .iter()
                .zip(&t.vars)
                .map(|(v, &x)| (v.id.clone(), unsigned_zero(x)))
                .collect(),
        ),
    }
}

/// How a searched-for trial was found: "the first trial from trial 0 that ended in `war`
/// (41 trials passed over)".
fn found(s: &Story, passed_over: u64) -> String {
    let mut what = Vec::new();
    if let Some(o) = s.outcome {
        what.push(format!("ended in `{o}`"));
    }
    if let Some(g) = &s.given {
        what.push(format!("satisfied `{}` {}", g.expr, g.judged()));
    }
    format!(
        "the first trial from trial {} that {} ({passed_over} trial{} passed over)",
        s.trial - passed_over,
        what.join(" and "),
        if passed_over == 1 { "" } else { "s" }
    )
}

fn when(step: u32, month: &Option<String>) -> String {
    match month {
        Some(m) => format!("step {step} ({m})"),
        None => format!("step {step}"),
    }
}

fn text(s: &Story, markdown: bool) -> String {
    let (h1, h2, item) = if markdown {
        ("# ", "## ", "- ")
    } else {
        ("", "", "  ")
    };
    let sub = if markdown { "  - " } else { "    " };
    let mut out = format!(
        "{h1}{}: trial {} with seed {}\n\n{}\n",
        s.scenario.name, s.trial, s.seed, s.scenario.file
    );
    if let Some(n) = s.passed_over {
        out.push_str(&format!("{}\n", found(s, n)));
    }
    if !s.overrides.is_empty() {
        out.push_str(&format!("overrides: {}\n", s.overrides.join(", ")));
    }
    if !s.drawn.0.is_empty() {
        out.push_str(&format!("\n{h2}Probabilities drawn for this trial\n\n"));
        for (e, p) in &s.drawn.0 {
            out.push_str(&format!("{item}{e}: {}\n", num(*p)));
        }
    }
    if s.steps.is_empty() {
        out.push_str("\nNo event fired.\n");
    }
    for step in &s.steps {
        let w = when(step.step, &step.month);
        let mut title = w[..1].to_uppercase();
        title.push_str(&w[1..]);
        out.push_str(&format!("\n{h2}{title}\n\n"));
        for f in &step.firings {
            out.push_str(&format!("{item}{} ({})", f.event, f.actor));
            if f.label != f.event {
                out.push_str(&format!(": {}", f.label));
            }
            out.push('\n');
            if let Some(b) = f.branch {
                out.push_str(&format!("{sub}branch: {b}\n"));
            }
            for c in &f.changes {
                match c {
                    StoryChange::Flag { flag, value } => {
                        out.push_str(&format!("{sub}{flag}: {value}\n"))
                    }
                    StoryChange::Variable { variable, old, new } => {
                        out.push_str(&format!("{sub}{variable}: {} → {}\n", num(*old), num(*new)))
                    }
                }
            }
        }
    }
    let e = &s.end;
    out.push_str(&format!("\n{h2}Outcome\n\n"));
    if e.terminal {
        out.push_str(&format!(
            "{} ({}), at {}.\n",
            e.label,
            e.outcome,
            when(e.step, &e.month)
        ));
    } else {
        out.push_str(&format!(
            "{} ({}), judged at the horizon, {}.\n",
            e.label,
            e.outcome,
            when(e.step, &e.month)
        ));
    }
    if let Some(g) = &s.given {
        out.push_str(&format!(
            "The condition `{}` {} {}.\n",
            g.expr,
            if g.holds { "holds" } else { "does not hold" },
            g.judged()
        ));
    }
    if !s.flags.0.is_empty() || !s.variables.0.is_empty() {
        out.push_str(&format!("\n{h2}Final state\n\n"));
        for (f, v) in &s.flags.0 {
            out.push_str(&format!("{item}{f}: {v}\n"));
        }
        for (v, x) in &s.variables.0 {
            out.push_str(&format!("{item}{v}: {}\n", num(*x)));
        }
    }
    out
}

fn csv(s: &Story) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut row = |step: String, kind: &str, id: &str, value: String| {
        w.write_record([step.as_str(), kind, id, value.as_str()])
            .expect("writing to memory");
    };
    row("step".into(), "kind", "id", "value".into());
    for (e, p) in &s.drawn.0 {
        row("0".into(), "drawn", e, p.to_string());
    }
    for st in &s.steps {
        for f in &st.firings {
            row(
                st.step.to_string(),
                "fired",
                f.event,
                f.branch.unwrap_or("").into(),
            );
            for c in &f.changes {
                match c {
                    StoryChange::Flag { flag, value } => {
                        row(st.step.to_string(), "flag", flag, value.to_string())
                    }
                    StoryChange::Variable { variable, new, .. } => {
                        row(st.step.to_string(), "variable", variable, new.to_string())
                    }
                }
            }
        }
    }
    row(
        s.end.step.to_string(),
        "outcome",
        s.end.outcome,
        s.end.label.into(),
    );
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8")
}

impl ToTable for Story<'_> {
    fn to_table(&self) -> String {
        text(self, false)
    }
}

impl ToMarkdown for Story<'_> {
    fn to_markdown(&self) -> String {
        text(self, true)
    }
}

impl ToCsv for Story<'_> {
    fn to_csv(&self) -> String {
        csv(self)
    }
}

/// The story of `trace` (a trial of `model`) in `format`, ending with a newline.
pub fn render_trace(
    model: &Model,
    trace: &Trace,
    meta: &StoryMeta,
    format: ReportFormat,
) -> String {
    render(&story(model, trace, meta), format)
}
