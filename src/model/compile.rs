//! Checking a merged scenario document and building the [`Model`] (format.md sections 1-4, 7).
//!
//! Every section is checked even after an error, so one `brink check` lists every mistake of a
//! file. The model is built only when there is no error at all.

use std::path::PathBuf;

use super::dist::{self, Use};
use super::effects::{self, EffectSpans};
use super::expects;
use super::exprs;
use super::names::{Names, quote_list};
use super::read::{Cx, fmt_num};
use crate::expr::Program;
use crate::format::document::{Node, Table, Value};
use crate::format::scenario_doc::{DeclKind, ScenarioDoc, id_of};
use crate::format::schema;
use crate::format::{Diagnostic, SourceMap, Span};
use crate::model::{Actor, Branch, Event, Flag, Model, Modifier, Outcome, Variable, stream_key};

/// Most events a scenario may declare.
pub const MAX_EVENTS: usize = 10_000;
pub const MAX_HORIZON: i64 = 100_000;
pub const MAX_TRIALS: i64 = 1_000_000_000_000;

/// Where things were declared, for warnings.
#[derive(Clone, Debug, Default)]
pub struct Spans {
    pub actors: Vec<Span>,
    pub flags: Vec<Span>,
    pub variables: Vec<Span>,
    /// The id of each event.
    pub events: Vec<Span>,
    /// The `when` of each event (its id when it has none).
    pub event_when: Vec<Span>,
    /// The `modifiers` of each event (its id when it has none).
    pub modifiers: Vec<Span>,
    /// Writes of each event: its own effects and all its branches'.
    pub writes: Vec<EffectSpans>,
    pub outcomes: Vec<Span>,
    pub outcome_when: Vec<Option<Span>>,
    /// Conditions of `[[expect]] given`, which also read names.
    pub given: Vec<Program>,
}

pub struct Compiled {
    pub model: Model,
    pub spans: Spans,
}

/// What the model records about how it was loaded.
pub struct Meta {
    pub files: Vec<PathBuf>,
    pub digest: String,
    pub overrides: Vec<String>,
}

pub fn compile(
    doc: &ScenarioDoc,
    sources: &SourceMap,
    meta: Meta,
) -> (Option<Compiled>, Vec<Diagnostic>) {
    let mut cx = Cx::new(sources);
    let names = Names::declare(&mut cx, &doc.decls());
    let root_span = Span::new(doc.root, 0..0);
    let header = scenario(&mut cx, doc, &root_span);
    let actors = actors(&mut cx, doc);
    let flags = flags(&mut cx, doc);
    let variables = variables(&mut cx, doc);
    let mut spans = Spans {
        actors: doc.actors.iter().map(id_span).collect(),
        flags: doc
            .flags
            .entries
            .iter()
            .map(|e| e.key_span.clone())
            .collect(),
        variables: doc
            .variables
            .entries
            .iter()
            .map(|e| e.key_span.clone())
            .collect(),
        ..Spans::default()
    };
    let events = events(&mut cx, doc, &names, &variables, &mut spans);
    let outcomes = outcomes(&mut cx, doc, &names, &root_span, &mut spans);
    let expects = expects::read(&mut cx, doc, &names, &mut spans);
    if cx.has_errors() {
        return (None, cx.diags);
    }
    let (
        Some(header),
        Some(actors),
        Some(flags),
        Some(variables),
        Some(events),
        Some(outcomes),
        Some(expects),
    ) = (
        header,
        actors.into_iter().collect::<Option<Vec<_>>>(),
        flags.into_iter().collect::<Option<Vec<_>>>(),
        variables.into_iter().collect::<Option<Vec<_>>>(),
        events.into_iter().collect::<Option<Vec<_>>>(),
        outcomes.into_iter().collect::<Option<Vec<_>>>(),
        expects,
    )
    else {
        // Every `None` above was reported, here or while parsing (`nan`, overflowing integers).
        return (None, cx.diags);
    };
    let model = Model {
        name: header.name,
        description: header.description,
        source: header.source,
        calendar: calendar(&header.time_unit, header.start.as_deref()),
        time_unit: header.time_unit,
        start: header.start,
        horizon: header.horizon,
        trials: header.trials,
        seed: header.seed,
        actors,
        flags,
        variables,
        events,
        outcomes,
        expects,
        files: meta.files,
        digest: meta.digest,
        overrides: meta.overrides,
    };
    (Some(Compiled { model, spans }), cx.diags)
}

fn id_span(node: &Node) -> Span {
    node.as_table()
        .and_then(|t| t.get("id"))
        .map_or_else(|| node.span.clone(), |n| n.span.clone())
}

/// `(year, month)` for `time_unit = "month"` and `start = "YYYY-MM"`.
pub fn calendar(time_unit: &str, start: Option<&str>) -> Option<(i32, u32)> {
    if time_unit != "month" {
        return None;
    }
    let (y, m) = start?.split_once('-')?;
    if y.len() != 4
        || m.len() != 2
        || !y.bytes().all(|b| b.is_ascii_digit())
        || !m.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

struct Header {
    name: String,
    description: Option<String>,
    source: Option<String>,
    time_unit: String,
    start: Option<String>,
    horizon: u32,
    trials: u64,
    seed: u64,
}

fn scenario(cx: &mut Cx, doc: &ScenarioDoc, root: &Span) -> Option<Header> {
    let Some(node) = &doc.scenario else {
        cx.error(
            Diagnostic::error(root.clone(), "missing `[scenario]` section")
                .label("expected `[scenario]`")
                .help("every scenario starts with `[scenario]`, holding at least `name = \"...\"` and `horizon = 36`"),
        );
        return None;
    };
    let t = node.as_table()?;
    cx.check_keys(t, &schema::SCENARIO, "[scenario]");
    if let Some(f) = t.get("format") {
        cx.integer(f, "`format`", 1, 1, "1 (the only format this brink reads)");
    }
    let name = cx
        .required(
            t,
            "name",
            &node.span,
            "[scenario]",
            "name = \"Escalation after the front breaks\"",
        )
        .and_then(|n| cx.string(n, "`name`"));
    let description = cx.opt_string(t, "description", "`description`");
    let source = cx.opt_string(t, "source", "`source`");
    let time_unit = match t.get("time_unit") {
        Some(n) => cx.string(n, "`time_unit`"),
        None => Some("month".to_string()),
    };
    let start = cx.opt_string(t, "start", "`start`");
    let horizon = cx
        .required(t, "horizon", &node.span, "[scenario]", "horizon = 36")
        .and_then(|n| cx.integer(n, "`horizon`", 1, MAX_HORIZON, "between 1 and 100000"));
    let mut trials = Some(10_000);
    let mut seed = Some(0);
    if let Some(run) = t.get("run") {
        match run.as_table() {
            Some(rt) => {
                cx.check_keys(rt, &schema::RUN, "[scenario.run]");
                if let Some(n) = rt.get("trials") {
                    trials = cx
                        .integer(
                            n,
                            "`trials`",
                            1,
                            MAX_TRIALS,
                            "between 1 and 1000000000000 (10^12)",
                        )
                        .map(|v| v as u64);
                }
                if let Some(n) = rt.get("seed") {
                    seed = cx
                        .integer(n, "`seed`", 0, i64::MAX, "between 0 and 2^63 - 1")
                        .map(|v| v as u64);
                }
            }
            None => {
                cx.error(
                    Diagnostic::error(
                        run.span.clone(),
                        format!("`run` must be a table, found {}", run.value.type_name()),
                    )
                    .label("expected a table")
                    .help("write `[scenario.run]` with `trials` and `seed`"),
                );
            }
        }
    }
    Some(Header {
        name: name?,
        description,
        source,
        time_unit: time_unit?,
        start,
        horizon: horizon? as u32,
        trials: trials?,
        seed: seed?,
    })
}

fn actors(cx: &mut Cx, doc: &ScenarioDoc) -> Vec<Option<Actor>> {
    doc.actors
        .iter()
        .map(|node| {
            let t = node.as_table()?;
            let owner = owner_name("actor", node);
            cx.check_keys(t, &schema::ACTOR, &owner);
            let id = cx
                .required(t, "id", &node.span, &owner, "id = \"russia\"")
                .and_then(|n| cx.string(n, "`id`"));
            let name = cx
                .required(t, "name", &node.span, &owner, "name = \"Russia\"")
                .and_then(|n| cx.string(n, "`name`"));
            let side = cx.opt_string(t, "side", "`side`");
            let description = cx.opt_string(t, "description", "`description`");
            Some(Actor {
                id: id?,
                name: name?,
                side,
                description,
            })
        })
        .collect()
}

/// "event `ceasefire`", or "an event without id" for messages.
fn owner_name(kind: &str, node: &Node) -> String {
    match id_of(node) {
        Some(id) => format!("{kind} `{id}`"),
        None => format!("this {kind}"),
    }
}

fn flags(cx: &mut Cx, doc: &ScenarioDoc) -> Vec<Option<Flag>> {
    doc.flags
        .entries
        .iter()
        .map(|e| {
            let initial = match e.value.value {
                Value::Bool(b) => Some(b),
                _ => {
                    cx.boolean(&e.value, &format!("flag `{}`", e.key));
                    None
                }
            };
            Some(Flag {
                id: e.key.clone(),
                initial: initial?,
            })
        })
        .collect()
}

fn variables(cx: &mut Cx, doc: &ScenarioDoc) -> Vec<Option<Variable>> {
    doc.variables
        .entries
        .iter()
        .map(|e| {
            let what = format!("variable `{}`", e.key);
            match &e.value.value {
                Value::Table(t) => {
                    cx.check_keys(t, &schema::VARIABLE, &what);
                    let initial = cx
                        .required(t, "initial", &e.value.span, &what, "initial = 0")
                        .and_then(|n| cx.number(n, &format!("the initial value of `{}`", e.key)));
                    let min = t.get("min").map(|n| cx.number(n, "`min`"));
                    let max = t.get("max").map(|n| cx.number(n, "`max`"));
                    let unit = cx.opt_string(t, "unit", "`unit`");
                    let (min, max) = (
                        min.unwrap_or(Some(f64::NEG_INFINITY))?,
                        max.unwrap_or(Some(f64::INFINITY))?,
                    );
                    if min > max {
                        let span = t
                            .get("min")
                            .map_or_else(|| e.value.span.clone(), |n| n.span.clone());
                        let mut d = Diagnostic::error(
                            span,
                            format!("{what} has min {} > max {}", fmt_num(min), fmt_num(max)),
                        )
                        .label("min is above max")
                        .help("swap `min` and `max`");
                        if let Some(m) = t.get("max") {
                            d = d.secondary(m.span.clone(), "max");
                        }
                        cx.error(d);
                        return None;
                    }
                    let initial = initial?;
                    if initial < min || initial > max {
                        let span = t
                            .get("initial")
                            .map_or_else(|| e.value.span.clone(), |n| n.span.clone());
                        cx.error(
                            Diagnostic::error(
                                span,
                                format!(
                                    "the initial value {} of `{}` is outside its bounds",
                                    fmt_num(initial),
                                    e.key
                                ),
                            )
                            .label("out of bounds")
                            .help(format!(
                                "`{}` lies in [{}, {}]",
                                e.key,
                                fmt_num(min),
                                fmt_num(max)
                            )),
                        );
                        return None;
                    }
                    Some(Variable {
                        id: e.key.clone(),
                        initial,
                        min,
                        max,
                        unit,
                    })
                }
                _ => {
                    let initial = match e.value.value {
                        Value::Integer(_) | Value::Float(_) => cx.number(&e.value, &what),
                        _ => {
                            if !e.value.is_invalid() {
                                cx.error(
                                    Diagnostic::error(
                                        e.value.span.clone(),
                                        format!(
                                            "{what} must be a number or a table, found {}",
                                            e.value.value.type_name()
                                        ),
                                    )
                                    .label("expected a number")
                                    .help(format!(
                                        "write `{} = 3000` or `{} = {{ initial = 3000, min = 0 }}`",
                                        e.key, e.key
                                    )),
                                );
                            }
                            None
                        }
                    };
                    Some(Variable {
                        id: e.key.clone(),
                        initial: initial?,
                        min: f64::NEG_INFINITY,
                        max: f64::INFINITY,
                        unit: None,
                    })
                }
            }
        })
        .collect()
}

fn events(
    cx: &mut Cx,
    doc: &ScenarioDoc,
    names: &Names,
    vars: &[Option<Variable>],
    spans: &mut Spans,
) -> Vec<Option<Event>> {
    if doc.events.len() > MAX_EVENTS {
        cx.error(
            Diagnostic::error(
                doc.events[MAX_EVENTS].span.clone(),
                format!(
                    "too many events: {}, the limit is {MAX_EVENTS}",
                    doc.events.len()
                ),
            )
            .label("event 10001")
            .help("split the scenario, or merge events that describe the same thing"),
        );
    }
    doc.events
        .iter()
        .map(|node| {
            let t = node.as_table()?;
            let owner = owner_name("event", node);
            cx.check_keys(t, &schema::EVENT, &owner);
            let id = cx
                .required(t, "id", &node.span, &owner, "id = \"ceasefire\"")
                .and_then(|n| cx.string(n, "`id`"));
            spans.events.push(id_span(node));
            let actor = cx
                .required(t, "actor", &node.span, &owner, "actor = \"russia\"")
                .and_then(|n| {
                    let a = cx.string(n, "`actor`")?;
                    names.resolve(cx, &a, &n.span, DeclKind::Actor, "`actor`")
                });
            let label = cx.opt_string(t, "label", "`label`");
            let when = match t.get("when") {
                Some(n) => {
                    spans.event_when.push(n.span.clone());
                    exprs::condition(cx, n, names, false, &format!("the `when` of {owner}"))
                }
                None => {
                    spans.event_when.push(id_span(node));
                    Some(Program::constant(true))
                }
            };
            let probability = cx
                .required(t, "probability", &node.span, &owner, "probability = 0.1")
                .and_then(|n| dist::read(cx, n, "`probability`", Use::Probability));
            let over = match t.get("over") {
                Some(n) => cx
                    .integer(n, "`over`", 1, u32::MAX as i64, ">= 1")
                    .map(|v| v as u32),
                None => Some(1),
            };
            let repeat = match t.get("repeat") {
                Some(n) => cx.boolean(n, "`repeat`"),
                None => Some(false),
            };
            spans.modifiers.push(
                t.get("modifiers")
                    .map_or_else(|| id_span(node), |n| n.span.clone()),
            );
            let modifiers = modifiers(cx, t, names, &owner);
            let (fx, mut writes) = effects::read(cx, t, names, vars, &owner);
            let branches = branches(cx, t, names, vars, &owner, &mut writes);
            spans.writes.push(writes);
            let source = cx.opt_string(t, "source", "`source`");
            let rationale = cx.opt_string(t, "rationale", "`rationale`");
            let tags = t
                .get("tags")
                .map(|n| {
                    cx.string_list(n, "`tags`")
                        .into_iter()
                        .map(|(s, _)| s)
                        .collect()
                })
                .unwrap_or_default();
            let id = id?;
            Some(Event {
                stream_key: stream_key(&id),
                label: label.unwrap_or_else(|| id.clone()),
                id,
                actor: actor?,
                when: when?,
                probability: probability?,
                over: over?,
                repeat: repeat?,
                modifiers: modifiers?,
                effects: fx,
                branches: branches?,
                source,
                rationale,
                tags,
            })
        })
        .collect()
}

fn modifiers(cx: &mut Cx, t: &Table, names: &Names, owner: &str) -> Option<Vec<Modifier>> {
    let Some(node) = t.get("modifiers") else {
        return Some(Vec::new());
    };
    let items = tables(
        cx,
        node,
        "modifiers",
        "`modifiers = [{ when = \"sanctions\", factor = 0.5 }]`",
    )?;
    let mut out = Some(Vec::new());
    for (i, item) in items.iter().enumerate() {
        let mt = item.as_table()?;
        let what = format!("modifier {i} of {owner}");
        cx.check_keys(mt, &schema::MODIFIER, &what);
        let when = cx
            .required(mt, "when", &item.span, &what, "when = \"sanctions\"")
            .and_then(|n| exprs::condition(cx, n, names, false, &format!("the `when` of {what}")));
        let factor = cx
            .required(mt, "factor", &item.span, &what, "factor = 2.0")
            .and_then(|n| {
                let f = cx.number(n, "`factor`")?;
                if f < 0.0 {
                    cx.out_of_range(n, "`factor`", ">= 0", &fmt_num(f));
                    return None;
                }
                Some(f)
            });
        match (when, factor, out.as_mut()) {
            (Some(when), Some(factor), Some(v)) => v.push(Modifier { when, factor }),
            _ => out = None,
        }
    }
    out
}

fn branches(
    cx: &mut Cx,
    t: &Table,
    names: &Names,
    vars: &[Option<Variable>],
    owner: &str,
    writes: &mut EffectSpans,
) -> Option<Vec<Branch>> {
    let Some(node) = t.get("branches") else {
        return Some(Vec::new());
    };
    let items = tables(
        cx,
        node,
        "branches",
        "`branches = [{ weight = 1, label = \"win\" }]`",
    )?;
    let mut out = Some(Vec::new());
    for (i, item) in items.iter().enumerate() {
        let bt = item.as_table()?;
        let what = format!("branch {i} of {owner}");
        cx.check_keys(bt, &schema::BRANCH, &what);
        let weight = cx.required(bt, "weight", &item.span, &what, "weight = 1").and_then(|n| {
            let w = cx.number(n, "`weight`")?;
            if w <= 0.0 {
                cx.error(
                    Diagnostic::error(n.span.clone(), format!("`weight` must be > 0, found {}", fmt_num(w)))
                        .label("not a positive weight")
                        .help("a branch that can never be chosen should be removed; weights are relative, e.g. 1 and 3"),
                );
                return None;
            }
            Some(w)
        });
        let label = cx.opt_string(bt, "label", "`label`");
        let (fx, w) = effects::read(cx, bt, names, vars, &what);
        writes.flags.extend(w.flags);
        writes.assigns.extend(w.assigns);
        match (weight, out.as_mut()) {
            (Some(weight), Some(v)) => v.push(Branch {
                weight,
                label: label.unwrap_or_else(|| format!("branch {}", i + 1)),
                effects: fx,
            }),
            _ => out = None,
        }
    }
    out
}

/// An inline array of tables (`modifiers`, `branches`).
fn tables<'n>(cx: &mut Cx, node: &'n Node, key: &str, example: &str) -> Option<&'n [Node]> {
    let ok = node
        .as_array()
        .filter(|items| items.iter().all(|i| i.as_table().is_some()));
    if ok.is_none() && !node.is_invalid() {
        cx.error(
            Diagnostic::error(
                node.span.clone(),
                format!(
                    "`{key}` must be an array of tables, found {}",
                    node.value.type_name()
                ),
            )
            .label("expected `[{ ... }, { ... }]`")
            .help(format!("write {example}")),
        );
    }
    ok
}

fn outcomes(
    cx: &mut Cx,
    doc: &ScenarioDoc,
    names: &Names,
    root: &Span,
    spans: &mut Spans,
) -> Vec<Option<Outcome>> {
    let out: Vec<Option<Outcome>> = doc
        .outcomes
        .iter()
        .map(|node| {
            let t = node.as_table()?;
            let owner = owner_name("outcome", node);
            cx.check_keys(t, &schema::OUTCOME, &owner);
            let id = cx
                .required(t, "id", &node.span, &owner, "id = \"status_quo\"")
                .and_then(|n| cx.string(n, "`id`"));
            spans.outcomes.push(id_span(node));
            let label = cx.opt_string(t, "label", "`label`");
            let description = cx.opt_string(t, "description", "`description`");
            spans.outcome_when.push(t.get("when").map(|n| n.span.clone()));
            let when = match t.get("when") {
                Some(n) => exprs::condition(cx, n, names, false, &format!("the `when` of {owner}")).map(Some),
                None => Some(None),
            };
            let terminal = match t.get("terminal") {
                Some(n) => {
                    let b = cx.boolean(n, "`terminal`");
                    if t.get("when").is_none() && b.is_some() {
                        cx.error(
                            Diagnostic::error(t.entry("terminal").map_or(n.span.clone(), |e| e.key_span.clone()), format!("the catch-all {owner} cannot have `terminal`"))
                                .label("not allowed on the catch-all")
                                .help("the catch-all (the outcome without `when`) is judged only at the horizon; delete `terminal`, or give it a `when`"),
                        );
                        None
                    } else {
                        b
                    }
                }
                None => Some(t.get("when").is_some()),
            };
            let severity = t.get("severity").map(|n| cx.integer(n, "`severity`", i64::MIN, i64::MAX, "an integer"));
            let id = id?;
            Some(Outcome {
                label: label.unwrap_or_else(|| id.clone()),
                id,
                description,
                when: when?,
                terminal: terminal?,
                severity: match severity {
                    Some(s) => Some(s?),
                    None => None,
                },
            })
        })
        .collect();
    catch_all(cx, doc, names, root);
    out
}

/// Exactly one catch-all outcome, and it comes last.
fn catch_all(cx: &mut Cx, doc: &ScenarioDoc, names: &Names, root: &Span) {
    let is_catch_all = |n: &Node| n.as_table().is_some_and(|t| t.get("when").is_none());
    let all: Vec<&Node> = doc.outcomes.iter().filter(|n| is_catch_all(n)).collect();
    let example = "add last:\n    [[outcomes]]\n    id = \"status_quo\"\n    label = \"None of the above by the horizon\"";
    match all.as_slice() {
        [] => {
            let span = doc.outcomes.last().map_or_else(
                || {
                    doc.scenario
                        .as_ref()
                        .map_or(root.clone(), |s| s.span.clone())
                },
                id_span,
            );
            let message = if doc.outcomes.is_empty() {
                "the scenario has no outcomes"
            } else {
                "no catch-all outcome: every outcome has a `when`"
            };
            cx.error(
                Diagnostic::error(span, message)
                    .label("expected a catch-all outcome (one without `when`) last")
                    .help(format!("every trial must end in an outcome; {example}")),
            );
        }
        [first, rest @ ..] => {
            for other in rest {
                cx.error(
                    Diagnostic::error(id_span(other), "more than one catch-all outcome")
                        .label("this outcome has no `when` either")
                        .secondary(id_span(first), "first catch-all")
                        .help("exactly one outcome may omit `when`: give the others a condition"),
                );
            }
            if rest.is_empty() && !std::ptr::eq(*first, doc.outcomes.last().unwrap_or(first)) {
                let after: Vec<String> = doc
                    .outcomes
                    .iter()
                    .skip_while(|n| !std::ptr::eq(*n, *first))
                    .skip(1)
                    .filter_map(|n| id_of(n).map(str::to_string))
                    .collect();
                cx.error(
                    Diagnostic::error(id_span(first), "the catch-all outcome must come last")
                        .label("catch-all (no `when`)")
                        .help(format!(
                            "move it after {}: outcomes after it could never be reached",
                            quote_list(&after)
                        )),
                );
            }
        }
    }
    let _ = names;
}
