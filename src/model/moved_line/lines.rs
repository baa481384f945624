//! The lines of a text as the search moves them: which hold content, which are headers or
//! a list's brackets, and a text with one line moved.

use std::ops::Range;

/// The lines that hold more than blanks and a comment.
pub(super) fn content_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or("").trim();
        if !code.is_empty() {
            lines.push(start..start + line.len());
        }
        start += line.len();
    }
    lines
}

/// `[name]` or `[[name]]` alone on its line (after any comment is taken off): a header, not an
/// array's row.
pub(super) fn is_header(line: &str) -> bool {
    let code = line.split('#').next().unwrap_or("").trim();
    let inner = code
        .strip_prefix("[[")
        .and_then(|c| c.strip_suffix("]]"))
        .or_else(|| code.strip_prefix('[').and_then(|c| c.strip_suffix(']')));
    inner.is_some_and(|name| {
        let name = name.trim();
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    })
}

/// What a line that may be out of place is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    Header,
    /// `modifiers = [` or `]`: the line that opens or closes a list over several lines.
    Bracket,
    /// A line of words with no `=`: a line of a text over several lines, moved out of its
    /// `"""`.
    Text,
    /// A line written twice: the copy is deleted, not moved.
    Doubled,
    /// A table's header farther from its keys than [`REACH`].
    FarHeader,
    /// The line that closes a text over several lines, moved down past keys it then holds.
    TextCloser,
}

/// A header, or a line that only opens or closes a list; `None` for any other line.
pub(super) fn kind(line: &str) -> Option<Kind> {
    let code = line.split('#').next().unwrap_or("").trim();
    if is_header(code) {
        Some(Kind::Header)
    } else if matches!(code, "]" | "],")
        || (code.ends_with('[') && code.contains('=') && !code.contains(['"', '\'']))
    {
        Some(Kind::Bracket)
    } else {
        None
    }
}

/// A line of words outside any quotes, as a line of a long text reads (`(January 2025) and a
/// ceasefire...`): no `=`, no bracket or quote first, two words or more.
pub(super) fn is_prose(line: &str) -> bool {
    let code = line.trim();
    !code.contains('=')
        && !code.starts_with(['#', '[', ']', '{', '}', '"', '\''])
        && code.split_whitespace().nth(1).is_some()
}

/// How many headers have another header (or the end of the text) as their next content line.
pub(super) fn empty_tables(text: &str) -> usize {
    let headers: Vec<bool> = content_lines(text)
        .into_iter()
        .map(|l| is_header(&text[l]))
        .chain([true])
        .collect();
    headers.windows(2).filter(|w| w[0] && w[1]).count()
}

/// `text` with the line `from` (its newline included) taken out and put in front of the line
/// starting at `to` (the end of the text when `to` is its length).
pub(super) fn moved(text: &str, from: &Range<usize>, to: usize) -> String {
    let line = &text[from.clone()];
    if to <= from.start {
        [&text[..to], line, &text[to..from.start], &text[from.end..]].concat()
    } else {
        [&text[..from.start], &text[from.end..to], line, &text[to..]].concat()
    }
}

/// Where a moved line checks without an error: the line and what it is, the line it goes
/// above, and the lines of keys it passes (from the first one's start to the last one's end).
pub(super) struct Found {
    pub(super) line: Range<usize>,
    pub(super) kind: Kind,
    pub(super) above: Range<usize>,
    pub(super) keys: Range<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_moves_up_or_down_whole() {
        let text = "a\n[h]\nb\nc\n";
        let h = 2..6;
        assert_eq!(moved(text, &h, 0), "[h]\na\nb\nc\n");
        assert_eq!(moved(text, &h, 8), "a\nb\n[h]\nc\n");
        assert_eq!(moved(text, &h, text.len()), "a\nb\nc\n[h]\n");
    }

    #[test]
    fn the_lines_that_open_or_close_a_list_may_move() {
        for line in ["modifiers = [", "  branches = [  # two", "]", "],"] {
            assert_eq!(kind(line), Some(Kind::Bracket), "{line}");
        }
        for line in [
            "x = [1, 2]",
            "{ when = \"war\", factor = 2 },",
            "label = \"[\"",
            "[",
            "a",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
        assert_eq!(kind("[flags]"), Some(Kind::Header));
    }

    #[test]
    fn headers_are_told_from_rows_of_an_array() {
        for header in [
            "[flags]",
            "[[events]]",
            "  [scenario.run]  # runs",
            "[[ expect ]]",
        ] {
            assert!(is_header(header), "{header}");
        }
        for row in ["[1, 2],", "[0.1, 0.2, 0.3]", "[\"a\"]", "[]", "x = [1]"] {
            assert!(!is_header(row), "{row}");
        }
    }
}
