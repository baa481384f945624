//! The value functions and `first(e)`: exact values, the NaN rules of `min`/`max`, argument
//! errors at the argument, and names that stay free when no `(` follows.

use super::super::{MapScope, Symbol, Type, compile};
use super::{State, num, truth};

fn zero() -> State {
    State::default()
}

#[test]
fn values_are_exact() {
    let s = State {
        vars: vec![4.0, -2.0, 0.0],
        ..zero()
    };
    for (src, want) in [
        ("sqrt(x)", 2.0),
        ("sqrt(2)", libm::sqrt(2.0)),
        ("exp(0)", 1.0),
        ("exp(1)", libm::exp(1.0)),
        ("ln(1)", 0.0),
        ("ln(x)", libm::log(4.0)),
        ("ln(tension)", f64::NEG_INFINITY),
        ("logistic(0)", 0.5),
        ("logistic(2)", 1.0 / (1.0 + libm::exp(-2.0))),
        ("min(x, y)", -2.0),
        ("max(x, y)", 4.0),
        ("min(3, 1, 2)", 1.0),
        ("max(3, 1, 2, 7, -1)", 7.0),
        ("clamp(x, 0, 1)", 1.0),
        ("clamp(y, 0, 1)", 0.0),
        ("clamp(0.5, 0, 1)", 0.5),
        // lo > hi: exactly `min(max(x, lo), hi)`, so `hi`.
        ("clamp(0.5, 3, 1)", 1.0),
        ("if(x > 3, 10, 20)", 10.0),
        ("if(x > 5, 10, 20)", 20.0),
        ("abs(y) + sqrt(x) * 2", 6.0),
        // The parameter k is 1.5.
        ("max(k, 1) * 2", 3.0),
    ] {
        assert_eq!(num(src, &s), want, "{src}");
    }
    assert!(num("sqrt(y)", &s).is_nan());
    assert!(num("ln(y)", &s).is_nan());
    assert!(truth("if(x > 3, x > 1, false)", &s));
    assert!(!truth("if(x > 5, true, x < 0)", &s));
}

#[test]
fn min_and_max_ignore_nan_unless_all_are() {
    let s = State {
        vars: vec![0.0, 5.0, -1.0],
        ..zero()
    };
    // 0 / 0 is NaN.
    assert_eq!(num("min(x / x, y)", &s), 5.0);
    assert_eq!(num("max(y, x / x, tension)", &s), 5.0);
    assert_eq!(num("min(tension, x / x)", &s), -1.0);
    assert!(num("min(x / x, x / x)", &s).is_nan());
    assert!(num("max(x / x, 0 / 0)", &s).is_nan());
}

#[test]
fn first_is_the_step_of_the_first_firing() {
    // offensive (repeatable) fired at 2 and last at 6; ceasefire never fired.
    let s = State {
        times: vec![3, 0],
        last_fired: vec![6, u32::MAX],
        first_fired: vec![2, u32::MAX],
        step: 9,
        ..zero()
    };
    assert_eq!(num("first(offensive)", &s), 2.0);
    assert_eq!(num("first(ceasefire)", &s), f64::INFINITY);
    assert!(truth("first(offensive) <= 4", &s));
    assert!(!truth("first(ceasefire) <= 4", &s));
    // A once-only event's first firing is its last.
    let once = State {
        times: vec![1, 0],
        last_fired: vec![5, u32::MAX],
        ..zero()
    };
    assert_eq!(num("first(offensive)", &once), 5.0);
}

#[test]
fn function_names_stay_free_without_parentheses() {
    let scope = MapScope::new()
        .with("max", Symbol::Flag(0))
        .with("min", Symbol::Var(0))
        .with("first", Symbol::Var(1))
        .with("if", Symbol::Flag(1));
    let state = State {
        flags: vec![true, false],
        vars: vec![3.0, 8.0],
        ..zero()
    };
    for (src, want) in [
        ("max and not if", true),
        ("max(min, first) == first", true),
        ("if(max, min, first) == 3", true),
        ("min + first > 10", true),
        ("first(e) <= 2", false),
    ] {
        let scope = scope.clone().with("e", Symbol::Event(0));
        let p = compile(src, &scope, Type::Bool, false)
            .unwrap_or_else(|e| panic!("`{src}` should compile: {e:?}"));
        let state = State {
            times: vec![0],
            last_fired: vec![u32::MAX],
            first_fired: vec![u32::MAX],
            ..state.clone()
        };
        assert_eq!(p.eval_bool(&state.ctx(), &mut Vec::new()), want, "{src}");
    }
}

/// (underlined text, message, help) of the single error of `src` as a condition.
fn error(src: &str) -> (String, String, Option<String>) {
    let errs = compile(src, &super::scope(), Type::Bool, false).expect_err(src);
    assert_eq!(errs.len(), 1, "{src}: {errs:?}");
    let e = &errs[0];
    (
        src[e.span.clone()].to_string(),
        e.message.clone(),
        e.help.clone(),
    )
}

#[test]
fn wrong_arguments_are_errors_at_the_argument() {
    for (src, under, message, help) in [
        (
            "min(x) > 1",
            "min(x",
            "`min` takes 2 or more arguments, found 1",
            Some("write `min(x, y, ...)`"),
        ),
        (
            "clamp(x, 1) > 1",
            "clamp(x, 1",
            "`clamp` takes 3 arguments, found 2",
            Some("write `clamp(x, lo, hi)`"),
        ),
        (
            "sqrt(x, 2) > 1",
            "2",
            "`sqrt` takes 1 argument, found 2",
            Some("write `sqrt(x)`"),
        ),
        (
            "max(x, a) > 1",
            "a",
            "`max` needs a number, but `a` is true/false",
            None,
        ),
        (
            "max(x, y, offensive) > 1",
            "offensive",
            "`max` needs a number, but `offensive` is true/false",
            Some("to count how often it fired, write `times(offensive)`"),
        ),
        (
            "if(x, 1, 2) > 1",
            "x",
            "`if` needs a true/false value, but `x` is a number",
            Some("compare it, e.g. `x > 0`"),
        ),
        (
            "if(a, 1, b) > 1",
            "b",
            "`if` needs two values of the same kind after the condition, but `1` is a number and `b` is true/false",
            Some("give both numbers, or both true/false values"),
        ),
        (
            "if(a, x, y)",
            "if(a, x, y)",
            "`if(a, x, y)` is a number, but a condition must be true or false",
            Some("compare it, e.g. `if(a, x, y) > 0`"),
        ),
        (
            "first(a) > 1",
            "a",
            "`first()` takes an event id, but `a` is a flag",
            Some(
                "`first()` reads an event's firings, which a flag does not have: name the event \
                 that sets `a`",
            ),
        ),
        (
            "first(x + 1) > 1",
            "x + 1",
            "`first()` takes an event id, e.g. `first(offensive)`",
            None,
        ),
    ] {
        assert_eq!(
            error(src),
            (
                under.to_string(),
                message.to_string(),
                help.map(String::from)
            ),
            "{src}"
        );
    }
}
