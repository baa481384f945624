//! A key line an entry needs, moved out of it into `[flags]`, `[variables]` or `[params]` (cut
//! and pasted a section too high, or left below the next header): TOML reads it as a flag,
//! variable or parameter of that name, refused as one, and the entry as missing it. One error,
//! and the key is given back to its entry, so that neither follows.

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, Table, Value};
use super::headerless::{noun, starts_without};
use super::schema::{ACTOR, EVENT, OUTCOME, TableSchema};
use super::syntax_help::line_number;
use super::uses::Uses;

/// The keys whose absence is an error of its own (an outcome's `when`, but for the catch-all),
/// which tells the entry a moved line came from.
const NEEDED: [(&str, &TableSchema); 4] = [
    ("actor", &EVENT),
    ("probability", &EVENT),
    ("when", &OUTCOME),
    ("name", &ACTOR),
];

/// Longer than this, a key line is named by its key alone.
const SHOWN: usize = 40;

/// Gives back to its entry a needed key read as the last key of a table of `free` (moved up
/// from the entry below) or as its first (moved down from the entry above): the one entry of
/// `lists` without that key, nowhere used as a name.
pub(super) fn key_of_entry_elsewhere(
    free: Vec<(&mut Table, &str)>,
    mut lists: [(&mut Vec<Node>, &'static TableSchema); 3],
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut uses = Uses::new(text);
    for (table, owner) in free {
        let ends = [table.entries.len().checked_sub(1), Some(0)];
        for (at, up) in ends.into_iter().zip([true, false]) {
            let Some(e) = at.and_then(|at| table.entries.get(at)) else {
                continue;
            };
            let Some(&(key, schema)) = NEEDED.iter().find(|(k, _)| *k == e.key) else {
                continue;
            };
            let text_value = matches!(e.value.value, Value::String(..));
            if (key != "probability" && !text_value) || matches!(e.value.value, Value::Bool(_)) {
                continue;
            }
            let start = e.key_span.range.start;
            let Some(target) = lacking(&lists, key, schema) else {
                continue;
            };
            // Moved up, the entry is below; moved down, it is the nearest entry above.
            let nearest_above = (lists.iter())
                .flat_map(|(list, _)| list.iter().map(|n| n.span.range.start))
                .filter(|&s| s < start)
                .max();
            let placed = if up {
                target > start
            } else {
                nearest_above == Some(target)
            };
            if !placed || uses.of(key) != Some((false, false)) {
                continue;
            }
            let Some(list) = lists.iter_mut().find(|(_, s)| *s == schema) else {
                continue;
            };
            let Some(node) = list.0.iter_mut().find(|n| n.span.range.start == target) else {
                continue;
            };
            let entry = table.entries.remove(at.unwrap_or(0));
            diags.push(told(&entry, node, schema, owner, text, up));
            if let Value::Table(t) = &mut node.value {
                t.entries.push(entry);
            }
            return;
        }
    }
}

/// Where the one entry of `schema`'s list that lacks `key` starts, if one alone does. An
/// outcome's `when`: the last outcome without one is the catch-all, not counted.
fn lacking(
    lists: &[(&mut Vec<Node>, &'static TableSchema); 3],
    key: &str,
    schema: &TableSchema,
) -> Option<usize> {
    let (list, _) = lists.iter().find(|(_, s)| *s == schema)?;
    let mut without = starts_without(list.iter(), key);
    if key == "when" && without.len() > 1 {
        without.pop();
    }
    match without[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// The error of `entry`, read as a key of `owner`, that belongs to the entry `node`.
fn told(
    entry: &Entry,
    node: &Node,
    schema: &TableSchema,
    owner: &str,
    text: &str,
    up: bool,
) -> Diagnostic {
    let written = text
        .get(entry.key_span.range.start..entry.value.span.range.end)
        .filter(|w| w.len() <= SHOWN && !w.contains('\n'))
        .map_or_else(|| format!("{} = ...", entry.key), str::to_string);
    let (side, way) = if up {
        ("below", "down")
    } else {
        ("above", "up")
    };
    let noun = noun(schema);
    Diagnostic::error(
        entry.key_span.clone(),
        format!("`{written}` belongs to the {noun} {side}, but is read as a key of {owner}"),
    )
    .label(format!("under the {owner} above"))
    .secondary(
        node.span.clone(),
        format!("this {noun} has no `{}`", entry.key),
    )
    .help(format!(
        "a key belongs to the header above it: move this line {way}, below the `{}` line (line \
         {})",
        schema.name,
        line_number(text, node.span.range.start)
    ))
}
