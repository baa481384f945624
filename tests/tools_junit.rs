//! `brink test --format junit`: the XML is read back with a JUnit parser, as a CI system would,
//! and every expectation is found with its verdict and its numbers.

use std::collections::BTreeMap;

use assert_cmd::Command;
use junit_parser::{TestStatus, TestSuites};

fn brink() -> Command {
    Command::cargo_bin("brink").expect("the binary is built")
}

/// Runs `brink test tests/junit` with the extra arguments; returns (exit code, stdout).
fn run(extra: &[&str]) -> (Option<i32>, Vec<u8>) {
    let out = brink()
        .args(["test", "tests/junit", "--format", "junit", "--quiet"])
        .args(extra)
        .output()
        .unwrap();
    (out.status.code(), out.stdout)
}

fn parse(xml: &[u8]) -> TestSuites {
    junit_parser::from_reader(std::io::Cursor::new(xml)).expect("valid JUnit XML")
}

/// "failure", "error" or "success" for each test case, by name.
fn verdicts(suites: &TestSuites) -> BTreeMap<String, &'static str> {
    suites
        .suites
        .iter()
        .flat_map(|s| &s.cases)
        .map(|c| {
            let v = match c.status {
                TestStatus::Success => "success",
                TestStatus::Failure(_) => "failure",
                TestStatus::Error(_) => "error",
                TestStatus::Skipped(_) => "skipped",
            };
            (c.original_name.clone(), v)
        })
        .collect()
}

#[test]
fn every_expectation_is_a_test_case_with_its_verdict() {
    let (code, xml) = run(&[]);
    assert_eq!(code, Some(1), "a failing pin fails the command");
    let suites = parse(&xml);
    let names: Vec<&str> = suites.suites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "tests/junit/broken.toml",
            "tests/junit/fail.toml",
            "tests/junit/pass.toml"
        ]
    );
    let expected: BTreeMap<String, &str> = [
        ("tests/junit/broken.toml: load", "error"),
        ("tests/junit/fail.toml:27:1 outcome `quiet`", "success"),
        ("tests/junit/fail.toml:31:1 outcome `struck`", "failure"),
        ("tests/junit/fail.toml:38:1 outcome `struck`", "error"),
        ("tests/junit/pass.toml:26:1 outcome `struck`", "success"),
        ("tests/junit/pass.toml:30:1 event `strike`", "success"),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_string(), v))
    .collect();
    assert_eq!(verdicts(&suites), expected);
    assert_eq!((suites.tests, suites.failures, suites.errors), (6, 1, 2));
    for suite in &suites.suites {
        for case in &suite.cases {
            assert_eq!(case.classname.as_deref(), Some(suite.name.as_str()));
        }
    }
}

#[test]
fn a_failure_carries_the_estimate_the_bounds_the_trials_and_the_seed() {
    let (_, xml) = run(&[]);
    let suites = parse(&xml);
    let case = suites
        .suites
        .iter()
        .flat_map(|s| &s.cases)
        .find(|c| c.status.is_failure())
        .expect("one failure");
    let failure = case.status.failure_as_ref();
    let props = &case.properties.hashmap;
    let estimate: f64 = props["estimate"].parse().unwrap();
    // 1 - 0.8^10 = 0.8926, well outside the pinned [0.5, 0.6].
    assert!((estimate - 0.8926).abs() < 0.03, "{estimate}");
    assert_eq!(props["lo"], "0.5");
    assert_eq!(props["hi"], "0.6");
    assert_eq!(props["trials"], "5000");
    assert_eq!(props["seed"], "9");
    assert!(
        failure.message.contains("outside [0.5, 0.6]"),
        "{}",
        failure.message
    );
    for line in [
        format!("observed: {estimate}"),
        "expected: [0.5, 0.6]".into(),
        "trials: 5000".into(),
        "seed: 9".into(),
        "set: events.strike.probability=0.2".into(),
    ] {
        assert!(failure.text.contains(&line), "{line} in {}", failure.text);
    }
}

#[test]
fn trials_from_the_command_line_show_in_every_case() {
    let (_, xml) = run(&["--trials", "300"]);
    let suites = parse(&xml);
    let trials: Vec<&str> = suites
        .suites
        .iter()
        .flat_map(|s| &s.cases)
        .filter_map(|c| c.properties.hashmap.get("trials").map(String::as_str))
        .collect();
    assert_eq!(trials, ["300"; 5]);
}

#[test]
fn passing_pins_exit_zero_and_output_writes_the_same_bytes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.xml");
    let out = brink()
        .args([
            "test",
            "tests/junit/pass.toml",
            "--format",
            "junit",
            "--quiet",
        ])
        .arg("--output")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read(&path).unwrap();
    let stdout = brink()
        .args([
            "test",
            "tests/junit/pass.toml",
            "--format",
            "junit",
            "--quiet",
        ])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(written, stdout, "same inputs, same bytes");
    let suites = parse(&written);
    assert_eq!((suites.tests, suites.failures, suites.errors), (2, 0, 0));
}
