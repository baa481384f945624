//! Reading scenarios: at most 10 MB plus one byte from any kind of file (a device, an endless
//! FIFO, standard input), directly and through `extends`, under a 512 MB address-space limit so
//! that a read that does not stop fails here instead of filling the machine.
#![cfg(unix)]

use crate::files_common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use files_common::{Limits, SCENARIO, SMALL_MEMORY, brink, brink_std, mkfifo, outputs};

const TOO_LARGE_HELP: &str =
    " = help: a scenario this large is almost certainly not a scenario file\n";

/// The refusal of a file that goes on past the limit, named on the command line.
fn endless(name: &str) -> String {
    format!(
        "error: `{name}` is too large: reading stopped at the limit of 10 MB (10485760 bytes)\n\
         {TOO_LARGE_HELP}\n"
    )
}

/// The refusal of an endless base, named by `extends = "{rel}"` on line 1 of `child`.
fn endless_base(base: &str, child: &str, rel: &str) -> String {
    let marks = "^".repeat(rel.len() + 2);
    format!(
        "error: `{base}` is too large: reading stopped at the limit of 10 MB (10485760 bytes)\n  \
         ┌─ {child}:1:11\n  │\n1 │ extends = \"{rel}\"\n  │           {marks} named here\n  │\n  \
         = help: a scenario this large is almost certainly not a scenario file\n\n"
    )
}

/// `brink check FILE` under 512 MB: stdout, stderr, exit code.
fn check(file: &str) -> (String, String, Option<i32>) {
    let out = brink(&["check", file], SMALL_MEMORY).output().unwrap();
    outputs(&out)
}

/// A thread that writes to the FIFO at `path` without end, until its reader goes away.
fn endless_writer(path: &Path) {
    let path = path.to_path_buf();
    // Not joined: if brink never opened the FIFO, the thread waits in `open` until the tests end.
    std::thread::spawn(move || {
        let mut fifo = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        let chunk = vec![b'#'; 64 * 1024];
        while fifo.write_all(&chunk).is_ok() {}
    });
}

#[test]
fn dev_zero_is_refused_at_the_limit() {
    let (stdout, stderr, code) = check("/dev/zero");
    assert_eq!(stderr, endless("/dev/zero"));
    assert_eq!(stdout, "/dev/zero: 1 error\n");
    assert_eq!(code, Some(1));

    let out = brink(&["run", "/dev/zero"], SMALL_MEMORY).output().unwrap();
    let (stdout, stderr, code) = outputs(&out);
    assert_eq!(
        stderr,
        format!(
            "{}error: /dev/zero refused: 1 error\n",
            endless("/dev/zero")
        )
    );
    assert_eq!((stdout.as_str(), code), ("", Some(1)));
}

#[test]
fn dev_zero_as_a_base_is_refused_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let child = dir.path().join("child.toml");
    std::fs::write(&child, "extends = \"/dev/zero\"\n").unwrap();
    let child = child.display().to_string();
    let (stdout, stderr, code) = check(&child);
    assert_eq!(stderr, endless_base("/dev/zero", &child, "/dev/zero"));
    assert_eq!(stdout, format!("{child}: 1 error\n"));
    assert_eq!(code, Some(1));
}

#[test]
fn an_endless_fifo_is_refused_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("endless.toml");
    mkfifo(&fifo);
    endless_writer(&fifo);
    let name = fifo.display().to_string();
    let (stdout, stderr, code) = check(&name);
    assert_eq!(stderr, endless(&name));
    assert_eq!(stdout, format!("{name}: 1 error\n"));
    assert_eq!(code, Some(1));
}

#[test]
fn an_endless_fifo_as_a_base_is_refused_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("endless.toml");
    mkfifo(&fifo);
    endless_writer(&fifo);
    let child = dir.path().join("child.toml");
    std::fs::write(&child, "extends = \"endless.toml\"\n").unwrap();
    let child = child.display().to_string();
    let (stdout, stderr, code) = check(&child);
    // The base is named as the child's folder joined with the `extends` value.
    let base = fifo.display().to_string();
    assert_eq!(stderr, endless_base(&base, &child, "endless.toml"));
    assert_eq!(stdout, format!("{child}: 1 error\n"));
    assert_eq!(code, Some(1));
}

/// `brink ARGS` with `input` on stdin, written from a thread (brink may stop reading early).
fn with_stdin(args: &[&str], input: Vec<u8>, dir: &Path) -> (String, String, Option<i32>) {
    let mut cmd = brink_std(args, SMALL_MEMORY);
    cmd.current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // A refused input closes the pipe early: the writer's error is expected then.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = wait_guarded(child);
    writer.join().unwrap();
    outputs(&out)
}

/// Waits for `child`, killing it if it outlives the guard.
fn wait_guarded(child: std::process::Child) -> std::process::Output {
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
    match rx.recv_timeout(files_common::GUARD) {
        Ok(out) => out,
        Err(_) => {
            // SAFETY: a plain kill of the child we started.
            unsafe { libc::kill(id as libc::pid_t, libc::SIGKILL) };
            panic!("brink did not finish within {:?}", files_common::GUARD);
        }
    }
}

#[test]
fn check_reads_stdin_as_dash_named_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let (stdout, stderr, code) = with_stdin(&["check", "-"], SCENARIO.into(), dir.path());
    assert_eq!(
        (stdout.as_str(), stderr.as_str(), code),
        ("<stdin>: ok\n", "", Some(0))
    );

    let broken = SCENARIO.replace("horizon = 6", "horizon = \"six\"");
    let (stdout, stderr, code) = with_stdin(&["check", "-"], broken.into(), dir.path());
    assert_eq!(stdout, "<stdin>: 1 error\n");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("┌─ <stdin>:4:11"), "{stderr}");
    assert_eq!(code, Some(1));
}

#[test]
fn run_reads_stdin_and_reports_it_as_stdin() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.toml"), SCENARIO).unwrap();
    let args = ["run", "-", "--format", "json"];
    let (from_stdin, stderr, code) = with_stdin(&args, SCENARIO.into(), dir.path());
    assert_eq!((stderr.as_str(), code), ("", Some(0)));
    let from_file = brink(
        &["run", "small.toml", "--format", "json"],
        Limits::default(),
    )
    .current_dir(dir.path())
    .output()
    .unwrap();
    let from_file = String::from_utf8(from_file.stdout).unwrap();
    // The same report, digest included; only the file's name differs.
    assert!(from_stdin.contains("\"file\": \"<stdin>\""), "{from_stdin}");
    assert_eq!(
        from_stdin.replace("\"file\": \"<stdin>\"", "\"file\": \"small.toml\""),
        from_file
    );
}

#[test]
fn extends_in_stdin_is_relative_to_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.toml"), SCENARIO).unwrap();
    let child = "extends = \"base.toml\"\n\n[set]\n\"scenario.horizon\" = 4\n";
    let (stdout, stderr, code) = with_stdin(&["check", "-"], child.into(), dir.path());
    assert_eq!(
        (stdout.as_str(), stderr.as_str(), code),
        ("<stdin>: ok\n", "", Some(0))
    );
}

#[test]
fn stdin_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = SCENARIO.as_bytes().to_vec();
    big.resize(10 * 1024 * 1024 + 1, b'\n');
    let (stdout, stderr, code) = with_stdin(&["check", "-"], big, dir.path());
    assert_eq!(stderr, endless("<stdin>"));
    assert_eq!((stdout.as_str(), code), ("<stdin>: 1 error\n", Some(1)));

    // Exactly at the limit is read: a scenario ending in one long comment.
    let mut full = format!("{SCENARIO}# ").into_bytes();
    full.resize(10 * 1024 * 1024 - 1, b'x');
    full.push(b'\n');
    let (stdout, stderr, code) = with_stdin(&["check", "-"], full, dir.path());
    assert_eq!(
        (stdout.as_str(), stderr.as_str(), code),
        ("<stdin>: ok\n", "", Some(0))
    );
}
