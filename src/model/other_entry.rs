//! Keys of another kind of entry under an entry or `[scenario]`: an event's `actor`,
//! `probability` and `add` under an actor, when the `[[events]]` line between them was deleted
//! (with the lines around it). One error for them all, naming the missing header, instead of an
//! unknown key each with the table's own keys as help.

use crate::format::Diagnostic;
use crate::format::document::Table;
use crate::format::schema::{self, TableSchema};
use crate::format::suggest::{closest, join_and};

/// The entries whose header lines a deletion may take, with what one is called and the keys
/// it needs besides its `id`.
const ENTRIES: [(&TableSchema, &str, &[&str]); 4] = [
    (&schema::ACTOR, "an actor", &["name"]),
    (&schema::EVENT, "an event", &["actor", "probability"]),
    (&schema::OUTCOME, "an outcome", &[]),
    (&schema::EXPECT, "an `[[expect]]` entry", &[]),
];

/// The indexes of the keys of `table` unknown to `schema` (`unknown`) when two or more, all
/// keys of one other kind of entry (one of them may be misspelt, if two are not), and the error
/// telling them; `owner` is the entry's name.
pub(super) fn keys_of_another(
    table: &Table,
    schema: &TableSchema,
    unknown: &[usize],
    owner: &str,
) -> Option<Diagnostic> {
    // `[scenario]` too: an outcome's first lines deleted below it leave it the rest.
    let entry = ENTRIES.iter().any(|(s, _, _)| std::ptr::eq(*s, schema));
    if unknown.len() < 2 || !(entry || std::ptr::eq(schema, &schema::SCENARIO)) {
        return None;
    }
    // The key of `s` each unknown key is, as written or misspelt (`nae` for `name`): two or
    // more written right, and no key of another kind.
    let as_keys = |s: &TableSchema| -> Option<Vec<String>> {
        let keys: Vec<String> = (unknown.iter())
            .map(|&i| {
                let key = &table.entries[i].key;
                (s.field(key).map(|f| f.key.to_string())).or_else(|| closest(key, s.keys()))
            })
            .collect::<Option<_>>()?;
        let right = (unknown.iter().zip(&keys)).filter(|(i, k)| table.entries[**i].key == **k);
        (right.count() >= 2).then_some(keys)
    };
    let holds_all = |s: &TableSchema| as_keys(s).is_some();
    let others: Vec<_> = (ENTRIES.iter())
        .filter(|(s, _, _)| !std::ptr::eq(*s, schema) && holds_all(s))
        .collect();
    // Keys of an event and of an outcome both (`id`, `label`, `when`): the one whose needed
    // keys are among them (an outcome's, as no `actor` is).
    let complete: Vec<_> = (others.iter().copied())
        .filter(|(s, _, needs)| {
            let keys = as_keys(s).unwrap_or_default();
            needs.iter().all(|k| keys.iter().any(|key| key == k))
        })
        .collect();
    let (other, kind, _) = match (others.as_slice(), complete.as_slice()) {
        ([one], _) | (_, [one]) => *one,
        _ => return None,
    };
    let meant = as_keys(other)?;
    let keys: Vec<String> = (unknown.iter().zip(&meant))
        .map(|(&i, meant)| match &table.entries[i].key {
            key if key == meant => format!("`{key}`"),
            key => format!("`{key}` (`{meant}` misspelt)"),
        })
        .collect();
    let first = &table.entries[unknown[0]];
    Some(
        Diagnostic::error(
            first.key_span.clone(),
            format!("{} are keys of {kind}, not of {owner}", join_and(&keys)),
        )
        .label(format!("a key of {kind}"))
        .note(format!("{} below it too", keys[1..].join(", ")))
        .help(format!(
            "a key belongs to the header above it: is an `{}` line missing above them?",
            other.name
        ))
        // The lost entry's uses are unknown until its header is back.
        .cause_of_unknown(stray_id(table, unknown)),
    )
}

/// The `id` among the keys `unknown` of `table`: the lost entry's, which others may name.
pub(super) fn stray_id<'t>(table: &'t Table, unknown: &[usize]) -> Option<&'t str> {
    (unknown.iter())
        .map(|&i| &table.entries[i])
        .find(|e| e.key == "id")
        .and_then(|e| e.value.as_str())
}
