//! A branch's `[[events.branches]]` line deleted: its keys join the event above, where `label`,
//! `set` and `add` read as the event's own and only `weight` is unknown. Its help asks for the
//! header, above the branch's first line, rather than listing an event's keys.

use super::read::Cx;
use crate::format::document::Table;
use crate::format::schema;

/// The help for the key at `i` of the event `table` when only a branch has it (`weight`): the
/// branch starts at it or at the branch keys right above it, no blank line between.
pub(super) fn branch_header_help(cx: &Cx, table: &Table, i: usize) -> Option<String> {
    let key = &table.entries[i].key;
    schema::BRANCH.field(key)?;
    let mut first = i;
    while first > 0 {
        let (above, here) = (&table.entries[first - 1], &table.entries[first]);
        let (a, h) = (&above.key_span, &here.key_span);
        if a.file != h.file || schema::BRANCH.field(&above.key).is_none() {
            break;
        }
        let between = cx.sources.text(h.file).get(a.range.end..h.range.start)?;
        let lines: Vec<&str> = between.split('\n').collect();
        if lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty())
        {
            break;
        }
        first -= 1;
    }
    let span = &table.entries[first].key_span;
    let line = cx.sources.line_col(span.file, span.range.start).line;
    Some(format!(
        "`{key}` is a key of a branch, not of an event: a branch's `[[events.branches]]` line \
         seems to be missing; write it above line {line}"
    ))
}
