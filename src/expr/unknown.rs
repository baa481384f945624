//! What an unknown name in a condition most likely means: a did-you-mean that prefers names of
//! the type the name's place asks for, and, when no name is close, the names that share a word
//! with it.

use super::types::Type;
use crate::format::suggest::closest;

/// The declared name an unknown `name` most likely means, of `candidates` (each with its type),
/// where its place asks for `expected` (`not ceasefire_signed` once got `ceasefire_rate`, a
/// number, which `not` cannot take):
/// - the nearest name of that type, unless a name of the other type is nearer;
/// - else a name one or two edits away, whatever its type (a slip: `ceasefire_rat`);
/// - else a name of that type that `name` extends by a word (`ceasefire_signed`: the event
///   `ceasefire`), the longest;
/// - else the nearest of that type, or of any.
pub(super) fn likely_name(
    name: &str,
    candidates: &[(String, Type)],
    expected: Option<Type>,
) -> Option<String> {
    let any = closest(name, candidates.iter().map(|(c, _)| c));
    let Some(want) = expected else {
        return any;
    };
    let fitting = || {
        candidates
            .iter()
            .filter(|(_, t)| *t == want)
            .map(|(c, _)| c)
    };
    let typed = closest(name, fitting());
    let lower = name.to_lowercase();
    let edits = |c: &Option<String>| {
        (c.as_ref()).map(|c| strsim::damerau_levenshtein(&lower, &c.to_lowercase()))
    };
    let (d_typed, d_any) = (edits(&typed), edits(&any));
    if typed.is_some() && d_typed <= d_any {
        return typed;
    }
    if d_any.is_some_and(|d| d <= 2) {
        return any;
    }
    let extended = fitting()
        .filter(|c| c.chars().count() >= 3)
        .filter(|c| {
            (lower.strip_prefix(c.to_lowercase().as_str()))
                .is_some_and(|rest| rest.starts_with('_'))
        })
        .max_by_key(|c| c.len());
    extended.cloned().or(typed).or(any)
}

/// `: those that share a word with it are ...` for an unknown name too far from every name for a
/// did-you-mean (`china_intervenes` when the scenario has `china_enters_korea`): the names that
/// have one of its words of three letters or more, most shared words first, five at most.
pub(super) fn sharing_a_word(name: &str, candidates: &[String]) -> String {
    let words: Vec<String> = (name.to_lowercase().split('_'))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_string)
        .collect();
    let mut shared: Vec<(usize, &String)> = candidates
        .iter()
        .map(|c| {
            let lower = c.to_lowercase();
            let n = words
                .iter()
                .filter(|w| lower.split('_').any(|p| p == *w))
                .count();
            (n, c)
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    if shared.is_empty() {
        return String::new();
    }
    // Names are unique, and keywords are never names: no duplicates to drop.
    shared.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    const SHOWN: usize = 5;
    let list: Vec<String> = shared
        .iter()
        .take(SHOWN)
        .map(|(_, c)| format!("`{c}`"))
        .collect();
    let more = match shared.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let verb = if shared.len() == 1 {
        "the one that shares a word with it is"
    } else {
        "those that share a word with it are"
    };
    format!(": {verb} {}{more}", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(names: &[(&str, Type)]) -> Vec<(String, Type)> {
        names.iter().map(|(n, t)| (n.to_string(), *t)).collect()
    }

    #[test]
    fn a_name_of_the_type_its_place_asks_for_comes_first() {
        let names = typed(&[
            ("ceasefire", Type::Bool),
            ("ceasefire_rate", Type::Number),
            ("tension", Type::Number),
            ("tensions_rise", Type::Bool),
            ("war", Type::Bool),
            ("wars", Type::Number),
        ]);
        let likely = |n, t| likely_name(n, &names, t);
        // Where a yes/no is wanted, the event the name extends by a word, not the number
        // nearest in spelling; where a number is, or either, the nearest.
        assert_eq!(
            likely("ceasefire_signed", Some(Type::Bool)),
            Some("ceasefire".into())
        );
        assert_eq!(
            likely("ceasefire_signed", Some(Type::Number)),
            Some("ceasefire_rate".into())
        );
        assert_eq!(
            likely("ceasefire_signed", None),
            Some("ceasefire_rate".into())
        );
        assert_eq!(
            likely("Ceasefire_Signed", Some(Type::Bool)),
            Some("ceasefire".into())
        );
        // Of two names as near, the one of the wanted type (alphabetical order otherwise).
        assert_eq!(likely("warz", Some(Type::Number)), Some("wars".into()));
        assert_eq!(likely("warz", Some(Type::Bool)), Some("war".into()));
        assert_eq!(likely("warz", None), Some("war".into()));
        assert_eq!(
            likely("tension_rise", Some(Type::Bool)),
            Some("tensions_rise".into())
        );
        // A slip of one letter beats a word added, whatever the type.
        assert_eq!(
            likely("tension_rise", Some(Type::Number)),
            Some("tensions_rise".into())
        );
        // Nothing of the wanted type near: the nearest of any type, or nothing.
        assert_eq!(
            likely("ceasefire_rat", Some(Type::Bool)),
            Some("ceasefire_rate".into())
        );
        assert_eq!(likely("tensionn", Some(Type::Bool)), Some("tension".into()));
        assert_eq!(likely("peace", Some(Type::Bool)), None);
        // A word added after `_` only: `ceasefires_in_europe` does not extend `ceasefire`.
        assert_eq!(likely("ceasefires_in_europe", Some(Type::Bool)), None);
    }

    #[test]
    fn names_that_share_a_word_are_offered_most_shared_first() {
        let names: Vec<String> = [
            "china_enters_korea",
            "china_enters_europe",
            "korean_war",
            "nk_troops_sent",
            "us_troops_in_korea",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            sharing_a_word("china_enters_war", &names),
            ": those that share a word with it are `china_enters_europe`, \
             `china_enters_korea`, `korean_war`"
        );
        assert_eq!(
            sharing_a_word("korea_troops", &names),
            ": those that share a word with it are `us_troops_in_korea`, \
             `china_enters_korea`, `nk_troops_sent`"
        );
        assert_eq!(
            sharing_a_word("Korean_Offensive", &names),
            ": the one that shares a word with it is `korean_war`"
        );
        // Words of one or two letters (`nk`, `us`) and no shared word: nothing.
        assert_eq!(sharing_a_word("nk_us", &names), "");
        assert_eq!(sharing_a_word("peace", &names), "");
        let many: Vec<String> = (0..8).map(|i| format!("war_{i}")).collect();
        assert!(sharing_a_word("war", &many).ends_with("`war_4` and 3 more"));
    }
}
