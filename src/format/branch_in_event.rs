//! A branch's `[[events.branches]]` line deleted below its event's keys: the branch's keys join
//! the event, and TOML refuses each the event has too (`label`, `add`). When a key no event has
//! (`weight`) stands among them, the branch is meant: one error asking for its header, the
//! other refusals counted under it. (Without a shared key TOML refuses nothing, and `weight` is
//! told as an unknown key of the event, `model/branch_header.rs`.)

use std::collections::HashSet;

use super::bare_values;
use super::duplicate_key::doubled;
use super::repeated_entry::entry_key;
use super::schema;
use super::syntax_help::{header_of, line_number, line_of, lines_above};

/// The header a deleted branch line writes.
const BRANCH: &str = "[[events.branches]]";

/// The fix for the duplicate key at `at` in an `[[events]]` entry when it starts, or is one of,
/// a branch's keys: the help, and the header with where the line it goes above starts.
pub(super) fn branch_in_event_help(text: &str, at: usize) -> Option<(String, (usize, String))> {
    let here = line_of(text, at);
    // (The duplicate may be indented; the keys around it are read as `repeated_entry.rs` does.)
    let key = bare_values::entry_key(&text[here.clone()])?;
    schema::BRANCH.field(key)?;
    let branch_only =
        |k: &str| schema::BRANCH.field(k).is_some() && schema::EVENT.field(k).is_none();
    // The branch's first line: up over branch keys, to a blank line or a key met again (here
    // or below: a table holds each key once, so the first copy is the event's).
    let mut seen: HashSet<&str> = keys_below(text, here.end).collect();
    seen.insert(key);
    let (mut start, mut told) = (here.start, None);
    let mut header = None;
    for above in lines_above(text, here.start) {
        let line = &text[above.clone()];
        if let Some(h) = header_of(line) {
            header = Some(h);
            break;
        }
        if line.trim().is_empty() {
            break;
        }
        if doubled(text, above.clone()) {
            continue;
        }
        match entry_key(line) {
            Some(k) if schema::BRANCH.field(k).is_some() && seen.insert(k) => {
                told = told.or(branch_only(k).then_some(k));
                start = above.start;
            }
            Some(_) => break,
            None => {}
        }
    }
    // The event above: its header, further up when the walk stopped on its keys.
    let header = header.or_else(|| {
        let mut up = lines_above(text, start);
        up.find_map(|l| header_of(&text[l]))
    });
    if header != Some("[[events]]") {
        return None;
    }
    // The duplicate itself tells too when keys of the branch stand above it (a second
    // branch's `weight` after its header was deleted).
    let told = (told.or_else(|| keys_below(text, here.end).find(|k| branch_only(k))))
        .or_else(|| (start < here.start && branch_only(key)).then_some(key))?;
    let line = line_number(text, start);
    let help = format!(
        "the keys from line {line} on are a branch's, not the event's (`{told}` is no key of an \
         event): a branch's `{BRANCH}` line seems to be missing; write it above line {line}"
    );
    Some((help, (start, BRANCH.to_string())))
}

/// The keys of the lines from `from` down to the next header or blank line (not the lines
/// of a value written over several).
fn keys_below(text: &str, from: usize) -> impl Iterator<Item = &str> {
    let lines = text.get(from..).unwrap_or("").split('\n').skip(1);
    (lines.take_while(|l| header_of(l).is_none() && !l.trim().is_empty())).filter_map(entry_key)
}
