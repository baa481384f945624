//! `[[events]]`: condition, probability, `over`, modifiers, effects and branches.

use super::branch_keys::event_keys_in_branch;
use super::effects::{self, EffectSpans};
use super::exprs;
use super::header::{duration_help, written_unit};
use super::idless_event::likely_ids;
use super::limits::MAX_EVENTS;
use super::names::{Names, id_example};
use super::numbers::{self, Place, Read};
use super::read::{Cx, in_brackets};
use super::spans::{Spans, id_span, owner_name};
use crate::expr::Program;
use crate::format::document::{Node, Table, Value};
use crate::format::scenario_doc::{DeclKind, ScenarioDoc};
use crate::format::schema;
use crate::format::{Diagnostic, Span};
use crate::model::{Branch, Dist, Event, Modifier, Num, Variable, stream_key};

pub(super) fn events(
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
    let unit = written_unit(doc);
    let likely = likely_ids(doc, names);
    (doc.events.iter().zip(likely))
        .map(|(node, likely)| {
            let t = node.as_table()?;
            let owner = owner_name("event", node);
            let t = &cx.check_keys(t, &schema::EVENT, &owner);
            let id = cx
                .entry_id(
                    t,
                    &node.span,
                    &owner,
                    &id_example(t, "ceasefire", names),
                    likely,
                )
                .and_then(|n| cx.string(n, "`id`"));
            spans.events.push(id_span(node));
            let example = format!(
                "actor = \"{}\"",
                likely_actor(id.as_deref().or(likely), names.list(DeclKind::Actor))
            );
            let actor = cx
                .required(t, "actor", &node.span, &owner, &example)
                .and_then(|n| {
                    let a = cx.string(n, "`actor`")?;
                    if names.get(&a).is_none()
                        && let Some(id) = actor_named(doc, &a)
                        && names.get(id).is_some()
                    {
                        cx.error(
                            Diagnostic::error(n.span.clone(), format!("unknown actor `{a}`"))
                                .label("an actor's name, not its id")
                                .help(format!(
                                    "`{a}` is the name of actor `{id}`; `actor` takes the id: \
                                     `actor = \"{id}\"`"
                                ))
                                .about_unknown(Some(a.as_str())),
                        );
                        return None;
                    }
                    names.resolve_written(cx, &a, &n.span, DeclKind::Actor, "`actor`")
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
                .and_then(|n| {
                    numbers::read(cx, n, names, Place::Probability, "`probability`", &owner)
                })
                .map(|r| match r {
                    Read::Fixed(d) => (d, None),
                    Read::Num(Num::Expr(p)) => (Dist::Const(f64::NAN), Some(p)),
                    Read::Num(Num::Draw(d)) => (d, None),
                });
            let over = match t.get("over") {
                // `over = "3 months"`: the number of steps it means, as for `horizon`.
                Some(n)
                    if let Some(help) = n.as_str().and_then(|d| duration_help("over", d, unit)) =>
                {
                    cx.wrong_type(n, "`over`", "an integer", Some(help));
                    None
                }
                Some(n) => cx
                    .integer(n, "`over`", 1, u32::MAX as i64, ">= 1")
                    .map(|v| v as u32),
                None => Some(1),
            };
            let repeat = match t.get("repeat") {
                // `repeat = 3`: a count of firings, which is a condition on `times`.
                Some(
                    n @ Node {
                        value: Value::Integer(k),
                        ..
                    },
                ) if *k >= 2 => {
                    let event = id.as_deref().unwrap_or("this_event");
                    cx.wrong_type(
                        n,
                        "`repeat`",
                        "`true` or `false`",
                        Some(format!(
                            "`repeat = true` lets the event fire again at each step; to stop it \
                             after {k} firings, also add `times({event}) < {k}` to its `when`"
                        )),
                    );
                    None
                }
                Some(n) => cx.boolean(n, "`repeat`"),
                None => Some(false),
            };
            let milestone = match t.get("milestone") {
                Some(n) => {
                    cx.needs_format2(&n.span, "`milestone`");
                    cx.boolean(n, "`milestone`")
                }
                None => Some(false),
            };
            spans.modifiers.push(
                t.get("modifiers")
                    .map_or_else(|| id_span(node), |n| n.span.clone()),
            );
            let mut whens = Vec::new();
            let modifiers = modifiers(cx, t, names, &owner, &mut whens);
            spans.modifier_when.push(whens);
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
            number_spans(t, &id, spans);
            let (probability, probability_expr) = probability?;
            Some(Event {
                stream_key: stream_key(&id),
                label: label.unwrap_or_else(|| id.clone()),
                id,
                actor: actor?,
                when: when?,
                probability,
                probability_expr,
                over: over?,
                repeat: repeat?,
                milestone: milestone?,
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

/// Where the expressions of the event's probability, factors and weights are, for warnings.
fn number_spans(t: &Table, id: &str, spans: &mut Spans) {
    let mut note = |path: String, node: Option<&Node>| {
        if let Some(n) = node.filter(|n| n.as_str().is_some()) {
            spans.number_exprs.push((path, n.span.clone()));
        }
    };
    note(format!("events.{id}.probability"), t.get("probability"));
    for (key, field) in [("modifiers", "factor"), ("branches", "weight")] {
        let items = t.get(key).and_then(Node::as_array).unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            let node = item.as_table().and_then(|it| it.get(field));
            note(format!("events.{id}.{key}.{i}.{field}"), node);
        }
    }
}

/// The modifiers; the span of each one's `when` goes to `whens`.
fn modifiers(
    cx: &mut Cx,
    t: &Table,
    names: &Names,
    owner: &str,
    whens: &mut Vec<Span>,
) -> Option<Vec<Modifier>> {
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
        let what = format!("modifier {} of {owner}", i + 1);
        let mt = &cx.check_keys(mt, &schema::MODIFIER, &what);
        let when = cx
            .required(mt, "when", &item.span, &what, "when = \"sanctions\"")
            .inspect(|n| whens.push(n.span.clone()))
            .and_then(|n| exprs::condition(cx, n, names, false, &format!("the `when` of {what}")));
        let factor = cx
            .required(mt, "factor", &item.span, &what, "factor = 2.0")
            .and_then(|n| numbers::read(cx, n, names, Place::Factor, "`factor`", &what))
            .map(Read::split);
        match (when, factor, out.as_mut()) {
            (Some(when), Some((factor, factor_num)), Some(v)) => v.push(Modifier {
                when,
                factor,
                factor_num,
            }),
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
        let what = format!("branch {} of {owner}", i + 1);
        let kept = event_keys_in_branch(cx, t, bt, &what);
        let bt = &cx.check_keys(kept.as_ref().unwrap_or(bt), &schema::BRANCH, &what);
        let weight = cx
            .required(bt, "weight", &item.span, &what, "weight = 1")
            .and_then(|n| numbers::read(cx, n, names, Place::Weight, "`weight`", &what))
            .map(Read::split);
        let label = cx.opt_string(bt, "label", "`label`");
        let (fx, w) = effects::read(cx, bt, names, vars, &what);
        writes.flags.extend(w.flags);
        writes.assigns.extend(w.assigns);
        writes.adds.extend(w.adds);
        match (weight, out.as_mut()) {
            (Some((weight, weight_num)), Some(v)) => v.push(Branch {
                weight,
                weight_num,
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
        // One inline table where a list of them belongs: the fix is the author's own text in
        // brackets.
        let written = cx.sources.slice(&node.span);
        let help = if node.as_table().is_some()
            && written.starts_with('{')
            && !written.contains('\n')
            && written.len() <= 100
        {
            in_brackets(written)
        } else {
            format!("write {example}")
        };
        cx.error(
            Diagnostic::error(
                node.span.clone(),
                format!(
                    "`{key}` must be an array of tables, found {}",
                    node.value.type_name()
                ),
            )
            .label("expected `[{ ... }, { ... }]`")
            .help(help),
        );
    }
    ok
}

/// The id of the actor whose `name` is `written` (`"South Korea"` for `south_korea`), in any
/// case: what an event's `actor` holds when the author wrote the name for the id.
fn actor_named<'d>(doc: &'d ScenarioDoc, written: &str) -> Option<&'d str> {
    doc.actors.iter().find_map(|node| {
        let t = node.as_table()?;
        let name = t.get("name")?.as_str()?;
        let id = t.get("id")?.as_str()?;
        name.trim()
            .eq_ignore_ascii_case(written.trim())
            .then_some(id)
    })
}

/// The actor to name in the fix for an event without one: the actor its id starts with
/// (`nk_sends_troops`: `north_korea` by its initials; `russian_breakthrough`: `russia`), else
/// the first declared.
fn likely_actor<'a>(event: Option<&str>, actors: &'a [String]) -> &'a str {
    let word = event.and_then(|e| e.split('_').next()).unwrap_or("");
    let named = |actor: &str| {
        let initials: String = actor.split('_').filter_map(|w| w.chars().next()).collect();
        let shared = actor
            .chars()
            .zip(word.chars())
            .take_while(|(a, b)| a == b)
            .count();
        actor == word || (word.len() >= 2 && initials == word) || shared >= 4
    };
    (actors.iter().find(|a| named(a)))
        .or(actors.first())
        .map_or("russia", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::likely_actor;

    #[test]
    fn the_fix_names_the_actor_the_event_id_starts_with() {
        let actors: Vec<String> = ["russia", "north_korea", "united_states", "china"]
            .map(String::from)
            .into();
        for (event, actor) in [
            (Some("nk_sends_troops"), "north_korea"),
            (Some("us_brokered_talks"), "united_states"),
            (Some("russian_breakthrough"), "russia"),
            (Some("chinese_mediation"), "china"),
            (Some("china"), "china"),
            (Some("ceasefire"), "russia"),
            (Some("n_event"), "russia"),
            (None, "russia"),
        ] {
            assert_eq!(likely_actor(event, &actors), actor, "{event:?}");
        }
        assert_eq!(likely_actor(Some("war"), &[]), "russia");
    }
}
