//! A list's header written twice (`[[outcomes]]` on two lines: a line duplicated, or pasted
//! above an entry that had one): TOML reads an entry with nothing in it above the real one,
//! which would be refused for each key it lacks, and an empty outcome as a second catch-all.
//! One error at the doubled line, and the empty entry left out.

use super::diagnostic::Diagnostic;
use super::document::{Node, Value};

/// Tells and takes out each entry of `lists` (each with its header) that is empty and followed
/// by the next entry of its list on the next line, or with notes alone between them; likewise
/// an event's `[[events.branches]]`.
pub(super) fn doubled_headers(
    lists: [(&mut Vec<Node>, &str); 4],
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for (list, header) in lists {
        take_doubled(list, header, text, diags);
        if header != "[[events]]" {
            continue;
        }
        for event in list.iter_mut() {
            let Value::Table(t) = &mut event.value else {
                continue;
            };
            let branches = t.entries.iter_mut().find(|e| e.key == "branches");
            if let Some(e) = branches
                && let Value::Array(items) = &mut e.value.value
            {
                take_doubled(items, "[[events.branches]]", text, diags);
            }
        }
    }
}

fn take_doubled(list: &mut Vec<Node>, header: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    let doubled: Vec<usize> = (1..list.len())
        .filter(|&i| {
            let (empty, next) = (&list[i - 1], &list[i]);
            let between = text.get(empty.span.range.end..next.span.range.start);
            matches!(&empty.value, Value::Table(t) if t.entries.is_empty())
                && text.get(empty.span.range.clone()) == Some(header)
                && between.is_some_and(next_line_down)
        })
        .collect();
    for &i in doubled.iter().rev() {
        let next = list[i].span.clone();
        let empty = list.remove(i - 1);
        diags.push(
            Diagnostic::error(empty.span, format!("`{header}` written twice"))
                .label("an entry with nothing in it")
                .secondary(next, "the entry starts here")
                .help(format!("delete one of the two `{header}` lines")),
        );
    }
}

/// Whether `between`, from the end of one header to the start of the next, holds notes alone:
/// a blank line between them says the keys of the first were deleted, which is told as such.
fn next_line_down(between: &str) -> bool {
    let mut lines = between.lines();
    let rest_of_header = lines.next().unwrap_or("").trim();
    (rest_of_header.is_empty() || rest_of_header.starts_with('#'))
        && lines.all(|l| l.trim().starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::next_line_down;

    #[test]
    fn a_header_is_doubled_when_notes_alone_stand_between() {
        for between in ["\n", "  # a note\n", "\n# why\n  # and how\n"] {
            assert!(next_line_down(between), "{between:?}");
        }
        // A blank line, or a key, between them: the first entry's keys were deleted.
        for between in ["\n\n", "\nid = \"a\"\n", "\n# why\n\n"] {
            assert!(!next_line_down(between), "{between:?}");
        }
    }
}
