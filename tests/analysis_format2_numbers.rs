//! The analysis commands on format-2 numbers (computed or drawn probabilities, factors, weights
//! and initial values): regression tests for the NaN those numbers are stored as in the plain
//! fields.

use crate::common;

use brink::analysis::sensitivity::{Variant, inputs::inputs, sensitivity};
use brink::analysis::sweep::{patch::Field, value_at};
use brink::engine::{NoObserver, ProbAdjust, Sampling, Simulator, TrialKeys};
use brink::model::{self, Model};
use common::brink;

const PATH: &str = "tests/scenarios/format2_analysis.toml";
const TEXT: &str = include_str!("scenarios/format2_analysis.toml");

fn load() -> Model {
    model::load_str("f2.toml", TEXT, &[]).unwrap().model
}

/// Trials of `sim` ending in outcome `o`, on the trials seed `seed` gives.
fn count(model: &Model, adjust: &[(usize, ProbAdjust)], o: usize, n: u64, seed: u64) -> u64 {
    let sim = Simulator::new(model, adjust);
    let mut scratch = sim.scratch();
    let mut keys = TrialKeys::new(seed, 0);
    (0..n)
        .filter(|_| {
            sim.simulate(keys.next_key(), &mut scratch, &mut NoObserver)
                .outcome
                == o
        })
        .count() as u64
}

#[test]
fn sensitivity_inputs_skip_expressions_and_hold_draws_at_p10_p90() {
    let got: Vec<(String, f64, f64)> = inputs(&load())
        .into_iter()
        .map(|i| (i.path, i.low, i.high))
        .collect();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    let want = [
        ("events.e.modifiers.1.factor", 1.2, 2.8),
        ("events.e.branches.0.weight", 1.1, 1.9),
        ("events.f.probability", 0.1, 0.4),
        ("variables.tension", 1.0, 9.0),
        ("params.appetite", 1.2, 2.8),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((path, lo, hi), (wp, wl, wh)) in got.iter().zip(want) {
        assert_eq!(path, wp);
        assert!(close(*lo, wl) && close(*hi, wh), "{path}: {lo} {hi}");
    }
}

#[test]
fn sensitivity_matches_full_runs_and_has_no_nan() {
    let model = load();
    let (n, seed) = (3000, 9);
    let cfg = Sampling {
        trials: n,
        seed,
        threads: Some(2),
        progress: false,
    };
    let s = sensitivity(&model, &[0, 1], &cfg);
    for o in &s.outcomes {
        // Every input's values, run in full on the same trials: copying trials is exact.
        for effect in &o.inputs {
            let input = &s.inputs[effect.input];
            for (h, v) in [input.low, input.high].into_iter().enumerate() {
                let full = count(&input.model_at(&model, v), &[], o.outcome, n, seed);
                let got = effect.probability[h];
                assert_eq!(got, full as f64 / n as f64, "{} at {v}", input.path);
            }
        }
        // The computed probability's variants, and the fixed one's.
        for effect in &o.effects {
            for (v, adjust) in [
                (Variant::Halved, ProbAdjust::Scale(0.5)),
                (Variant::Doubled, ProbAdjust::Scale(2.0)),
                (Variant::Forced, ProbAdjust::Fixed(1.0)),
                (Variant::Removed, ProbAdjust::Fixed(0.0)),
            ] {
                let full = count(&model, &[(effect.event, adjust)], o.outcome, n, seed);
                let (p, d) = effect.get(v);
                assert_eq!(p, full as f64 / n as f64, "event {} {v:?}", effect.event);
                assert!(d.estimate.is_finite() && d.lo.is_finite() && d.hi.is_finite());
            }
        }
    }
}

#[test]
fn sensitivity_json_names_the_expression() {
    let out = brink()
        .args(["sensitivity", PATH, "--trials", "400", "--format", "json"])
        .output()
        .unwrap();
    let text = common::succeeded(&out);
    assert!(
        text.contains(r#""probability": "0.05 * appetite""#),
        "{text}"
    );
    assert!(!text.contains("NaN"));
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    for o in v["outcomes"].as_array().unwrap() {
        for e in o["events"].as_array().unwrap() {
            for v in ["halved", "doubled", "forced", "removed"] {
                assert!(
                    e[v]["probability"].is_f64() && e[v]["difference"].is_f64(),
                    "{e}"
                );
            }
        }
        for i in o["inputs"].as_array().unwrap() {
            assert!(
                i["low"]["value"].is_f64() && i["high"]["value"].is_f64(),
                "{i}"
            );
        }
    }
}

#[test]
fn setting_a_computed_or_drawn_number_replaces_it() {
    let mut m = load();
    // No single value to show as a sweep's baseline.
    for p in [
        "events.e.probability",
        "events.e.modifiers.0.factor",
        "events.e.modifiers.1.factor",
        "events.e.branches.0.weight",
        "events.e.branches.1.weight",
        "variables.tension",
        "variables.calm",
    ] {
        assert_eq!(value_at(&m, p), None, "{p}");
        Field::find(&m, p).unwrap().set(&mut m, 0.5).unwrap();
        assert_eq!(value_at(&m, p), Some(0.5), "{p}");
    }
    let e = &m.events[0];
    assert!(e.probability_expr.is_none());
    assert!(e.modifiers.iter().all(|x| x.factor_num.is_none()));
    assert!(e.branches.iter().all(|x| x.weight_num.is_none()));
    assert!(m.variables.iter().all(|x| x.initial_num.is_none()));
}

#[test]
fn sweep_varies_a_computed_factor() {
    let out = brink()
        .args([
            "sweep",
            PATH,
            "--vary",
            "events.e.modifiers.0.factor=0:4:3",
            "--trials",
            "300",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = common::succeeded(&out);
    assert!(!text.to_lowercase().contains("nan"), "{text}");
    // Factor 0 switches the modifier off, 4 makes e fire more: the points differ.
    let war = |x: &str| {
        text.lines()
            .find(|l| l.contains(&format!(",{x},war,")))
            .unwrap_or_else(|| panic!("{text}"))
            .to_string()
    };
    assert_ne!(war("0"), war("4"));
}

#[test]
fn graph_labels_computed_and_drawn_factors() {
    for format in ["dot", "mermaid"] {
        let out = brink()
            .args(["graph", PATH, "--format", format])
            .output()
            .unwrap();
        let text = common::succeeded(&out);
        assert!(text.contains("x(2 * appetite)"), "{text}");
        assert!(text.contains("xuniform(1, 3)"), "{text}");
        assert!(!text.contains("NaN"), "{text}");
    }
}
