//! `brink test`: expectations judged against runs, exit codes, the closing count.

mod common;

use common::brink;

#[test]
fn passing_expectations_exit_zero_with_a_count() {
    let out = brink()
        .args(["test", "tests/expect/pass"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(stdout, "4 passed, 0 failed\n");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("PASS ")).count(), 4);
    // The `given` expectation reports how many trials it kept.
    assert!(stderr.contains("given `quiet` ("), "{stderr}");
}

#[test]
fn a_failing_expectation_and_a_broken_file_exit_one() {
    let out = brink()
        .args(["test", "tests/expect/fail", "--trials", "2000"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("FAIL tests/expect/fail/broken.toml: the file has errors"),
        "{stdout}"
    );
    assert!(
        stdout.contains("FAIL tests/expect/fail/failing.toml:38:1 outcome `struck`:"),
        "{stdout}"
    );
    assert!(stdout.ends_with("3 passed, 2 failed\n"), "{stdout}");
    // The broken file's own error is shown, located.
    assert!(stderr.contains("broken.toml:3:11"), "{stderr}");
}

#[test]
fn json_lists_every_expectation() {
    let out = brink()
        .args(["test", "tests/expect/pass", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["streams"], brink::engine::STREAM_VERSION);
    assert_eq!(v["passed"], 4);
    let exps = v["files"][0]["expectations"].as_array().unwrap();
    assert_eq!(exps.len(), 4);
    assert_eq!(exps[0]["trials"], 20000);
    assert_eq!(exps[1]["seed"], 11);
    assert_eq!(exps[2]["set"][0], "events.strike.probability=0.2");
}

#[test]
fn nothing_to_test_is_an_error() {
    let dir = std::env::temp_dir().join("brink_empty_test_dir");
    std::fs::create_dir_all(&dir).unwrap();
    let empty = brink().arg("test").arg(&dir).output().unwrap();
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no scenario files"));
}

#[test]
fn shipped_scenarios_pass_their_expectations() {
    let out = brink()
        .args(["test", "scenarios", "--quiet"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.ends_with(" 0 failed\n"), "{stdout}");
}
