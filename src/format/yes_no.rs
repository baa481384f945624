//! A yes or no TOML refused (`True`, `tru`, `yes`): the word meant, in lower case.

use super::suggest;

/// Whether a bare word TOML read as a yes or no (any that starts with `t` or `f`) was meant as
/// one: a word close to `true` or `false` (`ture`, `fals`, `True`) or another yes or no (`yes`).
/// `france` in `actor = france` is an id without its quotes.
pub(super) fn means_yes_no(word: &str) -> bool {
    suggest::truth_word(word).is_some()
        || matches!(word, "t" | "f" | "T" | "F")
        || suggest::closest(&word.to_ascii_lowercase(), ["true", "false"]).is_some()
}

/// The fix for a yes/no value TOML refused (`True`, `FALSE`, `tru`, `ture`) on `line`: the
/// word it is closest to, in lower case, with its key when the line is `key = word`.
pub(super) fn boolean_help(line: &str, word: &str) -> String {
    let meant = suggest::truth_word(word).unwrap_or(!word.to_ascii_lowercase().starts_with('f'));
    let fixed = match line.split_once('=') {
        Some((key, value)) if value.split('#').next().unwrap_or("").trim() == word => {
            format!("{} = {meant}", key.trim())
        }
        _ => meant.to_string(),
    };
    suggest::truth_help(&fixed)
}

#[cfg(test)]
mod tests {
    use super::means_yes_no;

    #[test]
    fn only_words_close_to_true_or_false_were_meant_as_yes_or_no() {
        for word in [
            "True", "FALSE", "ture", "fals", "fasle", "tru", "yes", "t", "F",
        ] {
            assert!(means_yes_no(word), "{word}");
        }
        for word in ["france", "Turkey", "foo", "taiwan", "france_at_war", "fr"] {
            assert!(!means_yes_no(word), "{word}");
        }
    }
}
