//! A list section written with single brackets: `[actors]` above one actor's keys, or
//! `[events.escalate]` naming each event in the header, as TOML's tables-by-name invite. Both
//! are refused, with the two-bracket form in the help, and read as meant (as `extends` below a
//! header is), so that the errors that follow are not those of a scenario without its events.

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, StrStyle, Table, Value};
use super::source::Span;

/// The error for `key` written as the table `table` (at `span`), and the entries it stands for.
pub fn read_as_meant(key: &str, table: Table, span: &Span) -> (Diagnostic, Vec<Node>) {
    let error = Diagnostic::error(
        span.clone(),
        format!("`{key}` must be an array of tables, found a table"),
    )
    .label("expected `[[...]]` entries");
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
