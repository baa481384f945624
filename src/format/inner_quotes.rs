//! Quotes that end or start a text where the author did not mean them: a quote inside a text
//! (`label = "the "volunteers" arrive"`, `'North Korea's troops'`), which TOML takes for the
//! text's end, reading the rest of the line as what follows a value; and a text whose opening
//! quote is missing (`actor = russia"`), or a quoted key's (`events.x.over" = 1`).

/// The fix for the error at byte `at` of `line`, when it stands just after a text that a quote
/// of its own kind closed early: the text quoted so that the quote is part of it, or, in a
/// condition (which names flags and numbers without quotes), without the inner quotes.
/// Gives the help and the line as fixed.
pub(super) fn inner_quote_help(line: &str, at: usize) -> Option<(String, String)> {
    // What follows a whole text (a comma, a second value) is another mistake.
    if line[at..].starts_with([',', ']', '}', '#', '=']) {
        return None;
    }
    let open = text_closed_before(line, at)?;
    let q = line[open..].chars().next()?;
    // Where the author meant the text to end: at a quote of its kind, or, for a text closed
    // with the other kind (`'the article's chain."`), at that one.
    let other = if q == '"' { '\'' } else { '"' };
    let (end, closing) = match meant_end(line, at, q) {
        Some(end) => (end, q),
        None => (meant_end(line, at, other)?, other),
    };
    let inner = &line[open + 1..end];
    let key = line[..open].trim_end().strip_suffix('=')?.trim_end();
    let key = key.rsplit(['{', ',', ' ']).next().unwrap_or(key);
    let (fixed, why) = if matches!(key, "when" | "given" | "holds") {
        (
            format!("{q}{}{q}", inner.replace(q, "")),
            "a condition names flags, variables and numbers without quotes",
        )
    } else if closing != q {
        (
            if inner.contains('\'') {
                format!("\"{}\"", escape_quotes(inner))
            } else {
                format!("'{inner}'")
            },
            "a text opens and closes with the same kind of quote",
        )
    } else if q == '"' && !inner.contains('\'') {
        (
            format!("'{inner}'"),
            "a `\"` inside a text ends it: put the text in single quotes (or write each `\"` \
             inside as `\\\"`)",
        )
    } else if q == '"' {
        (
            format!("\"{}\"", escape_quotes(inner)),
            "a `\"` inside a text ends it: write each `\"` inside as `\\\"`",
        )
    } else {
        let inner = if inner.contains(['"', '\\']) {
            escape_quotes(&inner.replace('\\', "\\\\"))
        } else {
            inner.to_string()
        };
        (
            format!("\"{inner}\""),
            "a `'` inside a text in single quotes ends it: put the text in double quotes",
        )
    };
    let fixed_line = format!("{}{fixed}{}", &line[..open], &line[end + 1..]);
    Some((format!("{why}: `{}`", fixed_line.trim()), fixed_line))
}

/// The fix for a quoted key missing one of its quotes (`events.x.over" = 1`, as `[set]` writes
/// paths, or `"events.x.over = 1`), the parser's mark at `at` of `line`.
pub(super) fn key_quote_help(line: &str, at: usize) -> Option<String> {
    // The opening quote missing: the parser stops at the quote after a bare key.
    if let Some(q) = line[at..]
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))
    {
        let start = line[..at].rfind(['{', ',']).map_or(0, |i| i + 1);
        let key = line[start..at].trim_start();
        let key_start = at - key.len();
        if key.is_empty()
            || key.contains([q, '=', ' '])
            || !line[at + 1..].trim_start().starts_with('=')
        {
            return None;
        }
        return Some(format!(
            "a quoted key opens with a quote too: `{}{q}{}`",
            line[..key_start].trim_start(),
            line[key_start..].trim_end()
        ));
    }
    // The closing quote missing: the key runs on over its `=` to the end of the line.
    let code = line.trim_start();
    let q = code.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let rest = &code[1..];
    let eq = rest.find('=')?;
    let key = rest[..eq].trim_end();
    if rest.contains(q) || key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    Some(format!(
        "a quoted key closes before its `=`: `{q}{key}{q} {}`",
        rest[eq..].trim_end()
    ))
}

/// The first quote `q` after `at` in `line` that is followed by the end of the line, a note or
/// what follows a value in a list or `{ }`: where a text was meant to end. (A comma and plain
/// words after it, `"2025", with no forecast`, are the text's own.)
fn meant_end(line: &str, at: usize, q: char) -> Option<usize> {
    line[at..].char_indices().find_map(|(i, c)| {
        let rest = || line[at + i + c.len_utf8()..].trim_start();
        let ends = |rest: &str| match rest.strip_prefix(',') {
            Some(next) => next_value(next.trim_start()),
            None => rest.is_empty() || rest.starts_with(['#', '}', ']']),
        };
        (c == q && ends(rest())).then_some(at + i)
    })
}

/// Whether `rest`, after a comma, starts what follows a value in a list or `{ }`: another
/// value, a `key =` entry, or the end.
fn next_value(rest: &str) -> bool {
    let word = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .map_or(rest, |end| &rest[..end]);
    let after = rest[word.len()..].trim_start();
    rest.is_empty()
        || rest.starts_with(['"', '\'', '{', '[', ']', '}', '#', '-', '+'])
        || rest.starts_with(|c: char| c.is_ascii_digit())
        || matches!(word, "true" | "false")
        || (!word.is_empty() && after.starts_with('=') && !after.starts_with("=="))
}

/// `text` with each `"` not already escaped written `\"`.
fn escape_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut escaped = false;
    for c in text.chars() {
        if c == '"' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

/// The text of `line` (on one line) that closed just before `at`, with only spaces between:
/// where its opening quote stands.
fn text_closed_before(line: &str, at: usize) -> Option<usize> {
    let mut open: Option<(usize, char)> = None;
    let mut escaped = false;
    let mut last = None;
    for (i, c) in line.char_indices() {
        if i >= at {
            break;
        }
        match open {
            Some(_) if escaped => escaped = false,
            Some((_, '"')) if c == '\\' => escaped = true,
            Some((o, q)) if c == q => {
                last = Some((o, i));
                open = None;
            }
            Some(_) => {}
            None if c == '"' || c == '\'' => open = Some((i, c)),
            None => {}
        }
    }
    let (o, c) = last?;
    (open.is_none() && line[c + 1..at].trim().is_empty()).then_some(o)
}

/// The fix for a text without its opening quote (`actor = russia"`): the quote written at `at`,
/// where the bare word the parser marked starts and the text's closing quote ends the value.
pub(super) fn opening_quote_help(line: &str, at: usize) -> Option<String> {
    let rest = line.get(at..)?;
    let end = ['"', '\'']
        .iter()
        .filter_map(|&q| meant_end(rest, 0, q))
        .min()
        .filter(|&e| e > 0)?;
    let word = &rest[..end];
    let q = &rest[end..=end];
    if word.contains(['=', '[', ']', '{', '}', '#'])
        || word.contains(q)
        || (word.contains(',') && line[..at].contains(['[', '{']))
        || word.trim().replace('_', "").parse::<f64>().is_ok()
    {
        return None;
    }
    Some(format!(
        "a text opens with a quote too: `{}{q}{}`",
        line[..at].trim_start(),
        line[at..].trim_end()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(line: &str, mark: &str) -> Option<String> {
        inner_quote_help(line, line.find(mark).unwrap()).map(|(help, _)| help)
    }

    #[test]
    fn a_quote_inside_a_text() {
        assert_eq!(
            help(
                r#"label = "North Korea sends "volunteers" to Russia." # note"#,
                "volunteers"
            )
            .unwrap(),
            r#"a `"` inside a text ends it: put the text in single quotes (or write each `"` inside as `\"`): `label = 'North Korea sends "volunteers" to Russia.' # note`"#
        );
        assert_eq!(
            help(r#"source = "Kim's "brothers"""#, "brothers").unwrap(),
            r#"a `"` inside a text ends it: write each `"` inside as `\"`: `source = "Kim's \"brothers\""`"#
        );
        assert_eq!(
            help("label = 'North Korea's troops'", "s troops").unwrap(),
            r#"a `'` inside a text in single quotes ends it: put the text in double quotes: `label = "North Korea's troops"`"#
        );
    }

    #[test]
    fn a_quote_inside_a_text_with_commas_inside_braces() {
        // The quote after `2025` is followed by a comma and words, not by another entry: the
        // text goes on to the quote before ` }`.
        let line = r#"f = { mode = 3, rationale = "as in "2025", with no forecast." }"#;
        assert_eq!(
            help(line, "2025").unwrap(),
            r#"a `"` inside a text ends it: put the text in single quotes (or write each `"` inside as `\"`): `f = { mode = 3, rationale = 'as in "2025", with no forecast.' }`"#
        );
        // Before another entry, the text ends at the quote before the comma.
        let line = r#"f = { rationale = "as in "2025"", mode = 3 }"#;
        let help = help(line, "2025").unwrap();
        assert!(
            help.ends_with(r#"rationale = 'as in "2025"', mode = 3 }`"#),
            "{help}"
        );
    }

    #[test]
    fn a_text_opened_with_one_quote_and_closed_with_the_other() {
        assert_eq!(
            help("label = 'the article's chain.\" # why", "s chain").unwrap(),
            "a text opens and closes with the same kind of quote: `label = \"the article's chain.\" # why`"
        );
    }

    #[test]
    fn quotes_inside_a_condition_go() {
        assert_eq!(
            help(
                r#"  { when = "nk_killed >= "2000"", factor = 1.3 },"#,
                "2000"
            )
            .unwrap(),
            r#"a condition names flags, variables and numbers without quotes: `{ when = "nk_killed >= 2000", factor = 1.3 },`"#
        );
    }

    #[test]
    fn a_quote_inside_a_text_with_curly_quotes_after_it() {
        // Regression: the character after a candidate end was taken as one byte long.
        let line = "source = \"“his \"2025\" plan.”\"";
        assert!(
            help(line, "2025")
                .unwrap()
                .ends_with("`source = '“his \"2025\" plan.”'`")
        );
    }

    #[test]
    fn a_quoted_key_missing_a_quote() {
        let line = r#"events.x.over" = 1"#;
        assert_eq!(
            key_quote_help(line, line.find('"').unwrap()).unwrap(),
            r#"a quoted key opens with a quote too: `"events.x.over" = 1`"#
        );
        let line = r#"set = { scenario.horizon" = 14 }"#;
        assert_eq!(
            key_quote_help(line, line.find('"').unwrap()).unwrap(),
            r#"a quoted key opens with a quote too: `set = { "scenario.horizon" = 14 }`"#
        );
        let line = r#""events.x.over = 1"#;
        assert_eq!(
            key_quote_help(line, line.len()).unwrap(),
            r#"a quoted key closes before its `=`: `"events.x.over" = 1`"#
        );
        // Text with spaces is no key.
        assert_eq!(key_quote_help("\"Russia breaks = the front", 26), None);
    }

    #[test]
    fn not_after_a_whole_text() {
        // What follows a complete text is another mistake (a second value, a `;`).
        assert_eq!(help(r#"label = "a" b = 2"#, "b ="), None);
        assert_eq!(help("label = \"a\";", ";"), None);
    }

    #[test]
    fn an_opening_quote_missing() {
        let line = r#"tags = ["north_korea", casualties"]"#;
        assert_eq!(
            opening_quote_help(line, line.find("cas").unwrap()).unwrap(),
            r#"a text opens with a quote too: `tags = ["north_korea", "casualties"]`"#
        );
        // In a list, a comma ends an item.
        assert_eq!(opening_quote_help("x = [a, b\"]", 5), None);
        let line = "name = North Korea: the article's argument\"";
        assert_eq!(
            opening_quote_help(line, 7).unwrap(),
            "a text opens with a quote too: `name = \"North Korea: the article's argument\"`"
        );
        // An expression is text too.
        assert_eq!(
            opening_quote_help("p = 0.1 * appetite\"", 4).unwrap(),
            "a text opens with a quote too: `p = \"0.1 * appetite\"`"
        );
        // A number with a quote after it is a stray quote, not a text.
        assert_eq!(opening_quote_help("p = 0.15\"", 4), None);
        assert_eq!(
            opening_quote_help("actor = north_korea\" # who", 8).unwrap(),
            "a text opens with a quote too: `actor = \"north_korea\" # who`"
        );
    }
}
