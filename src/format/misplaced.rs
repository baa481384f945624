//! Entries in the wrong section, read where they were meant: keys of `[scenario]` above every
//! header (its line deleted or moved down), variables under `[flags]` and flags under
//! `[variables]` (a header line deleted, or the two swapped), `extends` below a header. Each is
//! one error, and the entries are checked where they belong, so that no error follows from where
//! they stood (a scenario without a `horizon`, every `add` of a variable refused as a flag's).
//! Entries whose header line is gone altogether are `headerless.rs`'s.

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, Table, Value};
use super::schema::PARAM_VALUE_KEYS;
use super::syntax_help::{header_of, line_number, line_of, lines_above};
use super::uses::Uses;

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
    let d = Diagnostic::error(first.key_span.clone(), headline)
        .label("read at the top level")
        .help(help);
    diags.push(below_too(d, &strays[1..]));
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
    // A yes or no used as a number is a variable given `true`, told where variables are read.
    // A number used as a flag is a flag given a number, told where flags are read.
    let (mut flag_uses, mut variable_uses) = (Uses::new(text), Uses::new(text));
    let (to_variables, kept_flags): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut flags.entries)
        .into_iter()
        .partition(|e| {
            is_variable(&e.value.value)
                && (e.value.as_table().is_some()
                    || !flag_uses.of(&e.key).is_some_and(|(flag, _)| flag))
        });
    let (to_flags, kept_variables): (Vec<Entry>, Vec<Entry>) =
        std::mem::take(&mut variables.entries)
            .into_iter()
            .partition(|e| {
                is_flag(&e.value.value)
                    && (variable_uses.of(&e.key)).is_none_or(|(flag, number)| flag || !number)
            });
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

/// Parameters written under `[flags]` (`shift = { normal = [0, 1] }`, `fixed = { value = 3 }`:
/// the line moved below the `[flags]` line, or the `[params]` line deleted above it): moved
/// under `[params]` with an error each, or one when `[params]` has nothing else, so that no
/// condition that reads them as numbers is refused for reading a flag.
pub(super) fn params_under_flags(
    flags: &mut Table,
    params: &mut Table,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let is_param = |v: &Value| match v {
        Value::Table(t) => {
            t.get("initial").is_none()
                && t.entries
                    .iter()
                    .any(|e| PARAM_VALUE_KEYS.contains(&e.key.as_str()))
        }
        _ => false,
    };
    let mut uses = Uses::new(text);
    let (to_params, kept): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut flags.entries)
        .into_iter()
        .partition(|e| is_param(&e.value.value) && !uses.of(&e.key).is_some_and(|(flag, _)| flag));
    flags.entries = kept;
    let home = Home {
        header: "[params]",
        rule: "a flag is true or false",
        other: "this table is a parameter's",
        these: "parameters",
    };
    // Read first, as if moved just below the `[params]` line, so that a parameter that reads
    // them is not refused for reading one declared after it; one written with an expression may
    // read others itself, and stays last.
    let first: Vec<String> = (to_params.iter())
        .filter(|e| !reads_names(&e.value.value) && params.get(&e.key).is_none())
        .map(|e| e.key.clone())
        .collect();
    move_all(
        to_params,
        params,
        |e| wrong(e, "flag", "`true` or `false`"),
        &home,
        text,
        diags,
    );
    params.entries.sort_by_key(|e| !first.contains(&e.key));
}

/// Flags and variables written under `[params]` (`mobilised = false`, `tension = { initial = 2,
/// max = 10 }`: the line moved above the header below, or that header's line deleted): moved
/// where they belong with an error each, or one when that table has nothing else, so that no
/// event that sets or adds to them is refused for writing a parameter.
pub(super) fn declarations_under_params(
    params: &mut Table,
    flags: &mut Table,
    variables: &mut Table,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let is_variable = |v: &Value| matches!(v, Value::Table(t) if t.get("initial").is_some());
    let (to_flags, kept): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut params.entries)
        .into_iter()
        .partition(|e| matches!(e.value.value, Value::Bool(_)));
    let (to_variables, kept): (Vec<Entry>, Vec<Entry>) =
        kept.into_iter().partition(|e| is_variable(&e.value.value));
    params.entries = kept;
    let rule = "a parameter is a number, a distribution or an expression, fixed for a trial";
    let flags_home = Home {
        header: "[flags]",
        rule,
        other: "true or false is a flag",
        these: "flags",
    };
    let param_wrong =
        |e: &Entry| wrong(e, "parameter", "a number, a distribution or an expression");
    move_all(to_flags, flags, param_wrong, &flags_home, text, diags);
    let variables_home = Home {
        header: "[variables]",
        rule,
        other: "a table with `initial` is a variable, which events change",
        these: "variables",
    };
    let variable_here = |e: &Entry| {
        Diagnostic::error(
            e.key_span.clone(),
            format!("`{}` is a variable, but stands under `[params]`", e.key),
        )
        .label("read as a parameter")
    };
    move_all(
        to_variables,
        variables,
        variable_here,
        &variables_home,
        text,
        diags,
    );
}

/// Whether a parameter's table holds text other than its notes: an expression, which may read
/// other parameters.
fn reads_names(v: &Value) -> bool {
    match v {
        Value::String(..) => true,
        Value::Array(items) => items.iter().any(|n| reads_names(&n.value)),
        Value::Table(t) => (t.entries.iter())
            .filter(|e| !matches!(e.key.as_str(), "unit" | "source" | "rationale"))
            .any(|e| reads_names(&e.value.value)),
        _ => false,
    }
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

/// `d` with the keys of `rest`, the entries after the one it is told at, under it: "`b`, `c`
/// below it too".
pub(super) fn below_too(d: Diagnostic, rest: &[Entry]) -> Diagnostic {
    below_too_named(d, rest.iter().map(|e| e.key.as_str()))
}

/// [`below_too`] for names that are no entry's key (a path a dotted key writes).
pub(super) fn below_too_named<'a>(
    d: Diagnostic,
    rest: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let names: Vec<String> = rest.map(|name| format!("`{name}`")).collect();
    if names.is_empty() {
        return d;
    }
    d.note(format!("{} below it too", names.join(", ")))
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

/// Moves entries written under the wrong header to `to`, with an error each; several, and `to`
/// empty: its header line is likely gone, above the first of them, and that is one error.
fn move_all(
    moved: Vec<Entry>,
    to: &mut Table,
    wrong: impl Fn(&Entry) -> Diagnostic,
    home: &Home,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if moved.len() > 1 && to.entries.is_empty() {
        diags.push(below_too(wrong(&moved[0]), &moved[1..]).help(format!(
            "{}, and these are {}: is the `{}` line missing above this one?",
            home.rule, home.these, home.header
        )));
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
    let at = lines_above(text, line_of(text, before).start)
        .find(|l| header_of(&text[l.clone()]) == Some(header))?
        .start;
    Some(line_number(text, at))
}

/// `extends` or `remove` written below a header (`[scenario]`, where keys usually go, or any
/// table a moved line lands in), taken out of the first of `tables` that holds it, with an
/// error: the base it names is still read, and what it removes removed. Each table comes with
/// its header and whether any value is taken there (`[scenario]`) or only a value of the key's
/// shape (a table of names, say, may hold an `extends` of its own). Returned in that order.
pub(super) fn top_keys_below(
    mut tables: Vec<(&mut Table, String, bool)>,
    diags: &mut Vec<Diagnostic>,
) -> [Option<Node>; 2] {
    ["extends", "remove"].map(|key| {
        let (e, owner) = tables.iter_mut().find_map(|(t, owner, any)| {
            let i = t.entries.iter().position(|e| {
                e.key == key
                    && (*any
                        || match key {
                            "extends" => matches!(e.value.value, Value::String(..)),
                            _ => matches!(e.value.value, Value::Array(_)),
                        })
            })?;
            Some((t.entries.remove(i), owner.clone()))
        })?;
        diags.push(
            Diagnostic::error(
                e.key_span,
                format!("`{key}` goes at the top of the file, above `[scenario]`"),
            )
            .label(format!("read as part of {owner} here"))
            .help(
                "move this line above the `[scenario]` line: a key below a header belongs to \
                 that table",
            ),
        );
        Some(e.value)
    })
}
