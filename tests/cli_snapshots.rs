//! The full output of `sweep`, `compare`, `sensitivity`, `exact` and `trace` in every format, as
//! insta snapshots (`tests/snapshots/cli_snapshots__*.snap`) on small test scenarios: any change
//! to a byte of these reports shows up here. Bless an intended change with
//! `INSTA_UPDATE=always cargo test --test cli_snapshots` and read the diff (tests/README.md).
//!
//! The one line that differs from run to run, the time `exact` took in the table format, is
//! replaced by `TIME` before the comparison.

mod common;

use common::stdout;

const FORMATS: [&str; 4] = ["table", "markdown", "json", "csv"];
const HAZARD: &str = "tests/scenarios/analysis_hazard.toml";
const CHAIN: &str = "tests/scenarios/analysis_chain.toml";

/// Stdout of `args` with `--format FORMAT`, with the time a run took (the one thing that may
/// differ between runs) replaced by `TIME`.
fn steady(args: &[&str], format: &str) -> String {
    let out = stdout(&[args, &["--format", format]].concat());
    out.lines()
        .map(|line| match line.rsplit_once(" distinct states, ") {
            Some((head, secs)) if secs.ends_with(" s") => format!("{head} distinct states, TIME s"),
            _ => line.to_string(),
        })
        .map(|line| line + "\n")
        .collect()
}

/// One snapshot per format, named `NAME_FORMAT`.
fn snapshots(name: &str, args: &[&str]) {
    for format in FORMATS {
        insta::assert_snapshot!(format!("{name}_{format}"), steady(args, format));
    }
}

#[test]
fn sweep() {
    let vary = "events.strike.probability=0.1:0.5:3";
    let common = [
        "--trials",
        "400",
        "--seed",
        "3",
        "--threads",
        "2",
        "--quiet",
    ];
    snapshots(
        "sweep",
        &[&["sweep", HAZARD, "--vary", vary][..], &common].concat(),
    );
}

#[test]
fn sweep_given() {
    // With --given, every format adds the trials kept at each point.
    let args = [
        "sweep",
        CHAIN,
        "--vary",
        "events.a.probability=0.2:0.6:2",
        "--given",
        "a",
        "--trials",
        "400",
        "--seed",
        "3",
        "--threads",
        "2",
        "--quiet",
    ];
    snapshots("sweep_given", &args);
}

#[test]
fn compare() {
    let args = [
        "compare",
        HAZARD,
        HAZARD,
        "--set-b",
        "events.strike.probability=0.2",
        "--trials",
        "300",
        "--seed",
        "3",
        "--threads",
        "2",
        "--quiet",
    ];
    snapshots("compare", &args);
}

#[test]
fn sensitivity() {
    let args = [
        "sensitivity",
        CHAIN,
        "--trials",
        "300",
        "--seed",
        "3",
        "--threads",
        "2",
        "--quiet",
    ];
    snapshots("sensitivity", &args);
}

#[test]
fn exact() {
    snapshots("exact", &["exact", "tests/scenarios/gamblers_ruin.toml"]);
}

#[test]
fn trace() {
    let args = [
        "trace",
        "tests/scenarios/random_amount.toml",
        "--trial",
        "2",
        "--seed",
        "5",
    ];
    snapshots("trace", &args);
}

#[test]
fn trace_of_a_scenario_with_every_feature() {
    snapshots(
        "trace_full",
        &[
            "trace",
            "tests/good/full.toml",
            "--trial",
            "2",
            "--seed",
            "5",
        ],
    );
}
