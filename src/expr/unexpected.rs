//! A character that starts no token: a percentage, a decimal comma, a symbol a word processor
//! or a maths habit put in, a dotted name. Each gets the brink spelling of what was meant.

use super::error::ExprError;
use crate::format::invisible::invisible_help;
use crate::format::written::{self, percent_help};

/// The error for the character at `start` of `src`, which starts no token, with the fix for
/// what it was most likely meant to be.
pub(super) fn unexpected(src: &str, start: usize) -> ExprError {
    let ch = src[start..].chars().next().unwrap_or('?');
    // The number just before, if any (`30%`, `0,3`): what a percentage or a decimal comma
    // was meant to be.
    let before = src[..start].trim_end();
    let digits = before.len()
        - before
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    let number = &before[before.len() - digits..];
    let rest = &src[start + ch.len_utf8()..];
    let after = rest.bytes().next();
    // `30%` ends an operand; `10 % 3` would be a remainder.
    let ends = {
        let rest = rest.trim_start();
        rest.is_empty()
            || rest.starts_with([')', '*', '/', '+', '-', '<', '>', '=', '!'])
            || rest.starts_with("and ")
            || rest.starts_with("or ")
    };
    let help = invisible_help(&src[start..])
        .or_else(|| in_name(src, start, ch))
        .or_else(|| match ch {
            '%' if ends && let Ok(x) = number.parse::<f64>() => {
                Some(percent_help(number, x / 100.0))
            }
            ',' if !number.is_empty() && after.is_some_and(|b| b.is_ascii_digit()) => {
                written::comma_number_help(&src[before.len() - digits..])
            }
            '.' if rest.trim().is_empty() => Some("leave out the `.` at the end".into()),
            // `clamp(x. 0, 1)`: a point typed for the comma between arguments.
            '.' if rest.starts_with(' ') && open_parens(&src[..start]) > 0 => {
                Some("a function's arguments are separated by `,`".into())
            }
            '.' => dotted_name_help(&src[..start], &src[start + 1..]),
            '^' => Some("brink has no power operator; multiply instead, e.g. `x * x`".into()),
            '%' => Some("brink has no remainder operator".into()),
            // `10'000`: thousands apart, as Switzerland writes them.
            '\'' if !number.is_empty() && after.is_some_and(|b| b.is_ascii_digit()) => {
                let from = &src[before.len() - digits..];
                let run = from.len()
                    - from
                        .trim_start_matches(|c: char| c.is_ascii_digit() || "'.".contains(c))
                        .len();
                written::space_grouped_help(&from[..run])
                    .or_else(|| Some("write names and numbers without quotes".into()))
            }
            '"' | '\'' | '`' => Some("write names and numbers without quotes".into()),
            // `"{ initial = 5, max = 10 }"`: a table or list in quotes, read as an expression.
            '{' | '['
                if before.is_empty()
                    && src.trim_end().ends_with(if ch == '{' { '}' } else { ']' }) =>
            {
                Some(format!(
                    "a {} goes without quotes around it: `{}`",
                    if ch == '{' {
                        "table in `{ }`"
                    } else {
                        "list in `[ ]`"
                    },
                    src.trim()
                ))
            }
            '{' | '}' | '[' | ']' => Some("an expression groups with `( )`".into()),
            // `"2  # a note"`: the note written inside the quotes.
            '#' if !before.is_empty() => Some(format!(
                "a note goes after the closing quote: `\"{before}\" # {}`",
                rest.trim()
            )),
            ',' | ';' => Some("join conditions with `and` or `or`".into()),
            // Symbols a word processor or a maths habit puts in: their ASCII form.
            '≥' | '≤' | '≠' | '×' | '÷' | '·' | '⋅' | '∙' | '•' | '−' | '–' | '—' => {
                Some(format!(
                    "write `{}`",
                    match ch {
                        '≥' => ">=",
                        '≤' => "<=",
                        '≠' => "!=",
                        '×' | '·' | '⋅' | '∙' | '•' => "*",
                        '÷' => "/",
                        _ => "-",
                    }
                ))
            }
            '~' => Some("write `not`, e.g. `not a`".into()),
            '?' | ':' => {
                Some("brink has no `? :`; a choice between numbers is `if(c, a, b)`".into())
            }
            c if c.is_alphabetic() => {
                Some("names are written with the letters a-z, digits and `_`".into())
            }
            _ => None,
        })
        .unwrap_or_else(|| {
            "an expression holds names, numbers, `( )` and the operators `+ - * /`, \
             `< <= > >= == !=`, `and`, `or`, `not`"
                .into()
        });
    let err = ExprError::new(
        start..start + ch.len_utf8(),
        format!("unexpected character `{ch}`"),
    );
    err.with_help(help)
}

/// How many `(` are open at the end of `src`.
fn open_parens(src: &str) -> usize {
    src.chars().fold(0, |depth, c| match c {
        '(' => depth + 1,
        ')' => depth.saturating_sub(1),
        _ => depth,
    })
}

/// The fix for a character typed inside a name (`tens:ion`, `nk_troop's`): the name without it.
/// A `.` has its own fix (a dotted name), and `10'000` is a number.
fn in_name(src: &str, start: usize, ch: char) -> Option<String> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let (before, after) = (&src[..start], &src[start + ch.len_utf8()..]);
    let left = &before[before.trim_end_matches(is_word).len()..];
    let right = &after[..after.len() - after.trim_start_matches(is_word).len()];
    let stray = "?:@$\\~`'";
    (stray.contains(ch)
        && left.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && right.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
    .then(|| format!("a name is letters, digits and `_`: remove the `{ch}` (`{left}{right}`)"))
}

/// The fix for a name written with a dot, as in a path or a program (`variables.tension`,
/// `offensive.fired`): the id alone. `before` and `after` are the text on either side of the dot.
fn dotted_name_help(before: &str, after: &str) -> Option<String> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let left = &before[before.trim_end_matches(is_word).len()..];
    let right = &after[..after.len() - after.trim_start_matches(is_word).len()];
    if left.is_empty() || left.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let sections = [
        "flags",
        "flag",
        "variables",
        "variable",
        "vars",
        "params",
        "param",
        "events",
        "event",
    ];
    if sections.contains(&left) && !right.is_empty() {
        Some(format!(
            "names have no `.` here: write the id alone, `{right}`"
        ))
    } else {
        Some(format!(
            "names have no `.` here: write the id alone, `{left}` (an event's id means it has \
             fired; `times({left})` counts its firings)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tests::err;

    #[test]
    fn unexpected_characters() {
        assert_eq!(err("a ^ 2").1, "unexpected character `^`");
        assert_eq!(
            err("a ^ 2").2.as_deref(),
            Some("brink has no power operator; multiply instead, e.g. `x * x`")
        );
        // A multi-byte character is covered whole.
        assert_eq!(err("a é").0, 2..4);
        assert_eq!(
            err("a é").2.as_deref(),
            Some("names are written with the letters a-z, digits and `_`")
        );
        // A percentage or a decimal comma, as people write numbers, and a remainder.
        let help = |src| err(src).2.unwrap_or_default();
        assert_eq!(
            help("30%"),
            "write a percentage as a fraction: `0.3` for 30%"
        );
        assert_eq!(
            help("x < 12.5 % and y"),
            "write a percentage as a fraction: `0.125` for 12.5%"
        );
        assert_eq!(help("10 % 3"), "brink has no remainder operator");
        assert_eq!(help("x % 2"), "brink has no remainder operator");
        assert_eq!(help("0,35 * x"), "decimals take a point: `0.35`");
        assert_eq!(help("a, b"), "join conditions with `and` or `or`");
        // A character copied along that does not show.
        assert_eq!(err("a\u{a0}and b").0, 1..3);
        assert!(
            help("a\u{a0}and b")
                .starts_with("an invisible character here: a non-breaking space (U+00A0)")
        );
        // A dotted name, as a path or a program writes it.
        assert_eq!(
            help("variables.tension > 5"),
            "names have no `.` here: write the id alone, `tension`"
        );
        assert_eq!(
            help("offensive.fired and x"),
            "names have no `.` here: write the id alone, `offensive` (an event's id means it \
             has fired; `times(offensive)` counts its firings)"
        );
        // Any other character gets what an expression is made of.
        let general = "an expression holds names, numbers, `( )` and the operators `+ - * /`, \
                       `< <= > >= == !=`, `and`, `or`, `not`";
        assert_eq!(help("x > 5 ."), "leave out the `.` at the end");
        assert_eq!(
            help("clamp(x * (1 + y / 4). 0, 0.9)"),
            "a function's arguments are separated by `,`"
        );
        assert_eq!(help("(x > 5). y"), general);
        assert_eq!(help("x @ 5"), general);
    }

    #[test]
    fn a_character_typed_inside_a_name_is_taken_out() {
        let help = |src| err(src).2.unwrap_or_default();
        assert_eq!(
            help("tens:ion >= 9"),
            "a name is letters, digits and `_`: remove the `:` (`tension`)"
        );
        assert_eq!(
            help("not french_fo?rces"),
            "a name is letters, digits and `_`: remove the `?` (`french_forces`)"
        );
        assert_eq!(
            help("nk_troop's > 2"),
            "a name is letters, digits and `_`: remove the `'` (`nk_troops`)"
        );
        // Between words that stand apart, or beside a number, it is what it is elsewhere.
        assert_eq!(
            help("a ? b : c"),
            "brink has no `? :`; a choice between numbers is `if(c, a, b)`"
        );
        assert_eq!(help("a;b"), "join conditions with `and` or `or`");
        assert_eq!(help("0.1 · appetite"), "write `*`");
        assert_eq!(help("0.1·appetite"), "write `*`");
        assert_eq!(help("x — 1"), "write `-`");
        assert_eq!(help("~war"), "write `not`, e.g. `not a`");
    }
}
