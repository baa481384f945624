//! A section written with the other number of brackets: a list with one, `[actors]` above one
//! actor's keys or `[events.escalate]` naming each event in the header (as TOML's tables by
//! name invite; `[[events.escalate]]` likewise), and a table with two, `[[variables]]`. Each is refused, with the right form in
//! the help, and read as meant (as `extends` below a header is), so that the errors that follow
//! are not those of a scenario without its events or its variables.

use std::collections::HashSet;

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, StrStyle, Table, Value};
use super::schema;
use super::source::Span;

/// The error for the table `key` written as a list of tables (`[[variables]]`), and the table
/// it stands for: its one entry, or its entries' keys together when no key is written twice.
pub fn table_as_meant(key: &str, items: Vec<Node>, span: &Span) -> (Diagnostic, Option<Node>) {
    let error = Diagnostic::error(
        span.clone(),
        format!("`{key}` must be a table, found a list of tables"),
    )
    .label("expected a table")
    .help(format!(
        "`[[{key}]]` opens an entry of a list; write the section with one bracket: `[{key}]`, \
         once, above all its keys"
    ));
    let mut all = Table::default();
    for item in items {
        let Value::Table(t) = item.value else {
            return (error, None);
        };
        for entry in t.entries {
            if all.get(&entry.key).is_some() {
                return (error, None);
            }
            all.entries.push(entry);
        }
    }
    (error, Some(Node::new(Value::Table(all), span.clone())))
}

/// The error for `key` written as the table `table` (at `span`), and the entries it stands for.
pub fn read_as_meant(key: &str, mut table: Table, span: &Span) -> (Diagnostic, Vec<Node>) {
    if key == "events"
        && let Some(sub) = sub_lists_only(&table)
    {
        // `[[events.branches]]` with no `[[events]]` above it in the file: TOML makes `events`
        // a table of branches. The entry is the event whose header line is missing.
        let error = Diagnostic::error(
            span.clone(),
            format!(
                "`[[{key}.{sub}]]` belongs to the `[[{key}]]` entry above it, but there is none"
            ),
        )
        .label(format!("no `[[{key}]]` above"))
        .help(format!(
            "write the entry's `[[{key}]]` line, with its keys, above its first `[[{key}.{sub}]]`"
        ));
        // Kept for the event's keys, when they stand above it headerless (`headerless.rs`
        // then drops this error); `split_file` leaves it out if none join it.
        return (error, vec![Node::new(Value::Table(table), span.clone())]);
    }
    let error = Diagnostic::error(
        span.clone(),
        format!("`{key}` must be an array of tables, found a table"),
    )
    .label("expected `[[...]]` entries");
    // `[[events.escalate]]`, two brackets around a name: one entry each, as with one bracket.
    for e in &mut table.entries {
        if let Value::Array(items) = &mut e.value.value
            && items.len() == 1
            && items[0].as_table().is_some()
        {
            e.value = items.remove(0);
        }
    }
    let by_name = !table.entries.is_empty()
        && table.get("id").is_none()
        && (table.entries.iter()).all(|e| e.value.as_table().is_some());
    if !by_name {
        let help = format!("write each entry as its own `[[{key}]]` section (two brackets)");
        // An empty `[events]` stands for no entry, not for one without its keys.
        let one = (!table.entries.is_empty()).then(|| Node::new(Value::Table(table), span.clone()));
        return (error.help(help), one.into_iter().collect());
    }
    let first = &table.entries[0].key;
    let help = format!(
        "write each entry as its own `[[{key}]]` section, its name as its `id`:\n    \
         [[{key}]]\n    id = \"{first}\""
    );
    let entries = (table.entries.into_iter())
        .map(
            |Entry {
                 key,
                 key_span,
                 value,
             }| match value.value {
                Value::Table(mut fields) if fields.get("id").is_none() => {
                    let id = Node::new(Value::String(key, StrStyle::Raw), key_span.clone());
                    fields.entries.insert(
                        0,
                        Entry {
                            key: "id".into(),
                            key_span,
                            value: id,
                        },
                    );
                    Node::new(Value::Table(fields), value.span)
                }
                _ => value,
            },
        )
        .collect();
    (error.help(help), entries)
}

/// The first key of a table made only of an event's lists of tables (`branches` of an
/// `[[events.branches]]` read with no `[[events]]` above it), if it is one.
pub fn sub_lists_only(table: &Table) -> Option<&str> {
    let list = |e: &Entry| {
        schema::EVENT.field(&e.key).is_some()
            && matches!(&e.value.value, Value::Array(items)
                if !items.is_empty() && items.iter().all(|i| i.as_table().is_some()))
    };
    (!table.entries.is_empty() && table.entries.iter().all(list))
        .then(|| table.entries[0].key.as_str())
}

/// Takes a misspelt list section's entries (`[[outcome]]` among `[[outcomes]]`) into `list`
/// in file order, so that an outcome written under the slip is still one: the error names the
/// slip, and no "unknown outcome" or "no catch-all" follows from it. Nothing is taken when
/// `value` is not a list of tables.
pub fn join_list(list: &mut Vec<Node>, value: Node) {
    if let Value::Array(items) = value.value
        && items.iter().all(|i| i.as_table().is_some())
    {
        list.extend(items);
        list.sort_by_key(|n| n.span.range.start);
    }
}

/// `[[events.branches]]` below a misspelt `[[Events]]`, with no `[[events]]` in the file: TOML
/// reads the branches as a table of their own, told as "no `[[events]]` above". They are the
/// event's just above them, read from the slip: they join it, and that error goes (the slip's
/// own error says what to mend).
pub fn sub_lists_to_entry_above(list: &mut Vec<Node>, diags: &mut Vec<Diagnostic>) {
    let mut i = 1;
    while i < list.len() {
        let lone = list[i].as_table().filter(|t| sub_lists_only(t).is_some());
        let free = |above: &Table| {
            sub_lists_only(above).is_none()
                && lone.is_some_and(|t| t.keys().all(|k| above.get(k).is_none()))
        };
        if !list[i - 1].as_table().is_some_and(free) {
            i += 1;
            continue;
        }
        let node = list.remove(i);
        let at = node.span.range.start;
        diags.retain(|d| !d.is_error() || d.span.as_ref().map(|s| s.range.start) != Some(at));
        if let (Value::Table(t), Some(above)) = (node.value, list[i - 1].as_table_mut()) {
            above.entries.extend(t.entries);
        }
    }
}

/// Takes a misspelt table section's keys (`[cenario]` above `[scenario.run]`, `[flag]` beside
/// `[flags]`) into `table`, each it lacks: the error names the slip, and no "has no `name`" or
/// unknown flag follows from it. A key both have stays as the section has it.
pub fn join_table(table: &mut Table, value: Node) {
    if let Value::Table(t) = value.value {
        let had: HashSet<String> = table.keys().map(str::to_string).collect();
        let new = t.entries.into_iter().filter(|e| !had.contains(&e.key));
        table.entries.extend(new);
    }
}
