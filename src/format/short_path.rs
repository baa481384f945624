//! A `--set` path written without its section (`tension=5`, `horizon=48`, `ceasefire=0.2`): the
//! whole paths it can stand for. The closest path by spelling would be a guess here (`tension`
//! is nearest to `scenario.name`), while the path's own words already say which entry it means.

use super::suggest::closest;

/// The first parts a valid path starts with.
const SECTIONS: [&str; 7] = [
    "scenario",
    "params",
    "flags",
    "variables",
    "actors",
    "events",
    "outcomes",
];

/// Options of the commands that people take for values of the scenario.
const COMMAND_OPTIONS: [&str; 5] = ["threads", "format", "output", "quiet", "precision"];

/// How many whole paths the help names.
const LISTED: usize = 6;

/// The help for `path` when its first part is no section: the valid paths it is the rest of
/// (`tension` is `variables.tension`, `run.trials` is `scenario.run.trials`, an event's id alone
/// stands for its probability), else those whose rest it is a slip for (`tensoin`); or, for a
/// command's option (`threads`), that it is one.
pub fn short_path_help(path: &str, paths: &[String]) -> Option<String> {
    let first = path.split('.').next().unwrap_or_default();
    if path.is_empty() || SECTIONS.contains(&first) {
        return None;
    }
    // Each path with the part after its section, and an event's id for its probability.
    let mut rests: Vec<(&str, &str)> = Vec::new();
    for p in paths {
        let Some((_, rest)) = p.split_once('.') else {
            continue;
        };
        rests.push((rest, p));
        if let Some(id) = (p.strip_prefix("events."))
            .and_then(|r| r.strip_suffix(".probability"))
            .filter(|id| !id.contains('.'))
        {
            rests.push((id, p));
        }
    }
    // The paths whose rest is `name`, each once.
    let named = |name: &str| {
        let mut found: Vec<&str> = Vec::new();
        for &(rest, p) in &rests {
            if rest == name && !found.contains(&p) {
                found.push(p);
            }
        }
        found
    };
    // An entry named alone (`tension`) first; else the paths that end with it (`initial`).
    let mut whole = named(path);
    if whole.is_empty() {
        whole = (paths.iter().map(String::as_str))
            .filter(|p| {
                p.strip_suffix(path)
                    .is_some_and(|start| start.ends_with('.'))
            })
            .collect();
    }
    let mut slip = false;
    if whole.is_empty() {
        if COMMAND_OPTIONS.contains(&path) {
            return Some(format!(
                "`{path}` is an option of the command (`--{path}`), not a value of the scenario"
            ));
        }
        whole = named(&closest(path, rests.iter().map(|(rest, _)| *rest))?);
        slip = true;
    }
    if whole.len() > LISTED {
        return Some(format!(
            "a path starts with its section and entry, such as `{}` or `{}` ({} paths end with \
             `{path}`)",
            whole[0],
            whole[1],
            whole.len()
        ));
    }
    let shown: Vec<String> = whole.iter().map(|p| format!("`{p}`")).collect();
    let listed = match shown.len() {
        1 => shown[0].clone(),
        n => format!("{} or {}", shown[..n - 1].join(", "), shown[n - 1]),
    };
    if slip {
        return Some(format!(
            "did you mean {listed}? A path starts with its section"
        ));
    }
    let option = ["scenario.run.trials", "scenario.run.seed"]
        .iter()
        .find(|p| whole == [**p])
        .map(|p| format!(" (or give the command `--{}`)", &p["scenario.run.".len()..]))
        .unwrap_or_default();
    Some(format!("a path starts with its section: {listed}{option}"))
}

#[cfg(test)]
mod tests {
    use super::short_path_help;

    fn paths() -> Vec<String> {
        [
            "scenario.name",
            "scenario.horizon",
            "scenario.run.trials",
            "scenario.run.seed",
            "flags.ceasefire",
            "variables.tension",
            "variables.tension.initial",
            "variables.tension.min",
            "variables.casualties",
            "variables.casualties.initial",
            "events.ceasefire.probability",
            "events.ceasefire.when",
            "events.breakthrough.probability",
        ]
        .map(String::from)
        .to_vec()
    }

    fn help(path: &str) -> Option<String> {
        short_path_help(path, &paths())
    }

    #[test]
    fn a_name_alone_gets_its_section() {
        assert_eq!(
            help("tension").as_deref(),
            Some("a path starts with its section: `variables.tension`")
        );
        // An entry named alone wins over the paths that change it (`events.e.add.tension`).
        let mut more = paths();
        more.push("events.ceasefire.add.tension".into());
        assert_eq!(
            short_path_help("tension", &more).as_deref(),
            Some("a path starts with its section: `variables.tension`")
        );
        assert_eq!(
            help("horizon").as_deref(),
            Some("a path starts with its section: `scenario.horizon`")
        );
        assert_eq!(
            help("tension.initial").as_deref(),
            Some("a path starts with its section: `variables.tension.initial`")
        );
    }

    #[test]
    fn an_event_alone_stands_for_its_probability_beside_a_flag_of_its_name() {
        assert_eq!(
            help("breakthrough").as_deref(),
            Some("a path starts with its section: `events.breakthrough.probability`")
        );
        assert_eq!(
            help("ceasefire").as_deref(),
            Some(
                "a path starts with its section: `flags.ceasefire` or \
                 `events.ceasefire.probability`"
            )
        );
    }

    #[test]
    fn a_key_of_many_entries_lists_them() {
        assert_eq!(
            help("initial").as_deref(),
            Some(
                "a path starts with its section: `variables.tension.initial` or \
                 `variables.casualties.initial`"
            )
        );
        let many: Vec<String> = (0..9).map(|i| format!("events.e{i}.probability")).collect();
        assert_eq!(
            short_path_help("probability", &many).as_deref(),
            Some(
                "a path starts with its section and entry, such as `events.e0.probability` or \
                 `events.e1.probability` (9 paths end with `probability`)"
            )
        );
    }

    #[test]
    fn a_slip_in_a_name_alone_finds_it_with_its_section() {
        assert_eq!(
            help("tensoin").as_deref(),
            Some("did you mean `variables.tension`? A path starts with its section")
        );
        assert_eq!(
            help("breakthrouhg").as_deref(),
            Some("did you mean `events.breakthrough.probability`? A path starts with its section")
        );
        assert_eq!(help("zzz"), None);
    }

    #[test]
    fn the_run_keys_also_name_the_command_options() {
        assert_eq!(
            help("trials").as_deref(),
            Some(
                "a path starts with its section: `scenario.run.trials` (or give the command \
                 `--trials`)"
            )
        );
        assert_eq!(
            help("threads").as_deref(),
            Some(
                "`threads` is an option of the command (`--threads`), not a value of the scenario"
            )
        );
    }

    #[test]
    fn a_path_with_its_section_or_of_no_entry_is_left_to_the_others() {
        assert_eq!(help("events.ceasfire.probability"), None);
        assert_eq!(help("variables.tensoin"), None);
        assert_eq!(help(""), None);
        // A part of a word is no part of the path: `sion` ends `variables.tension` only in letters.
        assert_eq!(help("sion"), None);
    }
}
