//! `brink exact`'s `by_step` and routes: by_step against closed forms to rounding, routes
//! against a sampled run's trials within 5 standard errors, and every outcome's route shares
//! with `none` and `other` summing to 1.

use crate::common;

use std::collections::BTreeMap;
use std::time::Duration;

use brink::analysis::exact::report::{document, report};
use brink::analysis::exact::{Options, solve};
use brink::model::Model;
use brink::report::{Report, RouteRow, TOP_ROUTES};
use common::engine::{go, load, scenario};

const TRIALS: u64 = 40_000;
const SEED: u64 = 17;

fn exact(m: &Model) -> Report {
    let solution = solve(m, &Options::default()).expect("solvable");
    report(m, &solution, "test.toml")
}

fn exact_with(m: &Model, max_states: usize) -> Report {
    let solution = solve(m, &Options { max_states }).expect("solvable");
    report(m, &solution, "test.toml")
}

fn by_step<'a>(
    rows: impl IntoIterator<Item = (&'a str, &'a brink::report::ByStep)>,
    id: &str,
) -> Vec<f64> {
    let b = rows.into_iter().find(|r| r.0 == id).expect(id).1;
    (0..=b.horizon).map(|t| b.at(t)).collect()
}

fn event_by_step(r: &Report, id: &str) -> Vec<f64> {
    by_step(r.events.iter().map(|e| (e.id.as_str(), &e.by_step)), id)
}

fn outcome_by_step(r: &Report, id: &str) -> Vec<f64> {
    by_step(r.outcomes.iter().map(|o| (o.id.as_str(), &o.by_step)), id)
}

#[track_caller]
fn equal_to_rounding(got: &[f64], want: impl Fn(u32) -> f64, what: &str) {
    for (t, &g) in got.iter().enumerate() {
        let w = want(t as u32);
        assert!((g - w).abs() < 1e-12, "{what} at step {t}: {g}, want {w}");
    }
}

#[test]
fn a_geometric_event_by_step_is_one_minus_q_to_the_t() {
    let m = load(include_str!("scenarios/hazard.toml"));
    let r = exact(&m);
    let geometric = |t: u32| 1.0 - 0.9f64.powi(t as i32);
    let strike = event_by_step(&r, "strike");
    assert_eq!(strike.len(), 21);
    equal_to_rounding(&strike, geometric, "strike");
    equal_to_rounding(&outcome_by_step(&r, "hit"), geometric, "hit");
    // Judged at the end: all of its probability at the horizon.
    let missed = outcome_by_step(&r, "missed");
    equal_to_rounding(
        &missed,
        |t| if t == 20 { 0.9f64.powi(20) } else { 0.0 },
        "missed",
    );
}

#[test]
fn a_two_event_chain_by_step() {
    let m = load(include_str!("scenarios/two_chain.toml"));
    let r = exact(&m);
    let (p1, p2) = (0.2f64, 0.3f64);
    // `b` can fire from the step after `a` fired: sum over a's first step i < t.
    let chain = |t: u32| {
        (1..t)
            .map(|i| p1 * (1.0 - p1).powi(i as i32 - 1) * (1.0 - (1.0 - p2).powi((t - i) as i32)))
            .sum::<f64>()
    };
    equal_to_rounding(&event_by_step(&r, "b"), chain, "b");
    equal_to_rounding(&outcome_by_step(&r, "done"), chain, "done");
    equal_to_rounding(
        &event_by_step(&r, "a"),
        |t| 1.0 - (1.0 - p1).powi(t as i32),
        "a",
    );
}

/// Three independent once-only events: every order (same step: file order) is a route.
fn orders() -> Model {
    scenario(
        4,
        "[[events]]\nid = \"a\"\nactor = \"someone\"\nprobability = 0.3\n\n\
         [[events]]\nid = \"b\"\nactor = \"someone\"\nprobability = 0.2\n\n\
         [[events]]\nid = \"c\"\nactor = \"someone\"\nprobability = 0.4\n\n\
         [[outcomes]]\nid = \"all\"\nwhen = \"a and b and c\"\n",
    )
}

/// Milestones among background events, one of them repeatable (it enters a route once).
fn milestones() -> Model {
    scenario(
        5,
        "[[events]]\nid = \"noise\"\nactor = \"someone\"\nprobability = 0.5\nrepeat = true\n\n\
         [[events]]\nid = \"a\"\nactor = \"someone\"\nprobability = 0.4\nmilestone = true\n\n\
         [[events]]\nid = \"pulse\"\nactor = \"someone\"\nprobability = 0.5\nrepeat = true\n\
         when = \"a or noise\"\nmilestone = true\n\n\
         [[events]]\nid = \"b\"\nactor = \"someone\"\nprobability = 0.5\nwhen = \"pulse\"\n\
         milestone = true\n\n\
         [[outcomes]]\nid = \"done\"\nwhen = \"b\"\n",
    )
}

/// Per outcome, each sampled route (as ids) to its count, from every path the run kept.
fn sampled_routes(m: &Model, trials: u64) -> (Vec<BTreeMap<Vec<String>, u64>>, Vec<u64>) {
    let r = go(m, trials, SEED);
    let names: Vec<&str> = m.events.iter().map(|e| e.id.as_str()).collect();
    let mut out = vec![BTreeMap::new(); m.outcomes.len()];
    for p in r.paths.iter() {
        let ids: Vec<String> = p.events.iter().map(|&e| names[e as usize].into()).collect();
        for (o, &n) in p.outcomes.iter().enumerate() {
            if n > 0 {
                *out[o].entry(ids.clone()).or_insert(0) += n;
            }
        }
    }
    (out, r.outcomes.iter().map(|o| o.count).collect())
}

#[track_caller]
fn within_5se(count: u64, n: u64, p: f64, what: &str) {
    let est = count as f64 / n as f64;
    let se = (p * (1.0 - p) / n as f64).sqrt().max(1e-9);
    assert!(
        (est - p).abs() <= 5.0 * se,
        "{what}: {est} sampled, {p} exact (5 se = {})",
        5.0 * se
    );
}

#[track_caller]
fn shares_sum_to_one(row: &RouteRow) {
    let sum = row.top.iter().map(|t| t.share).sum::<f64>() + row.none.unwrap() + row.other.unwrap();
    assert!((sum - 1.0).abs() < 1e-12, "{}: {sum}", row.outcome);
}

#[test]
fn exact_routes_agree_with_the_sampled_trials() {
    for m in [orders(), milestones()] {
        let r = exact(&m);
        let (sampled, counts) = sampled_routes(&m, TRIALS);
        assert_eq!(r.routes.len(), m.outcomes.len());
        for ((row, mut routes), n) in r.routes.iter().zip(sampled).zip(counts) {
            assert_eq!((row.count, row.approximate), (0, false));
            shares_sum_to_one(row);
            let o = &row.outcome;
            let none = routes.remove(&Vec::new()).unwrap_or(0);
            within_5se(none, n, row.none.unwrap(), &format!("{o} none"));
            let mut listed = none;
            for t in &row.top {
                assert!(!t.events.is_empty());
                let c = routes.get(&t.events).copied().unwrap_or(0);
                listed += c;
                within_5se(c, n, t.share, &format!("{o} {:?}", t.events));
            }
            within_5se(n - listed, n, row.other.unwrap(), &format!("{o} other"));
        }
    }
}

#[test]
fn routes_rank_by_probability_and_list_the_rest_as_other() {
    let r = exact(&orders());
    let all = &r.routes[0];
    assert_eq!(all.outcome, "all");
    // Six orders of three events: five listed, one in `other`, none without an event.
    assert_eq!(all.top.len(), TOP_ROUTES);
    assert!(all.other.unwrap() > 0.0);
    assert_eq!(all.none, Some(0.0));
    assert!(all.top.windows(2).all(|w| w[0].share >= w[1].share));
    // Milestones: `noise` never shows, `pulse` once however often it fired.
    let r = exact(&milestones());
    let done = &r.routes[0];
    assert_eq!(done.top[0].events, ["a", "pulse", "b"]);
    assert!(done.top.iter().any(|t| t.events == ["pulse", "b"]));
    assert_eq!(done.none, Some(0.0));
    shares_sum_to_one(done);
    // Paths as a run lists them: the most probable first, with the outcomes they led to.
    let p = &r.paths[0];
    let total: f64 = p.outcomes.0.iter().map(|(_, f)| f).sum();
    assert!((total - 1.0).abs() < 1e-12);
    assert!(
        r.paths
            .windows(2)
            .all(|w| w[0].probability >= w[1].probability)
    );
}

#[test]
fn an_outcome_that_never_happens_has_null_shares() {
    let m = scenario(
        2,
        "[[events]]\nid = \"first\"\nactor = \"someone\"\nprobability = 0.5\n\n\
         [[events]]\nid = \"second\"\nactor = \"someone\"\nprobability = 0.5\nwhen = \"first\"\n\n\
         [[outcomes]]\nid = \"never\"\nwhen = \"second and not first\"\n",
    );
    let row = &exact(&m).routes[0];
    assert_eq!(row.outcome, "never");
    assert_eq!((row.none, row.other), (None, None));
    assert!(row.top.is_empty());
}

#[test]
fn uncertain_probabilities_integrate_the_routes_too() {
    let m = scenario(
        3,
        "[[events]]\nid = \"a\"\nactor = \"someone\"\nprobability = { uniform = [0.1, 0.5] }\n\n\
         [[events]]\nid = \"b\"\nactor = \"someone\"\nprobability = 0.3\n\n\
         [[outcomes]]\nid = \"both\"\nwhen = \"a and b\"\n",
    );
    let r = exact(&m);
    for row in r.routes.iter() {
        shares_sum_to_one(row);
    }
    let (sampled, counts) = sampled_routes(&m, TRIALS);
    let both = &r.routes[0];
    for t in &both.top {
        let c = sampled[0].get(&t.events).copied().unwrap_or(0);
        within_5se(c, counts[0], t.share, &format!("{:?}", t.events));
    }
}

#[test]
fn too_many_orders_leave_the_routes_out_and_keep_the_rest() {
    // Seven independent once-only events: thousands of orders, but 128 states without them.
    let body: String = (0..7)
        .map(|i| format!("[[events]]\nid = \"e{i}\"\nactor = \"someone\"\nprobability = 0.5\n\n"))
        .collect();
    let m = scenario(5, &body);
    let solution = solve(&m, &Options { max_states: 1_000 }).expect("solvable");
    let capped = report(&m, &solution, "test.toml");
    assert!(capped.routes.is_empty() && capped.paths.is_empty());
    let doc = document(&m, &solution, "test.toml", Duration::ZERO);
    let footer = doc.footer.expect("a footer").markdown.join("\n");
    assert!(
        footer.contains(
            "routes and paths left out: keeping the order of the once-only events took more \
             than 1000 distinct states at step"
        ),
        "{footer}"
    );
    // The other figures are those of a solve with room for the orders.
    let full = exact_with(&m, 1_000_000);
    assert!(!full.routes.is_empty());
    assert_eq!(capped.outcomes, full.outcomes);
    assert_eq!(capped.events, full.events);
}
