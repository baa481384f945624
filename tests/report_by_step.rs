//! `by_step` (when things happen) against closed forms and against `brink exact`: at every step
//! within 5 standard errors, at a fixed seed.

use crate::common;

use common::json;
use serde_json::Value;

const TRIALS: u64 = 20_000;

fn run(file: &str) -> Value {
    json(&[
        "run",
        file,
        "--trials",
        &TRIALS.to_string(),
        "--seed",
        "11",
        "--format",
        "json",
    ])
}

fn row<'a>(report: &'a Value, section: &str, id: &str) -> &'a Value {
    report[section]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{section} {id}"))
}

/// The value at every step, the `[step, value]` pairs of a long horizon filled in.
fn by_step(report: &Value, section: &str, id: &str) -> Vec<f64> {
    let b = row(report, section, id)["by_step"].as_array().unwrap();
    if b.iter().all(Value::is_f64) {
        return b.iter().map(|v| v.as_f64().unwrap()).collect();
    }
    let horizon = report["horizon"].as_u64().unwrap() as usize;
    let mut out = vec![0.0; horizon + 1];
    for p in b {
        let (step, value) = (p[0].as_u64().unwrap() as usize, p[1].as_f64().unwrap());
        out[step..].fill(value);
    }
    out
}

/// Every step's estimate within 5 standard errors of `want(t)`.
#[track_caller]
fn agrees(got: &[f64], want: impl Fn(u32) -> f64, what: &str) {
    for (t, &est) in got.iter().enumerate() {
        let p = want(t as u32);
        let se = (p * (1.0 - p) / TRIALS as f64).sqrt().max(1e-12);
        assert!(
            (est - p).abs() <= 5.0 * se,
            "{what} at step {t}: {est}, want {p} (5 se = {})",
            5.0 * se
        );
    }
}

#[test]
fn a_geometric_event_fires_by_step_t_with_one_minus_q_to_the_t() {
    let r = run("tests/scenarios/hazard.toml");
    assert_eq!(r["schema_version"], 2);
    let geometric = |t: u32| 1.0 - 0.9f64.powi(t as i32);
    let strike = by_step(&r, "events", "strike");
    assert_eq!(strike.len(), 21, "horizon + 1 values");
    agrees(&strike, geometric, "strike");
    // The trial ends when it fires: the outcome follows the same curve.
    agrees(&by_step(&r, "outcomes", "hit"), geometric, "hit");
    // Judged at the end: nothing before the horizon, all of it at the horizon.
    let missed = by_step(&r, "outcomes", "missed");
    assert!(missed[..20].iter().all(|&v| v == 0.0), "{missed:?}");
    assert_eq!(missed[20], row(&r, "outcomes", "missed")["probability"]);
}

#[test]
fn a_two_event_chain_by_step() {
    let r = run("tests/scenarios/two_chain.toml");
    let (p1, p2) = (0.2f64, 0.3f64);
    let chain = |t: u32| {
        (1..t)
            .map(|i| p1 * (1.0 - p1).powi(i as i32 - 1) * (1.0 - (1.0 - p2).powi((t - i) as i32)))
            .sum::<f64>()
    };
    agrees(&by_step(&r, "events", "b"), chain, "b");
    agrees(&by_step(&r, "outcomes", "done"), chain, "done");
    agrees(
        &by_step(&r, "events", "a"),
        |t| 1.0 - (1.0 - p1).powi(t as i32),
        "a",
    );
}

#[test]
fn run_agrees_with_exact_at_every_step() {
    for file in [
        "tests/scenarios/two_chain.toml",
        "tests/scenarios/modifiers.toml",
        "tests/scenarios/gamblers_ruin.toml",
    ] {
        let sampled = run(file);
        let exact = json(&["exact", file, "--format", "json"]);
        for section in ["outcomes", "events"] {
            for r in exact[section].as_array().unwrap() {
                let id = r["id"].as_str().unwrap();
                let want = by_step(&exact, section, id);
                agrees(
                    &by_step(&sampled, section, id),
                    |t| want[t as usize],
                    &format!("{file} {section} {id}"),
                );
                // The curve ends at the probability.
                let last = *want.last().unwrap();
                let p = r["probability"].as_f64().unwrap();
                assert!((last - p).abs() < 1e-12, "{file} {id}: {last} vs {p}");
            }
        }
    }
}

#[test]
fn long_horizons_write_the_steps_where_the_value_changes() {
    let r = json(&[
        "run",
        "tests/scenarios/hazard.toml",
        "--set",
        "scenario.horizon=1500",
        "--set",
        "events.strike.probability=0.002",
        "--trials",
        "2000",
        "--format",
        "json",
    ]);
    let pairs = row(&r, "events", "strike")["by_step"].as_array().unwrap();
    let mut last = (0u64, 0.0f64);
    for p in pairs {
        let (step, value) = (p[0].as_u64().unwrap(), p[1].as_f64().unwrap());
        assert!(step <= 1500 && (last == (0, 0.0) || step > last.0), "{p}");
        assert!(value > last.1, "a change at every pair: {p}");
        last = (step, value);
    }
    assert_eq!(last.1, row(&r, "events", "strike")["probability"]);
}
