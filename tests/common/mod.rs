//! Helpers shared by the integration tests (each test file says `use crate::common;`):
//! - one way to run the binary ([`brink`], from the package root, without colour) and read what
//!   it printed ([`stdout`], [`ok`], [`failure`], [`json`]), and one check that any command
//!   succeeded ([`succeeded`]);
//! - one way to compare with expected output: insta snapshots, and expected files beside the
//!   inputs ([`expect_file`]), both rewritten by the one switch `INSTA_UPDATE=always`
//!   (see tests/README.md);
//! - builders for the engine tests ([`engine`]) and the exact solver's tests ([`exact`],
//!   [`naive`]);
//! - a watchdog for the tests that guard against hangs ([`guard`]).

pub mod engine;
pub mod exact;
pub mod guard;
pub mod naive;

use std::ffi::OsStr;
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The package root: every relative path in the tests starts here.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `brink` binary, run from the package root with colour off (output is compared as text).
pub fn brink() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("brink"));
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    cmd
}

/// `brink ARGS`: its exit code (none if killed), stdout and stderr, whatever the outcome.
pub fn outputs<S: AsRef<OsStr>>(args: &[S]) -> (Option<i32>, String, String) {
    let out = brink().args(args).output().expect("brink runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

/// The words of a command line, for arguments written as one string.
pub fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(String::from).collect()
}

/// The stdout of a finished command (brink or any other program) that must have succeeded.
/// If it did not, the test fails here, at the caller's line, showing the exit status, stderr
/// and whatever it printed on stdout.
#[track_caller]
pub fn succeeded(out: &Output) -> &str {
    assert!(
        out.status.success(),
        "the command failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    std::str::from_utf8(&out.stdout).expect("UTF-8 on stdout")
}

/// Stdout and stderr of a run that must succeed.
#[track_caller]
pub fn ok<S: AsRef<OsStr> + Debug>(args: &[S]) -> (String, String) {
    let out = brink().args(args).output().unwrap();
    if !out.status.success() {
        eprintln!("brink {args:?}");
    }
    (
        succeeded(&out).to_string(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Stdout of a run that must succeed.
#[track_caller]
pub fn stdout<S: AsRef<OsStr> + Debug>(args: &[S]) -> String {
    ok(args).0
}

/// Stdout of a run that must succeed, parsed as JSON.
#[track_caller]
pub fn json<S: AsRef<OsStr> + Debug>(args: &[S]) -> serde_json::Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

/// Stdout and stderr of a run that must exit with `code`.
pub fn exits<S: AsRef<OsStr> + Debug>(args: &[S], code: i32) -> (String, String) {
    let out = brink().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {out:?}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Stderr of a run that must exit with `code` and print nothing on stdout.
pub fn failure<S: AsRef<OsStr> + Debug>(args: &[S], code: i32) -> String {
    let out = brink().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {out:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

/// Whether this run rewrites expected output instead of comparing with it: insta's own switch,
/// `INSTA_UPDATE=always` (or `1`, or `force`), so that one variable blesses every kind.
pub fn bless() -> bool {
    matches!(
        std::env::var("INSTA_UPDATE").as_deref(),
        Ok("always" | "1" | "force")
    )
}

/// Compares `actual` with the file at `expected` (relative to the package root), or writes it
/// when blessing. Returns a description of the difference, if any.
pub fn expect_file(expected: &Path, actual: &str) -> Option<String> {
    let path = root().join(expected);
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    match std::fs::read_to_string(&path) {
        Ok(want) if want == actual => None,
        Ok(want) => Some(format!(
            "{} differs\n--- expected\n{want}\n--- actual\n{actual}",
            expected.display()
        )),
        Err(e) => Some(format!("{}: {e}\n--- actual\n{actual}", expected.display())),
    }
}

/// Fails with every difference found by [`expect_file`], and says how to bless them.
pub fn assert_no_differences(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{}\n(if the change is intended: INSTA_UPDATE=always cargo test, then read the diff)",
        failures.join("\n\n")
    );
}

/// Whether the tests run in CI (`.ci/run` sets `BRINK_CI=1`): there, a missing external tool is
/// a failure, elsewhere a note and a skip.
pub fn in_ci() -> bool {
    std::env::var_os("BRINK_CI").is_some()
}
