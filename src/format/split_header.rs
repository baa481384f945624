//! A `.` typed inside a section's name (`[variab.les]`, `[[out.comes]]`): TOML reads a table
//! in a table, `variab` holding `les`. Refused with the header meant, and read as that section,
//! so that the errors that follow are about its entries.

use super::diagnostic::Diagnostic;
use super::document::{Node, Value};
use super::schema;
use super::source::Span;

/// The error for the top-level `key` holding `value` when it is a section's name split by a
/// `.`, with the section meant and what it holds.
pub(super) fn split_header(
    key: &str,
    key_span: &Span,
    value: &Node,
) -> Option<(Diagnostic, String, Node)> {
    let (name, part, inner) = split_section(key, value)?;
    let header = match inner.value {
        Value::Array(_) => format!("[[{name}]]"),
        _ => format!("[{name}]"),
    };
    let mut d = Diagnostic::error(
        key_span.clone(),
        format!("a `.` splits the header `{header}`"),
    )
    .label(format!("read as `{key}`, holding `{part}`"))
    .help(format!("take the `.` out: the header is `{header}`"));
    // `[[out.comes]]` above each outcome: every line to change is marked.
    if let Value::Array(items) = &inner.value
        && items.len() > 1
    {
        for item in &items[1..] {
            d = d.secondary(item.span.clone(), "and here");
        }
        d.help = Some(format!(
            "take the `.` out of each: the header is `{header}`"
        ));
    }
    Some((d, name, inner))
}

/// A section's name split by a `.` (`[variab.les]`, `[[even.ts]]`): the section, the part
/// after the `.`, and the value it holds, when `key` holds that one entry alone.
fn split_section(key: &str, value: &Node) -> Option<(String, String, Node)> {
    let [part] = value.as_table()?.entries.as_slice() else {
        return None;
    };
    let name = format!("{key}{}", part.key);
    // (`extends` and `remove` are keys of the top level, not sections.)
    let section =
        schema::TOP.keys().any(|k| k == name) && !matches!(name.as_str(), "extends" | "remove");
    section.then(|| (name, part.key.clone(), part.value.clone()))
}
