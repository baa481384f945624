//! Probabilities and amounts: a number, or a distribution written as a one-key table
//! (`{ uniform = [lo, hi] }`), with every parameter checked (docs/language.md).

use super::distributions::{KINDS, Kind};
use super::read::{Cx, fmt_num};
use crate::format::Diagnostic;
use crate::format::document::{Node, Value};
use crate::format::suggest::did_you_mean;
use crate::model::Dist;

/// What a distribution is for: the checks differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// An event probability: every value it can take must lie in [0, 1].
    Probability,
    /// An `add` amount: any finite value; also `normal` and `poisson`.
    Amount,
    /// A parameter: any value; every kind but `poisson`.
    Param,
}

pub fn read(cx: &mut Cx, node: &Node, what: &str, usage: Use) -> Option<Dist> {
    match &node.value {
        Value::Integer(_) | Value::Float(_) => {
            let v = cx.number(node, what)?;
            if usage == Use::Probability && !(0.0..=1.0).contains(&v) {
                cx.error(
                    Diagnostic::error(node.span.clone(), format!("{what} must be between 0 and 1, found {}", fmt_num(v)))
                        .label("not a probability")
                        .help(if (2.0..=100.0).contains(&v) && v.fract() == 0.0 {
                            format!("a probability is a fraction: {}% is {}", fmt_num(v), fmt_num(v / 100.0))
                        } else {
                            "use a number in [0, 1], or a distribution such as `{ uniform = [0.1, 0.3] }`".into()
                        }),
                );
                return None;
            }
            Some(Dist::Const(v))
        }
        Value::Table(t) => {
            let allowed: Vec<&str> = KINDS
                .iter()
                .filter(|k| match usage {
                    Use::Probability => k.probability,
                    Use::Amount => true,
                    Use::Param => k.name != "poisson",
                })
                .map(|k| k.name)
                .collect();
            let list = allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if t.entries.len() != 1 {
                cx.error(
                    Diagnostic::error(
                        node.span.clone(),
                        format!(
                            "{what}: a distribution has exactly one key, found {}",
                            t.entries.len()
                        ),
                    )
                    .label("expected one of ".to_string() + &list)
                    .help(
                        range_help(node, usage).unwrap_or_else(|| {
                            "write for example `{ uniform = [0.1, 0.3] }`".into()
                        }),
                    ),
                );
                return None;
            }
            let e = &t.entries[0];
            let key = e.key.as_str();
            if usage == Use::Probability && Kind::find(key).is_some_and(|k| !k.probability) {
                cx.error(
                    Diagnostic::error(
                        e.key_span.clone(),
                        format!("{what} cannot be `{key}`: it can take values outside [0, 1]"),
                    )
                    .label("not a probability distribution")
                    .help(format!("a probability may be {list}")),
                );
                return None;
            }
            if !allowed.contains(&key) {
                cx.error(
                    Diagnostic::error(e.key_span.clone(), format!("unknown distribution `{key}`"))
                        .label("not a distribution")
                        .help(
                            did_you_mean(key, allowed.iter().copied())
                                .unwrap_or_else(|| format!("use one of {list}")),
                        ),
                );
                return None;
            }
            if Kind::find(key).is_some_and(|k| k.format2) {
                cx.needs_format2(&e.key_span, &format!("the distribution `{key}`"));
            }
            params(cx, key, &e.value, what, usage)
        }
        _ => {
            if !node.is_invalid() {
                let expected = match usage {
                    Use::Probability => "a number in [0, 1] or a distribution",
                    Use::Amount => "a number or a distribution",
                    Use::Param => "a number, a distribution or an expression",
                };
                let help = node
                    .as_str()
                    .filter(|s| s.trim().parse::<f64>().is_ok())
                    .map(|_| "write the number without quotes".to_string())
                    .or_else(|| range_help(node, usage))
                    .unwrap_or_else(|| {
                        "write for example `0.2` or `{ uniform = [0.1, 0.3] }`".into()
                    });
                cx.wrong_type(node, what, expected, Some(help));
            }
            None
        }
    }
}

/// A range written as a list (`[0.1, 0.3]`, `[0.1, 0.2, 0.4]`) or as a table of bounds
/// (`{ min = 0.1, max = 0.3 }`): the distribution it most likely means, in the author's numbers.
fn range_help(node: &Node, usage: Use) -> Option<String> {
    let number = |n: &Node| match n.value {
        Value::Integer(i) => Some(i as f64),
        Value::Float(x) if x.is_finite() => Some(x),
        _ => None,
    };
    let numbers: Vec<f64> = match &node.value {
        Value::Array(items) => items.iter().map(number).collect::<Option<_>>()?,
        Value::Table(t) => {
            let bound = |names: &[&str]| {
                t.entries
                    .iter()
                    .find(|e| names.contains(&e.key.as_str()))
                    .and_then(|e| number(&e.value))
            };
            let lo = bound(&["min", "lo", "low", "from"])?;
            let hi = bound(&["max", "hi", "high", "to"])?;
            match bound(&["mode", "likely", "most_likely"]) {
                Some(mode) if t.entries.len() == 3 => vec![lo, mode, hi],
                _ if t.entries.len() == 2 => vec![lo, hi],
                _ => return None,
            }
        }
        _ => return None,
    };
    let mut numbers = numbers;
    numbers.sort_by(f64::total_cmp);
    if usage == Use::Probability && numbers.iter().any(|x| !(0.0..=1.0).contains(x)) {
        return None;
    }
    let list = numbers
        .iter()
        .map(|&x| fmt_num(x))
        .collect::<Vec<_>>()
        .join(", ");
    match numbers.as_slice() {
        [lo, hi] => Some(format!(
            "a value anywhere between {} and {} is a distribution: `{{ uniform = [{list}] }}`",
            fmt_num(*lo),
            fmt_num(*hi)
        )),
        [_, _, _] => Some(format!(
            "a lowest, most likely and highest value is a distribution: `{{ pert = [{list}] }}`"
        )),
        _ => None,
    }
}

fn params(cx: &mut Cx, key: &str, value: &Node, what: &str, usage: Use) -> Option<Dist> {
    let kind = Kind::find(key).expect("the caller checked the key");
    let shape = kind.shape;
    let v = if kind.scalar() {
        vec![cx.number(value, &format!("{what}: `{key}`"))?]
    } else {
        let help = format!("write `{{ {key} = {} }}`", kind.example);
        let Some(items) = value.as_array() else {
            cx.error(
                Diagnostic::error(
                    value.span.clone(),
                    format!(
                        "{what}: `{key}` takes {shape}, found {}",
                        value.value.type_name()
                    ),
                )
                .label(format!("expected {shape}"))
                .help(help),
            );
            return None;
        };
        let n = kind.arity();
        if items.len() != n {
            cx.error(
                Diagnostic::error(
                    value.span.clone(),
                    format!(
                        "{what}: `{key}` takes {n} numbers {shape}, found {}",
                        items.len()
                    ),
                )
                .label(format!("expected {shape}"))
                .help(help),
            );
            return None;
        }
        let mut v = Vec::with_capacity(n);
        for item in items {
            v.push(cx.number(item, &format!("each parameter of `{key}`"))?);
        }
        v
    };
    let bad = |cx: &mut Cx, message: String, label: Option<&str>, help: String| {
        let label = label.map_or_else(|| format!("`{key}` = {shape}"), str::to_string);
        let mut d = Diagnostic::error(value.span.clone(), format!("{what}: {message}"))
            .label(label)
            .help(help);
        // A number set alone by an override (`--set params.x.pert.1=0.5`) sits in the file's
        // list, whose text still shows the old number: point at the override too.
        for item in value.as_array().unwrap_or_default() {
            if item.span.file != value.span.file {
                d = d.secondary(item.span.clone(), "this number replaces the file's");
            }
        }
        cx.error(d);
    };
    let dist = match (kind.build)(&v) {
        Ok(d) => d,
        Err(e) => {
            bad(cx, e.message, e.label, e.help);
            return None;
        }
    };
    let in_unit = |x: f64| (0.0..=1.0).contains(&x);
    let (lo, hi) = dist.range();
    if usage == Use::Probability && !(in_unit(lo) && in_unit(hi)) {
        bad(
            cx,
            format!(
                "`{key}` can take values outside [0, 1] (from {} to {})",
                fmt_num(lo),
                fmt_num(hi)
            ),
            None,
            "every value a probability can take must lie in [0, 1]".into(),
        );
        return None;
    }
    Some(dist)
}
