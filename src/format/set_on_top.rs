//! A variant's changes written above every header with no `[set]` line above them:
//! `"events.x.probability" = 0.4` (to TOML a top-level key that is no section) or
//! `events.x.probability = 0.4` (to TOML a section `events` that is no list of entries). Each
//! was an error of its own ("unknown key at the top level", "`events` must be an array of
//! tables" and the missing keys of an event); now one error asking for the line, and the paths
//! are read as the `[set]` they were meant to be.

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, Value};
use super::headerless::SET_ROOTS;
use super::misplaced::below_too_named;
use super::source::Span;
use super::syntax_help::line_of;

/// Whether the top-level `entry` of a `variant` (a file with `extends`) is a change written
/// without its `[set]` line: a quoted path (`"params.x" = 1`) or a dotted key on a line of its
/// own under a list's name (`events.x.over = 1`; a `[events.x]` header is another slip, told
/// elsewhere).
pub(super) fn is_change(entry: &Entry, text: &str, variant: bool) -> bool {
    let root = entry.key.split('.').next().unwrap_or("");
    if !variant {
        return false;
    }
    if entry.key.contains('.') {
        return SET_ROOTS.contains(&root);
    }
    let Value::Table(t) = &entry.value.value else {
        return false;
    };
    let start = entry.key_span.range.start;
    let dotted = (text.get(line_of(text, start).start..start)).is_some_and(|p| p.trim().is_empty());
    dotted
        && ["actors", "events", "outcomes"].contains(&root)
        && t.entries
            .iter()
            .all(|e| matches!(e.value.value, Value::Table(_)))
}

/// The one error for a variant's changes found above every header: `paths`, every path they
/// write in file order, each with its whole key's span.
pub(super) fn error(paths: &[(String, Span, Node)]) -> Option<Diagnostic> {
    let ((first, at, _), rest) = paths.split_first()?;
    let d = Diagnostic::error(
        at.clone(),
        format!("`{first}` changes the base, but is written above every header"),
    )
    .label("a key of no section")
    .help("a variant's changes go under `[set]`: is the `[set]` line missing above this one?");
    Some(below_too_named(d, rest.iter().map(|(p, ..)| p.as_str())))
}
