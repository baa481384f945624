//! The numbers of format 2 in the places that took only a number or a probability in format 1:
//! an event's `probability`, a modifier's `factor`, a branch's `weight`, a variable's `initial`.
//! Each may also be a numeric expression (a string), and the last three a distribution drawn
//! once per trial. A file that says `format = 1` gets an error naming the feature.

use super::dist::{self, Use};
use super::read::{Cx, fmt_num};
use crate::expr::{Program, Scope, Type};
use crate::format::Diagnostic;
use crate::format::document::{Node, Value};
use crate::model::{Amount, Dist, Kind, Num};

/// Where a number stands: the checks differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Probability,
    Factor,
    Weight,
}

/// A number as read: fixed (a constant, or for a probability a distribution of format 1), or
/// a format-2 [`Num`].
pub(super) enum Read {
    Fixed(Dist),
    Num(Num),
}

impl Read {
    /// The fixed number, or NaN with the [`Num`] (the model's representation).
    pub(super) fn split(self) -> (f64, Option<Num>) {
        match self {
            Read::Fixed(d) => (d.as_const().unwrap_or(f64::NAN), None),
            Read::Num(n) => (f64::NAN, Some(n)),
        }
    }
}

/// Reads the value in `node` for `place`; `what` names it in messages ("`factor`").
pub(super) fn read(
    cx: &mut Cx,
    node: &Node,
    scope: &dyn Scope,
    place: Place,
    what: &str,
    owner: &str,
) -> Option<Read> {
    match &node.value {
        Value::String(..) => {
            cx.needs_format2(&node.span, &format!("an expression for {what}"));
            if cx.format1.contains(&node.span.file) {
                return None;
            }
            let whole = format!("the {what} of {owner}");
            expression(cx, node, scope, &whole).map(|p| Read::Num(Num::Expr(p)))
        }
        Value::Table(_) if place != Place::Probability => {
            cx.needs_format2(&node.span, &format!("a distribution for {what}"));
            let d = dist::read(cx, node, what, Use::Param)?;
            Some(match d.as_const() {
                Some(_) => Read::Fixed(d),
                None => Read::Num(Num::Draw(d)),
            })
        }
        _ if place == Place::Probability => {
            dist::read(cx, node, what, Use::Probability).map(Read::Fixed)
        }
        _ => {
            let v = match node.value {
                Value::Integer(_) | Value::Float(_) => cx.number(node, what)?,
                _ => {
                    cx.wrong_type(
                        node,
                        what,
                        "a number, a distribution or an expression",
                        Some("write for example `2`, `{ loguniform = [1, 4] }` or `\"2 * appetite\"`".into()),
                    );
                    return None;
                }
            };
            match place {
                Place::Factor if v < 0.0 => {
                    cx.out_of_range(node, what, ">= 0", &fmt_num(v));
                    None
                }
                Place::Weight if v <= 0.0 => {
                    cx.error(
                        Diagnostic::error(node.span.clone(), format!("{what} must be > 0, found {}", fmt_num(v)))
                            .label("not a positive weight")
                            .help("a branch that can never be chosen should be removed; weights are relative, e.g. 1 and 3"),
                    );
                    None
                }
                _ => Some(Read::Fixed(Dist::Const(v))),
            }
        }
    }
}

/// A numeric expression in `node` (a string), compiled against `scope`.
pub(super) fn expression(
    cx: &mut Cx,
    node: &Node,
    scope: &dyn Scope,
    what: &str,
) -> Option<Program> {
    super::exprs::compile_in(cx, node, scope, Type::Number, what)
}

/// An `add` amount that depends on the state: an expression, or a distribution with at least
/// one expression among its parameters (`{ poisson = "0.02 * troops" }`). `None` when `node`
/// is neither (a number or a distribution of numbers: the caller reads it as in format 1), or
/// after an error (then `cx` has it).
pub(super) fn amount(
    cx: &mut Cx,
    node: &Node,
    scope: &dyn Scope,
    what: &str,
) -> Option<Option<Amount>> {
    if let Value::String(..) = node.value {
        cx.needs_format2(&node.span, "an expression for an `add` amount");
        if cx.format1.contains(&node.span.file) {
            return None;
        }
        return expression(cx, node, scope, &format!("the {what}")).map(|p| Some(Amount::Expr(p)));
    }
    let Some(t) = node.as_table() else {
        return Some(None);
    };
    let [e] = t.entries.as_slice() else {
        return Some(None);
    };
    let args: Vec<&Node> = match e.value.as_array() {
        Some(items) => items.iter().collect(),
        None => vec![&e.value],
    };
    if !args.iter().any(|a| a.as_str().is_some()) {
        return Some(None);
    }
    let Some(kind) = Kind::find(&e.key) else {
        // Unknown: the format-1 reader says so.
        return Some(None);
    };
    cx.needs_format2(
        &e.value.span,
        "an expression among the parameters of a distribution",
    );
    if cx.format1.contains(&e.value.span.file) {
        return None;
    }
    if args.len() != kind.arity() {
        cx.error(
            Diagnostic::error(
                e.value.span.clone(),
                format!(
                    "the {what}: `{}` takes {} parameters {}, found {}",
                    kind.name,
                    kind.arity(),
                    kind.shape,
                    args.len()
                ),
            )
            .label(format!("expected {}", kind.shape))
            .help(format!("write `{{ {} = {} }}`", kind.name, kind.example)),
        );
        return None;
    }
    let mut out = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        let p = match a.value {
            Value::Integer(_) | Value::Float(_) => Program::number(cx.number(a, what)?),
            Value::String(..) => {
                expression(cx, a, scope, &format!("parameter {} of the {what}", i + 1))?
            }
            _ => {
                cx.wrong_type(
                    a,
                    &format!("each parameter of `{}`", kind.name),
                    "a number or an expression",
                    None,
                );
                return None;
            }
        };
        out.push(p);
    }
    Some(Some(Amount::Dist { kind, args: out }))
}
