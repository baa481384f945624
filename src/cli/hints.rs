//! Hints printed under clap's own error when the command line has a common slip clap only
//! half explains (it names the stray argument, not the fix): each reads the raw arguments and
//! returns one `help:` line, or nothing.

/// The first hint that applies to the arguments (the command's name first), if any.
pub fn first(args: impl Iterator<Item = String>) -> Option<String> {
    let args: Vec<String> = args.collect();
    let hints = [
        missing_equals,
        shard_without_value,
        command_left_out,
        two_scenarios,
        unquoted_condition,
        vary_left_out,
        short_option,
        option_of_another_command,
    ];
    hints.iter().find_map(|hint| hint(&args))
}

/// A hint for `--set PATH VALUE` (a space where `=` belongs), and for `PATH = VALUE`,
/// `PATH= VALUE` and `PATH =VALUE` (spaces around it, as in the file): clap sees a stray
/// argument and says only that, so the user learns the fix from this line.
fn missing_equals(args: &[String]) -> Option<String> {
    let value = |a: &String| !a.starts_with('-') && !a.ends_with(".toml");
    (0..args.len()).find_map(|i| {
        let [option, path, next] = args.get(i..i + 3)? else {
            return None;
        };
        if !["--set", "--set-b", "--vary"].contains(&option.as_str()) {
            return None;
        }
        if next == "=" {
            let after = args.get(i + 3).filter(|a| value(a))?;
            return Some(format!(
                "help: write `{option}`'s path, `=` and value as one word, without spaces: \
                 `{option} {path}={after}`"
            ));
        }
        let spaced = path.ends_with('=') && path.matches('=').count() == 1 && value(next)
            || !path.contains('=') && next.starts_with('=') && next.len() > 1;
        if spaced {
            return Some(format!(
                "help: write `{option}`'s path, `=` and value as one word, without spaces: \
                 `{option} {path}{next}`"
            ));
        }
        (!path.contains('=') && value(next)).then(|| {
            format!(
                "help: `{option} {path} {next}` needs `=` between the path and the value: \
                 `{option} {path}={next}`"
            )
        })
    })
}

/// A hint for `--shard --output p.json` (the shard left out): `--shard` takes a leading `-` for
/// `-1/2`'s own message, so it took the next option as its value and clap blames `p.json`.
fn shard_without_value(args: &[String]) -> Option<String> {
    args.windows(2).find_map(|w| {
        (w[0] == "--shard" && w[1].starts_with("--")).then(|| {
            format!(
                "help: `--shard` took `{}` as its value: give the shard first, `--shard I/N` \
                 (such as 0/4) or `--shard slurm`",
                w[1]
            )
        })
    })
}

/// A hint for `brink scenarios/baseline.toml` (the command left out): clap says only that the
/// file is no subcommand.
fn command_left_out(args: &[String]) -> Option<String> {
    let first = args.first()?;
    let scenario = first.ends_with(".toml") || std::path::Path::new(first).is_file();
    (scenario && !first.starts_with('-')).then(|| {
        let rest: String = args.iter().map(|a| format!(" {a}")).collect();
        format!(
            "help: name the command first, as in `brink run{rest}` (or `check`, `trace`, \
             `sensitivity`...; `brink --help` lists them)"
        )
    })
}

/// A hint for `brink run a.toml b.toml` (two scenarios to a command that takes one): clap says
/// only that the second is unexpected, while the user most likely wants them side by side.
fn two_scenarios(args: &[String]) -> Option<String> {
    let one_file = ["run", "trace", "sweep", "sensitivity", "graph", "exact"];
    let command = args.first().filter(|c| one_file.contains(&c.as_str()))?;
    let files: Vec<&String> = (args.iter().skip(1))
        .filter(|a| a.ends_with(".toml") && !a.starts_with('-'))
        .collect();
    (files.len() >= 2).then(|| {
        format!(
            "help: `{command}` takes one scenario; to run two side by side on the same random \
             streams: `brink compare {} {}`",
            files[0], files[1]
        )
    })
}

/// A hint for `--given war and ceasefire` (a condition of several words without quotes): the
/// shell passes `and` on as an argument of its own, and clap blames it.
fn unquoted_condition(args: &[String]) -> Option<String> {
    let joins = [
        "and", "or", "not", "==", "!=", "<", "<=", ">=", "+", "-", "*", "/",
    ];
    let at = (args.iter()).position(|a| a == "--given" || a == "--set" || a == "--set-b")?;
    let next = args.get(at + 2)?;
    if !joins.contains(&next.as_str()) {
        return None;
    }
    let words: Vec<&str> = (args[at + 1..].iter())
        .take_while(|a| !a.starts_with("--") && !a.ends_with(".toml"))
        .map(String::as_str)
        .collect();
    Some(format!(
        "help: a condition of several words goes in quotes, as one argument: `{} \"{}\"`",
        args[at],
        words.join(" ")
    ))
}

/// A hint for `brink sweep a.toml` (no `--vary`): clap names the option, not its shape.
fn vary_left_out(args: &[String]) -> Option<String> {
    let given = |a: &String| a == "--vary" || a.starts_with("--vary=");
    (args.first()? == "sweep" && !args.iter().any(given)).then(|| {
        "help: `--vary PATH=VALUES` says what a sweep changes: `--vary \
         events.ID.probability=0.1:0.5:5` (FROM:TO:N points) or `--vary variables.NAME=1,2,4` \
         (a list); several `--vary` make a grid"
            .to_string()
    })
}

/// A hint for `run a.toml -o r.csv` (a one-letter option, as many tools have): brink's options
/// have long names only, and clap suggests passing `-o` as a value after `--`.
fn short_option(args: &[String]) -> Option<String> {
    use clap::CommandFactory;
    let root = super::Cli::command();
    let name = args.first()?;
    let command = root.find_subcommand(name)?;
    let at = (args.iter().skip(1).position(|a| {
        let mut chars = a.chars();
        chars.next() == Some('-')
            && chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() && !"hV".contains(c))
            && chars.next().is_none()
    }))? + 1;
    let letter = args[at][1..].to_ascii_lowercase();
    let longs: Vec<&clap::Arg> = (command.get_arguments())
        .filter(|a| a.get_long().is_some_and(|l| l.starts_with(&letter)))
        .collect();
    let fix = match longs.as_slice() {
        [one] => {
            let takes_value = one.get_action().takes_values();
            let value = (args.get(at + 1))
                .filter(|v| takes_value && !v.starts_with('-'))
                .map_or(String::new(), |v| format!(" {v}"));
            format!(": `--{}{value}`", one.get_long()?)
        }
        [] => format!("; `brink {name} --help` lists them"),
        several => {
            let names: Vec<String> = (several.iter())
                .filter_map(|a| Some(format!("`--{}`", a.get_long()?)))
                .collect();
            let (last, rest) = names.split_last()?;
            format!(
                ": `{}` may be {} or {last}; `brink {name} --help` lists them",
                args[at],
                rest.join(", ")
            )
        }
    };
    Some(format!("help: brink's options have long names only{fix}"))
}

/// A hint for `exact a.toml --trials 100` or `check a.toml --quiet` (an option other commands
/// take): clap says to pass it as a value after `--`, which is never what was meant.
fn option_of_another_command(args: &[String]) -> Option<String> {
    use clap::CommandFactory;
    let root = super::Cli::command();
    let name = args.first()?;
    let command = root.find_subcommand(name)?;
    let takes =
        |c: &clap::Command, long: &str| c.get_arguments().any(|a| a.get_long() == Some(long));
    args.iter().skip(1).find_map(|arg| {
        let long = arg.strip_prefix("--")?.split('=').next()?;
        if long.is_empty() || takes(command, long) {
            return None;
        }
        let others: Vec<String> = (root.get_subcommands())
            .filter(|c| takes(c, long))
            .map(|c| format!("`{}`", c.get_name()))
            .collect();
        if others.is_empty() {
            return None;
        }
        let trials = ["trials", "seed", "threads", "precision", "precision-of"];
        Some(match (name.as_str(), long) {
            (_, "quiet") => format!("help: `{name}` draws no progress bar: leave out `--quiet`"),
            ("exact", l) if trials.contains(&l) => format!(
                "help: `exact` draws no trials, it computes each probability: leave out \
                 `--{long}` (`brink run` takes it)"
            ),
            ("check", l) if trials.contains(&l) => format!(
                "help: `check` runs no trials, it reads the file: leave out `--{long}` (`brink \
                 test` runs the file's `[[expect]]` pins, `brink run` the scenario)"
            ),
            _ if others.len() > 4 => format!(
                "help: `{name}` does not take `--{long}`; `brink {name} --help` lists what it takes"
            ),
            _ => format!(
                "help: `{name}` does not take `--{long}` ({} {}); `brink {name} --help` lists \
                 what it takes",
                others.join(", "),
                if others.len() == 1 {
                    "takes it"
                } else {
                    "take it"
                }
            ),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn a_condition_of_several_words_without_quotes_gets_them() {
        let hint = |line: &str| unquoted_condition(&words(line));
        assert_eq!(
            hint("run a.toml --given war and not ceasefire --trials 100").as_deref(),
            Some(
                "help: a condition of several words goes in quotes, as one argument: `--given \
                 \"war and not ceasefire\"`"
            )
        );
        assert_eq!(
            hint("run --given war or peace a.toml").as_deref(),
            Some(
                "help: a condition of several words goes in quotes, as one argument: `--given \
                 \"war or peace\"`"
            )
        );
        assert_eq!(
            hint("run a.toml --set events.e.when=war and peace").as_deref(),
            Some(
                "help: a condition of several words goes in quotes, as one argument: `--set \
                 \"events.e.when=war and peace\"`"
            )
        );
        assert_eq!(hint("run a.toml --given war --trials 100"), None);
        assert_eq!(hint("run a.toml --given war b.toml"), None);
    }

    #[test]
    fn a_sweep_without_vary_gets_its_shape() {
        let hint = |line: &str| vary_left_out(&words(line));
        assert!(hint("sweep a.toml --trials 100").is_some_and(|h| h.contains("FROM:TO:N")));
        assert_eq!(hint("sweep a.toml --vary p=1,2"), None);
        assert_eq!(hint("sweep a.toml --vary=p=1,2 --bad"), None);
        assert_eq!(hint("run a.toml"), None);
    }

    #[test]
    fn two_scenarios_to_a_command_of_one_get_compare() {
        let hint = |line: &str| two_scenarios(&words(line));
        assert_eq!(
            hint("run a.toml b.toml --trials 1000").as_deref(),
            Some(
                "help: `run` takes one scenario; to run two side by side on the same random \
                 streams: `brink compare a.toml b.toml`"
            )
        );
        assert_eq!(hint("run a.toml --trials 1000"), None);
        assert_eq!(hint("check a.toml b.toml"), None);
    }

    #[test]
    fn an_option_of_another_command_gets_why_not_here() {
        let hint = |line: &str| option_of_another_command(&words(line));
        assert_eq!(
            hint("exact a.toml --quiet").as_deref(),
            Some("help: `exact` draws no progress bar: leave out `--quiet`")
        );
        assert_eq!(
            hint("exact a.toml --trials=100").as_deref(),
            Some(
                "help: `exact` draws no trials, it computes each probability: leave out \
                 `--trials` (`brink run` takes it)"
            )
        );
        assert!(hint("check a.toml --seed 7").is_some_and(|h| h.contains("`brink test` runs")));
        assert_eq!(
            hint("graph a.toml --given war").as_deref(),
            Some("help: `graph` does not take `--given`; `brink graph --help` lists what it takes")
        );
        assert_eq!(
            hint("exact a.toml --milestones").as_deref(),
            Some(
                "help: `exact` does not take `--milestones` (`graph` takes it); `brink exact \
                 --help` lists what it takes"
            )
        );
        // Its own options, an option no command has, no command: clap's error is enough.
        assert_eq!(hint("run a.toml --quiet --trials 10"), None);
        assert_eq!(hint("run a.toml --bogus"), None);
        assert_eq!(hint("a.toml --quiet"), None);
    }

    #[test]
    fn a_one_letter_option_gets_its_long_name() {
        let hint = |line: &str| short_option(&words(line));
        assert_eq!(
            hint("run a.toml -o r.csv --trials 100").as_deref(),
            Some("help: brink's options have long names only: `--output r.csv`")
        );
        assert_eq!(
            hint("run a.toml -Q").as_deref(),
            Some("help: brink's options have long names only: `--quiet`")
        );
        assert_eq!(
            hint("run a.toml -s 7").as_deref(),
            Some(
                "help: brink's options have long names only: `-s` may be `--shard`, `--seed` \
                 or `--set`; `brink run --help` lists them"
            )
        );
        assert_eq!(
            hint("check a.toml -z").as_deref(),
            Some("help: brink's options have long names only; `brink check --help` lists them")
        );
        // Help, version, a negative number, a long option, no command: not this slip.
        for line in [
            "run a.toml -h",
            "run a.toml --shard -1/2",
            "run a.toml --o",
            "-o r",
        ] {
            assert_eq!(hint(line), None, "{line}");
        }
    }

    fn hint(line: &str) -> Option<String> {
        missing_equals(&words(line))
    }

    #[test]
    fn a_scenario_named_without_a_command_gets_run_put_first() {
        let hint = |line: &str| command_left_out(&words(line));
        assert_eq!(
            hint("scenarios/baseline.toml --trials 1000").as_deref(),
            Some(
                "help: name the command first, as in `brink run scenarios/baseline.toml --trials \
                 1000` (or `check`, `trace`, `sensitivity`...; `brink --help` lists them)"
            )
        );
        // A command, an option or a word that is no file: clap's own message is enough.
        for line in [
            "run scenarios/baseline.toml",
            "--trials 5",
            "simulate x",
            "",
        ] {
            assert_eq!(hint(line), None, "{line}");
        }
    }

    #[test]
    fn a_space_for_an_equals_sign_gets_a_hint() {
        assert_eq!(
            hint("run f.toml --set events.x.probability 0.2").as_deref(),
            Some(
                "help: `--set events.x.probability 0.2` needs `=` between the path and the \
                 value: `--set events.x.probability=0.2`"
            )
        );
        assert_eq!(
            hint("run f.toml --set events.x.probability=0.2 extra"),
            None
        );
        assert_eq!(hint("run f.toml --set a --trials 3"), None);
        // Spaces around the `=`, as the file writes `key = value`.
        let joined = "help: write `--set`'s path, `=` and value as one word, without spaces: \
                      `--set events.x.probability=0.2`";
        for line in [
            "run f.toml --set events.x.probability = 0.2",
            "run f.toml --set events.x.probability= 0.2",
            "run f.toml --set events.x.probability =0.2",
        ] {
            assert_eq!(hint(line).as_deref(), Some(joined), "{line}");
        }
        assert_eq!(hint("run f.toml --set events.x.probability ="), None);
        assert_eq!(hint("run --set events.x.probability= f.toml"), None);
    }

    #[test]
    fn an_option_after_shard_gets_a_hint() {
        let hint = |line: &str| shard_without_value(&words(line));
        assert_eq!(
            hint("run f.toml --shard --output p.json").as_deref(),
            Some(
                "help: `--shard` took `--output` as its value: give the shard first, \
                 `--shard I/N` (such as 0/4) or `--shard slurm`"
            )
        );
        assert_eq!(hint("run f.toml --shard -1/2 --output p.json"), None);
        assert_eq!(hint("run f.toml --shard 0/2 --output p.json"), None);
    }
}
