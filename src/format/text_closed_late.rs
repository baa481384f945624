//! A text over several lines whose closing `"""` was deleted, with another such text below it
//! (a `rationale = """` of the next event): the parser ends the first at the second's opening
//! quotes and reads the second's lines as keys. Its error stands lines below the mistake, on a
//! line of words with nothing wrong; told where the text opens, with where it likely ends.

use std::ops::Range;

use super::brackets::{starts_entry, texts_over_lines};
use super::syntax_help::{line_number, line_of};
use super::unclosed::Unclosed;

/// The text closed too late that explains the error at `at`, and the quotes that closed it.
pub(super) fn text_closed_late(text: &str, at: usize) -> Option<(Unclosed, Range<usize>)> {
    let here = line_of(text, at);
    let texts = texts_over_lines(&text[..here.start]);
    let late = texts.last()?.clone();
    let closer = late.end - 3..late.end;
    let closed = line_of(text, closer.start);
    // The quotes that closed it open a text of their own: `key = """` at the end of a line.
    let before = text[closed.start..closer.start].trim_end();
    if !before.ends_with('=') || !text[closer.end..closed.end].trim().is_empty() {
        return None;
    }
    // The first line inside it that reads as a key or a header (the closing quotes' own, at
    // the latest): the text ends above it.
    let opened = line_of(text, late.start);
    let mut entry = None;
    let mut last = opened.clone();
    let mut from = opened.end + 1;
    while from <= closed.start {
        let line = line_of(text, from);
        let words = text[line.clone()].trim();
        if starts_entry(words) {
            entry = Some(line);
            break;
        }
        // (Notes between the text and the next key are no part of it.)
        if !words.is_empty() && !words.starts_with('#') {
            last = line.clone();
        }
        from = line.end + 1;
    }
    let entry = entry?;
    let quotes = &text[late.start..late.start + 3];
    // Closed there, the file must read past the quotes that closed it.
    let kept = text[last.clone()].trim_end();
    let kept = kept.strip_suffix('\\').unwrap_or(kept).trim_end();
    let fixed = format!("{}{kept}{quotes}{}", &text[..last.start], &text[last.end..]);
    let shift = fixed.len() as isize - text.len() as isize;
    if let Err(e) = fixed.parse::<toml::Table>()
        && e.span()
            .is_none_or(|s| (s.start as isize) < closed.end as isize + shift)
    {
        return None;
    }
    let help = format!(
        "a text over several lines ends with `{quotes}`: write it where this one ends (at the \
         end of line {}?); without it, the text runs on to the `{quotes}` that opens the text of \
         line {}, whose lines then read as keys",
        line_number(text, last.start),
        line_number(text, closed.start)
    );
    let unclosed = Unclosed {
        opener: late.start..late.start + 3,
        headline: "this text is not closed",
        help,
        // (The line of the quotes that closed it is marked as such.)
        last_line: (entry != closed).then_some((entry, "the text seems to end above this line")),
        read_as: "read outside quotes",
        spoils: "a text that is not closed read wrongly until it is closed",
    };
    Some((unclosed, closer))
}

/// The texts over several lines of `text` that hold a line reading as a key or a header, each
/// as the line of its closing quotes and the first such line (both without their newline): a
/// text's closing line moved down past keys, which it then holds. The file still parses, and
/// errs only where the keys it took are missed.
pub fn texts_over_keys(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut found = Vec::new();
    for t in texts_over_lines(text) {
        let closing = line_of(text, t.end - 1);
        let mut from = line_of(text, t.start).end + 1;
        while from < closing.start {
            let line = line_of(text, from);
            if starts_entry(&text[line.clone()]) {
                found.push((closing, line));
                break;
            }
            from = line.end + 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "a = \"\"\"\nfirst text.\nb = 1\n\nc = \"\"\"\nsecond's text.\"\"\"\n";

    #[test]
    fn a_text_closed_by_the_next_texts_opening_quotes_ends_above_its_first_key() {
        let at = TWO.find("second's").unwrap() + 6;
        let (u, closer) = text_closed_late(TWO, at).unwrap();
        assert_eq!(u.opener.start, 4);
        assert_eq!(&TWO[closer.start - 4..closer.end], "c = \"\"\"");
        assert_eq!(&TWO[u.last_line.unwrap().0], "b = 1");
        assert!(u.help.contains("end of line 2?"), "{}", u.help);
        assert!(u.help.contains("text of line 5"), "{}", u.help);
    }

    #[test]
    fn a_text_holding_a_key_or_a_header_is_found() {
        let text = "a = \"\"\"\nwords\nb = 1\n[h]\nlast.\"\"\"\nc = \"\"\"\nno keys\"\"\"\n";
        let found = texts_over_keys(text);
        assert_eq!(found.len(), 1);
        let (closing, key) = found[0].clone();
        assert_eq!((&text[closing], &text[key]), ("last.\"\"\"", "b = 1"));
        assert!(texts_over_keys("a = \"\"\"\nx\n\"\"\"\nb = 1\n").is_empty());
    }

    #[test]
    fn no_fix_when_the_quotes_closed_their_own_text_or_the_file_still_breaks_there() {
        // The text is closed on its own line: the error below is another.
        let closed = "a = \"\"\"\nfirst text.\"\"\"\nb = 1\nc d\n";
        assert!(text_closed_late(closed, closed.find("c d").unwrap()).is_none());
        // Closed above its key, the file still breaks on the second text's line.
        let broken = "a = \"\"\"\nfirst text.\nb = 1\nc = \"\"\"\nsecond's text.\"\"\"\nd e\n";
        let fixed_breaks = broken.replace("b = 1", "b = = 1");
        let at = fixed_breaks.find("second's").unwrap() + 6;
        assert!(text_closed_late(&fixed_breaks, at).is_none());
    }
}
