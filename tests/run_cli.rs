//! The command line of `run` and `trace`: exit codes, formats, files, reproducibility.

use crate::common;

use std::path::{Path, PathBuf};

use common::{brink, failure, json, ok};

const SCENARIO: &str = r#"
[scenario]
name = "Small escalation"
horizon = 6
start = "2025-11"

[scenario.run]
trials = 3000
seed = 4

[[actors]]
id = "red"
name = "Red"

[flags]
mobilised = false

[variables]
tension = { initial = 2, min = 0, max = 10 }

[[events]]
id = "mobilise"
actor = "red"
probability = 0.3
set = ["mobilised"]
add = { tension = 3 }

[[events]]
id = "incident"
actor = "red"
when = "mobilised"
probability = { uniform = [0.2, 0.6] }
repeat = true
branches = [
  { weight = 3, label = "contained", add = { tension = 1 } },
  { weight = 1, label = "shots fired", add = { tension = 3 } },
]

[[outcomes]]
id = "war"
when = "tension >= 9"

[[outcomes]]
id = "calm"
"#;

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("small.toml"), SCENARIO).unwrap();
        Fixture { dir }
    }

    fn file(&self) -> String {
        self.path("small.toml").display().to_string()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

#[test]
fn run_uses_the_scenarios_trials_and_seed_unless_told_otherwise() {
    let f = Fixture::new();
    let v = json(&["run", &f.file(), "--format", "json", "--quiet"]);
    assert_eq!(v["trials"], 3000);
    assert_eq!(v["seed"], 4);
    let v = json(&[
        "run",
        &f.file(),
        "--format",
        "json",
        "--trials",
        "500",
        "--seed",
        "9",
    ]);
    assert_eq!(v["trials"], 500);
    assert_eq!(v["seed"], 9);
    let count = outcome_count_sum(&v);
    assert_eq!(count, 500);
}

#[test]
fn run_output_is_the_same_for_any_thread_count() {
    let f = Fixture::new();
    let run = |threads: &str| {
        ok(&[
            "run",
            &f.file(),
            "--format",
            "json",
            "--trials",
            "20000",
            "--threads",
            threads,
        ])
        .0
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
    let csv = |threads: &str| ok(&["run", &f.file(), "--format", "csv", "--threads", threads]).0;
    assert_eq!(csv("1"), csv("3"));
}

#[test]
fn every_format_renders() {
    let f = Fixture::new();
    let table = ok(&["run", &f.file()]).0;
    assert!(table.starts_with("Small escalation\n"), "{table}");
    assert!(table.contains("trials/s"), "the table shows timings");
    assert!(table.contains("2026-"), "calendar months");
    let md = ok(&["run", &f.file(), "--format", "markdown"]).0;
    assert!(md.starts_with("# Small escalation\n"));
    assert!(!md.contains("trials/s"), "no timings in a handout");
    let csv = ok(&["run", &f.file(), "--format", "csv"]).0;
    assert!(csv.starts_with("section,id,metric,step,value\n"));
}

#[test]
fn output_goes_to_a_file_atomically_and_not_to_stdout() {
    let f = Fixture::new();
    let target = f.path("report.json");
    let target_s = target.display().to_string();
    let (stdout, _) = ok(&["run", &f.file(), "--format", "json", "--output", &target_s]);
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, ok(&["run", &f.file(), "--format", "json"]).0);
    // Nothing else is left in the folder (no temporary file).
    let names: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let err = failure(
        &[
            "run",
            &f.file(),
            "--output",
            &f.path("no/such/folder/r.txt").display().to_string(),
        ],
        1,
    );
    assert!(err.contains("cannot write"), "{err}");
}

#[test]
fn given_reports_conditional_probabilities_and_the_kept_count() {
    let f = Fixture::new();
    let v = json(&[
        "run",
        &f.file(),
        "--format",
        "json",
        "--given",
        "war or mobilise",
    ]);
    let kept = v["given"]["kept"].as_u64().unwrap();
    assert_eq!(v["given"]["expr"], "war or mobilise");
    assert!(kept > 0 && kept < 3000);
    assert_eq!(v["trials"], 3000);
    let counts = outcome_count_sum(&v);
    assert_eq!(counts, kept);
    assert_eq!(
        v["events"][0]["probability"], 1.0,
        "every kept trial mobilised"
    );
}

#[test]
fn given_that_keeps_nothing_or_does_not_fit_is_an_error() {
    let f = Fixture::new();
    // A contradiction the bounds of the names cannot show: every trial runs, and none is kept.
    let never = "mobilised and not mobilised";
    let err = failure(&["run", &f.file(), "--given", never], 1);
    assert_eq!(
        err,
        format!(
            "error: no trial satisfied --given `{never}` (0 of 3000 trials kept)\n\
             help: check the condition, or run more trials\n"
        )
    );
    let err = failure(&["run", &f.file(), "--given", "warr"], 1);
    assert!(err.contains("warr"), "{err}");
    let err = failure(&["trace", &f.file(), "--given", "tension +"], 1);
    assert!(err.contains("--given"), "{err}");
}

/// A `--given` that no reachable state makes true (`tension` stays within 0..10) is refused
/// before any trial runs, by every command that takes one.
#[test]
fn given_that_can_never_hold_is_refused_before_running() {
    let f = Fixture::new();
    let expected = "\
error: `--given` can never hold
  ┌─ --given:1:1
  │
1 │ tension > 10
  │ ^^^^^^^^^^^^ no reachable state of the scenario makes this true
  │
  = help: no trial would be kept, however many ran; check the names and numbers in it
";
    let file = f.file();
    for command in [
        vec!["run", file.as_str()],
        vec!["trace", file.as_str()],
        vec!["compare", file.as_str(), file.as_str()],
    ] {
        let mut args = command.clone();
        args.extend(["--given", "tension > 10"]);
        assert_eq!(failure(&args, 1), expected, "{command:?}");
    }
    // Only outside its reach: a value the events can bring it to is kept as ever.
    ok(&["run", &file, "--given", "tension >= 10"]);
    // An outcome's id holds only in a trial that can end in it: `big_war` is shadowed.
    let shadowed = "tests/warn/outcome_shadowed_at_the_horizon.toml";
    let err = failure(&["run", shadowed, "--given", "big_war", "--quiet"], 1);
    let expected = "\
error: `--given` can never hold
  ┌─ --given:1:1
  │
1 │ big_war
  │ ^^^^^^^ no reachable state of the scenario makes this true
  │
  = help: no trial would be kept, however many ran; check the names and numbers in it
";
    assert_eq!(err, expected);
    ok(&["run", shadowed, "--given", "not big_war", "--quiet"]);
}

#[test]
fn bad_options_and_files_are_errors() {
    let f = Fixture::new();
    let file = f.file();
    for args in [
        vec!["--trials", "0"],
        vec!["--seed", "minus one"],
        vec!["--threads", "0"],
        vec!["--set", "events.nope.probability=0.5"],
    ] {
        let mut all = vec!["run", file.as_str()];
        all.extend(args.iter());
        let err = failure(&all, 1);
        assert!(err.starts_with("error"), "{all:?}: {err}");
    }
    let err = failure(&["run", &f.path("missing.toml").display().to_string()], 1);
    assert!(err.contains("missing.toml"), "{err}");
    let out = brink().args(["run"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "no file: a command-line error");
}

#[test]
fn a_random_seed_is_printed_and_used() {
    let f = Fixture::new();
    let (out, err) = ok(&["run", &f.file(), "--format", "json", "--seed", "random"]);
    let seed: u64 = err
        .lines()
        .find_map(|l| l.strip_prefix("seed: "))
        .expect("the seed on stderr")
        .parse()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["seed"], seed);
    let again = ok(&[
        "run",
        &f.file(),
        "--format",
        "json",
        "--seed",
        &seed.to_string(),
    ])
    .0;
    assert_eq!(
        again, out,
        "rerunning with the printed seed reproduces the run"
    );
}

#[test]
fn set_overrides_show_in_the_report_and_the_digest() {
    let f = Fixture::new();
    let plain = json(&["run", &f.file(), "--format", "json"]);
    let set = json(&[
        "run",
        &f.file(),
        "--format",
        "json",
        "--set",
        "events.mobilise.probability=1",
    ]);
    assert_eq!(set["overrides"][0], "events.mobilise.probability=1");
    assert_ne!(set["scenario"]["digest"], plain["scenario"]["digest"]);
    assert_eq!(set["events"][0]["probability"], 1.0);
}

#[test]
fn trace_tells_trial_k_of_the_run() {
    let f = Fixture::new();
    // Trial k's outcome, from runs of k and k + 1 trials.
    let outcome_of = |k: u64| -> String {
        let count = |n: u64| -> Vec<u64> {
            if n == 0 {
                return vec![0, 0];
            }
            let v = json(&[
                "run",
                &f.file(),
                "--format",
                "json",
                "--trials",
                &n.to_string(),
            ]);
            v["outcomes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["count"].as_u64().unwrap())
                .collect()
        };
        let (a, b) = (count(k), count(k + 1));
        let i = (0..2).find(|&i| b[i] != a[i]).unwrap();
        ["war", "calm"][i].to_string()
    };
    for k in [0u64, 1, 7] {
        let v = json(&[
            "trace",
            &f.file(),
            "--trial",
            &k.to_string(),
            "--format",
            "json",
        ]);
        assert_eq!(v["trial"], k);
        assert_eq!(v["seed"], 4);
        assert_eq!(
            v["end"]["outcome"].as_str().unwrap(),
            outcome_of(k),
            "trial {k}"
        );
    }
    let text = ok(&["trace", &f.file(), "--trial", "2"]).0;
    assert!(
        text.starts_with("Small escalation: trial 2 with seed 4\n"),
        "{text}"
    );
    assert!(text.contains("Outcome"), "{text}");
}

/// A variable set to `-y` where `y` is 0 holds -0, which equals 0: the story says 0, not "-0",
/// in its text and its JSON (both did).
#[test]
fn trace_shows_a_negative_zero_as_zero() {
    let f = Fixture::new();
    let file = f.path("zero.toml");
    std::fs::write(
        &file,
        r#"[scenario]
name = "Zero"
horizon = 2
format = 2

[variables]
debt = { initial = 0, min = -10, max = 10 }
balance = { initial = 5, min = -10, max = 10 }

[[actors]]
id = "bank"
name = "Bank"

[[events]]
id = "settle"
actor = "bank"
probability = 1
when = "balance > 0"
assign = { balance = "-debt" }

[[outcomes]]
id = "other"
"#,
    )
    .unwrap();
    let (text, _) = ok(&["trace", &file.display().to_string(), "--trial", "0"]);
    assert!(text.contains("balance: 5 → 0\n"), "{text}");
    // (Not "-0" anywhere: the file's path, in the header, could hold one.)
    assert!(!text.contains("→ -0") && !text.contains(": -0"), "{text}");
    // The JSON story too: the change and the final value as 0.0, not -0.0.
    let (json, _) = ok(&[
        "trace",
        &file.display().to_string(),
        "--trial",
        "0",
        "--format",
        "json",
    ]);
    assert!(json.contains("\"new\": 0.0"), "{json}");
    assert!(json.contains("\"balance\": 0.0"), "{json}");
    assert!(!json.contains("-0.0"), "{json}");
}

#[test]
fn trace_writes_a_file_too() {
    let f = Fixture::new();
    let target = f.path("story.md");
    let target_s = target.display().to_string();
    let (out, _) = ok(&[
        "trace",
        &f.file(),
        "--format",
        "markdown",
        "--output",
        &target_s,
    ]);
    assert!(out.is_empty());
    assert!(
        std::fs::read_to_string(Path::new(&target))
            .unwrap()
            .starts_with("# Small")
    );
}

/// The sum of the outcome counts of a JSON run report.
fn outcome_count_sum(v: &serde_json::Value) -> u64 {
    v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["count"].as_u64().unwrap())
        .sum()
}

/// The one check the tests make that a command succeeded: it passes a success through with its
/// stdout, and fails the test on a failure, showing the command's stderr.
#[test]
fn succeeded_passes_stdout_and_fails_on_a_failed_command() {
    let out = brink()
        .args(["check", "no/such/file.toml"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let caught = std::panic::catch_unwind(|| common::succeeded(&out).to_string());
    let message = caught.expect_err("a failed command fails the test");
    let message = message.downcast_ref::<String>().expect("a message");
    assert!(message.contains("no/such/file.toml"), "{message}");
    let out = brink().arg("--version").output().unwrap();
    assert!(common::succeeded(&out).starts_with("brink "));
}

/// A folder where a scenario file belongs: the error names one of its scenarios to give
/// instead (`check` and `test` take folders, `run` one file).
#[test]
fn a_folder_is_refused_with_a_file_to_name_instead() {
    let err = failure(&["run", "tests/scenarios"], 1);
    assert!(
        err.contains("error: `tests/scenarios` is a folder, not a scenario file\n")
            && err.contains(
                " = help: name one scenario file in it, such as \
                 `tests/scenarios/analysis_chain.toml` ("
            ),
        "{err}"
    );
    let empty = tempfile::tempdir().unwrap();
    let err = failure(&[Path::new("run"), empty.path()], 1);
    assert!(
        err.contains(" = help: name a scenario file (`.toml`); this folder has none\n"),
        "{err}"
    );
}

/// `--trials` takes a million as people write it; anything else is refused (exit 1, as `--seed
/// abc`) with the forms it takes.
#[test]
fn trials_are_read_as_people_write_them() {
    let f = Fixture::new();
    let file = &f.file();
    let run = |trials: &str| json(&["run", file, "--trials", trials, "--format", "json"]);
    let plain = run("2000");
    assert_eq!(plain["trials"], 2000);
    for form in ["2_000", "2e3", "2.0E3"] {
        assert_eq!(run(form), plain, "--trials {form}");
    }
    let err = failure(&["run", file, "--trials", "1.5e0"], 1);
    assert_eq!(
        err,
        "error: --trials `1.5e0` is not a number of trials\nhelp: write a whole number from 1 \
         to 1000000000000, such as 10000, 1_000_000 or 1e6\n"
    );
}
