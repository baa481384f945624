//! `sweep` as a library: closed-form answers at every point, patched points identical to
//! loaded ones, and clear refusals.

use std::path::Path;

use brink::analysis::sweep::Grid;
use brink::analysis::sweep::{Source, SweepConfig, SweepError, SweepPlan, sweep};
use brink::engine::{self, RunConfig, RunResult, Settings};
use brink::model;

const HAZARD: &str = "tests/scenarios/analysis_hazard.toml";

fn grid(args: &[&str]) -> Grid {
    Grid::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
}

fn cfg(trials: u64) -> SweepConfig {
    SweepConfig {
        set: Vec::new(),
        given: None,
        settings: Settings {
            trials: Some(trials),
            seed: Some(5),
            threads: Some(2),
            progress: false,
            shard: None,
        },
    }
}

/// `count / n` lies within 5 standard errors of `p`.
fn within(count: u64, n: u64, p: f64) -> bool {
    let est = count as f64 / n as f64;
    let se = (p * (1.0 - p) / n as f64).sqrt().max(1e-12);
    (est - p).abs() <= 5.0 * se
}

#[test]
fn geometric_hazard_matches_the_closed_form_at_every_point() {
    let g = grid(&[
        "events.strike.probability=0.02:0.3:8",
        "scenario.horizon=4:12:3",
    ]);
    let n = 20_000;
    let points = sweep(Source::File(Path::new(HAZARD)), &g, &cfg(n), |m, r| {
        (m.horizon, r)
    })
    .unwrap();
    assert_eq!(points.len(), 24);
    for pt in &points {
        let (p, h) = (pt.values[0], pt.values[1]);
        let (horizon, r) = &pt.output;
        assert_eq!(*horizon as f64, h);
        let exact = 1.0 - (1.0 - p).powf(h);
        assert_eq!(r.trials, n);
        assert!(
            within(r.outcomes[0].count, n, exact),
            "p={p} h={h}: {} vs {exact}",
            r.outcomes[0].count as f64 / n as f64
        );
    }
}

#[test]
fn a_list_runs_its_values_in_the_order_given() {
    // Unevenly spaced and out of order, crossed with a range: each point still matches the
    // closed form, and is the point the same value gives in a range.
    let g = grid(&[
        "events.strike.probability=0.3,0.02,0.05",
        "scenario.horizon=4:12:2",
    ]);
    let n = 20_000;
    let points = sweep(Source::File(Path::new(HAZARD)), &g, &cfg(n), |_, r| r).unwrap();
    let values: Vec<Vec<f64>> = points.iter().map(|p| p.values.clone()).collect();
    assert_eq!(
        values,
        [
            [0.3, 4.0],
            [0.3, 12.0],
            [0.02, 4.0],
            [0.02, 12.0],
            [0.05, 4.0],
            [0.05, 12.0]
        ]
    );
    for pt in &points {
        let (p, h) = (pt.values[0], pt.values[1]);
        let exact = 1.0 - (1.0 - p).powf(h);
        assert!(within(pt.output.outcomes[0].count, n, exact), "p={p} h={h}");
    }
    let ranged = grid(&[
        "events.strike.probability=0.02:0.3:2",
        "scenario.horizon=4:12:2",
    ]);
    let ranged = sweep(Source::File(Path::new(HAZARD)), &ranged, &cfg(n), |_, r| r).unwrap();
    same_counts(&points[2].output, &ranged[0].output);
    same_counts(&points[1].output, &ranged[3].output);
}

fn same_counts(a: &RunResult, b: &RunResult) {
    assert_eq!(a.trials, b.trials);
    let oa: Vec<u64> = a.outcomes.iter().map(|o| o.count).collect();
    let ob: Vec<u64> = b.outcomes.iter().map(|o| o.count).collect();
    assert_eq!(oa, ob);
    let ea: Vec<(u64, u64)> = a.events.iter().map(|e| (e.fired, e.times)).collect();
    let eb: Vec<(u64, u64)> = b.events.iter().map(|e| (e.fired, e.times)).collect();
    assert_eq!(ea, eb);
}

#[test]
fn every_point_is_the_run_with_its_overrides() {
    // Patched fields and a reloaded path (`variables.*.max` is not patched) both give exactly
    // the model `run --set` builds: same numbers, same overrides, same digest.
    let text = r#"
[scenario]
name = "mixed"
horizon = 8
[[actors]]
id = "x"
name = "X"
[variables]
level = { initial = 1, min = 0, max = 10 }
[[events]]
id = "push"
actor = "x"
probability = 0.2
over = 2
repeat = true
add = { level = 1 }
modifiers = [{ when = "level >= 3", factor = 1.5 }]
branches = [{ weight = 1, label = "big", add = { level = 1 } }, { weight = 2, label = "small" }]
[[outcomes]]
id = "high"
label = "High"
when = "level >= 5"
[[outcomes]]
id = "low"
label = "Low"
"#;
    let source = Source::Text {
        name: "mixed.toml",
        text,
    };
    let mut c = cfg(3000);
    c.set = vec!["events.push.repeat=true".into()];
    for (axes, patched) in [
        (vec!["events.push.probability=0.1:0.5:3"], true),
        (vec!["events.push.over=1:3:3"], true),
        (vec!["events.push.modifiers.0.factor=0:2:3"], true),
        (vec!["events.push.branches.1.weight=0.5:4:3"], true),
        (vec!["variables.level=0:4:3"], true),
        (
            vec!["variables.level.initial=0:4:3", "scenario.horizon=2:10:2"],
            true,
        ),
        (vec!["variables.level.max=5:9:3"], false),
        (
            vec![
                "events.push.add.level=1:3:3",
                "events.push.probability=0.1:0.5:2",
            ],
            false,
        ),
    ] {
        let g = grid(&axes);
        let plan = SweepPlan::new(source, &g, &c).unwrap();
        assert_eq!(plan.patched(), patched, "{axes:?}");
        let points = sweep(source, &g, &c, |m, r| (m.clone(), r)).unwrap();
        for pt in points {
            let loaded = model::load_str("mixed.toml", text, &pt.overrides)
                .unwrap()
                .model;
            let (m, r) = pt.output;
            assert_eq!(m.overrides, loaded.overrides, "{axes:?}");
            assert_eq!(m.digest, loaded.digest, "{axes:?} {:?}", pt.overrides);
            let direct = engine::run(&loaded, &RunConfig::new(3000, 5));
            same_counts(&r, &direct);
        }
    }
}

#[test]
fn points_are_identical_for_any_thread_count() {
    let g = grid(&["events.strike.probability=0.05:0.25:5"]);
    let counts = |threads| {
        let mut c = cfg(9000);
        c.settings.threads = Some(threads);
        sweep(Source::File(Path::new(HAZARD)), &g, &c, |_, r| {
            r.outcomes.iter().map(|o| o.count).collect::<Vec<_>>()
        })
        .unwrap()
        .into_iter()
        .map(|p| p.output)
        .collect::<Vec<_>>()
    };
    assert_eq!(counts(1), counts(2));
    assert_eq!(counts(1), counts(8));
}

#[test]
fn a_value_outside_its_range_names_the_point() {
    // In a range and in a list alike: the axis as written, and the value's place on it.
    for (arg, index) in [
        ("events.strike.probability=0.5:1.5:3", 3),
        ("events.strike.probability=0.2,1.5,0.1", 2),
    ] {
        let g = grid(&[arg]);
        let e = sweep(Source::File(Path::new(HAZARD)), &g, &cfg(100), |_, _| ()).unwrap_err();
        match e {
            SweepError::Value {
                axis,
                value,
                index: at,
                n,
                message,
            } => {
                assert_eq!(axis, arg);
                assert_eq!((value, at, n), (1.5, index, 3));
                assert_eq!(message, "a probability must be between 0 and 1");
            }
            other => panic!("{other:?}"),
        }
    }
    let g = grid(&["events.strike.over=1:2:3"]);
    let e = sweep(Source::File(Path::new(HAZARD)), &g, &cfg(100), |_, _| ()).unwrap_err();
    assert!(matches!(e, SweepError::Value { index: 2, .. }), "{e:?}");
}

#[test]
fn an_unknown_path_is_the_loaders_error() {
    let g = grid(&["events.strik.probability=0.1:0.2:2"]);
    let e = sweep(Source::File(Path::new(HAZARD)), &g, &cfg(100), |_, _| ()).unwrap_err();
    match e {
        SweepError::Load {
            point,
            overrides,
            diagnostics,
        } => {
            assert_eq!(point, 0);
            assert_eq!(overrides, vec!["events.strik.probability=0.1".to_string()]);
            let text = diagnostics.render(false);
            assert!(text.contains("events.strike.probability"), "{text}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn given_is_applied_at_every_point_and_none_kept_is_an_error() {
    let g = grid(&["events.strike.probability=0:0.2:3"]);
    let mut c = cfg(2000);
    c.given = Some("struck".into());
    let e = sweep(Source::File(Path::new(HAZARD)), &g, &c, |_, r| r.kept).unwrap_err();
    assert!(matches!(e, SweepError::NoneKept { point: 0, .. }), "{e:?}");
    let g = grid(&["events.strike.probability=0.1:0.2:3"]);
    let kept = sweep(Source::File(Path::new(HAZARD)), &g, &c, |_, r| r.kept).unwrap();
    assert!(kept.iter().all(|p| p.output > 0 && p.output < 2000));
}

#[test]
fn run_settings_cannot_be_swept() {
    let g = grid(&["scenario.run.seed=1:5:5"]);
    let e = sweep(Source::File(Path::new(HAZARD)), &g, &cfg(100), |_, _| ()).unwrap_err();
    assert!(
        matches!(&e, SweepError::Path { path, .. } if path == "scenario.run.seed"),
        "{e:?}"
    );
}
