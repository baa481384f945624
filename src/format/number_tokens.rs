//! A number in a syntax error as TOML's parser leaves it: whether its words are about a
//! number, the value around the parser's mark, and numbers whose commas TOML read as more keys.

use std::ops::Range;

use super::written::comma_number_help;

/// Whether toml's `headline` is about a malformed number (`0.9x`, `11000.`, `007`, `--3`).
/// Infinity and not-a-number as people spell them, which TOML refuses but for `inf` and `nan`.
pub(super) const INFINITE: [&str; 3] = ["inf", "infinity", "nan"];

pub(super) fn number_headline(headline: &str) -> bool {
    [
        "invalid float",
        "invalid fraction",
        "invalid mantissa",
        "invalid exponent",
        "invalid integer",
        "invalid hexadecimal",
        "invalid octal",
        "invalid binary",
    ]
    .iter()
    .any(|h| headline.starts_with(h))
        || ["leading zero", "between digits", "numeric sign"]
            .iter()
            .any(|h| headline.contains(h))
}

/// The value around byte `at` of `text`: the run of characters up to a space, a separator of
/// TOML's (`,`, `=`, brackets) or a comment, on either side.
pub(super) fn token_at(text: &str, at: usize) -> &str {
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
/// max = 1,000,000 }`), which TOML reads as more keys: the first such value on the line, and
/// where it is in the line.
pub(super) fn grouped_in_table(line: &str) -> Option<(String, Range<usize>)> {
    if !line.contains('{') {
        return None;
    }
    line.match_indices('=').find_map(|(eq, _)| {
        let value = line[eq + 1..].trim_start();
        let from = line.len() - value.len();
        let run = value
            .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '-'))
            .next()?
            .trim_end_matches(',');
        // Digits grouped by three (`11,000`), or a decimal comma (`factor = 0,8 }`) that no
        // `=` follows: otherwise the digits after the comma are the table's next key,
        // miswritten some other way.
        let groups: Vec<&str> = run.split(',').collect();
        let after = value[run.len()..].trim_start();
        let decimal = groups.len() == 2 && !groups[1].is_empty() && after.starts_with(['}', ',']);
        (groups.len() >= 2 && (groups[1..].iter().all(|g| g.len() == 3) || decimal))
            .then(|| comma_number_help(run))
            .flatten()
            .map(|help| (help, from..from + run.len()))
    })
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
