//! A scenario document: the top-level sections of one file, or of a file merged with its bases.
//!
//! Sections are kept as spanned [`Node`]s, not checked values: merging and overrides work on
//! this form so that every value keeps the location it was written at, and checking happens once,
//! on the final document (`model::compile`).

use super::branch_tail_id;
use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, Table, Value};
use super::doubled_header;
pub use super::entry_id::id_of;
use super::entry_id::{id_span, id_written_as};
use super::expect_headerless;
use super::headerless;
use super::idless_entry;
use super::misplaced;
use super::moved_key;
use super::schema;
use super::section_brackets;
use super::section_tables::{keyed_tables, scenario_tail, set_candidates};
use super::set_on_top;
pub use super::set_paths::{set_entries, set_twice};
use super::source::{FileId, Span};
use super::split_header;
use super::top_keys;

#[derive(Clone, Debug)]
pub struct ScenarioDoc {
    /// The file the document was loaded for (the last one of an `extends` chain).
    pub root: FileId,
    /// `[scenario]`, a table node (the span of its header).
    pub scenario: Option<Node>,
    pub actors: Vec<Node>,
    pub flags: Table,
    pub variables: Table,
    /// `[params]`: named numbers fixed for one trial.
    pub params: Table,
    pub events: Vec<Node>,
    pub outcomes: Vec<Node>,
    pub expects: Vec<Node>,
}

/// One file's own sections plus what only concerns loading it.
#[derive(Debug)]
pub struct FileDoc {
    pub body: ScenarioDoc,
    pub extends: Option<Node>,
    pub remove: Option<Node>,
    /// `[set]` entries, flattened to `(dotted path, path span, value)`.
    pub set: Vec<(String, Span, Node)>,
}

/// The kinds of declarations that share one namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    Actor,
    Flag,
    Variable,
    Param,
    Event,
    Outcome,
}

impl DeclKind {
    pub fn noun(self) -> &'static str {
        match self {
            DeclKind::Actor => "an actor",
            DeclKind::Flag => "a flag",
            DeclKind::Variable => "a variable",
            DeclKind::Param => "a parameter",
            DeclKind::Event => "an event",
            DeclKind::Outcome => "an outcome",
        }
    }

    /// The first segment of a path (`events.x`).
    pub fn section(self) -> &'static str {
        match self {
            DeclKind::Actor => "actors",
            DeclKind::Flag => "flags",
            DeclKind::Variable => "variables",
            DeclKind::Param => "params",
            DeclKind::Event => "events",
            DeclKind::Outcome => "outcomes",
        }
    }
}

/// A declared id: its kind, and the span of the id text.
#[derive(Clone, Debug)]
pub struct Decl {
    pub id: String,
    pub kind: DeclKind,
    pub span: Span,
}

impl ScenarioDoc {
    pub fn empty(root: FileId) -> ScenarioDoc {
        ScenarioDoc {
            root,
            scenario: None,
            actors: Vec::new(),
            flags: Table::default(),
            variables: Table::default(),
            params: Table::default(),
            events: Vec::new(),
            outcomes: Vec::new(),
            expects: Vec::new(),
        }
    }

    /// Every declaration, in file order within each kind.
    pub fn decls(&self) -> Vec<Decl> {
        let mut out = Vec::new();
        let list = |nodes: &[Node], kind: DeclKind, out: &mut Vec<Decl>| {
            for n in nodes {
                // An event or outcome (no `name` in its schema) may be named by `name`.
                let named = matches!(kind, DeclKind::Event | DeclKind::Outcome);
                let by_name = || id_written_as(n.as_table()?, named)?.value.as_str();
                if let Some(id) = id_of(n).or_else(by_name) {
                    out.push(Decl {
                        id: id.to_string(),
                        kind,
                        span: id_span(n),
                    });
                }
            }
        };
        list(&self.actors, DeclKind::Actor, &mut out);
        for (table, kind) in [
            (&self.flags, DeclKind::Flag),
            (&self.variables, DeclKind::Variable),
            (&self.params, DeclKind::Param),
        ] {
            for e in &table.entries {
                out.push(Decl {
                    id: e.key.clone(),
                    kind,
                    span: e.key_span.clone(),
                });
            }
        }
        list(&self.events, DeclKind::Event, &mut out);
        list(&self.outcomes, DeclKind::Outcome, &mut out);
        out
    }

    pub fn list_mut(&mut self, kind: DeclKind) -> Option<&mut Vec<Node>> {
        match kind {
            DeclKind::Actor => Some(&mut self.actors),
            DeclKind::Event => Some(&mut self.events),
            DeclKind::Outcome => Some(&mut self.outcomes),
            DeclKind::Flag | DeclKind::Variable | DeclKind::Param => None,
        }
    }
}

/// Splits a parsed file into its sections. Wrong shapes and unknown top-level keys are reported.
pub fn split_file(file: FileId, text: &str, table: Table, diags: &mut Vec<Diagnostic>) -> FileDoc {
    let mut doc = FileDoc {
        body: ScenarioDoc::empty(file),
        extends: None,
        remove: None,
        set: Vec::new(),
    };
    let mut misspelt = Vec::new();
    // Keys of `[scenario]` above every header (the `[scenario]` line deleted or moved down).
    let mut strays: Vec<Entry> = Vec::new();
    // `[set]`, flattened once the recoveries below have taken back an entry read as its keys.
    let mut set_table: Option<Table> = None;
    // A variant's changes above every header, the `[set]` line left out.
    let mut top_changes = Table::default();
    // An entry above every header, its header line deleted: `headerless` reads it as meant.
    let mut top_entry = Table::default();
    let variant = table.entries.iter().any(|e| e.key == "extends");
    for entry in table.entries {
        if set_on_top::is_change(&entry, text, variant) {
            top_changes.entries.push(entry);
            continue;
        }
        if top_keys::entry_goes_on(&top_entry, &entry.key, &entry.value) {
            top_entry.entries.push(entry);
            continue;
        }
        let Entry {
            key,
            key_span,
            value,
        } = entry;
        if key == "set"
            && let Value::Table(t) = value.value
        {
            set_table = Some(t);
            continue;
        }
        if let Err(value) = place(&mut doc, &key, value, diags) {
            if schema::SCENARIO.keys().any(|k| k == key) {
                strays.push(Entry {
                    key,
                    key_span,
                    value,
                });
                continue;
            }
            // `[variab.les]`: a `.` typed inside a section's name makes a table in a table.
            if let Some((d, name, inner)) = split_header::split_header(&key, &key_span, &value) {
                diags.push(d);
                misspelt.push((name, inner));
                continue;
            }
            let (error, guess) = top_keys::unknown(&key, key_span, &value);
            diags.push(error);
            misspelt.extend(guess.map(|g| (g, value)));
        }
    }
    // An `id` with only `[scenario]`'s keys (`name`, `description`) is the scenario's, not an
    // entry's: told as before, and the keys are `[scenario]`'s strays.
    if (top_entry.entries.iter()).all(|e| e.key == "id" || schema::SCENARIO.field(&e.key).is_some())
    {
        for entry in std::mem::take(&mut top_entry.entries) {
            if entry.key == "id" {
                diags.push(top_keys::unknown(&entry.key, entry.key_span, &entry.value).0);
            } else {
                strays.push(entry);
            }
        }
    }
    if !top_changes.entries.is_empty() {
        diags.extend(set_on_top::error(&set_entries(&top_changes)));
        let set = set_table.get_or_insert_with(Table::default);
        set.entries.splice(0..0, top_changes.entries);
    }
    // `[[Outcomes]]` for `[[outcomes]]`: the slip is reported above, and its entries are checked
    // as the section it meant, so that the errors that follow are about the entries, not a
    // scenario with no outcomes and every outcome unknown.
    let events_misspelt = misspelt.iter().any(|(section, _)| section == "events");
    for (section, value) in misspelt {
        if recoverable(&doc, &section, &value) && !(section == "set" && set_table.is_some()) {
            // A known section is always placed.
            let _ = place(&mut doc, &section, value, diags);
        } else {
            let body = &mut doc.body;
            // `[cenario]` above `[scenario.run]`: the keys the section lacks join it.
            let table = match section.as_str() {
                "scenario" => body.scenario.as_mut().and_then(Node::as_table_mut),
                "flags" => Some(&mut body.flags),
                "variables" => Some(&mut body.variables),
                "params" => Some(&mut body.params),
                _ => None,
            };
            if let Some(table) = table {
                section_brackets::join_table(table, value);
                continue;
            }
            let list = match section.as_str() {
                "actors" => &mut body.actors,
                "events" => &mut body.events,
                "outcomes" => &mut body.outcomes,
                "expect" => &mut body.expects,
                _ => continue,
            };
            section_brackets::join_list(list, value);
        }
    }
    if events_misspelt {
        section_brackets::sub_lists_to_entry_above(&mut doc.body.events, diags);
    }
    let ScenarioDoc {
        scenario,
        actors,
        flags,
        variables,
        params,
        events,
        outcomes,
        expects,
        ..
    } = &mut doc.body;
    // The recoveries of a header line deleted or moved run in this order, each on what the
    // ones before left: `[scenario]`'s keys above every header; a whole entry read as keys of
    // the table above it (an event's `repeat = true` must leave `[variables]` before it could
    // be taken for a flag); flags and variables under each other's header, parameters under
    // `[flags]`; declarations read as keys of the entry above them (the last keys of `[params]`
    // included), then flags and variables left among the parameters; last a variant's `[set]`
    // paths, which none before claims.
    misplaced::scenario_keys_on_top(scenario, strays, diags);
    let mut lists = [actors, events, outcomes, expects];
    let [actor_list, event_list, outcome_list, expect_list] = lists.each_mut();
    branch_tail_id::ids_below_branches(
        &mut [
            (&mut **event_list, &schema::EVENT),
            (&mut **outcome_list, &schema::OUTCOME),
            (&mut **actor_list, &schema::ACTOR),
        ],
        text,
        diags,
    );
    headerless::entry_without_header(
        [(&mut top_entry, headerless::TOP_LEVEL)]
            .into_iter()
            .chain(scenario_tail(scenario))
            .chain([
                (&mut *flags, "`[flags]`"),
                (&mut *variables, "`[variables]`"),
                (&mut *params, "`[params]`"),
            ])
            .chain(set_table.as_mut().map(|t| (t, "`[set]`")))
            .chain(headerless::pins(expect_list))
            .collect(),
        [
            (&mut **event_list, &schema::EVENT),
            (&mut **outcome_list, &schema::OUTCOME),
            (&mut **actor_list, &schema::ACTOR),
        ],
        text,
        diags,
    );
    for Entry {
        key,
        key_span,
        value,
    } in top_entry.entries
    {
        diags.push(top_keys::unknown(&key, key_span, &value).0);
    }
    // Branches read with no event above them and none of its keys joined: told, left out.
    event_list.retain(|n| {
        n.as_table()
            .is_none_or(|t| section_brackets::sub_lists_only(t).is_none())
    });
    doubled_header::doubled_headers(
        [
            (&mut **actor_list, "[[actors]]"),
            (&mut **event_list, "[[events]]"),
            (&mut **outcome_list, "[[outcomes]]"),
            (&mut **expect_list, "[[expect]]"),
        ],
        text,
        diags,
    );
    idless_entry::entry_keys_in_names(
        [
            (&mut *flags, "`[flags]`"),
            (&mut *variables, "`[variables]`"),
            (&mut *params, "`[params]`"),
        ]
        .into_iter()
        .chain(set_table.as_mut().map(|t| (t, "`[set]`")))
        .collect(),
        text,
        diags,
    );
    moved_key::key_of_entry_elsewhere(
        vec![
            (&mut *flags, "`[flags]`"),
            (&mut *variables, "`[variables]`"),
            (&mut *params, "`[params]`"),
        ],
        [
            (&mut **event_list, &schema::EVENT),
            (&mut **outcome_list, &schema::OUTCOME),
            (&mut **actor_list, &schema::ACTOR),
        ],
        text,
        diags,
    );
    expect_headerless::expect_without_header(
        (scenario_tail(scenario).into_iter())
            .chain(set_table.as_mut().map(|t| (t, "`[set]`")))
            .collect(),
        lists.each_mut().map(|l| &mut **l),
        diags,
    );
    misplaced::flags_and_variables(flags, variables, text, diags);
    misplaced::params_under_flags(flags, params, text, diags);
    let firsts =
        [&*flags, &*variables, &*params].map(|t| t.entries.first().map(|e| e.key_span.range.start));
    let mut above = keyed_tables(scenario, lists.each_mut().map(|l| &mut **l), true)
        .into_iter()
        .map(|(t, schema)| (t, Some(schema)))
        .collect::<Vec<_>>();
    above.push((params, None));
    let strays = headerless::declarations_without_header(above, firsts, text, diags);
    for (kind, e) in strays {
        match kind {
            headerless::Kind::Flag => flags.entries.push(e),
            headerless::Kind::Variable => variables.entries.push(e),
            headerless::Kind::Param => params.entries.push(e),
        }
    }
    misplaced::declarations_under_params(params, flags, variables, text, diags);
    if let Some(mut t) = set_table {
        // (`remove = [...]` below `[set]` is no path: it goes at the top, as below.)
        let tables = vec![(&mut t, "`[set]`".to_string(), false)];
        let [base, remove] = misplaced::top_keys_below(tables, diags);
        doc.extends = doc.extends.take().or(base);
        doc.remove = doc.remove.take().or(remove);
        doc.set = set_entries(&t);
        diags.extend(set_twice(&doc.set, "`[set]`"));
    }
    if doc.set.is_empty()
        && let Some(set) = set_candidates(scenario, &mut lists)
            .into_iter()
            .find_map(|(t, owner)| headerless::set_without_header(t, owner, diags))
    {
        doc.set = set_entries(&set);
        diags.extend(set_twice(&doc.set, "`[set]`"));
    }
    // `extends` or `remove` written below a header, as keys usually are: an error, but read as
    // meant, so that the errors that follow are not those of a scenario without its base.
    let mut tables: Vec<(&mut Table, String, bool)> = keyed_tables(scenario, lists, false)
        .into_iter()
        .map(|(t, schema)| (t, format!("`{}`", schema.name), schema == &schema::SCENARIO))
        .collect();
    for (t, owner) in [
        (flags, "`[flags]`"),
        (variables, "`[variables]`"),
        (params, "`[params]`"),
    ] {
        tables.push((t, owner.to_string(), false));
    }
    let [base, remove] = misplaced::top_keys_below(tables, diags);
    if let Some(base) = base {
        doc.extends.get_or_insert(base);
    }
    if let Some(remove) = remove {
        doc.remove.get_or_insert(remove);
    }
    doc
}

/// Puts a known top-level key's value in its place; an unknown key's value is given back.
fn place(
    doc: &mut FileDoc,
    key: &str,
    value: Node,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), Node> {
    match key {
        "extends" => doc.extends = Some(value),
        "remove" => doc.remove = Some(value),
        "scenario" => {
            doc.body.scenario = expect_table(key, value, diags);
        }
        "flags" | "variables" | "params" => {
            if let Some(Node {
                value: Value::Table(t),
                ..
            }) = expect_table(key, value, diags)
            {
                match key {
                    "flags" => doc.body.flags = t,
                    "variables" => doc.body.variables = t,
                    _ => doc.body.params = t,
                }
            }
        }
        "actors" | "events" | "outcomes" | "expect" => {
            let list = tables_array(key, value, diags);
            match key {
                "actors" => doc.body.actors = list,
                "events" => doc.body.events = list,
                "outcomes" => doc.body.outcomes = list,
                _ => doc.body.expects = list,
            }
        }
        "set" => {
            if let Some(Node {
                value: Value::Table(t),
                ..
            }) = expect_table(key, value, diags)
            {
                doc.set = set_entries(&t);
                diags.extend(set_twice(&doc.set, "`[set]`"));
            }
        }
        _ => return Err(value),
    }
    Ok(())
}

/// A misspelt section is checked as the one it meant only when that one is absent from the file
/// and the value has its shape (so no second error is reported about it).
fn recoverable(doc: &FileDoc, section: &str, value: &Node) -> bool {
    let tables = || match &value.value {
        Value::Array(items) => items.iter().all(|i| i.as_table().is_some()),
        _ => false,
    };
    let body = &doc.body;
    match section {
        "scenario" => body.scenario.is_none() && value.as_table().is_some(),
        "flags" => body.flags.entries.is_empty() && value.as_table().is_some(),
        "variables" => body.variables.entries.is_empty() && value.as_table().is_some(),
        "params" => body.params.entries.is_empty() && value.as_table().is_some(),
        "actors" => body.actors.is_empty() && tables(),
        "events" => body.events.is_empty() && tables(),
        "outcomes" => body.outcomes.is_empty() && tables(),
        "expect" => body.expects.is_empty() && tables(),
        // `Extends = "baseline.toml"`: read without its base, the file would be a scenario
        // without events or outcomes.
        "extends" => doc.extends.is_none() && matches!(value.value, Value::String(..)),
        "remove" => doc.remove.is_none() && matches!(value.value, Value::Array(_)),
        "set" => doc.set.is_empty() && value.as_table().is_some(),
        _ => false,
    }
}

/// The table `value` is, or stands for (`[[variables]]` for `[variables]`, refused and read as
/// meant); `None` after the error when it is no table.
fn expect_table(key: &str, value: Node, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    match value.value {
        Value::Table(_) => Some(value),
        Value::Invalid => None,
        Value::Array(items)
            if items.iter().all(|i| i.as_table().is_some()) && !items.is_empty() =>
        {
            let (error, table) = section_brackets::table_as_meant(key, items, &value.span);
            diags.push(error);
            table
        }
        other => {
            diags.push(
                Diagnostic::error(
                    value.span.clone(),
                    format!("`{key}` must be a table, found {}", other.type_name()),
                )
                .label("expected a table")
                .help(format!("write it as a section: `[{key}]`")),
            );
            None
        }
    }
}

fn tables_array(key: &str, value: Node, diags: &mut Vec<Diagnostic>) -> Vec<Node> {
    match value.value {
        Value::Array(items) => items
            .into_iter()
            .filter(|item| {
                let ok = item.as_table().is_some();
                if !ok && !item.is_invalid() {
                    diags.push(
                        Diagnostic::error(
                            item.span.clone(),
                            format!(
                                "each entry of `{key}` must be a table, found {}",
                                item.value.type_name()
                            ),
                        )
                        .label("expected a table")
                        .help(format!("write each entry as a `[[{key}]]` section")),
                    );
                }
                ok
            })
            .collect(),
        Value::Invalid => Vec::new(),
        Value::Table(table) => {
            let (error, entries) = section_brackets::read_as_meant(key, table, &value.span);
            diags.push(error);
            entries
        }
        other => {
            diags.push(
                Diagnostic::error(
                    value.span.clone(),
                    format!(
                        "`{key}` must be an array of tables, found {}",
                        other.type_name()
                    ),
                )
                .label("expected `[[...]]` entries")
                .help(format!(
                    "write each entry as its own `[[{key}]]` section (two brackets)"
                )),
            );
            Vec::new()
        }
    }
}
