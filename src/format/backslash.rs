//! A `\` in a text in double quotes that starts no escape TOML knows: a path or a pair of names
//! (`"Russia\Ukraine front"`), a `\u` without its four digits, or a backslash at the end of a
//! text, which escapes the closing quote. TOML refuses the text; a student meant the backslash.

/// What follows a `\` in a text in double quotes for TOML to read it as an escape, and how
/// many hexadecimal digits come after that letter.
const ESCAPES: [(char, usize); 11] = [
    ('b', 0),
    ('e', 0),
    ('f', 0),
    ('n', 0),
    ('r', 0),
    ('t', 0),
    ('\\', 0),
    ('"', 0),
    ('x', 2),
    ('u', 4),
    ('U', 8),
];

/// The help for a broken escape whose mark stands at byte `at` of `line`: the text in single
/// quotes, which take every `\` as it is, or, where the text holds a `'` or escapes it means,
/// each lone `\` written twice. Inside a text over several lines (`line` is `None`), or where
/// the text is not found on the line, the rule without a fixed line.
pub(super) fn backslash_help(line: Option<&str>, at: usize) -> String {
    const RULE: &str = "a `\\` in a text in double quotes starts an escape such as `\\n` (a new \
                        line)";
    let Some((line, (open, close, quotes))) = line.and_then(|l| Some((l, text_around(l, at)?)))
    else {
        return format!("{RULE}: write a backslash itself as `\\\\`");
    };
    let raw = &line[open + quotes.len()..close];
    // Unclosed, a text that ends in `\"` had its closing quote taken as an escape.
    let inner = match close == line.len() {
        true => raw.trim_end().strip_suffix('"').unwrap_or(raw),
        false => raw,
    };
    let rest = line.get(close + quotes.len()..).unwrap_or("");
    let lone = lone_backslashes(inner);
    let (fixed, how) = if lone.len() == inner.matches('\\').count() && !inner.contains('\'') {
        let single = quotes.replace('"', "'");
        (
            format!("{single}{inner}{single}"),
            "for a backslash itself, put the text in single quotes",
        )
    } else {
        let mut doubled = inner.to_string();
        for i in lone.into_iter().rev() {
            doubled.insert(i, '\\');
        }
        (
            format!("{quotes}{doubled}{quotes}"),
            "write a backslash itself as `\\\\`",
        )
    };
    let fixed_line = format!("{}{fixed}{rest}", &line[..open]);
    format!("{RULE}: {how}: `{}`", fixed_line.trim())
}

/// The help for words after a `\` that ends a line inside a text in `"""` (which joins the next
/// line to it, so only spaces may follow it), the mark at byte `at` of `line` on the words:
/// the words before the `\`. `None` if no `\` stands before the mark.
pub(super) fn joining_backslash_help(line: &str, at: usize) -> Option<String> {
    let before = line.get(..at)?.trim_end();
    let kept = before.strip_suffix('\\')?.trim_end();
    let words = line[at..].trim_end();
    Some(format!(
        "a `\\` at the end of a line inside `\"\"\"` joins the next line to this one, so nothing \
         may follow it: put the words before it (`{kept} {words} \\`), or write a backslash \
         itself as `\\\\`"
    ))
}

/// The opening quote of the text in double quotes around byte `at` of `line`, its closing
/// quote (the line's end if a text in one pair of quotes is not closed on it) and its quotes
/// (`"` or `"""`). A text in `"""` not closed on the line is not read.
fn text_around(line: &str, at: usize) -> Option<(usize, usize, &'static str)> {
    let mut i = 0;
    while let Some(c) = line[i..].chars().next() {
        match c {
            '#' => return None,
            '\'' | '"' => {
                let quotes = match (c, line[i..].starts_with("\"\"\"")) {
                    ('"', true) => "\"\"\"",
                    ('"', false) => "\"",
                    _ => "'",
                };
                let from = i + quotes.len();
                let close = match closing_quotes(&line[from..], quotes) {
                    Some(end) => from + end,
                    None if quotes == "\"" => line.len(),
                    None => return None,
                };
                if quotes != "'" && at > i && at <= close {
                    return Some((i, close, quotes));
                }
                i = close + quotes.len();
            }
            _ => i += c.len_utf8(),
        }
        if i >= line.len() {
            return None;
        }
    }
    None
}

/// Where in `inside` (what follows a text's opening quotes) its closing `quotes` stand: a `\`
/// in double quotes takes the character after it along.
fn closing_quotes(inside: &str, quotes: &str) -> Option<usize> {
    let mut chars = inside.char_indices();
    while let Some((j, c)) = chars.next() {
        if c == '\\' && quotes != "'" {
            chars.next();
        } else if inside[j..].starts_with(quotes) {
            return Some(j);
        }
    }
    None
}

/// The byte offsets in `inner` (a text's inside) of the backslashes that start no escape.
fn lone_backslashes(inner: &str) -> Vec<usize> {
    let mut lone = Vec::new();
    let mut rest = inner.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        if c != '\\' {
            continue;
        }
        let escape = rest.peek().and_then(|&(j, next)| {
            let &(_, digits) = ESCAPES.iter().find(|(e, _)| *e == next)?;
            let hex = inner[j + 1..].bytes().take_while(u8::is_ascii_hexdigit);
            (hex.count() >= digits).then_some(())
        });
        match escape {
            Some(()) => {
                rest.next();
            }
            None => lone.push(i),
        }
    }
    lone
}

#[cfg(test)]
mod tests {
    use super::backslash_help;

    /// The help for `line`, its mark after the first `\` that starts no escape (where TOML's
    /// parser puts it).
    fn help(line: &str, mark: &str) -> String {
        backslash_help(Some(line), line.find(mark).unwrap() + mark.len())
    }

    #[test]
    fn a_backslash_between_names_goes_in_single_quotes() {
        assert_eq!(
            help(r#"label = "Russia\Ukraine front""#, "\\"),
            "a `\\` in a text in double quotes starts an escape such as `\\n` (a new line): for \
             a backslash itself, put the text in single quotes: `label = 'Russia\\Ukraine \
             front'`"
        );
    }

    #[test]
    fn with_an_apostrophe_or_an_escape_the_backslash_is_doubled() {
        assert!(
            help(r#"label = "Russia's front\west""#, "\\")
                .ends_with(r#"write a backslash itself as `\\`: `label = "Russia's front\\west"`"#)
        );
        // `\"` is meant: single quotes would show the backslash.
        assert!(
            help(r#"label = "the \"front\" C:\data", x = 1"#, ":\\")
                .ends_with(r#"`label = "the \"front\" C:\\data", x = 1`"#)
        );
    }

    #[test]
    fn a_backslash_at_the_end_escapes_the_closing_quote() {
        assert!(help(r#"label = "a\"  "#, "a\\").ends_with("`label = 'a\\'`"));
    }

    #[test]
    fn a_short_unicode_escape_and_a_text_after_another() {
        assert!(
            help(r#"x = ["it's", "\u00e"]"#, "\\u00e")
                .ends_with(r#"put the text in single quotes: `x = ["it's", '\u00e']`"#)
        );
        assert!(help(r#"x = "\u00e9 \q""#, "\\").ends_with(r#"`x = "\u00e9 \\q"`"#));
    }

    #[test]
    fn a_text_in_three_quotes_keeps_them() {
        assert!(
            help(r#"note = """the front\west""""#, "\\")
                .ends_with(r#"`note = '''the front\west'''`"#)
        );
    }

    #[test]
    fn words_after_a_backslash_that_joins_lines_go_before_it() {
        let line = r"the front held, at least \ for now";
        assert_eq!(
            super::joining_backslash_help(line, line.find("for").unwrap()).as_deref(),
            Some(
                "a `\\` at the end of a line inside `\"\"\"` joins the next line to this one, so \
                 nothing may follow it: put the words before it (`the front held, at least for \
                 now \\`), or write a backslash itself as `\\\\`"
            )
        );
        assert_eq!(super::joining_backslash_help("no backslash here", 3), None);
    }

    #[test]
    fn inside_a_text_over_several_lines_only_the_rule() {
        assert_eq!(
            backslash_help(None, 10),
            "a `\\` in a text in double quotes starts an escape such as `\\n` (a new line): \
             write a backslash itself as `\\\\`"
        );
    }
}
