//! The help under a TOML syntax error: what the author most likely meant, in their own words
//! (an entry without its `[[events]]` line, what follows a value; a missing comma is
//! `separators.rs`, a value without its quotes `unquoted.rs`, a list's lines where keys go
//! `list_lines.rs`), and the line helpers they share. `syntax_errors.rs` picks which applies;
//! each function here reads the text around the error and says the fix, or nothing.

use std::ops::Range;

pub(super) const TEXT_OUTSIDE_QUOTES: &str = "this line reads as text: text goes inside quotes, and text \
    over several lines between `\"\"\"` and `\"\"\"`; is the opening `\"\"\"` missing above?";

/// The number (from 1) of the line of `text` that holds byte `at`; counted on the bytes, so any
/// `at` is safe (past the end: the last line).
pub(super) fn line_number(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Where the line of `text` that holds byte `at` (at most `text.len()`) starts and ends. Found
/// on the bytes: a newline is one byte, so the line's ends are character boundaries wherever
/// `at` is.
pub(super) fn line_of(text: &str, at: usize) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i);
    start..end
}

/// The lines of `text` above the line that starts at `line_start`, nearest first.
pub(super) fn lines_above(text: &str, line_start: usize) -> impl Iterator<Item = Range<usize>> {
    let mut end = line_start;
    std::iter::from_fn(move || {
        (end > 0).then(|| {
            let here = line_of(text, end - 1);
            end = here.start;
            here
        })
    })
}

/// The key of a `key = value` line.
pub(super) fn key_of(line: &str) -> Option<&str> {
    line.split_once('=').map(|(k, _)| k.trim())
}

/// A `[table]` or `[[list]]` line without its note.
pub(super) fn header_of(line: &str) -> Option<&str> {
    let h = line.split('#').next()?.trim();
    h.starts_with('[').then_some(h)
}

/// The fix for a line that is not `key = value`. A line of several words is mostly text that
/// fell out of its string: a long text's opening `"""` deleted or never written (the lines
/// after it then each give this error, the first one is where to look). At the end of the
/// file, it is an opening quote without its pair, which the parser read on to the end.
pub(super) fn no_value_help(text: &str, at: usize) -> &'static str {
    let line = line_of(text, at);
    if text[line.start..].trim().is_empty() {
        "the file ends inside a key or a text: look above for a `\"` or `\"\"\"` without its pair"
    } else if text[line].split_whitespace().count() >= 3 {
        TEXT_OUTSIDE_QUOTES
    } else {
        "write a key, `=` and a value, as in `horizon = 36`"
    }
}

/// The sections of a scenario, as their headers name them.
pub(super) const SECTIONS: [&str; 10] = [
    "scenario",
    "scenario.run",
    "params",
    "actors",
    "flags",
    "variables",
    "events",
    "outcomes",
    "expect",
    "set",
];

/// The mark of an entry's first line, above which the fix writes its missing header.
pub(super) const ENTRY_FIRST_LINE: &str = "the entry's first line";

/// The fix for a list entry's `[[name]]` refused as a duplicate key (`at` is where it stands):
/// above it, `name` was opened as something else. A single table `[name]` (one bracket for
/// two), or an entry's sub-list `[[name.sub]]` whose own `[[name]]` line is misspelt or
/// missing: then every later entry is refused the same way. With the fix, the range of the line
/// to change and its label.
pub(super) fn header_help(text: &str, at: usize) -> Option<(String, Range<usize>, &'static str)> {
    let line = line_of(text, at);
    let header = header_of(&text[line.clone()])?;
    let name = header.strip_prefix("[[")?.strip_suffix("]]")?.trim();
    let mut previous: Option<(String, Range<usize>)> = None;
    let mut start = 0;
    while start < line.start {
        let here = line_of(text, start);
        let next = here.end + 1;
        if let Some(h) = header_of(&text[here.clone()]) {
            if h == format!("[[{name}]]") {
                // A true entry came first: the duplicate is something else.
                return None;
            }
            if h == format!("[{name}]") {
                let n = line_number(text, here.start);
                return Some((
                    format!(
                        "`[{name}]` on line {n} opens one table named `{name}`, and this \
                         `[[{name}]]` a list of the same name: each entry of a list is written \
                         with two brackets; write `[[{name}]]` on line {n}"
                    ),
                    here,
                    "the line to change",
                ));
            }
            if h.starts_with(&format!("[[{name}.")) || h.starts_with(&format!("[{name}.")) {
                let n = line_number(text, here.start);
                // Below another section's header, the entry's own line deleted: it goes
                // above the entry's `id`.
                let id_below = |entry: &str, range: &Range<usize>| {
                    let section = entry.trim_matches(['[', ']']);
                    if !SECTIONS.contains(&section) {
                        return None;
                    }
                    let mut id = None;
                    let mut at = range.end + 1;
                    while at < here.start {
                        let l = line_of(text, at);
                        if key_of(&text[l.clone()]) == Some("id") {
                            id = Some(l.clone());
                        }
                        at = l.end + 1;
                    }
                    id
                };
                return Some(match previous {
                    Some((entry, range)) if let Some(id) = id_below(&entry, &range) => (
                        format!(
                            "`{h}` on line {n} belongs to an entry of `[[{name}]]`, but the \
                             entry it follows, from its `id` on line {m}, has no `[[{name}]]` \
                             line: write `[[{name}]]` above line {m}",
                            m = line_number(text, id.start)
                        ),
                        id,
                        ENTRY_FIRST_LINE,
                    ),
                    Some((entry, range)) => (
                        format!(
                            "`{h}` on line {n} belongs to an entry of `[[{name}]]`, but the \
                             entry it follows starts with `{entry}` (line {}): write \
                             `[[{name}]]` there",
                            line_number(text, range.start)
                        ),
                        range,
                        "the line to change",
                    ),
                    None => (
                        format!(
                            "`{h}` on line {n} belongs to an entry of `[[{name}]]`, but no \
                             `[[{name}]]` line starts one above it: write it above the entry"
                        ),
                        here,
                        "the line to change",
                    ),
                });
            }
            previous = Some((h.to_string(), here.clone()));
        }
        start = next;
    }
    None
}

/// Where the key refused as a duplicate at `at` was written first: the same key at the start of
/// an earlier line of the same table (up to the `[...]` line above). `None` for a key written
/// twice inside one `{ }` or one line, where the first is in sight.
pub(super) fn first_of_key(text: &str, at: usize) -> Option<Range<usize>> {
    let line = line_of(text, at);
    let key = key_of(&text[line.clone()])?;
    if text[line.start..at].trim() != "" || key.is_empty() {
        return None;
    }
    let mut first = None;
    for here in lines_above(text, line.start) {
        let content = &text[here.clone()];
        if header_of(content).is_some() {
            break;
        }
        if key_of(content) == Some(key) {
            let start = here.start + (content.len() - content.trim_start().len());
            first = Some(start..start + key.len());
        }
    }
    first
}

pub(super) fn syntax_help(headline: &str) -> Option<String> {
    if headline.contains("duplicate key") {
        Some("each key may appear once in a table; remove or rename one".to_string())
    } else if headline.contains("invalid basic string")
        || headline.contains("invalid literal string")
    {
        Some(
            "close the string on the same line; use `\"\"\"` for text over several lines"
                .to_string(),
        )
    } else if headline.contains("must be quoted") {
        Some("text values need quotes: `label = \"Russia breaks the front\"`".to_string())
    } else {
        None
    }
}

/// The characters of `line`, each with where it stands and whether it is outside quotes (a `"`
/// text with its `\` escapes, or a `'` one); the quotes themselves count as inside.
pub(super) fn chars_outside_quotes(line: &str) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let mut quotes = Quotes::default();
    line.char_indices()
        .map(move |(i, c)| (i, c, quotes.read(c)))
}

/// The quotes of a line read one character at a time: whether a text is open.
#[derive(Default)]
pub(super) struct Quotes {
    quote: Option<char>,
    escaped: bool,
}

impl Quotes {
    /// Reads `c`, and says whether it stands outside quotes (a quote itself counts as inside).
    pub(super) fn read(&mut self, c: char) -> bool {
        let outside = self.quote.is_none() && c != '"' && c != '\'';
        match self.quote {
            Some(_) if self.escaped => self.escaped = false,
            Some('"') if c == '\\' => self.escaped = true,
            Some(q) if c == q => self.quote = None,
            Some(_) => {}
            None if !outside => self.quote = Some(c),
            None => {}
        }
        outside
    }

    /// Whether a text opened and not yet closed.
    pub(super) fn open(&self) -> bool {
        self.quote.is_some()
    }
}

/// Where the code of `line` ends: at a `#` outside quotes (a note), else at its end.
pub(super) fn code_end(line: &str) -> usize {
    chars_outside_quotes(line)
        .find(|&(_, c, outside)| outside && c == '#')
        .map_or(line.len(), |(i, _, _)| i)
}

/// `line` with ` = ` for every `:` after a key outside quotes (`when: "war"`, JSON's `"when":`),
/// as people used to YAML or JSON write it; `None` without one.
pub(super) fn colons_as_equals(line: &str) -> Option<String> {
    let end = code_end(line);
    let mut out = String::with_capacity(line.len() + 4);
    let mut changed = false;
    let mut after_colon = false;
    let ends_key = |p: char| p.is_alphanumeric() || matches!(p, '_' | '-' | '"' | '\'');
    for (_, c, outside) in chars_outside_quotes(&line[..end]) {
        if after_colon && c.is_whitespace() {
            continue;
        }
        after_colon = false;
        if outside && c == ':' && out.trim_end().ends_with(ends_key) {
            out.truncate(out.trim_end().len());
            out.push_str(" = ");
            after_colon = true;
            changed = true;
        } else {
            out.push(c);
        }
    }
    out.push_str(&line[end..]);
    changed.then(|| out.trim().to_string())
}

/// The fix for a `key = value` or header line pasted with the marks an e-mail quote or a list
/// puts before it (`> probability = 0.1`, `- id = "a"`, `> [[events]]`): the line without them.
pub(super) fn pasted_mark_help(line: &str) -> Option<String> {
    let code = line.trim_start();
    let rest = code.trim_start_matches(['>', '*', '+', '-', '•', '·', '–']);
    let marks = &code[..code.len() - rest.len()];
    let entry = rest.trim_start();
    let one_key = match entry.split_once('=') {
        _ if entry.starts_with('[') => header_of(entry).is_some_and(|h| h.ends_with(']')),
        Some((key, _)) => {
            let key = key.trim();
            let quoted = key.len() > 2 && key.starts_with('"') && key.ends_with('"');
            quoted
                || !key.is_empty()
                    && (key.chars()).all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        }
        None => false,
    };
    (!marks.is_empty() && rest.starts_with([' ', '\t']) && one_key).then(|| {
        format!(
            "delete the `{marks}` at the start of the line: a line starts with its key or \
             header: `{}`",
            entry.trim_end()
        )
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn marks_pasted_before_a_line_are_deleted() {
        use super::pasted_mark_help;
        assert_eq!(
            pasted_mark_help("> probability = 0.1").as_deref(),
            Some(
                "delete the `>` at the start of the line: a line starts with its key or header: `probability = 0.1`"
            )
        );
        assert_eq!(
            pasted_mark_help("> \"events.talks.over\" = 1").as_deref(),
            Some(
                "delete the `>` at the start of the line: a line starts with its key or header: `\"events.talks.over\" = 1`"
            )
        );
        assert_eq!(
            pasted_mark_help("  • id = \"a\"  ").as_deref(),
            Some(
                "delete the `•` at the start of the line: a line starts with its key or header: `id = \"a\"`"
            )
        );
        assert!(pasted_mark_help("> [[events]] # the second").is_some());
        // No mark, no space after it, or no key after it.
        for line in [
            "probability = 0.1",
            ">probability = 0.1",
            "- \"a\",",
            "> a b = 1",
            "-1 = 2",
        ] {
            assert_eq!(pasted_mark_help(line), None, "{line}");
        }
    }

    #[test]
    fn line_numbers_count_from_one_at_any_byte() {
        use super::line_number;
        let text = "a\n\u{e9}t\u{e9}\nc";
        let numbers: Vec<usize> = (0..=text.len() + 3)
            .map(|at| line_number(text, at))
            .collect();
        // Inside the two-byte `\u{e9}` too, and past the end: the last line.
        assert_eq!(numbers, [1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    }

    #[test]
    fn a_list_opened_wrongly_above_is_named_with_its_line() {
        use super::header_help;
        let single = "[scenario]\n[events]\nid = \"a\"\n\n[[events]] # the second\nid = \"b\"\n";
        let at = single.find("[[events]]").unwrap() + 2;
        let (help, root, _) = header_help(single, at).expect("a single table above");
        assert_eq!(
            help,
            "`[events]` on line 2 opens one table named `events`, and this `[[events]]` a list of \
             the same name: each entry of a list is written with two brackets; write `[[events]]` \
             on line 2"
        );
        assert_eq!(&single[root], "[events]");
        let misspelt = "[[event]]\nid = \"a\"\n[[events.branches]]\nweight = 1\n[[events]]\n";
        let (help, root, _) = header_help(misspelt, misspelt.rfind("[[").unwrap()).unwrap();
        assert_eq!(
            help,
            "`[[events.branches]]` on line 3 belongs to an entry of `[[events]]`, but the entry it \
             follows starts with `[[event]]` (line 1): write `[[events]]` there"
        );
        assert_eq!(&misspelt[root], "[[event]]");
        let headless = "[[events.branches]]\nweight = 1\n[[events]]\n";
        let (help, root, _) = header_help(headless, headless.rfind("[[").unwrap()).unwrap();
        assert!(
            help.ends_with("no `[[events]]` line starts one above it: write it above the entry")
        );
        assert_eq!(&headless[root], "[[events.branches]]");
        // A true entry first, a key line, or no list: another mistake, no guess.
        let entry_first = "[[events]]\n[events]\n[[events]]\n";
        assert_eq!(
            header_help(entry_first, entry_first.rfind("[[").unwrap()),
            None
        );
        assert_eq!(header_help("[events]\nid = 1\nid = 2\n", 18), None);
        assert_eq!(header_help("[a]\n[[b]]\n", 5), None);
    }

    #[test]
    fn a_duplicate_key_points_at_its_first_line_in_the_same_table() {
        use super::first_of_key;
        let text = "[a]\nx = 1\n[[b]]\nx = 1\n  y = 2\n# x = 3\nx = 4\n";
        let first = first_of_key(text, text.rfind("x = 4").unwrap()).unwrap();
        assert_eq!(
            first,
            text.find("x = 1\n  y").unwrap()..text.find("x = 1\n  y").unwrap() + 1
        );
        let indented = "[b]\n  y = 2\n  y = 3\n";
        let first = first_of_key(indented, indented.rfind("y = 3").unwrap()).unwrap();
        assert_eq!(&indented[first.start - 2..first.end], "  y");
        // Inside one `{ }`, or not at the start of its line: no other line to show.
        let inline = "[b]\nz = { w = 1, w = 2 }\n";
        assert_eq!(first_of_key(inline, inline.rfind('w').unwrap()), None);
        // Only the line above the table's header has it: another table.
        assert_eq!(first_of_key("x = 1\n[a]\nx = 2\n", 12), None);
    }

    #[test]
    fn colons_become_equals_outside_quotes() {
        use super::colons_as_equals;
        assert_eq!(
            colons_as_equals("  { when: \"a: b\", factor :2 },  # note: kept").as_deref(),
            Some("{ when = \"a: b\", factor = 2 },  # note: kept")
        );
        // JSON's quoted keys, which TOML also takes.
        assert_eq!(
            colons_as_equals("\"actor\": \"russia\"").as_deref(),
            Some("\"actor\" = \"russia\"")
        );
        assert_eq!(colons_as_equals("start = \"2025-01\" # at: noon"), None);
        assert_eq!(colons_as_equals("label = 'x:y'"), None);
        // An escaped quote does not end a text; a `#` inside one is no note.
        let line = r#"label = "a \" # b" # c: d"#;
        assert_eq!(super::code_end(line), line.rfind('#').unwrap());
    }
}
