//! The help for the lines of a list standing where keys go: its opening line gone (its items
//! and `]` read as keys), opened with `(` or `{` as other languages write lists, or written on
//! one line in `{ }`. `syntax_fix.rs` picks which applies.

use std::ops::Range;

use super::list_end::is_item;
use super::syntax_help::{chars_outside_quotes, code_end, line_of, lines_above};

/// The fix for a line of a list whose opening line is gone (`modifiers = [` deleted): its
/// items and its closing `]` then stand where keys are expected (an error inside a list that
/// is opened is another error).
pub(super) fn list_help(headline: &str, line: &str) -> Option<String> {
    let line = line.trim_start();
    let opener = "is the line that opens it (as in `modifiers = [`) missing above?";
    // A text alone on its line with a comma after it (`"war",`): an item of `set`, `remove`.
    let text_item = |q: char| {
        let code = line.split('#').next().unwrap_or("").trim_end();
        let item = code.strip_suffix(',').unwrap_or(code);
        item.len() >= 2
            && item.starts_with(q)
            && item.ends_with(q)
            && !item[1..item.len() - 1].contains(q)
    };
    if line.starts_with('{') && headline.starts_with("invalid key-value pair") {
        Some(format!("this line reads as an item of a list: {opener}"))
    } else if (text_item('"') || text_item('\''))
        && (headline.starts_with("key with no value")
            || headline.starts_with("invalid key-value pair"))
    {
        Some(
            "this line reads as an item of a list: is the line that opens it (as in `set = [`, \
             `clear = [` or `remove = [`) missing above?"
                .into(),
        )
    } else if line.starts_with(']') && headline.starts_with("missing table open") {
        Some(format!("a `]` closes a list: {opener}"))
    } else if line.starts_with(')') {
        Some("a list opens with `[` and closes with `]`, not `( )`: write `]` here".into())
    } else {
        None
    }
}

/// The key left without its value (`modifiers =`, its `[` deleted) above lines that read as a
/// list's items.
pub(super) fn opener_deleted(text: &str, line: Range<usize>) -> Option<&str> {
    let code = text[line.clone()][..code_end(&text[line.clone()])].trim();
    let key = code.strip_suffix('=')?.trim_end();
    if key.is_empty() || key.contains(['=', '[', '{', '"']) {
        return None;
    }
    // The first line below that holds something.
    let next = text[line.end..]
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    list_help("invalid key-value pair", next)?;
    Some(key)
}

/// The line above the item line starting at `line_start` that opens its list with `open`
/// (`(` as Python writes a tuple, `{`), past other items, notes and blank lines: its range and
/// the line as it should read (`modifiers = [`).
pub(super) fn list_opener_above(
    text: &str,
    line_start: usize,
    open: char,
) -> Option<(Range<usize>, String)> {
    for range in lines_above(text, line_start) {
        let line = &text[range.clone()];
        let code = line[..code_end(line)].trim();
        if code.is_empty() || is_item(code) {
            continue;
        }
        let key = code
            .strip_suffix(open)?
            .trim_end()
            .strip_suffix('=')?
            .trim_end();
        return Some((range, format!("{key} = [")));
    }
    None
}

/// The fix for a line of words where a list's next item goes (`must be quoted` at the line's
/// start): text outside its quotes inside a list left open, as when the lines from a list's
/// `]` to a text's opening `"""` are deleted. The help and where the list opens.
pub(super) fn text_in_open_list(text: &str, at: usize) -> Option<(String, Range<usize>)> {
    let line = line_of(text, at);
    let words = &text[line.clone()];
    if !text[line.start..at].trim().is_empty()
        || words[..code_end(words)].contains('=')
        || words.split_whitespace().count() < 3
    {
        return None;
    }
    let (opener, fixed) = list_opener_above(text, line.start, '[')?;
    Some((
        format!(
            "this line reads as text inside the list that `{fixed}` opens: text goes inside \
             quotes; is the list's closing `]` missing above this line?"
        ),
        opener,
    ))
}

/// The fix for a list written on one line in `{ }` (a Python set, `set = {"war"}`, or a list of
/// tables, `modifiers = { { when = "war", factor = 2 } }`): a `key = { ... }` line with no
/// `=` of its own inside the braces, which would make them a table.
pub(super) fn braces_list_help(line: &str) -> Option<String> {
    let code = line[..code_end(line)].trim();
    let (key, value) = code.split_once('=')?;
    let inner = value.trim().strip_prefix('{')?.strip_suffix('}')?;
    if !inner.trim_start().starts_with(['{', '"', '\'', '-'])
        && !inner.trim_start().starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let mut depth = 0usize;
    for (_, c, outside) in chars_outside_quotes(inner) {
        match c {
            _ if !outside => {}
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.checked_sub(1)?,
            '=' if depth == 0 => return None,
            _ => {}
        }
    }
    Some(format!(
        "a list goes in square brackets, not `{{ }}`: `{} = [{}]`",
        key.trim(),
        inner.trim()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_line_of_words_at_its_start_is_text_in_an_open_list() {
        let at = |text: &str, mark: &str| text_in_open_list(text, text.find(mark).unwrap());
        let list = "set = [\n  \"war\",\nThe war spreads to Korea\n";
        assert_eq!(at(list, "The").map(|(_, r)| r), Some(0..7));
        // Two words, a key, or a word after the line's start: other mistakes.
        assert!(at("set = [\n  \"war\",\nwar spreads\n", "war s").is_none());
        assert!(at("set = [\n  \"war\",\nlabel = the war spreads\n", "label").is_none());
        assert!(at("set = [\n  \"war\", the war spreads\n", "the").is_none());
        // No list open above.
        assert!(at("[scenario]\nThe war spreads to Korea\n", "The").is_none());
    }

    #[test]
    fn a_list_in_braces_on_one_line_gets_brackets() {
        assert_eq!(
            braces_list_help("set = {\"war\", \"peace\"}  # both").as_deref(),
            Some("a list goes in square brackets, not `{ }`: `set = [\"war\", \"peace\"]`")
        );
        assert_eq!(
            braces_list_help("modifiers = { { when = \"war\", factor = 2 } }").as_deref(),
            Some(
                "a list goes in square brackets, not `{ }`: \
                 `modifiers = [{ when = \"war\", factor = 2 }]`"
            )
        );
        // A table, or one whose entries lack their `=` or a comma: not a list.
        for line in [
            "tension = { initial = 1 min = 0 }",
            "p = { pert = [0.1, 0.2, 0.3] }",
            "p = { pert }",
            "when = \"{a}\"",
            "set = {\"a = b\"",
        ] {
            assert_eq!(braces_list_help(line), None, "{line}");
        }
    }

    #[test]
    fn an_item_finds_the_parenthesis_that_opens_its_list_above() {
        let parenthesis_opener_above = |text, at| list_opener_above(text, at, '(');
        let text = "[[events]]\nmodifiers = (  # by month\n  # a note\n\n  { factor = 2 },\n";
        let item = text.find("  {").unwrap();
        let (range, fixed) = parenthesis_opener_above(text, item).unwrap();
        assert_eq!(&text[range], "modifiers = (  # by month");
        assert_eq!(fixed, "modifiers = [");
        // Not past a header or a key, and not a list opened with `[`.
        for text in [
            "modifiers = (\n[[events]]\n{ factor = 2 },\n",
            "modifiers = (\nid = \"x\"\n{ factor = 2 },\n",
            "modifiers = [\n{ factor = 2 },\n",
            "modifiers = {\n{ factor = 2 },\n",
        ] {
            let item = text.rfind('{').unwrap();
            assert_eq!(parenthesis_opener_above(text, item), None, "{text}");
        }
        let text = "modifiers = {\n  { factor = 2 },\n}\n";
        let item = text.find("  {").unwrap();
        let (range, fixed) = list_opener_above(text, item, '{').unwrap();
        assert_eq!(
            (&text[range], fixed.as_str()),
            ("modifiers = {", "modifiers = [")
        );
    }

    #[test]
    fn a_key_without_its_value_above_items_lost_its_bracket() {
        let text = |first: &str, next: &str| format!("{first}\n  # a note\n\n{next}\n]\n");
        let lost = |first: &str, next: &str| {
            opener_deleted(&text(first, next), 0..first.len()).map(str::to_string)
        };
        let key = lost("modifiers =", "{ when = \"war\", factor = 2 },");
        assert_eq!(key.as_deref(), Some("modifiers"));
        assert_eq!(lost("set = # flags", "\"war\",").as_deref(), Some("set"));
        // A value written, or keys below: a value is missing, no list.
        assert!(lost("modifiers = 2", "{ when = \"war\", factor = 2 },").is_none());
        assert!(lost("modifiers =", "factor = 2").is_none());
    }
}
