//! Brackets missing. A list or a `{ }` whose closing bracket is missing (`tags = ["a", "b"`, a
//! deleted `]` under `modifiers = [`): TOML reads every line after it as more of it, so the
//! parser's first error stands lines below, on a line with nothing wrong (a `key = value`, a
//! header, the next item), and every error after it follows: the fix names the line that opens
//! it. A list without its `[`.

use std::ops::Range;

use super::braced_list::braced_list;
use super::syntax_help::{line_number, line_of, lines_above};
use super::unclosed::{Unclosed, open_spoils};

/// The bracket left open that explains the error at `at`: one opened on a line above and never
/// closed (the file ends, or a bracket of the other kind comes first). With `at_end`, the error
/// is the parser's own "unclosed" at the end of the file, and the bracket may open on its line.
pub(super) fn unclosed(text: &str, at: usize, at_end: bool) -> Option<Unclosed> {
    let all = brackets(text);
    let here = line_of(text, at);
    // A header read as an item (`[[events]]` below a list left open): its own brackets are not
    // the list's, and a `]` below it that closes the list was meant above it.
    let in_header = !at_end && is_header(&text[here.clone()]);
    let (mut open, mut after) = open_at(text, &all, at);
    if in_header {
        open.retain(|&b| b < here.start);
        after = all.partition_point(|&b| b < here.end);
    }
    let &opener = open.last()?;
    let opened = line_of(text, opener);
    // A `[` that starts a line at the top level opens a header, not a list.
    let header = open.len() == 1 && text[opened.start..opener].trim().is_empty();
    let late = closed_later(text, &all[after..], opener).map(|close| line_number(text, close));
    if header || (!at_end && opened == here) || (late.is_some() && !in_header) {
        return None;
    }
    let list = text.as_bytes()[opener] == b'[';
    // A list's items cannot be `key = value` or a header: on any other line, the error is an
    // item's own.
    if list && !at_end && !starts_entry(&text[here.clone()]) {
        return None;
    }
    let (name, close) = if list { ("list", ']') } else { ("`{ }`", '}') };
    let code = code_of(&text[opened.clone()]);
    let one_line = !code
        .get(opener - opened.start + 1..)
        .unwrap_or("")
        .trim()
        .is_empty();
    if !list
        && !one_line
        && let Some(u) = braced_list(text, opened.clone(), opener)
    {
        return Some(u);
    }
    let (help, last_line) = if one_line {
        (
            format!("close it on its line: `{}`", closed(code.trim(), close)),
            None,
        )
    } else {
        let last =
            lines_above(text, here.start).find(|l| !code_of(&text[l.clone()]).trim().is_empty())?;
        let line = line_number(text, last.start);
        let indent = text[last.clone()].len() - text[last.clone()].trim_start().len();
        let last = last.start + indent..last.end;
        let what = if list { "item" } else { "entry" };
        let help = match late {
            Some(late) => format!(
                "the {name}'s `{close}` (line {late}) goes above this header, after its last \
                 {what} (line {line})"
            ),
            None => format!(
                "write `{close}` on a line of its own after the {name}'s last {what} (line {line})"
            ),
        };
        (
            help,
            Some((
                last,
                if list {
                    "the `]` goes after this line"
                } else {
                    "the `}` goes after this line"
                },
            )),
        )
    };
    Some(Unclosed {
        opener: opener..opener + 1,
        headline: if list {
            "this list is not closed"
        } else {
            "this `{ }` is not closed"
        },
        help,
        last_line,
        read_as: if list {
            "read as more of the list"
        } else {
            "read as more of the `{ }`"
        },
        spoils: open_spoils(list),
    })
}

/// The fix for a list without its `[` (`tags = "a", "b"]`, `{ pert = 0.2, 0.5, 0.8] }`): the
/// error at `at` of `line` stands before a `]` with no `[` between it and the `=` before.
pub(super) fn opening_bracket_help(line: &str, at: usize) -> Option<String> {
    let code = code_of(line);
    // The `=` of the value the error stands in: the last one as deep in brackets as the error
    // (depths counted in one pass: a line may be long).
    let marks = brackets(code);
    let step = |d: i64, &b: &usize| if is_opener(code, b) { d + 1 } else { d - 1 };
    let deep = marks.iter().filter(|&&b| b < at).fold(0, step);
    let (mut depth, mut passed, mut eq) = (0, 0, None);
    for (i, _) in code.get(..at)?.match_indices('=') {
        while passed < marks.len() && marks[passed] < i {
            depth = step(depth, &marks[passed]);
            passed += 1;
        }
        if depth == deep {
            eq = Some(i);
        }
    }
    let eq = eq?;
    let value = eq + 1 + (code[eq + 1..].len() - code[eq + 1..].trim_start().len());
    // The first bracket that closes one not opened after the `=`.
    let mut depth = 0usize;
    let close = brackets(&code[value..])
        .into_iter()
        .map(|b| value + b)
        .find(|&b| {
            if is_opener(code, b) {
                depth += 1;
            } else if depth > 0 {
                depth -= 1;
                return false;
            }
            depth == 0 && !is_opener(code, b)
        })?;
    if code.as_bytes()[close] != b']' || close < at {
        return None;
    }
    // One value and a stray `]` (`probability = 0.1]`) is no list, unless its key holds lists.
    let key = code[..eq]
        .trim_end()
        .rsplit(['{', ',', ' '])
        .next()
        .unwrap_or("");
    let lists = ["set", "clear", "tags", "modifiers", "remove", "branches"];
    if !lists.contains(&key) && !code[value..close].contains(',') {
        return None;
    }
    Some(format!(
        "a list opens with `[`: `{}[{}`",
        line[..value].trim_start(),
        line[value..].trim_end()
    ))
}

/// A text over several lines whose closing `"""` is missing, which the parser reads to the end
/// of the file: where it opens, and the first line inside it that reads as a key or a header
/// (the text most likely ends above it).
pub(super) fn text_not_closed(text: &str) -> Option<Unclosed> {
    let open = text_left_open(text)?;
    let quotes = &text[open..open + 3];
    let opened = line_of(text, open);
    let mut at = opened.end;
    let mut entry = None;
    while at < text.len() {
        let line = line_of(text, at + 1);
        if starts_entry(&text[line.clone()]) {
            entry = Some(line);
            break;
        }
        at = line.end;
    }
    let help = match &entry {
        Some(line) => format!(
            "a text over several lines ends with `{quotes}`: write it where the text ends \
             (above line {}?)",
            line_number(text, line.start)
        ),
        None => {
            format!("a text over several lines ends with `{quotes}`: write it where the text ends")
        }
    };
    Some(Unclosed {
        opener: open..open + 3,
        headline: "this text is not closed",
        help,
        last_line: entry.map(|line| (line, "the text seems to end above this line")),
        read_as: "read as more of the text",
        spoils: "a text that is not closed read wrongly until it is closed",
    })
}

/// A `key = value` line inside a list that is closed below it (a `source = ...` pasted among a
/// list's items, or the list's `]` put a line too low): TOML reads its key as a value without
/// quotes.
pub(super) struct InList {
    /// The key, which the error is told at.
    pub key: Range<usize>,
    /// The list's `[` and its `]`.
    pub opener: usize,
    pub closer: usize,
    /// Where the next line that is neither blank nor a note starts, if it is no `key = value`
    /// (an item, whose error follows from this one).
    pub next_item: Option<usize>,
    /// Where the last line above it that is neither blank nor a note starts.
    pub last_item: usize,
    /// Where its value ends (a text over several lines ends lines below).
    pub end: usize,
}

/// The list around the `key = value` line of byte `at`, if the line is one and the list opens
/// on a line above and closes below.
pub(super) fn entry_in_list(text: &str, at: usize) -> Option<InList> {
    let here = line_of(text, at);
    let line = &text[here.clone()];
    if !starts_entry(line) || line.trim_start().starts_with('[') {
        return None;
    }
    let all = brackets(text);
    let (open, after) = open_at(text, &all, here.start);
    let &opener = open.last()?;
    let opened = line_of(text, opener);
    // A `[` that starts its line opens a header, not a list.
    if text.as_bytes()[opener] != b'[' || text[opened.start..opener].trim().is_empty() {
        return None;
    }
    let closer = first_unmatched_close(text, &all[after..])?;
    if text.as_bytes()[closer] != b']' {
        return None;
    }
    let indent = line.len() - line.trim_start().len();
    let key_len = line.trim_start().find([' ', '\t', '=']).unwrap_or(0);
    let key = here.start + indent..here.start + indent + key_len;
    // (The line's value may be a text over several lines: the next line is after it.)
    let mut next = match text_left_open(&text[..here.end]) {
        Some(open) if open >= here.start => {
            let quotes = &text[open..open + 3];
            let end = here.end + text[here.end..].find(quotes)?;
            line_of(text, end).end
        }
        _ => here.end,
    };
    let end = next;
    let next_item = loop {
        if next >= text.len() {
            break None;
        }
        let line = line_of(text, next + 1);
        let code = code_of(&text[line.clone()]).trim();
        if !code.is_empty() {
            break (!starts_entry(code)).then_some(line.start);
        }
        next = line.end;
    };
    let last_item = lines_above(text, here.start)
        .find(|l| !code_of(&text[l.clone()]).trim().is_empty())
        .map_or(opened.start, |l| l.start);
    Some(InList {
        end,
        last_item,
        key,
        opener,
        closer,
        next_item,
    })
}

/// Whether `line` is a header alone (`[flags]`, `[[events]]  # note`).
pub(super) fn is_header(line: &str) -> bool {
    let code = code_of(line).trim();
    let name = code.trim_start_matches('[').trim_end_matches(']');
    code.starts_with('[')
        && code.ends_with(']')
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Where the bracket at `opener` is closed by one of the brackets `later` (those after the
/// error), if it is: the first that is not matched among them must be its pair.
fn closed_later(text: &str, later: &[usize], opener: usize) -> Option<usize> {
    let pair = if text.as_bytes()[opener] == b'[' {
        b']'
    } else {
        b'}'
    };
    first_unmatched_close(text, later).filter(|&b| text.as_bytes()[b] == pair)
}

/// The brackets of `all` (every bracket of `text`, in order) still open at byte `at`, and how
/// many of `all` stand before it.
pub(super) fn open_at(text: &str, all: &[usize], at: usize) -> (Vec<usize>, usize) {
    let after = all.partition_point(|&b| b < at);
    let mut open = Vec::new();
    for &b in &all[..after] {
        if is_opener(text, b) {
            open.push(b);
        } else {
            open.pop();
        }
    }
    (open, after)
}

/// The first of the brackets `later` that closes one opened before them.
fn first_unmatched_close(text: &str, later: &[usize]) -> Option<usize> {
    let mut depth = 0usize;
    later.iter().copied().find(|&b| {
        if is_opener(text, b) {
            depth += 1;
            false
        } else if depth > 0 {
            depth -= 1;
            false
        } else {
            true
        }
    })
}

fn is_opener(text: &str, at: usize) -> bool {
    matches!(text.as_bytes()[at], b'[' | b'{')
}

/// Whether `line` starts a `key = value` or is a header: what cannot be an item of a list.
pub(super) fn starts_entry(line: &str) -> bool {
    let line = line.trim_start();
    if let Some(name) = line.strip_prefix('[') {
        return name
            .trim_start_matches('[')
            .starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"');
    }
    let key_end = line
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'')))
        .unwrap_or(line.len());
    let rest = line[key_end..].trim_start();
    key_end > 0 && rest.starts_with('=') && !rest.starts_with("==")
}

/// `code` (a line without its note) closed with `close`: before the comma that ends an item of a
/// list, which stays after it.
fn closed(code: &str, close: char) -> String {
    let body = code.trim_end_matches([',', ' ', '\t']);
    let comma = if code.len() > body.len() && code.starts_with(['{', '[']) {
        ","
    } else {
        ""
    };
    match close {
        '}' => format!("{body} }}{comma}"),
        _ => format!("{body}]{comma}"),
    }
}

/// `line` up to its note (a `#` outside quotes).
fn code_of(line: &str) -> &str {
    &line[..super::syntax_help::code_end(line)]
}

/// Where the brackets of `text` stand, outside its strings and notes, in order. Read on bytes:
/// brackets, quotes and `#` are ASCII, and no byte of a longer character is.
pub(super) fn brackets(text: &str) -> Vec<usize> {
    scan(text).brackets
}

/// Where a text over several lines opens whose closing `"""` (or `'''`) is missing: it runs to
/// the end of the file.
pub(super) fn text_left_open(text: &str) -> Option<usize> {
    scan(text).left_open
}

/// The texts over several lines of `text`, each from its opening quotes to past its closing
/// ones, as the parser pairs them.
pub(super) fn texts_over_lines(text: &str) -> Vec<Range<usize>> {
    scan(text).texts
}

/// What reading `text` outside its strings and notes finds.
#[derive(Default)]
struct Scan {
    brackets: Vec<usize>,
    /// Where a text over several lines that is never closed opens.
    left_open: Option<usize>,
    texts: Vec<Range<usize>>,
}

fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b']' | b'{' | b'}' => out.brackets.push(i),
            b'#' => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| i + n);
                continue;
            }
            q @ (b'"' | b'\'') => match string_end(bytes, i, q) {
                Some(end) => {
                    if bytes[i..].starts_with(&[q; 3]) {
                        out.texts.push(i..end);
                    }
                    i = end;
                    continue;
                }
                None => {
                    out.left_open = Some(i);
                    return out;
                }
            },
            _ => {}
        }
        i += 1;
    }
    out
}

/// Where the string that opens with the quote `q` at `i` ends (the byte after it): a text over
/// several lines at its closing triple quote (`None` if the file ends first), a text on one
/// line at its quote or at the end of the line (a quote without its pair, an error of its
/// own). `\` escapes in `"` texts only.
fn string_end(bytes: &[u8], i: usize, q: u8) -> Option<usize> {
    let triple = [q; 3];
    let multi = bytes[i..].starts_with(&triple);
    let mut j = i + if multi { 3 } else { 1 };
    while j < bytes.len() {
        match bytes[j] {
            b'\\' if q == b'"' => j += 1,
            b'\n' if !multi => return Some(j),
            b if b == q && !multi => return Some(j + 1),
            b if b == q && bytes[j..].starts_with(&triple) => {
                // Up to two quotes before the closing three are text (`""""` ends in a quote).
                let run = bytes[j..].iter().take(5).take_while(|&&b| b == q).count();
                return Some(j + run);
            }
            _ => {}
        }
        j += 1;
    }
    (!multi).then_some(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unclosed_at(text: &str, at: usize) -> Option<Unclosed> {
        unclosed(text, at, false)
    }

    #[test]
    fn brackets_inside_strings_and_notes_are_not_counted() {
        let text = r#"a = ["[", '{'] # ]
b = """
] \" }""""
c = { d = 1 }
e = ''' ] '''"#;
        let found: String = brackets(text)
            .iter()
            .map(|&i| text[i..=i].to_string())
            .collect();
        assert_eq!(found, "[]{}");
    }

    #[test]
    fn a_text_over_several_lines_left_open() {
        let text = "a = \"\"\"\nx\n\"\"\"\nb = \"\"\"\ny \"\"\nc = 1\n";
        assert_eq!(text_left_open(text), text.rfind("\"\"\"\ny"));
        assert_eq!(text_left_open("a = '''\nx'''\nb = \"c"), None);
    }

    #[test]
    fn a_key_inside_a_list_is_found_only_between_its_brackets() {
        let text = "a = [\n  1,\nb = 2\n  3,\n]\nc = 4\n[t]\nd = [1, e = 5]\n";
        let list = entry_in_list(text, text.find("b =").unwrap()).unwrap();
        assert_eq!((list.opener, list.closer), (4, text.find("]\nc").unwrap()));
        assert_eq!(&text[list.key], "b");
        assert_eq!(list.next_item, text.find("  3"));
        assert_eq!(list.last_item, text.find("  1").unwrap());
        // Outside a list, under a header, or a list opened on the same line: no.
        for key in ["c =", "d =", "e ="] {
            assert!(
                entry_in_list(text, text.find(key).unwrap()).is_none(),
                "{key}"
            );
        }
    }

    #[test]
    fn a_text_not_closed_ends_above_the_next_key() {
        let text = "a = 1\nb = \"\"\"\nsome text\nmore text\nc = 2\n";
        let u = text_not_closed(text).unwrap();
        assert_eq!(u.opener, 10..13);
        assert_eq!(
            u.help,
            "a text over several lines ends with `\"\"\"`: write it where the text ends (above line 5?)"
        );
        assert_eq!(
            u.last_line.unwrap().0,
            text.find("c = 2").unwrap()..text.len() - 1
        );
    }

    #[test]
    fn a_list_closed_later_is_not_unclosed() {
        let text = "m = [\n  { a = 1 }\n  { a = 2 },\n]\n";
        assert!(unclosed_at(text, text.find("{ a = 2").unwrap()).is_none());
    }

    #[test]
    fn a_list_left_open_is_found_from_the_next_key() {
        let text = "tags = [\"a\", \"b\"\nx = 1\n";
        let u = unclosed_at(text, text.find('x').unwrap()).unwrap();
        assert_eq!(u.opener, 7..8);
        assert_eq!(u.help, "close it on its line: `tags = [\"a\", \"b\"]`");
        // A header at the top level is not a list.
        assert!(unclosed_at("[x\ny = 1\n", 3).is_none());
        // At the end of the file, a list may open on the line of the error.
        let text = "t = [1, 2";
        assert_eq!(
            unclosed(text, text.len(), true).unwrap().help,
            "close it on its line: `t = [1, 2]`"
        );
    }

    #[test]
    fn a_list_without_its_opening_bracket() {
        let line = r#"tags = "china", "diplomacy"] # who"#;
        assert_eq!(
            opening_bracket_help(line, line.find(',').unwrap()).unwrap(),
            r#"a list opens with `[`: `tags = ["china", "diplomacy"] # who`"#
        );
        let line = "p = { pert = 0.2, 0.5, 0.8] }";
        assert_eq!(
            opening_bracket_help(line, line.find(", 0.5").unwrap()).unwrap(),
            "a list opens with `[`: `p = { pert = [0.2, 0.5, 0.8] }`"
        );
        let line = r#"modifiers = { when = "war", factor = 2 }]"#;
        assert_eq!(
            opening_bracket_help(line, line.len() - 1).unwrap(),
            r#"a list opens with `[`: `modifiers = [{ when = "war", factor = 2 }]`"#
        );
        let line = r#"set = "war"]"#;
        assert!(opening_bracket_help(line, line.len() - 1).is_some());
        // A stray `]` after one value, a list that opens, or no list at all.
        assert_eq!(opening_bracket_help("p = 0.1]", 7), None);
        assert_eq!(opening_bracket_help("x = [1, 2] 3", 11), None);
        assert_eq!(opening_bracket_help("x = 1 2", 6), None);
    }

    #[test]
    fn a_table_left_open_in_a_list_keeps_the_items_comma() {
        let text = "m = [\n  { a = 1, b = 2 ,\n  { a = 3 },\n]\n";
        let u = unclosed_at(text, text.find("{ a = 3").unwrap()).unwrap();
        assert_eq!(u.help, "close it on its line: `{ a = 1, b = 2 },`");
        assert_eq!(u.headline, "this `{ }` is not closed");
    }
}
