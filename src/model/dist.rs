//! Probabilities and amounts: a number, or a distribution written as a one-key table
//! (`{ uniform = [lo, hi] }`), with every parameter checked (format.md section 3).

use super::read::{Cx, fmt_num};
use crate::format::Diagnostic;
use crate::format::document::{Node, Value};
use crate::format::schema::{AMOUNT_ONLY_DISTS, PROBABILITY_DISTS};
use crate::format::suggest::did_you_mean;
use crate::model::Dist;

/// What a distribution is for: the checks differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// An event probability: every value it can take must lie in [0, 1].
    Probability,
    /// An `add` amount: any finite value; also `normal` and `poisson`.
    Amount,
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
            let allowed: Vec<&str> = match usage {
                Use::Probability => PROBABILITY_DISTS.iter().map(|d| d.0).collect(),
                Use::Amount => PROBABILITY_DISTS
                    .iter()
                    .chain(AMOUNT_ONLY_DISTS)
                    .map(|d| d.0)
                    .collect(),
            };
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
                    .help("write for example `{ uniform = [0.1, 0.3] }`"),
                );
                return None;
            }
            let e = &t.entries[0];
            let key = e.key.as_str();
            if usage == Use::Probability && AMOUNT_ONLY_DISTS.iter().any(|d| d.0 == key) {
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
            params(cx, key, &e.value, what, usage)
        }
        _ => {
            if !node.is_invalid() {
                let expected = match usage {
                    Use::Probability => "a number in [0, 1] or a distribution",
                    Use::Amount => "a number or a distribution",
                };
                let help = node
                    .as_str()
                    .filter(|s| s.trim().parse::<f64>().is_ok())
                    .map(|_| "write the number without quotes".to_string())
                    .unwrap_or_else(|| {
                        "write for example `0.2` or `{ uniform = [0.1, 0.3] }`".into()
                    });
                cx.wrong_type(node, what, expected, Some(help));
            }
            None
        }
    }
}

fn params(cx: &mut Cx, key: &str, value: &Node, what: &str, usage: Use) -> Option<Dist> {
    let shape = match key {
        "uniform" => "[lo, hi]",
        "triangular" | "pert" => "[lo, mode, hi]",
        "beta" => "[alpha, beta]",
        "normal" => "[mean, sd]",
        _ => "lambda",
    };
    if key == "poisson" {
        let lambda = cx.number(value, &format!("{what}: `poisson`"))?;
        if lambda < 0.0 {
            cx.error(
                Diagnostic::error(
                    value.span.clone(),
                    format!(
                        "{what}: `poisson` needs lambda >= 0, found {}",
                        fmt_num(lambda)
                    ),
                )
                .label("negative rate")
                .help("lambda is the mean number drawn; use a value >= 0"),
            );
            return None;
        }
        return Some(Dist::Poisson { lambda });
    }
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
            .help(format!("write `{{ {key} = {} }}`", example(key))),
        );
        return None;
    };
    let n = shape.matches(',').count() + 1;
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
            .help(format!("write `{{ {key} = {} }}`", example(key))),
        );
        return None;
    }
    let mut v = Vec::with_capacity(n);
    for item in items {
        v.push(cx.number(item, &format!("each parameter of `{key}`"))?);
    }
    let bad = |cx: &mut Cx, message: String, help: String| {
        cx.error(
            Diagnostic::error(value.span.clone(), format!("{what}: {message}"))
                .label(format!("`{key}` = {shape}"))
                .help(help),
        );
    };
    let in_unit = |x: f64| (0.0..=1.0).contains(&x);
    let dist = match key {
        "uniform" => {
            if v[0] > v[1] {
                bad(
                    cx,
                    format!(
                        "`uniform` needs lo <= hi, found [{}, {}]",
                        fmt_num(v[0]),
                        fmt_num(v[1])
                    ),
                    format!("swap them: `[{}, {}]`", fmt_num(v[1]), fmt_num(v[0])),
                );
                return None;
            }
            Dist::Uniform { lo: v[0], hi: v[1] }
        }
        "triangular" | "pert" => {
            if !(v[0] <= v[1] && v[1] <= v[2]) {
                bad(
                    cx,
                    format!(
                        "`{key}` needs lo <= mode <= hi, found [{}, {}, {}]",
                        fmt_num(v[0]),
                        fmt_num(v[1]),
                        fmt_num(v[2])
                    ),
                    "order the three numbers: lowest, most likely, highest".into(),
                );
                return None;
            }
            if key == "pert" {
                Dist::Pert {
                    lo: v[0],
                    mode: v[1],
                    hi: v[2],
                }
            } else {
                Dist::Triangular {
                    lo: v[0],
                    mode: v[1],
                    hi: v[2],
                }
            }
        }
        "beta" => {
            if !(v[0] > 0.0 && v[1] > 0.0) {
                bad(
                    cx,
                    format!(
                        "`beta` needs alpha > 0 and beta > 0, found [{}, {}]",
                        fmt_num(v[0]),
                        fmt_num(v[1])
                    ),
                    "both shape parameters must be positive, e.g. `[2, 8]` for a mean of 0.2"
                        .into(),
                );
                return None;
            }
            Dist::Beta {
                alpha: v[0],
                beta: v[1],
            }
        }
        _ => {
            if v[1] < 0.0 {
                bad(
                    cx,
                    format!("`normal` needs sd >= 0, found {}", fmt_num(v[1])),
                    "the standard deviation cannot be negative".into(),
                );
                return None;
            }
            Dist::Normal {
                mean: v[0],
                sd: v[1],
            }
        }
    };
    if usage == Use::Probability {
        let (lo, hi) = match dist {
            Dist::Uniform { lo, hi }
            | Dist::Triangular { lo, hi, .. }
            | Dist::Pert { lo, hi, .. } => (lo, hi),
            _ => (0.0, 1.0),
        };
        if !in_unit(lo) || !in_unit(hi) {
            bad(
                cx,
                format!(
                    "`{key}` can take values outside [0, 1] (from {} to {})",
                    fmt_num(lo),
                    fmt_num(hi)
                ),
                "every value a probability can take must lie in [0, 1]".into(),
            );
            return None;
        }
    }
    Some(dist)
}

fn example(key: &str) -> &'static str {
    match key {
        "uniform" => "[0.1, 0.3]",
        "triangular" | "pert" => "[0.1, 0.2, 0.4]",
        "beta" => "[2, 8]",
        "normal" => "[100, 20]",
        _ => "3",
    }
}
