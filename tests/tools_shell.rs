//! Shell completions and the man page, tried in the real programs: `bash` completes with the
//! generated script, and `groff`/`man` render the page without warnings.
//!
//! These tests never install anything. When a program is missing they print which Debian package
//! provides it and pass, except under `BRINK_CI`, where a missing program fails the test
//! (`.ci/run` installs them).

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

const BRINK: &str = env!("CARGO_BIN_EXE_brink");

/// Whether `program` runs; if not, fails under `BRINK_CI` or says what to install.
fn available(program: &str, package: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("BRINK_CI").is_none(),
            "`{program}` is missing: install the Debian package {package}"
        );
        eprintln!("skipped: `{program}` is missing; install the Debian package {package}");
    }
    found
}

/// What the bash completion offers for the words typed so far (the last one being completed).
fn complete(words: &[&str]) -> Vec<String> {
    let script = format!(
        r#"source <("$BRINK" completions bash)
COMP_WORDS=({words})
COMP_CWORD={cword}
COMP_LINE="{line}"
COMP_POINT=${{#COMP_LINE}}
_brink brink "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        words = words.join(" "),
        cword = words.len() - 1,
        line = words.join(" "),
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .env("BRINK", BRINK)
        .output()
        .expect("bash runs");
    common::succeeded(&out)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_commands_and_options() {
    if !available("bash", "bash") {
        return;
    }
    assert_eq!(complete(&["brink", "r"]), ["run"]);
    assert_eq!(complete(&["brink", "run", "--fo"]), ["--format"]);
    // `brink test` has its own formats, JUnit among them.
    let formats = complete(&["brink", "test", "x", "--format", ""]);
    assert!(formats.iter().any(|f| f == "junit"), "{formats:?}");
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Command::new(BRINK)
            .args(["completions", shell])
            .output()
            .unwrap();
        let script = common::succeeded(&out);
        for word in ["sensitivity", "completions", "trials"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
}

fn man_page() -> Vec<u8> {
    let out = Command::new(BRINK).arg("man").output().unwrap();
    common::succeeded(&out);
    out.stdout
}

#[test]
fn the_man_page_renders_without_warnings() {
    if !available("groff", "groff-base") {
        return;
    }
    let mut groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-P-bcou"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    groff.stdin.take().unwrap().write_all(&man_page()).unwrap();
    let out = groff.wait_with_output().unwrap();
    let text = common::succeeded(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    for word in [
        "brink",
        "SYNOPSIS",
        "COMMANDS",
        "brink sensitivity",
        "max-states",
        "junit",
    ] {
        assert!(text.contains(word), "the page lacks {word}:\n{text}");
    }
}

#[test]
fn man_l_reads_the_page() {
    if !available("man", "man-db") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("brink.1");
    std::fs::write(&page, man_page()).unwrap();
    let out = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    let text = common::succeeded(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    assert!(text.contains("brink"));
}
