//! Where a value written without its quotes inside a list or `{ }` ends: at the `,`, `}` or `]`
//! after it, or, for a text with commas inside `{ }` (`rationale = Judgement, as in 2025, 3 at
//! the mode }`, each part read by TOML as a value of its own), past each comma that starts no
//! entry: one error, the whole text quoted.

use std::ops::Range;

/// The key `text` starts with when an `=` (not `==`) follows it, as a table's entry starts:
/// `factor` of `factor = 2`.
pub(super) fn entry_key(text: &str) -> Option<&str> {
    let len = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    let after = text[len..].trim_start();
    (len > 0 && after.starts_with('=') && !after.starts_with("==")).then(|| &text[..len])
}

/// The length of the bare value that `rest` starts with: up to the `,`, `}` or `]` that ends
/// it, outside parentheses (`max(a, b) > 3` is one value), or to the line's end.
pub(super) fn bare_value_len(rest: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | '}' | ']' if depth == 0 => return i,
            _ => {}
        }
    }
    rest.len()
}

/// The length of the bare text that `rest` starts with inside `{ }`: past its commas while what
/// follows each starts no entry (`rationale = Judgement, as in 2025, 3 at the mode }` is one
/// text; `when = war, factor = 2` is not).
pub(super) fn text_len(rest: &str) -> usize {
    let mut len = bare_value_len(rest);
    while rest[len..].starts_with(',') {
        let part = &rest[len + 1..];
        let next = part.trim_start();
        if next.is_empty() || next.starts_with(['"', '\'', '{', '[']) || entry_key(next).is_some() {
            break;
        }
        len += 1 + bare_value_len(part);
    }
    len
}

/// Whether the bare value marked `at` is a text with commas that runs on to the `}` that
/// closes its table: every later error on the line is about its parts.
pub(super) fn text_runs_to_close(line: &str, line_start: usize, at: &Range<usize>) -> bool {
    let Some(rest) = at
        .start
        .checked_sub(line_start)
        .and_then(|from| line.get(from..))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let len = text_len(rest);
    len > bare_value_len(rest) && rest[len..].trim_start().starts_with('}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_text_with_commas_inside_braces_is_one_text() {
        let line = "f = { mode = 3, rationale = Judgement, as in 2025, 3 at the mode. }";
        let at = line.find("Judgement").unwrap()..line.find(", as").unwrap();
        assert_eq!(
            super::super::unquoted::inner_unquoted_help(line, 0, &at).as_deref(),
            Some(
                "text and ids go in quotes, inside `{ }` too: `f = { mode = 3, rationale = \
                 \"Judgement, as in 2025, 3 at the mode.\" }`"
            )
        );
        assert!(super::text_runs_to_close(line, 0, &at));
        // A `key =` after the comma starts an entry: the text ends before it.
        let line = "f = { rationale = Judgement, as in 2025, mode = 3 }";
        let at = line.find("Judgement").unwrap()..line.find(", as").unwrap();
        assert_eq!(
            super::super::unquoted::inner_unquoted_help(line, 0, &at).as_deref(),
            Some(
                "text and ids go in quotes, inside `{ }` too: `f = { rationale = \
                 \"Judgement, as in 2025\", mode = 3 }`"
            )
        );
        assert!(!super::text_runs_to_close(line, 0, &at));
        // In a list, commas separate items.
        let line = "set = [war, peace]";
        let at = 7..10;
        assert!(!super::text_runs_to_close(line, 0, &at));
    }
}
