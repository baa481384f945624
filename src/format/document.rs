//! The owned, spanned TOML tree every later stage works on.
//!
//! `toml` gives borrowed values whose spans are offsets into one text; a scenario is merged from
//! several files and overrides, so each value here carries a [`Span`] with its [`FileId`]. Errors
//! found anywhere later can then point into the file the value came from.

use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostic;
use super::source::{FileId, Span};
use super::syntax_errors::syntax_errors;

/// How a string value was written, so positions inside it can be mapped back to the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrStyle {
    /// A TOML string token (any of the four kinds): the span covers the quotes.
    Toml,
    /// Raw text (a `--set` value for a string field): the span covers exactly the text.
    Raw,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String, StrStyle),
    Integer(i64),
    Float(f64),
    Bool(bool),
    Datetime(String),
    Array(Vec<Node>),
    Table(Table),
    /// A value already reported as an error (an integer that overflows, `nan`): later stages
    /// skip it silently so one mistake gives one message.
    Invalid,
}

impl Value {
    /// The TOML type name, for "expected a number, found a string".
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(..) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Bool(_) => "a boolean",
            Value::Datetime(_) => "a date",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
            Value::Invalid => "an invalid value",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    pub fn new(value: Value, span: Span) -> Node {
        Node { value, span }
    }

    pub fn as_table(&self) -> Option<&Table> {
        match &self.value {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_table_mut(&mut self) -> Option<&mut Table> {
        match &mut self.value {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s, _) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn is_invalid(&self) -> bool {
        matches!(self.value, Value::Invalid)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// A table in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub entries: Vec<Entry>,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.entries
            .iter_mut()
            .find(|e| e.key == key)
            .map(|e| &mut e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Replaces the value of `key` in place, or appends the entry.
    pub fn insert(&mut self, entry: Entry) {
        match self.entries.iter_mut().find(|e| e.key == entry.key) {
            Some(e) => *e = entry,
            None => self.entries.push(entry),
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        Some(self.entries.remove(i))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.key.as_str())
    }
}

/// Parses one TOML text. `offset` is where `text` starts inside the file `file` (non-zero for
/// a `--set` value inside its pseudo-file). Syntax errors come back as diagnostics; values
/// that parse but cannot be numbers brink accepts (`nan`, overflowing integers) become
/// [`Value::Invalid`] with a diagnostic in `errors`.
pub fn parse_document(
    file: FileId,
    text: &str,
    errors: &mut Vec<Diagnostic>,
) -> Result<Table, Vec<Diagnostic>> {
    let (doc, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        return Err(syntax_errors(file, text, None, &syntax));
    }
    let conv = Converter {
        file,
        offset: 0,
        errors,
    };
    Ok(conv.table(doc.get_ref()))
}

/// Parses one TOML value (a `--set` value), located at `offset` in `file`.
pub fn parse_value(
    file: FileId,
    text: &str,
    offset: usize,
    errors: &mut Vec<Diagnostic>,
) -> Result<Node, Vec<Diagnostic>> {
    let (value, syntax) = DeValue::parse_recoverable(text);
    if !syntax.is_empty() {
        return Err(syntax_errors(file, text, Some(offset), &syntax));
    }
    let mut conv = Converter {
        file,
        offset,
        errors,
    };
    let span = value.span();
    Ok(conv.node(value.get_ref(), span))
}

struct Converter<'e> {
    file: FileId,
    offset: usize,
    errors: &'e mut Vec<Diagnostic>,
}

impl Converter<'_> {
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(
            self.file,
            self.offset + range.start..self.offset + range.end,
        )
    }

    fn table(mut self, table: &DeTable<'_>) -> Table {
        self.table_inner(table)
    }

    fn table_inner(&mut self, table: &DeTable<'_>) -> Table {
        let mut entries = Vec::with_capacity(table.len());
        for (key, value) in table.iter() {
            let value_span = value.span();
            entries.push(Entry {
                key: key.get_ref().to_string(),
                key_span: self.span(key.span()),
                value: self.node(value.get_ref(), value_span),
            });
        }
        Table { entries }
    }

    // Depth is bounded: the TOML parser refuses nesting deeper than its recursion limit.
    fn node(&mut self, value: &DeValue<'_>, range: std::ops::Range<usize>) -> Node {
        let span = self.span(range);
        let value = match value {
            DeValue::String(s) => Value::String(s.to_string(), StrStyle::Toml),
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::Datetime(d.to_string()),
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(v) => Value::Integer(v),
                // `0x`, `0o`, `0b` with no digits after them: TOML reads a base, then nothing.
                Err(e) if *e.kind() == std::num::IntErrorKind::Empty => {
                    let prefix = match i.radix() {
                        16 => "0x",
                        8 => "0o",
                        _ => "0b",
                    };
                    self.errors.push(
                        Diagnostic::error(span.clone(), "a number without digits")
                            .label("no digits")
                            .maybe_help(super::written::radix_help(prefix)),
                    );
                    Value::Invalid
                }
                Err(_) => {
                    self.errors.push(
                        Diagnostic::error(span.clone(), "integer too large")
                            .label("does not fit in 64 bits")
                            .help("integers must lie between -2^63 and 2^63 - 1"),
                    );
                    Value::Invalid
                }
            },
            DeValue::Float(f) => match f.as_str().parse::<f64>() {
                Ok(v) if v.is_finite() => Value::Float(v),
                Ok(v) => {
                    let (what, label) = if v.is_nan() {
                        ("`nan` is not allowed", "not a number")
                    } else if f.as_str().contains("inf") {
                        ("`inf` is not allowed", "infinite")
                    } else {
                        ("number too large", "overflows a 64-bit float")
                    };
                    self.errors.push(
                        Diagnostic::error(span.clone(), what)
                            .label(label)
                            .help("every number in a scenario must be finite"),
                    );
                    Value::Invalid
                }
                Err(_) => {
                    self.errors
                        .push(Diagnostic::error(span.clone(), "not a valid number").label("here"));
                    Value::Invalid
                }
            },
            DeValue::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| {
                        let r = item.span();
                        self.node(item.get_ref(), r)
                    })
                    .collect(),
            ),
            DeValue::Table(t) => Value::Table(self.table_inner(t)),
        };
        Node { value, span }
    }
}
