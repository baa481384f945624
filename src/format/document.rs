//! The owned, spanned TOML tree every later stage works on.
//!
//! `toml` gives borrowed values whose spans are offsets into one text; a scenario is merged from
//! several files and overrides, so each value here carries a [`Span`] with its [`FileId`]. Errors
//! found anywhere later can then point into the file the value came from.

use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Label};
use super::invisible::invisible_help;
use super::source::{FileId, Span};
use super::spaced_key::spaced_key_help;
use super::syntax_help::{
    TEXT_OUTSIDE_QUOTES, after_value_help, curly_quotes_help, first_of_key, header_help,
    inner_unquoted_help, line_of, list_help, missing_header_help, no_value_help, syntax_help,
    unquoted_help,
};
use super::written::{Reading, comma_number_help, malformed_number_help, value_help};

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

/// At most this many syntax errors per text: after a few, the rest are echoes of the first.
const MAX_SYNTAX_ERRORS: usize = 10;

/// The syntax errors of `text`: a whole file (`value_at` is `None`), or a `--set` value at
/// `value_at` in its pseudo-file, where the fixes that read the file's lines do not apply.
fn syntax_errors(
    file: FileId,
    text: &str,
    value_at: Option<usize>,
    errors: &[toml::de::Error],
) -> Vec<Diagnostic> {
    let offset = value_at.unwrap_or(0);
    let in_file = value_at.is_none();
    let found: Vec<(usize, bool, Diagnostic)> = errors
        .iter()
        .take(MAX_SYNTAX_ERRORS)
        .map(|e| {
            let range = e.span().unwrap_or(0..0);
            let start = range.start.min(text.len());
            let end = range.end.clamp(start, text.len());
            let (headline, rest) = split_message(e.message());
            let mut d = Diagnostic::error(
                Span::new(file, offset + start..offset + end),
                format!("TOML syntax: {headline}"),
            )
            .label(rest.unwrap_or_default());
            let at_range = start..end.max(start + 1).min(text.len());
            let at = text.get(at_range.clone()).unwrap_or("");
            // The value as written after `=` (a whole `--set` value): a number written the way
            // people write numbers outside TOML has a fix of its own.
            let line = &text[line_of(text, start)];
            let value = if in_file {
                line.split_once('=').map_or("", |(_, v)| v)
            } else {
                text
            };
            let mut root_elsewhere = false;
            d.help = if let Some(help) = invisible_help(text.get(start..).unwrap_or("")) {
                Some(help)
            } else if let Some(help) = value_help(value) {
                Some(help)
            } else if in_file
                && headline.contains("must be quoted")
                && let Some(help) = curly_quotes_help(line)
            {
                Some(help)
            } else if in_file
                && headline.starts_with("duplicate key")
                && let Some((help, root)) = header_help(text, start)
            {
                root_elsewhere = true;
                d.labels.push(Label {
                    span: Span::new(file, offset + root.start..offset + root.end),
                    message: "the line to change".into(),
                });
                Some(help)
            } else if headline.starts_with("invalid boolean") {
                Some(boolean_help(line, token_at(text, start)))
            } else if in_file && let Some(help) = grouped_in_table(line) {
                Some(help)
            } else if number_headline(&headline)
                && let Some(help) = malformed_number_help(token_at(text, start), Reading::Toml)
            {
                Some(help)
            } else if at.trim().is_empty() && headline.contains("must be quoted") {
                Some("a value is missing here: write a number, `true`/`false` or \"text\"".into())
            } else if in_file
                && headline.starts_with("key with no value")
                && let Some(help) = spaced_key_help(text, start)
            {
                Some(help)
            } else if in_file && headline.starts_with("key with no value") {
                Some(no_value_help(text, start).into())
            } else if in_file && let Some(help) = list_help(&headline, line) {
                Some(help)
            } else if in_file
                && headline.contains("must be quoted")
                && let Some(help) = inner_unquoted_help(line, line_of(text, start).start, &at_range)
            {
                Some(help)
            } else if in_file
                && headline.contains("must be quoted")
                && let Some(help) = unquoted_help(line)
            {
                Some(help)
            } else if headline.starts_with("invalid date") {
                Some(format!("a month is text in quotes: `\"{}\"`", value.trim()))
            } else if at.starts_with(':') && headline.starts_with("invalid unquoted key") {
                Some("TOML writes `=` between a key and its value, not `:`".into())
            } else if in_file
                && headline.starts_with("unexpected key or value")
                && let Some(help) =
                    after_value_help(text.get(start..line_of(text, start).end).unwrap_or(""))
            {
                Some(help)
            } else if in_file
                && headline.starts_with("duplicate key")
                && let Some(help) = missing_header_help(text, start)
            {
                Some(help)
            } else {
                syntax_help(&headline)
            };
            if in_file
                && !root_elsewhere
                && headline.starts_with("duplicate key")
                && let Some(first) = first_of_key(text, start)
            {
                d.labels.push(Label {
                    span: Span::new(file, offset + first.start..offset + first.end),
                    message: "written first here".into(),
                });
            }
            (line_of(text, start).start, root_elsewhere, d)
        })
        .collect();
    // One mistake can break a line in several places (`max = 1,000,000` inside `{ }` reads as
    // three keys): the errors after the first on a line with the same fix are its echoes.
    let mut out: Vec<Diagnostic> = Vec::with_capacity(found.len());
    // Which of `errors` each kept diagnostic is.
    let mut kept = Vec::with_capacity(found.len());
    let mut last_line = None;
    let mut echoes = 0;
    // A list opened wrongly above (`[events]` for `[[events]]`) has every entry after it
    // refused as a duplicate: those are echoes of the first, counted to the end of the file.
    let mut entries: Option<(usize, String, usize)> = None;
    let entry_header = |e: &toml::de::Error| -> Option<String> {
        let start = e.span()?.start.min(text.len());
        let header = text[line_of(text, start)].split('#').next()?.trim();
        (e.message().starts_with("duplicate key") && header.starts_with("[["))
            .then(|| header.to_string())
    };
    for (k, (line, root_elsewhere, d)) in found.into_iter().enumerate() {
        if let Some((_, header, n)) = &mut entries
            && entry_header(&errors[k]).as_ref() == Some(header)
        {
            *n += 1;
            continue;
        }
        let echo = last_line == Some(line)
            && d.help.is_some()
            && out
                .last()
                .is_some_and(|kept: &Diagnostic| kept.help == d.help);
        if echo {
            echoes += 1;
            continue;
        }
        note_echoes(out.last_mut(), echoes);
        echoes = 0;
        last_line = Some(line);
        if root_elsewhere && entries.is_none() {
            entries = entry_header(&errors[k]).map(|h| (out.len(), h, 0));
        }
        out.push(d);
        kept.push(k);
    }
    note_echoes(out.last_mut(), echoes);
    let mut beyond = errors.len().saturating_sub(MAX_SYNTAX_ERRORS);
    if let Some((i, header, mut n)) = entries {
        let later = errors.iter().skip(MAX_SYNTAX_ERRORS);
        let same = later
            .filter(|e| entry_header(e).as_ref() == Some(&header))
            .count();
        n += same;
        beyond -= same;
        if n > 0 {
            out[i].notes.push(format!(
                "{n} more `{header}` line{} after this one not shown: refused for the same reason",
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    // Text left outside its quotes (a deleted opening `"""`) swaps text and keys for the rest of
    // the file: every error after the first such line is an echo of it.
    if let Some(i) = out
        .iter()
        .position(|d| d.help.as_deref() == Some(TEXT_OUTSIDE_QUOTES))
    {
        out.truncate(i + 1);
        // Every error after it, echoes on its line included, counted once here.
        out[i].notes.clear();
        if errors.len() > kept[i] + 1 {
            let more = errors.len() - kept[i] - 1;
            out[i].notes.push(format!(
                "{more} more syntax error{} not shown: {} from this one, as the lines after text \
                 outside its quotes read wrongly until it is fixed",
                if more == 1 { "" } else { "s" },
                if more == 1 {
                    "it follows"
                } else {
                    "they follow"
                },
            ));
        }
    } else if beyond > 0
        && let Some(last) = out.last_mut()
    {
        last.notes.push(format!(
            "{beyond} more syntax error{} not shown: fix these first",
            if beyond == 1 { "" } else { "s" }
        ));
    }
    out
}

/// Tells under `kept` how many errors after it on its line were left out as its echoes.
fn note_echoes(kept: Option<&mut Diagnostic>, echoes: usize) {
    if let Some(d) = kept
        && echoes > 0
    {
        d.notes.push(if echoes == 1 {
            "1 more syntax error on this line not shown: it follows from this one".to_string()
        } else {
            format!("{echoes} more syntax errors on this line not shown: they follow from this one")
        });
    }
}

/// The fix for a yes/no value TOML refused (`True`, `FALSE`, `tru`, `ture`) on `line`: the
/// word it is closest to, in lower case, with its key when the line is `key = word`.
fn boolean_help(line: &str, word: &str) -> String {
    let meant =
        super::suggest::truth_word(word).unwrap_or(!word.to_ascii_lowercase().starts_with('f'));
    let fixed = match line.split_once('=') {
        Some((key, value)) if value.split('#').next().unwrap_or("").trim() == word => {
            format!("{} = {meant}", key.trim())
        }
        _ => meant.to_string(),
    };
    super::suggest::truth_help(&fixed)
}

/// Whether toml's `headline` is about a malformed number (`0.9x`, `11000.`, `007`, `--3`).
fn number_headline(headline: &str) -> bool {
    [
        "invalid float",
        "invalid fraction",
        "invalid mantissa",
        "invalid exponent",
        "invalid integer",
    ]
    .iter()
    .any(|h| headline.starts_with(h))
        || ["leading zero", "between digits", "numeric sign"]
            .iter()
            .any(|h| headline.contains(h))
}

/// The value around byte `at` of `text`: the run of characters up to a space, a separator of
/// TOML's (`,`, `=`, brackets) or a comment, on either side.
fn token_at(text: &str, at: usize) -> &str {
    let stop = |c: char| c.is_whitespace() || ",=[]{}#\"'".contains(c);
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    // (A stop can be a space of several bytes, such as a non-breaking one.)
    let start = (text[..at].char_indices().rev())
        .find(|&(_, c)| stop(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(stop).map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// The fix for a number with thousands separated by commas inside `{ }` (`{ initial = 11,000,
/// max = 1,000,000 }`), which TOML reads as more keys: the first such value on the line.
fn grouped_in_table(line: &str) -> Option<String> {
    if !line.contains('{') {
        return None;
    }
    line.split('=').skip(1).find_map(|after| {
        let value = after.trim_start();
        let run = value
            .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '-'))
            .next()?
            .trim_end_matches(',');
        // Only digits grouped by three (`11,000`): a single digit after the comma is the next
        // key of the table, miswritten some other way.
        let groups: Vec<&str> = run.split(',').collect();
        (groups.len() >= 2 && groups[1..].iter().all(|g| g.len() == 3))
            .then(|| comma_number_help(run))
            .flatten()
    })
}

/// toml's messages are `headline\nexpected ...`: the first line heads the diagnostic, the rest
/// goes under the marker.
fn split_message(message: &str) -> (String, Option<String>) {
    let message = message.trim();
    match message.split_once('\n') {
        Some((head, rest)) => (
            head.trim().to_string(),
            Some(rest.trim().replace('\n', "; ")),
        ),
        None => (message.to_string(), None),
    }
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

#[cfg(test)]
mod tests {
    use super::token_at;

    #[test]
    fn the_token_at_an_error_stops_at_any_space_whole() {
        let text = "x = { a = 1,\u{a0}b = 0.9x }";
        assert_eq!(token_at(text, text.find('x').unwrap()), "x");
        assert_eq!(token_at(text, text.find("0.9x").unwrap() + 3), "0.9x");
        // A space of several bytes just before the token, and a mark inside a character.
        let text = "v =\u{2009}0.9.1";
        assert_eq!(token_at(text, text.len() - 1), "0.9.1");
        assert_eq!(token_at("é1.5k", 1), "é1.5k");
        assert_eq!(token_at("", 0), "");
    }
}
