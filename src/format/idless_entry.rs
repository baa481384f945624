//! An entry's keys read as names of `[flags]`, `[variables]` or `[params]`, or as paths of a
//! variant's `[set]`: its `[[events]]` line and its `id` deleted together, the rest (`actor =
//! "russia"`, `probability = 0.3`, `set = [...]`) land in the table above as declarations or
//! paths, each refused (6 errors, none naming the slip). Told as one error and left out: an
//! entry without its `id` cannot be checked as one. An entry that kept its `id` is
//! `headerless.rs`'s.

use super::diagnostic::Diagnostic;
use super::document::{Entry, Table};
use super::headerless::noun;
use super::misplaced::below_too;
use super::schema::{self, TableSchema};
use super::suggest::join_and;
use super::uses::Uses;

/// The entries whose lines a deletion may leave in a table of names.
const LISTS: [&TableSchema; 3] = [&schema::EVENT, &schema::OUTCOME, &schema::ACTOR];

/// Takes out of each table the keys that end it when two or more, all of one kind of entry
/// (the longest such run; no guess between kinds), and none used as a name in the text; one
/// error for them.
pub(super) fn entry_keys_in_names(
    tables: Vec<(&mut Table, &str)>,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for (table, owner) in tables {
        // Where the run of each kind's keys that ends the table starts.
        let starts = LISTS.map(|s| {
            let kept = (table.entries.iter()).rposition(|e| s.field(&e.key).is_none());
            kept.map_or(0, |i| i + 1)
        });
        let Some(&start) = starts.iter().min() else {
            continue;
        };
        let mut longest = (LISTS.iter().zip(starts)).filter(|&(_, s)| s == start);
        let (Some((list, _)), None) = (longest.next(), longest.next()) else {
            continue;
        };
        if table.entries.len() < start + 2 {
            continue;
        }
        let mut uses = Uses::new(text);
        let used = |e: &Entry, uses: &mut Uses| uses.of(&e.key).is_none_or(|(f, n)| f || n);
        if table.entries[start..].iter().any(|e| used(e, &mut uses)) {
            continue;
        }
        let entries = table.entries.split_off(start);
        let keys: Vec<String> = entries.iter().map(|e| format!("`{}`", e.key)).collect();
        let noun = noun(list);
        let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let d = Diagnostic::error(
            entries[0].key_span.clone(),
            format!(
                "{} are keys of {article} {noun}, but are read as {} of {owner}",
                join_and(&keys),
                if owner == "`[set]`" { "paths" } else { "names" }
            ),
        )
        .label(format!("a key of {article} {noun}"))
        .help(format!(
            "a key belongs to the header above it: are the `{}` line and the {noun}'s `id` \
             missing above this one?",
            list.name
        ));
        diags.push(below_too(d, &entries[1..]));
    }
}
