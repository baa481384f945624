//! A text whose quotes are partly a word processor's: `when = “war"`, `"war“`, `‘A war'`, as
//! a line edited in a word processor, or typed with one key that turns quotes curly, comes
//! out. TOML takes a curly quote for text, so the text runs on past where it was meant to end
//! (and reads every bracket after it as text), or starts nowhere.

use super::unquoted::{CURLY, STRAIGHT_QUOTES};

/// The fix for `line` when it holds a word processor's quote: the line with straight quotes,
/// when it then reads as TOML (a `key = value`, or an item of a list over several lines). Curly
/// quotes inside a text in straight ones (`source = "the article: “...”"`) stay as they are:
/// straightened, the line would not read. With the help, where in `line` the first quote to
/// change stands.
pub(super) fn straight_quotes_help(line: &str) -> Option<(String, usize)> {
    if !line.contains(CURLY) {
        return None;
    }
    let doubles = straightened(line, &['“', '”', '„', '«', '»'], '"');
    // Single ones last: `’` is also an apostrophe (`Korea’s`), which a text in `"` may hold.
    let singles = straightened(&doubles, &['‘', '’', '‚', '‹', '›'], '\'');
    let fixed = [doubles, singles].into_iter().find(|l| reads(l))?;
    let ((at, _), _) = line
        .char_indices()
        .zip(fixed.chars())
        .find(|((_, a), b)| a != b)?;
    Some((format!("{STRAIGHT_QUOTES}: `{}`", fixed.trim()), at))
}

/// `line` with each of `curly` written as `straight`.
fn straightened(line: &str, curly: &[char], straight: char) -> String {
    line.chars()
        .map(|c| if curly.contains(&c) { straight } else { c })
        .collect()
}

/// Whether `line` alone reads as TOML: as a `key = value`, or as an item of a list.
pub(super) fn reads(line: &str) -> bool {
    let line = line.trim();
    line.parse::<toml::Table>().is_ok()
        || format!("x = [\n{line}\n]").parse::<toml::Table>().is_ok()
        || (line.ends_with("\"\"\"") && format!("{line}\n\"\"\"").parse::<toml::Table>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::straight_quotes_help;

    fn fixed(line: &str) -> Option<String> {
        let (help, at) = straight_quotes_help(line)?;
        assert!(line[at..].starts_with(['“', '”', '‘']), "{line}");
        Some(help.split_once(": `")?.1.strip_suffix('`')?.to_string())
    }

    #[test]
    fn a_curly_quote_on_one_side_is_straightened() {
        for (line, expected) in [
            ("when = “war\"", "when = \"war\""),
            (
                "  { when = \"war“, factor = 0.8 },",
                "{ when = \"war\", factor = 0.8 },",
            ),
            (
                "{ when = “war\", factor = 1.5 },",
                "{ when = \"war\", factor = 1.5 },",
            ),
            ("label = \"Korea’s war”", "label = \"Korea’s war\""),
            ("label = ‘A war'", "label = 'A war'"),
            (
                "tags = [“nato\", \"europe”]",
                "tags = [\"nato\", \"europe\"]",
            ),
        ] {
            assert_eq!(fixed(line).as_deref(), Some(expected), "{line}");
        }
    }

    #[test]
    fn curly_quotes_inside_a_straight_text_are_left() {
        // The error is elsewhere on the line: straightened, it would not read either.
        assert_eq!(fixed("source = \"the article: “Seoul will”\" x"), None);
        assert_eq!(fixed("label = \"A war\""), None);
    }
}
