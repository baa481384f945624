//! A text in quotes broken over lines: Enter pressed inside a long condition or label. TOML
//! stops at the end of the first line ("invalid basic string"), then reads the rest of the
//! text on the next lines as keys and values, two or three errors more that only echo it.

use std::ops::Range;

use super::syntax_help::{Quotes, code_end, line_number, line_of};

/// How many lines after the first a broken text is looked for on.
const MAX_LINES: usize = 3;

/// A text broken over lines: the fix and where its last line ends.
pub(super) struct Broken {
    pub help: String,
    /// Where the text's second line starts (past its indent).
    pub continues: usize,
    pub end: usize,
}

/// The text left open at the end of the line `here` of `text`, when it goes on on the next
/// lines: joined (each line break as a space), they read as one `key = value`, or one item of
/// a list. None when the next lines do not finish it (a closing quote forgotten).
pub(super) fn broken_text(text: &str, here: Range<usize>) -> Option<Broken> {
    if !ends_in_text(&text[here.clone()]) {
        return None;
    }
    let mut joined = text[here.clone()].trim_end().to_string();
    let mut end = here.end;
    let mut continues = None;
    for _ in 0..MAX_LINES {
        if end >= text.len() {
            return None;
        }
        let next = line_of(text, end + 1);
        let line = text[next.clone()].trim();
        if line.is_empty() {
            return None;
        }
        let indent = text[next.clone()].len() - text[next.clone()].trim_start().len();
        let continues = *continues.get_or_insert(next.start + indent);
        joined.push(' ');
        joined.push_str(line);
        end = next.end;
        if reads(&joined) {
            let (first, last) = (line_number(text, here.end) + 1, line_number(text, end));
            let lines = if last > first {
                format!("lines {first}-{last}")
            } else {
                format!("line {first}")
            };
            return Some(Broken {
                help: format!(
                    "the text continues on {lines}, but a text in quotes ends on its line: join \
                     the lines, or open and close it with `\"\"\"` to write it over several lines"
                ),
                continues,
                end,
            });
        }
    }
    None
}

/// Whether `line` ends inside a text in quotes (one `"` or `'` left open before any note).
fn ends_in_text(line: &str) -> bool {
    let mut quotes = Quotes::default();
    line[..code_end(line)].chars().for_each(|c| {
        quotes.read(c);
    });
    quotes.open()
}

/// Whether `line` reads as a `key = value` line, or as an item of a list (`{ when = ... },`).
fn reads(line: &str) -> bool {
    line.parse::<toml::Table>().is_ok()
        || format!("x = [{}]", line.trim_end_matches(','))
            .parse::<toml::Table>()
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(text: &str) -> Option<String> {
        broken_text(text, line_of(text, 0)).map(|b| format!("{} {}", b.help, b.end))
    }

    #[test]
    fn a_text_that_goes_on_below_is_one_text() {
        let two = "when = \"war and\nnot truce\"\nx = 1\n";
        let help = broken(two).expect("joined");
        assert!(
            help.starts_with("the text continues on line 2, but"),
            "{help}"
        );
        // It ends where its second line does.
        let end = two.find("\nx").unwrap();
        assert!(help.ends_with(&format!(" {end}")), "{help}");
        let three = "when = \"war and\nnot truce\nand peace\"\n";
        assert!(broken(three).expect("joined").contains("on lines 2-3"));
        let item = "  { when = \"war and\nnot truce\", factor = 2 },\n";
        assert!(broken(item).is_some());
    }

    #[test]
    fn a_closing_quote_forgotten_is_not_a_broken_text() {
        assert_eq!(broken("name = \"Bad\nhorizon = 12\n"), None);
        assert_eq!(broken("name = \"Bad\nlabel = \"x\"\n"), None);
        assert_eq!(broken("name = \"Bad\n\nx\"\n"), None);
        assert_eq!(broken("name = \"Bad"), None);
    }
}
