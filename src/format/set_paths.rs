//! The paths of a `[set]` table (or an `[[expect]]`'s `set`): written quoted or as TOML's
//! dotted keys, read back as one list of dotted paths in file order.

use std::collections::HashMap;

use super::diagnostic::Diagnostic;
use super::document::{Entry, Node, Table, Value};
use super::source::Span;

/// The overrides of a `[set]` table (or an `[[expect]]`'s `set`) as `(dotted path, span of the
/// path, value)`, in file order.
///
/// Paths may be written quoted (`"events.x.probability" = 0.2`) or as TOML dotted keys
/// (`events.x.probability = 0.2`), which TOML turns into nested tables. An inline table
/// (`{ uniform = [...] }`) is a value, not more path: it starts after its key.
pub fn set_entries(table: &Table) -> Vec<(String, Span, Node)> {
    let mut out = Vec::new();
    flatten_set(String::new(), None, table, &mut out);
    out
}

/// A path given twice in one table of overrides: as a quoted key and as a dotted one
/// (`"events.x.probability" = 0.2` and `events.x.probability = 0.3`), which TOML cannot see as
/// the same key. Which value wins would depend on the order; refused instead.
pub fn set_twice(entries: &[(String, Span, Node)], what: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A map, not a scan of the entries before each: a `[set]` may hold a file's worth of them.
    let mut seen: HashMap<&str, &Span> = HashMap::with_capacity(entries.len());
    for (path, span, _) in entries {
        if let Some(&first) = seen.get(path.as_str()) {
            out.push(
                Diagnostic::error(span.clone(), format!("`{path}` is set twice in {what}"))
                    .label("set again here")
                    .secondary(first.clone(), "first set here")
                    .help("keep one of the two: a quoted key and a dotted key name the same path"),
            );
        } else {
            seen.insert(path, span);
        }
    }
    out
}

fn flatten_set(
    prefix: String,
    prefix_span: Option<&Span>,
    table: &Table,
    out: &mut Vec<(String, Span, Node)>,
) {
    for Entry {
        key,
        key_span,
        value,
    } in &table.entries
    {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        // The whole dotted key, for messages about the path.
        let path_span = match prefix_span {
            Some(p) if p.file == key_span.file && p.range.start <= key_span.range.start => {
                Span::new(key_span.file, p.range.start..key_span.range.end)
            }
            _ => key_span.clone(),
        };
        match &value.value {
            Value::Table(inner) if value.span.range.start <= path_span.range.end => {
                flatten_set(path, Some(&path_span), inner, out)
            }
            _ => out.push((path, path_span, value.clone())),
        }
    }
}
