//! The full output of `sweep`, `compare`, `sensitivity`, `exact` and `trace` in every format, as
//! insta snapshots (`tests/snapshots/cli_snapshots__*.snap`) on small test scenarios: any change
//! to a byte of these reports shows up here. Bless an intended change with
//! `INSTA_UPDATE=always cargo test --test all cli_snapshots::` and read the diff (tests/README.md).
//!
//! The one line that differs from run to run, the time `exact` took in the table format, is
//! replaced by `TIME` before the comparison.

use crate::common;

use common::stdout;

const FORMATS: [&str; 4] = ["table", "markdown", "json", "csv"];

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

/// One snapshot per format of the command line `command` (words separated by spaces), named
/// `NAME_FORMAT`.
fn snapshots(name: &str, command: &str) {
    let args: Vec<&str> = command.split_whitespace().collect();
    for format in FORMATS {
        insta::assert_snapshot!(format!("{name}_{format}"), steady(&args, format));
    }
}

/// The run settings of the sampling commands: small, fixed, on two threads.
const RUN: &str = "--seed 3 --threads 2 --quiet";

#[test]
fn sweep() {
    snapshots(
        "sweep",
        &format!(
            "sweep tests/scenarios/analysis_hazard.toml \
             --vary events.strike.probability=0.1:0.5:3 --trials 400 {RUN}"
        ),
    );
}

#[test]
fn sweep_given() {
    // With --given, every format adds the trials kept at each point.
    snapshots(
        "sweep_given",
        &format!(
            "sweep tests/scenarios/analysis_chain.toml --vary events.a.probability=0.2:0.6:2 \
             --given a --trials 400 {RUN}"
        ),
    );
}

#[test]
fn compare() {
    snapshots(
        "compare",
        &format!(
            "compare tests/scenarios/analysis_hazard.toml tests/scenarios/analysis_hazard.toml \
             --set-b events.strike.probability=0.2 --trials 300 {RUN}"
        ),
    );
}

#[test]
fn sensitivity() {
    snapshots(
        "sensitivity",
        &format!("sensitivity tests/scenarios/analysis_chain.toml --trials 300 {RUN}"),
    );
}

#[test]
fn exact() {
    snapshots("exact", "exact tests/scenarios/gamblers_ruin.toml");
}

#[test]
fn trace() {
    snapshots(
        "trace",
        "trace tests/scenarios/random_amount.toml --trial 2 --seed 5",
    );
}

#[test]
fn trace_of_a_scenario_with_every_feature() {
    snapshots(
        "trace_full",
        "trace tests/good/full.toml --trial 2 --seed 5",
    );
}
