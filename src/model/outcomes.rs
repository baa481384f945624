//! `[[outcomes]]`: conditions, `terminal`, and exactly one catch-all, last.

use super::exprs;
use super::names::{Names, id_example, quote_list};
use super::read::Cx;
use super::spans::{Spans, id_span, owner_name};
use crate::format::document::{Node, Table};
use crate::format::misspelt::misspelt;
use crate::format::scenario_doc::{ScenarioDoc, id_of};
use crate::format::schema;
use crate::format::{Diagnostic, Span};
use crate::model::Outcome;

pub(super) fn outcomes(
    cx: &mut Cx,
    doc: &ScenarioDoc,
    names: &Names,
    root: &Span,
    spans: &mut Spans,
) -> Vec<Option<Outcome>> {
    let lost = when_deleted(doc);
    let out: Vec<Option<Outcome>> = doc
        .outcomes
        .iter()
        .zip(&lost)
        .map(|(node, &lost)| {
            let t = node.as_table()?;
            let owner = owner_name("outcome", node);
            let t = &cx.check_keys(t, &schema::OUTCOME, &owner);
            let id = cx
                .entry_id(t, &node.span, &owner, &id_example(t, "status_quo", names), None)
                .and_then(|n| cx.string(n, "`id`"));
            spans.outcomes.push(id_span(node));
            let label = cx.opt_string(t, "label", "`label`");
            let description = cx.opt_string(t, "description", "`description`");
            spans.outcome_when.push(t.get("when").map(|n| n.span.clone()));
            let when = match t.get("when") {
                Some(n) => exprs::condition(cx, n, names, false, &format!("the `when` of {owner}")).map(Some),
                None if lost => {
                    cx.error(
                        Diagnostic::error(node.span.clone(), format!("{owner} has no `when`"))
                            .label("`when` is required here")
                            .secondary(doc.outcomes.last().map_or(node.span.clone(), id_span), "the catch-all, last")
                            .help("add `when = \"CONDITION\"`: only the last outcome, the catch-all, goes without one"),
                    );
                    None
                }
                None => Some(None),
            };
            let terminal = match t.get("terminal") {
                Some(n) => {
                    let b = cx.boolean(n, "`terminal`");
                    if is_catch_all(t) && !lost && b.is_some() {
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
    catch_all(cx, doc, &lost, root);
    out
}

/// Which outcomes lost their `when` (its line deleted): those without one above a last outcome
/// that is the catch-all. Each is told as missing its `when`, not as a second catch-all.
fn when_deleted(doc: &ScenarioDoc) -> Vec<bool> {
    let keyed_catch_all = |n: &Node| keyed(n) && n.as_table().is_some_and(is_catch_all);
    let last = doc.outcomes.last().is_some_and(keyed_catch_all);
    let n = doc.outcomes.len();
    (doc.outcomes.iter().enumerate())
        .map(|(i, node)| last && i + 1 < n && keyed_catch_all(node))
        .collect()
}

/// An outcome with keys: not an `[[outcomes]]` line whose keys were all deleted.
fn keyed(n: &Node) -> bool {
    n.as_table().is_some_and(|t| !t.entries.is_empty())
}

/// Exactly one catch-all outcome, and it comes last.
fn catch_all(cx: &mut Cx, doc: &ScenarioDoc, lost: &[bool], root: &Span) {
    let mut all: Vec<&Node> = (doc.outcomes.iter().zip(lost))
        .filter(|(n, lost)| !**lost && n.as_table().is_some_and(is_catch_all))
        .map(|(n, _)| n)
        .collect();
    // An `[[outcomes]]` line whose keys were deleted, told as having no `id`, is no second
    // catch-all beside one with keys.
    if all.iter().any(|n| keyed(n)) {
        all.retain(|n| keyed(n));
    }
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
}

/// Whether the outcome `t` is a catch-all: it has no `when`, nor a key written for one (`When`,
/// `if`: told of that key, not counted as a second catch-all).
fn is_catch_all(t: &Table) -> bool {
    t.get("when").is_none() && !misspelt(t, "when")
}
