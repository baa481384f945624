//! Unknown keys of a fixed-schema table, each with its fix, and the table as meant: a key
//! misspelt for one the table lacks (`probabilty`, `evnet`, `When`, `chance` for
//! `probability`) is read as that key, after its error, so that no "has no `probability`" or
//! "pins nothing" follows from the one slip, and its value is checked as the key's.

use std::borrow::Cow;

use super::branch_header::branch_header_help;
use super::names::identifier_like;
use super::other_entry::keys_of_another;
use super::read::{Cx, id_with_words, names_id};
use crate::format::Diagnostic;
use crate::format::document::{Entry, Table, Value};
use crate::format::entry_id::id_slip;
use crate::format::schema::{self, TableSchema};
use crate::format::suggest::{closest, synonym};

impl Cx<'_> {
    /// Reports every key of `table` that `schema` does not know, with a did-you-mean, and
    /// returns the table as meant.
    #[must_use]
    pub fn check_keys<'t>(
        &mut self,
        table: &'t Table,
        schema: &TableSchema,
        owner: &str,
    ) -> Cow<'t, Table> {
        // Several keys in capitals (caps lock on: `INITIAL`, `MAX`): one error for them all.
        let capital = |e: &Entry| {
            e.key != e.key.to_lowercase() && schema.field(&e.key.to_lowercase()).is_some()
        };
        let capitals: Vec<&Entry> = table.entries.iter().filter(|e| capital(e)).collect();
        if let [first, rest @ ..] = capitals.as_slice()
            && !rest.is_empty()
        {
            let keys = |es: &[&Entry], f: fn(&str) -> String| {
                let keys: Vec<String> = es.iter().map(|e| format!("`{}`", f(&e.key))).collect();
                keys.join(", ")
            };
            self.error(
                Diagnostic::error(
                    first.key_span.clone(),
                    format!("unknown key `{}` in {owner}", first.key),
                )
                .label("unknown key")
                .note(format!("{} too", keys(rest, str::to_string)))
                .help(format!(
                    "keys are written in lower case: {}",
                    keys(&capitals, str::to_lowercase)
                )),
            );
        }
        let keys: Vec<&'static str> = schema.keys().collect();
        // Each unknown key's index, with the key it was written for, if one.
        let mut meant: Vec<(usize, Option<&'static str>)> = Vec::new();
        let unknown: Vec<usize> = (table.entries.iter().enumerate())
            .filter(|(_, e)| schema.field(&e.key).is_none() && !capital(e))
            .map(|(i, _)| i)
            .collect();
        let strays = keys_of_another(table, schema, &unknown, owner);
        let told = if strays.is_some() { &unknown[..] } else { &[] };
        if let Some(d) = strays {
            self.error(d);
        }
        for (i, e) in table.entries.iter().enumerate() {
            if schema.field(&e.key).is_some() {
                continue;
            }
            if told.contains(&i) {
                meant.push((i, None));
                continue;
            }
            if capitals.len() > 1 && capital(e) {
                meant.push((i, surely_for(e, &keys)));
                continue;
            }
            let id_help = || {
                (e.key == "name" && names_id(table, &e.key, schema)).then(|| {
                    format!(
                        "an entry's name for the scenario is its `id`: `id = \"{}\"` (`label` \
                         holds a text for people)",
                        e.value.as_str().unwrap_or_default()
                    )
                })
            };
            // `weight` in an event: a branch's header deleted above it.
            let branch = || {
                std::ptr::eq(schema, &schema::EVENT)
                    .then(|| branch_header_help(self, table, i))
                    .flatten()
            };
            let found =
                (id_help().map(|h| (h, Some("id")))).or_else(|| branch().map(|h| (h, None)));
            let (help, like) = match found {
                Some(found) => found,
                None => match (synonym(&e.key, &keys), written_for(e, &keys)) {
                    (Some(k), _) => (format!("brink's word for it is `{k}`"), Some(k)),
                    (None, Some(("id", None))) if id_with_words(table, e) => (
                        format!(
                            "did you mean `id`? an id is one word in lower case: `id = \"{}\"`",
                            e.value
                                .as_str()
                                .and_then(identifier_like)
                                .unwrap_or_default()
                        ),
                        None,
                    ),
                    (None, Some((k, None))) => (format!("did you mean `{k}`?"), Some(k)),
                    (None, Some((k, Some(tie)))) => {
                        (format!("did you mean `{k}` or `{tie}`?"), None)
                    }
                    (None, None) => (
                        format!("the keys of {} are {}", schema.name, schema.key_list()),
                        None,
                    ),
                },
            };
            meant.push((i, like));
            self.error(
                Diagnostic::error(
                    e.key_span.clone(),
                    format!("unknown key `{}` in {owner}", e.key),
                )
                .label("unknown key")
                .help(help),
            );
        }
        as_meant(table, schema, &meant)
    }
}

/// The key of `keys` that `e`'s key was written for, and another as close if one: a synonym
/// first (`if` means `when`, though `id` is one edit away), else the closest, which is only a
/// guess when another key is as close. An id is a text: a key with another value is no slip of
/// `id` (`ad = { tension = -1 }` is `add`), and one with a text is `id` rather than a key as
/// close (`idd = "talks"` is not `add`).
fn written_for(e: &Entry, keys: &[&'static str]) -> Option<(&'static str, Option<&'static str>)> {
    let key = e.key.as_str();
    if let Some(k) = synonym(key, keys) {
        return Some((k, None));
    }
    let text = matches!(e.value.value, Value::String(..));
    let keys: Vec<&'static str> = (keys.iter().copied())
        .filter(|k| text || *k != "id")
        .collect();
    if keys.contains(&"id") && id_slip(key) {
        return Some(("id", None));
    }
    let c = closest(key, keys.iter().copied())?;
    let k = keys.iter().copied().find(|k| *k == c)?;
    let lower = key.to_lowercase();
    let distance = |k: &str| strsim::damerau_levenshtein(&lower, k);
    let tie = (keys.iter().copied()).find(|o| *o != k && distance(o) == distance(k));
    match tie {
        Some(t) if text && (k == "id" || t == "id") => Some(("id", None)),
        _ => Some((k, tie)),
    }
}

/// The key `e`'s key was surely written for (see [`written_for`]).
fn surely_for(e: &Entry, keys: &[&'static str]) -> Option<&'static str> {
    written_for(e, keys).and_then(|(k, tie)| tie.is_none().then_some(k))
}

/// `table` as meant, for a reader of keys the table's own reader also reads (and reports).
pub(super) fn read_as_meant<'t>(table: &'t Table, schema: &TableSchema) -> Cow<'t, Table> {
    let keys: Vec<&'static str> = schema.keys().collect();
    let meant: Vec<(usize, Option<&'static str>)> = (table.entries.iter().enumerate())
        .filter(|(_, e)| schema.field(&e.key).is_none())
        .map(|(i, e)| (i, surely_for(e, &keys)))
        .collect();
    as_meant(table, schema, &meant)
}

/// `table` with each misspelt key read as the key it was written for: when the table lacks
/// that key and no other key was written for it too. `id` only for the key that declared the
/// entry as its `id` would have (an id-like `name` or `d`, `entry_id.rs`): no other key did.
fn as_meant<'t>(
    table: &'t Table,
    schema: &TableSchema,
    meant: &[(usize, Option<&'static str>)],
) -> Cow<'t, Table> {
    // How many unknown keys were written for each key (a schema has a few dozen at most).
    let mut claims: Vec<(&str, usize)> = Vec::new();
    for k in meant.iter().filter_map(|(_, k)| *k) {
        match claims.iter_mut().find(|(c, _)| *c == k) {
            Some((_, n)) => *n += 1,
            None => claims.push((k, 1)),
        }
    }
    let claimed = |key: &str| {
        claims
            .iter()
            .find(|(c, _)| *c == key)
            .map_or(0, |(_, n)| *n)
    };
    let renames: Vec<(usize, &'static str)> = meant
        .iter()
        .filter_map(|&(i, k)| Some((i, k?)))
        .filter(|&(i, k)| k != "id" || names_id(table, &table.entries[i].key, schema))
        .filter(|&(_, k)| claimed(k) == 1 && table.get(k).is_none())
        .collect();
    if renames.is_empty() {
        return Cow::Borrowed(table);
    }
    let mut fixed = table.clone();
    for (i, key) in renames {
        fixed.entries[i].key = key.to_string();
    }
    Cow::Owned(fixed)
}

#[cfg(test)]
mod tests {
    use crate::format::document::parse_document;
    use crate::format::{SourceMap, schema};
    use crate::model::read::Cx;

    /// The keys of `text`'s table as an event reads them, and the unknown keys' helps.
    fn read(text: &str) -> (Vec<String>, Vec<String>) {
        let mut sources = SourceMap::new();
        let file = sources.add("t.toml", text);
        let table = parse_document(file, text, &mut Vec::new()).unwrap();
        let mut cx = Cx::new(&sources);
        let keys = (cx.check_keys(&table, &schema::EVENT, "this event").keys())
            .map(str::to_string)
            .collect();
        let helps = cx.diags.iter().filter_map(|d| d.help.clone()).collect();
        (keys, helps)
    }

    #[test]
    fn a_misspelt_key_is_read_as_the_key_it_was_written_for() {
        let (keys, helps) = read("id = \"e\"\nprobabilty = 0.3\nWhen = \"war\"\nrepeats = true");
        assert_eq!(keys, ["id", "probability", "when", "repeat"]);
        assert_eq!(
            helps,
            [
                "did you mean `probability`?",
                "did you mean `when`?",
                "brink's word for it is `repeat`"
            ]
        );
        let (keys, helps) = read("id = \"e\"\nchance = 0.3");
        assert_eq!(
            (keys, helps),
            (
                vec!["id".into(), "probability".into()],
                vec!["brink's word for it is `probability`".into()]
            )
        );
        // An id-like `name` without `id` is the `id`; a misspelt `id` is not (it declared nothing).
        assert_eq!(read("name = \"e\"\nactor = \"a\"").0, ["id", "actor"]);
        // A text is an id's, not `add`'s, and a table `add`'s, not an id's.
        let (keys, helps) = read("idd = \"e\"\nactor = \"a\"");
        assert_eq!(
            (keys, helps),
            (
                vec!["idd".into(), "actor".into()],
                vec!["did you mean `id`?".into()]
            )
        );
        let (keys, helps) = read("id = \"e\"\nad = { t = 1 }");
        assert_eq!(
            (keys, helps),
            (
                vec!["id".into(), "add".into()],
                vec!["did you mean `add`?".into()]
            )
        );
        let (keys, helps) = read("id = \"e\"\nidd = 2");
        assert_eq!(
            (keys, helps),
            (
                vec!["id".into(), "add".into()],
                vec!["did you mean `add`?".into()]
            )
        );
        // Two keys written for one, or for a key the table has: each left as written.
        let (keys, _) =
            read("id = \"e\"\nprobabilty = 0.3\nprobability = 0.2\nwehn = \"a\"\nwhn = \"b\"");
        assert_eq!(keys, ["id", "probabilty", "probability", "wehn", "whn"]);
    }
}
