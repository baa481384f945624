//! A mark no key holds (`\\`, `;`, `!`, `=`) typed where a key or a header's name goes: the
//! line as it reads without it, when it reads; and the tests of whether a fix reads, which
//! other fixes share.

use std::ops::Range;

use super::brackets::is_header;

/// The fix for a mark no key holds (`\\`, `;`, `!`, `=`) typed where a key or a header's name
/// goes, at byte `col` of `line`, when the line reads without it: the help, and the line.
pub(super) fn stray_mark(line: &str, col: usize) -> Option<(String, String)> {
    let mark = line.get(col..)?.chars().next()?;
    let key = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '"' | '\'');
    if key(mark) || mark.is_whitespace() {
        return None;
    }
    let fixed = format!("{}{}", &line[..col], &line[col + mark.len_utf8()..]);
    if !reads_alone(&fixed) {
        return None;
    }
    let place = match is_header(&fixed) {
        true => "in this header",
        false => "where a key goes",
    };
    let help = format!(
        "a stray `{mark}` {place}: the line reads `{}` without it",
        fixed.trim()
    );
    Some((help, fixed))
}

/// Whether `line` reads as TOML on its own, as a `key = value` line or as an item of a list.
pub(super) fn reads_alone(line: &str) -> bool {
    let item = line.trim_end().trim_end_matches(',');
    line.parse::<toml::Table>().is_ok() || format!("x = [{item}]").parse::<toml::Table>().is_ok()
}

/// Whether `text` reads as TOML with its line `here` written as `fixed`: then every error
/// after that line's came of it.
pub(super) fn reads_with_line(text: &str, here: Range<usize>, fixed: &str) -> bool {
    let fixed = format!("{}{fixed}{}", &text[..here.start], &text[here.end..]);
    fixed.parse::<toml::Table>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::stray_mark;

    #[test]
    fn a_stray_mark_where_a_key_goes_is_taken_out_when_the_line_reads_without_it() {
        let help = |line: &str, col: usize| stray_mark(line, col).map(|(help, _)| help);
        assert_eq!(
            help("x = { a = 1,\\ b = 2 }", 12).as_deref(),
            Some("a stray `\\` where a key goes: the line reads `x = { a = 1, b = 2 }` without it")
        );
        assert!(stray_mark("ho;rizon = 12", 2).is_some());
        assert_eq!(
            help("[set=]", 4).as_deref(),
            Some("a stray `=` in this header: the line reads `[set]` without it")
        );
        // A key's own character, a space, or a line that still does not read: no such fix.
        for (line, col) in [("horizon = 12", 0), ("a b = 1", 1), ("!! = 1", 0)] {
            assert_eq!(stray_mark(line, col), None, "{line}");
        }
    }
}
