//! Did-you-mean, the one rule every message uses: the candidate closest to a misspelt word by
//! Damerau-Levenshtein distance, ignoring case, if the distance is at most a third of the longer
//! word (at least 1 edit, but never the whole word: `y` does not find `x`), so `tensoin` finds
//! `tension` but `war` does not find `peace`; ties go to the alphabetically first. A word of 3
//! letters or more that starts a candidate (`prob` for `probability`) also finds it, since
//! authors abbreviate keys.

/// The candidate closest to `word`, if it is close enough to be a likely slip.
pub fn closest<S: AsRef<str>>(
    word: &str,
    candidates: impl IntoIterator<Item = S>,
) -> Option<String> {
    let lower = word.to_lowercase();
    let (chars, letters) = (word.chars().count(), letters(lower.chars()));
    let mut best: Option<(usize, String)> = None;
    for c in candidates {
        let c = c.as_ref();
        if c == word {
            continue;
        }
        let limit = (chars.max(c.chars().count()) / 3).max(1);
        let prefix = c.starts_with(word) && word.len() >= 3;
        // A lower bound first: it rules out most candidates of a long list (10 000 events)
        // without working the distance out.
        // (Lowercased as a string, as the distance takes it: a final `Σ` becomes `ς`.)
        let c_lower = c.to_lowercase();
        let at_least = bag_distance(&letters, c_lower.chars());
        if (at_least > limit && !prefix) || best.as_ref().is_some_and(|(bd, _)| at_least > *bd) {
            continue;
        }
        let d = strsim::damerau_levenshtein(&lower, &c_lower);
        // (An edit that replaces the whole of a one-letter word is no slip: `y` is not `x`.)
        if (d > limit || d >= chars) && !prefix {
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

/// The characters of a word [`closest_any`] compares when nothing is close.
const LONG_WORD: usize = 256;

/// The closest candidate however far (an unknown `--set` path always names one valid path).
pub fn closest_any<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
) -> Option<String> {
    closest(word, candidates.clone()).or_else(|| {
        // A word of thousands of characters is no one's slip for a name: its first ones are
        // enough to pick one, and the distance of all of them to every candidate took seconds.
        let word = word
            .char_indices()
            .nth(LONG_WORD)
            .map_or(word, |(i, _)| &word[..i]);
        // The first of the nearest, as `min_by_key` gives it: a candidate whose lower bound is
        // as large as the best distance so far cannot be nearer.
        let letters = letters(word.chars());
        let mut best: Option<(usize, &str)> = None;
        for c in candidates {
            if best.is_some_and(|(d, _)| bag_distance(&letters, c.chars()) >= d) {
                continue;
            }
            let d = strsim::damerau_levenshtein(word, c);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c.to_string())
    })
}

/// The valid path an unknown `path` most likely means, of `paths` (never none while there is
/// one). A path is judged by its last part among the paths beside it first (`events.e.prob`
/// finds `events.e.probability`, and `events.e.chance` does too, by [`synonym`]), since the
/// shared start would make any path of the same entry look close. Under a start that is itself
/// unknown (a misspelt event), the start it most likely means is found the same way, and the
/// last part then among the paths beside that (`events.ceasfire.prob` finds
/// `events.ceasefire.probability`). Failing both, the closest path of all, however far.
pub fn closest_path(path: &str, paths: &[String]) -> Option<String> {
    if let Some((parent, last)) = path.rsplit_once('.') {
        let key_under = |parent: &str| {
            let beside: Vec<&str> = (paths.iter())
                .filter_map(|p| p.strip_prefix(parent)?.strip_prefix('.'))
                .filter(|key| !key.contains('.'))
                .collect();
            // (A start is known when it is found again: `closest` passes over the word itself.)
            let key = (beside.iter().copied().find(|k| *k == last))
                .or_else(|| synonym(last, &beside))
                .map(str::to_string)
                .or_else(|| closest(last, &beside));
            key.map(|key| format!("{parent}.{key}"))
        };
        if let Some(found) = key_under(parent) {
            return Some(found);
        }
        let known = |p: &str| {
            paths
                .iter()
                .any(|q| q.starts_with(p) && q[p.len()..].starts_with('.'))
        };
        // Only while some path is deeper than the start: each call goes one level shallower in
        // both, so a path of a thousand dots costs a few calls, not a thousand.
        let depth = |p: &str| p.matches('.').count();
        if !known(parent) && paths.iter().any(|p| depth(p) > depth(parent)) {
            let starts: Vec<String> = starts_of(paths);
            if let Some(found) = closest_path(parent, &starts).and_then(|p| key_under(&p)) {
                return Some(found);
            }
        }
    }
    closest_any(path, paths.iter().map(String::as_str))
}

/// The ids a section has, when `path` names one that is unknown and like none of them
/// (`events.zzz.probability`): any single path would then be a guess. The help lists those that
/// share a word with it (`sk_arms`: `south_korea_sends_arms`), else all of them (the first
/// [`LISTED`], in file order).
pub fn unknown_id_help(path: &str, paths: &[String]) -> Option<String> {
    let mut parts = path.split('.');
    let (section, id) = (parts.next()?, parts.next()?);
    let (noun, nouns) = match section {
        "events" | "outcomes" | "actors" | "variables" | "flags" => {
            (&section[..section.len() - 1], section)
        }
        "params" => ("parameter", "parameters"),
        _ => return None,
    };
    let mut seen = std::collections::HashSet::new();
    let ids: Vec<&str> = (paths.iter())
        .filter_map(|p| {
            p.strip_prefix(section)?
                .strip_prefix('.')?
                .split('.')
                .next()
        })
        .filter(|i| seen.insert(*i))
        .collect();
    if ids.is_empty() || ids.contains(&id) || closest(id, &ids).is_some() {
        return None;
    }
    let typed = words(id);
    let sharing: Vec<&str> = (ids.iter().copied())
        .filter(|i| words(i).iter().any(|w| typed.contains(w)))
        .collect();
    let (intro, listed) = if sharing.is_empty() {
        (format!("the {nouns} are"), ids)
    } else {
        (format!("{nouns} sharing a word with it:"), sharing)
    };
    let shown: Vec<String> = listed
        .iter()
        .take(LISTED)
        .map(|i| format!("`{i}`"))
        .collect();
    let more = match listed.len().saturating_sub(LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    Some(format!(
        "no {noun} has an id like `{id}`; {intro} {}{more}",
        shown.join(", ")
    ))
}

/// The words of an id (split at `_` and `-`, lowercased) of three letters or more.
fn words(id: &str) -> Vec<String> {
    (id.split(['_', '-']))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// How many ids [`unknown_id_help`] lists.
const LISTED: usize = 12;

/// Every start of a path of `paths` that is followed by more (`events`, `events.e` of
/// `events.e.probability`), each once, in order.
fn starts_of(paths: &[String]) -> Vec<String> {
    let mut starts: Vec<String> = (paths.iter())
        .flat_map(|p| p.match_indices('.').map(move |(i, _)| p[..i].to_string()))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// A word's characters counted by their code modulo 128 (every ASCII character on its own).
fn letters(word: impl Iterator<Item = char>) -> [i32; 128] {
    let mut counts = [0; 128];
    for ch in word {
        counts[ch as usize % 128] += 1;
    }
    counts
}

/// A lower bound of the Damerau-Levenshtein distance between the word counted in `a` and `b`:
/// the characters one has and the other lacks, counted with repeats, on the side with more. An
/// edit changes each side's count by at most one and a transposition neither; counting some
/// characters together can only lower it.
fn bag_distance(a: &[i32; 128], b: impl Iterator<Item = char>) -> usize {
    let mut diff = *a;
    for ch in b {
        diff[ch as usize % 128] -= 1;
    }
    let (more, fewer) = diff.iter().fold(
        (0, 0),
        |(m, f), &x| {
            if x > 0 { (m + x, f) } else { (m, f - x) }
        },
    );
    more.max(fewer) as usize
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
    // The sections, as other tools and languages name them.
    (&["vars", "var", "variable"], &["variables"]),
    (&["parameters", "parameter", "param", "priors"], &["params"]),
    (&["flag", "booleans", "bools"], &["flags"]),
    (
        &["results", "endings", "end_states", "outcome"],
        &["outcomes"],
    ),
    (
        &["expects", "expectations", "tests", "asserts"],
        &["expect"],
    ),
    (&["include", "inherit", "inherits", "base"], &["extends"]),
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

/// The fix for a yes/no value written another way (`yes`, `True`), `fixed` being the line or
/// setting as it should read: one wording for a file's values and `--set`.
pub fn truth_help(fixed: &str) -> String {
    format!("write `true` or `false`, in lower case: `{fixed}`")
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

/// `a`, `a and b`, `a, b and c`: a list in a message.
pub fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    join_with(items, "and")
}

/// `a`, `a or b`, `a, b or c`.
pub fn join_or<S: AsRef<str>>(items: &[S]) -> String {
    join_with(items, "or")
}

fn join_with<S: AsRef<str>>(items: &[S], last_word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {last_word} {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_in_messages_join_with_commas_and_a_last_word() {
        assert_eq!(join_and::<&str>(&[]), "");
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b"]), "a and b");
        assert_eq!(join_or(&["a", "b", "c"]), "a, b or c");
    }

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
        let top = ["scenario", "variables", "params", "outcomes", "expect"];
        assert_eq!(synonym("Parameters", &top), Some("params"));
        assert_eq!(synonym("vars", &top), Some("variables"));
        assert_eq!(synonym("results", &top), Some("outcomes"));
        assert_eq!(synonym("vars", &event), None);
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

    /// A word of up to 11 letters from a small alphabet, with case, a letter whose lowercase is
    /// two characters (`İ`) and one whose lowercase depends on its place in the word (`Σ`).
    fn random_word(state: &mut u64) -> String {
        let letters = ['a', 'b', 'A', 'İ', '_', 'Σ'];
        *state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let len = (*state >> 59) as usize % 12;
        (0..len)
            .map(|i| letters[(*state >> (i * 4)) as usize % letters.len()])
            .collect()
    }

    /// The bound is at most the distance, and can be the distance (`abc` and `xbcyy`).
    #[test]
    fn the_bag_distance_is_a_lower_bound() {
        let mut state = 3u64;
        for _ in 0..5000 {
            let (a, b) = (random_word(&mut state), random_word(&mut state));
            let bound = bag_distance(&letters(a.chars()), b.chars());
            assert!(bound <= strsim::damerau_levenshtein(&a, &b), "{a:?} {b:?}");
        }
        assert_eq!(bag_distance(&letters("abc".chars()), "xbcyy".chars()), 3);
        assert_eq!(bag_distance(&letters("ab".chars()), "ba".chars()), 0);
    }

    /// A one-letter word finds only itself in another case: replacing it is no slip.
    #[test]
    fn a_one_letter_word_is_not_a_slip_for_another() {
        assert_eq!(closest("y", ["x", "xy"]), None);
        assert_eq!(closest("X", ["x"]).as_deref(), Some("x"));
        assert_eq!(closest("ab", ["ba"]).as_deref(), Some("ba"));
        assert_eq!(closest("xy", ["x"]).as_deref(), Some("x"));
    }

    /// The lower bound skips only candidates the full rule would not pick: the same answer as
    /// the rule without it, on random words.
    #[test]
    fn skipping_by_the_bound_gives_the_rule_s_answer() {
        let rule = |word: &str, candidates: &[String]| {
            let lower = word.to_lowercase();
            let mut best: Option<(usize, String)> = None;
            for c in candidates {
                let d = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
                let limit = (word.chars().count().max(c.chars().count()) / 3).max(1);
                let prefix = c.starts_with(word) && word.len() >= 3;
                let whole = d >= word.chars().count();
                if c == word || ((d > limit || whole) && !prefix) {
                    continue;
                }
                if best
                    .as_ref()
                    .is_none_or(|(bd, b)| d < *bd || (d == *bd && c < b))
                {
                    best = Some((d, c.clone()));
                }
            }
            best.map(|(_, c)| c)
        };
        let mut state = 7u64;
        for _ in 0..3000 {
            let w = random_word(&mut state);
            let candidates: Vec<String> = (0..20).map(|_| random_word(&mut state)).collect();
            assert_eq!(
                closest(&w, &candidates),
                rule(&w, &candidates),
                "{w:?} in {candidates:?}"
            );
        }
    }

    /// However far, the first of the nearest candidates, as a search of every one finds it.
    #[test]
    fn closest_any_is_the_first_of_the_nearest() {
        let mut state = 11u64;
        for _ in 0..3000 {
            let candidates: Vec<String> = (0..20).map(|_| random_word(&mut state)).collect();
            let w = random_word(&mut state);
            let all = candidates
                .iter()
                .min_by_key(|c| strsim::damerau_levenshtein(&w, c))
                .cloned();
            let found = closest_any(&w, candidates.iter().map(String::as_str));
            assert_eq!(
                closest(&w, &candidates).or(all),
                found,
                "{w:?} in {candidates:?}"
            );
        }
    }

    #[test]
    fn a_path_is_judged_by_its_last_part_among_the_paths_beside_it() {
        let paths: Vec<String> = [
            "events.e.actor",
            "events.e.probability",
            "events.e.when",
            "events.e.branches",
            "events.e.modifiers.0.factor",
            "events.f.probability",
            "variables.tension",
            "variables.tension.max",
        ]
        .map(String::from)
        .to_vec();
        for (slip, meant) in [
            // An abbreviation: over the whole path, `events.e.when` was nearer.
            ("events.e.prob", "events.e.probability"),
            // Another tool's word: over the whole path, `events.e.branches` was nearest.
            ("events.e.chance", "events.e.probability"),
            ("events.f.probabilty", "events.f.probability"),
            (
                "events.e.modifiers.0.multiplier",
                "events.e.modifiers.0.factor",
            ),
            ("variables.tension.maximum", "variables.tension.max"),
            // Under an unknown entry or section: the one meant, then the key there.
            ("events.g.probability", "events.e.probability"),
            ("event.f.probability", "events.f.probability"),
            ("events.ee.prob", "events.e.probability"),
            ("event.e.chance", "events.e.probability"),
            ("variable.tension.maximum", "variables.tension.max"),
        ] {
            assert_eq!(closest_path(slip, &paths).as_deref(), Some(meant), "{slip}");
        }
        // A path of a thousand parts, or one part of a hundred thousand characters, still
        // gets one (judged by its first characters: the distance over all of them to every
        // path took 6.7 s for a `--set` on the shipped baseline).
        let dots = vec!["events"; 1000].join(".");
        assert!(closest_path(&dots, &paths).is_some());
        let long = format!("events.e.{}", "x".repeat(100_000));
        assert_eq!(
            closest_path(&long, &paths),
            closest_path(&long[..9 + LONG_WORD], &paths)
        );
        // Nothing close beside it: still one path, however far.
        assert!(closest_path("events.e.zzzzzzzz", &paths).is_some());
        assert_eq!(closest_path("anything", &[]), None);
    }

    #[test]
    fn an_id_like_none_gets_the_ids_not_a_guess() {
        let paths: Vec<String> = (["a_war", "b_peace", "c_talks", "war_in_korea"].iter())
            .flat_map(|e| {
                [
                    format!("events.{e}.probability"),
                    format!("events.{e}.over"),
                ]
            })
            .chain(["params.rate".into(), "scenario.name".into()])
            .collect();
        let help = |p: &str| unknown_id_help(p, &paths);
        assert_eq!(
            help("events.zzz.probability").as_deref(),
            Some(
                "no event has an id like `zzz`; the events are `a_war`, `b_peace`, `c_talks`, \
                 `war_in_korea`"
            )
        );
        assert_eq!(
            help("events.korean_war.probability").as_deref(),
            Some(
                "no event has an id like `korean_war`; events sharing a word with it: `a_war`, \
                 `war_in_korea`"
            )
        );
        assert_eq!(
            help("params.size").as_deref(),
            Some("no parameter has an id like `size`; the parameters are `rate`")
        );
        // Known, close to one (the closest path names it), or not a section of ids: no list.
        for p in [
            "events.a_war.probability",
            "events.c_talk.over",
            "events.b_peace.prob",
        ] {
            assert_eq!(help(p), None, "{p}");
        }
        assert_eq!(help("scenario.nmae"), None);
        assert_eq!(help("flags.x"), None);
        // Many: the first twelve, and how many more.
        let many: Vec<String> = (0..30).map(|i| format!("flags.f{i}")).collect();
        let listed = unknown_id_help("flags.zzzz", &many).unwrap();
        assert!(listed.ends_with("`f11` and 18 more"), "{listed}");
    }

    #[test]
    fn ties_go_to_the_alphabetically_first() {
        assert_eq!(closest("ab", ["ac", "aa"]).as_deref(), Some("aa"));
        assert_eq!(closest("ab", ["aa", "ac"]).as_deref(), Some("aa"));
    }
}
