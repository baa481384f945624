//! A `;`, `.` or `|` where a comma separates the items of a list or the entries of a `{ }`
//! (`{ initial = 2; min = 0 }`, `[0.1. 0.2]`): the comma instead of it, not beside it.

use super::brackets::{brackets, open_at};
use super::syntax_help::{line_number, line_of};

/// The separators written for a comma.
pub(super) const WRONG: [u8; 3] = [b';', b'.', b'|'];

/// The fix for the separator at byte `sep` of `text`, read in a list or a `{ }` as `what`
/// says ("the items of a list are separated by commas").
pub(super) fn comma_for(text: &str, sep: usize, what: &str) -> String {
    let line = line_of(text, sep);
    let fixed = format!("{},{}", &text[line.start..sep], &text[sep + 1..line.end]);
    format!(
        "{what}, not `{}`: line {} becomes `{}`",
        text.as_bytes()[sep] as char,
        line_number(text, sep),
        fixed.trim()
    )
}

/// The fix for a number with a separator stuck to it, which TOML reads as a value without
/// quotes (`2;`, `0.1.` before a space) at byte `at`: inside a list or a `{ }` only. With
/// where the separator is.
pub(super) fn number_then_separator(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text.get(at..)?;
    let run = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '_' | 'e' | 'E')))
        .unwrap_or(rest.len());
    let bytes = rest.as_bytes();
    // `0.1. 0.2`: the number's run takes the `.`, which a space then follows.
    let sep = match bytes.get(run) {
        Some(b';' | b'|') => run,
        Some(b' ' | b'\t') if run > 1 && bytes[run - 1] == b'.' => run - 1,
        _ => return None,
    };
    if !rest[..sep].starts_with(|c: char| c.is_ascii_digit() || c == '-')
        || rest[..sep].parse::<f64>().is_err()
    {
        return None;
    }
    let (open, _) = open_at(text, &brackets(text), at);
    let what = match open.last().map(|&b| text.as_bytes()[b]) {
        Some(b'[') => "the items of a list are separated by commas",
        Some(b'{') => "the entries inside `{ }` are separated by commas",
        _ => return None,
    };
    Some((comma_for(text, at + sep, what), at + sep))
}

#[cfg(test)]
mod tests {
    use super::number_then_separator;

    #[test]
    fn a_separator_stuck_to_a_number_becomes_a_comma() {
        let text = "t = { initial = 2; min = 0 }\n";
        assert_eq!(
            number_then_separator(text, text.find('2').unwrap())
                .map(|f| f.0)
                .as_deref(),
            Some(
                "the entries inside `{ }` are separated by commas, not `;`: line 1 becomes \
                 `t = { initial = 2, min = 0 }`"
            )
        );
        let text = "p = { pert = [0.1. 0.2, 0.3] }\n";
        assert_eq!(
            number_then_separator(text, text.find("0.1").unwrap())
                .map(|f| f.0)
                .as_deref(),
            Some(
                "the items of a list are separated by commas, not `.`: line 1 becomes \
                 `p = { pert = [0.1, 0.2, 0.3] }`"
            )
        );
        // Not a number, no separator, or outside brackets.
        for (text, at) in [
            ("t = { a = x; b = 1 }", 10),
            ("t = [1 2]", 5),
            ("t = 2;", 4),
        ] {
            assert_eq!(number_then_separator(text, at), None, "{text}");
        }
    }
}
