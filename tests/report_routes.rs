//! Routes against the trials' own stories: counting the once-only events of `trace` over trials
//! 0..n-1 gives exactly the report's routes, and each outcome's shares sum to 1.

use crate::common;

use std::collections::BTreeMap;

use brink::engine::trace_with;
use brink::model::{Model, load};
use brink::report::{Report, RunMeta, TOP_ROUTES, route_events};
use common::engine::go;

const TRIALS: u64 = 600;
const SEED: u64 = 5;

fn model(file: &str) -> Model {
    load(&common::root().join(file), &[]).unwrap().model
}

/// Per outcome: each route (the route events, once-only ones unless the scenario marks
/// milestones, in the order the story tells them) to its count.
fn told(model: &Model) -> Vec<BTreeMap<Vec<String>, u64>> {
    let chosen = route_events(model);
    let mut out = vec![BTreeMap::new(); model.outcomes.len()];
    for k in 0..TRIALS {
        let t = trace_with(model, SEED, k, &[], None);
        // An event enters a route at its first firing only.
        let mut seen = vec![false; model.events.len()];
        let route: Vec<String> = (t.steps.iter())
            .flat_map(|s| &s.firings)
            .filter(|f| chosen[f.event] && !std::mem::replace(&mut seen[f.event], true))
            .map(|f| model.events[f.event].id.clone())
            .collect();
        *out[t.end.outcome].entry(route).or_insert(0) += 1;
    }
    out
}

#[test]
fn routes_are_the_stories_counted() {
    for file in ["scenarios/baseline.toml", "tests/good/full.toml"] {
        let m = model(file);
        let report = Report::build(&m, &go(&m, TRIALS, SEED), &RunMeta::default());
        let stories = told(&m);
        assert_eq!(report.routes.len(), m.outcomes.len());
        for (row, mut want) in report.routes.iter().zip(stories) {
            let count: u64 = want.values().sum();
            assert_eq!(row.count, count, "{file} {}", row.outcome);
            let none = want.remove(&Vec::new()).unwrap_or(0);
            let mut ranked: Vec<_> = want.into_iter().collect();
            ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
            ranked.truncate(TOP_ROUTES);
            let got: Vec<(Vec<String>, u64)> = row
                .top
                .iter()
                .map(|t| (t.events.clone(), t.count))
                .collect();
            assert_eq!(got, ranked, "{file} {}", row.outcome);
            if count == 0 {
                assert_eq!((row.none, row.other), (None, None));
                continue;
            }
            assert_eq!(row.none, Some(none as f64 / count as f64));
            let sum = row.top.iter().map(|t| t.share).sum::<f64>()
                + row.none.unwrap()
                + row.other.unwrap();
            assert!((sum - 1.0).abs() < 1e-12, "{file} {}: {sum}", row.outcome);
            assert!(!row.approximate);
        }
    }
}

#[test]
fn json_shape_and_the_table_section() {
    let v = common::json(&[
        "run",
        "tests/scenarios/two_chain.toml",
        "--trials",
        "1000",
        "--format",
        "json",
    ]);
    let done = &v["routes"][0];
    assert_eq!(done["outcome"], "done");
    assert_eq!(done["top"][0]["events"], serde_json::json!(["a", "b"]));
    assert_eq!(done["top"][0]["share"], 1.0);
    assert_eq!(
        (done["none"].as_f64(), done["other"].as_f64()),
        (Some(0.0), Some(0.0))
    );
    assert!(done.get("approximate").is_none(), "only when approximate");
    let md = common::stdout(&[
        "run",
        "tests/scenarios/two_chain.toml",
        "--trials",
        "1000",
        "--format",
        "markdown",
    ]);
    assert!(md.contains("## Routes to each outcome"), "{md}");
    assert!(md.contains("| done | a → b | 100.0% |"), "{md}");
    assert!(md.contains("| not_done | (none of these events) |"), "{md}");
}

/// The routes section's title names what routes are made of: milestones when the scenario marks
/// any (the shipped baseline does), else once-only events; in `run` and `exact` alike.
#[test]
fn the_routes_title_names_milestones_or_once_only_events() {
    let milestones = "## Routes to each outcome (milestones in the order they fired)";
    let once_only = "## Routes to each outcome (once-only events in the order they fired)";
    for (args, title) in [
        (
            &["run", "scenarios/baseline.toml", "--trials", "300"][..],
            milestones,
        ),
        (
            &[
                "exact",
                "tests/scenarios/two_chain.toml",
                "--set",
                "events.b.milestone=true",
            ][..],
            milestones,
        ),
        (&["run", "tests/scenarios/two_chain.toml"][..], once_only),
        (&["exact", "tests/scenarios/two_chain.toml"][..], once_only),
    ] {
        let md = common::stdout(&[args, &["--format", "markdown"]].concat());
        assert!(md.contains(title), "{args:?}: {md}");
        let other = if title == milestones {
            once_only
        } else {
            milestones
        };
        assert!(!md.contains(other), "{args:?}: {md}");
    }
}
