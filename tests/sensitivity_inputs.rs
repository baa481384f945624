//! Sensitivity over every number of a scenario: a probability, a modifier's factor, branch
//! weights, a variable's initial value and a distribution-valued probability are all inputs,
//! each at its low and high value on the same trials; swings match their closed forms.

use crate::common;

use assert_cmd::Command;
use brink::analysis::sensitivity::sensitivity;
use brink::engine::Sampling;
use brink::model::{self, Model};

const FILE: &str = "tests/scenarios/sensitivity_inputs.toml";

fn load() -> Model {
    let text = std::fs::read_to_string(FILE).unwrap();
    model::load_str("inputs.toml", &text, &[]).unwrap().model
}

fn cfg(trials: u64, threads: usize) -> Sampling {
    Sampling {
        trials,
        seed: 9,
        threads: Some(threads),
        progress: false,
    }
}

#[test]
fn every_kind_of_number_is_an_input_with_its_low_and_high() {
    let s = sensitivity(&load(), &[0], &cfg(2000, 2));
    let rows: Vec<(&str, f64, f64, bool)> = s
        .inputs
        .iter()
        .map(|i| (i.path.as_str(), i.low, i.high, i.capped))
        .collect();
    let want = [
        ("events.hit.probability", 0.1, 0.4, false),
        ("events.hit.modifiers.0.factor", 0.75, 3.0, false),
        ("events.hit.branches.0.weight", 0.5, 2.0, false),
        ("events.hit.branches.1.weight", 1.5, 6.0, false),
        // The 10th and 90th percentiles of uniform(0.1, 0.5).
        ("events.drawn.probability", 0.14, 0.46, false),
        // 2 within [0, 3]: half is 1, double is capped at the maximum 3.
        ("variables.x", 1.0, 3.0, true),
    ];
    assert_eq!(rows.len(), want.len(), "{rows:?}");
    for (got, want) in rows.iter().zip(want) {
        assert_eq!(got.0, want.0);
        assert!(
            (got.1 - want.1).abs() < 1e-12 && (got.2 - want.2).abs() < 1e-12,
            "{got:?}"
        );
        assert_eq!(got.3, want.3, "{got:?}");
    }
}

#[test]
fn swings_match_their_closed_forms_and_rank_the_table() {
    let n = 40_000;
    let s = sensitivity(&load(), &[0], &cfg(n, 2));
    let grew = &s.outcomes[0];
    let swing = |path: &str| {
        let i = s.inputs.iter().position(|x| x.path == path).unwrap();
        grew.inputs.iter().find(|e| e.input == i).unwrap().clone()
    };
    // P(grew) = p * 1.5 * w0 / (w0 + w1) in one step.
    let p = |prob: f64, w0: f64| prob * 1.5 * w0 / (w0 + 3.0);
    for (path, exact) in [
        ("events.hit.probability", p(0.4, 1.0) - p(0.1, 1.0)),
        ("events.hit.branches.0.weight", p(0.2, 2.0) - p(0.2, 0.5)),
    ] {
        let e = swing(path);
        let i = e.interval();
        assert!(i.lo <= exact && exact <= i.hi, "{path}: {i:?} vs {exact}");
        assert!((e.swing() - i.estimate).abs() < 1e-15);
    }
    // Fixing the drawn probability cannot move an outcome that ignores it: exactly nothing.
    let e = swing("events.drawn.probability");
    assert_eq!((e.counts.a_only, e.counts.b_only), (0, 0));
    assert_eq!(e.swing(), 0.0);
    // Largest swing first.
    let swings: Vec<f64> = grew.inputs.iter().map(|e| e.swing()).collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "{swings:?}");
    // The same bits on one thread.
    let one = sensitivity(&load(), &[0], &cfg(n, 1));
    assert_eq!(one.outcomes[0].inputs, grew.inputs);
}

#[test]
fn json_keeps_version_one_fields_and_adds_the_inputs_and_top_cuts_them() {
    let out = Command::cargo_bin("brink")
        .unwrap()
        .args([
            "sensitivity",
            FILE,
            "--outcome",
            "grew",
            "--trials",
            "3000",
            "--top",
            "2",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(common::succeeded(&out)).unwrap();
    assert_eq!(v["streams"], brink::engine::STREAM_VERSION);
    let o = &v["outcomes"][0];
    // Version 1: every event with its four variants.
    assert_eq!(o["events"].as_array().unwrap().len(), 2);
    assert!(o["events"][0]["halved"]["ci95"].is_array());
    let inputs = o["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2);
    assert_eq!(inputs[0]["path"], "variables.x");
    assert_eq!(inputs[0]["capped"], true);
    assert_eq!(inputs[0]["low"]["value"], 1.0);
    assert_eq!(inputs[0]["high"]["probability"], 1.0);
    assert!(inputs[1]["ci95"][0].as_f64().unwrap() <= inputs[1]["swing"].as_f64().unwrap());
    let table = Command::cargo_bin("brink")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["sensitivity", FILE, "--trials", "1000", "--top", "3"])
        .output()
        .unwrap();
    let t = String::from_utf8(table.stdout).unwrap();
    assert!(t.contains("swing: |P(high) - P(low)|"), "{t}");
    assert!(t.contains("RAW = P(forced) / P"), "{t}");
    assert!(t.contains("│ variables.x "), "{t}");
    assert!(!t.contains("branches.1.weight"), "{t}");
}

/// A parameter is an input by its `--set` path: a distribution held at its 10th and 90th
/// percentile, a number halved and doubled, an expression left out; and each version is the
/// scenario `run --set params.ID=VALUE` runs, trial for trial.
#[test]
fn parameters_are_inputs_and_each_version_is_the_run_with_the_value_set() {
    let file = "tests/good/format2_features.toml";
    let model = model::load(std::path::Path::new(file), &[]).unwrap().model;
    let war = model.outcomes.iter().position(|o| o.id == "war").unwrap();
    let s = sensitivity(&model, &[war], &cfg(3000, 2));
    let params: Vec<(&str, f64, f64)> = (s.inputs.iter())
        .filter(|i| i.path.starts_with("params."))
        .map(|i| (i.path.as_str(), i.low, i.high))
        .collect();
    let paths: Vec<&str> = params.iter().map(|p| p.0).collect();
    // `double` is an expression: not an input.
    assert_eq!(
        paths,
        [
            "params.appetite",
            "params.base",
            "params.shift",
            "params.fixed"
        ]
    );
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    // loguniform(0.5, 2): 0.5 * 4^0.1 and 0.5 * 4^0.9; normal(0, 1): -z and z; 3 halved and doubled.
    assert!(close(params[0].1, 0.5 * 4f64.powf(0.1)) && close(params[0].2, 0.5 * 4f64.powf(0.9)));
    assert!(close(params[2].1, -1.2815515655446004) && close(params[2].2, 1.2815515655446004));
    assert_eq!((params[3].1, params[3].2), (1.5, 6.0));
    let run_war = |path: &str, value: f64| {
        let out = Command::cargo_bin("brink")
            .unwrap()
            .args([
                "run", file, "--trials", "3000", "--seed", "9", "--quiet", "--format", "json",
            ])
            .args(["--set", &format!("{path}={value}")])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(common::succeeded(&out)).unwrap();
        let rows = v["outcomes"].as_array().unwrap().clone();
        let row = rows.iter().find(|o| o["id"] == "war").unwrap();
        row["count"].as_u64().unwrap()
    };
    let o = &s.outcomes[0];
    let mut compared = 0;
    for effect in &o.inputs {
        let input = &s.inputs[effect.input];
        if !input.path.starts_with("params.") {
            continue;
        }
        assert_eq!(
            effect.counts.a,
            run_war(&input.path, input.low),
            "{}",
            input.path
        );
        assert_eq!(
            effect.counts.b,
            run_war(&input.path, input.high),
            "{}",
            input.path
        );
        compared += 1;
    }
    assert_eq!(compared, 4);
    // At least one parameter moves the outcome, so the comparison above is not of zeros.
    assert!(
        o.inputs
            .iter()
            .any(|e| s.inputs[e.input].path.starts_with("params.") && e.swing() > 0.0)
    );
}
