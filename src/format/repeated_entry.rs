//! An entry's first lines deleted (its `[[events]]` line and its `id`, often its `actor` and
//! `label` too): the rest of its keys join the entry above, and TOML refuses each that entry
//! already has; or a branch's `[[events.branches]]` line deleted, its keys joining the branch
//! above. One error where the repeats start, naming what is missing, with the others counted
//! under it.

use std::collections::HashSet;
use std::ops::Range;

use super::bare_values;
use super::duplicate_key::doubled;
use super::schema;
use super::syntax_help::{header_of, line_number, line_of, lines_above};

/// The lists whose entries are told apart by their `id`.
const LISTS: [&str; 3] = ["[[events]]", "[[outcomes]]", "[[actors]]"];

/// The fix for the duplicate key at `at` when it is the first of two or more keys that repeat
/// those of the same `[[list]]` entry above: the help, and where the entry's lines end (the
/// errors up to there follow from this one).
pub(super) fn repeated_entry_help(text: &str, at: usize) -> Option<(String, usize)> {
    let here = line_of(text, at);
    // The entry's keys above this line, and its header.
    let mut lines: Vec<(&str, usize)> = Vec::new();
    let mut header = None;
    for range in lines_above(text, here.start) {
        let line = &text[range.clone()];
        if let Some(h) = header_of(line) {
            header = Some((h, range));
            break;
        }
        // A line written twice is a slip of its own, told as such: its key counts once.
        if !doubled(text, range.clone()) {
            lines.extend(entry_key(line).map(|k| (k, range.start)));
        }
    }
    let (header, header_at) = header?;
    let key = entry_key(&text[here.clone()])?;
    if header == "[[events.branches]]" {
        return event_below_branch(text, here.clone(), key, &lines)
            .or_else(|| branch_below_branch(text, here, key, &lines, header_at.start));
    }
    let list = LISTS.iter().find(|l| **l == header)?;
    let above: Vec<&str> = lines.iter().map(|(k, _)| *k).collect();
    // This line is the first repeat (no key above repeats one above it), and the entry above
    // starts with its `id`: an `id` further down starts an entry of its own (a header moved).
    let mut seen = HashSet::new();
    if !above.contains(&key)
        || !above.iter().all(|k| seen.insert(*k))
        || above
            .iter()
            .position(|k| *k == "id")
            .is_some_and(|i| i + 1 != above.len())
    {
        return None;
    }
    let (repeats, end) = keys_below(text, here.clone(), &above);
    if repeats < 1 {
        return None;
    }
    Some((
        format!(
            "the keys from line {} on repeat those of the {list} entry above (line {}): an \
             entry's first lines seem to be missing; write `{list}` and its `id` above line {}",
            line_number(text, here.start),
            line_number(text, header_at.start),
            line_number(text, here.start),
        ),
        end,
    ))
}

/// The fix for the duplicate key `key` on the line `here` of a branch whose keys above it are
/// `lines` (nearest first, with where each starts) when an event's first lines were deleted
/// below the branch: the event's keys join the branch from the first that is no key of a
/// branch (`actor`), below the duplicate's first line, and one it shares (`label`) is refused.
fn event_below_branch(
    text: &str,
    here: Range<usize>,
    key: &str,
    lines: &[(&str, usize)],
) -> Option<(String, usize)> {
    let first = lines.iter().position(|(k, _)| *k == key)?;
    let event_only =
        |k: &str| schema::BRANCH.field(k).is_none() && schema::EVENT.field(k).is_some();
    // Where the event starts, and a key of it no branch has: above, or this line when the
    // keys below it are an event's (`label`, then `when`).
    let (start, told) = match lines[..first].iter().rev().find(|(k, _)| event_only(k)) {
        Some(&(k, start)) => (start, k),
        None if schema::EVENT.field(key).is_some() => {
            (here.start, key_below(text, here.clone(), event_only)?)
        }
        None => return None,
    };
    let (_, end) = keys_below(text, here, &[]);
    let line = line_number(text, start);
    Some((
        format!(
            "the keys from line {line} on are an event's, not a branch's (`{told}` is no key of \
             a branch): an event's first lines seem to be missing; write `[[events]]` and its \
             `id` above line {line}"
        ),
        end,
    ))
}

/// The fix for the duplicate key `key` on the line `here` of the branch whose header starts at
/// `header_at` and whose keys above are `lines`, when two or more keys from here on repeat that
/// branch's: the next branch's `[[events.branches]]` line deleted.
fn branch_below_branch(
    text: &str,
    here: Range<usize>,
    key: &str,
    lines: &[(&str, usize)],
    header_at: usize,
) -> Option<(String, usize)> {
    let above: Vec<&str> = lines.iter().map(|(k, _)| *k).collect();
    let mut seen = HashSet::new();
    if !above.contains(&key) || !above.iter().all(|k| seen.insert(*k)) {
        return None;
    }
    let (repeats, end) = keys_below(text, here.clone(), &above);
    if repeats < 1 {
        return None;
    }
    let line = line_number(text, here.start);
    Some((
        format!(
            "the keys from line {line} on repeat those of the branch above (line {}): a \
             branch's `[[events.branches]]` line seems to be missing; write it above line {line}",
            line_number(text, header_at),
        ),
        end,
    ))
}

/// The first key below the line `here`, up to the next header, that `wanted` holds.
fn key_below(text: &str, here: Range<usize>, wanted: impl Fn(&str) -> bool) -> Option<&str> {
    let mut start = here.end + 1;
    while start < text.len() {
        let range = line_of(text, start);
        let line = &text[range.clone()];
        if header_of(line).is_some() {
            return None;
        }
        if let Some(k) = entry_key(line).filter(|k| wanted(k)) {
            return Some(k);
        }
        start = range.end + 1;
    }
    None
}

/// How many keys below the line `here`, up to the next header, repeat `keys`, and where that
/// header starts (the end of the text when none).
fn keys_below(text: &str, here: Range<usize>, keys: &[&str]) -> (usize, usize) {
    let mut repeats = 0;
    let mut start = here.end + 1;
    while start < text.len() {
        let range = line_of(text, start);
        let line = &text[range.clone()];
        if header_of(line).is_some() {
            return (repeats, range.start);
        }
        if entry_key(line).is_some_and(|k| keys.contains(&k)) {
            repeats += 1;
        }
        start = range.end + 1;
    }
    (repeats, text.len())
}

/// The key of a `key = value` line of an entry: at the line's start (not a line of a value
/// written over several lines).
pub(super) fn entry_key(line: &str) -> Option<&str> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    bare_values::entry_key(line)
}

#[cfg(test)]
mod tests {
    use super::repeated_entry_help;

    const TWO: &str = "[[events]]\nid = \"a\"\nactor = \"r\"\nprobability = 0.1\nover = 2\n\n\
                       probability = 0.2\nover = 3\n\n[[outcomes]]\nid = \"o\"\n";

    #[test]
    fn the_first_of_several_repeated_keys_names_the_missing_lines() {
        let at = TWO.find("probability = 0.2").unwrap();
        let (help, end) = repeated_entry_help(TWO, at).unwrap();
        assert_eq!(
            help,
            "the keys from line 7 on repeat those of the [[events]] entry above (line 1): an \
             entry's first lines seem to be missing; write `[[events]]` and its `id` above line 7"
        );
        assert_eq!(end, TWO.find("[[outcomes]]").unwrap());
        // The second repeat is not the first: it follows from it.
        assert_eq!(
            repeated_entry_help(TWO, TWO.find("over = 3").unwrap()),
            None
        );
    }

    #[test]
    fn an_event_or_a_branch_below_a_branch_starts_where_the_keys_repeat() {
        let branch = "[[events]]\nid = \"a\"\n\n[[events.branches]]\nweight = 1\nlabel = \"x\"\n\n";
        let text = format!("{branch}actor = \"r\"\nlabel = \"y\"\n\n[[outcomes]]\n");
        let (help, end) = repeated_entry_help(&text, text.find("label = \"y").unwrap()).unwrap();
        assert!(
            help.starts_with("the keys from line 8 on are an event's"),
            "{help}"
        );
        assert_eq!(end, text.find("[[outcomes]]").unwrap());
        let text = format!("{branch}label = \"y\"\nwhen = \"w\"\n");
        let (help, _) = repeated_entry_help(&text, text.find("label = \"y").unwrap()).unwrap();
        assert!(
            help.contains("line 8 on") && help.contains("(`when`"),
            "{help}"
        );
        // A branch's own keys again, with no key of an event near: the next branch's header
        // is missing; one key again is another mistake.
        let text = format!("{branch}label = \"y\"\nweight = 2\n");
        let (help, end) = repeated_entry_help(&text, text.find("label = \"y").unwrap()).unwrap();
        assert_eq!(
            help,
            "the keys from line 8 on repeat those of the branch above (line 4): a branch's \
             `[[events.branches]]` line seems to be missing; write it above line 8"
        );
        assert_eq!(end, text.len());
        let text = format!("{branch}label = \"y\"\n");
        assert_eq!(
            repeated_entry_help(&text, text.find("label = \"y").unwrap()),
            None
        );
    }

    #[test]
    fn one_repeated_key_is_another_mistake() {
        let one = "[[events]]\nid = \"a\"\nset = [\"x\"]\nset = [\"y\"]\n";
        assert_eq!(
            repeated_entry_help(one, one.find("set = [\"y").unwrap()),
            None
        );
        // An `id` below the entry's first key starts an entry of its own: a header moved up.
        let moved = "[[events]]\nwhen = \"x\"\nover = 2\nid = \"b\"\nwhen = \"y\"\nover = 3\n";
        assert_eq!(
            repeated_entry_help(moved, moved.find("when = \"y").unwrap()),
            None
        );
    }
}
