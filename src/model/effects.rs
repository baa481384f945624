//! Effects of an event or a branch: `set`, `clear`, `add`, `assign` (docs/language.md).

use super::dist::{self, Use};
use super::names::Names;
use super::read::{Cx, fmt_num};
use crate::format::document::{Node, Table};
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
            let Some(i) = names.resolve(
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
    if let Some(node) = table.get("add")
        && let Some(t) = map(cx, node, "add", "`add = { troops = 1000 }`")
    {
        for e in &t.entries {
            let Some(i) = names.resolve(
                cx,
                &e.key,
                &e.key_span,
                DeclKind::Variable,
                "each key of `add`",
            ) else {
                continue;
            };
            if let Some(d) = dist::read(
                cx,
                &e.value,
                &format!("the amount added to `{}`", e.key),
                Use::Amount,
            ) {
                fx.add.push((i, d));
            }
            add_spans.push((i, e.key_span.clone()));
        }
    }
    if let Some(node) = table.get("assign")
        && let Some(t) = map(cx, node, "assign", "`assign = { tension = 0 }`")
    {
        for e in &t.entries {
            let Some(i) = names.resolve(
                cx,
                &e.key,
                &e.key_span,
                DeclKind::Variable,
                "each key of `assign`",
            ) else {
                continue;
            };
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
                    .help(format!(
                        "`{}` lies in [{}, {}]",
                        e.key,
                        fmt_num(var.min),
                        fmt_num(var.max)
                    )),
                );
                continue;
            }
            fx.assign.push((i, v));
            spans.assigns.push((i, e.key_span.clone()));
        }
    }
    (fx, spans)
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
