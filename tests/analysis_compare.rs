//! `compare` as a library: identical scenarios differ by exactly nothing, different ones get a
//! paired interval that is narrower than the independent one and holds the exact answer.

use brink::analysis::compare::render::JsonDifference;
use brink::analysis::compare::{Side, compare, compare_given};
use brink::engine::{self, RunConfig, Sampling};
use brink::model::{self, Model};
use brink::stats;

const HAZARD: &str = include_str!("scenarios/analysis_hazard.toml");

fn load(text: &str, set: &[&str]) -> Model {
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    model::load_str("hazard.toml", text, &set).unwrap().model
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
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    let a = load(
        HAZARD,
        &["events.strike.probability={ uniform = [0.05, 0.2] }"],
    );
    let c = compare(&a, &a, &cfg(10_000, 2));
    assert_eq!(c.differences.len(), 2);
    for d in &c.differences {
        let i = d.difference();
        assert_eq!((i.estimate, i.lo, i.hi), (0.0, 0.0, 0.0), "{}", d.id);
        assert_eq!(d.only_in(), None);
        assert_eq!(d.probability_a(), d.probability_b());
        // Without pairing the same two runs would look uncertain.
        let ind = d.independent_difference();
        assert!(ind.hi - ind.lo > 0.01, "{ind:?}");
    }
}

#[test]
fn paired_interval_is_narrow_and_holds_the_exact_difference() {
    let a = load(HAZARD, &[]);
    let b = load(HAZARD, &["events.strike.probability=0.12"]);
    let n = 20_000;
    let c = compare(&a, &b, &cfg(n, 2));
    let exact_a = 1.0 - 0.9f64.powi(12);
    let exact_b = 1.0 - 0.88f64.powi(12);
    let struck = &c.differences[0];
    assert_eq!(struck.id, "struck");
    let paired = struck.difference();
    let independent = struck.independent_difference();
    assert!(
        paired.lo <= exact_b - exact_a && exact_b - exact_a <= paired.hi,
        "{paired:?} vs {}",
        exact_b - exact_a
    );
    let (wp, wi) = (paired.hi - paired.lo, independent.hi - independent.lo);
    assert!(wp < 0.5 * wi, "paired {wp} independent {wi}");
    // The catch-all mirrors it.
    let spared = c.differences[1].difference();
    assert!((spared.estimate + paired.estimate).abs() < 1e-12);
}

#[test]
fn each_side_is_the_run_it_would_be_alone() {
    let a = load(HAZARD, &[]);
    let b = load(HAZARD, &["scenario.horizon=6"]);
    let c = compare(&a, &b, &cfg(9000, 2));
    for (model, result) in [(&a, &c.a), (&b, &c.b)] {
        let alone = engine::run(model, &RunConfig::new(9000, 9));
        let counts = |r: &engine::RunResult| {
            (
                r.trials,
                r.outcomes.iter().map(|o| o.count).collect::<Vec<_>>(),
                r.events
                    .iter()
                    .map(|e| (e.fired, e.times))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(counts(result), counts(&alone));
        assert_eq!(result.variables.len(), alone.variables.len());
    }
}

#[test]
fn results_do_not_depend_on_threads() {
    let a = load(HAZARD, &[]);
    let b = load(HAZARD, &["events.strike.probability=0.3"]);
    let one = compare(&a, &b, &cfg(10_000, 1));
    let three = compare(&a, &b, &cfg(10_000, 3));
    assert_eq!(one.differences, three.differences);
    assert_eq!(one.events, three.events);
    assert_eq!(one.variables, three.variables);
}

#[test]
fn an_outcome_in_one_scenario_only_counts_as_zero_in_the_other() {
    let b_text = HAZARD.replace(
        "[[outcomes]]\nid = \"spared\"",
        "[[outcomes]]\nid = \"late\"\nlabel = \"Late\"\nterminal = false\nwhen = \"not strike\"\n\n[[outcomes]]\nid = \"spared\"",
    );
    let a = load(HAZARD, &[]);
    let b = load(&b_text, &[]);
    let c = compare(&a, &b, &cfg(4000, 2));
    let ids: Vec<&str> = c.differences.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["struck", "spared", "late"]);
    let late = &c.differences[2];
    assert_eq!(late.only_in(), Some(Side::B));
    assert_eq!(late.probability_a(), 0.0);
    assert!(late.probability_b() > 0.2);
    // Every trial that was spared in A is late in B.
    assert_eq!(c.differences[1].probability_b(), 0.0);
    assert_eq!(late.probability_b(), c.differences[1].probability_a());
    let c = compare(&b, &a, &cfg(4000, 2));
    assert_eq!(c.differences[1].only_in(), Some(Side::A));
    assert_eq!(c.differences[1].id, "late");
}

#[test]
fn each_side_keeps_the_runs_summaries_bit_for_bit() {
    // Variables and steps too: the paired runner tallies each side exactly as `run` does.
    let text = r#"
[scenario]
name = "drift"
horizon = 20
[[actors]]
id = "x"
name = "X"
[variables]
level = { initial = 0, min = 0, max = 50 }
[[events]]
id = "push"
actor = "x"
probability = { uniform = [0.1, 0.6] }
repeat = true
add = { level = { normal = [2, 1] } }
[[outcomes]]
id = "high"
label = "High"
when = "level >= 12"
[[outcomes]]
id = "low"
label = "Low"
"#;
    let a = model::load_str("drift.toml", text, &[]).unwrap().model;
    let b = model::load_str("drift.toml", text, &["scenario.horizon=12".to_string()])
        .unwrap()
        .model;
    let n = 3 * 4096 + 100;
    let c = compare(&a, &b, &cfg(n, 3));
    for (model, result) in [(&a, &c.a), (&b, &c.b)] {
        let alone = engine::run(model, &RunConfig::new(n, 9));
        for (x, y) in result.outcomes.iter().zip(&alone.outcomes) {
            assert_eq!(x.count, y.count);
            assert_eq!(x.steps, y.steps);
        }
        let summary = |r: &engine::RunResult| {
            let v = &r.variables[0];
            (
                v.count(),
                v.mean().map(f64::to_bits),
                v.percentiles(&[5, 50, 95])
                    .into_iter()
                    .map(|p| p.map(f64::to_bits))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(summary(result), summary(&alone));
        assert_eq!(result.paths.len(), alone.paths.len());
    }
}

#[test]
fn paired_counts_match_each_sides_counts() {
    let a = load(HAZARD, &[]);
    let b = load(HAZARD, &["events.strike.probability=0.3"]);
    let c = compare(&a, &b, &cfg(5000, 2));
    for d in &c.differences {
        let p = d.pairs.expect("runs without a condition are paired");
        assert_eq!([p.a, p.b], d.count, "{}", d.id);
        assert_eq!([p.trials, p.trials], d.kept);
        assert_eq!(p.both() + p.a_only + p.b_only + p.neither(), 5000);
        assert_eq!(d.difference(), p.difference());
        let j = JsonDifference::new(d);
        assert_eq!(
            (j.both, j.only_a, j.only_b),
            (Some(p.both()), Some(p.a_only), Some(p.b_only))
        );
    }
}

#[test]
fn a_given_unpairs_the_runs() {
    // Two independent hazards; keeping the trials where the storm came leaves different trials
    // in A and in B, because the storm's chance differs.
    let text = HAZARD.replace(
        "[[outcomes]]\nid = \"struck\"",
        "[[events]]\nid = \"storm\"\nactor = \"nature\"\nprobability = 0.05\n\n[[outcomes]]\nid = \"struck\"",
    );
    let a = load(&text, &[]);
    let b = load(
        &text,
        &[
            "events.storm.probability=0.1",
            "events.strike.probability=0.2",
        ],
    );
    let given = |m: &Model| model::compile_given(m, "storm").unwrap();
    let (ga, gb) = (given(&a), given(&b));
    let n = 6000;
    let c = compare_given(&a, &b, &cfg(n, 2), [Some(&ga), Some(&gb)]);
    for (m, g, result) in [(&a, &ga, &c.a), (&b, &gb, &c.b)] {
        let alone = engine::run(
            m,
            &RunConfig {
                given: Some(g.clone()),
                ..RunConfig::new(n, 9)
            },
        );
        assert_eq!(result.kept, alone.kept);
        assert!(result.kept > 500 && result.kept < n, "{}", result.kept);
        let counts = |r: &engine::RunResult| r.outcomes.iter().map(|o| o.count).collect::<Vec<_>>();
        assert_eq!(counts(result), counts(&alone));
    }
    let struck = &c.differences[0];
    assert_eq!(struck.pairs, None);
    assert_eq!(struck.kept, [c.a.kept, c.b.kept]);
    assert_eq!(struck.count, [c.a.outcomes[0].count, c.b.outcomes[0].count]);
    assert_eq!(
        struck.difference(),
        stats::independent_difference(
            struck.count[0],
            struck.kept[0],
            struck.count[1],
            struck.kept[1]
        )
    );
    let j = JsonDifference::new(struck);
    assert_eq!((j.both, j.only_a, j.only_b), (None, None, None));
    // A condition on one side alone unpairs them too.
    let one = compare_given(&a, &b, &cfg(n, 2), [None, Some(&gb)]);
    assert_eq!(one.differences[0].pairs, None);
    assert_eq!(one.differences[0].kept, [n, c.b.kept]);
}
