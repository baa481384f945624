//! Compiling a condition written in a file, with errors located inside the string.

use super::read::Cx;
use crate::expr::Program;
use crate::expr::{self, ExprError, Scope, Type};
use crate::format::document::{Node, StrStyle, Value};
use crate::format::string_map::raw_offset;
use crate::format::{Diagnostic, Span};

/// Compiles the string in `node` as a bool condition. `what` names it in messages.
pub fn condition(
    cx: &mut Cx,
    node: &Node,
    scope: &dyn Scope,
    allow_outcomes: bool,
    what: &str,
) -> Option<Program> {
    let Value::String(src, style) = &node.value else {
        if !node.is_invalid() {
            let help = match node.value {
                Value::Bool(b) => format!("write the condition in quotes: `\"{b}\"`"),
                _ => {
                    "write the condition in quotes, e.g. `\"ceasefire and not escalation\"`".into()
                }
            };
            cx.error(
                Diagnostic::error(
                    node.span.clone(),
                    format!(
                        "{what} must be a condition in a string, found {}",
                        node.value.type_name()
                    ),
                )
                .label("expected a string")
                .help(help),
            );
        }
        return None;
    };
    compile_with(
        cx,
        node,
        src,
        *style,
        scope,
        Type::Bool,
        allow_outcomes,
        what,
    )
}

/// Compiles the string in `node` as an expression of type `want` (the caller knows it is a
/// string). `what` names it in messages.
pub fn compile_in(
    cx: &mut Cx,
    node: &Node,
    scope: &dyn Scope,
    want: Type,
    what: &str,
) -> Option<Program> {
    let Value::String(src, style) = &node.value else {
        cx.wrong_type(node, what, "an expression in a string", None);
        return None;
    };
    compile_with(cx, node, src, *style, scope, want, false, what)
}

#[allow(clippy::too_many_arguments)]
fn compile_with(
    cx: &mut Cx,
    node: &Node,
    src: &str,
    style: StrStyle,
    scope: &dyn Scope,
    want: Type,
    allow_outcomes: bool,
    what: &str,
) -> Option<Program> {
    if cx.saturated() {
        return None;
    }
    if cx.format1.contains(&node.span.file)
        && let Some((range, name)) = expr::format2_call(src)
    {
        let span = locate(cx, node, style, &ExprError::new(range, ""));
        cx.needs_format2(&span, &format!("the function `{name}`"));
        return None;
    }
    match expr::compile(src, scope, want, allow_outcomes) {
        Ok(p) => Some(p),
        Err(errors) => {
            for e in errors {
                let span = locate(cx, node, style, &e);
                cx.error(
                    Diagnostic::error(span, format!("in {what}: {}", e.message))
                        .label(label_for(&e))
                        .maybe_help(e.help.clone())
                        .about_unknown(e.unknown.clone()),
                );
            }
            None
        }
    }
}

fn label_for(e: &ExprError) -> String {
    if e.span.is_empty() {
        "here".into()
    } else {
        String::new()
    }
}

/// The file span of an error at `e.span` inside the decoded string of `node`.
pub fn locate(cx: &Cx, node: &Node, style: StrStyle, e: &ExprError) -> Span {
    let start = node.span.range.start;
    match style {
        StrStyle::Raw => Span::new(node.span.file, start + e.span.start..start + e.span.end),
        StrStyle::Toml => {
            let raw = cx.sources.slice(&node.span);
            let s = raw_offset(raw, e.span.start);
            let t = raw_offset(raw, e.span.end).max(s);
            Span::new(node.span.file, start + s..start + t)
        }
    }
}
