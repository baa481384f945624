//! A list inside a value written with other brackets: `{ normal = {0, 1} }` as a set,
//! `{ pert = (0.1, 0.2, 0.3) }` as Python's tuple, without its brackets (`{ pert = 0.1, 0.2 }`),
//! or opened with the closing key or a parenthesis (`set = }"war"]`, `set = ("war"]`). TOML
//! reads `{ }` as a table and `(` as the start of a bare value, so its words are about commas,
//! `=` and quotes; the fix is the list's two brackets. (A whole value in `( )` or `{ }` is
//! `unquoted.rs`'s and `list_lines.rs`'s.)

use super::syntax_help::{chars_outside_quotes, code_end};

/// The fix for a list in `( )` or `{ }` nested in a value of `line`, around the error at `at`
/// (a byte of the line): no `=` inside (a table has one), a comma between its items, and the
/// first item a number, a text or a bracket.
pub(super) fn nested_list_help(line: &str, at: usize) -> Option<String> {
    let code = &line[..code_end(line)];
    let marks: Vec<(usize, char)> = chars_outside_quotes(code)
        .filter(|&(_, c, outside)| outside && "()[]{}=,".contains(c))
        .map(|(i, c, _)| (i, c))
        .collect();
    let mut depth = 0usize;
    for (k, &(open, c)) in marks.iter().enumerate() {
        match c {
            '[' | '{' | '(' => depth += 1,
            ']' | '}' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let after_equals = code[..open].trim_end().ends_with('=');
        // A whole value in `{ }` is another file's (`braces_list_help`).
        let nested = depth >= 2 || c == '(';
        if !matches!(c, '(' | '{') || !nested || !after_equals || at < open {
            continue;
        }
        let close = if c == '(' { ')' } else { '}' };
        let Some((end, items)) = list_end(&marks[k + 1..], close) else {
            continue;
        };
        let inner = code[open + 1..end].trim_start();
        let first = inner.starts_with(['"', '\'', '-', '.', '[', '{'])
            || inner.starts_with(|c: char| c.is_ascii_digit());
        if at > end || !items || !first {
            continue;
        }
        let fixed = format!(
            "{}[{}]{}",
            &line[..open],
            &line[open + 1..end],
            &line[end + 1..]
        );
        let written = if c == '(' { "`( )`" } else { "`{ }`" };
        return Some(format!(
            "a list goes in square brackets, not {written}: `{}`",
            fixed.trim()
        ));
    }
    None
}

/// Where the bracket `close` ends the list whose marks (after its opener) are `marks`, and
/// whether its items are a list's: a comma between them and no `=`.
fn list_end(marks: &[(usize, char)], close: char) -> Option<(usize, bool)> {
    let (mut depth, mut comma) = (0usize, false);
    for &(i, c) in marks {
        match c {
            '[' | '{' | '(' => depth += 1,
            _ if c == close && depth == 0 => return Some((i, comma)),
            ']' | '}' | ')' => depth = depth.checked_sub(1)?,
            ',' if depth == 0 => comma = true,
            '=' if depth == 0 => return Some((i, false)),
            _ => {}
        }
    }
    None
}

/// The fix for a value that opens with a closing bracket or a parenthesis (`set = }"war"]`,
/// `set = ("a", "b"]`, `{ normal = )1, 2] }`), with the error at byte `at` of the line on it
/// (or just after): the opener that the first closing bracket after it pairs with. A closing
/// bracket alone (`remove = }`, its items on the lines below) opens a list over several lines:
/// then the second of the pair is true.
pub(super) fn wrong_opener(line: &str, at: usize) -> Option<(String, bool)> {
    let code = line[..code_end(line)].trim_end();
    let is_mark = |i: usize| matches!(code.as_bytes().get(i), Some(b']' | b'}' | b')' | b'('));
    let at = if is_mark(at) { at } else { at.checked_sub(1)? };
    // (The error may stand in a note, past the code, or inside a character of several bytes.)
    let key = code.get(..at)?.trim_end().strip_suffix('=')?;
    if !is_mark(at) {
        return None;
    }
    let rest = &code[at + 1..];
    // (A lone `(` opens a list over several lines that `list_lines.rs` finds from its items.)
    if rest.trim().is_empty() && !code[at..].starts_with('(') {
        let key = key
            .trim_start_matches(['{', ' '])
            .rsplit([',', '{'])
            .next()?
            .trim();
        return Some((format!("a list opens with `[`: `{key} = [`"), true));
    }
    if rest.trim_start().starts_with([']', '}', ')']) {
        return None;
    }
    // The first bracket that closes one not opened after the mark.
    let mut depth = 0usize;
    let open = chars_outside_quotes(rest).find_map(|(_, c, outside)| match c {
        _ if !outside => None,
        '[' | '{' => {
            depth += 1;
            None
        }
        ']' | '}' if depth > 0 => {
            depth -= 1;
            None
        }
        ']' => Some('['),
        '}' => Some('{'),
        _ => None,
    })?;
    let what = if open == '[' { "a list" } else { "a `{ }`" };
    let fixed = format!("{}{open}{rest}", &code[..at]);
    Some((
        format!("{what} opens with `{open}`: `{}`", fixed.trim()),
        false,
    ))
}

/// The fix for a list inside `{ }` written without its brackets (`{ pert = 0.1, 0.2, 0.3 }`,
/// `{ loguniform = 0.5, 2.0, unit = "factor" }`): TOML reads the second item as a key. The
/// items run from the `=` before the error at `at` to the next key or the `}`.
pub(super) fn bare_list_help(line: &str, at: usize) -> Option<String> {
    let code = &line[..code_end(line)];
    let marks: Vec<(usize, char)> = chars_outside_quotes(code)
        .filter(|&(i, c, outside)| outside && i < at && c == '=')
        .map(|(i, c, _)| (i, c))
        .collect();
    let &(eq, _) = marks.last()?;
    let start = eq + 1 + (code[eq + 1..].len() - code[eq + 1..].trim_start().len());
    let (mut end, mut items, mut depth, mut item) = (start, 0, 0usize, start);
    for (i, c, outside) in chars_outside_quotes(&code[start..]) {
        let i = start + i;
        match c {
            _ if !outside => {}
            '[' | '{' => depth += 1,
            ']' | '}' if depth > 0 => depth -= 1,
            '=' => break,
            ',' | '}' if depth == 0 => {
                let value = code[item..i].trim();
                let number = value.starts_with(|c: char| c.is_ascii_digit() || "-.\"'".contains(c));
                if !number {
                    break;
                }
                items += 1;
                end = item + code[item..i].trim_end().len();
                item = i + 1;
                if c == '}' {
                    break;
                }
            }
            _ => {}
        }
    }
    if items < 2
        || end < at
        || !code[..eq]
            .trim_end()
            .ends_with(|c: char| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let fixed = format!("{}[{}]{}", &line[..start], &line[start..end], &line[end..]);
    Some(format!(
        "a list goes in square brackets: `{}`",
        fixed.trim()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_list_in_other_brackets_gets_square_ones() {
        let line = "shift = { normal = {0, 1} }";
        assert_eq!(
            nested_list_help(line, line.find(',').unwrap()).as_deref(),
            Some("a list goes in square brackets, not `{ }`: `shift = { normal = [0, 1] }`")
        );
        let line = r#"  { add = { t = { normal = ("1", "0.5 * a") } } },"#;
        assert_eq!(
            nested_list_help(line, line.find('(').unwrap()).as_deref(),
            Some(
                "a list goes in square brackets, not `( )`: \
                 `{ add = { t = { normal = [\"1\", \"0.5 * a\"] } } },`"
            )
        );
        // A table, one value, a whole value (another file's), an error elsewhere on the line.
        for (line, at) in [
            ("t = { a = { b = 1, c = 2 } }", 15),
            ("t = { a = (1) }", 11),
            ("t = {1, 2}", 5),
            ("t = { a = (1, 2) }, b = x", 24),
            ("t = { a = (x, 2) }", 11),
        ] {
            assert_eq!(nested_list_help(line, at), None, "{line}");
        }
    }

    #[test]
    fn a_list_without_brackets_inside_braces_gets_them() {
        let line = r#"a = { loguniform = 0.5, 2.0, unit = "factor" }"#;
        assert_eq!(
            bare_list_help(line, line.find(", unit").unwrap()).as_deref(),
            Some(
                r#"a list goes in square brackets: `a = { loguniform = [0.5, 2.0], unit = "factor" }`"#
            )
        );
        let line = "p = { pert = 0.1, 0.2, 0.3 }";
        assert_eq!(
            bare_list_help(line, line.find(", 0.3").unwrap()).as_deref(),
            Some("a list goes in square brackets: `p = { pert = [0.1, 0.2, 0.3] }`")
        );
        // One value, entries, words: not a list.
        for (line, at) in [
            ("p = { pert = 0.1, unit = \"x\" }", 16),
            ("p = { a = 1, b = 2 }", 11),
            ("p = { a = x, y }", 11),
        ] {
            assert_eq!(bare_list_help(line, at), None, "{line}");
        }
    }

    #[test]
    fn a_value_opened_with_a_closing_bracket() {
        let help = |line, at| wrong_opener(line, at).map(|(help, _)| help);
        assert_eq!(
            help(r#"set = }"war"]  # why"#, 6).as_deref(),
            Some(r#"a list opens with `[`: `set = ["war"]`"#)
        );
        assert_eq!(
            help("t = ) initial = 1 }", 4).as_deref(),
            Some("a `{ }` opens with `{`: `t = { initial = 1 }`")
        );
        assert_eq!(
            wrong_opener("remove = }  # these", 9),
            Some(("a list opens with `[`: `remove = [`".into(), true))
        );
        for line in [
            "set = [\"war\"]",
            "set = ]]",
            "x = 1",
            "set = }\"war\"",
            "s = (1, 2)",
            "s = (",
        ] {
            assert_eq!(wrong_opener(line, 6), None, "{line}");
        }
        assert_eq!(
            help(r#"clear = ("quiet"]"#, 8).as_deref(),
            Some(r#"a list opens with `[`: `clear = ["quiet"]`"#)
        );
        // Inside a value.
        let line = r#"  { add = { t = { normal = )"1", "x"] } } },"#;
        assert_eq!(
            help(line, line.find(')').unwrap()).as_deref(),
            Some(r#"a list opens with `[`: `{ add = { t = { normal = ["1", "x"] } } },`"#)
        );
        // An error in the note, or just after a character of several bytes.
        assert_eq!(wrong_opener("set = 1 # a note ]", 15), None);
        assert_eq!(wrong_opener("s = éx]", 6), None);
        // An error further on the line is another one's.
        assert_eq!(wrong_opener(r#"set = }"war"]"#, 12), None);
    }
}
