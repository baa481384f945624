//! Keys at the top level of a file, above every header, that are not sections: a misspelt
//! section, `base = "baseline.toml"` for `extends`, or an entry whose header line is gone (a
//! variant's first event, its `[[events]]` line deleted), which `headerless` reads as meant.

use super::diagnostic::Diagnostic;
use super::document::{Node, Table, Value};
use super::schema;
use super::schema::ENTRY_KEYS;
use super::source::Span;
use super::suggest::{closest, synonym};

/// Whether the top-level key `key` goes on the entry gathered in `entry`: an `id` holding a
/// text starts one, and the keys of an event, outcome or actor after it follow.
pub fn entry_goes_on(entry: &Table, key: &str, value: &Node) -> bool {
    if entry.entries.is_empty() {
        return key == "id" && matches!(value.value, Value::String(..));
    }
    // `set = ["war"]` is an event's; `set = { ... }` the variant's changes.
    let changes = key == "set" && matches!(value.value, Value::Table(_));
    !changes && ENTRY_KEYS.iter().any(|s| s.field(key).is_some())
}

/// The error for an unknown key at the top level, and the section it was meant as, if one is
/// close.
pub fn unknown(key: &str, key_span: Span, value: &Node) -> (Diagnostic, Option<String>) {
    // `base = "baseline.toml"`, `include = ...`: a file's name says what was meant.
    let file = match &value.value {
        Value::String(s, _) if s.to_ascii_lowercase().ends_with(".toml") => Some(s),
        _ => None,
    };
    let top: Vec<&str> = schema::TOP.keys().collect();
    let close = closest(key, top.iter().copied());
    let word = synonym(key, &top).filter(|_| close.is_none());
    let guess = (close.or_else(|| word.map(str::to_string)))
        .or_else(|| file.map(|_| "extends".to_string()));
    let help = match (&guess, file) {
        (Some(g), Some(file)) if g == "extends" && !file.contains(['"', '\\']) => {
            format!("the file this one builds on is named by `extends`: `extends = \"{file}\"`")
        }
        (Some(g), _) if *g == key.to_ascii_lowercase() => {
            let written = match &value.value {
                Value::Array(items) if items.iter().all(|i| i.as_table().is_some()) => {
                    format!("[[{g}]]")
                }
                Value::Table(_) => format!("[{g}]"),
                _ => g.clone(),
            };
            format!("names are written in lower case: `{written}`")
        }
        (Some(g), _) if word.is_some() => format!("brink's word for it is `{g}`"),
        (Some(g), _) => format!("did you mean `{g}`?"),
        (None, _) => format!("the top level may hold {}", schema::TOP.key_list()),
    };
    let error = Diagnostic::error(key_span, format!("unknown key `{key}` at the top level"))
        .label("not a section of a scenario")
        .help(help);
    (error, guess)
}
