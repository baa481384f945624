//! The help for a path that leads nowhere (`--set`, and an `[[expect]]`'s `set`): every path that
//! leads somewhere in this scenario, and the one the typed path most likely means.

use super::document::{Node, Table};
use super::scenario_doc::{ScenarioDoc, id_of};
use super::schema::{self, FieldKind, TableSchema};
use super::short_path::short_path_help;
use super::suggest::{closest_path, unknown_id_help};

/// The help for an unknown path: the closest valid path (see [`closest_path`]), or, when the
/// section it names is empty, that it is (a path changes what the file declares, and a path
/// of another section would be no likelier).
pub fn path_help(doc: &ScenarioDoc, path: &str) -> Option<String> {
    let paths = valid_paths(doc);
    let section = path.split('.').next().unwrap_or_default();
    let declared = |p: &String| p.strip_prefix(section).is_some_and(|r| r.starts_with('.'));
    let empty = match section {
        "flags" => Some(("flags", "`[flags]`")),
        "variables" => Some(("variables", "`[variables]`")),
        "params" => Some(("parameters", "`[params]`")),
        "actors" => Some(("actors", "`[[actors]]`")),
        "events" => Some(("events", "`[[events]]`")),
        "outcomes" => Some(("outcomes", "`[[outcomes]]`")),
        _ => None,
    }
    .filter(|_| !paths.iter().any(declared));
    if let Some((noun, table)) = empty {
        return Some(format!(
            "the scenario has no {noun}: a path changes only what the file declares; declare \
             one under {table}"
        ));
    }
    short_path_help(path, &paths)
        .or_else(|| whole_entry_help(path, &paths))
        .or_else(|| unknown_id_help(path, &paths))
        .or_else(|| closest_path(path, &paths).map(|c| format!("the closest valid path is `{c}`")))
}

/// `events.ceasefire` (a whole entry, where a value goes to one of its keys): the key most
/// often changed, when the entry has it.
fn whole_entry_help(path: &str, paths: &[String]) -> Option<String> {
    let (section, _) = path.split_once('.').filter(|(_, id)| !id.contains('.'))?;
    let (noun, key) = match section {
        "events" => ("an event", "probability"),
        "outcomes" => ("an outcome", "when"),
        "actors" => ("an actor", "name"),
        _ => return None,
    };
    let meant = format!("{path}.{key}");
    paths
        .contains(&meant)
        .then(|| format!("`{path}` is {noun}: a path names the key it changes, such as `{meant}`"))
}

/// Every path that currently leads somewhere, for "the closest valid path is ...".
pub fn valid_paths(doc: &ScenarioDoc) -> Vec<String> {
    let mut out = Vec::new();
    for f in schema::SCENARIO.fields {
        if f.key != "run" {
            out.push(format!("scenario.{}", f.key));
        }
    }
    for f in schema::RUN.fields {
        out.push(format!("scenario.run.{}", f.key));
    }
    for k in doc.params.keys() {
        out.push(format!("params.{k}"));
    }
    for k in doc.flags.keys() {
        out.push(format!("flags.{k}"));
    }
    for e in &doc.variables.entries {
        out.push(format!("variables.{}", e.key));
        for f in schema::VARIABLE.fields {
            out.push(format!("variables.{}.{}", e.key, f.key));
        }
    }
    let lists: [(&str, &[Node], &TableSchema); 3] = [
        ("actors", &doc.actors, &schema::ACTOR),
        ("events", &doc.events, &schema::EVENT),
        ("outcomes", &doc.outcomes, &schema::OUTCOME),
    ];
    for (section, nodes, s) in lists {
        for n in nodes {
            if let (Some(id), Some(t)) = (id_of(n), n.as_table()) {
                entry_paths(&format!("{section}.{id}"), t, s, &mut out);
            }
        }
    }
    out
}

fn entry_paths(prefix: &str, table: &Table, s: &TableSchema, out: &mut Vec<String>) {
    for f in s.fields {
        if f.key == "id" {
            continue;
        }
        let p = format!("{prefix}.{}", f.key);
        match f.kind {
            FieldKind::Map => {
                if let Some(m) = table.get(f.key).and_then(Node::as_table) {
                    for k in m.keys() {
                        out.push(format!("{p}.{k}"));
                    }
                }
            }
            FieldKind::Tables(inner) => {
                if let Some(items) = table.get(f.key).and_then(Node::as_array) {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(t) = item.as_table() {
                            entry_paths(&format!("{p}.{i}"), t, inner, out);
                        }
                    }
                }
            }
            _ => {}
        }
        out.push(p);
    }
}
