//! Merging a file's own sections over its base's (docs/language.md).
//!
//! Decisions where docs/language.md is silent:
//! - a variable in table form (`x = { initial = 1 }`) replaces the base's entry whole; only the
//!   scalar form keeps the base's bounds and unit;
//! - a child outcome with a base outcome's id replaces it in place, even the catch-all (so a
//!   child can give the catch-all a new label); `remove` applies before the child's entries, so
//!   an id may change kind once its base entry is removed.

use super::diagnostic::{Diagnostic, suggests};
use super::document::{Entry, Node, Table, Value};
use super::files::LoadState;
use super::misspelt::misspelt;
use super::near_base_id::near_base_ids;
use super::replaced_catch_all;
use super::scenario_doc::{DeclKind, ScenarioDoc, id_of};
use super::suggest::closest;

/// An actor, event or outcome id declared twice in the child file itself: an error as in a file
/// without `extends` (merging would let the second silently replace the first; only an id of the
/// base may be replaced). Ids of two kinds stay in the merged document, where the namespace
/// check reports them.
fn repeated_in_file(state: &mut LoadState, child: &ScenarioDoc) {
    let decls = child.decls();
    for (i, d) in decls.iter().enumerate() {
        let Some(first) = decls[..i].iter().find(|f| f.id == d.id && f.kind == d.kind) else {
            continue;
        };
        let kind = d.kind.noun().split_once(' ').map_or("", |(_, k)| k);
        state.diags.push(
            Diagnostic::error(
                d.span.clone(),
                format!("{kind} `{}` is declared twice", d.id),
            )
            .label("declared again here")
            .secondary(first.span.clone(), "first declared here")
            .help("give each one its own id; to change the base's entry, declare it once here"),
        );
    }
}

/// Merges a file's own sections over its base (docs/language.md).
pub(super) fn merge(
    state: &mut LoadState,
    mut base: ScenarioDoc,
    child: ScenarioDoc,
    remove: Option<&Node>,
) -> ScenarioDoc {
    if let Some(r) = remove {
        apply_remove(state, &mut base, r);
    }
    repeated_in_file(state, &child);
    near_base_ids(&mut state.diags, &base, &child);
    // An id that is one kind in the base and another here.
    let base_decls = base.decls();
    let mut clashes = Vec::new();
    for d in child.decls() {
        if let Some(b) = base_decls.iter().find(|b| b.id == d.id && b.kind != d.kind) {
            let base_file = state.sources.name(b.span.file).to_string();
            let here = state.sources.name(d.span.file).to_string();
            state.diags.push(
                Diagnostic::error(
                    d.span.clone(),
                    format!(
                        "`{}` is {} in {base_file} but {} in {here}",
                        d.id,
                        b.kind.noun(),
                        d.kind.noun()
                    ),
                )
                .label(format!("declared as {} here", d.kind.noun()))
                .secondary(
                    b.span.clone(),
                    format!("declared as {} in the base", b.kind.noun()),
                )
                .help(format!(
                    "ids share one namespace; rename one, or `remove = [\"{}.{}\"]` first",
                    b.kind.section(),
                    b.id
                )),
            );
            clashes.push(d.id);
        }
    }
    let clash = |id: &str| clashes.iter().any(|c| c == id);

    base.root = child.root;
    // [scenario] and [scenario.run], key by key.
    match (&mut base.scenario, child.scenario) {
        (Some(b), Some(c)) => {
            if let (Some(bt), Value::Table(ct)) = (b.as_table_mut(), c.value) {
                merge_keys(bt, ct, true);
            }
            b.span = c.span;
        }
        (None, Some(c)) => base.scenario = Some(c),
        (_, None) => {}
    }
    for e in child.flags.entries {
        if !clash(&e.key) {
            base.flags.insert(e);
        }
    }
    // An overridden parameter keeps its place, so later ones may still read it.
    for e in child.params.entries {
        if !clash(&e.key) {
            base.params.insert(e);
        }
    }
    for e in child.variables.entries {
        if clash(&e.key) {
            continue;
        }
        let scalar = e.value.as_table().is_none();
        match base.variables.get_mut(&e.key) {
            // The scalar form changes only the initial value and keeps the base's bounds.
            Some(existing) if scalar && existing.as_table().is_some() => {
                if let Some(t) = existing.as_table_mut() {
                    t.insert(Entry {
                        key: "initial".into(),
                        key_span: e.key_span,
                        value: e.value,
                    });
                }
            }
            _ => base.variables.insert(e),
        }
    }
    for (list, items, kind) in [
        (&mut base.actors, child.actors, DeclKind::Actor),
        (&mut base.events, child.events, DeclKind::Event),
    ] {
        for item in items {
            match id_of(&item) {
                Some(id) if clash(id) => {}
                Some(id) => match list.iter().position(|n| id_of(n) == Some(id)) {
                    Some(i) => {
                        dropped_keys(state, kind, id, &list[i], &item);
                        list[i] = item;
                    }
                    None => list.push(item),
                },
                None => list.push(item),
            }
        }
    }
    for item in child.outcomes {
        let id = id_of(&item).map(str::to_string);
        if id.as_deref().is_some_and(clash) {
            continue;
        }
        if let Some(i) = id
            .as_deref()
            .and_then(|id| base.outcomes.iter().position(|n| id_of(n) == Some(id)))
        {
            let id = id.as_deref().unwrap_or_default();
            dropped_keys(state, DeclKind::Outcome, id, &base.outcomes[i], &item);
            base.outcomes[i] = item;
            continue;
        }
        // `wen = "..."` is a `when` misspelt, not a catch-all (as the model judges it); nor is an
        // outcome with `terminal`, which the catch-all cannot have: it lost its `when`, and the
        // model tells it so above the base's catch-all.
        let catch_all = |n: &Node| {
            (n.as_table()).is_some_and(|t| {
                t.get("when").is_none() && !misspelt(t, "when") && t.get("terminal").is_none()
            })
        };
        let base_catch_all = base.outcomes.iter().rposition(catch_all);
        if catch_all(&item) {
            // A catch-all here replaces the base's.
            if let Some(i) = base_catch_all {
                let old = base.outcomes.remove(i);
                replaced_catch_all::replaced(&mut state.diags, &mut state.replaced, &old, &item);
            }
            base.outcomes.push(item);
        } else {
            match base_catch_all {
                // New outcomes go before the catch-all.
                Some(i) if i + 1 == base.outcomes.len() => base.outcomes.insert(i, item),
                _ => base.outcomes.push(item),
            }
        }
    }
    // Expectations are not inherited.
    base.expects = child.expects;
    base
}

/// Key-by-key merge; `nested` merges sub-tables (only `[scenario.run]`) the same way.
fn merge_keys(base: &mut Table, child: Table, nested: bool) {
    for e in child.entries {
        match (base.get_mut(&e.key), &e.value.value) {
            (Some(b), Value::Table(_)) if nested && b.as_table().is_some() => {
                if let (Some(bt), Value::Table(ct)) = (b.as_table_mut(), e.value.value) {
                    merge_keys(bt, ct, false);
                }
            }
            _ => base.insert(e),
        }
    }
}

fn apply_remove(state: &mut LoadState, base: &mut ScenarioDoc, remove: &Node) {
    let Some(items) = remove.as_array() else {
        if !remove.is_invalid() {
            state.diags.push(
                Diagnostic::error(
                    remove.span.clone(),
                    format!(
                        "`remove` must be an array of strings, found {}",
                        remove.value.type_name()
                    ),
                )
                .label("expected a list")
                .help("write `remove = [\"events.x\", \"outcomes.y\"]`"),
            );
        }
        return;
    };
    for item in items {
        let Some(path) = item.as_str() else {
            if !item.is_invalid() {
                state.diags.push(
                    Diagnostic::error(
                        item.span.clone(),
                        format!(
                            "`remove` entries must be strings, found {}",
                            item.value.type_name()
                        ),
                    )
                    .label("expected \"events.x\"")
                    .help("write `remove = [\"events.x\", \"outcomes.y\"]`"),
                );
            }
            continue;
        };
        if remove_entry(base, path) {
            let id = path.split_once('.').map_or(path, |(_, id)| id);
            state.removed.push((id.to_string(), item.span.clone()));
        } else {
            // Only for an entry that is not there, and only for the first errors (see
            // `suggests`): worked out for every one, thousands of removals took seconds.
            let (help, meant) = if suggests(&state.diags) {
                let existing: Vec<String> = base
                    .decls()
                    .iter()
                    .map(|d| format!("{}.{}", d.kind.section(), d.id))
                    .collect();
                let meant = closest(path, &existing);
                (
                    meant.as_ref().map(|m| format!("did you mean `{m}`?")),
                    meant,
                )
            } else {
                (None, None)
            };
            let mut d = Diagnostic::error(
                item.span.clone(),
                format!("cannot remove `{path}`: the base has no such entry"),
            )
            .label("not inherited")
            .help(help.unwrap_or_else(|| REMOVE_PATHS.into()));
            // The entry meant is taken out all the same, so that what read the names it
            // removes with it is not told as errors of its own.
            if let Some(meant) = meant
                && remove_entry(base, &meant)
            {
                d.notes
                    .push(format!("the rest is checked as if this named `{meant}`"));
                let id = meant.split_once('.').map_or(meant.as_str(), |(_, id)| id);
                state.removed.push((id.to_string(), item.span.clone()));
            }
            state.diags.push(d);
        }
    }
}

/// Takes the entry that a `remove` path names out of `base`; whether it was there.
fn remove_entry(base: &mut ScenarioDoc, path: &str) -> bool {
    match path.split_once('.') {
        Some(("flags", id)) => base.flags.remove(id).is_some(),
        Some(("variables", id)) => base.variables.remove(id).is_some(),
        Some(("params", id)) => base.params.remove(id).is_some(),
        Some((section, id)) => {
            let kind = match section {
                "actors" => Some(DeclKind::Actor),
                "events" => Some(DeclKind::Event),
                "outcomes" => Some(DeclKind::Outcome),
                _ => None,
            };
            match kind.and_then(|k| base.list_mut(k)) {
                Some(list) => {
                    let before = list.len();
                    list.retain(|n| id_of(n) != Some(id));
                    list.len() != before
                }
                None => false,
            }
        }
        None => false,
    }
}

const REMOVE_PATHS: &str = "entries are named `actors.ID`, `flags.ID`, `variables.ID`, \
                            `params.ID`, `events.ID` or `outcomes.ID`";

/// An entry that replaces the base's entry of its id replaces it whole (docs/language.md): the
/// base's keys it does not write are gone. Said as a warning when it drops more keys than it
/// writes, since writing the entry again to change one key (`probability`) and losing its
/// `when` is the common slip; `[set]` changes one.
fn dropped_keys(state: &mut LoadState, kind: DeclKind, id: &str, old: &Node, new: &Node) {
    let (Some(old_t), Some(new_t)) = (old.as_table(), new.as_table()) else {
        return;
    };
    let dropped: Vec<String> = old_t
        .keys()
        .filter(|k| new_t.get(k).is_none())
        .map(|k| format!("`{k}`"))
        .collect();
    // The key this entry most likely came to change: the first whose value differs.
    let changed = new_t
        .entries
        .iter()
        .find(|e| e.key != "id" && old_t.get(&e.key).map(|o| &o.value) != Some(&e.value.value));
    let Some(example) = changed
        .map(|e| e.key.as_str())
        .or_else(|| new_t.keys().find(|k| *k != "id"))
    else {
        return;
    };
    // Only an entry that drops more of the base's keys than it writes: one written anew
    // (`hindcast_2025.toml`'s `seoul_against_arms`) means to drop what it leaves out.
    let written = new_t.keys().filter(|k| *k != "id").count();
    if dropped.len() <= written {
        return;
    }
    let section = kind.section();
    state.diags.push(
        Diagnostic::warning(
            new.span.clone(),
            format!(
                "{} `{id}` here replaces the base's whole: its {} {} dropped",
                kind.noun().split_once(' ').map_or(kind.noun(), |(_, noun)| noun),
                dropped.join(", "),
                if dropped.len() == 1 { "is" } else { "are" }
            ),
        )
        .label("replaces the base's entry")
        .secondary(old.span.clone(), "the base's entry")
        .help(format!(
            "to change only some keys, write them under `[set]`, e.g. \
             `\"{section}.{id}.{example}\" = ...`, and delete this entry; to keep them, copy them here"
        )),
    );
}
