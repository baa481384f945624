//! Values of the wrong kind: a number where a condition goes, a condition where a number goes,
//! each with the fix that turns one into the other.

use super::super::Type;
use super::errors::{check, errors_as};

#[test]
fn type_errors() {
    check(
        "tension and a",
        "tension",
        "`and` needs a true/false value on both sides, but `tension` is a number",
        Some("compare it, e.g. `tension > 0`"),
    );
    check(
        "a or x + 1",
        "x + 1",
        "`or` needs a true/false value on both sides, but `x + 1` is a number",
        Some("compare it, e.g. `x + 1 > 0`"),
    );
    check(
        "not (tension)",
        "(tension)",
        "`not` needs a true/false value, but `(tension)` is a number",
        Some("compare it, e.g. `(tension) > 0`"),
    );
    check(
        "x + a > 1",
        "a",
        "`+` needs numbers on both sides, but `a` is true/false",
        Some("to count it as a number, write `if(a, 1, 0)`: 1 while it holds, 0 otherwise"),
    );
    check(
        "a * 2 > 1",
        "a",
        "`*` needs numbers on both sides, but `a` is true/false",
        Some("a number while it holds is written `if(a, 2, 0)`: 2 while it holds, 0 otherwise"),
    );
    check(
        "x + true > 1",
        "true",
        "`+` needs numbers on both sides, but `true` is true/false",
        Some("`true` is not a number: write 1 for it (0 for `false`)"),
    );
    check(
        "x - offensive > 1",
        "offensive",
        "`-` needs numbers on both sides, but `offensive` is true/false",
        Some("to count how often it fired, write `times(offensive)`"),
    );
    check(
        "-a > 1",
        "a",
        "`-` needs a number, but `a` is true/false",
        Some("the opposite of a true/false value is `not a`; as a number, write `-if(a, 1, 0)`"),
    );
    check(
        "offensive > 2",
        "offensive",
        "`>` compares numbers, but `offensive` is true/false",
        Some("to count how often it fired, write `times(offensive)`"),
    );
    check(
        "x <= (a or b)",
        "(a or b)",
        "`<=` compares numbers, but `(a or b)` is true/false",
        Some("to count it as a number, write `if((a or b), 1, 0)`: 1 while it holds, 0 otherwise"),
    );
    check(
        "a == 1",
        "a == 1",
        "`==` needs two values of the same kind, but `a` is true/false and `1` is a number",
        Some("true/false values are not numbers: write `a` for true, or `not a` for false"),
    );
    check(
        "x != b",
        "x != b",
        "`!=` needs two values of the same kind, but `x` is a number and `b` is true/false",
        None,
    );
    check(
        "tension",
        "tension",
        "`tension` is a number, but a condition must be true or false",
        Some("compare it, e.g. `tension > 0`"),
    );
    let e = &errors_as("a and b", Type::Number, false);
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].message,
        "`a and b` is true/false, but a number is needed here"
    );
    assert_eq!(
        e[0].help.as_deref(),
        Some(
            "a number that depends on it is written `if(a and b, 0.2, 0.1)`: the first while it \
             holds, the second otherwise"
        )
    );
}

/// `"variables.x" = "yes"`: where a number goes, yes and no are 1 and 0, not `true` and `false`
/// (which are not numbers there either).
#[test]
fn yes_where_a_number_goes_is_one() {
    for (src, help) in [("yes", "write 1 for `yes`"), ("2 * No", "write 0 for `No`")] {
        let errs = errors_as(src, Type::Number, false);
        assert_eq!(errs.len(), 1, "{src}: {errs:?}");
        assert_eq!(
            errs[0].help.as_deref(),
            Some(
                format!("yes and no are `true` and `false`, and a number goes here: {help}")
                    .as_str()
            ),
            "{src}"
        );
    }
    let errs = errors_as("yes", Type::Bool, false);
    assert!(errs[0].help.as_deref().unwrap().contains("write `true`"));
}
