//! The id of a list entry (an actor, an event, an outcome), by which the rest of the scenario
//! names it. Other tools call it `name`: an event or outcome (whose schema has no `name`) with
//! an id-like `name = "offensive"` and no `id` is declared by it, so that the slip is one error
//! (told where the entry's keys are checked) and not also "unknown name" at every use.

use super::document::{Entry, Node, Table};
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
/// entry's id as other tools call it; so is one under a slip of `id` (see [`id_slip`]).
pub fn id_like_name(table: &Table) -> Option<&Node> {
    id_written_as(table, true).map(|e| &e.value)
}

/// The entry of `table` that holds its id under another key, when it has no `id`: an id-like
/// value under a slip of `id`, or (`name_too`: an event or outcome, whose schema has no `name`)
/// under `name`.
pub fn id_written_as(table: &Table, name_too: bool) -> Option<&Entry> {
    if table.get("id").is_some() {
        return None;
    }
    let id_like = |v: &str| {
        v.starts_with(|c: char| c.is_ascii_lowercase())
            && v.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let for_id = |key: &str| (name_too && key == "name") || id_slip(key);
    let mut written = (table.entries.iter()).filter(|e| for_id(&e.key));
    let entry = written.next().filter(|_| written.next().is_none())?;
    entry.value.as_str().is_some_and(id_like).then_some(entry)
}

/// `id` written with a slip that leaves no doubt: in capitals or with spaces (`Id`, `"id "`),
/// or with one letter dropped, changed or swapped (`d`, `ud`, `di`); `if` means `when`.
pub fn id_slip(key: &str) -> bool {
    let k = key.trim().to_lowercase();
    (key != "id" && k == "id")
        || (k.chars().count() <= 2 && k != "if" && strsim::damerau_levenshtein(&k, "id") == 1)
}

#[cfg(test)]
mod tests {
    use super::id_slip;

    #[test]
    fn slips_of_id_are_one_letter_case_or_spaces_away() {
        for key in ["d", "i", "ud", "di", "Id", "ID", "id ", " id"] {
            assert!(id_slip(key), "{key}");
        }
        // `if` is `when` in other words; `id` itself, and keys two letters away, are not.
        for key in ["id", "if", "idd", "x", "add", "name", ""] {
            assert!(!id_slip(key), "{key}");
        }
    }
}
