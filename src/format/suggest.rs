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

#[cfg(test)]
mod tests {
    use super::*;

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
