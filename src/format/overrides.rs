//! Dotted-path overrides: `[set]` in a file, `--set PATH=VALUE` on the command line, and the
//! `set` of an `[[expect]]`. Every leaf of a scenario can be addressed (docs/language.md).
//!
//! An override replaces a value in the [`ScenarioDoc`] with a node located where the override
//! was written, so a bad value gets an error pointing at the override, not at the file.
//!
//! Decisions where docs/language.md is silent: a path may set a key its table does not have yet when
//! the key is part of the format (`events.x.over`), but entries of free tables (`flags.x`,
//! `variables.x`, `events.x.add.v`) must exist, since a new one is almost always a typo; ids
//! cannot be overridden (paths name entries by id); `scenario.run.seed` through `--set` keeps
//! the file's range (the full u64 range is for `--seed`); `variables.x.max` on a scalar
//! variable turns it into `{ initial = x, max = ... }`.

use super::diagnostic::{Diagnostic, suggests};
use super::document::{self, Entry, Node, StrStyle, Table, Value};
use super::number_keys::{calculation_for_number, number_key_help};
use super::path_help::path_help;
use super::scenario_doc::{ScenarioDoc, id_of};
use super::schema::{self, FieldKind, TableSchema};
use super::source::{FileId, Span};
use super::written;

/// Where a path leads: the table and key (or the array and index) to write into, plus how the
/// value is read.
struct Slot<'d> {
    place: Place<'d>,
    kind: FieldKind,
}

enum Place<'d> {
    Key(&'d mut Table, String),
    /// An element of an array value, e.g. a distribution's parameter (`probability.pert.1`).
    Item(&'d mut Vec<Node>, usize),
}

impl<'d> Slot<'d> {
    fn key(table: &'d mut Table, key: &str, kind: FieldKind) -> Slot<'d> {
        Slot {
            place: Place::Key(table, key.to_string()),
            kind,
        }
    }
}

/// Why a path does not lead anywhere.
struct PathError {
    message: String,
    help: Option<String>,
}

/// Applies one override whose value is already a node (from `[set]` in a file).
pub fn apply_node(
    doc: &mut ScenarioDoc,
    path: &str,
    path_span: &Span,
    value: Node,
    diags: &mut Vec<Diagnostic>,
) {
    match locate(doc, path, path_span) {
        Ok(slot) => match variable_table(path, &value, true) {
            Some(d) => diags.push(d),
            None => write(slot, path_span, value),
        },
        Err(e) => push_path_error(doc, path, path_span, e, diags),
    }
}

/// `variables.x = { initial = 9, max = 12 }`: a variable's keys given as a table, where the
/// path sets its initial value, a number (read as a distribution, the table would be refused
/// as one). The fix gives each key its own path, as a file's `[set]` or `--set` writes it.
fn variable_table(path: &str, value: &Node, in_file: bool) -> Option<Diagnostic> {
    let ["variables", _] = path.split('.').collect::<Vec<_>>()[..] else {
        return None;
    };
    let table = value.as_table()?;
    if table.entries.is_empty() || table.keys().any(|k| schema::VARIABLE.field(k).is_none()) {
        return None;
    }
    let paths: Vec<String> = (table.entries.iter())
        .map(|e| {
            let written = match &e.value.value {
                Value::Integer(n) => n.to_string(),
                Value::Float(x) => x.to_string(),
                Value::String(s, _) => format!("\"{s}\""),
                _ => "...".into(),
            };
            let key = e.key.as_str();
            match in_file {
                true => format!("`\"{path}.{key}\" = {written}`"),
                false => format!("`--set {path}.{key}={written}`"),
            }
        })
        .collect();
    Some(
        Diagnostic::error(
            value.span.clone(),
            format!("`{path}` sets the variable's initial value, a number"),
        )
        .label("a table of the variable's keys")
        .help(format!(
            "to change the variable's keys, give each its own path: {}",
            paths.join(", ")
        )),
    )
}

/// Applies command-line overrides `PATH=VALUE`, given a pseudo-file holding them one per line
/// (as built by [`overrides_text`]).
pub fn apply_command_line(
    doc: &mut ScenarioDoc,
    file: FileId,
    overrides: &[String],
    diags: &mut Vec<Diagnostic>,
) {
    let mut offset = 0;
    for o in overrides {
        let start = offset;
        offset += o.len() + 1;
        let whole = Span::new(file, start..start + o.len());
        let Some(eq) = o.find('=') else {
            diags.push(
                Diagnostic::error(whole, format!("override `{o}` has no `=`"))
                    .label("expected PATH=VALUE")
                    .help("write for example `--set events.ceasefire.probability=0.2`"),
            );
            continue;
        };
        let raw_path = &o[..eq];
        let path = raw_path.trim();
        let lead = raw_path.len() - raw_path.trim_start().len();
        let path_span = Span::new(file, start + lead..start + lead + path.len());
        let value_text = &o[eq + 1..];
        let value_start = start + eq + 1;
        let slot = match locate(doc, path, &path_span) {
            Ok(slot) => slot,
            Err(e) => {
                push_path_error(doc, path, &path_span, e, diags);
                continue;
            }
        };
        let value_span = Span::new(file, value_start..value_start + value_text.len());
        let node = if slot.kind == FieldKind::Text {
            quoted_text(file, value_text, value_start).unwrap_or_else(|| {
                Node::new(
                    Value::String(value_text.to_string(), StrStyle::Raw),
                    value_span,
                )
            })
        } else if value_text.trim().is_empty() {
            diags.push(
                Diagnostic::error(
                    Span::new(file, start..start + o.len()),
                    format!("override `{path}` has no value"),
                )
                .label("nothing after `=`")
                .help("give a TOML value, e.g. `0.2`, `true`, `[\"a\", \"b\"]`"),
            );
            continue;
        } else if let Some(fraction) = written::percentage(value_text) {
            // Said at once: the TOML error ("must be quoted") would send the user astray.
            diags.push(
                Diagnostic::error(
                    value_span,
                    format!("`{path}` takes a fraction, not a percentage"),
                )
                .label("a percentage")
                .help(format!("write {fraction}")),
            );
            continue;
        } else if slot.kind == FieldKind::TomlOrText {
            // Not TOML: an expression, as a file would quote it. TOML, but not a value a
            // scenario takes (`nan`, `1e400`): its error, not a silent refusal later.
            let mut refused = Vec::new();
            match document::parse_value(file, value_text, value_start, &mut refused) {
                Ok(node) => {
                    diags.append(&mut refused);
                    node
                }
                Err(_) => Node::new(
                    Value::String(value_text.to_string(), StrStyle::Raw),
                    value_span,
                ),
            }
        } else {
            match document::parse_value(file, value_text, value_start, diags) {
                Ok(node) => node,
                Err(errors) => {
                    let truth = super::suggest::truth_word(value_text.trim())
                        .map(|b| super::suggest::truth_help(&format!("{path}={b}")));
                    // (A flag or parameter named `horizon` is the author's name.)
                    let named = ["flags.", "params.", "set."]
                        .iter()
                        .any(|t| path.starts_with(t));
                    let key = if named {
                        ""
                    } else {
                        path.rsplit('.').next().unwrap_or(path)
                    };
                    let lhs = format!("{path}=");
                    let help = calculation_for_number(key, value_text, &lhs)
                        .or_else(|| written::value_help(value_text))
                        .or(truth)
                        .or_else(|| number_key_help(key, value_text.trim(), &lhs))
                        .unwrap_or(format!(
                            "the value of `{path}` is read as TOML: a number, `true` or \
                             `false`, `[...]` or `{{ ... }}`"
                        ));
                    diags.extend(errors.into_iter().map(|d| d.help(help.clone())));
                    continue;
                }
            }
        };
        if let Some(d) = variable_table(path, &node, false) {
            diags.push(d);
            continue;
        }
        write(slot, &path_span, node);
    }
}

/// A text value written in quotes, as in a file (`outcomes.x.label="Open war"`): the text
/// inside them (else the quotes would show in the report, or refuse a condition).
fn quoted_text(file: FileId, value: &str, start: usize) -> Option<Node> {
    let trimmed = value.trim();
    if !(trimmed.starts_with('"') || trimmed.starts_with('\'')) {
        return None;
    }
    let node = document::parse_value(file, value, start, &mut Vec::new()).ok()?;
    matches!(node.value, Value::String(..)).then_some(node)
}

/// The pseudo-file text of command-line overrides: one per line.
pub fn overrides_text(overrides: &[String]) -> String {
    let mut text = overrides.join("\n");
    text.push('\n');
    text
}

/// The kind of value `path` takes, or `None` if it leads nowhere (for tools that build
/// override text, like `[[expect]] set`).
pub fn leaf_kind(doc: &ScenarioDoc, path: &str) -> Option<FieldKind> {
    let mut copy = entry_of(doc, path);
    let span = Span::new(doc.root, 0..0);
    locate(&mut copy, path, &span).ok().map(|s| s.kind)
}

/// A document holding only the entry `path` leads into, for [`locate`] to write into: a copy of
/// the whole scenario for each path of thousands of `[[expect]]` sets took minutes.
fn entry_of(doc: &ScenarioDoc, path: &str) -> ScenarioDoc {
    let (section, rest) = path.split_once('.').unwrap_or((path, ""));
    let name = rest.split('.').next().unwrap_or_default();
    let entries = |list: &[Node]| -> Vec<Node> {
        (list.iter())
            .filter(|n| id_of(n) == Some(name))
            .cloned()
            .collect()
    };
    let keys = |t: &Table| Table {
        entries: t
            .entries
            .iter()
            .filter(|e| e.key == name)
            .cloned()
            .collect(),
    };
    let mut out = ScenarioDoc::empty(doc.root);
    match section {
        "scenario" => out.scenario = doc.scenario.clone(),
        "actors" => out.actors = entries(&doc.actors),
        "events" => out.events = entries(&doc.events),
        "outcomes" => out.outcomes = entries(&doc.outcomes),
        "flags" => out.flags = keys(&doc.flags),
        "variables" => out.variables = keys(&doc.variables),
        "params" => out.params = keys(&doc.params),
        _ => {}
    }
    out
}

fn write(slot: Slot<'_>, path_span: &Span, value: Node) {
    match slot.place {
        Place::Key(table, key) => table.insert(Entry {
            key,
            key_span: path_span.clone(),
            value,
        }),
        Place::Item(items, i) => items[i] = value,
    }
}

fn push_path_error(
    doc: &ScenarioDoc,
    path: &str,
    span: &Span,
    e: PathError,
    diags: &mut Vec<Diagnostic>,
) {
    let help = e
        .help
        .or_else(|| suggests(diags).then(|| path_help(doc, path)).flatten());
    diags.push(
        Diagnostic::error(span.clone(), e.message)
            .label("unknown path")
            .maybe_help(help)
            .about_unknown(unknown_entry(doc, path)),
    );
}

/// The id of an actor, event or outcome that `path` names and `doc` has not: the errors about
/// one unknown id fold into one, in a path or a condition alike.
pub fn unknown_entry(doc: &ScenarioDoc, path: &str) -> Option<String> {
    let mut segs = path.split('.');
    let list = match segs.next()? {
        "actors" => &doc.actors,
        "events" => &doc.events,
        "outcomes" => &doc.outcomes,
        _ => return None,
    };
    let id = segs.next()?;
    (!list.iter().any(|n| id_of(n) == Some(id))).then(|| id.to_string())
}

fn err(message: String) -> PathError {
    PathError {
        message,
        help: None,
    }
}

fn locate<'d>(doc: &'d mut ScenarioDoc, path: &str, span: &Span) -> Result<Slot<'d>, PathError> {
    let segs: Vec<&str> = path.split('.').collect();
    let unknown = || err(format!("unknown path `{path}`"));
    match segs.as_slice() {
        ["scenario", rest @ ..] if !rest.is_empty() => {
            let scenario = doc
                .scenario
                .get_or_insert_with(|| Node::new(Value::Table(Table::default()), span.clone()));
            let table = scenario.as_table_mut().ok_or_else(unknown)?;
            match rest {
                ["run", key] => {
                    schema::RUN.field(key).ok_or_else(unknown)?;
                    if table.get("run").is_none() {
                        table.insert(Entry {
                            key: "run".into(),
                            key_span: span.clone(),
                            value: Node::new(Value::Table(Table::default()), span.clone()),
                        });
                    }
                    let run = table
                        .get_mut("run")
                        .and_then(Node::as_table_mut)
                        .ok_or_else(unknown)?;
                    Ok(Slot::key(run, key, FieldKind::Toml))
                }
                [key] if *key != "run" => {
                    let f = schema::SCENARIO.field(key).ok_or_else(unknown)?;
                    Ok(Slot::key(table, key, f.kind))
                }
                _ => Err(unknown()),
            }
        }
        ["flags", name] => {
            if doc.flags.get(name).is_none() {
                return Err(err(format!("unknown flag `{name}` in path `{path}`")));
            }
            Ok(Slot::key(&mut doc.flags, name, FieldKind::Toml))
        }
        ["params", name] => {
            if doc.params.get(name).is_none() {
                return Err(err(format!("unknown parameter `{name}` in path `{path}`")));
            }
            Ok(Slot::key(&mut doc.params, name, FieldKind::TomlOrText))
        }
        // One number of a parameter's distribution (`params.x.pert.1`), or its unit or source.
        ["params", name, rest @ ..] => {
            let Some(node) = doc.params.get_mut(name) else {
                return Err(err(format!("unknown parameter `{name}` in path `{path}`")));
            };
            let text = match rest {
                [key] => schema::PARAM.field(key).filter(|f| {
                    f.kind == FieldKind::Text
                        && node.as_table().is_some_and(|t| t.get(key).is_some())
                }),
                _ => None,
            };
            match text {
                Some(f) => Ok(Slot::key(
                    node.as_table_mut().ok_or_else(unknown)?,
                    f.key,
                    f.kind,
                )),
                None => inside(node, rest, path),
            }
        }
        ["variables", name, rest @ ..] => {
            let Some(var) = doc.variables.get(name) else {
                return Err(err(format!("unknown variable `{name}` in path `{path}`")));
            };
            if rest.is_empty() && var.as_table().is_none() {
                return Ok(Slot::key(&mut doc.variables, name, FieldKind::TomlOrText));
            }
            let var = doc.variables.get_mut(name).ok_or_else(unknown)?;
            match rest {
                [] => Ok(Slot::key(
                    var.as_table_mut().ok_or_else(unknown)?,
                    "initial",
                    FieldKind::TomlOrText,
                )),
                [key] => {
                    let f = schema::VARIABLE.field(key).ok_or_else(unknown)?;
                    if var.as_table().is_none() {
                        // `x = 5` is `x = { initial = 5 }`: make room for the bound.
                        let initial = std::mem::replace(
                            var,
                            Node::new(Value::Table(Table::default()), span.clone()),
                        );
                        let key_span = initial.span.clone();
                        var.as_table_mut().ok_or_else(unknown)?.insert(Entry {
                            key: "initial".into(),
                            key_span,
                            value: initial,
                        });
                        var.span = span.clone();
                    }
                    Ok(Slot::key(
                        var.as_table_mut().ok_or_else(unknown)?,
                        key,
                        f.kind,
                    ))
                }
                _ => Err(unknown()),
            }
        }
        [section @ ("actors" | "events" | "outcomes"), id, rest @ ..] if !rest.is_empty() => {
            let (list, table_schema) = match *section {
                "actors" => (&mut doc.actors, &schema::ACTOR),
                "events" => (&mut doc.events, &schema::EVENT),
                _ => (&mut doc.outcomes, &schema::OUTCOME),
            };
            let Some(node) = list.iter_mut().find(|n| id_of(n) == Some(id)) else {
                let noun = &section[..section.len() - 1];
                return Err(err(format!("unknown {noun} `{id}` in path `{path}`")));
            };
            let table = node.as_table_mut().ok_or_else(unknown)?;
            within(table, table_schema, rest, path)
        }
        _ => Err(unknown()),
    }
}

/// Resolves the rest of a path inside an entry's table.
fn within<'d>(
    table: &'d mut Table,
    table_schema: &'static TableSchema,
    rest: &[&str],
    path: &str,
) -> Result<Slot<'d>, PathError> {
    let unknown = || err(format!("unknown path `{path}`"));
    let key = rest[0];
    if key == "id" {
        return Err(PathError {
            message: format!("`{path}`: an id cannot be overridden"),
            help: Some("paths name entries by their id; change the id in the file".into()),
        });
    }
    let field = table_schema.field(key).ok_or_else(unknown)?;
    match (field.kind, &rest[1..]) {
        (kind, []) => Ok(Slot::key(table, key, kind)),
        (FieldKind::Toml | FieldKind::TomlOrText, more) => match table.get_mut(key) {
            Some(node) => inside(node, more, path),
            None => Err(err(format!("there is no `{key}` here, in path `{path}`"))),
        },
        (FieldKind::Map, [name, more @ ..]) => {
            let map = table
                .get_mut(key)
                .and_then(Node::as_table_mut)
                .ok_or_else(unknown)?;
            if map.get(name).is_none() {
                return Err(err(format!(
                    "`{name}` is not in `{key}` here, in path `{path}`"
                )));
            }
            if more.is_empty() {
                // An amount or an assigned value: in format 2 also an expression.
                return Ok(Slot::key(map, name, FieldKind::TomlOrText));
            }
            let node = map.get_mut(name).ok_or_else(unknown)?;
            inside(node, more, path)
        }
        (FieldKind::Tables(inner), [index, more @ ..]) if !more.is_empty() => {
            let Ok(i) = index.parse::<usize>() else {
                return Err(PathError {
                    message: format!("`{index}` in path `{path}` is not an index"),
                    help: Some(format!("`{key}` entries are numbered from 0: `{key}.0`")),
                });
            };
            let items = match table.get_mut(key).map(|n| &mut n.value) {
                Some(Value::Array(items)) => items,
                _ => {
                    // Not another entry's list, which the closest path would name.
                    let whole = path.strip_suffix(&format!(".{}", rest[1..].join(".")));
                    return Err(PathError {
                        message: format!("there is no `{key}` here, in path `{path}`"),
                        help: Some(format!(
                            "this entry has no `{key}`: a path reaches only what is written; to \
                             give it some, set the whole list, `{}`",
                            whole.unwrap_or(path)
                        )),
                    });
                }
            };
            let count = items.len();
            let Some(item) = items.get_mut(i) else {
                return Err(PathError {
                    message: format!("`{key}.{i}` does not exist, in path `{path}`"),
                    help: Some(format!(
                        "there {} {count} {key}, numbered from 0",
                        if count == 1 { "is" } else { "are" }
                    )),
                });
            };
            let t = item.as_table_mut().ok_or_else(unknown)?;
            within(t, inner, more, path)
        }
        _ => Err(unknown()),
    }
}

/// Resolves the rest of a path inside a value that is already there: a key of an inline table
/// or an index of an array, so that one number of a distribution (`probability.pert.1`) can be
/// set alone. Only what exists can be reached: a path never creates a parameter.
fn inside<'d>(node: &'d mut Node, segs: &[&str], path: &str) -> Result<Slot<'d>, PathError> {
    let (seg, more) = (segs[0], &segs[1..]);
    match &mut node.value {
        Value::Table(t) => {
            if t.get(seg).is_none() {
                let keys: Vec<String> = t.keys().map(|k| format!("`{k}`")).collect();
                return Err(PathError {
                    message: format!("`{seg}` is not in this value, in path `{path}`"),
                    help: Some(format!("here there is {}", keys.join(", "))),
                });
            }
            if more.is_empty() {
                return Ok(Slot::key(t, seg, FieldKind::Toml));
            }
            let node = t
                .get_mut(seg)
                .ok_or_else(|| err(format!("unknown path `{path}`")))?;
            inside(node, more, path)
        }
        Value::Array(items) => {
            let count = items.len();
            let i = match seg.parse::<usize>() {
                Ok(i) if i < count => i,
                _ => {
                    return Err(PathError {
                        message: format!("`{seg}` in path `{path}` is not an index of this list"),
                        help: Some(format!("it has {count} numbers, numbered from 0")),
                    });
                }
            };
            if more.is_empty() {
                Ok(Slot {
                    place: Place::Item(items, i),
                    kind: FieldKind::Toml,
                })
            } else {
                inside(&mut items[i], more, path)
            }
        }
        _ => Err(err(format!(
            "`{path}` goes inside a single value: there is nothing in it to set"
        ))),
    }
}
