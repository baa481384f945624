//! Entries in the wrong section, read where they were meant: keys of `[scenario]` above every
//! header (its line deleted or moved down), variables under `[flags]` (the `[variables]` line
//! deleted, or a number written with the flags). Each is one error, and the entries are checked
//! where they belong, so that no error follows from where they stood (a scenario without a
//! `horizon`, every `add` of a variable refused as a flag's).

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, Table, Value};

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

/// Variables written under `[flags]` (`tension = 3`, `{ initial = 2, max = 10 }`): each an
/// error, and moved to `[variables]` where that has no entry of the name. `0` and `1` stay flags
/// (a yes or no written as a number, told as such where flags are read).
pub(super) fn variables_under_flags(
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
    let (moved, kept): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut flags.entries)
        .into_iter()
        .partition(|e| is_variable(&e.value.value));
    flags.entries = kept;
    let wrong = |e: &Entry| {
        Diagnostic::error(
            e.value.span.clone(),
            format!(
                "flag `{}` must be `true` or `false`, found {}",
                e.key,
                e.value.value.type_name()
            ),
        )
        .label("expected `true` or `false`")
    };
    // Several, and no `[variables]` at all: its line is likely gone, above the first of them.
    if moved.len() > 1 && variables.entries.is_empty() {
        let names: Vec<String> = moved.iter().map(|e| format!("`{}`", e.key)).collect();
        diags.push(
            wrong(&moved[0])
                .note(format!("{} below it too", names[1..].join(", ")))
                .help(
                    "a flag is true or false, and these are variables: is the `[variables]` \
                     line missing above this one?",
                ),
        );
        variables.entries = moved;
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
            "a flag is true or false; a number is a variable: move {line} under `[variables]`"
        )));
        if variables.get(&e.key).is_none() {
            variables.entries.push(e);
        }
    }
}

/// `extends` written below a header (`[scenario]`, where keys usually go, or any table a moved
/// line lands in), taken out of the first of `tables` that holds it, with an error: the base it
/// names is still read. Each table comes with its header and whether any value is taken there
/// (`[scenario]`) or only a file's name (a table of names, say, may hold an `extends` of its own).
pub(super) fn extends_below(
    tables: Vec<(&mut Table, &str, bool)>,
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
