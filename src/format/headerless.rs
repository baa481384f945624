//! Entries whose header line is gone (deleted, or moved below them), read by TOML as the last
//! keys of the table above: flags, variables and parameters under an actor or `[params]`, an
//! event under `[variables]`, a variant's changes under `[scenario]`. Each is one error, and
//! the entries are read as what they are, so that no error follows from where they stood (every
//! key unknown, every name that uses them unknown).

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, Table, Value};
use super::misplaced::below_too;
use super::schema::{ENTRY_KEYS, PARAM, PARAM_VALUE_KEYS, TableSchema};
use super::section_brackets::sub_lists_only;
use super::suggest::{closest, join_and};
use super::syntax_help::{code_end, header_of, line_number};

/// What an entry read in the wrong table looks like it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Flag,
    Variable,
    Param,
}

impl Kind {
    fn header(self) -> &'static str {
        match self {
            Kind::Flag => "`[flags]`",
            Kind::Variable => "`[variables]`",
            Kind::Param => "`[params]`",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Flag => "a flag",
            Kind::Variable => "a variable",
            Kind::Param => "a parameter",
        }
    }
}

/// What a value looks like: `true` a flag, `{ initial = 2 }` a variable, `{ pert = [...] }` a
/// parameter; `None` inside for a bare number or an expression, which may be either of the last
/// two.
fn looks(v: &Value) -> Option<Option<Kind>> {
    let param_key = |e: &Entry| PARAM.field(&e.key).is_some();
    match v {
        Value::Bool(_) => Some(Some(Kind::Flag)),
        Value::Integer(_) | Value::Float(_) | Value::String(..) => Some(None),
        Value::Table(t) if t.get("initial").is_some() => Some(Some(Kind::Variable)),
        Value::Table(t)
            if t.entries.iter().all(param_key)
                && (t.entries.iter()).any(|e| PARAM_VALUE_KEYS.contains(&e.key.as_str())) =>
        {
            Some(Some(Kind::Param))
        }
        _ => None,
    }
}

/// Flags, variables and parameters whose header line is gone, read as the last keys of the
/// table above it (an actor, say, or `[params]`, given with no schema): one error for them
/// all, and they are given back, each with what it is, to be read as such. Taken only as the
/// last keys of a table, each unknown to it and not close to a key of it (a misspelt
/// `probabilty = 0.1` is not a variable), where this file has no entries of the kind, or its
/// header stands right below them (moved down: `firsts` holds where the first flag, variable
/// and parameter of the file start), and each named where names are used or one of them surely
/// a declaration (a flag, a variable's or a parameter's table).
pub(super) fn declarations_without_header(
    tables: Vec<(&mut Table, Option<&'static TableSchema>)>,
    firsts: [Option<usize>; 3],
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Kind, Entry)> {
    let first_of = |k: Kind| match k {
        Kind::Flag => firsts[0],
        Kind::Variable => firsts[1],
        Kind::Param => firsts[2],
    };
    for (table, schema) in tables {
        let name = |k: &str| k.chars().all(|c| c.is_alphanumeric() || c == '_');
        let stray = |e: &Entry| match (schema, looks(&e.value.value)) {
            (_, None) => false,
            // A path (`"events.x.probability" = 0.3`, a `[set]` line gone) is not a name, and
            // an entry's key (`id`, `probability`) is an entry's, its header gone.
            _ if !name(&e.key) || ENTRY_KEYS.iter().any(|s| s.field(&e.key).is_some()) => false,
            (Some(schema), Some(_)) => {
                schema.field(&e.key).is_none() && closest(&e.key, schema.keys()).is_none()
            }
            // `[params]`, whose keys are names: a parameter is in its place.
            (None, Some(kind)) => kind != Some(Kind::Param),
        };
        let mut tail = table.entries.iter().rev().take_while(|e| stray(e)).count();
        let at = table.entries.len() - tail;
        let mut kinds: Vec<Option<Kind>> = table.entries[at..]
            .iter()
            .filter_map(|e| looks(&e.value.value))
            .collect();
        // Numbers and expressions at the head of the tail in `[params]` are its own parameters.
        if schema.is_none() {
            let numbers = kinds.iter().take_while(|k| k.is_none()).count();
            kinds.drain(..numbers);
            tail -= numbers;
        }
        // A number is what the entry above it is (the first what the first below it is, and
        // only numbers a variable).
        let first = kinds.iter().find_map(|k| *k).unwrap_or(Kind::Variable);
        let kinds: Vec<Kind> = kinds
            .iter()
            .scan(first, |last, k| {
                *last = k.unwrap_or(*last);
                Some(*last)
            })
            .collect();
        let strays = &table.entries[table.entries.len() - tail..];
        // Named where names are used, or beside one that is surely a declaration (a number
        // alone may be an actor's note of its own).
        let sure = |e: &Entry| looks(&e.value.value).is_some_and(|k| k.is_some());
        let likely = !strays.is_empty()
            && (strays.iter().all(|e| used_by_name(text, &e.key))
                || (strays.iter().any(sure)
                    && (strays.len() > 1 || matches!(strays[0].value.value, Value::Table(_)))));
        if !likely {
            continue;
        }
        // Where each kind's header is: gone, or the line below these keys (moved down).
        let below = strays.last().map_or(0, |e| e.value.span.range.end);
        let mut moved = None;
        let mut placed = true;
        for &k in &kinds {
            if let Some(first) = first_of(k) {
                let line = header_between(text, below, first, k.header().trim_matches('`'));
                placed &= line.is_some() && kinds.iter().all(|&o| o == k);
                moved = line;
            }
        }
        if !placed {
            continue;
        }
        let name = schema.map_or("[params]", |s| s.name);
        let header = format!("`{name}`");
        let owner = match (table.get("id").map(|n| &n.value), schema) {
            // "actor `japan`", as unknown keys are told.
            (Some(Value::String(id, _)), Some(schema)) => format!("{} `{id}`", noun(schema)),
            _ => header.clone(),
        };
        let strays = table.entries.split_off(table.entries.len() - tail);
        // Each kind with the first of its entries, in the order of the file.
        let mut firsts: Vec<(Kind, &str)> = Vec::new();
        for (k, e) in kinds.iter().zip(&strays) {
            if firsts.iter().all(|(f, _)| f != k) {
                firsts.push((*k, &e.key));
            }
        }
        let missing = match (&firsts[..], moved) {
            ([(k, _)], Some(line)) => {
                format!("move the {} line (line {line}) above this one", k.header())
            }
            ([(k, _)], None) => format!("is the {} line missing above this one?", k.header()),
            (_, _) => {
                let headers: Vec<&str> = firsts.iter().map(|(k, _)| k.header()).collect();
                let places: Vec<String> = firsts[1..]
                    .iter()
                    .map(|(_, e)| format!("above `{e}`"))
                    .collect();
                format!(
                    "are the {} lines missing, above this one{}?",
                    join_and(&headers),
                    match places.len() {
                        1 => format!(" and {}", places[0]),
                        _ => format!(", {}", join_and(&places)),
                    }
                )
            }
        };
        let first = &strays[0];
        let d = Diagnostic::error(
            first.key_span.clone(),
            format!(
                "`{}` looks like {}, but {}",
                first.key,
                kinds[0].noun(),
                read_in(&owner)
            ),
        )
        .label(format!("under the {header} above"))
        .help(format!("a key belongs to the header above it: {missing}"));
        diags.push(below_too(d, &strays[1..]));
        return kinds.into_iter().zip(strays).collect();
    }
    Vec::new()
}

/// The first entry of a list (an event, say) read as the last keys of `[flags]`, `[variables]`,
/// `[params]` or a variant's `[set]` above it, or at the top level above every header (a
/// variant's first entry), its `[[events]]` line deleted or moved down: from
/// an `id` with a text, every key one of the list's. One error, and the entry is put back in its
/// list where it stands in the file, or, its header moved below its first keys, joined to the
/// entry that header starts. `lists` holds each list with its keys; `free`, each table with its
/// header (pins too, for an entry's `id` alone moved up into one).
pub(super) fn entry_without_header(
    free: Vec<(&mut Table, &str)>,
    mut lists: [(&mut Vec<Node>, &'static TableSchema); 3],
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for (table, owner) in free {
        let Some(at) = table
            .entries
            .iter()
            .rposition(|e| e.key == "id" && matches!(e.value.value, Value::String(..)))
        else {
            continue;
        };
        let start = table.entries[at].key_span.range.start;
        if at + 1 == table.entries.len()
            && id_of_entry_above(table, at, &mut lists, text, owner, diags)
        {
            return;
        }
        if owner == PIN {
            // A pin's keys and an entry's overlap (`probability`): `other_entry.rs` tells
            // several of them below a pin's.
            continue;
        }
        let keys = &table.entries[at..];
        // The lists whose entries may hold every key, the one whose first entry after these
        // keys is nearest first: its header is the one that is gone.
        let next = |list: &Vec<Node>| {
            list.iter()
                .map(|n| n.span.range.start)
                .find(|&s| s > start)
                .unwrap_or(usize::MAX)
        };
        let Some((list, schema)) = lists
            .into_iter()
            .filter(|(_, schema)| keys.iter().all(|e| schema.field(&e.key).is_some()))
            .min_by_key(|(list, _)| next(list))
        else {
            return;
        };
        let entries = table.entries.split_off(at);
        let id = match &entries[0].value.value {
            Value::String(id, _) => id.clone(),
            _ => String::new(),
        };
        let header = format!("`{}`", schema.name);
        let noun = noun(schema);
        let i = list
            .iter()
            .position(|n| n.span.range.start > start)
            .unwrap_or(list.len());
        // The header moved down: the entry it starts has none of these keys, and no `id`.
        let joined = list.get_mut(i).and_then(|n| match &mut n.value {
            Value::Table(t)
                if t.get("id").is_none() && entries.iter().all(|e| t.get(&e.key).is_none()) =>
            {
                Some((t, n.span.range.start))
            }
            _ => None,
        });
        let branches = joined
            .as_ref()
            .and_then(|(t, _)| sub_lists_only(t).map(str::to_owned));
        let belongs = if owner != TOP_LEVEL {
            "a key belongs to the header above it: "
        } else {
            "an entry's keys go below its header: "
        };
        let help = match &joined {
            // The header below is `[[events.branches]]`, read with no event above it: the
            // event's own line is missing, and the error for the branches is this one.
            Some((_, header_at)) if branches.is_some() => {
                let sub = branches.unwrap_or_default();
                diags.retain(|d| {
                    !d.is_error() || d.span.as_ref().map(|s| s.range.start) != Some(*header_at)
                });
                format!(
                    "{belongs}write the {header} line above this one; the `[[{}.{sub}]]` from \
                     line {} on are this {noun}'s",
                    schema.name.trim_matches(['[', ']']),
                    line_number(text, *header_at)
                )
            }
            Some((_, header_at)) => format!(
                "{belongs}move the {header} line (line {}) above this one",
                line_number(text, *header_at)
            ),
            None => format!("{belongs}is the {header} line missing above this one?"),
        };
        let d = Diagnostic::error(
            entries[0].key_span.clone(),
            format!(
                "`id = \"{id}\"` starts {noun} `{id}`, but {}",
                read_in(owner)
            ),
        )
        .label(under(owner))
        .help(help);
        diags.push(below_too(d, &entries[1..]));
        match joined {
            Some((t, _)) => {
                let rest = std::mem::take(&mut t.entries);
                t.entries = entries.into_iter().chain(rest).collect();
            }
            None => {
                let span = entries[0].key_span.clone();
                list.insert(i, Node::new(Value::Table(Table { entries }), span));
            }
        }
        return;
    }
}

/// An `id` alone, the last key of `table` (at `at`), read there while an entry of `lists` has
/// no `id`: the entry's own, its line moved down past the next header (the entry nearest above
/// it), or up into a table above (the only entry of the file without one, below it). One error,
/// and the `id` is given back to the entry; `false` (nothing done) when no such entry lacks one.
pub(super) fn id_of_entry_above(
    table: &mut Table,
    at: usize,
    lists: &mut [(&mut Vec<Node>, &'static TableSchema); 3],
    text: &str,
    owner: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let start = table.entries[at].key_span.range.start;
    let all = || (lists.iter()).flat_map(|(list, schema)| list.iter().map(|n| (n, *schema)));
    let above = all()
        .filter(|(n, _)| n.span.range.start < start)
        .max_by_key(|(n, _)| n.span.range.start)
        .filter(|(n, _)| lacks(n, "id"));
    let below = match starts_without(all().map(|(n, _)| n), "id")[..] {
        [one] if one > start => Some(one),
        _ => None,
    };
    let Some(header_at) = above.map(|(n, _)| n.span.range.start).or(below) else {
        return false;
    };
    let Some((node, schema)) = (lists.iter_mut())
        .flat_map(|(list, schema)| list.iter_mut().map(|n| (n, *schema)))
        .find(|(n, _)| n.span.range.start == header_at)
    else {
        return false;
    };
    let Value::Table(entry) = &mut node.value else {
        return false;
    };
    let (side, way) = if header_at < start {
        ("above", "up, below")
    } else {
        ("below", "down, below")
    };
    let id = table.entries.remove(at);
    let written = text
        .get(id.key_span.range.start..id.value.span.range.end)
        .unwrap_or("id");
    let d = Diagnostic::error(
        id.key_span.clone(),
        format!(
            "`{written}` is the id of the {} {side}, but {}",
            noun(schema),
            read_in(owner)
        ),
    )
    .label(under(owner))
    .secondary(
        node.span.clone(),
        format!("this {} has no `id`", noun(schema)),
    )
    .help(format!(
        "a key belongs to the header above it: move this line {way} the `{}` line (line {})",
        schema.name,
        line_number(text, header_at)
    ));
    diags.push(d);
    entry.entries.insert(0, id);
    true
}

/// The sections a `[set]` path starts with.
pub(super) const SET_ROOTS: [&str; 7] = [
    "scenario",
    "actors",
    "flags",
    "variables",
    "params",
    "events",
    "outcomes",
];

/// A variant's changes (`"events.x.probability" = 0.4`) read as the last keys of the table
/// above them (`[scenario]`, or the last event, its last branch, the last `[[expect]]`; its
/// header is `owner`), the `[set]` line above them deleted: one error, and they are given back
/// as the `[set]` table they were meant to be. A path is a quoted key with dots, or a dotted
/// one, which TOML reads as a table under its first word (`events`).
pub(super) fn set_without_header(
    table: &mut Table,
    owner: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let path = |e: &Entry| {
        let root = e.key.split('.').next().unwrap_or("");
        SET_ROOTS.contains(&root)
            && (e.key.contains('.') || matches!(e.value.value, Value::Table(_)))
    };
    let tail = table.entries.iter().rev().take_while(|e| path(e)).count();
    if tail == 0 {
        return None;
    }
    let paths = table.entries.split_off(table.entries.len() - tail);
    let d = Diagnostic::error(
        paths[0].key_span.clone(),
        format!(
            "`{}` changes the base, but {}",
            paths[0].key,
            read_in(owner)
        ),
    )
    .label(under(owner))
    .help("a key belongs to the header above it: is the `[set]` line missing above this one?");
    diags.push(below_too(d, &paths[1..]));
    Some(Table { entries: paths })
}

/// The number of the line between `from` and `to` that is the header `header` (`[variables]`),
/// if nothing but blank lines and comments stand around it.
fn header_between(text: &str, from: usize, to: usize, header: &str) -> Option<usize> {
    let between = text.get(from..to)?;
    let mut found = None;
    for (i, line) in between.lines().enumerate() {
        match line[..code_end(line)].trim() {
            "" => {}
            _ if header_of(line) == Some(header) && found.is_none() => found = Some(i),
            // The rest of the last stray's line (a comment) is its own.
            _ if i == 0 => {}
            _ => return None,
        }
    }
    found.map(|i| line_number(text, from) + i)
}

/// Whether the entry `node` has no `key`.
fn lacks(node: &Node, key: &str) -> bool {
    matches!(&node.value, Value::Table(t) if t.get(key).is_none())
}

/// Where the entries of `nodes` without `key` start: an entry a moved key line may come from.
pub(super) fn starts_without<'a>(nodes: impl Iterator<Item = &'a Node>, key: &str) -> Vec<usize> {
    nodes
        .filter(|n| lacks(n, key))
        .map(|n| n.span.range.start)
        .collect()
}

/// An entry of a list, as messages name it: `[[actors]]` -> "actor".
pub(super) fn noun(schema: &TableSchema) -> &'static str {
    let name = schema.name.trim_matches(['[', ']']);
    name.strip_suffix('s').unwrap_or(name)
}

/// Whether `name` is a word of a line that uses names (`when = ...`, `set = [...]`, `add`...),
/// as a flag or variable is and a misspelt key of the table is not.
fn used_by_name(text: &str, name: &str) -> bool {
    const USES: [&str; 6] = ["when", "set", "clear", "add", "probability", "factor"];
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.lines().any(|line| {
        let uses = line.split(|c: char| !word(c)).any(|w| USES.contains(&w)) && line.contains('=');
        uses && line.match_indices(name).any(|(at, _)| {
            !line[..at].ends_with(word) && !line[at + name.len()..].starts_with(word)
        })
    })
}

/// The owner of a pin's keys, for `entry_without_header`.
const PIN: &str = "[[expect]]";

/// The tables of `pins`, each with its owner: an `id` alone as a pin's last key is an entry's
/// below, its line moved up past its header.
pub(super) fn pins(pins: &mut [Node]) -> impl Iterator<Item = (&mut Table, &'static str)> {
    (pins.iter_mut()).filter_map(|n| match &mut n.value {
        Value::Table(t) => Some((t, PIN)),
        _ => None,
    })
}

/// The owner of keys above every header, for `entry_without_header`.
pub(super) const TOP_LEVEL: &str = "the top level";

/// Where a key is read, in the table `owner` or at the top level (above every header).
fn read_in(owner: &str) -> String {
    if owner != TOP_LEVEL {
        format!("is read as a key of {owner}")
    } else {
        "stands above every header".to_string()
    }
}

/// The label of a key read in the table `owner`, or at the top level.
fn under(owner: &str) -> String {
    if owner != TOP_LEVEL {
        format!("under the {owner} above")
    } else {
        "read at the top level".to_string()
    }
}
