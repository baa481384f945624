//! The tables of a file's sections that the recoveries of `headerless.rs` and `misplaced.rs`
//! look in: each with its header or the keys it may hold, borrowed out of the sections of a
//! `ScenarioDoc` (passed field by field, as they are borrowed at once).

use super::document::{Node, Table, Value};
use super::schema;

/// The table the keys below `[scenario]` are read in: `[scenario.run]`'s, where it holds an
/// `id` (of an entry whose header is gone, the table to look in), else `[scenario]`'s.
pub(super) fn scenario_tail(scenario: &mut Option<Node>) -> Option<(&mut Table, &'static str)> {
    let Some(Node {
        value: Value::Table(t),
        ..
    }) = scenario
    else {
        return None;
    };
    let run = t
        .get("run")
        .and_then(Node::as_table)
        .is_some_and(|r| r.get("id").is_some());
    if !run {
        return Some((t, "`[scenario]`"));
    }
    match &mut t.entries.iter_mut().find(|e| e.key == "run")?.value.value {
        Value::Table(r) => Some((r, "`[scenario.run]`")),
        _ => None,
    }
}

/// The tables a deleted `[set]` line may leave its changes in: `[scenario]`, each entry of each
/// list, and for an event with branches its last branch (where its `[[events.branches]]` end),
/// each with its header.
pub(super) fn set_candidates<'a>(
    scenario: &'a mut Option<Node>,
    [actors, events, outcomes, expects]: &'a mut [&mut Vec<Node>; 4],
) -> Vec<(&'a mut Table, &'static str)> {
    let mut tables = Vec::new();
    if let Some(Node {
        value: Value::Table(t),
        ..
    }) = scenario
    {
        tables.push((t, "`[scenario]`"));
    }
    for (list, owner) in [
        (actors, "`[[actors]]`"),
        (outcomes, "`[[outcomes]]`"),
        (expects, "`[[expect]]`"),
    ] {
        for node in list.iter_mut() {
            if let Value::Table(t) = &mut node.value {
                tables.push((t, owner));
            }
        }
    }
    for node in events.iter_mut() {
        let Value::Table(event) = &mut node.value else {
            continue;
        };
        // The branches are the event's last key when written as `[[events.branches]]`.
        let branched = event.entries.last().is_some_and(|e| {
            e.key == "branches"
                && matches!(&e.value.value, Value::Array(b) if b.last().is_some_and(|n| n.as_table().is_some()))
        });
        if !branched {
            tables.push((event, "`[[events]]`"));
        } else if let Some(Value::Array(branches)) =
            event.entries.last_mut().map(|e| &mut e.value.value)
            && let Some(Node {
                value: Value::Table(t),
                ..
            }) = branches.last_mut()
        {
            tables.push((t, "`[[events.branches]]`"));
        }
    }
    tables
}

/// The tables of `[scenario]` and of each entry of the lists of actors, events, outcomes and
/// expects (in that order), each with the keys it may hold. With `run`, `[scenario.run]`'s
/// instead of `[scenario]`'s when it is written last: the table the keys below it are read in.
pub(super) fn keyed_tables<'a>(
    scenario: &'a mut Option<Node>,
    [actors, events, outcomes, expects]: [&'a mut Vec<Node>; 4],
    run: bool,
) -> Vec<(&'a mut Table, &'static schema::TableSchema)> {
    let mut tables = Vec::new();
    if let Some(Node {
        value: Value::Table(t),
        ..
    }) = scenario
    {
        let run_last = (t.entries.last())
            .is_some_and(|e| e.key == "run" && matches!(e.value.value, Value::Table(_)));
        if run && run_last {
            if let Some(Value::Table(r)) = t.entries.last_mut().map(|e| &mut e.value.value) {
                tables.push((r, &schema::RUN));
            }
        } else {
            tables.push((t, &schema::SCENARIO));
        }
    }
    for (list, schema) in [
        (actors, &schema::ACTOR),
        (events, &schema::EVENT),
        (outcomes, &schema::OUTCOME),
        (expects, &schema::EXPECT),
    ] {
        for node in list.iter_mut() {
            if let Value::Table(t) = &mut node.value {
                tables.push((t, schema));
            }
        }
    }
    tables
}
