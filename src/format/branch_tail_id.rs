//! An entry's `id` line and its header swapped below an event's branches (`id = "talks"` above
//! `[[outcomes]]`): every line after `[[events.branches]]` belongs to that branch, so the `id`
//! is read as the last key of the event's last branch while the entry below has none. One
//! error, and the `id` is given back to its entry, as `headerless.rs` does for the tables
//! whose keys are free (`[flags]`, `[params]`); a branch is not one of those, its list being
//! borrowed with the events.

use super::diagnostic::Diagnostic;
use super::document::{Node, Table, Value};
use super::headerless::id_of_entry_above;
use super::schema::TableSchema;

/// The table a branch's keys are read in, as messages name it.
const BRANCH: &str = "`[[events.branches]]`";

/// Each event's last branch whose last key is an `id` with a text, told and given to the entry
/// without one below (or the event above without one) when there is such an entry; otherwise
/// left where it is, for `model/branch_keys.rs` to tell.
pub(super) fn ids_below_branches(
    lists: &mut [(&mut Vec<Node>, &'static TableSchema); 3],
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for i in 0..lists[0].0.len() {
        let Some(id) = last_branch(&mut lists[0].0[i]).and_then(tail_id) else {
            continue;
        };
        let mut alone = Table { entries: vec![id] };
        if !id_of_entry_above(&mut alone, 0, lists, text, BRANCH, diags)
            && let Some(branch) = last_branch(&mut lists[0].0[i])
        {
            branch.entries.append(&mut alone.entries);
        }
    }
}

/// The last branch of the event `node`.
fn last_branch(node: &mut Node) -> Option<&mut Table> {
    let Value::Table(event) = &mut node.value else {
        return None;
    };
    match &mut event.get_mut("branches")?.value {
        Value::Array(branches) => match &mut branches.last_mut()?.value {
            Value::Table(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// The branch's last key, taken out, when it is an `id` with a text.
fn tail_id(branch: &mut Table) -> Option<super::document::Entry> {
    let last = branch.entries.last()?;
    (last.key == "id" && matches!(last.value.value, Value::String(..)))
        .then(|| branch.entries.pop())
        .flatten()
}
