//! A text opened with one kind of straight quote and closed with the other: `set = ['loud"]`,
//! `name = "Russia'`. TOML reads on to the end of the line for the missing closer (and, in a
//! list, past its `]`, which leaves the list open to the end of the file). The fix is one kind
//! of quote at both ends (`inner_quotes.rs` tells such a text with an apostrophe inside).

use std::ops::Range;

use super::curly_quotes::reads;
use super::fix_shape::Fix;

/// The fix for `line` when a text on it is left open by its quote and the other kind of quote
/// closes it: the line with `"` at both ends, when it then reads as TOML. With the help, where
/// in `line` the opening quote stands, and whether a list or `{ }` is open before it (the rest of
/// the file then reads wrongly until it is fixed).
pub(super) fn mixed_quotes_help(line: &str) -> Option<(String, usize, bool)> {
    if line.contains("\"\"\"") || line.contains("'''") {
        return None;
    }
    let (at, quote) = left_open(line)?;
    let other = if quote == '"' { '\'' } else { '"' };
    let (close, _) = (line[at + 1..].char_indices()).find(|&(_, c)| c == other)?;
    let close = at + 1 + close;
    let inner = &line[at + 1..close];
    if inner.contains(['"', '\\']) {
        return None;
    }
    let fixed = format!("{}\"{inner}\"{}", &line[..at], &line[close + 1..]);
    if !reads(&fixed) {
        return None;
    }
    // As `inner_quotes.rs` says it of such a text with an apostrophe inside.
    let help = format!(
        "a text opens and closes with the same kind of quote: `{}`",
        fixed.trim()
    );
    Some((help, at, in_brackets(line, at)))
}

/// Whether a list or `{ }` is open before byte `at` of `line` (its brackets counted, quotes not
/// read: a `[` inside an earlier text on the line would mislead it).
pub(super) fn in_brackets(line: &str, at: usize) -> bool {
    let depth = (line[..at].chars())
        .map(|c| match c {
            '[' | '{' => 1,
            ']' | '}' => -1,
            _ => 0,
        })
        .sum::<i32>();
    depth > 0
}

/// The text left open at the end of `line`: where its quote stands, and which it is.
pub(super) fn left_open(line: &str) -> Option<(usize, char)> {
    let mut open: Option<(usize, char)> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match open {
            None if c == '#' => return None,
            None if c == '"' || c == '\'' => open = Some((i, c)),
            None => {}
            Some((_, '"')) if escaped => escaped = false,
            Some((_, '"')) if c == '\\' => escaped = true,
            Some((_, q)) if c == q => open = None,
            Some(_) => {}
        }
    }
    open
}

/// Whether the quotes of the line at `line` of `text` are the fix: then `fix` says so, told at
/// the opening quote.
pub(super) fn mixed_quote(text: &str, line: Range<usize>, fix: &mut Fix) -> bool {
    let Some((help, at, in_brackets)) = mixed_quotes_help(&text[line.clone()]) else {
        return false;
    };
    let at = line.start + at;
    if in_brackets {
        fix.spoils =
            Some("a list whose text is closed with the other quote read wrongly until it is fixed");
    }
    let headline = "a text opened with one kind of quote and closed with the other";
    fix.tell_at(at..at + 1, headline, "opened here", help);
    true
}

#[cfg(test)]
mod tests {
    use super::mixed_quotes_help;

    #[test]
    fn a_text_closed_with_the_other_quote_gets_one_kind() {
        let (help, at, in_list) = mixed_quotes_help("set = ['loud\"]").unwrap();
        assert_eq!(
            help,
            "a text opens and closes with the same kind of quote: `set = [\"loud\"]`"
        );
        assert_eq!((at, in_list), (7, true));
        let (help, _, in_list) = mixed_quotes_help("name = \"Russia'  # the actor").unwrap();
        assert!(help.ends_with("`name = \"Russia\"  # the actor`"), "{help}");
        assert!(!in_list);
        // An apostrophe in an open text is not its closer: the line would not read.
        for line in [
            "label = \"It's late",
            "label = 'It\"s late",
            "label = \"war\"",
            "x = '''a\"",
        ] {
            assert_eq!(mixed_quotes_help(line), None, "{line}");
        }
    }
}
