//! `compare` beyond outcomes: events (probability of firing) and variables (mean at the end)
//! with paired differences, unpaired differences under `--given`, and the warning when the two
//! scenarios cover different time windows. Checked against closed forms on a binomial
//! scenario: `k` counts the firings of an event with chance p in each of 20 steps.

use crate::common;

use assert_cmd::Command;
use brink::analysis::compare::{compare, compare_given};
use brink::engine::Sampling;
use brink::model::compile_given;
use brink::model::{self, Model};

const BINOMIAL: &str = "tests/scenarios/binomial.toml";
const HAZARD: &str = "tests/scenarios/analysis_hazard.toml";
const CHAIN: &str = "tests/scenarios/analysis_chain.toml";

fn load(set: &[&str]) -> Model {
    let text = std::fs::read_to_string(BINOMIAL).unwrap();
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    model::load_str("binomial.toml", &text, &set).unwrap().model
}

fn cfg(trials: u64) -> Sampling {
    Sampling {
        trials,
        seed: 21,
        threads: Some(2),
        progress: false,
    }
}

#[track_caller]
fn brink(args: &[&str]) -> std::process::Output {
    let out = Command::cargo_bin("brink")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    common::succeeded(&out);
    out
}

#[test]
fn raising_a_chance_moves_the_event_and_the_mean_as_the_closed_forms_say() {
    let (a, b) = (load(&[]), load(&["events.success.probability=0.4"]));
    let c = compare(&a, &b, &cfg(6000));
    // P(fired at least once in 20 steps) = 1 - (1 - p)^20; E[k] = 20 p.
    let e = &c.events[0];
    assert_eq!(e.id, "success");
    let pairs = e.pairs.unwrap();
    // Common random numbers: every firing at 0.3 is a firing at 0.4.
    assert_eq!(pairs.a_only, 0, "{pairs:?}");
    let d = e.difference();
    let exact = 0.7_f64.powi(20) - 0.6_f64.powi(20);
    assert!(d.lo <= exact && exact <= d.hi, "{d:?} vs {exact}");
    let v = &c.variables[0];
    assert_eq!(v.id, "k");
    assert!(v.paired);
    let i = v.difference.unwrap();
    assert!(i.lo <= 2.0 && 2.0 <= i.hi && i.lo > 1.5, "{i:?}");
    // Paired: B - A >= 0 on every trial, so the mean difference is the difference of means.
    let means = v.mean.map(Option::unwrap);
    assert!((means[1] - means[0] - i.estimate).abs() < 1e-9);
    assert!(c.window.is_none());
    // Sums merged in chunk order: the same bits on one thread.
    let one = compare(
        &a,
        &b,
        &Sampling {
            threads: Some(1),
            ..cfg(6000)
        },
    );
    assert_eq!(one.variables, c.variables);
    assert_eq!(one.events, c.events);
}

#[test]
fn identical_scenarios_differ_by_exactly_nothing_in_events_and_variables() {
    let a = load(&[]);
    let c = compare(&a, &a, &cfg(3000));
    let d = c.events[0].difference();
    assert_eq!((d.lo, d.estimate, d.hi), (0.0, 0.0, 0.0));
    let i = c.variables[0].difference.unwrap();
    assert_eq!((i.lo, i.estimate, i.hi), (0.0, 0.0, 0.0));
}

#[test]
fn a_condition_unpairs_events_and_variables() {
    let (a, b) = (load(&[]), load(&["events.success.probability=0.4"]));
    let g = |m: &Model| compile_given(m, "k >= 1").unwrap();
    let (ga, gb) = (g(&a), g(&b));
    let c = compare_given(&a, &b, &cfg(6000), [Some(&ga), Some(&gb)]);
    assert!(
        c.events
            .iter()
            .chain(&c.differences)
            .all(|d| d.pairs.is_none())
    );
    let v = &c.variables[0];
    assert!(!v.paired);
    // E[k | k >= 1] = 20 p / (1 - (1 - p)^20).
    let m = |p: f64| 20.0 * p / (1.0 - (1.0 - p).powi(20));
    let exact = m(0.4) - m(0.3);
    let i = v.difference.unwrap();
    assert!(i.lo <= exact && exact <= i.hi, "{i:?} vs {exact}");
    // Every kept trial fired the event: the event's probability is 1 on both sides.
    assert_eq!(c.events[0].probability_a(), 1.0);
}

#[test]
fn json_lists_events_and_variables_and_given_nulls_the_counts() {
    let set_b = "--set-b=events.success.probability=0.4";
    let run = |extra: &[&str]| {
        let mut args = vec!["compare", BINOMIAL, BINOMIAL, set_b, "--trials", "2000"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&brink(&args).stdout).unwrap();
        v
    };
    let v = run(&[]);
    let e = &v["event_differences"][0];
    assert_eq!(e["id"], "success");
    assert_eq!(e["only_a"], 0);
    assert!(e["both"].as_u64().unwrap() > 0);
    let k = &v["variable_differences"][0];
    assert_eq!(k["id"], "k");
    assert!(k["both"].is_null() && k["only_a"].is_null());
    assert!(k["difference"].as_f64().unwrap() > 1.5);
    assert_eq!(v["warnings"], serde_json::json!([]));
    let v = run(&["--given", "k >= 1"]);
    for list in ["differences", "event_differences"] {
        assert!(v[list][0]["both"].is_null(), "{list}: {}", v[list]);
    }
    assert_eq!(v["a"]["given"]["expr"], "k >= 1");
    let table = String::from_utf8(
        brink(&["compare", BINOMIAL, BINOMIAL, set_b, "--given", "k >= 1"]).stdout,
    )
    .unwrap();
    assert!(table.contains("differences are unpaired"), "{table}");
    assert!(table.contains("95% interval (unpaired)"), "{table}");
    assert!(table.contains("Variables: the mean at the end"), "{table}");
}

#[test]
fn different_time_windows_are_a_warning_on_stderr_and_in_the_report() {
    let out = brink(&["compare", HAZARD, CHAIN, "--trials", "500"]);
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    let warning = "A and B cover different time windows (horizon 12 vs 10)";
    assert!(stderr.contains(&format!("warning: {warning}")), "{stderr}");
    assert!(stdout.contains(warning), "{stdout}");
    let json = brink(&[
        "compare", HAZARD, CHAIN, "--trials", "500", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["warnings"][0].as_str().unwrap().starts_with(warning));
    // The same window: no warning anywhere.
    let out = brink(&["compare", HAZARD, HAZARD, "--trials", "500"]);
    assert!(out.stderr.is_empty(), "{out:?}");
    assert!(!String::from_utf8(out.stdout).unwrap().contains("warning"));
}
