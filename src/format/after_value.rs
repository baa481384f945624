//! What follows a complete value on its line, which TOML refuses: a `;` (as other languages end
//! a line), a second `key = value`, a `\` meant to carry the value on to the next line, or
//! words meant as a note (`label = "Talks" (see above)`, `probability = 0.1 // monthly`).

use super::syntax_help::code_end;

/// The help for a line ended with `;`, told by both checks below.
const REMOVE_SEMICOLON: &str = "TOML lines end without `;`: remove it";

/// The fix for a line ended with `;` whose value the parser refuses as it reads it with the `;`
/// (`repeat = true;` an invalid boolean, `over = 12;` an invalid integer, `modifiers = [;` a
/// text without quotes), the mark at byte `at` of `line`, not inside a text. (A list's item
/// ended with `;`, `{ when = "war", factor = 3 };`, wants a comma: `separators.rs`.)
pub(super) fn semicolon_end(line: &str, at: usize) -> Option<String> {
    let code = line[..code_end(line)].trim_end();
    let semi = code.strip_suffix(';')?.len();
    let before = code[..semi].trim_end();
    let read = line.get(at..semi)?;
    let key_first = before
        .trim_start()
        .starts_with(|c: char| c.is_alphanumeric() || c == '_');
    let value_ends = before.contains('=') && !before.ends_with([';', '=']);
    (key_first && value_ends && !read.contains(['"', '\''])).then(|| REMOVE_SEMICOLON.to_string())
}

/// The fix for what follows a complete `key = value` on `line`, from byte `at` (the parser's
/// mark) on.
pub(super) fn after_value_help(line: &str, at: usize) -> Option<String> {
    let rest = line.get(at..)?.trim_end();
    if let Some(more) = rest.strip_prefix(';') {
        return Some(if more.trim().is_empty() {
            REMOVE_SEMICOLON.to_string()
        } else {
            "TOML lines end without `;`: write each `key = value` on a line of its own".to_string()
        });
    }
    let value = line[..at].trim_end();
    if rest.split('#').next().unwrap_or("").trim() == "," {
        // A comma after the value, as JSON or a list's items have one.
        return Some(format!(
            "a line ends after its value, without a comma (commas separate items only inside \
             `[...]` and `{{...}}`): `{}`",
            value.trim_start()
        ));
    }
    if rest.trim_start() == "\\" {
        return Some(continuation_help(value.trim_start()));
    }
    let next = rest.trim_start_matches([',', ' ', '\t']);
    if let Some((key, _)) = next.split_once('=')
        && is_key(key.trim())
    {
        let commas = if rest.starts_with(',') {
            " (commas separate items only inside `[...]` and `{...}`)"
        } else {
            ""
        };
        return Some(format!(
            "one `key = value` per line: put `{}` on a line of its own{commas}",
            next.split('#').next().unwrap_or(next).trim_end()
        ));
    }
    // Words after a value on a `key = value` line, a header or the end of a text over several
    // lines, meant as a note. A second text or list is another mistake.
    let words = rest.trim_start();
    let what = if value.trim_start().starts_with('[') && value.ends_with(']') {
        "a header"
    } else if value.ends_with("\"\"\"") || value.ends_with("'''") {
        "the end of a text"
    } else if value
        .split_once('=')
        .is_some_and(|(key, _)| is_key(key.trim()))
    {
        "a value"
    } else {
        return None;
    };
    if words.is_empty() || words.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    Some(format!(
        "{what} stands alone on its line; a note after it starts with `#`: `{} # {}`",
        value.trim_start(),
        as_note(words)
    ))
}

/// The help for a `\` at the end of the line `fixed` (without it), written to carry a value on
/// to the next line as in a shell.
pub(super) fn continuation_help(fixed: &str) -> String {
    format!(
        "a TOML line does not go on after a `\\`: end the value on its line (`{fixed}`); a long \
         text can go over several lines inside `\"\"\"`, a list inside its `[ ]`"
    )
}

/// The words written after a value, as a note: without another language's comment mark
/// (`//`, `--`), which `#` replaces.
pub(super) fn as_note(words: &str) -> &str {
    let words = words.trim();
    match words
        .strip_prefix("//")
        .or_else(|| words.strip_prefix("--"))
    {
        Some(note) if !note.trim().is_empty() => note.trim(),
        _ => words,
    }
}

/// Whether `key` reads as a key (a bare or dotted one, perhaps quoted), not words.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"'))
}

#[cfg(test)]
mod tests {
    use super::{after_value_help, semicolon_end};

    #[test]
    fn a_semicolon_ending_a_line_is_told_where_the_value_reads_wrongly() {
        let told = Some("TOML lines end without `;`: remove it".to_string());
        for (line, at) in [
            ("repeat = true;", 9),
            ("over = 12;  # months", 7),
            ("modifiers = [;", 13),
        ] {
            assert_eq!(semicolon_end(line, at), told, "{line}");
        }
        // Inside a text, after another `;`, with no value, or with no `=`: another mistake.
        for (line, at) in [
            ("label = \"a;", 8),
            ("over = 1;;", 7),
            ("over = ;", 7),
            ("(January 2025);", 0),
            ("  { when = \"war\", factor = 3 };", 30),
        ] {
            assert_eq!(semicolon_end(line, at), None, "{line}");
        }
    }

    /// The help for `rest` written after `over = 1`.
    fn help(rest: &str) -> Option<String> {
        after_value_help(&format!("over = 1{rest}"), 8)
    }

    #[test]
    fn what_follows_a_value_gets_its_own_line_or_loses_its_semicolon() {
        let own_line = "one `key = value` per line: put `over = 6` on a line of its own";
        for (rest, expected) in [
            (
                ", over = 6",
                format!("{own_line} (commas separate items only inside `[...]` and `{{...}}`)"),
            ),
            (" over = 6 # months", own_line.to_string()),
            ("\tover = 6", own_line.to_string()),
            (";", "TOML lines end without `;`: remove it".to_string()),
            (
                ",  # months",
                "a line ends after its value, without a comma (commas separate items only \
                 inside `[...]` and `{...}`): `over = 1`"
                    .to_string(),
            ),
            (
                "; over = 6",
                "TOML lines end without `;`: write each `key = value` on a line of its own"
                    .to_string(),
            ),
        ] {
            assert_eq!(help(rest).as_deref(), Some(expected.as_str()), "{rest:?}");
        }
        // A second value after the value, or nothing: no guess.
        for rest in [" \"b\"", " ['b']", " { x = 1 }", ""] {
            assert_eq!(help(rest), None, "{rest:?}");
        }
    }

    #[test]
    fn words_after_a_value_become_a_note() {
        let note = "a value stands alone on its line; a note after it starts with `#`";
        for (line, at, expected) in [
            (
                r#"label = "Talks" (see above)"#,
                16,
                r#"`label = "Talks" # (see above)`"#,
            ),
            (
                "  tags = [\"nato\"] // the alliance",
                18,
                "`tags = [\"nato\"] # the alliance`",
            ),
            (
                "repeat = true -- every month",
                14,
                "`repeat = true # every month`",
            ),
            (
                "note = 'a' and then = war",
                11,
                "`note = 'a' # and then = war`",
            ),
        ] {
            assert_eq!(
                after_value_help(line, at),
                Some(format!("{note}: {expected}")),
                "{line}"
            );
        }
        assert_eq!(
            after_value_help("[[events]] the second", 11).as_deref(),
            Some(
                "a header stands alone on its line; a note after it starts with `#`: \
                 `[[events]] # the second`"
            )
        );
        assert_eq!(
            after_value_help("as the article says.\"\"\" (2025)", 24).as_deref(),
            Some(
                "the end of a text stands alone on its line; a note after it starts with `#`: \
                 `as the article says.\"\"\" # (2025)`"
            )
        );
        // Not after a value: words before the mark.
        assert_eq!(after_value_help("as the article says x", 20), None);
    }

    #[test]
    fn a_backslash_at_the_end_does_not_carry_the_value_on() {
        assert_eq!(
            after_value_help(r#"label = "Russia breaks" \"#, 24).as_deref(),
            Some(
                "a TOML line does not go on after a `\\`: end the value on its line (`label = \
                 \"Russia breaks\"`); a long text can go over several lines inside `\"\"\"`, \
                 a list inside its `[ ]`"
            )
        );
    }
}
