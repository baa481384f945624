//! Effects of an event or a branch: `set`, `clear`, `add`, `assign` (docs/language.md).

use super::dist::{self, Use};
use super::names::Names;
use super::numbers;
use super::read::{Cx, fmt_num, lies_in};
use crate::format::document::{Entry, Node, Table};
use crate::format::scenario_doc::DeclKind;
use crate::format::{Diagnostic, Span};
use crate::model::{Effects, Variable};

/// Where each write was written, for the warnings about two events writing the same thing.
#[derive(Clone, Debug, Default)]
pub struct EffectSpans {
    /// `(flag, span)` of each `set` and `clear` entry.
    pub flags: Vec<(usize, Span)>,
    /// `(variable, span)` of each `assign` entry.
    pub assigns: Vec<(usize, Span)>,
    /// `(variable, span of the amount)` of each `add` entry with a number or a distribution, in
    /// the order of [`Effects::add`].
    pub adds: Vec<(usize, Span)>,
    /// `(variable, span of the amount)` of each computed `add`, in the order of
    /// [`Effects::add_expr`].
    pub add_exprs: Vec<(usize, Span)>,
}

pub fn read(
    cx: &mut Cx,
    table: &Table,
    names: &Names,
    vars: &[Option<Variable>],
    owner: &str,
) -> (Effects, EffectSpans) {
    let mut fx = Effects::default();
    let mut spans = EffectSpans::default();
    let mut set_spans: Vec<(usize, Span)> = Vec::new();
    for (key, into_set) in [("set", true), ("clear", false)] {
        let Some(node) = table.get(key) else { continue };
        for (id, span) in cx.string_list(node, &format!("`{key}`")) {
            let Some(i) = names.resolve_written(
                cx,
                &id,
                &span,
                DeclKind::Flag,
                &format!("each entry of `{key}`"),
            ) else {
                continue;
            };
            if into_set {
                fx.set.push(i);
                set_spans.push((i, span.clone()));
            } else {
                if let Some((_, first)) = set_spans.iter().find(|(f, _)| *f == i) {
                    cx.error(
                        Diagnostic::error(
                            span.clone(),
                            format!("{owner} both sets and clears flag `{id}`"),
                        )
                        .label("cleared here")
                        .secondary(first.clone(), "set here")
                        .help("a flag cannot be made true and false by the same effect; keep one"),
                    );
                }
                fx.clear.push(i);
            }
            spans.flags.push((i, span));
        }
    }
    let mut add_spans: Vec<(usize, Span)> = Vec::new();
    for (i, e) in variable_entries(cx, table, names, "add", "`add = { troops = 1000 }`") {
        let what = format!("amount added to `{}` by {owner}", e.key);
        match numbers::amount(cx, &e.value, names, &what) {
            Some(Some(a)) => {
                fx.add_expr.push((i, a));
                spans.add_exprs.push((i, e.value.span.clone()));
                add_spans.push((i, e.key_span.clone()));
                continue;
            }
            Some(None) => {}
            None => {
                add_spans.push((i, e.key_span.clone()));
                continue;
            }
        }
        if let Some(d) = dist::read(
            cx,
            &e.value,
            &format!("the amount added to `{}`", e.key),
            Use::Amount,
        ) {
            fx.add.push((i, d));
            spans.adds.push((i, e.value.span.clone()));
        }
        add_spans.push((i, e.key_span.clone()));
    }
    for (i, e) in variable_entries(cx, table, names, "assign", "`assign = { tension = 0 }`") {
        if let Some((_, first)) = add_spans.iter().find(|(v, _)| *v == i) {
            cx.error(
                Diagnostic::error(
                    e.key_span.clone(),
                    format!("{owner} both adds to and assigns variable `{}`", e.key),
                )
                .label("assigned here")
                .secondary(first.clone(), "added to here")
                .help("the assign would overwrite the add; keep one"),
            );
        }
        if e.value.as_str().is_some() {
            cx.needs_format2(&e.value.span, "an expression for an `assign` value");
            if cx.format1.contains(&e.value.span.file) {
                continue;
            }
            let what = format!("the value assigned to `{}` by {owner}", e.key);
            if let Some(p) = numbers::expression(cx, &e.value, names, &what) {
                fx.assign_expr.push((i, p));
                spans.assigns.push((i, e.key_span.clone()));
            }
            continue;
        }
        let Some(v) = cx.number(&e.value, &format!("the value assigned to `{}`", e.key)) else {
            continue;
        };
        if let Some(Some(var)) = vars.get(i)
            && (v < var.min || v > var.max)
        {
            cx.error(
                Diagnostic::error(
                    e.value.span.clone(),
                    format!("{} is outside the bounds of `{}`", fmt_num(v), e.key),
                )
                .label("out of bounds")
                .help(lies_in(&e.key, (var.min, var.max))),
            );
            continue;
        }
        fx.assign.push((i, v));
        spans.assigns.push((i, e.key_span.clone()));
    }
    (fx, spans)
}

/// The entries of the table `key` (`add`, `assign`) whose keys name a variable, with its index;
/// an entry that names something else is reported and left out.
fn variable_entries<'t>(
    cx: &mut Cx,
    table: &'t Table,
    names: &Names,
    key: &str,
    example: &str,
) -> Vec<(usize, &'t Entry)> {
    let Some(t) = table.get(key).and_then(|node| map(cx, node, key, example)) else {
        return Vec::new();
    };
    let what = format!("each key of `{key}`");
    t.entries
        .iter()
        .filter_map(|e| {
            names
                .resolve_written(cx, &e.key, &e.key_span, DeclKind::Variable, &what)
                .map(|i| (i, e))
        })
        .collect()
}

fn map<'n>(cx: &mut Cx, node: &'n Node, key: &str, example: &str) -> Option<&'n Table> {
    match node.as_table() {
        Some(t) => Some(t),
        None => {
            if !node.is_invalid() {
                cx.error(
                    Diagnostic::error(
                        node.span.clone(),
                        format!("`{key}` must be a table, found {}", node.value.type_name()),
                    )
                    .label("expected `{ variable = value }`")
                    .help(format!("write {example}")),
                );
            }
            None
        }
    }
}
