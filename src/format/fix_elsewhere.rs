//! The syntax errors better told at another place than the parser's mark: a text broken over
//! lines (told where it breaks), a bracket of the wrong kind, a list or `{ }` left open (told
//! at its opening bracket), a text whose closing quotes are missing or of the other kind, a
//! `key = value` line inside a list, a curly quote.

use std::ops::Range;

use super::brackets::{entry_in_list, text_not_closed, unclosed};
use super::broken_text::{Broken, broken_text};
use super::curly_quotes::straight_quotes_help;
use super::fix_shape::{Fix, RestOfLine};
use super::mixed_quotes::mixed_quote;
use super::syntax_help::{line_number, line_of};
use super::text_closed_late::text_closed_late;
use super::text_left_open::closing_quote;
use super::wrong_closer::wrong_closer;

/// The headline of a text in quotes broken over lines (`broken_text.rs`).
const BROKEN: &str = "a text in quotes broken over lines";

/// Fills `fix` when the error `headline` marked at `start` of the file `text` is better told
/// elsewhere, and says whether it was.
pub(super) fn told_elsewhere(
    text: &str,
    headline: &str,
    start: usize,
    at_range: &Range<usize>,
    fix: &mut Fix,
) -> bool {
    let here = line_of(text, start);
    // Before the brackets: the text's line break leaves any `{ }` or list on it open, and so
    // does a text closed with the other quote.
    let open_text = headline.starts_with("invalid basic string")
        || headline.starts_with("invalid literal string");
    if open_text && mixed_quote(text, here.clone(), fix) {
        return true;
    }
    if open_text && let Some(broken) = broken_text(text, here.clone()) {
        told_broken(fix, broken, None);
        return true;
    }
    if open_text && closing_quote(text, here.clone(), fix) {
        return true;
    }
    if let Some(w) = wrong_closer(text, start) {
        fix.tell_at(w.at, w.headline, "the bracket to change", w.help);
        fix.spoils = Some(w.spoils);
        return true;
    }
    // The parser's own "unclosed" stands at the end of the file, where nothing was read wrongly.
    let at_end = [
        "unclosed inline table",
        "unclosed array,",
        "invalid multi-line",
    ]
    .iter()
    .any(|h| headline.starts_with(h));
    let mut closed_late = None;
    let left_open = if headline.starts_with("invalid multi-line") {
        text_not_closed(text)
    } else if let Some((u, closer)) = text_closed_late(text, start) {
        closed_late = Some(closer);
        Some(u)
    } else {
        unclosed(text, start, at_end)
    };
    if let Some(u) = left_open {
        // A text broken over lines inside the `{ }` or list: the line break is the mistake.
        let opened = line_of(text, u.opener.start);
        if let Some(broken) = broken_text(text, opened.clone()) {
            told_broken(fix, broken, Some(opened.end));
            return true;
        }
        // A curly quote on the opener's line ran its text on past the closing bracket.
        if curly_quote(text, line_of(text, u.opener.start), fix) {
            fix.spoils = Some("a text that a curly quote left open read wrongly until it is fixed");
            return true;
        }
        if mixed_quote(text, opened.clone(), fix) || closing_quote(text, opened.clone(), fix) {
            return true;
        }
        if !at_end {
            fix.label(at_range.clone(), u.read_as);
        }
        if let Some((last, words)) = u.last_line {
            fix.label(last, words);
        }
        if let Some(closer) = closed_late {
            fix.label(closer, "read as its end");
        }
        fix.tell_at(u.opener, u.headline, "opened here", u.help);
        fix.spoils = Some(u.spoils);
        return true;
    }
    if let Some(list) = entry_in_list(text, start) {
        fix.label(list.opener..list.opener + 1, "the list opens here");
        fix.label(list.closer..list.closer + 1, "and closes here");
        let line_no = |at: usize| line_number(text, at);
        let (here, closes) = (line_no(start), line_no(list.closer));
        let lines = match line_no(list.end) {
            last if last > here => format!("lines {here}-{last}"),
            _ => format!("line {here}"),
        };
        let help = if here == closes {
            format!(
                "a list holds only values: close it at the end of line {}, and take the `]` \
                 off line {here}",
                line_no(list.last_item)
            )
        } else if list.next_item == Some(line_of(text, list.closer).start) {
            // The `]` on the next line may have been meant above this one.
            format!(
                "a list holds only values: move {lines} out of it, below its `]` (line \
                 {closes}), or the `]` above line {here}"
            )
        } else {
            format!(
                "a list holds only values: move {lines} out of it, below its `]` (line \
                 {closes})"
            )
        };
        let (headline, mark) = (
            "a `key = value` line inside a list",
            "read as an item of the list",
        );
        fix.tell_at(list.key, headline, mark, help);
        // The parser reads the key as a value without its comma: the item after it lacks one.
        fix.rest_of_line = RestOfLine::Follows;
        fix.lines_below = list.next_item.map(|at| at + 1);
        return true;
    }
    false
}

/// Whether straight quotes are the fix of the line at `line` of `text`: then `fix` says so, told
/// at the line's first curly quote to change.
pub(super) fn curly_quote(text: &str, line: Range<usize>, fix: &mut Fix) -> bool {
    let Some((help, at)) = straight_quotes_help(&text[line.clone()]) else {
        return false;
    };
    let at = line.start + at;
    let width = text[at..].chars().next().map_or(1, char::len_utf8);
    if help.ends_with("\"\"\"`") {
        // The text over several lines it opens is read as keys until it is fixed.
        fix.spoils = Some("a text whose opening quotes are curly read wrongly until it is fixed");
    }
    let headline = "a curly quote where TOML needs a straight one";
    fix.tell_at(at..at + width, headline, "a curly quote", help);
    true
}

/// A text broken over lines, told where it breaks when that is not the parser's mark (`at`,
/// the end of the line of the `{ }` it left open): the lines it continues on follow from it.
fn told_broken(fix: &mut Fix, broken: Broken, at: Option<usize>) {
    match at {
        Some(at) => fix.tell_at(at..at, BROKEN, "", broken.help),
        None => {
            fix.headline = Some(BROKEN);
            fix.help = Some(broken.help);
        }
    }
    fix.lines_below = Some(broken.end + 1);
    fix.label(broken.continues..broken.continues + 1, "continues here");
}
