//! TOML's syntax errors as brink's diagnostics: each with the fix for what was most likely
//! meant (`syntax_fix.rs` picks it), in the order of the file, and without the
//! echoes one mistake leaves on its line.

use std::ops::Range;

use super::diagnostic::{Diagnostic, Label};
use super::fix_shape::RestOfLine;
use super::number_tokens::{INFINITE, number_headline, token_at};
use super::source::{FileId, Span};
use super::syntax_fix::fix;
use super::syntax_help::{header_of, line_of};
use super::yes_no::means_yes_no;

/// At most this many syntax errors are shown per text: after a few, a student fixes those first.
const MAX_SHOWN: usize = 10;
/// At most this many of the parser's errors are read per text. One mistake can leave several
/// echoes on its line, which are counted under it rather than shown, so more are read than
/// shown; each read may scan the file for its fix, so not all of them.
const MAX_READ: usize = 40;

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
    let found = errors.iter().take(MAX_READ).map(|e| {
        let range = e.span().unwrap_or(0..0);
        let start = range.start.min(text.len());
        let end = range.end.clamp(start, text.len());
        let (mut headline, rest) = split_message(e.message());
        // A bare word where a value goes is "must be quoted", unless it starts as `nan` or
        // `inf` do (`north_korea`, `inflation`): then the parser read a number, and says so;
        // likewise a word that starts with `t` or `f` (`france`), which it read as a yes or no.
        let token = token_at(text, start);
        if (number_headline(&headline)
            && token.starts_with(|c: char| c.is_ascii_alphabetic())
            && !INFINITE.contains(&token.to_ascii_lowercase().as_str()))
            || (headline.starts_with("invalid boolean") && !means_yes_no(token))
        {
            headline = "string values must be quoted".into();
        }
        let mut d = Diagnostic::error(
            Span::new(file, offset + start..offset + end),
            format!("TOML syntax: {headline}"),
        )
        .label(rest.unwrap_or_default());
        let mut fix = fix(text, in_file, &headline, start, end);
        if let Some(headline) = fix.headline {
            d.message = format!("TOML syntax: {headline}");
        }
        // The line an error is told on, which its echoes share.
        let mut line = line_of(text, start).start;
        if let Some(moved) = fix.moved.take() {
            line = line_of(text, moved.span.start).start;
            d = Diagnostic::error(
                Span::new(file, offset + moved.span.start..offset + moved.span.end),
                format!("TOML syntax: {}", moved.headline),
            )
            .label(moved.mark);
        }
        d.help = fix.help.take();
        for (range, words) in fix.labels.drain(..) {
            d.labels.push(label(range, words));
        }
        (line, fix, d)
    });
    // One mistake can break a line in several places (`max = 1,000,000` inside `{ }` reads as
    // three keys): the errors after the first on a line with the same fix are its echoes, and
    // so are those after a value left without its quotes (but another value without quotes).
    let mut out: Vec<Diagnostic> = Vec::with_capacity(found.len());
    // Which of `errors` each kept diagnostic is.
    let mut kept = Vec::with_capacity(found.len());
    // Why every error after each kept one follows from it, if they do.
    let mut spoils: Vec<Option<&str>> = Vec::with_capacity(found.len());
    let mut last_line = None;
    // What the last kept error says of the rest of its line.
    let mut rest = RestOfLine::Own;
    let mut echoes = 0;
    // The kept errors of second `id`s, each with how many duplicate keys follow from it.
    let mut after_id: Vec<(usize, usize)> = Vec::new();
    // The header each kept error's fix writes, if it writes one.
    let mut headers: Vec<Option<(usize, String)>> = Vec::with_capacity(found.len());
    // How many of `errors` were read: up to the one that would be shown after the last.
    let mut read = errors.len().min(MAX_READ);
    // The items of a list opened with `(` or `{` break until its closing line: they are
    // echoes of the first error, counted under it with those on its own line.
    let mut below: Option<Below> = None;
    // A list opened wrongly above (`[events]` for `[[events]]`) has every entry after it
    // refused as a duplicate: those are echoes of the first, counted to the end of the file.
    // So are they after a header left open (`[[events]`), under its error (`true`).
    let mut entries: Option<(usize, String, usize, bool)> = None;
    let entry_header = |e: &toml::de::Error| -> Option<String> {
        let start = e.span()?.start.min(text.len());
        let header = header_of(&text[line_of(text, start)])?;
        (e.message().starts_with("duplicate key") && header.starts_with("[["))
            .then(|| header.to_string())
    };
    for (k, (line, mut fix, d)) in found.enumerate() {
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
        if let Some((_, header, n, _)) = &mut entries
            && entry_header(errors[k]).as_ref() == Some(header)
        {
            *n += 1;
            continue;
        }
        // The keys after an entry's second `id` (its `[[events]]` line left out) are each
        // refused as duplicates, and so is a header below whose entry it is: they follow from
        // the first error whose fix writes that header there, and are counted under it.
        if let Some(header) = &fix.writes_header
            && let Some(i) = headers.iter().position(|h| h.as_ref() == Some(header))
        {
            match after_id.iter_mut().find(|(at, _)| *at == i) {
                Some((_, n)) => *n += 1,
                None => after_id.push((i, 1)),
            }
            if entries.is_none() && fix.root_elsewhere {
                // The entries after it refused the same way follow from the same fix.
                entries = entry_header(errors[k]).map(|h| (i, h, 0, true));
            }
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
            // An echo that spoils the rest of the file (a curly quote's text run on past its
            // list's `]`) makes its first spoil it.
            if fix.spoils.is_some()
                && let Some(last) = spoils.last_mut()
                && last.is_none()
            {
                *last = fix.spoils;
                read = k + 1;
                break;
            }
            echoes += 1;
            continue;
        }
        if out.len() == MAX_SHOWN {
            read = k;
            break;
        }
        note_echoes(out.last_mut(), echoes);
        echoes = 0;
        last_line = Some(line);
        rest = fix.rest_of_line;
        if let Some(until) = fix.lines_below {
            note_below(&mut out, below.take());
            below = Some(Below {
                kept: out.len(),
                lines: line..until,
                on_its_line: 0,
                below: 0,
            });
        }
        if entries.is_none() {
            entries = match fix.entries.take() {
                Some(h) => Some((out.len(), h, 0, true)),
                None if fix.root_elsewhere => {
                    entry_header(errors[k]).map(|h| (out.len(), h, 0, false))
                }
                None => None,
            };
        }
        out.push(d);
        kept.push(k);
        headers.push(fix.writes_header.take());
        spoils.push(fix.spoils);
        if fix.spoils.is_some() {
            // Every error after it is counted under it below: no need to read them.
            read = k + 1;
            break;
        }
    }
    note_echoes(out.last_mut(), echoes);
    note_below(&mut out, below);
    for (i, n) in after_id {
        out[i].notes.push(format!(
            "{n} more duplicate key{} below not shown: {} from this one",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it follows" } else { "they follow" }
        ));
    }
    let mut beyond = errors.len() - read;
    if let Some((i, header, mut n, follows)) = entries {
        let later = errors.iter().skip(read);
        let same = later
            .filter(|e| entry_header(e).as_ref() == Some(&header))
            .count();
        n += same;
        beyond -= same;
        if n > 0 {
            let why = match (follows, n) {
                (false, _) => "refused for the same reason",
                (true, 1) => "it follows from this one",
                (true, _) => "they follow from this one",
            };
            out[i].notes.push(format!(
                "{n} more `{header}` line{} after this one not shown: {why}",
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    // Text left outside its quotes (a deleted opening `"""`) swaps text and keys for the rest of
    // the file, and a list left open takes in every line after it: every error after the first
    // such is an echo of it.
    if let Some((i, why)) = spoils
        .iter()
        .enumerate()
        .find_map(|(i, s)| Some((i, (*s)?)))
    {
        out.truncate(i + 1);
        // Every error after it, echoes on its line included, counted once here.
        out[i].notes.clear();
        let line_end = |e: &toml::de::Error| {
            let at = e.span().map_or(text.len(), |s| s.start.min(text.len()));
            line_of(text, at).end
        };
        let on_its_line = errors[kept[i] + 1..]
            .iter()
            .all(|e| line_end(e) == line_end(errors[kept[i]]));
        if on_its_line {
            // Only echoes on its line after all: no line after it read wrongly.
            note_echoes(Some(&mut out[i]), errors.len() - kept[i] - 1);
        } else if errors.len() > kept[i] + 1 {
            let more = errors.len() - kept[i] - 1;
            out[i].notes.push(format!(
                "{more} more syntax error{} not shown: {} from this one, as the lines after {why}",
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
