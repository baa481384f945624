//! TOML's syntax errors as brink's diagnostics: each with the fix for what was most likely
//! meant (see `syntax_help.rs` and `unquoted.rs`), in the order of the file, and without the
//! echoes one mistake leaves on its line.

use std::ops::Range;

use super::diagnostic::{Diagnostic, Label};
use super::duplicate_key::merged_duplicate_help;
use super::invisible::invisible_help;
use super::source::{FileId, Span};
use super::spaced_key::spaced_key_help;
use super::syntax_help::{
    TEXT_OUTSIDE_QUOTES, after_value_help, braces_list_help, colons_as_equals, first_of_key,
    header_help, line_of, list_help, list_opener_above, missing_comma_help, missing_header_help,
    no_value_help, syntax_help,
};
use super::unquoted::{
    curly_quotes_help, inner_unquoted_help, missing_comma_in_braces, unquoted_help,
};
use super::written::{Reading, comma_number_help, malformed_number_help, value_help};

/// What an error says of the errors after it on its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RestOfLine {
    /// Each is a mistake of its own, unless it has the same fix.
    Own,
    /// They all follow from it: the parser lost its way (a missing comma in `{ }`, read as a
    /// value without quotes, makes the later values look unquoted too).
    Follows,
    /// They follow from it (a value left without its quotes, which the parser reads on into
    /// the rest of the line; a `:` for `=`), but for other values without quotes, mistakes of
    /// their own.
    FollowsButQuotes,
}

/// At most this many syntax errors per text: after a few, the rest are echoes of the first.
const MAX_SYNTAX_ERRORS: usize = 10;

/// The syntax errors of `text`: a whole file (`value_at` is `None`), or a `--set` value at
/// `value_at` in its pseudo-file, where the fixes that read the file's lines do not apply.
pub(super) fn syntax_errors(
    file: FileId,
    text: &str,
    value_at: Option<usize>,
    errors: &[toml::de::Error],
) -> Vec<Diagnostic> {
    let offset = value_at.unwrap_or(0);
    let in_file = value_at.is_none();
    // In the order of the file: the parser reports some errors of a line after later ones
    // (an unquoted value's after what it broke), and echoes are judged by what came first.
    let mut errors: Vec<&toml::de::Error> = errors.iter().collect();
    errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
    // A label on a range of `text`.
    let label = |range: Range<usize>, message: &str| Label {
        span: Span::new(file, offset + range.start..offset + range.end),
        message: message.into(),
    };
    let found: Vec<(usize, bool, RestOfLine, Option<usize>, Diagnostic)> = errors
        .iter()
        .take(MAX_SYNTAX_ERRORS)
        .map(|e| {
            let range = e.span().unwrap_or(0..0);
            let start = range.start.min(text.len());
            let end = range.end.clamp(start, text.len());
            let (mut headline, rest) = split_message(e.message());
            // A bare word where a value goes is "must be quoted", unless it starts as `nan` or
            // `inf` do (`north_korea`, `inflation`): then the parser read a number, and says so.
            let token = token_at(text, start);
            if number_headline(&headline)
                && token.starts_with(|c: char| c.is_ascii_alphabetic())
                && !INFINITE.contains(&token.to_ascii_lowercase().as_str())
            {
                headline = "string values must be quoted".into();
            }
            let mut d = Diagnostic::error(
                Span::new(file, offset + start..offset + end),
                format!("TOML syntax: {headline}"),
            )
            .label(rest.unwrap_or_default());
            let at_range = start..end.max(start + 1).min(text.len());
            let at = text.get(at_range.clone()).unwrap_or("");
            // The value as written after `=` (a whole `--set` value): a number written the way
            // people write numbers outside TOML has a fix of its own.
            let here = line_of(text, start);
            let line = &text[here.clone()];
            let value = if in_file {
                line.split_once('=').map_or("", |(_, v)| v)
            } else {
                text
            };
            let mut root_elsewhere = false;
            let mut rest_of_line = RestOfLine::Own;
            // Where the lines whose errors follow from this one end (a list opened with `(` or `{`).
            let mut lines_below = None;
            d.help = if let Some(help) = invisible_help(text.get(start..).unwrap_or("")) {
                Some(help)
            } else if let Some(help) = value_help(value) {
                Some(help)
            } else if in_file
                && headline.contains("must be quoted")
                && let Some(help) = curly_quotes_help(line)
            {
                Some(help)
            } else if in_file && let Some(help) = braces_list_help(line) {
                rest_of_line = RestOfLine::Follows;
                Some(help)
            } else if in_file
                && headline.starts_with("duplicate key")
                && let Some((help, root)) = header_help(text, start)
            {
                root_elsewhere = true;
                d.labels.push(label(root, "the line to change"));
                Some(help)
            } else if headline.starts_with("invalid boolean") {
                Some(boolean_help(line, token))
            } else if in_file && let Some(help) = grouped_in_table(line) {
                Some(help)
            } else if number_headline(&headline)
                && INFINITE.contains(
                    &token
                        .trim_start_matches(['-', '+'])
                        .to_ascii_lowercase()
                        .as_str(),
                )
            {
                Some("every number in a scenario must be finite".into())
            } else if number_headline(&headline)
                && let Some(help) = malformed_number_help(token, Reading::Toml)
            {
                Some(help)
            } else if at.trim().is_empty() && headline.contains("must be quoted") {
                Some("a value is missing here: write a number, `true`/`false` or \"text\"".into())
            } else if in_file
                && headline.starts_with("invalid key-value pair")
                && let Some((opener, fixed)) = list_opener_above(text, here.start, '(')
            {
                d.labels.push(label(opener, "the line to change"));
                Some(format!(
                    "this is an item of the list opened with `(` above, and a list goes in \
                     square brackets: `{fixed}`"
                ))
            } else if in_file
                && headline.starts_with("missing key for inline table element")
                && let Some((opener, fixed)) = list_opener_above(text, here.start, '{')
            {
                // A list of tables in `{ }`: TOML reads the `{` above as a table and marks its
                // items, up to the `}` that closes it.
                d.labels.push(label(opener, "the line to change"));
                rest_of_line = RestOfLine::Follows;
                if let Some(closing) = closing_line(text, here.end, '}') {
                    d.labels.push(label(closing.clone(), "and this one: `]`"));
                    lines_below = Some(closing.end + 1);
                }
                Some(format!(
                    "this is an item of the list opened with `{{` above, and a list goes in \
                     square brackets (its items in `{{ }}`): `{fixed}`, closed by `]`"
                ))
            } else if in_file && let Some(help) = list_help(&headline, line) {
                // (Whatever the parser makes of the line of a `)`, the rest follows.)
                rest_of_line = RestOfLine::Follows;
                Some(help)
            } else if in_file
                && headline.starts_with("key with no value")
                && let Some(help) = spaced_key_help(text, start)
            {
                Some(help)
            } else if in_file && headline.starts_with("key with no value") {
                Some(no_value_help(text, start).into())
            } else if in_file
                && headline.contains("must be quoted")
                && let Some(help) = missing_comma_in_braces(line, here.start, &at_range)
            {
                // Every later error on the line, quotes wanted included, follows from it.
                rest_of_line = RestOfLine::Follows;
                Some(help)
            } else if in_file
                && headline.contains("must be quoted")
                && let Some(help) = inner_unquoted_help(line, here.start, &at_range)
            {
                rest_of_line = RestOfLine::FollowsButQuotes;
                Some(help)
            } else if in_file
                && headline.contains("must be quoted")
                && let Some(help) = unquoted_help(line)
            {
                rest_of_line = RestOfLine::FollowsButQuotes;
                if help.ends_with("= [`") {
                    lines_below = closing_line(text, here.end, ')').map(|c| c.start);
                }
                Some(help)
            } else if headline.starts_with("invalid date") {
                Some(format!("a month is text in quotes: `\"{}\"`", value.trim()))
            } else if at.starts_with(':') && headline.starts_with("invalid unquoted key") {
                // The line's other colons and what the parser made of them follow from this.
                rest_of_line = RestOfLine::FollowsButQuotes;
                let fixed = (colons_as_equals(line).filter(|_| in_file))
                    .map_or(String::new(), |f| format!(": `{f}`"));
                Some(format!(
                    "TOML writes `=` between a key and its value, not `:`{fixed}"
                ))
            } else if in_file
                && headline.starts_with("unexpected key or value")
                && let Some(help) = after_value_help(text.get(start..here.end).unwrap_or(""))
            {
                Some(help)
            } else if in_file
                && headline.starts_with("duplicate key")
                && let Some(help) = missing_header_help(text, start)
            {
                Some(help)
            } else if in_file
                && headline.starts_with("duplicate key")
                && let Some(help) = merged_duplicate_help(text, start)
            {
                Some(help)
            } else if in_file
                && let Some((help, comma)) = missing_comma_help(text, start, &headline)
            {
                if line_of(text, comma) != here {
                    d.labels.push(label(comma..comma, "the `,` goes here"));
                }
                Some(help)
            } else {
                syntax_help(&headline)
            };
            if in_file
                && !root_elsewhere
                && headline.starts_with("duplicate key")
                && let Some(first) = first_of_key(text, start)
            {
                d.labels.push(label(first, "written first here"));
            }
            (here.start, root_elsewhere, rest_of_line, lines_below, d)
        })
        .collect();
    // One mistake can break a line in several places (`max = 1,000,000` inside `{ }` reads as
    // three keys): the errors after the first on a line with the same fix are its echoes, and
    // so are those after a value left without its quotes (but another value without quotes).
    let mut out: Vec<Diagnostic> = Vec::with_capacity(found.len());
    // Which of `errors` each kept diagnostic is.
    let mut kept = Vec::with_capacity(found.len());
    let mut last_line = None;
    // What the last kept error says of the rest of its line.
    let mut rest = RestOfLine::Own;
    let mut echoes = 0;
    // The items of a list opened with `(` or `{` break until its closing line: they are
    // echoes of the first error, counted under it with those on its own line.
    let mut below: Option<Below> = None;
    // A list opened wrongly above (`[events]` for `[[events]]`) has every entry after it
    // refused as a duplicate: those are echoes of the first, counted to the end of the file.
    let mut entries: Option<(usize, String, usize)> = None;
    let entry_header = |e: &toml::de::Error| -> Option<String> {
        let start = e.span()?.start.min(text.len());
        let header = text[line_of(text, start)].split('#').next()?.trim();
        (e.message().starts_with("duplicate key") && header.starts_with("[["))
            .then(|| header.to_string())
    };
    for (k, (line, root_elsewhere, rest_of_line, lines_below, d)) in found.into_iter().enumerate() {
        if let Some(b) = &mut below
            && b.lines.contains(&line)
        {
            if line == b.lines.start {
                b.on_its_line += 1;
            } else {
                b.below += 1;
            }
            continue;
        }
        if let Some((_, header, n)) = &mut entries
            && entry_header(errors[k]).as_ref() == Some(header)
        {
            *n += 1;
            continue;
        }
        let echo = last_line == Some(line)
            && (rest == RestOfLine::Follows
                || (rest == RestOfLine::FollowsButQuotes
                    && !errors[k].message().contains("must be quoted"))
                || d.help.is_some()
                    && out
                        .last()
                        .is_some_and(|kept: &Diagnostic| kept.help == d.help));
        if echo {
            echoes += 1;
            continue;
        }
        note_echoes(out.last_mut(), echoes);
        echoes = 0;
        last_line = Some(line);
        rest = rest_of_line;
        if let Some(until) = lines_below {
            note_below(&mut out, below.take());
            below = Some(Below {
                kept: out.len(),
                lines: line..until,
                on_its_line: 0,
                below: 0,
            });
        }
        if root_elsewhere && entries.is_none() {
            entries = entry_header(errors[k]).map(|h| (out.len(), h, 0));
        }
        out.push(d);
        kept.push(k);
    }
    note_echoes(out.last_mut(), echoes);
    note_below(&mut out, below);
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

/// The line that closes a list opened wrongly on the line ending at `from` (or an item of
/// it): the first line below that starts with `close`, without its line break.
fn closing_line(text: &str, from: usize, close: char) -> Option<Range<usize>> {
    let mut at = from;
    for line in text.get(from..)?.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if line.trim_start().starts_with(close) {
            return Some(start..start + line.trim_end_matches(['\n', '\r']).len());
        }
    }
    None
}

/// The first error of a list opened with `(` or `{`, and the errors after it up to the list's
/// end, left out as its echoes.
struct Below {
    /// Its index among the kept errors.
    kept: usize,
    /// The starts of its line and of the lines whose errors are its echoes.
    lines: Range<usize>,
    on_its_line: usize,
    below: usize,
}

/// Tells under the first error of a list in `( )` or `{ }` how many errors on its line and the
/// lines below it were left out as its echoes.
fn note_below(out: &mut [Diagnostic], below: Option<Below>) {
    let Some(b) = below else { return };
    let n = b.on_its_line + b.below;
    let lines = match (b.on_its_line, b.below) {
        (0, 0) => return,
        (_, 0) => "on this line",
        (0, _) => "on the lines below it",
        _ => "on this line and the lines below it",
    };
    out[b.kept].notes.push(format!(
        "{n} more syntax error{} {lines} not shown: {} from this one",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it follows" } else { "they follow" }
    ));
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
/// Infinity and not-a-number as people spell them, which TOML refuses but for `inf` and `nan`.
const INFINITE: [&str; 3] = ["inf", "infinity", "nan"];

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
