//! The searches: a header, bracket or text line moved up or down near the first error, the
//! `[scenario]` line or a table's header from far away, a text's closing line moved down, a
//! line written twice; each try a whole check of the file.

use std::ops::Range;

use super::lines::{Found, Kind, content_lines, empty_tables, is_header, is_prose, kind, moved};
use super::tries::Tries;
use crate::format::schema::SCENARIO;
use crate::format::texts_over_keys;

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

/// Searches a text for a header or bracket line whose move leaves no error: those nearest the
/// byte `first_error`, each passing 1 line of keys up or down, then 2, and so on; bracket lines
/// only if `brackets` (the text is not TOML: a bracket out of place always makes it so); if
/// `own_line`, first the line of the first error itself, when it is a line of words (moved) or
/// the same as the line above it (deleted). Each try is a whole check (`tries`).
pub(super) fn search(
    text: &str,
    first_error: usize,
    brackets: bool,
    own_line: bool,
    tries: &Tries,
) -> Option<Found> {
    let lines = content_lines(text);
    let n = lines.len();
    // The content line of the first error, or the first after it.
    let at = lines
        .partition_point(|l| l.end <= first_error)
        .min(n.saturating_sub(1));
    if own_line && let Some(found) = search_own_line(text, &lines, at, tries) {
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
            for (j, passed) in places(h, passes, n) {
                let candidate = moved(text, &lines[h], lines[j].start);
                if empty_tables(&candidate) > empty {
                    continue;
                }
                let found = tries.take(&candidate, || found_at(&lines, h, kind, j, passed));
                if found.is_some() {
                    return found;
                }
            }
        }
    }
    None
}

/// The `[scenario]` line moved far down (into the events), its first keys left above every
/// header: too far for [`search`], so tried once, above the first of them.
pub(super) fn scenario_moved_down(text: &str, tries: &Tries) -> Option<Found> {
    let lines = content_lines(text);
    let code = |l: &Range<usize>| text[l.clone()].split('#').next().unwrap_or("").trim();
    let first_header = lines.iter().position(|l| is_header(code(l)))?;
    let first_key = lines[..first_header].iter().position(|l| {
        (code(l).split_once('=')).is_some_and(|(k, _)| SCENARIO.field(k.trim()).is_some())
    })?;
    let header = (first_header..lines.len()).find(|&i| code(&lines[i]) == "[scenario]")?;
    let candidate = moved(text, &lines[header], lines[first_key].start);
    tries.take(&candidate, || Found {
        line: lines[header].clone(),
        kind: Kind::Header,
        above: lines[first_key].clone(),
        keys: lines[first_key].start..lines[header - 1].end,
    })
}

/// The closing line of a text over several lines moved down past keys and headers (the file
/// still parses, and they are missed where they belong): tried above the first of them, for the
/// first [`TEXTS_TRIED`] such texts.
pub(super) fn text_closed_low(text: &str, tries: &Tries) -> Option<Found> {
    let lines = content_lines(text);
    let whole = |r: &Range<usize>| lines.iter().find(|l| l.start == r.start).cloned();
    for (closing, key) in texts_over_keys(text).into_iter().take(TEXTS_TRIED) {
        let (Some(line), Some(above)) = (whole(&closing), whole(&key)) else {
            continue;
        };
        let found = tries.take(&moved(text, &line, above.start), || Found {
            keys: above.start..line.start,
            line,
            kind: Kind::TextCloser,
            above,
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A table's header (`[variables]`, not an `[[events]]` line) moved farther than [`search`]
/// reaches: tried once above the line of each of the first errors (where its keys start,
/// read under the header before them), the nearest first.
pub(super) fn table_moved_far(text: &str, error_starts: &[usize], tries: &Tries) -> Option<Found> {
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
            if empty_tables(&candidate) > empty {
                continue;
            }
            let passed = if t < h { t..h } else { h + 1..t };
            let found = tries.take(&candidate, || {
                found_at(&lines, h, Kind::FarHeader, t, passed)
            });
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// The line `at` of `lines` taken out, when it repeats the line above it, or else
/// moved up or down 1 line, then 2, ... when it is a line of words: the first that leaves no
/// error. A doubled line's `above` is its twin.
fn search_own_line(text: &str, lines: &[Range<usize>], at: usize, tries: &Tries) -> Option<Found> {
    let line = lines.get(at)?;
    let written = text[line.clone()].trim();
    // (A `key = value` line twice is TOML's duplicate key, which names the first.)
    let twin = (at.checked_sub(1).and_then(|i| lines.get(i)))
        .filter(|l| text[(*l).clone()].trim() == written && !written.contains('='));
    if let Some(twin) = twin {
        let without = [&text[..line.start], &text[line.end..]].concat();
        return tries.take(&without, || Found {
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
        for (j, passed) in places(at, passes, lines.len()) {
            let found = tries.take(&moved(text, line, lines[j].start), || {
                found_at(lines, at, Kind::Text, j, passed)
            });
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// Where line `h` of `n` goes when it passes `passes` lines: above line `j`, past the lines
/// `j..h` (up, tried first) or `h + 1..j` (down).
fn places(h: usize, passes: usize, n: usize) -> impl Iterator<Item = (usize, Range<usize>)> {
    let up = h.checked_sub(passes).map(|j| (j, j..h));
    let down = Some(h + 1 + passes)
        .filter(|&j| j < n)
        .map(|j| (j, h + 1..j));
    [up, down].into_iter().flatten()
}

/// Line `h` moved above line `j`, past the lines `passed`.
fn found_at(lines: &[Range<usize>], h: usize, kind: Kind, j: usize, passed: Range<usize>) -> Found {
    Found {
        line: lines[h].clone(),
        kind,
        above: lines[j].clone(),
        keys: lines[passed.start].start..lines[passed.end - 1].end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::moved_line::tries::ErrorKey;

    /// Tries whose check counts `errors(text)` errors, none of them the file's own.
    fn counted(errors: &dyn Fn(&str) -> usize) -> impl Fn(&str) -> Option<Vec<ErrorKey>> + '_ {
        |t| Some(vec![("new".to_string(), String::new()); errors(t)])
    }

    #[test]
    fn a_line_of_words_moves_and_a_line_twice_is_deleted() {
        // "checks" when the words stand inside the `"""`.
        let text = "[s]\nthe first words\nd = \"\"\"\nmore\n\"\"\"\n";
        let inside = |t: &str| usize::from(!t.contains("\"\"\"\nthe first words\n"));
        let found = search(text, 4, true, true, &Tries::new(&counted(&inside), &[]))
            .expect("a move that checks");
        assert_eq!(
            (&text[found.line.clone()], found.kind),
            ("the first words\n", Kind::Text)
        );
        assert_eq!(&text[found.above], "more\n");
        // Only with `own_line`, and only a line of words.
        assert!(search(text, 4, true, false, &Tries::new(&counted(&inside), &[])).is_none());
        let keyed = text.replace("the first words", "the = words");
        assert!(search(&keyed, 4, true, true, &Tries::new(&counted(&|_| 1), &[])).is_none());
        // A line the same as the one above it is deleted, when that leaves no error.
        let text = "[s]\nx = \"\"\"a\nb\"\"\"\nb\"\"\"\ny = 2\n";
        let once = |t: &str| usize::from(t.matches("b\"\"\"").count() != 1);
        let found = search(text, 18, true, true, &Tries::new(&counted(&once), &[]))
            .expect("a line to delete");
        assert_eq!(found.kind, Kind::Doubled);
        assert_eq!((found.line.start, found.above.start), (18, 13));
        assert!(search(text, 18, true, true, &Tries::new(&counted(&|_| 1), &[])).is_none());
        // Not a `key = value` line: TOML's duplicate key names the first.
        let text = "[s]\nx = 1\nx = 1\ny = 2\n";
        let once = |t: &str| usize::from(t.matches("x = 1").count() != 1);
        assert!(search(text, 10, true, true, &Tries::new(&counted(&once), &[])).is_none());
    }

    #[test]
    fn a_table_header_from_far_away_is_tried_above_an_error() {
        let keys: String = (0..REACH + 2).map(|i| format!("k{i} = {i}\n")).collect();
        // "checks" when `[v]` stands right above `x`.
        let text = format!("[f]\nx = 1\n[[e]]\n{keys}[v]\n[[o]]\na = 1\n");
        let errors = |t: &str| usize::from(!t.contains("[v]\nx = 1"));
        let x = text.find("x = 1").unwrap();
        let found = table_moved_far(&text, &[x], &Tries::new(&counted(&errors), &[]))
            .expect("a move that checks");
        assert_eq!(&text[found.line.clone()], "[v]\n");
        assert_eq!(found.kind, Kind::FarHeader);
        assert_eq!(&text[found.above], "x = 1\n");
        // An `[[e]]` line is no table's header; a header within reach is `search`'s.
        let text = format!("[f]\nx = 1\n{keys}[[v]]\na = 1\n");
        let errors = |t: &str| usize::from(!t.contains("[[v]]\nx = 1"));
        assert!(table_moved_far(&text, &[4], &Tries::new(&counted(&errors), &[])).is_none());
        let text = "[f]\nx = 1\ny = 2\n[v]\n[[o]]\n";
        let errors = |t: &str| usize::from(!t.contains("[v]\nx = 1"));
        assert!(table_moved_far(text, &[4], &Tries::new(&counted(&errors), &[])).is_none());
    }

    #[test]
    fn the_nearest_move_that_checks_is_found() {
        // "checks" when `[v]` stands right above `x`.
        let text = "[f]\na = 1\n[v]\nb = 2\nx = 3\ny = 4\n";
        let errors = |t: &str| usize::from(!t.contains("[v]\nx = 3"));
        let found = search(text, 0, false, false, &Tries::new(&counted(&errors), &[]))
            .expect("a move that checks");
        assert_eq!(&text[found.line.clone()], "[v]\n");
        assert_eq!(found.kind, Kind::Header);
        assert_eq!(&text[found.above], "x = 3\n");
        assert_eq!(&text[found.keys], "b = 2\n");
        // None checks: nothing found.
        assert!(search(text, 0, false, false, &Tries::new(&counted(&|_| 1), &[])).is_none());
        // A move that leaves a header with no key under it is not taken, though it checks.
        let text = "[a]\nx = 1\n[b]\ny = 2\n";
        assert!(
            search(
                text,
                0,
                false,
                false,
                &Tries::new(&counted(&|t: &str| usize::from(t == text)), &[])
            )
            .is_none()
        );
    }
}
