//! An event's keys read in a branch. Every line after `[[events.branches]]` belongs to that
//! branch, so an event's `source` written below its branches lands there; and so do the keys of
//! the next event when its `[[events]]` line and `id` were deleted. Either way one error for the
//! keys together, and when the event already has one of them, the help asks for the lost header.
//! They are left out of the branch, so they are not also told as unknown keys.

use super::other_entry::stray_id;
use super::read::Cx;
use crate::format::Diagnostic;
use crate::format::document::Table;
use crate::format::schema;
use crate::format::suggest::join_and;

/// Where an event's keys written below its branches go.
const ABOVE_BRANCHES: &str = "every line after `[[events.branches]]` belongs to that branch, so \
                              write the event's keys above its first `[[events.branches]]`";

/// `branch` without the event keys that are not a branch's, after telling them; `None` when it
/// has none.
pub(super) fn event_keys_in_branch(
    cx: &mut Cx,
    event: &Table,
    branch: &Table,
    what: &str,
) -> Option<Table> {
    let stray =
        |key: &str| schema::BRANCH.field(key).is_none() && schema::EVENT.field(key).is_some();
    let strays: Vec<usize> = (branch.entries.iter().enumerate())
        .filter(|(_, e)| stray(&e.key))
        .map(|(i, _)| i)
        .collect();
    let owned = strays
        .iter()
        .map(|&i| &branch.entries[i])
        .find_map(|e| event.entry(&e.key).map(|own| (e, own)));
    if strays.is_empty() {
        return None;
    }
    let keys: Vec<String> = (strays.iter())
        .map(|&i| format!("`{}`", branch.entries[i].key))
        .collect();
    let first = &branch.entries[strays[0]];
    let kept = || {
        let mut kept = branch.clone();
        kept.entries.retain(|e| !stray(&e.key));
        Some(kept)
    };
    if let ([_], None) = (strays.as_slice(), owned) {
        // One key of this event written below its branches: an unknown key, and where it goes.
        cx.error(
            Diagnostic::error(
                first.key_span.clone(),
                format!("unknown key `{}` in {what}", first.key),
            )
            .label("unknown key")
            .help(format!(
                "`{}` is a key of the event, not of a branch: {ABOVE_BRANCHES}",
                first.key
            )),
        );
        return kept();
    }
    let are = if keys.len() == 1 {
        "is a key"
    } else {
        "are keys"
    };
    let mut d = Diagnostic::error(
        first.key_span.clone(),
        format!("{} {are} of an event, not of {what}", join_and(&keys)),
    )
    .label("a key of an event");
    if keys.len() > 1 {
        d = d.note(format!("{} below it too", keys[1..].join(", ")));
    }
    d = match owned {
        Some((stray, own)) => {
            let line = cx
                .sources
                .line_col(first.key_span.file, first.key_span.range.start)
                .line;
            d.secondary(
                own.key_span.clone(),
                format!("the event's own `{}`", stray.key),
            )
            .help(format!(
                "the event above has its own `{}`, so these read as another event's keys: is \
                     its `[[events]]` line, with its `id`, missing above line {line}?",
                stray.key
            ))
        }
        None => d.help(ABOVE_BRANCHES),
    };
    cx.error(d.cause_of_unknown(stray_id(branch, &strays)));
    kept()
}
