//! The forms people bring from other languages and tools (`&&`, `between`, `is`, a leading `+`):
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
