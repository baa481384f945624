//! Entries in the wrong section, read where they were meant: keys of `[scenario]` above every
//! header (its line deleted or moved down), variables under `[flags]` and flags under
//! `[variables]` (a header line deleted, or the two swapped), flags and variables read as keys of
//! the table above (their header line deleted). Each is one error, and the entries are checked
//! where they belong, so that no error follows from where they stood (a scenario without a
//! `horizon`, every `add` of a variable refused as a flag's).

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, Table, Value};
use super::schema::{PARAM, TableSchema};
use super::suggest::closest;

/// Keys of `[scenario]` written above every header, where TOML reads them as keys of the top
/// level: one error for them all, and they are read as `[scenario]`'s (where it lacks them), so
/// that no "[scenario] has no `horizon`" follows.
pub(super) fn scenario_keys_on_top(
    scenario: &mut Option<Node>,
    strays: Vec<Entry>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(first) = strays.first() else {
        return;
    };
    let names: Vec<String> = strays.iter().map(|e| format!("`{}`", e.key)).collect();
    // (`[scenario.run]` alone makes a `[scenario]` with no keys of its own and no line.)
    let has_line = scenario.as_ref().is_some_and(|s| {
        s.as_table()
            .is_some_and(|t| t.entries.iter().any(|e| e.value.as_table().is_none()))
    });
    let headline = format!(
        "`{}` is a key of `[scenario]`, but stands above every header",
        first.key
    );
    let help = format!(
        "a key belongs to the header above it: {} the `[scenario]` line above this one",
        if has_line { "move" } else { "write" }
    );
    let mut d = Diagnostic::error(first.key_span.clone(), headline)
        .label("read at the top level")
        .help(help);
    if strays.len() > 1 {
        d = d.note(format!("{} below it too", names[1..].join(", ")));
    }
    diags.push(d);
    let span = first.key_span.clone();
    let scenario = scenario.get_or_insert_with(|| Node::new(Value::Table(Table::default()), span));
    if let Value::Table(t) = &mut scenario.value {
        for e in strays {
            if t.get(&e.key).is_none() {
                t.entries.push(e);
            }
        }
    }
}

/// Entries of `[flags]` and `[variables]` under the other's header: variables under `[flags]`
/// (`tension = 3`, `{ initial = 2, max = 10 }`; the `[variables]` line deleted, or a number
/// written with the flags) and flags under `[variables]` (`europe_at_war = false`). Each is an
/// error and moved where it belongs (unless an entry of its name is there already); the two
/// headers swapped, or one line missing above several, is one error. `0` and `1` stay flags (a
/// yes or no written as a number, told as such where flags are read).
pub(super) fn flags_and_variables(
    flags: &mut Table,
    variables: &mut Table,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let is_variable = |v: &Value| match v {
        Value::Integer(n) => !matches!(n, 0 | 1),
        Value::Float(_) => true,
        Value::Table(t) => t.get("initial").is_some(),
        _ => false,
    };
    let is_flag = |v: &Value| matches!(v, Value::Bool(_));
    let (to_variables, kept_flags): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut flags.entries)
        .into_iter()
        .partition(|e| is_variable(&e.value.value));
    let (to_flags, kept_variables): (Vec<Entry>, Vec<Entry>) =
        std::mem::take(&mut variables.entries)
            .into_iter()
            .partition(|e| is_flag(&e.value.value));
    flags.entries = kept_flags;
    variables.entries = kept_variables;
    let flag_wrong = |e: &Entry| wrong(e, "flag", "`true` or `false`");
    let variable_wrong = |e: &Entry| wrong(e, "variable", "a number or a table");
    // Every entry under each header belongs under the other: the two header lines swapped.
    if !to_variables.is_empty()
        && !to_flags.is_empty()
        && flags.entries.is_empty()
        && variables.entries.is_empty()
    {
        let lines = header_line(text, to_variables[0].key_span.range.start, "[flags]").zip(
            header_line(text, to_flags[0].key_span.range.start, "[variables]"),
        );
        let swap = match lines {
            Some((f, v)) => {
                format!("swap the `[flags]` line ({f}) and the `[variables]` line ({v})")
            }
            None => "swap the `[flags]` and `[variables]` headers".to_string(),
        };
        diags.push(
            flag_wrong(&to_variables[0])
                .note(format!(
                    "every entry under `[flags]` is a variable, and every entry under \
                     `[variables]` (`{}`{}) is true or false",
                    to_flags[0].key,
                    if to_flags.len() > 1 { ", ..." } else { "" }
                ))
                .help(format!(
                    "a flag is true or false, a variable a number: {swap}"
                )),
        );
        flags.entries = to_flags;
        variables.entries = to_variables;
        return;
    }
    let variables_home = Home {
        header: "[variables]",
        rule: "a flag is true or false",
        other: "a number is a variable",
        these: "variables",
    };
    move_all(
        to_variables,
        variables,
        flag_wrong,
        &variables_home,
        text,
        diags,
    );
    let flags_home = Home {
        header: "[flags]",
        rule: "a variable is a number",
        other: "true or false is a flag",
        these: "flags",
    };
    move_all(to_flags, flags, variable_wrong, &flags_home, text, diags);
}

/// Where misplaced entries go, and the words that say why.
struct Home {
    /// `[variables]`
    header: &'static str,
    /// What the table they stand in holds: "a flag is true or false".
    rule: &'static str,
    /// What they are: "a number is a variable".
    other: &'static str,
    /// "variables"
    these: &'static str,
}

/// "flag `x` must be `true` or `false`, found a table", told at the value.
fn wrong(e: &Entry, what: &str, expected: &str) -> Diagnostic {
    Diagnostic::error(
        e.value.span.clone(),
        format!(
            "{what} `{}` must be {expected}, found {}",
            e.key,
            e.value.value.type_name()
        ),
    )
    .label(format!("expected {expected}"))
}

/// Moves entries written under the wrong header to `to`, with an error each; several, and `to` empty: its header line is likely gone, above the
/// first of them, and that is one error.
fn move_all(
    moved: Vec<Entry>,
    to: &mut Table,
    wrong: impl Fn(&Entry) -> Diagnostic,
    home: &Home,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if moved.len() > 1 && to.entries.is_empty() {
        let names: Vec<String> = moved.iter().map(|e| format!("`{}`", e.key)).collect();
        diags.push(
            wrong(&moved[0])
                .note(format!("{} below it too", names[1..].join(", ")))
                .help(format!(
                    "{}, and these are {}: is the `{}` line missing above this one?",
                    home.rule, home.these, home.header
                )),
        );
        to.entries = moved;
        return;
    }
    for e in moved {
        let written = text.get(e.value.span.range.clone()).unwrap_or("");
        let line = if written.is_empty() || written.contains('\n') {
            format!("`{}`", e.key)
        } else {
            format!("`{} = {written}`", e.key)
        };
        diags.push(wrong(&e).help(format!(
            "{}; {}: move {line} under `{}`",
            home.rule, home.other, home.header
        )));
        if to.get(&e.key).is_none() {
            to.entries.push(e);
        }
    }
}

/// The number of the last line above `before` that is the header `header` (`[flags]`).
fn header_line(text: &str, before: usize, header: &str) -> Option<usize> {
    let above = text.get(..before)?;
    let (at, _) = above.rmatch_indices(header).find(|&(at, _)| {
        above[..at]
            .rsplit('\n')
            .next()
            .is_some_and(|s| s.trim().is_empty())
    })?;
    Some(1 + above[..at].matches('\n').count())
}

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
                && t.entries
                    .iter()
                    .any(|e| !matches!(e.key.as_str(), "unit" | "source" | "rationale")) =>
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
/// `probabilty = 0.1` is not a variable), where this file has no entries of the kind (`has`:
/// flags, variables, parameters), and each named where names are used or one of them surely a
/// declaration (a flag, a variable's or a parameter's table).
pub(super) fn declarations_without_header(
    tables: Vec<(&mut Table, Option<&'static TableSchema>)>,
    has: [bool; 3],
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Kind, Entry)> {
    let has = |k: Kind| match k {
        Kind::Flag => has[0],
        Kind::Variable => has[1],
        Kind::Param => has[2],
    };
    for (table, schema) in tables {
        let name = |k: &str| k.chars().all(|c| c.is_alphanumeric() || c == '_');
        let stray = |e: &Entry| match (schema, looks(&e.value.value)) {
            (_, None) => false,
            // A path (`"events.x.probability" = 0.3`, a `[set]` line gone) is not a name.
            _ if !name(&e.key) => false,
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
        if !likely || kinds.iter().any(|&k| has(k)) {
            continue;
        }
        let name = schema.map_or("[params]", |s| s.name);
        let header = format!("`{name}`");
        let owner = match table.get("id").map(|n| &n.value) {
            // `[[actors]]` -> "actor `japan`", as unknown keys are told.
            Some(Value::String(id, _)) if schema.is_some() => {
                let kind = name.trim_matches(['[', ']']);
                format!("{} `{id}`", kind.strip_suffix('s').unwrap_or(kind))
            }
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
        let missing = match &firsts[..] {
            [(k, _)] => format!("is the {} line missing above this one?", k.header()),
            _ => {
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
        let mut d = Diagnostic::error(
            first.key_span.clone(),
            format!(
                "`{}` looks like {}, but is read as a key of {owner}",
                first.key,
                kinds[0].noun()
            ),
        )
        .label(format!("under the {header} above"))
        .help(format!("a key belongs to the header above it: {missing}"));
        if strays.len() > 1 {
            let names: Vec<String> = strays[1..].iter().map(|e| format!("`{}`", e.key)).collect();
            d = d.note(format!("{} below it too", names.join(", ")));
        }
        diags.push(d);
        return kinds.into_iter().zip(strays).collect();
    }
    Vec::new()
}

/// The sections a `[set]` path starts with.
const SET_ROOTS: [&str; 7] = [
    "scenario",
    "actors",
    "flags",
    "variables",
    "params",
    "events",
    "outcomes",
];

/// A variant's changes (`"events.x.probability" = 0.4`) read as the last keys of `[scenario]`,
/// the `[set]` line above them deleted: one error, and they are given back as the `[set]` table
/// they were meant to be. A path is a quoted key with dots, or a dotted one, which TOML reads as
/// a table under its first word (`events`).
pub(super) fn set_without_header(
    scenario: &mut Table,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let path = |e: &Entry| {
        let root = e.key.split('.').next().unwrap_or("");
        SET_ROOTS.contains(&root)
            && (e.key.contains('.') || matches!(e.value.value, Value::Table(_)))
    };
    let tail = scenario
        .entries
        .iter()
        .rev()
        .take_while(|e| path(e))
        .count();
    if tail == 0 {
        return None;
    }
    let paths = scenario.entries.split_off(scenario.entries.len() - tail);
    let mut d = Diagnostic::error(
        paths[0].key_span.clone(),
        format!(
            "`{}` changes the base, but is read as a key of `[scenario]`",
            paths[0].key
        ),
    )
    .label("under the `[scenario]` above")
    .help("a key belongs to the header above it: is the `[set]` line missing above this one?");
    if paths.len() > 1 {
        let names: Vec<String> = paths[1..].iter().map(|e| format!("`{}`", e.key)).collect();
        d = d.note(format!("{} below it too", names.join(", ")));
    }
    diags.push(d);
    Some(Table { entries: paths })
}

/// "a, b and c".
fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
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

/// `extends` written below a header (`[scenario]`, where keys usually go, or any table a moved
/// line lands in), taken out of the first of `tables` that holds it, with an error: the base it
/// names is still read. Each table comes with its header and whether any value is taken there
/// (`[scenario]`) or only a file's name (a table of names, say, may hold an `extends` of its own).
pub(super) fn extends_below(
    tables: Vec<(&mut Table, String, bool)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Node> {
    let (e, owner) = tables.into_iter().find_map(|(t, owner, any)| {
        let i = t.entries.iter().position(|e| {
            e.key == "extends" && (any || matches!(e.value.value, Value::String(..)))
        })?;
        Some((t.entries.remove(i), owner))
    })?;
    diags.push(
        Diagnostic::error(
            e.key_span,
            "`extends` goes at the top of the file, above `[scenario]`",
        )
        .label(format!("read as part of {owner} here"))
        .help(
            "move this line above the `[scenario]` line: a key below a header belongs to that \
             table",
        ),
    );
    Some(e.value)
}
