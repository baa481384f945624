//! A text whose closing quote is missing (`actor = "russia`, `{ when = "war, factor = 2 }`):
//! TOML reads on to the end of the line for it, and inside a list or `{ }` past the bracket
//! that closes them, which leaves them open to the end of the file. The fix closes the text
//! where it most likely ends: inside brackets, before the `,` that starts the next entry or
//! item or the bracket that closes them; elsewhere before a note, or at the end of the line.

use std::ops::Range;

use super::bare_values::entry_key;
use super::curly_quotes::reads;
use super::fix_shape::Fix;
use super::mixed_quotes::{in_brackets, left_open};

/// The fix for `line` when a text on it runs to the end of the line without its closing quote:
/// the help, where in `line` the text opens, and whether a list or `{ }` is open before it.
pub(super) fn closing_quote_help(line: &str) -> Option<(String, usize, bool)> {
    if line.contains("\"\"\"") || line.contains("'''") {
        return None;
    }
    let (at, quote) = left_open(line)?;
    let in_brackets = in_brackets(line, at);
    let closed_at = |end: usize| {
        let (text, rest) = line.split_at(end);
        format!("{}{quote}{rest}", text.trim_end())
    };
    let body = at + quote.len_utf8();
    let fixed = if in_brackets {
        // Before the first `,` that starts another entry or item, or a closing bracket.
        (body..line.len())
            .filter(|&i| line.is_char_boundary(i))
            .filter(|&i| {
                let rest = &line[i..];
                rest.starts_with([']', '}'])
                    || rest.strip_prefix(',').is_some_and(|r| {
                        let r = r.trim_start();
                        entry_key(r).is_some()
                            || r.starts_with(['"', '\'', '{', '['])
                            || r.is_empty()
                    })
            })
            .map(closed_at)
            .find(|fixed| reads(fixed))?
    } else {
        // Before a note after it, else at the line's end.
        let note = line[body..].find(" #").map(|i| body + i);
        (note.into_iter().chain([line.trim_end().len()]))
            .map(closed_at)
            .find(|fixed| reads(fixed))?
    };
    let help = format!("the text is not closed: `{}`", fixed.trim());
    Some((help, at, in_brackets))
}

/// Whether a closing quote is the fix for the line at `line` of `text`: then `fix` says so,
/// told at the opening quote.
pub(super) fn closing_quote(text: &str, line: Range<usize>, fix: &mut Fix) -> bool {
    let Some((help, at, in_brackets)) = closing_quote_help(&text[line.clone()]) else {
        return false;
    };
    let at = line.start + at;
    if in_brackets {
        fix.spoils = Some("a list whose text is not closed read wrongly until it is closed");
    }
    fix.tell_at(
        at..at + 1,
        "a text without its closing quote",
        "opened here",
        help,
    );
    true
}

#[cfg(test)]
mod tests {
    use super::closing_quote_help;

    fn fixed(line: &str) -> Option<String> {
        closing_quote_help(line).map(|(help, _, _)| help)
    }

    #[test]
    fn a_text_left_open_is_closed_where_it_ends() {
        assert_eq!(
            fixed("actor = \"russia").as_deref(),
            Some("the text is not closed: `actor = \"russia\"`")
        );
        assert_eq!(
            fixed("  { when = \"war_in_korea, factor = 3 },").as_deref(),
            Some("the text is not closed: `{ when = \"war_in_korea\", factor = 3 },`")
        );
        assert_eq!(
            fixed("set = [\"war, \"siege\"]"),
            None,
            "closed by the next text's quote: another mistake"
        );
        assert_eq!(
            fixed("tags = [\"north_korea\", \"troops]").as_deref(),
            Some("the text is not closed: `tags = [\"north_korea\", \"troops\"]`")
        );
        assert_eq!(
            fixed("actor = \"russia  # the aggressor").as_deref(),
            Some("the text is not closed: `actor = \"russia\" # the aggressor`")
        );
        // Closed, or a text over several lines: nothing to fix here.
        assert_eq!(fixed("actor = \"russia\""), None);
        assert_eq!(fixed("description = \"\"\"The"), None);
    }
}
