//! `[[expect]]` blocks: scenario tests (docs/language.md). Checked at load time so that a
//! typo in a test fails `brink check`, not only `brink test`.

use super::exprs;
use super::limits::MAX_TRIALS;
use super::names::Names;
use super::read::{Cx, fmt_num};
use super::spans::Spans;
use crate::format::Diagnostic;
use crate::format::diagnostic::suggests;
use crate::format::document::{Node, Table, Value};
use crate::format::overrides::leaf_kind;
use crate::format::scenario_doc::{DeclKind, ScenarioDoc};
use crate::format::schema::{self, FieldKind};
use crate::model::{Expect, ExpectTarget};

pub fn read(
    cx: &mut Cx,
    doc: &ScenarioDoc,
    names: &Names,
    spans: &mut Spans,
) -> Option<Vec<Expect>> {
    let mut out = Some(Vec::new());
    for node in &doc.expects {
        let e = one(cx, doc, node, names, spans);
        match (e, out.as_mut()) {
            (Some(e), Some(v)) => v.push(e),
            _ => out = None,
        }
    }
    out
}

fn one(
    cx: &mut Cx,
    doc: &ScenarioDoc,
    node: &Node,
    names: &Names,
    spans: &mut Spans,
) -> Option<Expect> {
    let t = node.as_table()?;
    let owner = "[[expect]]";
    let t = &cx.check_keys(t, &schema::EXPECT, owner);
    let target = target(cx, t, node, names, spans);
    // By the key, so that an unknown variable's `mean` is still read as a mean.
    let is_mean = t.get("variable").is_some();
    let range = match (is_mean, t.get("mean"), t.get("probability")) {
        (true, Some(n), None) => mean_range(cx, n),
        (false, None, _) | (true, None, None) => cx
            .required(
                t,
                if is_mean { "mean" } else { "probability" },
                &node.span,
                owner,
                if is_mean {
                    "mean = [10, 20]"
                } else {
                    "probability = [0.15, 0.45]"
                },
            )
            .and_then(|n| probability_range(cx, n)),
        (true, _, Some(p)) => {
            cx.error(
                Diagnostic::error(
                    p.span.clone(),
                    "an expectation on a `variable` pins its `mean`, not a `probability`",
                )
                .label("not for a variable")
                .help("write `mean = [lo, hi]`, the range the variable's mean at the end must fall in"),
            );
            None
        }
        (false, Some(m), _) => {
            cx.error(
                Diagnostic::error(
                    m.span.clone(),
                    "`mean` pins the mean of a `variable`; this expectation has none",
                )
                .label("no variable to average")
                .help("write `variable = \"ID\"` with `mean`, or pin a `probability`"),
            );
            None
        }
    };
    let trials = match t.get("trials") {
        Some(n) => cx
            .integer(
                n,
                "`trials`",
                1,
                MAX_TRIALS,
                "between 1 and 1000000000000 (10^12)",
            )
            .map(|v| Some(v as u64)),
        None => Some(None),
    };
    let seed = match t.get("seed") {
        Some(n) => cx
            .integer(n, "`seed`", 0, i64::MAX, "between 0 and 2^63 - 1")
            .map(|v| Some(v as u64)),
        None => Some(None),
    };
    let set = match t.get("set") {
        Some(n) => set_list(cx, doc, n),
        None => Some(Vec::new()),
    };
    let given = match t.get("given") {
        Some(n) => exprs::condition(cx, n, names, true, "the `given` of [[expect]]").map(|p| {
            let src = p.source.clone();
            spans.given.push(p);
            Some(src)
        }),
        None => Some(None),
    };
    let (target, target_id) = target?;
    let (lo, hi) = range?;
    Some(Expect {
        target,
        target_id,
        lo,
        hi,
        trials: trials?,
        seed: seed?,
        set: set?,
        given: given?,
        location: cx.sources.location(&node.span),
    })
}

/// What the expectation pins: exactly one of `outcome`, `event`, `holds` (format 2) and
/// `variable` (format 2, with `mean`), and its id (the condition's text for `holds`).
fn target(
    cx: &mut Cx,
    t: &Table,
    node: &Node,
    names: &Names,
    spans: &mut Spans,
) -> Option<(ExpectTarget, String)> {
    let present: Vec<(&str, &Node)> = (schema::EXPECT_TARGETS.into_iter())
        .filter_map(|k| t.get(k).map(|n| (k, n)))
        .collect();
    let (key, n) = match present.as_slice() {
        [one] => *one,
        [] => {
            cx.error(
                Diagnostic::error(node.span.clone(), "[[expect]] pins nothing")
                    .label("what should this test?")
                    .help("add `outcome = \"ID\"`, `event = \"ID\"`, `holds = \"CONDITION\"` or `variable = \"ID\"` with `mean`"),
            );
            return None;
        }
        [(k1, first), (k2, second), ..] => {
            cx.error(
                Diagnostic::error(
                    second.span.clone(),
                    format!("an expectation names both `{k1}` and `{k2}`"),
                )
                .label("second target")
                .secondary(first.span.clone(), "first target")
                .help("one [[expect]] pins one figure; write two blocks"),
            );
            return None;
        }
    };
    if matches!(key, "holds" | "variable") {
        cx.needs_format2(&n.span, &format!("`{key}` in [[expect]]"));
    }
    let what = format!("`{key}`");
    match key {
        "holds" => {
            let p = exprs::condition(cx, n, names, true, "the `holds` of [[expect]]")?;
            spans.given.push(p.clone());
            let src = p.source.clone();
            Some((ExpectTarget::Holds(p), src))
        }
        _ => {
            let id = cx.string(n, &what)?;
            let kind = match key {
                "outcome" => DeclKind::Outcome,
                "event" => DeclKind::Event,
                _ => DeclKind::Variable,
            };
            let i = names.resolve(cx, &id, &n.span, kind, &what)?;
            let target = match key {
                "outcome" => ExpectTarget::Outcome(i),
                "event" => ExpectTarget::Event(i),
                _ => ExpectTarget::VariableMean(i),
            };
            Some((target, id))
        }
    }
}

/// `mean = [lo, hi]`: two finite numbers, lo <= hi.
fn mean_range(cx: &mut Cx, n: &Node) -> Option<(f64, f64)> {
    let items = two_items(cx, n, "mean", "write `mean = [lo, hi]` with lo <= hi")?;
    let lo = cx.number(&items[0], "`lo`");
    let hi = cx.number(&items[1], "`hi`");
    ordered(cx, n, lo?, hi?)
}

fn probability_range(cx: &mut Cx, n: &Node) -> Option<(f64, f64)> {
    let help = "write `probability = [lo, hi]` with 0 <= lo <= hi <= 1";
    let items = two_items(cx, n, "probability", help)?;
    let lo = cx.number_in(&items[0], "`lo`", 0.0, 1.0, "between 0 and 1");
    let hi = cx.number_in(&items[1], "`hi`", 0.0, 1.0, "between 0 and 1");
    ordered(cx, n, lo?, hi?)
}

/// The two items of a range `key = [lo, hi]`, else an error with `help`.
fn two_items<'n>(cx: &mut Cx, n: &'n Node, key: &str, help: &str) -> Option<&'n [Node]> {
    match n.as_array() {
        Some(items) if items.len() == 2 => Some(items),
        _ => {
            if !n.is_invalid() {
                cx.error(
                    Diagnostic::error(
                        n.span.clone(),
                        format!("the `{key}` of [[expect]] must be a range [lo, hi]"),
                    )
                    .label("expected two numbers")
                    .help(help),
                );
            }
            None
        }
    }
}

/// `[lo, hi]` when lo <= hi, else an error with the fix.
fn ordered(cx: &mut Cx, n: &Node, lo: f64, hi: f64) -> Option<(f64, f64)> {
    if lo > hi {
        cx.error(
            Diagnostic::error(
                n.span.clone(),
                format!(
                    "the range [{}, {}] is empty: lo > hi",
                    fmt_num(lo),
                    fmt_num(hi)
                ),
            )
            .label("lo must not exceed hi")
            .help(format!("swap them: `[{}, {}]`", fmt_num(hi), fmt_num(lo))),
        );
        return None;
    }
    Some((lo, hi))
}

/// `set = { "PATH" = value }` as `PATH=VALUE` strings, read back like `--set`: text fields as
/// their raw text, other values as written in the file.
fn set_list(cx: &mut Cx, doc: &ScenarioDoc, n: &Node) -> Option<Vec<String>> {
    let Some(t) = n.as_table() else {
        if !n.is_invalid() {
            cx.error(
                Diagnostic::error(
                    n.span.clone(),
                    format!(
                        "the `set` of [[expect]] must be a table, found {}",
                        n.value.type_name()
                    ),
                )
                .label("expected `{ \"PATH\" = value }`")
                .help("write `set = { \"events.ceasefire.probability\" = 0.2 }`"),
            );
        }
        return None;
    };
    let mut out = Some(Vec::new());
    let flat = crate::format::scenario_doc::set_entries(t);
    let twice = crate::format::scenario_doc::set_twice(&flat, "this `set`");
    if !twice.is_empty() {
        twice.into_iter().for_each(|d| cx.error(d));
        out = None;
    }
    for (path, span, value) in flat {
        let Some(kind) = leaf_kind(doc, &path) else {
            let help = suggests(&cx.diags)
                .then(|| crate::format::path_help::path_help(doc, &path))
                .flatten();
            cx.error(
                Diagnostic::error(span, format!("unknown path `{path}`"))
                    .label("unknown path")
                    .maybe_help(help)
                    .about_unknown(crate::format::overrides::unknown_entry(doc, &path)),
            );
            out = None;
            continue;
        };
        let text = match (&value.value, kind) {
            (Value::String(s, _), FieldKind::Text) => s.clone(),
            _ => cx.sources.slice(&value.span).to_string(),
        };
        if let Some(v) = out.as_mut() {
            v.push(format!("{path}={text}"));
        }
    }
    out
}
