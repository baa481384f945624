//! Every built-in function of the condition language, described once: its name, the types of
//! its arguments and of its value, how it is evaluated and how it is evaluated over sets of
//! states (for `check`'s warnings). The parser, the checker, the compiler, the program and the
//! abstract evaluation all read this table, so a new function is one row here.
//!
//! A function name means a function only right before `(`, so these names are not reserved:
//! a flag may be called like one. `times(e)` and `since(e)` are different: they take an event
//! id, not a value, and stay keywords of the language (listed in [`EVENT_FUNCTIONS`]).

use super::abs::Abs;
use super::types::Type;

pub(crate) struct Function {
    pub name: &'static str,
    /// How the call is written in help lines, e.g. `min(x, y, ...)`.
    pub usage: &'static str,
    /// The type of each argument, in order.
    pub params: &'static [Type],
    /// The last parameter may repeat: the function takes `params.len()` or more arguments.
    pub variadic: bool,
    /// `if(c, a, b)`: the arguments after the first may be numbers or bools, but all of one
    /// type, and the value has that type (`params` and `result` then say "number").
    pub either_type: bool,
    pub result: Type,
    /// The value, from the arguments (bools are 0 and 1).
    pub eval: fn(&[f64]) -> f64,
    /// A set that holds the value for every choice of arguments from the given sets.
    pub over_sets: fn(&[Abs]) -> Abs,
}

const NUM: &[Type] = &[Type::Number];
const NUM2: &[Type] = &[Type::Number, Type::Number];

/// A function of one number.
const fn unary(
    name: &'static str,
    usage: &'static str,
    eval: fn(&[f64]) -> f64,
    over_sets: fn(&[Abs]) -> Abs,
) -> Function {
    Function {
        name,
        usage,
        params: NUM,
        variadic: false,
        either_type: false,
        result: Type::Number,
        eval,
        over_sets,
    }
}

/// The value functions, in the order help lines list them.
pub(crate) static FUNCTIONS: &[Function] = &[
    unary("abs", "abs(x)", |a| libm::fabs(a[0]), abs_sets),
    unary(
        "sqrt",
        "sqrt(x)",
        |a| libm::sqrt(a[0]),
        |a| monotone(a[0], 0.0, libm::sqrt),
    ),
    unary(
        "exp",
        "exp(x)",
        |a| libm::exp(a[0]),
        |a| monotone(a[0], f64::NEG_INFINITY, libm::exp),
    ),
    unary(
        "ln",
        "ln(x)",
        |a| libm::log(a[0]),
        |a| monotone(a[0], 0.0, libm::log),
    ),
    unary(
        "logistic",
        "logistic(x)",
        |a| logistic(a[0]),
        |a| monotone(a[0], f64::NEG_INFINITY, logistic),
    ),
    Function {
        name: "min",
        usage: "min(x, y, ...)",
        params: NUM2,
        variadic: true,
        either_type: false,
        result: Type::Number,
        eval: |a| a.iter().copied().fold(f64::NAN, libm::fmin),
        over_sets: |a| pick(a, f64::min),
    },
    Function {
        name: "max",
        usage: "max(x, y, ...)",
        params: NUM2,
        variadic: true,
        either_type: false,
        result: Type::Number,
        eval: |a| a.iter().copied().fold(f64::NAN, libm::fmax),
        over_sets: |a| pick(a, f64::max),
    },
    Function {
        name: "clamp",
        usage: "clamp(x, lo, hi)",
        params: &[Type::Number, Type::Number, Type::Number],
        variadic: false,
        either_type: false,
        result: Type::Number,
        eval: |a| libm::fmin(libm::fmax(a[0], a[1]), a[2]),
        over_sets: |a| pick(&[pick(&a[..2], f64::max), a[2]], f64::min),
    },
    Function {
        name: "if",
        usage: "if(c, a, b)",
        params: &[Type::Bool, Type::Number, Type::Number],
        variadic: false,
        either_type: true,
        result: Type::Number,
        eval: |a| if a[0] != 0.0 { a[1] } else { a[2] },
        over_sets: |a| match a[0].truth() {
            (true, true) => a[1].join(a[2]),
            (false, true) => a[1],
            _ => a[2],
        },
    },
];

/// `1 / (1 + exp(-x))`, with libm's `exp`.
fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-x))
}

fn abs_sets(a: &[Abs]) -> Abs {
    let range = a[0].range.map(|(lo, hi)| {
        if lo >= 0.0 {
            (lo, hi)
        } else if hi <= 0.0 {
            (-hi, -lo)
        } else {
            (0.0, hi.max(-lo))
        }
    });
    Abs {
        range,
        nan: a[0].nan,
    }
}

/// The image of `x` under a non-decreasing `f` defined from `from` on (NaN below it).
fn monotone(x: Abs, from: f64, f: fn(f64) -> f64) -> Abs {
    let mut nan = x.nan;
    let range = x.range.and_then(|(lo, hi)| {
        if lo < from {
            nan = true;
        }
        (hi >= from).then(|| (f(lo.max(from)), f(hi)))
    });
    // An image endpoint may be NaN only if `f` is not what it says; be safe.
    match range {
        Some((lo, hi)) if lo.is_nan() || hi.is_nan() => super::abs::TOP,
        _ => Abs { range, nan },
    }
}

/// `min` or `max` (by `pick`, `f64::min` or `f64::max`) over sets, where a NaN argument is
/// ignored unless all are NaN. Each argument that is surely a number bounds the result on the
/// side `pick` moves towards; the other bound comes from every argument.
fn pick(a: &[Abs], pick: fn(f64, f64) -> f64) -> Abs {
    let towards_min = pick(0.0, 1.0) == 0.0;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut sure: Option<f64> = None;
    for x in a {
        if let Some((l, h)) = x.range {
            lo = lo.min(l);
            hi = hi.max(h);
            if !x.nan {
                let b = if towards_min { h } else { l };
                sure = Some(sure.map_or(b, |s| pick(s, b)));
            }
        }
    }
    if let Some(b) = sure {
        if towards_min {
            hi = hi.min(b);
        } else {
            lo = lo.max(b);
        }
    }
    Abs {
        range: (lo <= hi).then_some((lo, hi)),
        nan: a.iter().all(|x| x.nan),
    }
}

/// The functions that take an event id, as help lines show them. `times` and `since` are
/// keywords; `first` is a name like the value functions.
pub(crate) const EVENT_FUNCTIONS: [&str; 3] = ["times(e)", "since(e)", "first(e)"];

/// A value function by name.
pub(crate) fn find(name: &str) -> Option<(u8, &'static Function)> {
    FUNCTIONS
        .iter()
        .enumerate()
        .find(|(_, f)| f.name == name)
        .map(|(i, f)| (i as u8, f))
}

/// Every function name, for did-you-mean.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    EVENT_FUNCTIONS
        .iter()
        .map(|u| &u[..u.find('(').unwrap_or(u.len())])
        .chain(FUNCTIONS.iter().map(|f| f.name))
}

/// "`times(e)`, `since(e)`, ... and `if(c, a, b)`": every function as it is called, for a help
/// line.
pub(crate) fn usage_list() -> String {
    let mut all: Vec<String> = EVENT_FUNCTIONS.iter().map(|u| format!("`{u}`")).collect();
    all.extend(FUNCTIONS.iter().map(|f| format!("`{}`", f.usage)));
    crate::format::suggest::join_and(&all)
}

/// The first call of a function that format 1 does not have (`first(e)` or a value function),
/// as (span of its name, name), for refusing it in a file that says `format = 1`.
pub(crate) fn format2_call(src: &str) -> Option<(std::ops::Range<usize>, &'static str)> {
    use super::token::TokenKind;
    let tokens = super::lexer::lex(src).ok()?;
    tokens.windows(2).find_map(|w| {
        if w[0].kind != TokenKind::Ident || w[1].kind != TokenKind::LParen {
            return None;
        }
        let name = &src[w[0].span.clone()];
        names()
            .skip(2)
            .find(|n| *n == name)
            .map(|n| (w[0].span.clone(), n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::token::keyword;

    #[test]
    fn names_are_unique_and_value_functions_are_not_keywords() {
        let names: Vec<&str> = names().collect();
        for (i, n) in names.iter().enumerate() {
            assert!(!names[..i].contains(n), "`{n}` twice");
        }
        assert_eq!(&names[..3], ["times", "since", "first"]);
        assert!(keyword("first").is_none(), "`first` must not be reserved");
        for n in &names[..2] {
            assert!(keyword(n).is_some(), "`{n}` should stay a keyword");
        }
        for f in FUNCTIONS {
            assert!(
                keyword(f.name).is_none(),
                "`{}` must not be reserved",
                f.name
            );
            assert!(!f.params.is_empty() && f.params.len() <= 3);
            assert!(f.usage.starts_with(f.name) && f.usage.ends_with(')'));
        }
        assert!(FUNCTIONS.len() < u8::MAX as usize);
    }
}
