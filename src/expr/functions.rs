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
    /// The type of each argument, in order.
    pub params: &'static [Type],
    pub result: Type,
    /// The value, from the arguments (bools are 0 and 1).
    pub eval: fn(&[f64]) -> f64,
    /// A set that holds the value for every choice of arguments from the given sets.
    pub over_sets: fn(&[Abs]) -> Abs,
}

/// The value functions, in the order help lines list them.
pub(crate) static FUNCTIONS: &[Function] = &[Function {
    name: "abs",
    params: &[Type::Number],
    result: Type::Number,
    eval: |a| libm::fabs(a[0]),
    over_sets: |a| {
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
    },
}];

/// `times(e)` and `since(e)`, as help lines show them.
pub(crate) const EVENT_FUNCTIONS: [&str; 2] = ["times(e)", "since(e)"];

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

/// "`times(e)` and `since(e)`": every function as it is called, for a help line.
pub(crate) fn usage_list() -> String {
    let mut all: Vec<String> = EVENT_FUNCTIONS.iter().map(|u| format!("`{u}`")).collect();
    all.extend(FUNCTIONS.iter().map(|f| format!("`{}`", f.usage())));
    match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => all.concat(),
    }
}

impl Function {
    /// `abs(x)`: the call with one letter per argument.
    pub(crate) fn usage(&self) -> String {
        let args: Vec<&str> = self
            .params
            .iter()
            .zip(["x", "y", "z"].iter().cycle())
            .map(|(t, n)| if *t == Type::Bool { "c" } else { *n })
            .collect();
        format!("{}({})", self.name, args.join(", "))
    }
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
        assert_eq!(&names[..2], ["times", "since"]);
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
        }
        assert!(FUNCTIONS.len() < u8::MAX as usize);
    }
}
