//! Fixes for a key written twice in one table: a line doubled (the same line twice running,
//! copied or pasted twice), and both values lists or tables on one line (`set = ["a"]` then
//! `set = ["b"]`; `add = { x = 1 }` then `add = { y = 2 }`): people write one line per effect,
//! and TOML wants them in one value.

use std::ops::Range;

use super::syntax_help::{code_end, first_of_key, line_number, line_of};

/// The fix for the duplicate key at `at` when its line repeats the line right above it, word
/// for word: the copies deleted. With where the copies end (a line written three times is
/// refused twice: the second follows from the first).
pub(super) fn doubled_line_help(text: &str, at: usize) -> Option<(String, usize)> {
    let here = line_of(text, at);
    if !doubled(text, here.clone()) {
        return None;
    }
    let mut last = here.clone();
    while last.end < text.len() && doubled(text, line_of(text, last.end + 1)) {
        last = line_of(text, last.end + 1);
    }
    let (n, m) = (line_number(text, here.start), line_number(text, last.start));
    let help = if n == m {
        format!("line {n} repeats line {}: delete one of them", n - 1)
    } else {
        format!("lines {n}-{m} repeat line {}: delete them", n - 1)
    };
    Some((help, last.end + 1))
}

/// Whether the line `here` of `text` (not blank) repeats the line right above it.
pub(super) fn doubled(text: &str, here: Range<usize>) -> bool {
    let Some(end_above) = here.start.checked_sub(1) else {
        return false;
    };
    let line = text[here].trim();
    !line.is_empty() && line == text[line_of(text, end_above)].trim()
}

/// The two values as one, when the duplicate key at `at` and its first line are both one-line
/// lists or both one-line tables whose keys differ.
pub(super) fn merged_duplicate_help(text: &str, at: usize) -> Option<String> {
    let first = first_of_key(text, at)?;
    let value = |at: usize| {
        let line = &text[line_of(text, at)];
        let (key, value) = line[..code_end(line)].split_once('=')?;
        Some((key.trim(), value.trim()))
    };
    let (key, one) = value(first.start)?;
    let (_, two) = value(at)?;
    fn inside(v: &str, open: char, close: char) -> Option<&str> {
        Some(v.strip_prefix(open)?.strip_suffix(close)?.trim())
    }
    let list = |v| inside(v, '[', ']');
    let table = |v| inside(v, '{', '}');
    let joined = |a: &str, b: &str| match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}, {b}"),
    };
    let merged = if let (Some(a), Some(b)) = (list(one), list(two)) {
        format!("{key} = [{}]", joined(a, b))
    } else if let (Some(a), Some(b)) = (table(one), table(two)) {
        // Only flat tables, and each key once: `{ x = 1 }` twice is no mistake of layout.
        let keys = |t: &str| -> Option<Vec<String>> {
            if t.contains(['{', '[', '"', '\'']) {
                return None;
            }
            (t.split(',').filter(|e| !e.trim().is_empty()))
                .map(|e| Some(e.split_once('=')?.0.trim().to_string()))
                .collect()
        };
        let (ka, kb) = (keys(a)?, keys(b)?);
        if ka.iter().any(|k| kb.contains(k)) {
            return None;
        }
        format!("{key} = {{ {} }}", joined(a, b))
    } else {
        return None;
    };
    Some(format!("one `{key}` holds them all: `{merged}`"))
}

#[cfg(test)]
mod tests {
    use super::{doubled_line_help, merged_duplicate_help};

    #[test]
    fn a_line_doubled_word_for_word_is_one_to_delete() {
        let text = "[[actors]]\nid = \"v\"\nname = \"V\"\n  name = \"V\"  \n";
        let help = |text: &str| doubled_line_help(text, text.find("name").unwrap() + 1);
        assert_eq!(
            doubled_line_help(text, text.rfind("name").unwrap())
                .map(|h| h.0)
                .as_deref(),
            Some("line 4 repeats line 3: delete one of them")
        );
        // Three times: both copies, down to the last.
        let text = "name = \"V\"\nname = \"V\"\nname = \"V\"\nside = \"x\"\n";
        assert_eq!(
            doubled_line_help(text, text.find("\nname").unwrap() + 1),
            Some((
                "lines 2-3 repeat line 1: delete them".into(),
                text.find("side").unwrap()
            ))
        );
        assert_eq!(help(text), None, "the first is no copy");
        // Another value, or a line between: a key written twice, not a line.
        for text in [
            "name = \"V\"\nname = \"W\"\n",
            "name = \"V\"\n\nname = \"V\"\n",
        ] {
            assert_eq!(doubled_line_help(text, text.rfind("name").unwrap()), None);
        }
    }

    fn help(text: &str) -> Option<String> {
        merged_duplicate_help(text, text.rfind("\nset").or(text.rfind("\nadd"))? + 1)
    }

    #[test]
    fn two_one_line_lists_or_tables_become_one() {
        assert_eq!(
            help("id = \"e\"\nset = [\"a\"]  # first\nset = [\"b\", \"c\"]\n").as_deref(),
            Some("one `set` holds them all: `set = [\"a\", \"b\", \"c\"]`")
        );
        assert_eq!(
            help("add = { tension = 1 }\nadd = { losses = 100 }\n").as_deref(),
            Some("one `add` holds them all: `add = { tension = 1, losses = 100 }`")
        );
        // The same variable twice, a list beside a table, a value over several lines: no fix.
        for text in [
            "add = { tension = 1 }\nadd = { tension = 2 }\n",
            "set = [\"a\"]\nset = { a = 1 }\n",
            "set = [\n\"a\"]\nset = [\"b\"]\n",
        ] {
            assert_eq!(help(text), None, "{text}");
        }
    }
}
