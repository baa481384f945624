//! One validated set of sampling settings for every simulating command: `--trials`, `--seed`
//! and `--threads` are checked by the same rule with the same message whatever the command, and
//! "the command line, else the scenario" is decided in one place.

use crate::common;

use brink::engine::{Sampling, Settings};
use brink::model;

const PASSING: &str = "tests/expect/pass/geometric.toml";

use common::outputs as brink;

/// `brink test` refuses `flag value` exactly as `brink run` does: exit 1, same message, nothing
/// on stdout.
fn test_refuses_like_run(flag: &str, value: &str, message: &str) {
    let run = brink(&["run", PASSING, flag, value, "--quiet"]);
    let test = brink(&["test", PASSING, flag, value, "--quiet"]);
    assert_eq!(run.0, Some(1), "run: {run:?}");
    assert_eq!(test.0, Some(1), "test: {test:?}");
    assert_eq!(run.2, test.2);
    assert_eq!(run.2.trim_end(), message);
    assert_eq!(test.1, "");
}

#[test]
fn test_refuses_zero_threads_like_run() {
    test_refuses_like_run(
        "--threads",
        "0",
        "error: --threads 0: give at least one thread (or leave it out for all cores)",
    );
}

#[test]
fn test_refuses_too_many_trials_like_run() {
    test_refuses_like_run(
        "--trials",
        "2000000000000",
        "error: --trials 2000000000000: use a number from 1 to 1000000000000",
    );
}

#[test]
fn test_refuses_zero_trials_like_run() {
    test_refuses_like_run(
        "--trials",
        "0",
        "error: --trials 0: use a number from 1 to 1000000000000",
    );
}

#[test]
fn every_simulating_command_refuses_zero_threads_the_same_way() {
    let message = "error: --threads 0: give at least one thread (or leave it out for all cores)";
    for args in [
        vec!["trace", PASSING],
        vec![
            "sweep",
            PASSING,
            "--vary",
            "events.strike.probability=0.1:0.2:2",
        ],
        vec!["compare", PASSING, PASSING],
        vec!["sensitivity", PASSING],
    ] {
        let mut args = args;
        args.extend(["--threads", "0", "--quiet"]);
        let (code, stdout, stderr) = brink(&args);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end(), message, "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
    }
}

/// `--threads` far above the work (one chunk here) starts no idle thread: it finishes, and the
/// bytes are those of one thread (QA: 100000 threads never finished).
#[test]
fn far_more_threads_than_chunks_give_the_bytes_of_one_thread() {
    let sweep = ["--vary", "events.strike.probability=0.1:0.2:2"];
    for args in [
        vec!["run", PASSING],
        vec!["compare", PASSING, PASSING],
        [vec!["sweep", PASSING], sweep.to_vec()].concat(),
        vec!["sensitivity", PASSING],
    ] {
        let with = |threads: &str| {
            let mut args = args.clone();
            args.extend(["--trials", "50", "--format", "json", "--quiet", "--threads"]);
            args.push(threads);
            let (code, stdout, stderr) = brink(&args);
            assert_eq!(code, Some(0), "{args:?}: {stderr}");
            stdout
        };
        assert_eq!(with("100000"), with("1"), "{args:?}");
    }
}

#[test]
fn precision_and_shard_exclude_each_other_in_every_command_that_takes_both() {
    let message = "error: --precision cannot be used with --shard: each shard would stop on its own\n\
                   help: choose the trial count with --trials, or run without --shard";
    let dir = tempfile::tempdir().expect("temp dir");
    let part = dir.path().join("part.json");
    let part = part.to_str().expect("UTF-8 path");
    for args in [
        vec!["run", PASSING],
        vec![
            "sweep",
            PASSING,
            "--vary",
            "events.strike.probability=0.1:0.2:2",
        ],
        vec!["sensitivity", PASSING],
    ] {
        let mut args = args;
        args.extend(["--precision", "0.01", "--shard", "0/2", "--output", part]);
        let (code, stdout, stderr) = brink(&args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end(), message, "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
    }
}

#[test]
fn test_takes_a_valid_trial_count_and_thread_count() {
    let (code, stdout, stderr) = brink(&[
        "test",
        PASSING,
        "--trials",
        "20000",
        "--threads",
        "1",
        "--quiet",
    ]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.ends_with("passed, 0 failed\n"), "{stdout}");
}

/// The passing file's scenario: `[scenario.run]` has 20000 trials and seed 3.
fn scenario() -> model::Model {
    model::load(std::path::Path::new(PASSING), &[])
        .expect("a valid scenario")
        .model
}

#[test]
fn the_command_line_wins_over_the_scenario_and_leaves_it_the_rest() {
    let m = scenario();
    let asked = Settings {
        trials: Some(7),
        seed: None,
        threads: Some(3),
        progress: true,
        shard: None,
    };
    assert_eq!(
        asked.resolve(&m),
        Sampling {
            trials: 7,
            seed: 3,
            threads: Some(3),
            progress: true,
        }
    );
    let nothing = Settings::default().resolve(&m);
    assert_eq!(
        (nothing.trials, nothing.seed, nothing.threads),
        (20000, 3, None)
    );
}

#[test]
fn an_expect_block_sits_between_the_command_line_and_the_scenario() {
    let m = scenario();
    let block = |s: Settings| s.or(Some(60), Some(9)).resolve(&m);
    let open = block(Settings::default());
    assert_eq!((open.trials, open.seed), (60, 9));
    let asked = block(Settings {
        trials: Some(7),
        ..Settings::default()
    });
    assert_eq!((asked.trials, asked.seed), (7, 9));
}

/// A negative number reaches brink's own check (clap took `-5` for an option and said "use
/// `-- -5`", exit 2), and a value that is not a number is refused like `--seed abc`: exit 1,
/// brink's words, nothing on stdout.
#[test]
fn negative_and_non_numbers_get_brinks_message_and_exit_1() {
    let top = "help: give the number of inputs to show for each outcome, at least 1, or leave \
               --top out to show them all";
    let cases: [(&[&str], &str, String); 13] = [
        (
            &["run", PASSING],
            "--trials=-5",
            "error: --trials -5: use a number from 1 to 1000000000000".into(),
        ),
        (
            &["run", PASSING],
            "--trials=abc",
            "error: --trials `abc` is not a number of trials\nhelp: write a whole number from 1 \
             to 1000000000000, such as 10000, 1_000_000 or 1e6"
                .into(),
        ),
        (
            &["run", PASSING],
            "--seed=-1",
            "error: --seed `-1` is not a seed\nhelp: give a whole number from 0 to \
             18446744073709551615, or `random` to draw one"
                .into(),
        ),
        (
            &["run", PASSING],
            "--threads=-1",
            "error: --threads -1: give at least one thread (or leave it out for all cores)".into(),
        ),
        (
            &["test", PASSING],
            "--threads=abc",
            "error: --threads `abc` is not a number of threads\nhelp: give a whole number, at \
             least 1 (or leave it out for all cores)"
                .into(),
        ),
        (
            &["sensitivity", PASSING],
            "--top=-1",
            format!("error: --top -1: shows no input\n{top}"),
        ),
        // Values that would do nothing (QA: an empty table, a solver allowed no state).
        (
            &["sensitivity", PASSING],
            "--top=0",
            format!("error: --top 0: shows no input\n{top}"),
        ),
        (
            &["exact", PASSING],
            "--max-states=0",
            "error: --max-states 0: allows no state\nhelp: give the most distinct states \
             allowed in one step, at least 1 (default 1000000)"
                .into(),
        ),
        (
            &["trace", PASSING],
            "--trial=-1",
            "error: --trial -1: trials are numbered from 0".into(),
        ),
        (
            &["exact", PASSING],
            "--max-states=-1",
            "error: --max-states -1: allows no state\nhelp: give the most distinct states \
             allowed in one step, at least 1 (default 1000000)"
                .into(),
        ),
        (
            &["compare", PASSING, PASSING],
            "--precision=-0.1",
            "error: --precision -0.1: give a half-width between 0 and 0.5, neither included\n\
             help: a fraction: 0.005 is half a percentage point"
                .into(),
        ),
        (
            &["graph", PASSING, "--probabilities"],
            "--threads=-2",
            "error: --threads -2: give at least one thread (or leave it out for all cores)".into(),
        ),
        (
            &["run", PASSING, "--output", "part.json"],
            "--shard=-1/2",
            "error: --shard `-1/2` is not I/N\n\
             help: give the shard as I/N with 0 <= I < N (`--shard 0/4` is the first of four), \
             or `slurm` inside a Slurm job array"
                .into(),
        ),
    ];
    for (command, option, message) in cases {
        // Written as two words, as users type them: `--trials -5`.
        let (flag, value) = option.split_once('=').unwrap();
        let mut args = command.to_vec();
        args.extend([flag, value, "--quiet"]);
        if command[0] == "exact" || command[0] == "graph" {
            args.pop();
        }
        let (code, stdout, stderr) = brink(&args);
        let want = if flag == "--shard" { 2 } else { 1 };
        assert_eq!(code, Some(want), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end(), message, "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
    }
}

#[test]
fn an_option_given_where_the_shard_belongs_gets_the_hint() {
    // clap blames the stray `p.json`; the hint names the cause (`--shard` took `--output`).
    let (code, stdout, stderr) = brink(&["run", PASSING, "--shard", "--output", "p.json"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""), "{stderr}");
    assert!(
        stderr.ends_with(
            "help: `--shard` took `--output` as its value: give the shard first, `--shard I/N` \
             (such as 0/4) or `--shard slurm`\n"
        ),
        "{stderr}"
    );
}
