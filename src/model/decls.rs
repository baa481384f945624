//! `[[actors]]`, `[flags]` and `[variables]`: what events act on.

use std::collections::HashSet;

use super::dist::{self, Use};
use super::names::{Names, is_identifier};
use super::params::{Earlier, VALUE_KEYS, expression};
use super::read::{Cx, fmt_num, id_with_words, lies_in};
use super::spans::owner_name;
use crate::format::Diagnostic;
use crate::format::document::{Entry, Node, Value};
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::schema;
use crate::model::{Actor, Flag, Num, Variable};

pub(super) fn actors(cx: &mut Cx, doc: &ScenarioDoc) -> Vec<Option<Actor>> {
    let idless = (doc.actors.iter()).any(|a| a.as_table().is_some_and(|t| t.get("id").is_none()));
    let mut undeclared = if idless {
        undeclared_actors(doc)
    } else {
        Vec::new()
    }
    .into_iter();
    doc.actors
        .iter()
        .map(|node| {
            let t = node.as_table()?;
            let owner = owner_name("actor", node);
            let t = &cx.check_keys(t, &schema::ACTOR, &owner);
            // An actor without an id, while events name an actor nobody declares: that id is
            // likely the one deleted, and their errors are this one's.
            let likely = t.get("id").is_none().then(|| undeclared.next()).flatten();
            let example = format!("id = \"{}\"", likely.unwrap_or("russia"));
            // `d = "The Vatican"`: told at that key, with the id its words make.
            let told = likely.is_none() && t.entries.iter().any(|e| id_with_words(t, e));
            let id = (!told)
                .then(|| cx.required_for(t, "id", &node.span, &owner, &example, likely))
                .flatten()
                .and_then(|n| cx.string(n, "`id`"));
            let named = id.as_deref().or(likely).map_or("Russia".into(), name_of);
            let name = cx
                .required(
                    t,
                    "name",
                    &node.span,
                    &owner,
                    &format!("name = \"{named}\""),
                )
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

/// The actors events name (valid ids) that no actor declares, in the order of first use.
fn undeclared_actors(doc: &ScenarioDoc) -> Vec<&str> {
    let mut seen: HashSet<&str> = (doc.actors.iter())
        .filter_map(|a| a.as_table()?.get("id")?.as_str())
        .collect();
    let mut out: Vec<&str> = Vec::new();
    for e in &doc.events {
        if let Some(a) = e.as_table().and_then(|t| t.get("actor")?.as_str())
            && is_identifier(a)
            && seen.insert(a)
        {
            out.push(a);
        }
    }
    out
}

/// A name for the id: `north_korea` -> `North Korea`.
fn name_of(id: &str) -> String {
    let words: Vec<String> = (id.split('_').filter(|w| !w.is_empty()))
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect();
    words.join(" ")
}

pub(super) fn flags(cx: &mut Cx, doc: &ScenarioDoc) -> Vec<Option<Flag>> {
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

/// The distributions a parameter may be drawn from (its value's keys but `value` and `expr`).
const DISTRIBUTIONS: &[&str] = VALUE_KEYS.split_at(2).1;

/// A variable written as a parameter (`rate = { pert = [...] }` under `[variables]`): one error
/// instead of "no `initial`" and an unknown key. In format 2 a drawn starting value goes under
/// `initial`.
fn drawn_variable(cx: &Cx, id: &str, table: &Node, drawn: &Entry) -> Diagnostic {
    let written = cx.sources.slice(&table.span);
    let help = if cx.format1.contains(&drawn.key_span.file) {
        "a variable starts from one number (`initial = ...`); a number drawn once per trial is a \
         parameter, under `[params]`, which needs `format = 2` in `[scenario]`"
            .to_string()
    } else if let Some((before, own, after)) = drawn_in(written, table, drawn) {
        let fixed = format!("{before}initial = {{ {own} }}{after}");
        format!(
            "a variable drawn once per trial has its distribution under `initial`: `{id} = \
             {fixed}`; a number no event changes is a parameter, under `[params]`"
        )
    } else {
        "a variable drawn once per trial has its distribution under `initial`: `initial = { ... \
         }`; a number no event changes is a parameter, under `[params]`"
            .to_string()
    };
    Diagnostic::error(
        drawn.key_span.clone(),
        format!(
            "variable `{id}` is drawn from a distribution (`{}`), but has no `initial`",
            drawn.key
        ),
    )
    .label("not a key of a variable")
    .help(help)
}

/// `written`, the variable's table on one line, split around the distribution's own `key =
/// value` (which then goes under `initial` where it stands), when all three are in one file.
fn drawn_in<'w>(
    written: &'w str,
    table: &Node,
    drawn: &Entry,
) -> Option<(&'w str, &'w str, &'w str)> {
    if !written.starts_with('{')
        || written.contains('\n')
        || drawn.key_span.file != table.span.file
        || drawn.value.span.file != table.span.file
    {
        return None;
    }
    let start = drawn
        .key_span
        .range
        .start
        .checked_sub(table.span.range.start)?;
    let end = drawn
        .value
        .span
        .range
        .end
        .checked_sub(table.span.range.start)?;
    Some((
        written.get(..start)?,
        written.get(start..end)?,
        written.get(end..)?,
    ))
}

pub(super) fn variables(cx: &mut Cx, doc: &ScenarioDoc, names: &Names) -> Vec<Option<Variable>> {
    doc.variables
        .entries
        .iter()
        .map(|e| {
            let what = format!("variable `{}`", e.key);
            match &e.value.value {
                Value::Table(t)
                    if t.get("initial").is_none()
                        && let Some(drawn) =
                            t.entries.iter().find(|d| DISTRIBUTIONS.contains(&&*d.key)) =>
                {
                    cx.error(drawn_variable(cx, &e.key, &e.value, drawn));
                    None
                }
                Value::Table(t) => {
                    let t = &cx.check_keys(t, &schema::VARIABLE, &what);
                    let initial = cx
                        .required(t, "initial", &e.value.span, &what, "initial = 0")
                        .and_then(|n| initial(cx, n, names, &e.key));
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
                    let (initial, initial_num) = initial?;
                    if initial < min || initial > max {
                        let span = t
                            .get("initial")
                            .map_or_else(|| e.value.span.clone(), |n| n.span.clone());
                        let file = span.file;
                        let mut d = Diagnostic::error(
                            span,
                            format!(
                                "the initial value {} of `{}` is outside its bounds",
                                fmt_num(initial),
                                e.key
                            ),
                        )
                        .label("out of bounds")
                        .help(lies_in(&e.key, (min, max)));
                        // The bound it crosses, when a `--set` or another file gave it.
                        let crossed = if initial < min { "min" } else { "max" };
                        if let Some(b) = t.get(crossed).filter(|b| b.span.file != file) {
                            d = d.secondary(b.span.clone(), format!("the `{crossed}` it crosses"));
                        }
                        cx.error(d);
                        return None;
                    }
                    Some(Variable {
                        id: e.key.clone(),
                        initial,
                        min,
                        max,
                        unit,
                        initial_num,
                    })
                }
                _ => {
                    let initial = match e.value.value {
                        Value::Integer(_) | Value::Float(_) | Value::String(..) => {
                            initial(cx, &e.value, names, &e.key)
                        }
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
                                    .help(number_for(&e.key, &e.value.value)),
                                );
                            }
                            None
                        }
                    };
                    let (initial, initial_num) = initial?;
                    Some(Variable {
                        id: e.key.clone(),
                        initial,
                        min: f64::NEG_INFINITY,
                        max: f64::INFINITY,
                        unit: None,
                        initial_num,
                    })
                }
            }
        })
        .collect()
}

/// The help for a variable given a value that is not a number: a yes or no (kept a variable
/// because the scenario counts it, `uses.rs`) as 1 or 0; else the two ways to write one.
fn number_for(key: &str, value: &Value) -> String {
    match value {
        Value::Bool(b) => format!(
            "a variable holds a number: write `{key} = {}` for `{b}` (or `{}` for `{}`)",
            u8::from(*b),
            u8::from(!*b),
            !*b
        ),
        _ => format!("write `{key} = 3000` or `{key} = {{ initial = 3000, min = 0 }}`"),
    }
}

/// A variable's initial value: a number, or in format 2 a distribution drawn once per trial or
/// an expression over the parameters (NaN with the [`Num`]).
fn initial(cx: &mut Cx, n: &Node, names: &Names, key: &str) -> Option<(f64, Option<Num>)> {
    let what = format!("the initial value of `{key}`");
    match &n.value {
        Value::String(..) => {
            cx.needs_format2(&n.span, "an expression for an initial value");
            if cx.format1.contains(&n.span.file) {
                return None;
            }
            let scope = Earlier {
                names,
                upto: names.params.len() as u32,
                initial: true,
            };
            let p = expression(cx, n, &what, &scope)?;
            Some((f64::NAN, Some(Num::Expr(p))))
        }
        Value::Table(_) => {
            cx.needs_format2(&n.span, "a distribution for an initial value");
            let d = dist::read(cx, n, &what, Use::Param)?;
            Some(match d.as_const() {
                Some(v) => (v, None),
                None => (f64::NAN, Some(Num::Draw(d))),
            })
        }
        _ => cx.number(n, &what).map(|v| (v, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::name_of;

    #[test]
    fn an_actor_name_is_its_id_in_words() {
        assert_eq!(name_of("north_korea"), "North Korea");
        assert_eq!(name_of("a"), "A");
        assert_eq!(name_of("us__2"), "Us 2");
    }
}
