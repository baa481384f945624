//! `-` read from a terminal says what brink waits for (it waited without a word); read from a
//! pipe or a file, it says nothing. The terminal is `script`'s (util-linux), whose input here is
//! empty, so the command ends at once, as after Ctrl-D.
#![cfg(unix)]

use crate::common;

use std::process::{Command, Stdio};

const PROMPT: &str = "brink: reading `-` from the terminal: paste or type the text, then press \
                      Ctrl-D at the start of a line (Ctrl-C stops)";

/// What `args` print when run under a terminal with an empty input, or `None` (with a note)
/// when `script` is not installed outside CI.
fn at_a_terminal(args: &str) -> Option<String> {
    let found = Command::new("script").arg("--version").output().is_ok();
    if !found {
        assert!(
            !common::in_ci(),
            "`script` (util-linux) is missing: install bsdutils"
        );
        eprintln!("skipping: `script` is not installed (Debian: apt install bsdutils)");
        return None;
    }
    let command = format!("'{}' {args}", env!("CARGO_BIN_EXE_brink"));
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn reading_a_scenario_from_a_terminal_says_so() {
    let Some(out) = at_a_terminal("run -") else {
        return;
    };
    assert!(out.contains(PROMPT), "{out}");
    // Then the empty text's own error.
    assert!(out.contains("refused: 1 error"), "{out}");
}

#[test]
fn reading_a_part_from_a_terminal_says_so() {
    let Some(out) = at_a_terminal("merge -") else {
        return;
    };
    assert!(out.contains(PROMPT), "{out}");
    assert!(out.contains("not a complete partial result"), "{out}");
}

#[test]
fn a_file_argument_at_a_terminal_is_not_announced() {
    let Some(out) = at_a_terminal("check no-such-file.toml") else {
        return;
    };
    assert!(!out.contains("reading `-`"), "{out}");
}

#[test]
fn standard_input_from_a_pipe_is_read_without_a_word() {
    // The tests' standard input is not a terminal: it reads as empty.
    let (code, _, stderr) = common::outputs(&["run", "-"]);
    assert_eq!(code, Some(1));
    assert!(!stderr.contains("reading `-`"), "{stderr}");
    assert!(stderr.contains("refused: 1 error"), "{stderr}");
}

#[test]
fn reports_written_while_stderr_is_a_terminal_carry_no_colour_codes() {
    // Regression: `brink test --format json > out.json` at a terminal wrote the broken file's
    // errors into the JSON with the terminal's escape codes.
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("out.json");
    let args = format!(
        "test tests/expect/fail/broken.toml --format json --output '{}'",
        json.display()
    );
    let Some(shown) = at_a_terminal(&args) else {
        return;
    };
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains("refused: 2 errors"), "{text}");
    assert!(!text.contains("\\u001b"), "{text}");
    // The terminal itself still gets colour (unless NO_COLOR is set around the tests).
    if std::env::var_os("NO_COLOR").is_none() {
        let at_terminal = at_a_terminal("test tests/expect/fail/broken.toml").unwrap();
        assert!(at_terminal.contains('\u{1b}'), "{at_terminal}");
    }
    assert!(
        !shown.contains("refused"),
        "JSON says nothing on stderr: {shown}"
    );
}
