//! A header line moved up or down among the keys (`[variables]` dragged into the event below
//! it, `[params]` pasted above the last keys of `[scenario]`), or a list's opening or closing
//! line moved past its items: every line between where it stands and where it belongs is read
//! under the wrong header or on the wrong side of a bracket, and each says so, 5 to 30 errors
//! about lines that are all right. No one of them names the slip, so it is found by trying:
//! the header and bracket lines near the first error are moved up and down a few lines, and a
//! place where the file checks without an error is told as the one error to fix (and the
//! `[scenario]` line, when its keys stand above every header, above them wherever it went, and
//! a table's header from farther away, above the line of one of the first errors).
//! So is a line of a long text moved out of its `"""` (its words read as keys), moved back,
//! a text's closing line moved down past keys (which it then holds), moved back above them,
//! and a line written twice (a text's closing `"""` line doubled), deleted.
//!
//! Only the file named on the command line is searched (the one being edited), only after two
//! errors or more (one is already its own fix) or a TOML error, save for a table's header far
//! away (one error asks for a `[flags]` line that stands elsewhere), and the tries are bounded:
//! each is a whole check of the file, bases included.

use std::ops::Range;

use crate::format::schema::SCENARIO;
use crate::format::{Diagnostic, Diagnostics, FileId, Span, texts_over_keys};

/// How many lines of keys a line is tried above and below where it stands.
const REACH: usize = 12;

/// How many header lines, and how many bracket lines, are tried: the nearest to the first
/// error first.
const HEADERS_TRIED: usize = 6;
const BRACKETS_TRIED: usize = 2;

/// Above how many of the first errors' lines a table header from far away is tried.
const FAR_TARGETS: usize = 4;

/// How many texts holding keys have their closing line tried above the first of them.
const TEXTS_TRIED: usize = 2;

/// Past this size a file is not searched: each try checks it whole.
const MAX_BYTES: usize = 128 * 1024;

/// The lines that hold more than blanks and a comment.
fn content_lines(text: &str) -> Vec<Range<usize>> {
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
fn is_header(line: &str) -> bool {
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
enum Kind {
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
fn kind(line: &str) -> Option<Kind> {
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
fn is_prose(line: &str) -> bool {
    let code = line.trim();
    !code.contains('=')
        && !code.starts_with(['#', '[', ']', '{', '}', '"', '\''])
        && code.split_whitespace().nth(1).is_some()
}

/// How many headers have another header (or the end of the text) as their next content line.
fn empty_tables(text: &str) -> usize {
    let headers: Vec<bool> = content_lines(text)
        .into_iter()
        .map(|l| is_header(&text[l]))
        .chain([true])
        .collect();
    headers.windows(2).filter(|w| w[0] && w[1]).count()
}

/// `text` with the line `from` (its newline included) taken out and put in front of the line
/// starting at `to` (the end of the text when `to` is its length).
fn moved(text: &str, from: &Range<usize>, to: usize) -> String {
    let line = &text[from.clone()];
    if to <= from.start {
        [&text[..to], line, &text[to..from.start], &text[from.end..]].concat()
    } else {
        [&text[..from.start], &text[from.end..to], line, &text[to..]].concat()
    }
}

/// Where a moved line checks without an error: the line and what it is, the line it goes
/// above, and the lines of keys it passes (from the first one's start to the last one's end).
struct Found {
    line: Range<usize>,
    kind: Kind,
    above: Range<usize>,
    keys: Range<usize>,
}

/// Searches a text for a header or bracket line whose move leaves no error: those nearest the
/// byte `first_error`, each passing 1 line of keys up or down, then 2, and so on; bracket lines
/// only if `brackets` (the text is not TOML: a bracket out of place always makes it so); if
/// `own_line`, first the line of the first error itself, when it is a line of words (moved) or
/// the same as the line above it (deleted). `errors` checks a text whole and counts its errors.
fn search(
    text: &str,
    first_error: usize,
    brackets: bool,
    own_line: bool,
    errors: &dyn Fn(&str) -> usize,
) -> Option<Found> {
    let lines = content_lines(text);
    let n = lines.len();
    // The content line of the first error, or the first after it.
    let at = lines
        .partition_point(|l| l.end <= first_error)
        .min(n.saturating_sub(1));
    if own_line && let Some(found) = search_own_line(text, &lines, at, errors) {
        return Some(found);
    }
    let near = |k: Kind, most: usize| {
        let mut near: Vec<(usize, Kind)> = (at.saturating_sub(REACH)..n.min(at + REACH + 1))
            .filter(|&i| kind(&text[lines[i].clone()]) == Some(k))
            .map(|i| (i, k))
            .collect();
        near.sort_by_key(|&(i, _)| (i.abs_diff(at), i));
        near.truncate(most);
        near
    };
    let mut tried = near(Kind::Header, HEADERS_TRIED);
    if brackets {
        tried.extend(near(Kind::Bracket, BRACKETS_TRIED));
    }
    tried.sort_by_key(|&(i, _)| (i.abs_diff(at), i));
    // A move that leaves a header with no key under it ("fixing" a parameter's error by making
    // it a variable, and `[params]` empty) is another scenario, not the one written.
    let empty = empty_tables(text);
    for passes in 1..=REACH {
        for &(h, kind) in &tried {
            // Up: above the line `passes` lines higher; down: below the line `passes` lower.
            let up = h.checked_sub(passes).map(|j| (j, j..h));
            let down = Some(h + 1 + passes)
                .filter(|&j| j < n)
                .map(|j| (j, h + 1..j));
            for (j, passed) in [up, down].into_iter().flatten() {
                let candidate = moved(text, &lines[h], lines[j].start);
                if empty_tables(&candidate) <= empty && errors(&candidate) == 0 {
                    return Some(Found {
                        line: lines[h].clone(),
                        kind,
                        above: lines[j].clone(),
                        keys: lines[passed.start].start..lines[passed.end - 1].end,
                    });
                }
            }
        }
    }
    None
}

/// The `[scenario]` line moved far down (into the events), its first keys left above every
/// header: too far for [`search`], so tried once, above the first of them.
fn scenario_moved_down(text: &str, errors: &dyn Fn(&str) -> usize) -> Option<Found> {
    let lines = content_lines(text);
    let code = |l: &Range<usize>| text[l.clone()].split('#').next().unwrap_or("").trim();
    let first_header = lines.iter().position(|l| is_header(code(l)))?;
    let first_key = lines[..first_header].iter().position(|l| {
        (code(l).split_once('=')).is_some_and(|(k, _)| SCENARIO.field(k.trim()).is_some())
    })?;
    let header = (first_header..lines.len()).find(|&i| code(&lines[i]) == "[scenario]")?;
    let candidate = moved(text, &lines[header], lines[first_key].start);
    (errors(&candidate) == 0).then(|| Found {
        line: lines[header].clone(),
        kind: Kind::Header,
        above: lines[first_key].clone(),
        keys: lines[first_key].start..lines[header - 1].end,
    })
}

/// The closing line of a text over several lines moved down past keys and headers (the file
/// still parses, and they are missed where they belong): tried above the first of them, for the
/// first [`TEXTS_TRIED`] such texts.
fn text_closed_low(text: &str, errors: &dyn Fn(&str) -> usize) -> Option<Found> {
    let lines = content_lines(text);
    let whole = |r: &Range<usize>| lines.iter().find(|l| l.start == r.start).cloned();
    for (closing, key) in texts_over_keys(text).into_iter().take(TEXTS_TRIED) {
        let (Some(line), Some(above)) = (whole(&closing), whole(&key)) else {
            continue;
        };
        if errors(&moved(text, &line, above.start)) == 0 {
            return Some(Found {
                keys: above.start..line.start,
                line,
                kind: Kind::TextCloser,
                above,
            });
        }
    }
    None
}

/// A table's header (`[variables]`, not an `[[events]]` line) moved farther than [`search`]
/// reaches: tried once above the line of each of the first errors (where its keys start,
/// read under the header before them), the nearest first.
fn table_moved_far(
    text: &str,
    error_starts: &[usize],
    errors: &dyn Fn(&str) -> usize,
) -> Option<Found> {
    let lines = content_lines(text);
    let tables: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let line = text[lines[i].clone()].trim_start();
            is_header(line) && !line.starts_with("[[")
        })
        .collect();
    let empty = empty_tables(text);
    let mut targets: Vec<usize> = error_starts
        .iter()
        .map(|&at| lines.partition_point(|l| l.end <= at))
        .filter(|&t| t < lines.len())
        .collect();
    targets.dedup();
    for &t in targets.iter().take(FAR_TARGETS) {
        let mut far: Vec<usize> = tables
            .iter()
            .copied()
            .filter(|&h| h.abs_diff(t) > REACH)
            .collect();
        far.sort_by_key(|&h| h.abs_diff(t));
        for h in far {
            let candidate = moved(text, &lines[h], lines[t].start);
            if empty_tables(&candidate) <= empty && errors(&candidate) == 0 {
                let passed = if t < h { t..h } else { h + 1..t };
                return Some(Found {
                    line: lines[h].clone(),
                    kind: Kind::FarHeader,
                    above: lines[t].clone(),
                    keys: lines[passed.start].start..lines[passed.end - 1].end,
                });
            }
        }
    }
    None
}

/// The line `at` of `lines` taken out, when it repeats the line above it, or else
/// moved up or down 1 line, then 2, ... when it is a line of words: the first that leaves no
/// error. A doubled line's `above` is its twin.
fn search_own_line(
    text: &str,
    lines: &[Range<usize>],
    at: usize,
    errors: &dyn Fn(&str) -> usize,
) -> Option<Found> {
    let line = lines.get(at)?;
    let written = text[line.clone()].trim();
    // (A `key = value` line twice is TOML's duplicate key, which names the first.)
    let twin = (at.checked_sub(1).and_then(|i| lines.get(i)))
        .filter(|l| text[(*l).clone()].trim() == written && !written.contains('='));
    if let Some(twin) = twin {
        let without = [&text[..line.start], &text[line.end..]].concat();
        return (errors(&without) == 0).then(|| Found {
            line: line.clone(),
            kind: Kind::Doubled,
            above: twin.clone(),
            keys: line.clone(),
        });
    }
    if !is_prose(written) {
        return None;
    }
    for passes in 1..=REACH {
        let up = at.checked_sub(passes).map(|j| (j, j..at));
        let down = Some(at + 1 + passes)
            .filter(|&j| j < lines.len())
            .map(|j| (j, at + 1..j));
        for (j, passed) in [up, down].into_iter().flatten() {
            if errors(&moved(text, line, lines[j].start)) == 0 {
                return Some(Found {
                    line: line.clone(),
                    kind: Kind::Text,
                    above: lines[j].clone(),
                    keys: lines[passed.start].start..lines[passed.end - 1].end,
                });
            }
        }
    }
    None
}

/// `diags` as one error when a header or bracket line of `main` moved up or down would leave
/// none; else unchanged. `errors` checks a text of `main` whole (bases and options as for
/// `diags`) and counts its errors.
pub fn explain(diags: Diagnostics, main: FileId, errors: &dyn Fn(&str) -> usize) -> Diagnostics {
    let total = diags.error_count();
    let first = diags
        .items
        .iter()
        .find(|d| d.is_error() && d.span.as_ref().is_some_and(|s| s.file == main));
    let Some(first) = first else {
        return diags;
    };
    let written = diags.sources.text(main);
    // One error is its own fix, unless it is TOML's (a key twice: the header line that would
    // have split the table may be out of place).
    if written.len() > MAX_BYTES {
        return diags;
    }
    let parses = written.parse::<toml::Table>().is_ok();
    // Every line with its newline, the last one too, so that a line moves whole.
    let text = &format!(
        "{written}{}",
        if written.ends_with('\n') { "" } else { "\n" }
    );
    let first_at = first.span.as_ref().map_or(0, |s| s.range.start);
    let error_starts: Vec<usize> = (diags.items.iter())
        .filter(|d| d.is_error())
        .filter_map(|d| d.span.as_ref().filter(|s| s.file == main))
        .map(|s| s.range.start)
        .collect();
    // One error is searched only for a table's header far away: "is the `[flags]` line
    // missing above this one?" while it stands elsewhere.
    let found = if total < 2 && parses {
        table_moved_far(text, &error_starts, errors)
    } else {
        scenario_moved_down(text, errors)
            .or_else(|| text_closed_low(text, errors))
            .or_else(|| search(text, first_at, !parses, !parses, errors))
            .or_else(|| table_moved_far(text, &error_starts, errors))
    };
    let Some(found) = found else {
        return diags;
    };
    let written_line = text[found.line.clone()].trim_end();
    let name = written_line.split('#').next().unwrap_or("").trim();
    let name_at = found.line.start + (written_line.len() - written_line.trim_start().len());
    let line = |at: usize| diags.sources.line_col(main, at.min(written.len())).line;
    let (first_key, last_key) = (line(found.keys.start), line(found.keys.end - 1));
    let keys = if first_key == last_key {
        format!("line {first_key} is")
    } else {
        format!("lines {first_key}-{last_key} are")
    };
    let way = if found.keys.start < found.line.start {
        "up"
    } else {
        "down"
    };
    let (here, there) = (line(found.line.start), line(found.above.start));
    let (headline, label, secondary, help, read) = match found.kind {
        Kind::Header | Kind::Bracket => (
            format!("{keys} on the wrong side of the `{name}` line"),
            format!("move this line {way}"),
            "to above this line",
            format!(
                "{}: move the `{name}` line (line {here}) {way}, above line {there}; there, \
                 the file checks without an error",
                if found.kind == Kind::Header {
                    "a key belongs to the header above it"
                } else {
                    "a list holds the lines between its `[` and its `]`"
                }
            ),
            if found.kind == Kind::Header {
                "where they stand, they are read under the wrong header"
            } else {
                "where they stand, they are read on the wrong side of the bracket"
            },
        ),
        Kind::FarHeader => (
            format!(
                "the `{name}` line stands at line {here}, away from its keys (line {there} on)"
            ),
            format!("move this line {way}"),
            "to above this line",
            format!(
                "a key belongs to the header above it: move the `{name}` line (line {here}) \
                 {way}, above line {there}; there, the file checks without an error"
            ),
            "where they stand, they are read under the wrong header",
        ),
        Kind::TextCloser => (
            format!("{keys} read as words of a text, which closes too low"),
            format!("move this line {way}"),
            "to above this line",
            format!(
                "a text over several lines holds the lines between its opening and closing \
                 quotes: move line {here} {way}, above line {there}; there, the file checks \
                 without an error"
            ),
            "where they stand, their keys and headers are words of the text",
        ),
        Kind::Text => (
            format!("line {here} reads as a line of a text, but stands outside its quotes"),
            format!("move this line {way}"),
            "to above this line",
            format!(
                "a text over several lines holds the lines between its opening and closing \
                 `\"\"\"`: move line {here} {way}, above line {there}; there, the file checks \
                 without an error"
            ),
            "where it stands, its words are read as keys",
        ),
        Kind::Doubled => (
            format!("line {here} repeats line {there}"),
            "delete this line".to_string(),
            "written first here",
            format!(
                "a line written twice: delete line {here}; without it, the file checks without \
                 an error"
            ),
            "with it, the file is refused",
        ),
    };
    let above = &found.above;
    let code = text[above.clone()].trim_end();
    let start = above.start + (code.len() - code.trim_start().len());
    let d = Diagnostic::error(Span::new(main, name_at..name_at + name.len()), headline)
        .label(label)
        .secondary(Span::new(main, start..above.start + code.len()), secondary)
        .help(help)
        .note(format!(
            "{read}: {}\"{}\"",
            if total > 1 {
                format!("{total} errors, the first ")
            } else {
                String::new()
            },
            first.message
        ));
    Diagnostics::new(diags.sources.clone(), vec![d])
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

    #[test]
    fn a_line_of_words_moves_and_a_line_twice_is_deleted() {
        // "checks" when the words stand inside the `"""`.
        let text = "[s]\nthe first words\nd = \"\"\"\nmore\n\"\"\"\n";
        let inside = |t: &str| usize::from(!t.contains("\"\"\"\nthe first words\n"));
        let found = search(text, 4, true, true, &inside).expect("a move that checks");
        assert_eq!(
            (&text[found.line.clone()], found.kind),
            ("the first words\n", Kind::Text)
        );
        assert_eq!(&text[found.above], "more\n");
        // Only with `own_line`, and only a line of words.
        assert!(search(text, 4, true, false, &inside).is_none());
        let keyed = text.replace("the first words", "the = words");
        assert!(search(&keyed, 4, true, true, &|_| 1).is_none());
        // A line the same as the one above it is deleted, when that leaves no error.
        let text = "[s]\nx = \"\"\"a\nb\"\"\"\nb\"\"\"\ny = 2\n";
        let once = |t: &str| usize::from(t.matches("b\"\"\"").count() != 1);
        let found = search(text, 18, true, true, &once).expect("a line to delete");
        assert_eq!(found.kind, Kind::Doubled);
        assert_eq!((found.line.start, found.above.start), (18, 13));
        assert!(search(text, 18, true, true, &|_| 1).is_none());
        // Not a `key = value` line: TOML's duplicate key names the first.
        let text = "[s]\nx = 1\nx = 1\ny = 2\n";
        let once = |t: &str| usize::from(t.matches("x = 1").count() != 1);
        assert!(search(text, 10, true, true, &once).is_none());
    }

    #[test]
    fn a_table_header_from_far_away_is_tried_above_an_error() {
        let keys: String = (0..REACH + 2).map(|i| format!("k{i} = {i}\n")).collect();
        // "checks" when `[v]` stands right above `x`.
        let text = format!("[f]\nx = 1\n[[e]]\n{keys}[v]\n[[o]]\na = 1\n");
        let errors = |t: &str| usize::from(!t.contains("[v]\nx = 1"));
        let x = text.find("x = 1").unwrap();
        let found = table_moved_far(&text, &[x], &errors).expect("a move that checks");
        assert_eq!(&text[found.line.clone()], "[v]\n");
        assert_eq!(found.kind, Kind::FarHeader);
        assert_eq!(&text[found.above], "x = 1\n");
        // An `[[e]]` line is no table's header; a header within reach is `search`'s.
        let text = format!("[f]\nx = 1\n{keys}[[v]]\na = 1\n");
        let errors = |t: &str| usize::from(!t.contains("[[v]]\nx = 1"));
        assert!(table_moved_far(&text, &[4], &errors).is_none());
        let text = "[f]\nx = 1\ny = 2\n[v]\n[[o]]\n";
        let errors = |t: &str| usize::from(!t.contains("[v]\nx = 1"));
        assert!(table_moved_far(text, &[4], &errors).is_none());
    }

    #[test]
    fn the_nearest_move_that_checks_is_found() {
        // "checks" when `[v]` stands right above `x`.
        let text = "[f]\na = 1\n[v]\nb = 2\nx = 3\ny = 4\n";
        let errors = |t: &str| usize::from(!t.contains("[v]\nx = 3"));
        let found = search(text, 0, false, false, &errors).expect("a move that checks");
        assert_eq!(&text[found.line.clone()], "[v]\n");
        assert_eq!(found.kind, Kind::Header);
        assert_eq!(&text[found.above], "x = 3\n");
        assert_eq!(&text[found.keys], "b = 2\n");
        // None checks: nothing found.
        assert!(search(text, 0, false, false, &|_| 1).is_none());
        // A move that leaves a header with no key under it is not taken, though it checks.
        let text = "[a]\nx = 1\n[b]\ny = 2\n";
        assert!(search(text, 0, false, false, &|t: &str| usize::from(t == text)).is_none());
    }
}
