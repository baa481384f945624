//! One validated set of sampling settings for every simulating command: `--trials`, `--seed`
//! and `--threads` are checked by the same rule with the same message whatever the command, and
//! "the command line, else the scenario" is decided in one place.

mod common;

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
