//! `brink test`: expectations judged against runs, exit codes, the closing count.

use crate::common;

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
    // The failure ran 2000 of the 20 000 trials its file asks for: said, since a range is set
    // for its own count (a quick `--trials` check fails pins that hold).
    assert!(
        stderr.ends_with(
            "note: 1 failed expectation ran --trials 2000, fewer than it asks for; a range is set \
             for its own trial count: rerun without --trials to test as written\n"
        ),
        "{stderr}"
    );
    let out = brink()
        .args(["test", "tests/expect/fail", "--trials", "20000"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr.contains("note:"), "{stderr}");
}

/// An expectation whose `given` no reachable state makes true (`tension` stays within 0..10)
/// fails at once with why, instead of running its trials to keep none.
#[test]
fn an_expectation_whose_given_can_never_hold_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pins.toml");
    std::fs::write(
        &file,
        r#"
[scenario]
name = "Pins"
horizon = 12
format = 2

[[actors]]
id = "russia"
name = "Russia"

[flags]
war = false

[variables]
tension = { initial = 2, min = 0, max = 10 }

[[events]]
id = "escalate"
actor = "russia"
probability = 0.3
set = ["war"]
add = { tension = 1 }

[[outcomes]]
id = "war_out"
when = "war"

[[outcomes]]
id = "status_quo"

[[expect]]
outcome = "war_out"
given = "tension > 10"
probability = [0.1, 0.9]
"#,
    )
    .unwrap();
    let out = brink().arg("test").arg(&file).output().unwrap();
    let (stdout, stderr) = (String::from_utf8(out.stdout), String::from_utf8(out.stderr));
    let (stdout, stderr) = (stdout.unwrap(), stderr.unwrap());
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let verdict = format!(
        "FAIL {}:31:1 outcome `war_out`: not judged in [0.1, 0.9]? (10000 trials, seed 0, given \
         `tension > 10` (0 kept))\n",
        file.display()
    );
    assert_eq!(stdout, format!("{verdict}0 passed, 1 failed\n"));
    assert_eq!(
        stderr,
        format!(
            "{verdict}     `given` can never hold: no state the scenario can reach makes it \
             true, so no trial would be kept\n"
        )
    );
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
fn json_gives_a_broken_files_errors_one_by_one() {
    let (code, stdout, _) =
        common::outputs(&["test", "tests/expect/fail/broken.toml", "--format", "json"]);
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["expectations"], serde_json::json!([]));
    // The same records as `check --format json` (less `checked`), in file order.
    let horizon = serde_json::json!({
        "file": "tests/expect/fail/broken.toml",
        "line": 3, "column": 11, "end_line": 3, "end_column": 12,
        "severity": "error",
        "message": "`horizon` must be between 1 and 100000, found 0",
        "label": "out of range",
        "help": "use a value between 1 and 100000",
        "notes": [],
        "related": [],
    });
    let diagnostics = file["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2, "{stdout}");
    assert_eq!(diagnostics[0]["message"], "the scenario has no outcomes");
    assert_eq!(diagnostics[1], horizon);
    // The rendered text is still there for a person, without colour.
    let error = file["error"].as_str().unwrap();
    assert!(error.ends_with("refused: 2 errors\n"), "{error}");
}

#[test]
fn a_files_warnings_are_shown_and_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plural.toml");
    let text = std::fs::read_to_string("tests/warn/time_unit_plural.toml").unwrap();
    std::fs::write(
        &path,
        text + "\n[[expect]]\noutcome = \"quiet\"\nprobability = [0, 1]\n",
    )
    .unwrap();
    let out = brink()
        .arg("test")
        .arg(&path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: `time_unit` names one step, not several"),
        "{stderr}"
    );
    assert!(stderr.contains("\nPASS "), "{stderr}");
    // `--quiet` keeps stderr for what failed.
    let quiet = brink()
        .arg("test")
        .arg(&path)
        .arg("--quiet")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(quiet.stderr).unwrap(), "");
    let json = brink()
        .arg("test")
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let diagnostics = v["files"][0]["diagnostics"].as_array().unwrap();
    let severities: Vec<_> = diagnostics.iter().map(|d| d["severity"].clone()).collect();
    assert_eq!(severities, ["warning", "warning"]);
    assert_eq!(v["files"][0]["error"], serde_json::Value::Null);
    assert_eq!(v["passed"], 1);
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
