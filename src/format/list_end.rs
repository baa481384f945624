//! Where a list opened wrongly ends, for the lines that follow from its opening: its items are
//! read as keys until the opening line is mended, so they are counted under that one error. Its
//! `]` may be gone too (two slips on one list); the help then says where it goes, as the
//! parser would say once the opening is mended.

use std::ops::Range;

use super::brackets::is_header;
use super::syntax_help::line_number;

/// The line that closes a list opened wrongly on the line ending at `from` (or an item of
/// it): the first line below that starts with `close`, without its line break; none when a
/// header comes first (a `]` below it closes another list).
pub(super) fn closing_line(text: &str, from: usize, close: char) -> Option<Range<usize>> {
    let mut at = from;
    for line in text.get(from..)?.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if line.trim_start().starts_with(close) {
            return Some(start..start + line.trim_end_matches(['\n', '\r']).len());
        }
        if is_header(line) {
            return None;
        }
    }
    None
}

/// The lines below a list opened wrongly on the line ending at `from` that follow from it:
/// down to its `]`; or, when a key or header comes before one, down to its last item, with the
/// line number the `]` goes after.
pub(super) fn list_below(text: &str, from: usize) -> (Option<usize>, Option<usize>) {
    if let Some(closing) = closing_line(text, from, ']') {
        return (Some(closing.end + 1), None);
    }
    let (mut at, mut last) = (from, None);
    for line in text.get(from..).unwrap_or("").split_inclusive('\n') {
        let start = at;
        at += line.len();
        let code = line.trim();
        if code.is_empty() || code.starts_with('#') {
            continue;
        }
        if !is_item(code) {
            break;
        }
        last = Some(start..start + line.trim_end_matches(['\n', '\r']).len());
    }
    match last {
        Some(item) => (Some(item.end + 1), Some(line_number(text, item.start))),
        None => (None, Some(line_number(text, from.saturating_sub(1)))),
    }
}

/// The help of a list's opening line, told also where its missing `]` goes.
pub(super) fn and_close(help: String, unclosed_after: Option<usize>) -> String {
    // (After a question, a sentence of its own.)
    let its = if help.ends_with('?') { " Its" } else { "; its" };
    match unclosed_after {
        Some(line) => format!(
            "{help}{its} `]` is missing too: write it on a line of its own after line {line}"
        ),
        None => help,
    }
}

/// Whether a line (trimmed) reads as an item of a list: a table, text, list or number, not a
/// header.
pub(super) fn is_item(code: &str) -> bool {
    (code.starts_with(['{', '"', '\'', '[', '-', '+']) && !is_header(code))
        || code.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPEN: &str = "modifiers: [\n  { when = \"a\", factor = 3 },\n  { when = \"b\" },\n";

    #[test]
    fn a_list_closed_below_ends_after_its_closing_line() {
        let text = format!("{OPEN}]\nwhen = \"c\"\n");
        let from = "modifiers: [\n".len();
        assert_eq!(
            list_below(&text, from),
            (Some(text.find("when = \"c").unwrap()), None)
        );
    }

    #[test]
    fn a_list_without_its_closing_line_ends_after_its_last_item() {
        let text = format!("{OPEN}\n[[events.branches]]\nlabel = \"x\"\n]\n");
        let from = "modifiers: [\n".len();
        let last_end = OPEN.len();
        assert_eq!(list_below(&text, from), (Some(last_end), Some(3)));
        assert_eq!(closing_line(&text, from, ']'), None);
    }

    #[test]
    fn a_key_below_the_items_ends_the_list_too() {
        let text = format!("{OPEN}when = \"c\"\n");
        assert_eq!(
            list_below(&text, "modifiers: [\n".len()),
            (Some(OPEN.len()), Some(3))
        );
    }
}
