//! A list of tables written in `{ }` whose closing line is deleted too (`modifiers = {`, its
//! `{ when = "war", factor = 2 },` items below, and no `}`): the `{` is left open, but a `}`
//! would not mend the file; the list's square brackets do. (With its `}` kept, the parser's
//! error on the first item is told the same way, in `syntax_fix`.)

use std::ops::Range;

use super::syntax_help::{code_end, line_number};
use super::unclosed::{Unclosed, open_spoils};

/// The fix when the `{` left open at `opener` ends its line `opened` (`key = {`) and lines of
/// `{ }` items follow it.
pub(super) fn braced_list(text: &str, opened: Range<usize>, opener: usize) -> Option<Unclosed> {
    let line = &text[opened.clone()];
    let key = (line[..code_end(line)].trim().strip_suffix('{')?.trim_end())
        .strip_suffix('=')?
        .trim_end();
    // The items: lines that start with `{`, down to the first line of anything else.
    let (mut start, mut last) = (opened.end + 1, None);
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let l = &text[start..end];
        let code = l[..code_end(l)].trim();
        if !code.is_empty() {
            if !code.starts_with('{') {
                break;
            }
            let indent = l.len() - l.trim_start().len();
            last = Some(start + indent..start + l.trim_end().len());
        }
        start = end + 1;
    }
    let last = last?;
    let after = line_number(text, last.start);
    Some(Unclosed {
        opener: opener..opener + 1,
        headline: "this list is opened with `{` and not closed",
        help: format!(
            "a list goes in square brackets (its items in `{{ }}`): `{key} = [`, and `]` on a \
             line of its own after its last item (line {after})"
        ),
        last_line: Some((last, "the `]` goes after this line")),
        read_as: "read as more of the `{ }`",
        spoils: open_spoils(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_in_braces_below_an_open_brace_make_a_list() {
        let text = "modifiers = {\n  { when = \"a\", factor = 2 },\n\n  \
                    { when = \"b\", factor = 3 },\n[[outcomes]]\n";
        let u = braced_list(text, 0..13, 12).expect("a list");
        assert_eq!(
            &text[u.last_line.unwrap().0],
            "{ when = \"b\", factor = 3 },"
        );
        assert!(u.help.contains(
            "`modifiers = [`, and `]` on a line of its own after its last item (line 4)"
        ));
        // A `{ }` of keys is not a list; nor is a `{` that does not end its line.
        assert!(braced_list("add = {\n  tension = 1,\n", 0..7, 6).is_none());
        assert!(braced_list("add = { a = 1\nb = 2\n", 0..13, 6).is_none());
    }
}
