//! The `=` between a key and its value written wrongly: doubled (`when == "war"`, as in a
//! condition) or left out (`when "war"`, `actor russia`).

use super::schema::FieldKind;
use super::spaced_key::table_above;
use super::syntax_help::line_of;

/// The fix for a second `=` at byte `at` of `line` (`key == value`): one `=`.
pub(super) fn doubled_equals_help(line: &str, at: usize) -> Option<String> {
    let before = line.get(..at)?;
    if !before.trim_end().ends_with('=') || !line[at..].starts_with('=') {
        return None;
    }
    Some(format!(
        "a key takes its value after one `=` (`==` compares, inside a condition): `{}{}`",
        before.trim_start(),
        line[at + 1..].trim_start_matches('=').trim_end()
    ))
}

/// The fix for a key and its value with no `=` between them, the value starting at `at` of
/// `text`: in a `{ }` (`{ when "war", factor = 2 }`) whatever the value, on a line of its own
/// when the line is one key and one whole value (not words of a text out of its quotes). A
/// value without quotes gets them when the table above knows the key as text.
pub(super) fn missing_equals_help(text: &str, at: usize, in_braces: bool) -> Option<String> {
    let here = line_of(text, at);
    let line = &text[here.clone()];
    let at = at - here.start;
    let key_part = line[..at].trim_end();
    let key = key_part
        .rsplit(['{', ',', ' ', '\t'])
        .next()
        .filter(|k| !k.is_empty())?;
    let key_like = |w: &str| {
        w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    if !key_like(key) || (!in_braces && key_part.trim_start() != key) {
        return None;
    }
    let value = line[at..].trim_end();
    let value = if in_braces || whole_value(value) {
        value.to_string()
    } else {
        let field = table_above(text, here.start)?.field(key)?;
        let word = value.split(" #").next().unwrap_or(value).trim();
        if field.kind != FieldKind::Text || !key_like(word) {
            return None;
        }
        format!("\"{word}\"{}", &value[word.len()..])
    };
    Some(format!(
        "write `=` between a key and its value: `{} = {value}`",
        key_part.trim_start()
    ))
}

/// Whether `value` (the rest of a line) is one value and perhaps a note: a text in quotes, a
/// number, `true`/`false`, a list or a table.
fn whole_value(value: &str) -> bool {
    if value.starts_with(['[', '{']) {
        return true;
    }
    let (token, rest) = match value.chars().next() {
        Some(q @ ('"' | '\'')) => match value[1..].find(q) {
            Some(end) => value.split_at(end + 2),
            None => return false,
        },
        _ => value.split_at(value.find(char::is_whitespace).unwrap_or(value.len())),
    };
    let rest = rest.trim_start();
    let one = token.starts_with(['"', '\''])
        || token.replace('_', "").parse::<f64>().is_ok()
        || ["true", "false"].contains(&token);
    one && (rest.is_empty() || rest.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_equals() {
        let line = r#"when == "war" # note"#;
        assert_eq!(
            doubled_equals_help(line, 6).unwrap(),
            r#"a key takes its value after one `=` (`==` compares, inside a condition): `when = "war" # note`"#
        );
        assert_eq!(doubled_equals_help("x = 1 = 2", 6), None);
    }

    #[test]
    fn missing_equals() {
        let text =
            "[[events]]\nactor russia\nwhen \"war and not peace\"\nprobability 0.1 # a month\n";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            missing_equals_help(text, at("russia"), false).unwrap(),
            "write `=` between a key and its value: `actor = \"russia\"`"
        );
        assert_eq!(
            missing_equals_help(text, at("\"war"), false).unwrap(),
            "write `=` between a key and its value: `when = \"war and not peace\"`"
        );
        assert_eq!(
            missing_equals_help(text, at("0.1"), false).unwrap(),
            "write `=` between a key and its value: `probability = 0.1 # a month`"
        );
        // Words of a text out of its quotes are not a key and a value.
        let prose = "[[events]]\nJudgement \"quoted\" here\nactor of war\n";
        assert_eq!(missing_equals_help(prose, 21, false), None);
        assert_eq!(
            missing_equals_help(prose, prose.find("of").unwrap(), false),
            None
        );
        let braces = r#"m = [{ when  "war", factor = 2 }]"#;
        assert_eq!(
            missing_equals_help(braces, braces.find("\"war").unwrap(), true).unwrap(),
            r#"write `=` between a key and its value: `m = [{ when = "war", factor = 2 }]`"#
        );
    }
}
