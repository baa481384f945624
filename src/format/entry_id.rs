//! The id of a list entry (an actor, an event, an outcome), by which the rest of the scenario
//! names it. Other tools call it `name`: an event or outcome (whose schema has no `name`) with
//! an id-like `name = "offensive"` and no `id` is declared by it, so that the slip is one error
//! (told where the entry's keys are checked) and not also "unknown name" at every use.

use super::document::{Node, Table};
use super::source::Span;

/// The `id` of an `[[actors]]`, `[[events]]` or `[[outcomes]]` entry, if it has a string one.
pub fn id_of(node: &Node) -> Option<&str> {
    node.as_table()?.get("id")?.as_str()
}

/// Where an entry's id is written: its `id`'s value, an id-like `name`'s, or the entry.
pub fn id_span(node: &Node) -> Span {
    let table = node.as_table();
    (table.and_then(|t| t.get("id").or_else(|| id_like_name(t))))
        .map_or_else(|| node.span.clone(), |n| n.span.clone())
}

/// `name = "frozen"` in an entry without `id`: an id-like value (lower case, no spaces) is the
/// entry's id as other tools call it.
pub fn id_like_name(table: &Table) -> Option<&Node> {
    if table.get("id").is_some() {
        return None;
    }
    let name = table.get("name")?;
    let v = name.as_str()?;
    let id_like = v.starts_with(|c: char| c.is_ascii_lowercase())
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    id_like.then_some(name)
}
