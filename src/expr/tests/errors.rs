//! Every error class, with its exact message, help and span.

use super::super::{ExprError, Type, compile};
use super::scope;

pub(super) fn errors_as(src: &str, want: Type, allow_outcomes: bool) -> Vec<ExprError> {
    match compile(src, &scope(), want, allow_outcomes) {
        Ok(p) => panic!("`{src}` should not compile, got {p:?}"),
        Err(e) => e,
    }
}

fn errors(src: &str) -> Vec<ExprError> {
    errors_as(src, Type::Bool, false)
}

/// The single error of `src`, with the underlined text instead of the span.
fn one(src: &str) -> (&str, String, Option<String>) {
    let errs = errors(src);
    assert_eq!(errs.len(), 1, "{src}: {errs:?}");
    let e = errs.into_iter().next().unwrap();
    (&src[e.span.clone()], e.message, e.help)
}

pub(super) fn check(src: &str, underlined: &str, message: &str, help: Option<&str>) {
    assert_eq!(
        one(src),
        (underlined, message.to_string(), help.map(String::from)),
        "{src}"
    );
}

#[test]
fn empty() {
    let help = Some("write `true` for always, or a condition such as `tension > 5`");
    for src in ["", "   ", "\n\t"] {
        let errs = errors(src);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].span, 0..src.len());
        assert_eq!(errs[0].message, "the condition is empty");
        assert_eq!(errs[0].help.as_deref(), help);
    }
    let errs = errors_as(" ", Type::Number, false);
    assert_eq!(errs[0].message, "the expression is empty");
}

#[test]
fn bad_numbers() {
    check(
        "x > .5",
        ".5",
        "`.5` is not a valid number",
        Some("write `0.5`"),
    );
    check(
        "x > 5.",
        "5.",
        "`5.` is not a valid number",
        Some("write `5.0` or `5`"),
    );
    check(
        "x > 1_000",
        "1_000",
        "`1_000` is not a valid number",
        Some("write the number without separators: `1000`"),
    );
    check(
        "x > 1e400",
        "1e400",
        "`1e400` is too large",
        Some("numbers must be at most about 1.8e308"),
    );
}

#[test]
fn syntax_errors() {
    check(
        "a and",
        "and",
        "expected a value after `and`",
        Some("write the condition after `and` too, as in `a and siege`, or leave `and` out"),
    );
    check("(a", "(", "this `(` is never closed", Some("add a `)`"));
    check(
        "a)",
        ")",
        "this `)` has no matching `(`",
        Some("leave it out, or write the `(` it closes"),
    );
    check(
        "firstceasefire) <= 4",
        ")",
        "this `)` has no matching `(`",
        Some("write `first(ceasefire)`"),
    );
    check(
        "a and )",
        ")",
        "expected a value after `and`, found `)`",
        None,
    );
    check(
        "* a",
        "*",
        "expected a value, found `*`",
        Some("`*` needs a value on its left too, as in `0.04 * troops`: is the start missing?"),
    );
    check(
        "and war",
        "and",
        "expected a value, found `and`",
        Some("`and` needs a value on its left too, as in `war and siege`: is the start missing?"),
    );
    check(
        "war and or siege",
        "or",
        "expected a value after `and`, found `or`",
        Some("two operators in a row (`and or`): leave one out, or write a value between them"),
    );
    check(
        "a b",
        "b",
        "expected an operator or the end of the condition, found `b`",
        Some("join conditions with `and` or `or`"),
    );
    check(
        "(a b)",
        "b",
        "expected an operator or `)`, found `b`",
        Some("join conditions with `and` or `or`"),
    );
    check(
        "a == not b",
        "not",
        "`not` can't come after `==`",
        Some("put `not` and what it applies to in parentheses, e.g. `x == (not y)`"),
    );
    check(
        "-not a",
        "not",
        "`not` can't come after `-`",
        Some("put `not` and what it applies to in parentheses, e.g. `x == (not y)`"),
    );
    check(
        "x ^ 2",
        "^",
        "unexpected character `^`",
        Some("brink has no power operator; multiply instead, e.g. `x * x`"),
    );
}

#[test]
fn chained_comparisons() {
    check(
        "1 < x < 5",
        "<",
        "comparisons can't be chained",
        Some("compare two values at a time: `1 < x and x < 5`"),
    );
    let errs = errors("1 < x < 5");
    assert_eq!(errs[0].span, 6..7, "the second operator");
    check(
        "x == y == 1",
        "==",
        "comparisons can't be chained",
        Some("compare two values at a time: `x == y and y == 1`"),
    );
    // Parenthesised, it is a comparison of two bools and fine.
    assert!(compile("(x == y) == a", &scope(), Type::Bool, false).is_ok());
}

#[test]
fn times_and_since_take_a_bare_event_id() {
    check(
        "times(x + 1) > 2",
        "x + 1",
        "`times()` takes an event id, e.g. `times(offensive)`",
        None,
    );
    check(
        "times() > 2",
        "()",
        "`times()` takes an event id, e.g. `times(offensive)`",
        None,
    );
    check(
        "since(step) > 2",
        "step",
        "`since()` takes an event id, e.g. `since(offensive)`",
        None,
    );
    check(
        "times > 2",
        "times",
        "`times` needs an event id in parentheses, e.g. `times(offensive)`",
        None,
    );
    check(
        "times(offensive > 2",
        "(",
        "this `(` is never closed",
        Some("add a `)`"),
    );
    check(
        "times(tension) > 2",
        "tension",
        "`times()` takes an event id, but `tension` is a variable",
        Some(
            "`times()` reads an event's firings, which a variable does not have: name the event \
             that changes `tension`",
        ),
    );
    check(
        "since(a) > 2",
        "a",
        "`since()` takes an event id, but `a` is a flag",
        Some(
            "`since()` reads an event's firings, which a flag does not have: name the event \
             that sets `a`",
        ),
    );
    check(
        "times(ofensive) > 2",
        "ofensive",
        "unknown event `ofensive`",
        Some("did you mean `offensive`?"),
    );
    check(
        "times(zzz) > 2",
        "zzz",
        "unknown event `zzz`",
        Some("`times()` takes the id of an event declared in the scenario"),
    );
    check(
        "tims(offensive) > 2",
        "tims",
        "`tims` is not a function",
        Some("did you mean `times`?"),
    );
    check(
        "maxx(x, 1) > 2",
        "maxx",
        "`maxx` is not a function",
        Some("did you mean `max`?"),
    );
    check(
        "fired(offensive) and x > 2",
        "fired",
        "`fired` is not a function",
        Some(
            "an event's id alone is true once it has fired: write `offensive`; \
             `times(offensive)` counts its firings",
        ),
    );
    check(
        "zorglub(x) > 2",
        "zorglub",
        "`zorglub` is not a function",
        Some(
            "the functions are `times(e)`, `since(e)`, `first(e)`, `abs(x)`, `sqrt(x)`, `exp(x)`, `ln(x)`, `logistic(x)`, `min(x, y, ...)`, `max(x, y, ...)`, `clamp(x, lo, hi)` and `if(c, a, b)`",
        ),
    );
}

#[test]
fn function_arguments_are_checked_at_the_argument() {
    check(
        "abs() > 1",
        "()",
        "`abs` takes 1 argument, found 0",
        Some("write `abs(x)`"),
    );
    check(
        "abs(x, y + 1) > 1",
        "y + 1",
        "`abs` takes 1 argument, found 2",
        Some("write `abs(x)`"),
    );
    check(
        "abs(a) > 1",
        "a",
        "`abs` needs a number, but `a` is true/false",
        None,
    );
    check(
        "abs(offensive) > 1",
        "offensive",
        "`abs` needs a number, but `offensive` is true/false",
        Some("to count how often it fired, write `times(offensive)`"),
    );
    check(
        "abs(x) and a",
        "abs(x)",
        "`and` needs a true/false value on both sides, but `abs(x)` is a number",
        Some("compare it, e.g. `abs(x) > 0`"),
    );
    // A comma outside a call's parentheses is still a slip from other languages.
    check(
        "(x, y) > 1",
        ",",
        "unexpected character `,`",
        Some("join conditions with `and` or `or`"),
    );
    check(
        "abs((x, y)) > 1",
        ",",
        "unexpected character `,`",
        Some("join conditions with `and` or `or`"),
    );
    check(
        "abs(x,) > 1",
        ")",
        "expected a value after `,`, found `)`",
        None,
    );
}

#[test]
fn names() {
    check(
        "tensoin > 5",
        "tensoin",
        "unknown name `tensoin`",
        Some("did you mean `tension`?"),
    );
    check(
        "Tension > 5",
        "Tension",
        "unknown name `Tension`",
        Some("did you mean `tension`?"),
    );
    check(
        "stpe > 5",
        "stpe",
        "unknown name `stpe`",
        Some("did you mean `step`?"),
    );
    check(
        "month > 5",
        "month",
        "unknown name `month`",
        Some(
            "the time in a condition is `step`, the number of the step under way (1 in the \
             first): write `step` for `month`",
        ),
    );
    // A time word with words that say which time; not one with a word of its own.
    check(
        "months_elapsed > 30",
        "months_elapsed",
        "unknown name `months_elapsed`",
        Some(
            "the time in a condition is `step`, the number of the step under way (1 in the \
             first): write `step` for `months_elapsed`",
        ),
    );
    check(
        "election_year",
        "election_year",
        "unknown name `election_year`",
        Some(
            "names are the flags, variables and event ids declared in the scenario; to make \
             `election_year` a flag, declare it under `[flags]` as `election_year = false`",
        ),
    );
    check(
        "peace",
        "peace",
        "unknown name `peace`",
        Some(
            "names are the flags, variables and event ids declared in the scenario; to make \
             `peace` a flag, declare it under `[flags]` as `peace = false`",
        ),
    );
    check(
        "russia",
        "russia",
        "`russia` is an actor; conditions read flags, variables and events",
        Some(
            "to test what russia did, name one of its events (those with `actor = \"russia\"`) or a flag they set",
        ),
    );
    check(
        "win and a",
        "win",
        "`win` is an outcome, and outcome ids are names only in `--given` expressions",
        Some("a condition can read the flags, variables and events that make the outcome hold"),
    );
    assert!(compile("win and a", &scope(), Type::Bool, true).is_ok());
    // Actors are never suggested, outcomes only where they are names.
    check(
        "russa",
        "russa",
        "unknown name `russa`",
        Some(
            "names are the flags, variables and event ids declared in the scenario; to make \
             `russa` a flag, declare it under `[flags]` as `russa = false`",
        ),
    );
    check(
        "wn",
        "wn",
        "unknown name `wn`",
        Some(
            "names are the flags, variables and event ids declared in the scenario; to make \
             `wn` a flag, declare it under `[flags]` as `wn = false`",
        ),
    );
    let e = &errors_as("wn", Type::Bool, true)[0];
    assert_eq!(e.help.as_deref(), Some("did you mean `win`?"));
    // Where outcomes are names (`--given`), the help says so.
    let e = &errors_as("peace", Type::Bool, true)[0];
    assert_eq!(
        e.help.as_deref(),
        Some(
            "names are the flags, variables and event and outcome ids declared in the scenario; \
             to make `peace` a flag, declare it under `[flags]` as `peace = false`"
        )
    );
}

#[test]
fn all_name_and_type_errors_are_reported_once_each() {
    let src = "foo and x and times(bar) > a and russia";
    let errs = errors(src);
    let got: Vec<(&str, &str)> = errs
        .iter()
        .map(|e| (&src[e.span.clone()], e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("foo", "unknown name `foo`"),
            (
                "x",
                "`and` needs a true/false value on both sides, but `x` is a number"
            ),
            ("bar", "unknown event `bar`"),
            ("a", "`>` compares numbers, but `a` is true/false"),
            (
                "russia",
                "`russia` is an actor; conditions read flags, variables and events"
            ),
        ]
    );
    // The unknown names are marked (the loader folds the errors about one name by the mark);
    // the other errors are not.
    let marked: Vec<Option<&str>> = errs.iter().map(|e| e.unknown.as_deref()).collect();
    assert_eq!(marked, [Some("foo"), None, Some("bar"), None, None]);
    // An operand that already failed is not blamed again by the operator above it.
    assert_eq!(errors("not foo").len(), 1);
    assert_eq!(errors("foo + 1 > 2").len(), 1);
}

#[test]
fn long_sub_expressions_are_not_quoted() {
    let src = "a and (x + y + tension + x + y + tension + x + y)";
    let e = &errors(src)[0];
    assert_eq!(
        e.message,
        "`and` needs a true/false value on both sides, but this part is a number"
    );
    assert_eq!(
        e.help.as_deref(),
        Some("compare it with a number, e.g. `... > 0`")
    );
}

/// Whatever the input, `compile` returns; it never panics. Token soup and raw characters.
mod fuzz {
    use super::super::super::{Type, compile};
    use super::super::scope;
    use proptest::{prelude::*, test_runner::RngSeed};

    const PIECES: &[&str] = &[
        "a",
        "x",
        "offensive",
        "win",
        "russia",
        "zz",
        "1",
        "2.5",
        "1e3",
        "true",
        "false",
        "step",
        "times",
        "since",
        "(",
        ")",
        "and",
        "or",
        "not",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "+",
        "-",
        "*",
        "/",
        "&&",
        "!",
        "=",
        ".5",
        "AND",
        " ",
        "é",
        "^",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { rng_seed: RngSeed::Fixed(20_261_134), ..Default::default() })]
        #[test]
        fn token_soup_never_panics(parts in prop::collection::vec(0..PIECES.len(), 0..30)) {
            let src: String = parts.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
            for want in [Type::Bool, Type::Number] {
                if let Err(errs) = compile(&src, &scope(), want, false) {
                    prop_assert!(!errs.is_empty());
                    for e in errs {
                        prop_assert!(e.span.start <= e.span.end && e.span.end <= src.len());
                        prop_assert!(src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end));
                        prop_assert!(!e.message.is_empty());
                    }
                }
            }
        }

        #[test]
        fn any_string_never_panics(src in "\\PC{0,40}") {
            let _ = compile(&src, &scope(), Type::Bool, true);
        }
    }
}
