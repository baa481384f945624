//! An `[[expect]]` whose header line is gone: TOML reads its keys (`outcome = "war"`,
//! `probability = [0.1, 0.2]`) as the last keys of the table above, a variant's `[set]`, the
//! last outcome or an event's last branch, and each was told as an unknown key or path. One
//! error, and the pin is read as what it is.

use super::diagnostic::Diagnostic;
use super::document::{Node, Table, Value};
use super::headerless::noun;
use super::misplaced::below_too;
use super::schema::{ACTOR, EVENT, EXPECT, EXPECT_TARGETS as TARGETS, OUTCOME};

/// Moves the keys of a pin read under `free` (each with its header) or an entry of an event (its
/// last branch, if it has branches), outcome or actor to `expects`, where it stands in the file,
/// with one error each.
pub(super) fn expect_without_header(
    free: Vec<(&mut Table, &str)>,
    [actors, events, outcomes, expects]: [&mut Vec<Node>; 4],
    diags: &mut Vec<Diagnostic>,
) {
    let lists = [(events, &EVENT), (outcomes, &OUTCOME), (actors, &ACTOR)];
    let mut tables: Vec<(&mut Table, String)> = (free.into_iter())
        .map(|(t, owner)| (t, owner.to_string()))
        .collect();
    for (list, schema) in lists {
        for node in list.iter_mut() {
            let Value::Table(t) = &mut node.value else {
                continue;
            };
            // (A key of the entry's own, such as an event's `holds`, is no pin's.)
            if (t.entries.iter())
                .any(|e| TARGETS.contains(&e.key.as_str()) && schema.field(&e.key).is_some())
            {
                continue;
            }
            let id = t.get("id").and_then(Node::as_str).unwrap_or("").to_string();
            let owner = format!("{} `{id}`", noun(schema));
            // Below an event's branches, the keys are read into its last branch.
            match last_branch(t).map(|(n, _)| n) {
                Some(n) => {
                    let owner = format!("branch {n} of {owner}");
                    tables.extend(last_branch(t).map(|(_, branch)| (branch, owner)));
                }
                None => tables.push((t, owner)),
            }
        }
    }
    for (table, owner) in tables {
        let Some(at) = (table.entries.iter()).position(|e| {
            TARGETS.contains(&e.key.as_str()) && matches!(e.value.value, Value::String(..))
        }) else {
            continue;
        };
        let keys = &table.entries[at..];
        if keys.len() < 2 || !keys.iter().all(|e| EXPECT.field(&e.key).is_some()) {
            continue;
        }
        let entries = table.entries.split_off(at);
        let first = &entries[0];
        let written = match &first.value.value {
            Value::String(s, _) => format!("{} = \"{s}\"", first.key),
            _ => first.key.clone(),
        };
        let d = Diagnostic::error(
            first.key_span.clone(),
            format!("`{written}` starts an `[[expect]]`, but is read as a key of {owner}"),
        )
        .label(format!("under the {owner} above"))
        .help("a key belongs to the header above it: is the `[[expect]]` line missing above this one?");
        diags.push(below_too(d, &entries[1..]));
        let (span, start) = (first.key_span.clone(), first.key_span.range.start);
        let i = (expects.iter())
            .position(|n| n.span.range.start > start)
            .unwrap_or(expects.len());
        expects.insert(i, Node::new(Value::Table(Table { entries }), span));
    }
}

/// An event's last branch, with its number from 1, if it has branches.
fn last_branch(event: &mut Table) -> Option<(usize, &mut Table)> {
    let branches = event.entries.iter_mut().find(|e| e.key == "branches")?;
    let Value::Array(items) = &mut branches.value.value else {
        return None;
    };
    let n = items.len();
    match &mut items.last_mut()?.value {
        Value::Table(t) => Some((n, t)),
        _ => None,
    }
}
