//! The forms people bring from other languages and tools (`&&`, `between`, `is`, a leading `+`,
//! numbers written with separators or a multiplier):
//! each error says how brink writes them, in the author's own words.

use super::super::{Type, compile};
use super::errors::check;
use super::scope;

#[test]
fn other_languages_forms_get_brinks() {
    let found_between = "expected an operator or the end of the condition, found `between`";
    for (text, help) in [
        ("tension between 3 and 5", "`tension >= 3 and tension <= 5`"),
        ("x BETWEEN 0.5 and 2 or war", "`x >= 0.5 and x <= 2`"),
        ("tension between 3", "`tension >= 3 and tension <= 5`"),
    ] {
        let under = if text.contains("BETWEEN") {
            "BETWEEN"
        } else {
            "between"
        };
        let message = found_between.replace("`between`", &format!("`{under}`"));
        let help = format!("brink has no `between`: compare twice, {help}");
        check(text, under, &message, Some(&help));
    }
    // `is` for `==`: a flag's `is true` is the flag itself; a number is compared.
    let found_is = "expected an operator or the end of the condition, found `is`";
    for (text, help) in [
        (
            "war is true",
            "write `==` for \"is\"; a flag alone is already a test: `war`",
        ),
        (
            "war is not true",
            "write `!=` for \"is not\", or `not` before a flag: `not war`",
        ),
        (
            "war is false",
            "write `==` for \"is\"; a flag alone is already a test, and `not` turns it: `not war`",
        ),
        (
            "war is not false",
            "write `!=` for \"is not\"; a flag alone is already a test: `war`",
        ),
        ("tension is 5", "write `==` for \"is\": `tension == 5`"),
        (
            "tension is not 5",
            "write `!=` for \"is not\": `tension != 5`",
        ),
        ("tension is", "write `==` for \"is\""),
    ] {
        check(text, "is", found_is, Some(help));
    }
    let plus =
        "leave out the `+`: a number without a sign is positive (`1`; `-1` for a negative one)";
    check("+1 > x", "+", "expected a value, found `+`", Some(plus));
    check(
        "x > +1",
        "+",
        "expected a value after `>`, found `+`",
        Some(plus),
    );
}

#[test]
fn slips_from_other_languages() {
    check(
        "a && b",
        "&&",
        "`&&` is not an operator in brink",
        Some("write `and`"),
    );
    check(
        "a || b",
        "||",
        "`||` is not an operator in brink",
        Some("write `or`"),
    );
    check(
        "!a",
        "!",
        "`!` is not an operator in brink",
        Some("write `not`, e.g. `not a`"),
    );
    check(
        "x = 1",
        "=",
        "`=` is not an operator in brink",
        Some("to test whether two values are equal, write `==`"),
    );
    check(
        "a AND b",
        "AND",
        "`AND` must be written in lowercase",
        Some("write `and`"),
    );
    check(
        "a Or b",
        "Or",
        "`Or` must be written in lowercase",
        Some("write `or`"),
    );
    check(
        "NOT a",
        "NOT",
        "`NOT` must be written in lowercase",
        Some("write `not`"),
    );
    check(
        "a == True",
        "True",
        "`True` must be written in lowercase",
        Some("write `true`"),
    );
    check(
        "a == FALSE",
        "FALSE",
        "`FALSE` must be written in lowercase",
        Some("write `false`"),
    );
    // `!=` is an operator, not a slip.
    assert!(compile("x != 1", &scope(), Type::Bool, false).is_ok());
}

#[test]
fn numbers_as_people_write_them_outside_programs() {
    // Thousands apart, a multiplier, a second point.
    check(
        "x > 5 000",
        "000",
        "expected an operator or the end of the condition, found `000`",
        Some("write the number without separators: `5000`"),
    );
    check(
        "x > 2 500 000.5 and y",
        "500",
        "expected an operator or the end of the condition, found `500`",
        Some("write the number without separators: `2500000.5`"),
    );
    check(
        "x > 1,000,000",
        ",",
        "unexpected character `,`",
        Some("write the number without separators: `1000000`"),
    );
    check(
        "x > 10'000",
        "'",
        "unexpected character `'`",
        Some("write the number without separators: `10000`"),
    );
    check(
        "x > 10.000.000",
        "10.000.000",
        "`10.000.000` is not a valid number",
        Some("write the number without separators: `10000000`"),
    );
    check(
        "x > 5,000",
        ",",
        "unexpected character `,`",
        Some("decimals take a point: `5.000`; a thousands separator is left out: `5000`"),
    );
    // In a call the comma separates arguments: `max(5,000)` would be the maximum of 5 and 0.
    let apart = "a number is written without a thousands separator:";
    check(
        "x > max(5,000)",
        "5,000",
        "`5,000` reads as numbers apart, a comma between each",
        Some(&format!(
            "{apart} `5000`; for numbers apart, put a space after each comma: `5, 000`"
        )),
    );
    check(
        "min(x, 1,000,000) > 2",
        "1,000,000",
        "`1,000,000` reads as numbers apart, a comma between each",
        Some(&format!(
            "{apart} `1000000`; for numbers apart, put a space after each comma: `1, 000, 000`"
        )),
    );
    check(
        "x > 2.5k",
        "2.5k",
        "`2.5k` is not a valid number",
        Some("write the number in full: `2500`"),
    );
    check(
        "x > 0.9.1",
        "0.9.1",
        "`0.9.1` is not a valid number",
        Some("a number has at most one `.`, and none in its exponent (`1.5e3`, not `1e1.5`)"),
    );
    check(
        "x > 1.2 million",
        "million",
        "expected an operator or the end of the condition, found `million`",
        Some("write the number in full: `1200000`"),
    );
    // Two numbers that are not thousands (`5 00`) keep the general fix.
    check(
        "x > 5 00",
        "00",
        "expected an operator or the end of the condition, found `00`",
        Some("join conditions with `and` or `or`"),
    );
    check(
        "x < inf",
        "inf",
        "`inf` is not a number in brink",
        Some("numbers must be finite; use a large one instead, e.g. `1e9`"),
    );
    check(
        "x != nan",
        "nan",
        "`nan` is not a number in brink",
        Some("numbers must be finite, e.g. `0`"),
    );
}

#[test]
fn a_name_written_with_dashes_is_one_error() {
    use super::super::{MapScope, Symbol};
    let scope = MapScope::new()
        .with("war_in_korea", Symbol::Flag(0))
        .with("captured_or_defect", Symbol::Event(0))
        .with("ceasefire", Symbol::Event(1))
        .with("a", Symbol::Var(0))
        .with("b", Symbol::Var(1))
        .with("a_b", Symbol::Var(2));
    let errs = |src: &str| {
        compile(src, &scope, Type::Bool, false)
            .err()
            .unwrap_or_default()
    };
    let e = errs("war-in-korea and true");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].span, 0..12);
    assert_eq!(e[0].message, "`war-in-korea` is not a name: `-` subtracts");
    assert_eq!(
        e[0].help.as_deref(),
        Some("ids join their words with `_`: write `war_in_korea`")
    );
    // A keyword among the words (`or`), inside a call.
    let e = errs("first(captured-or_defect) <= 14");
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].help.as_deref(),
        Some("ids join their words with `_`: write `captured_or_defect`")
    );
    // Spaces for `_`.
    let e = errs("first(captured or defect) <= 14");
    assert!(
        !e.iter().any(|e| e.message.contains("has no spaces")),
        "or is a keyword"
    );
    let e = errs("not war in korea");
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].message,
        "`war in korea` is not a name: a name has no spaces"
    );
    assert_eq!(e[0].span, 4..16);
    // A subtraction of declared names, spaced or not, stays one; no declared joined name, no
    // such error.
    assert!(errs("a-b > 0").is_empty());
    assert!(errs("a - b > 0 and war_in_korea").is_empty());
    assert!(
        !errs("war-in-europe")
            .iter()
            .any(|e| e.message.contains("`-` subtracts"))
    );
    // A space (or a tab, or several) typed inside a word: the word run together.
    for (src, name) in [
        ("first(cease fire) > 2", "cease fire"),
        ("first(ceasefir   e) > 2", "ceasefir   e"),
        ("first(cease\tfire) > 2", "cease\tfire"),
    ] {
        let e = errs(src);
        assert_eq!(e.len(), 1, "{src}");
        assert_eq!(
            e[0].message,
            format!("`{name}` is not a name: a name has no spaces")
        );
        assert_eq!(e[0].help.as_deref(), Some("write `ceasefire`"), "{src}");
    }
    // A `\n` escape inside a name (the TOML string holds a line break): shown as written.
    let e = errs("first(war_in_\nkorea) > 2");
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].message,
        "`war_in_\\nkorea` is not a name: a name has no line breaks"
    );
    assert_eq!(
        e[0].help.as_deref(),
        Some("a `\\n` in a string is a line break; write `war_in_korea`")
    );
}

#[test]
fn a_bracket_too_many_or_typed_for_the_other() {
    let stray = "this `)` has no matching `(`";
    let leave = Some("leave it out, or write the `(` it closes");
    check("not )a", ")", stray, leave);
    check(")not a", ")", stray, leave);
    check(
        "(a or) b) and c",
        ")",
        "expected a value after `or`, found `)`",
        Some("there is one `)` more than `(`: leave this one out"),
    );
    // (At the end, `a and )`, the value is what is missing: errors.rs.)
    // `first()ceasefire)`: the `(` typed as a `)`.
    check(
        "first()ceasefire) > 2",
        "()",
        "`first()` takes an event id, e.g. `first(offensive)`",
        Some("write `first(ceasefire)`"),
    );
}

/// `uniform(0.1, 0.3)` in an expression: a distribution is a table of its own, not a call. In
/// a condition only a parameter can hold it.
#[test]
fn a_distribution_called_as_a_function_gets_its_table() {
    let help = |table: &str| {
        format!(
            "a distribution is written as a table, not called: put `{table}` as a parameter \
             under `[params]` and name the parameter in the condition"
        )
    };
    let not_a_function = |name: &str| format!("`{name}` is not a function");
    check(
        "tension > PERT(1, (2), 3)",
        "PERT",
        &not_a_function("PERT"),
        Some(&help("{ pert = [1, (2), 3] }")),
    );
    check(
        "tension > normal(5, 1",
        "normal",
        &not_a_function("normal"),
        Some(&help("{ normal = [...] }")),
    );
    let errs = compile("uniform(0.1, 0.3)", &scope(), Type::Number, false).unwrap_err();
    assert_eq!(
        (errs[0].message.as_str(), errs[0].help.as_deref()),
        (
            "`uniform` is not a function",
            Some(
                "a distribution is written as a table, not called: `{ uniform = [0.1, 0.3] }` \
                 as the whole value, or as a parameter under `[params]` that the expression \
                 names"
            )
        )
    );
}

/// `outcome == win` in a `--given` (where outcome ids are names): the id alone is the test.
#[test]
fn an_outcome_compared_with_a_word_is_its_id_alone() {
    let given = |src: &str| match compile(src, &scope(), Type::Bool, true) {
        Ok(_) => panic!("`{src}` should not compile"),
        Err(e) => e,
    };
    for (src, help) in [
        ("outcome == win", "write `win` for `outcome == win`"),
        (
            "a and Outcome != win",
            "write `not win` for `Outcome != win`",
        ),
        ("win == result", "write `win` for `win == result`"),
        ("outcome == wim", "write `win` for `outcome == wim`"),
        (
            "outcome == zzz_far",
            "each outcome is a test by its id: `win`",
        ),
    ] {
        let e = given(src);
        assert_eq!(e.len(), 1, "{src}: {e:?}");
        let word = src
            .split(' ')
            .find(|w| w.eq_ignore_ascii_case("outcome") || *w == "result");
        assert_eq!(
            e[0].message,
            format!(
                "`{}` is not a name: an outcome is tested by its id alone",
                word.unwrap()
            ),
            "{src}"
        );
        assert_eq!(e[0].help.as_deref(), Some(help), "{src}");
    }
    // Outside `--given` an outcome is no name: no such reading.
    let e = compile("outcome == win", &scope(), Type::Bool, false).unwrap_err();
    assert!(e.iter().all(|e| !e.message.contains("tested by its id")));
}

#[test]
fn a_condition_cut_short_after_its_operator_gets_the_rest() {
    check(
        "tension >",
        ">",
        "expected a value after `>`",
        Some("write what `>` compares with, as in `tension > 5`"),
    );
    check(
        "not",
        "not",
        "expected a value after `not`",
        Some("`not` goes before the condition it turns round, as in `not ceasefire`"),
    );
    check(
        "0.1 *",
        "*",
        "expected a value after `*`",
        Some("write the number after `*`, as in `0.1 * 2`"),
    );
    check("min(a,", ",", "expected a value after `,`", None);
}
