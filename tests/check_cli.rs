//! `brink check` as a user runs it: exit codes, the per-file summary, and the JSON shape.

use crate::common;

use common::{brink, exits};

#[test]
fn clean_files_exit_zero_with_a_summary() {
    let (out, err) = exits(
        &["check", "tests/good/full.toml", "tests/good/extends.toml"],
        0,
    );
    assert_eq!(
        out,
        "tests/good/full.toml: ok\ntests/good/extends.toml: ok\n"
    );
    assert!(err.is_empty());
}

#[test]
fn warnings_alone_exit_zero() {
    let (out, err) = exits(&["check", "tests/warn/unread_flag_and_variable.toml"], 0);
    assert_eq!(
        out,
        "tests/warn/unread_flag_and_variable.toml: ok, 2 warnings\n"
    );
    let expected =
        std::fs::read_to_string("tests/warn/unread_flag_and_variable.stderr").expect("expected");
    assert_eq!(err, expected);
}

/// "What if the arms were sent from the start?" as `--set flags.arms_sent=true`: the event that
/// sends them can then never fire. The warnings say the command line brought them, not "fix its
/// condition"; warnings the file gets anyway, and those about the `--set` text itself, keep
/// their help.
#[test]
fn warnings_that_only_the_command_line_brings_say_so() {
    let from_set = "= help: nothing to change if that is what you meant: the values set on the \
                    command line bring this warning (the file alone does not get it)";
    let file = "tests/good/what_if_flag.toml";
    let (out, err) = exits(&["check", file, "--set", "flags.arms_sent=true"], 0);
    assert_eq!(out, format!("{file}: ok, 3 warnings\n"));
    for headline in [
        "warning: milestone `send_arms` can never fire",
        "warning: event `send_arms` can never become eligible",
        "warning: terminal outcome `armed` holds at step 0",
    ] {
        assert!(err.contains(headline), "{headline}\n{err}");
    }
    assert_eq!(err.matches(from_set).count(), 3, "{err}");
    assert!(!err.contains("fix its condition"), "{err}");

    // A variant's base warning brought by the command line, not by the variant: the command
    // line's help, not "this file's changes bring this warning".
    let file = "tests/good/variant_renamed.toml";
    let (_, err) = exits(&["check", file, "--set", "events.escalate.when=not war"], 0);
    assert!(
        err.contains("warning: variable `tension` is never read"),
        "{err}"
    );
    assert_eq!(err.matches(from_set).count(), 1, "{err}");
    assert!(!err.contains("this file's changes"), "{err}");

    // The file's own warnings, unchanged by an unrelated value.
    let file = "tests/warn/param_never_read.toml";
    let (_, err) = exits(
        &["check", file, "--set", "events.escalate.probability=0.4"],
        0,
    );
    let expected = std::fs::read_to_string("tests/warn/param_never_read.stderr").unwrap();
    assert_eq!(err, expected);

    // A warning about the `--set` text keeps the fix for that text.
    let file = "tests/warn/number_expression_may_leave_range.toml";
    let set = "events.calm.probability=\"0.3 * tension\"";
    let (_, err) = exits(&["check", file, "--set", set], 0);
    assert!(!err.contains(from_set), "{err}");
    assert!(
        err.contains(
            "warning: the probability of event `calm` may be outside [0, 1]\n  ┌─ --set:1:25"
        ),
        "{err}"
    );
}

#[test]
fn any_error_exits_one_and_every_file_is_checked() {
    let (out, err) = exits(
        &[
            "check",
            "tests/bad/unknown_actor.toml",
            "tests/good/chain.toml",
            "tests/bad/missing_required_keys.toml",
        ],
        1,
    );
    assert_eq!(
        out,
        "tests/bad/unknown_actor.toml: 1 error\ntests/good/chain.toml: ok\ntests/bad/missing_required_keys.toml: 3 errors\n"
    );
    let expected = std::fs::read_to_string("tests/bad/unknown_actor.stderr").expect("expected")
        + &std::fs::read_to_string("tests/bad/missing_required_keys.stderr").expect("expected");
    assert_eq!(err, expected);
}

#[test]
fn missing_file_exits_one() {
    brink()
        .args(["check", "tests/no_such_file.toml"])
        .assert()
        .code(1);
}

/// Regression: `eprint!` panicked (exit 101) when stderr was a pipe closed early
/// (`brink check x.toml 2>&1 | head -1`); the diagnostics are then the reader's loss, not a crash.
#[test]
fn a_closed_stderr_is_not_a_crash() {
    use std::process::Stdio;
    // Far more than a pipe's buffer, so that the writes go on after the reader has gone.
    let files = vec!["tests/bad/actor_is_a_flag.toml"; 2000];
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("brink"))
        .current_dir(common::root())
        .env("NO_COLOR", "1")
        .arg("check")
        .args(&files)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("brink starts");
    drop(child.stderr.take());
    let status = child.wait().expect("brink ends");
    assert_eq!(status.code(), Some(1), "errors found: exit 1, not a panic");
}

#[test]
fn no_files_is_a_usage_error() {
    brink().args(["check"]).assert().code(2);
}

#[test]
fn json_lists_every_diagnostic() {
    let (out, err) = exits(
        &[
            "check",
            "--format",
            "json",
            "tests/bad/add_and_assign_same_variable.toml",
            "tests/warn/actor_without_events.toml",
        ],
        1,
    );
    assert!(err.is_empty());
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!([
            {
                "checked": "tests/bad/add_and_assign_same_variable.toml",
                "file": "tests/bad/add_and_assign_same_variable.toml",
                "line": 22, "column": 12, "end_line": 22, "end_column": 19,
                "severity": "error",
                "message": "event `escalate` both adds to and assigns variable `tension`",
                "label": "assigned here",
                "help": "the assign would overwrite the add; keep one",
                "notes": [],
                "related": [{
                    "file": "tests/bad/add_and_assign_same_variable.toml",
                    "line": 21, "column": 9, "end_line": 21, "end_column": 16,
                    "label": "added to here"
                }]
            },
            {
                "checked": "tests/warn/actor_without_events.toml",
                "file": "tests/warn/actor_without_events.toml",
                "line": 10, "column": 6, "end_line": 10, "end_column": 13,
                "severity": "warning",
                "message": "actor `china` has no events",
                "label": "no event names this actor",
                "help": "give it an event (`actor = \"...\"`), or remove it",
                "notes": [],
                "related": []
            }
        ])
    );
}

#[test]
fn json_for_a_missing_file_has_no_location() {
    let (out, _) = exits(&["check", "--format", "json", "tests/none.toml"], 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v[0]["file"], serde_json::Value::Null);
    assert_eq!(v[0]["severity"], "error");
    assert_eq!(
        v[0]["message"],
        "cannot read `tests/none.toml`: no such file"
    );
}

/// A path that names no file gets the file it most likely meant, in the words a student needs.
#[test]
fn a_missing_file_names_the_file_meant() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::fs::read_to_string("tests/bad/unknown_top_key.toml").unwrap();
    std::fs::write(dir.path().join("mine.toml.txt"), &scenario).unwrap();
    std::fs::write(dir.path().join("baseline.toml"), &scenario).unwrap();
    let help = |arg: &str| {
        let out = brink()
            .current_dir(dir.path())
            .args(["check", arg])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{arg}");
        let err = String::from_utf8(out.stderr).unwrap();
        let line = err.lines().find(|l| l.contains("help:")).unwrap_or("");
        line.split_once("help: ").map_or("", |(_, h)| h).to_string()
    };
    assert_eq!(
        help("mine.toml"),
        "the file is saved as `mine.toml.txt`: rename it to `mine.toml` (your file browser may \
         hide the `.txt`)"
    );
    assert_eq!(help("basline.toml"), "did you mean `baseline.toml`?");
    assert_eq!(help("baseline"), "did you mean `baseline.toml`?");
    assert_eq!(help("./Baseline.toml"), "did you mean `./baseline.toml`?");
    assert_eq!(
        help("scenario/baseline.toml"),
        "there is no folder `scenario` here; check the path"
    );
    assert!(help("zzz.toml").starts_with("check the path; a relative path starts"));
    // A file in a folder below the one written: that one.
    std::fs::create_dir(dir.path().join("scenarios")).unwrap();
    std::fs::write(dir.path().join("scenarios/found.toml"), &scenario).unwrap();
    assert_eq!(help("found.toml"), "did you mean `scenarios/found.toml`?");
    // A base named by `extends` is named as `extends` would write it, beside its file.
    std::fs::write(dir.path().join("ext.toml"), "extends = \"basline.toml\"\n").unwrap();
    std::fs::write(
        dir.path().join("sub.toml"),
        "extends = \"sub/baseline.toml\"\n",
    )
    .unwrap();
    assert_eq!(help("ext.toml"), "did you mean `baseline.toml`?");
    // A base beside the file (or a folder up), named with folders that are not there.
    let from_own_folder = "a path in `extends` starts from the folder of the file that names it";
    assert_eq!(
        help("sub.toml"),
        format!("{from_own_folder}: write `extends = \"baseline.toml\"`")
    );
    std::fs::write(
        dir.path().join("scenarios/variant.toml"),
        "extends = \"baseline.toml\"\n",
    )
    .unwrap();
    assert_eq!(
        help("scenarios/variant.toml"),
        format!("{from_own_folder}: write `extends = \"../baseline.toml\"`")
    );
    std::fs::write(dir.path().join("sub2.toml"), "extends = \"sub/zzz.toml\"\n").unwrap();
    assert_eq!(
        help("sub2.toml"),
        "there is no folder `sub` beside this file; check the path"
    );
}

#[test]
fn overrides_are_checked_as_run_applies_them() {
    // A student checks an override before a long run: the same located error `run` gives.
    let (out, err) = exits(
        &[
            "check",
            "tests/good/chain.toml",
            "--set",
            "events.opens.probability=1.5",
        ],
        1,
    );
    assert_eq!(out, "tests/good/chain.toml: 1 error\n");
    assert_eq!(
        err,
        "error: `probability` must be between 0 and 1, found 1.5\n  ┌─ --set:1:26\n  │\n1 │ \
         events.opens.probability=1.5\n  │                          ^^^ not a probability\n  │\n  \
         = help: use a number in [0, 1], or a distribution such as `{ uniform = [0.1, 0.3] }`\n\n"
    );
    let run = brink()
        .args([
            "run",
            "tests/good/chain.toml",
            "--set",
            "events.opens.probability=1.5",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&run.stderr).starts_with(&err));
    // A valid override checks clean; it applies to every file named.
    let (out, _) = exits(
        &[
            "check",
            "tests/good/chain.toml",
            "--set",
            "events.opens.probability=0.25",
        ],
        0,
    );
    assert_eq!(out, "tests/good/chain.toml: ok\n");
    let (out, err) = exits(
        &[
            "check",
            "tests/good/chain.toml",
            "tests/good/full.toml",
            "--set",
            "events.opens.probability=0.25",
        ],
        1,
    );
    assert_eq!(
        out,
        "tests/good/chain.toml: ok\ntests/good/full.toml: 1 error\n"
    );
    assert!(err.contains("unknown event `opens`"), "{err}");
}

#[test]
fn the_summary_lines_count_the_errors_not_shown() {
    // `check` and `run` said "500 errors" of a file with 601: the count of those shown. (601
    // unknown actors of different names: those of one name are one error.)
    let dir = tempfile::tempdir().unwrap();
    let events: String = (0..601)
        .map(|i| format!("[[events]]\nid = \"e{i}\"\nactor = \"nobody{i}\"\nprobability = 0.1\n"))
        .collect();
    let text = format!(
        "[scenario]\nname = \"x\"\nhorizon = 3\n\n[[actors]]\nid = \"a\"\nname = \"A\"\n\
         {events}\n[[outcomes]]\nid = \"rest\"\n"
    );
    std::fs::write(dir.path().join("many.toml"), text).unwrap();
    let in_dir = |args: &[&str]| brink().current_dir(dir.path()).args(args).output().unwrap();
    let check = in_dir(&["check", "many.toml"]);
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(stdout, "many.toml: 601 errors (500 shown)\n");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("= 101 more errors not shown"), "{stderr}");
    // JSON tells a program too: the last record carries the note the terminal shows under it.
    let json = in_dir(&["check", "--format", "json", "many.toml"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let records = v.as_array().expect("an array");
    assert_eq!(records.len(), 500);
    assert_eq!(
        records[499]["notes"],
        serde_json::json!(["101 more errors not shown: fix these first"])
    );
    assert!(
        records[..499]
            .iter()
            .all(|r| r["notes"] == serde_json::json!([]))
    );
    let run = in_dir(&["run", "many.toml"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.ends_with("error: many.toml refused: 601 errors (500 shown)\n"),
        "{stderr}"
    );
}

/// A variant whose `extends` line is gone is told so once, with the base it most likely meant:
/// `baseline.toml` beside it, else the only whole scenario there, else a placeholder.
#[test]
fn a_variant_without_extends_names_its_likely_base() {
    let dir = tempfile::tempdir().unwrap();
    let variant =
        "[scenario]\nname = \"A variant\"\n\n[set]\n\"events.escalate.probability\" = 0.5\n";
    std::fs::write(dir.path().join("variant.toml"), variant).unwrap();
    let help = || {
        let out = brink()
            .current_dir(dir.path())
            .args(["check", "variant.toml"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.matches("error:").count(), 1, "{err}");
        let line = err.lines().find(|l| l.contains("help:")).unwrap_or("");
        line.split_once("help: ").map_or("", |(_, h)| h).to_string()
    };
    let named = |base: &str| {
        format!("name the file it builds on above `[scenario]`: `extends = \"{base}\"`")
    };
    assert_eq!(help(), named("base.toml"));
    let whole = std::fs::read_to_string("tests/bad/bases/base.toml").unwrap();
    std::fs::write(dir.path().join("russia.toml"), &whole).unwrap();
    // Another variant beside it, outcomes of its own or not, is no base.
    let other = format!("extends = \"russia.toml\"\n{whole}");
    std::fs::write(dir.path().join("other.toml"), other).unwrap();
    assert_eq!(help(), named("russia.toml"));
    std::fs::write(dir.path().join("second.toml"), &whole).unwrap();
    assert_eq!(help(), named("base.toml"));
    std::fs::write(dir.path().join("baseline.toml"), &whole).unwrap();
    assert_eq!(help(), named("baseline.toml"));
}

#[test]
fn a_variant_with_events_of_its_own_that_lost_its_extends_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read_to_string("tests/bad/bases/base.toml").unwrap();
    std::fs::write(dir.path().join("baseline.toml"), &whole).unwrap();
    // An event of its own reading the base's flag and actor, and a change of the base: alone,
    // no horizon, no outcomes, an unknown actor and flag, an unknown path.
    let variant = "[scenario]\nname = \"Talks\"\n\n[[events]]\nid = \"talks\"\nactor = \
                   \"russia\"\nprobability = 0.1\nwhen = \"war\"\n\n[set]\n\
                   \"events.escalate.probability\" = 0.5\n";
    std::fs::write(dir.path().join("talks.toml"), variant).unwrap();
    let check = |file: &str| {
        let out = brink()
            .current_dir(dir.path())
            .args(["check", file])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stderr).unwrap()
    };
    let err = check("talks.toml");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(
        err.contains(
            "error: this file reads as a variant of `baseline.toml`, but has no `extends`"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "help: write `extends = \"baseline.toml\"` at the top of the file: with it, the \
             file checks without an error"
        ),
        "{err}"
    );
    // With a horizon of its own it is a whole scenario: its errors are its own.
    let whole_one = variant.replace("name = \"Talks\"\n", "name = \"Talks\"\nhorizon = 12\n");
    std::fs::write(dir.path().join("whole.toml"), whole_one).unwrap();
    let err = check("whole.toml");
    assert!(!err.contains("reads as a variant"), "{err}");
    assert!(err.matches("error:").count() > 1, "{err}");
}
