//! Did-you-mean, the one rule every message uses: the candidate closest to a misspelt word by
//! Damerau-Levenshtein distance, ignoring case, if the distance is at most a third of the longer
//! word (at least 1 edit), so `tensoin` finds `tension` but `war` does not find `peace`; ties go
//! to the alphabetically first. A word of 3 letters or more that starts a candidate (`prob` for
//! `probability`) also finds it, since authors abbreviate keys.

/// The candidate closest to `word`, if it is close enough to be a likely slip.
pub fn closest<S: AsRef<str>>(
    word: &str,
    candidates: impl IntoIterator<Item = S>,
) -> Option<String> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, String)> = None;
    for c in candidates {
        let c = c.as_ref();
        if c == word {
            continue;
        }
        let d = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
        let limit = (word.chars().count().max(c.chars().count()) / 3).max(1);
        let prefix = c.starts_with(word) && word.len() >= 3;
        if d > limit && !prefix {
            continue;
        }
        if best
            .as_ref()
            .is_none_or(|(bd, b)| d < *bd || (d == *bd && c < b.as_str()))
        {
            best = Some((d, c.to_string()));
        }
    }
    best.map(|(_, c)| c)
}

/// "did you mean `x`?" when there is a close candidate.
pub fn did_you_mean<S: AsRef<str>>(
    word: &str,
    candidates: impl IntoIterator<Item = S>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Words people bring from other tools for brink's keys, each with the keys it may mean (the
/// first that the table in question has wins): `start` for `initial`, `chance` for
/// `probability` (or a branch's `weight`), `if` for `when`.
const SYNONYMS: &[(&[&str], &[&str])] = &[
    (
        &["start", "init", "initial_value", "default", "begin"],
        &["initial"],
    ),
    (
        &["chance", "prob", "p", "likelihood", "odds", "rate"],
        &["probability", "weight"],
    ),
    (&["probability"], &["weight"]),
    (
        &["if", "condition", "trigger", "requires", "only_if"],
        &["when"],
    ),
    (&["multiplier", "multiply"], &["factor"]),
    (&["name", "title"], &["label"]),
    (&["label", "title"], &["name"]),
    (&["steps", "months", "duration", "length"], &["horizon"]),
    (&["repeats", "repeatable", "recurring"], &["repeat"]),
    (&["minimum", "lo", "low", "lower"], &["min"]),
    (&["maximum", "hi", "high", "upper"], &["max"]),
];

/// The truth value people mean by `yes`, `no`, `on`, `off`, `y`, `n`, `true` or `false`, in any
/// case.
pub fn truth_word(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" | "true" => Some(true),
        "no" | "n" | "off" | "false" => Some(false),
        _ => None,
    }
}

/// The key of `keys` that `word` means in brink's words, if `word` is a known synonym of one.
pub fn synonym<'k>(word: &str, keys: &[&'k str]) -> Option<&'k str> {
    let lower = word.to_lowercase();
    SYNONYMS
        .iter()
        .filter(|(words, _)| words.contains(&lower.as_str()))
        .flat_map(|(_, meant)| meant.iter())
        .find_map(|m| keys.iter().find(|k| *k == m).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_find_the_key_the_table_has() {
        let event = ["id", "when", "probability", "label", "repeat"];
        assert_eq!(synonym("chance", &event), Some("probability"));
        assert_eq!(synonym("If", &event), Some("when"));
        assert_eq!(synonym("name", &event), Some("label"));
        let branch = ["weight", "label", "set"];
        assert_eq!(synonym("probability", &branch), Some("weight"));
        assert_eq!(synonym("chance", &branch), Some("weight"));
        let variable = ["initial", "min", "max", "unit"];
        assert_eq!(synonym("start", &variable), Some("initial"));
        assert_eq!(synonym("maximum", &variable), Some("max"));
        assert_eq!(synonym("colour", &variable), None);
        assert_eq!(synonym("chance", &variable), None);
    }

    #[test]
    fn suggests_close_words_only() {
        let keys = ["probability", "when", "label", "over"];
        assert_eq!(closest("probabilty", keys).as_deref(), Some("probability"));
        assert_eq!(closest("Label", keys).as_deref(), Some("label"));
        assert_eq!(closest("wen", keys).as_deref(), Some("when"));
        assert_eq!(closest("prob", keys).as_deref(), Some("probability"));
        assert_eq!(closest("zzzzzz", keys), None);
        assert_eq!(closest("when", ["when"]), None);
        let names = ["tension", "ceasefire", "offensive", "war"];
        assert_eq!(closest("tensoin", names).as_deref(), Some("tension"));
        assert_eq!(closest("Tension", names).as_deref(), Some("tension"));
        assert_eq!(closest("cease_fire", names).as_deref(), Some("ceasefire"));
        assert_eq!(closest("wat", names).as_deref(), Some("war"));
        assert_eq!(closest("peace", names), None);
        assert_eq!(closest("x", names), None);
    }

    #[test]
    fn ties_go_to_the_alphabetically_first() {
        assert_eq!(closest("ab", ["ac", "aa"]).as_deref(), Some("aa"));
        assert_eq!(closest("ab", ["aa", "ac"]).as_deref(), Some("aa"));
    }
}
