//! Did-you-mean: the closest known word to a misspelt one.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        // Case slips (`True`, `Horizon`) are always worth suggesting.
        let d = if c.to_lowercase() == lower {
            0
        } else {
            strsim::damerau_levenshtein(&lower, c)
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = (word.chars().count().max(c.chars().count()) / 3).max(1);
    (d <= limit || c.starts_with(word) && word.len() >= 3).then(|| c.to_string())
}

/// "did you mean `x`?" when there is a close candidate.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
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
        assert_eq!(closest("zzzzzz", keys), None);
        assert_eq!(closest("when", ["when"]), None);
    }
}
