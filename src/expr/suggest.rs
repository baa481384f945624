//! Did-you-mean: the declared name closest to a misspelt one, if it is close enough to be a slip.

/// The candidate closest to `typed` by Damerau-Levenshtein distance (ignoring case), if the
/// distance is at most a third of the longer name (and at least 1 edit is allowed), so `tensoin`
/// finds `tension` but `war` does not find `peace`. Ties go to the alphabetically first.
pub(crate) fn closest<'a, S: AsRef<str> + 'a>(
    typed: &str,
    candidates: impl Iterator<Item = S>,
) -> Option<String> {
    let typed_lower = typed.to_ascii_lowercase();
    let mut best: Option<(usize, String)> = None;
    for candidate in candidates {
        let candidate = candidate.as_ref();
        if candidate == typed {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&typed_lower, &candidate.to_ascii_lowercase());
        let longer = typed.chars().count().max(candidate.chars().count());
        if distance > (longer / 3).max(1) {
            continue;
        }
        let better = match &best {
            None => true,
            Some((d, name)) => distance < *d || (distance == *d && candidate < name.as_str()),
        };
        if better {
            best = Some((distance, candidate.to_string()));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_close_names_only() {
        let names = ["tension", "ceasefire", "offensive", "war"];
        assert_eq!(closest("tensoin", names.iter()), Some("tension".into()));
        assert_eq!(closest("Tension", names.iter()), Some("tension".into()));
        assert_eq!(
            closest("cease_fire", names.iter()),
            Some("ceasefire".into())
        );
        assert_eq!(closest("wat", names.iter()), Some("war".into()));
        assert_eq!(closest("peace", names.iter()), None);
        assert_eq!(closest("x", names.iter()), None);
        assert_eq!(
            closest("tims", ["times", "since"].iter()),
            Some("times".into())
        );
    }

    #[test]
    fn ties_go_to_the_alphabetically_first() {
        assert_eq!(closest("ab", ["ac", "aa"].iter()), Some("aa".into()));
    }
}
