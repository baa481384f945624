//! The comma between the items of a list or the entries of a `{ }`: where a missing one goes, and
//! a `;`, `.` or `|` written for it (`{ initial = 2; min = 0 }`, `[0.1. 0.2]`), the comma instead
//! of it, not beside it.

use super::brackets::{brackets, open_at};
use super::syntax_help::{code_end, line_number, line_of, lines_above};

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

/// The fix for a comma the parser wanted before `at`: between the items of a list, or the
/// entries of a `{ }`. In a list over several lines the item missing it ends a line above,
/// where the fix goes. With the help, where the comma goes.
pub(super) fn missing_comma_help(text: &str, at: usize, headline: &str) -> Option<(String, usize)> {
    let what = if headline.starts_with("missing comma between array elements") {
        "the items of a list are separated by commas"
    } else if headline.starts_with("missing comma between key-value pairs") {
        "the entries inside `{ }` are separated by commas"
    } else {
        return None;
    };
    let here = line_of(text, at);
    // The code before `at` on its line, or else the last line above with code on it.
    let before = &text[here.start..at.min(here.end)];
    let (line, cut) = if before.trim().is_empty() {
        let above = lines_above(text, here.start).find(|l| {
            !text[l.clone()][..code_end(&text[l.clone()])]
                .trim()
                .is_empty()
        })?;
        let code = above.start + code_end(&text[above.clone()]);
        (above, code)
    } else {
        (here, at)
    };
    let n = line_number(text, line.start);
    // `;`, `.` or `|` where the comma goes: the comma instead of it, not beside it.
    if (text.as_bytes().get(at)).is_some_and(|b| WRONG.contains(b)) && line.contains(&at) {
        return Some((comma_for(text, at, what), at));
    }
    let head = text[line.start..cut].trim_end();
    let fixed = format!("{head},{}", &text[line.start + head.len()..line.end]);
    Some((
        format!("{what}: line {n} becomes `{}`", fixed.trim()),
        line.start + head.len(),
    ))
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
    use super::{missing_comma_help, number_then_separator};

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

    #[test]
    fn a_missing_comma_goes_after_the_item_before_it() {
        let list = "m = [\n  { a = 1 }  # one\n  # two\n  { a = 2 },\n]\n";
        let at = list.find("{ a = 2").unwrap();
        let (help, comma) =
            missing_comma_help(list, at, "missing comma between array elements").unwrap();
        assert_eq!(
            help,
            "the items of a list are separated by commas: line 2 becomes `{ a = 1 },  # one`"
        );
        assert_eq!(&list[comma - 1..comma + 1], "} ");
        let table = "x = { a = \"p\" b = 2 }";
        let at = table.find("b =").unwrap();
        let (help, comma) =
            missing_comma_help(table, at, "missing comma between key-value pairs").unwrap();
        assert_eq!(
            help,
            "the entries inside `{ }` are separated by commas: line 1 becomes `x = { a = \"p\", b = 2 }`"
        );
        assert_eq!(comma, table.find(" b =").unwrap());
        assert_eq!(missing_comma_help(table, at, "duplicate key"), None);
    }
}
