//! Reading typed values out of spanned nodes, with one clear error per wrong value.
//!
//! Every reader returns `None` after reporting (or silently, for a value already reported as
//! invalid), so the checker carries on and reports every error of the file in one go.

use crate::format::document::{Entry, Node, Table, Value};
use crate::format::entry_id::{id_like_name, id_slip, id_written_as};
use crate::format::misspelt::misspelt;
use crate::format::schema::TableSchema;
use crate::format::suggest::{join_and, join_or};
use crate::format::{Diagnostic, SourceMap, Span};

/// The checking context: the texts (for messages quoting them) and the diagnostics so far.
pub struct Cx<'s> {
    pub sources: &'s SourceMap,
    pub diags: Vec<Diagnostic>,
    /// The files that say `format = 1` (see [`Cx::needs_format2`]).
    pub format1: Vec<crate::format::FileId>,
    /// The last "has no `key`" error (its index) with its keys and their examples: the next
    /// required key missing from the same entry joins it (an empty `[[events]]` is one error).
    missing: Option<(usize, Vec<(String, String)>)>,
}

impl<'s> Cx<'s> {
    pub fn new(sources: &'s SourceMap) -> Cx<'s> {
        Cx {
            sources,
            diags: Vec::new(),
            format1: Vec::new(),
            missing: None,
        }
    }

    pub fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// `feature` (e.g. "`[params]`") is written at `span`: an error if that span's file says
    /// `format = 1`. Each file's own `format` governs what it may write.
    pub fn needs_format2(&mut self, span: &Span, feature: &str) {
        if self.format1.contains(&span.file) {
            self.error(
                Diagnostic::error(
                    span.clone(),
                    format!("{feature} is part of format 2, but this file says `format = 1`"),
                )
                .label("needs format 2")
                .help("delete `format = 1`: format 2 reads every format-1 file the same way"),
            );
        }
    }

    /// Past this many errors the rest are counted but not worth suggestions or expression
    /// checks: they will not be shown (see `MAX_SHOWN_ERRORS`).
    pub fn saturated(&self) -> bool {
        self.diags.len() >= super::MAX_SHOWN_ERRORS
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// "WHAT must be EXPECTED, found TYPE" at `node`, unless the node is already an error.
    pub(crate) fn wrong_type(
        &mut self,
        node: &Node,
        what: &str,
        expected: &str,
        help: Option<String>,
    ) {
        if node.is_invalid() {
            return;
        }
        self.error(
            Diagnostic::error(
                node.span.clone(),
                format!(
                    "{what} must be {expected}, found {}",
                    node.value.type_name()
                ),
            )
            .label(format!("expected {expected}"))
            .maybe_help(help.or_else(|| default_help(expected))),
        );
    }

    pub fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::String(s, _) => Some(s.clone()),
            _ => {
                let help = match &node.value {
                    Value::Integer(_) | Value::Float(_) | Value::Bool(_) => {
                        Some("text needs quotes: write it as \"...\"".to_string())
                    }
                    Value::Datetime(d) => Some(format!("write it in quotes: `\"{d}\"`")),
                    _ => None,
                };
                self.wrong_type(node, what, "a string", help);
                None
            }
        }
    }

    pub fn opt_string(&mut self, table: &Table, key: &str, what: &str) -> Option<String> {
        table.get(key).and_then(|n| self.string(n, what))
    }

    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                let help = match (&node.value, node.as_str()) {
                    (_, Some("true") | Some("false")) => {
                        Some("write `true` or `false` without quotes".to_string())
                    }
                    (Value::Integer(b @ (0 | 1)), _) => Some(format!(
                        "yes and no are `true` and `false` in TOML: write `{}`",
                        *b == 1
                    )),
                    _ => None,
                };
                self.wrong_type(node, what, "`true` or `false`", help);
                None
            }
        }
    }

    /// A finite number (integer or float).
    pub fn number(&mut self, node: &Node, what: &str) -> Option<f64> {
        match node.value {
            Value::Integer(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => {
                let help = node
                    .as_str()
                    .filter(|s| s.trim().parse::<f64>().is_ok())
                    .map(|_| "write the number without quotes".to_string());
                self.wrong_type(node, what, "a number", help);
                None
            }
        }
    }

    /// A number within `[lo, hi]`; `range` says the range in words for the message.
    pub fn number_in(
        &mut self,
        node: &Node,
        what: &str,
        lo: f64,
        hi: f64,
        range: &str,
    ) -> Option<f64> {
        let v = self.number(node, what)?;
        if v < lo || v > hi {
            self.out_of_range(node, what, range, &fmt_num(v));
            return None;
        }
        Some(v)
    }

    pub fn out_of_range(&mut self, node: &Node, what: &str, range: &str, found: &str) {
        self.error(
            Diagnostic::error(
                node.span.clone(),
                format!("{what} must be {range}, found {found}"),
            )
            .label("out of range")
            .help(format!("use a value {range}")),
        );
    }

    /// An integer within `[lo, hi]`.
    pub fn integer(
        &mut self,
        node: &Node,
        what: &str,
        lo: i64,
        hi: i64,
        range: &str,
    ) -> Option<i64> {
        let v = match node.value {
            Value::Integer(i) => i,
            Value::Float(f) => {
                let whole = (f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64);
                let help = match (whole, thousands(self.sources.slice(&node.span))) {
                    (Some(w), Some(t)) => Some(format!(
                        "write `{w}` without a decimal point, or `{t}` if the point separates \
                         thousands"
                    )),
                    (None, Some(t)) => Some(format!(
                        "a whole number has no point: `{t}` if the point separates thousands"
                    )),
                    (Some(w), None) => Some(format!("write `{w}` without a decimal point")),
                    (None, None) => None,
                };
                self.wrong_type(node, what, "an integer", help);
                return None;
            }
            _ => {
                let help = match node.as_str() {
                    Some(s) if s.trim().parse::<i64>().is_ok() => {
                        Some("write the number without quotes".to_string())
                    }
                    Some(s) if what == "`seed`" && s.eq_ignore_ascii_case("random") => {
                        Some(crate::format::seed_random_help("seed = "))
                    }
                    _ => None,
                };
                self.wrong_type(node, what, "an integer", help);
                return None;
            }
        };
        if v < lo || v > hi {
            self.out_of_range(node, what, range, &v.to_string());
            return None;
        }
        Some(v)
    }

    /// A required key: reports it missing at `owner` (the table's header).
    pub fn required<'t>(
        &mut self,
        table: &'t Table,
        key: &str,
        owner_span: &Span,
        owner: &str,
        example: &str,
    ) -> Option<&'t Node> {
        self.required_for(table, key, owner_span, owner, example, None)
    }

    /// [`Cx::required`], the error marked as the cause of the unknown uses of `unknown` (the id
    /// its example gives: those uses fold into it).
    pub fn required_for<'t>(
        &mut self,
        table: &'t Table,
        key: &str,
        owner_span: &Span,
        owner: &str,
        example: &str,
        unknown: Option<&str>,
    ) -> Option<&'t Node> {
        let node = table.get(key);
        // A misspelt key (`probabilty`) is reported as unknown, with this key as its fix. Looked
        // for only when the key is missing: the edit distances cost more than the whole load.
        if node.is_none() && !misspelt(table, key) {
            if let Some((i, keys)) = &mut self.missing
                && *i + 1 == self.diags.len()
                && self.diags[*i].span.as_ref() == Some(owner_span)
            {
                keys.push((key.to_string(), example.to_string()));
                let d = &mut self.diags[*i];
                let (quoted, examples): (Vec<String>, Vec<String>) = (keys.iter())
                    .map(|(k, e)| (format!("`{k}`"), format!("`{e}`")))
                    .unzip();
                d.message = format!("{owner} has no {}", join_or(&quoted));
                d.label = format!("{} are required here", join_and(&quoted));
                d.help = Some(format!("add {}", join_and(&examples)));
                return node;
            }
            self.error(
                Diagnostic::error(owner_span.clone(), format!("{owner} has no `{key}`"))
                    .label(format!("`{key}` is required here"))
                    .help(format!("add `{example}`"))
                    .cause_of_unknown(unknown),
            );
            let keys = vec![(key.to_string(), example.to_string())];
            self.missing = Some((self.diags.len() - 1, keys));
        }
        node
    }

    /// The `id` of an entry whose schema has no `name` (an event, an outcome): [`Cx::required`],
    /// but an id-like `name` (or a slip of `id`) is told as that key's slip (see
    /// [`id_written_as`]), not also as no `id`.
    /// With `likely`, the id its uses name (see `idless_event.rs`): the example, and their errors
    /// fold into this one.
    pub fn entry_id<'t>(
        &mut self,
        table: &'t Table,
        owner_span: &Span,
        owner: &str,
        example: &str,
        likely: Option<&str>,
    ) -> Option<&'t Node> {
        if id_like_name(table).is_some() || table.entries.iter().any(|e| id_with_words(table, e)) {
            return None;
        }
        let example = likely.map_or(example.to_string(), |id| format!("id = \"{id}\""));
        self.required_for(table, "id", owner_span, owner, &example, likely)
    }

    /// An array of strings, each with its span.
    pub fn string_list(&mut self, node: &Node, what: &str) -> Vec<(String, Span)> {
        let Some(items) = node.as_array() else {
            // One name where a list belongs: the fix is that name in brackets.
            let help = match node.as_str() {
                Some(one) if !one.contains(['"', '\\', '\n']) => in_brackets(&format!("\"{one}\"")),
                _ => format!("write {what} as `[\"a\", \"b\"]`"),
            };
            self.wrong_type(node, what, "an array of strings", Some(help));
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                let s = self.string(item, &format!("each entry of {what}"))?;
                Some((s, item.span.clone()))
            })
            .collect()
    }
}

/// `10.000` or `-1.500` (one to three digits, a point, three digits: a thousands separator as
/// much of Europe writes it) as the whole number without its point; `None` otherwise.
fn thousands(written: &str) -> Option<String> {
    let (whole, part) = written.split_once('.')?;
    let digits = whole.strip_prefix('-').unwrap_or(whole);
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let thousands = (1..=3).contains(&digits.len()) && !digits.starts_with('0');
    (thousands && part.len() == 3 && all_digits(digits) && all_digits(part))
        .then(|| format!("{whole}{part}"))
}

/// How to write a value of each expected type.
fn default_help(expected: &str) -> Option<String> {
    let h = match expected {
        "a string" => "write it in quotes: \"...\"",
        "an integer" => "write a whole number, such as `12`",
        "a number" => "write a number, such as `0.5` or `3000`",
        "`true` or `false`" => "write `true` or `false`, without quotes",
        _ => return None,
    };
    Some(h.to_string())
}

/// The fix for one entry written where a list belongs: the author's own `entry` in brackets.
pub(super) fn in_brackets(entry: &str) -> String {
    format!("a list goes in brackets, even with one entry: `[{entry}]`")
}

/// A number as an author would write it, and as TOML reads it back exactly: an integer when it
/// is one (so it fits an integer field), else Rust's shortest round-trip form: `0.25`, `3`,
/// `1e-12`, `1e308` (`Display` would write the last two with all their zeros).
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:?}")
    }
}

/// "`tension` lies in [0, 10]": a variable's or parameter's bounds, for a help or a label.
pub fn lies_in(id: &str, (lo, hi): (f64, f64)) -> String {
    format!("`{id}` lies in [{}, {}]", fmt_num(lo), fmt_num(hi))
}

/// Whether `e` is an `id` written with a slip (`d`, `Id`) and holding words (`d = "The talks"`)
/// in `table`, which has no `id`: told as that key's slip, with the id the words make, and not
/// also as no `id`.
pub fn id_with_words(table: &Table, e: &Entry) -> bool {
    table.get("id").is_none()
        && id_slip(&e.key)
        && id_written_as(table, false).is_none()
        && e.value.as_str().is_some_and(|v| !v.trim().is_empty())
}

/// Whether the key `k` holds the id of an entry of `schema` without `id` (see
/// [`id_written_as`]): a slip of `id` (`d = "frozen"`), or `name` when `schema` has none.
pub fn names_id(table: &Table, k: &str, schema: &TableSchema) -> bool {
    schema.field("id").is_some()
        && id_written_as(table, schema.field("name").is_none()).is_some_and(|e| e.key == k)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_point_between_thousands_is_read_both_ways() {
        for (written, plain) in [("10.000", Some("10000")), ("-1.500", Some("-1500"))] {
            assert_eq!(super::thousands(written).as_deref(), plain, "{written}");
        }
        for written in ["10.00", "0.500", "1000.000", "0.5", "10.0000", "1e3", "10"] {
            assert_eq!(super::thousands(written), None, "{written}");
        }
    }
}
