//! The help for a key written as several words (`per month probability = 0.9`), which TOML
//! reads as the key `per` followed by text: the key the table knows, or the words joined.

use super::schema::{self, TableSchema};
use super::syntax_help::{header_of, line_of, lines_above};

/// The fix for a key of several words (`per month probability = 0.9`): TOML reads the first
/// word as the key and stops at the space. When one of the words is a key of the table the
/// line stands in, that key with the other words as a note; else the words joined with `_` (a
/// name of the author's own, as under `[variables]`). A line whose words are not key-like, or
/// whose `=` is followed by no value, is left to the other fixes (text out of its quotes).
pub(super) fn spaced_key_help(text: &str, at: usize) -> Option<String> {
    let line = line_of(text, at);
    let (key, value) = text[line.clone()].split_once('=')?;
    let words: Vec<&str> = key.split_whitespace().collect();
    let key_like = |w: &str| {
        w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
    };
    let value = value.trim();
    // A whole value, as on a line that is meant as `key = value`: not words of a sentence.
    let bare = value.split(" #").next().unwrap_or(value).trim();
    let whole_value = bare.starts_with(['"', '\'', '[', '{'])
        || bare.replace('_', "").parse::<f64>().is_ok()
        || ["true", "false"].contains(&bare);
    if !(2..=4).contains(&words.len()) || !words.iter().all(|w| key_like(w)) || !whole_value {
        return None;
    }
    let known: Vec<&str> = match table_above(text, line.start) {
        Some(table) => words
            .iter()
            .copied()
            .filter(|w| table.field(w).is_some())
            .collect(),
        None => Vec::new(),
    };
    if let [field] = known[..] {
        let note: Vec<&str> = words.iter().copied().filter(|w| *w != field).collect();
        let (value, old_note) = match value.split_once(" #") {
            Some((v, n)) => (
                v.trim_end(),
                format!("; {}", n.trim_start_matches('#').trim()),
            ),
            None => (value, String::new()),
        };
        return Some(format!(
            "a key is one word; the words around it make a note, after `#`: \
             `{field} = {value} # {}{old_note}`",
            note.join(" ")
        ));
    }
    Some(format!(
        "a key is one word, without spaces: `{} = {value}`",
        joined(text, &words)
    ))
}

/// The line of `text` at `at`, where TOML wanted the `=` of a key inside `{ }`, with that key's
/// words joined by `_` (`add = { nk killed = 100 }`: TOML reads `nk` and stops at `killed`),
/// when the words from the key's start up to the next `=` are all key-like.
pub(super) fn spaced_key_in_braces(text: &str, at: usize) -> Option<String> {
    let here = line_of(text, at);
    let line = &text[here.clone()];
    let at = at - here.start;
    let start = line[..at].rfind(['{', ','])? + 1;
    let eq = at + line[at..].find('=')?;
    if line[at..eq].contains([',', '}', '{', '"', '\'']) {
        return None;
    }
    let words: Vec<&str> = line[start..eq].split_whitespace().collect();
    let key_like = |w: &&str| {
        w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
    };
    if words.len() < 2 || !words.iter().all(key_like) {
        return None;
    }
    Some(format!(
        "{} {} {}",
        &line[..start],
        joined(text, &words),
        &line[eq..]
    ))
}

/// The words of a key as one: as a name of the file written whole (`ten sion` for `tension`,
/// declared elsewhere), else joined with `_` (`nk killed` for `nk_killed`).
fn joined(text: &str, words: &[&str]) -> String {
    let whole = words.concat();
    let name = |c: char| c.is_alphanumeric() || c == '_';
    let written = text
        .match_indices(&whole)
        .any(|(i, _)| !text[..i].ends_with(name) && !text[i + whole.len()..].starts_with(name));
    if written { whole } else { words.join("_") }
}

/// The table whose keys a line at `line_start` writes, from the `[...]` line above it (the top
/// level without one).
pub(super) fn table_above(text: &str, line_start: usize) -> Option<&'static TableSchema> {
    match lines_above(text, line_start).find_map(|l| header_of(&text[l])) {
        Some(header) => schema::table_at(header.trim_matches(['[', ']']).trim()),
        None => Some(&schema::TOP),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_key_of_several_words_becomes_one() {
        use super::spaced_key_help;
        let help = |text: &str| spaced_key_help(text, text.rfind('\n').map_or(0, |i| i + 1));
        let one_word = "a key is one word; the words around it make a note, after `#`:";
        for (text, fix) in [
            (
                "[[events]]\nper month probability = 0.9",
                format!("{one_word} `probability = 0.9 # per month`"),
            ),
            (
                "[[events]]\nprobability per month = 0.9 # RAND",
                format!("{one_word} `probability = 0.9 # per month; RAND`"),
            ),
            (
                "[scenario]\nhorizon in months = 36",
                format!("{one_word} `horizon = 36 # in months`"),
            ),
            (
                "[variables]\nnk troops = 11000",
                "a key is one word, without spaces: `nk_troops = 11000`".into(),
            ),
            (
                "[[events]]\nchance of war = { pert = [0.1, 0.2, 0.3] }",
                "a key is one word, without spaces: `chance_of_war = { pert = [0.1, 0.2, 0.3] }`"
                    .into(),
            ),
            (
                "[variables.troops]\nstarting initial = 5",
                format!("{one_word} `initial = 5 # starting`"),
            ),
        ] {
            assert_eq!(help(text).as_deref(), Some(fix.as_str()), "{text}");
        }
        // Text out of its quotes, an `=` in a sentence, no value, one word: no guess.
        for text in [
            "[[events]]\nthe front breaks and x = 5 follows",
            "[[events]]\nper month probability =",
            "[[events]]\nper month probability = often",
            "[[events]]\nprobability = 0.9",
            "[[events]]\nwhat (if) = 1",
        ] {
            assert_eq!(help(text), None, "{text}");
        }
    }

    #[test]
    fn a_key_of_two_words_in_braces_is_joined() {
        use super::spaced_key_in_braces;
        let at = |text: &str, word: &str| spaced_key_in_braces(text, text.find(word).unwrap());
        assert_eq!(
            at("add = { nk killed = 100 }", "killed").as_deref(),
            Some("add = { nk_killed = 100 }")
        );
        // A name of the file split by a space is that name (`tensions` is not it).
        let text = "tensions = 1\ntension = { initial = 0 }\nadd = { ten sion = 1 }";
        assert_eq!(
            at(text, "sion = 1").as_deref(),
            Some("add = { tension = 1 }")
        );
        // A value where TOML wants the `=`: a missing `=`, no key of two words.
        assert_eq!(at("add = { tension 1 }", "1"), None);
        assert_eq!(at("x = { a \"b\" = 1 }", "\"b"), None);
    }
}
