//! A header line moved up or down among the keys (`[variables]` dragged into the event below
//! it, `[params]` pasted above the last keys of `[scenario]`), or a list's opening or closing
//! line moved past its items: every line between where it stands and where it belongs is read
//! under the wrong header or on the wrong side of a bracket, and each says so, 5 to 30 errors
//! about lines that are all right. No one of them names the slip, so it is found by trying:
//! the header and bracket lines near the first error are moved up and down a few lines, and a
//! place where the file checks without an error is told as the one error to fix (and the
//! `[scenario]` line, when its keys stand above every header, above them wherever it went, and
//! a table's header from farther away, above the line of one of the first errors).
//! So is a line of a long text moved out of its `"""` (its words read as keys), moved back,
//! a text's closing line moved down past keys (which it then holds), moved back above them,
//! and a line written twice (a text's closing `"""` line doubled), deleted. When no place
//! leaves no error, one that leaves only errors of the file's own, two fewer at least, is told
//! with them: another slip beside the moved line (`tries.rs`).
//!
//! Only the file named on the command line is searched (the one being edited), only after two
//! errors or more (one is already its own fix) or a TOML error, save for a table's header far
//! away (one error asks for a `[flags]` line that stands elsewhere), and the tries are bounded:
//! each is a whole check of the file, bases included.

mod lines;
mod search;
mod tries;

use crate::format::{Diagnostic, Diagnostics, FileId, Span};

use lines::Kind;
use search::{scenario_moved_down, search, table_moved_far, text_closed_low};
use tries::Tries;
pub use tries::{Check, error_keys};

/// Past this size a file is not searched: each try checks it whole.
const MAX_BYTES: usize = 128 * 1024;

/// `diags` as one error when a header or bracket line of `main` moved up or down would leave
/// none, or as that error and the errors it would leave, when they are fewer by two and all
/// of them `diags`' own; else unchanged. `check` checks a text of `main` whole (bases and
/// options as for `diags`).
pub fn explain(diags: Diagnostics, main: FileId, check: Check) -> Diagnostics {
    let total = diags.error_count();
    let first = diags
        .items
        .iter()
        .find(|d| d.is_error() && d.span.as_ref().is_some_and(|s| s.file == main));
    let Some(first) = first else {
        return diags;
    };
    let written = diags.sources.text(main);
    // One error is its own fix, unless it is TOML's (a key twice: the header line that would
    // have split the table may be out of place).
    if written.len() > MAX_BYTES {
        return diags;
    }
    let parses = written.parse::<toml::Table>().is_ok();
    // Every line with its newline, the last one too, so that a line moves whole.
    let text = &format!(
        "{written}{}",
        if written.ends_with('\n') { "" } else { "\n" }
    );
    let first_at = first.span.as_ref().map_or(0, |s| s.range.start);
    let error_starts: Vec<usize> = (diags.items.iter())
        .filter(|d| d.is_error())
        .filter_map(|d| d.span.as_ref().filter(|s| s.file == main))
        .map(|s| s.range.start)
        .collect();
    // One error is searched only for a table's header far away: "is the `[flags]` line
    // missing above this one?" while it stands elsewhere.
    let own = error_keys(&diags);
    let tries = Tries::new(check, &own);
    let found = if total < 2 && parses {
        table_moved_far(text, &error_starts, &tries)
    } else {
        scenario_moved_down(text, &tries)
            .or_else(|| text_closed_low(text, &tries))
            .or_else(|| search(text, first_at, !parses, !parses, &tries))
            .or_else(|| table_moved_far(text, &error_starts, &tries))
    };
    let Some((found, left)) = found.map(|f| (f, Vec::new())).or_else(|| tries.best()) else {
        return diags;
    };
    // The errors the move leaves are told as written, in the file's order, the move's own
    // error (`None` in `told`) in the place of the first it mends, which its note names.
    let (mut told, mut mended) = (Vec::new(), None);
    for (d, key) in (diags.items.iter().filter(|d| d.is_error())).zip(&own) {
        if left.contains(key) {
            told.push(Some(d.clone()));
        } else if mended.is_none() {
            told.push(None);
            mended = Some(d);
        }
    }
    let first = mended.unwrap_or(first);
    let checks = match left.len() {
        0 => "the file checks without an error".to_string(),
        1 => "only the other error told is left".to_string(),
        n => format!("only the {n} other errors told are left"),
    };
    let written_line = text[found.line.clone()].trim_end();
    let name = written_line.split('#').next().unwrap_or("").trim();
    let name_at = found.line.start + (written_line.len() - written_line.trim_start().len());
    let line = |at: usize| diags.sources.line_col(main, at.min(written.len())).line;
    let (first_key, last_key) = (line(found.keys.start), line(found.keys.end - 1));
    let keys = if first_key == last_key {
        format!("line {first_key} is")
    } else {
        format!("lines {first_key}-{last_key} are")
    };
    let way = if found.keys.start < found.line.start {
        "up"
    } else {
        "down"
    };
    let (here, there) = (line(found.line.start), line(found.above.start));
    let (headline, label, secondary, help, read) = match found.kind {
        Kind::Header | Kind::Bracket => (
            format!("{keys} on the wrong side of the `{name}` line"),
            format!("move this line {way}"),
            "to above this line",
            format!(
                "{}: move the `{name}` line (line {here}) {way}, above line {there}; there, \
                 {checks}",
                if found.kind == Kind::Header {
                    "a key belongs to the header above it"
                } else {
                    "a list holds the lines between its `[` and its `]`"
                }
            ),
            if found.kind == Kind::Header {
                "where they stand, they are read under the wrong header"
            } else {
                "where they stand, they are read on the wrong side of the bracket"
            },
        ),
        Kind::FarHeader => (
            format!(
                "the `{name}` line stands at line {here}, away from its keys (line {there} on)"
            ),
            format!("move this line {way}"),
            "to above this line",
            format!(
                "a key belongs to the header above it: move the `{name}` line (line {here}) \
                 {way}, above line {there}; there, {checks}"
            ),
            "where they stand, they are read under the wrong header",
        ),
        Kind::TextCloser => (
            format!("{keys} read as words of a text, which closes too low"),
            format!("move this line {way}"),
            "to above this line",
            format!(
                "a text over several lines holds the lines between its opening and closing \
                 quotes: move line {here} {way}, above line {there}; there, {checks}"
            ),
            "where they stand, their keys and headers are words of the text",
        ),
        Kind::Text => (
            format!("line {here} reads as a line of a text, but stands outside its quotes"),
            format!("move this line {way}"),
            "to above this line",
            format!(
                "a text over several lines holds the lines between its opening and closing \
                 `\"\"\"`: move line {here} {way}, above line {there}; there, {checks}"
            ),
            "where it stands, its words are read as keys",
        ),
        Kind::Doubled => (
            format!("line {here} repeats line {there}"),
            "delete this line".to_string(),
            "written first here",
            format!("a line written twice: delete line {here}; without it, {checks}"),
            "with it, the file is refused",
        ),
    };
    let above = &found.above;
    let code = text[above.clone()].trim_end();
    let start = above.start + (code.len() - code.trim_start().len());
    let d = Diagnostic::error(Span::new(main, name_at..name_at + name.len()), headline)
        .label(label)
        .secondary(Span::new(main, start..above.start + code.len()), secondary)
        .help(help)
        .note(format!(
            "{read}: {}\"{}\"",
            match total - left.len() {
                1 => String::new(),
                n => format!("{n} errors, the first "),
            },
            first.message
        ));
    let (mut d, mut items) = (Some(d), Vec::new());
    for t in told {
        items.extend(t.or_else(|| d.take()));
    }
    items.extend(d);
    Diagnostics::new(diags.sources.clone(), items)
}
