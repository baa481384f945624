//! `[scenario] given` and `observed`: conditioning inside the file, against closed forms (5
//! standard errors at fixed seeds), and the early rejection at the observed step checked
//! against the same condition judged at the end (same trials, same counts).

use brink::engine::{RunConfig, RunResult, run};
use brink::model::{Model, compile_given, load_str};

const HEAD: &str = "[scenario]\nname = \"test\"\nhorizon = 3\n";

/// `a` fires with chance 1/2 per step; `b` can fire once `a` has; `strike` ends the trial.
const BODY: &str = "\n[[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n\
    [[events]]\nid = \"a\"\nactor = \"someone\"\nprobability = 0.5\n\n\
    [[events]]\nid = \"b\"\nactor = \"someone\"\nwhen = \"a\"\nprobability = 0.5\n\n\
    [[events]]\nid = \"strike\"\nactor = \"someone\"\nprobability = 0.3\n\n\
    [[outcomes]]\nid = \"war\"\nwhen = \"strike\"\n\n\
    [[outcomes]]\nid = \"late_b\"\nterminal = false\nwhen = \"b\"\n\n\
    [[outcomes]]\nid = \"other\"\n";

fn model(scenario: &str, set: &[&str]) -> Model {
    let text = format!("{HEAD}{scenario}\n{BODY}");
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    match load_str("test.toml", &text, &set) {
        Ok(loaded) => loaded.model,
        Err(d) => panic!("{}\n{text}", d.render(false)),
    }
}

fn go(m: &Model, n: u64, seed: u64, given: Option<&str>) -> RunResult {
    let mut cfg = RunConfig::new(n, seed);
    cfg.threads = Some(2);
    cfg.given = given.map(|g| compile_given(m, g).expect("compiles"));
    run(m, &cfg)
}

#[track_caller]
fn near(got: u64, of: u64, p: f64) {
    let share = got as f64 / of as f64;
    let se = (p * (1.0 - p) / of as f64).sqrt();
    assert!(
        (share - p).abs() < 5.0 * se,
        "{got} of {of}: {share} vs {p}"
    );
}

#[test]
fn a_trial_that_ended_before_the_observed_step_is_rejected() {
    // `strike` (0.3 a step) ends the trial: with `observed = 2`, the trials it ended at step 1
    // are dropped (0.3 of them) and one it ends at step 2 is judged, and kept.
    let m = model("given = \"true\"\nobserved = 2\n", &[]);
    let n = 100_000;
    let r = go(&m, n, 5, None);
    assert_eq!(r.trials, n);
    near(r.kept, n, 0.7);
    // Of the kept, war at step 2 or 3: 1 - 0.7^2.
    near(r.outcomes[0].count, r.kept, 0.51);
    assert_eq!(r.outcomes[0].steps.iter().find(|&(s, _)| s == 1), None);
}

#[test]
fn first_in_given_with_and_without_observed_is_a_conditional_probability() {
    // Kept: `a` fired at step 1 (a trial a strike ended at step 1 ended at the observed step,
    // not before it, so it is judged). Then `b` fires at step 2, or at step 3, while no strike
    // has ended the trial: 0.7 * (0.5 + 0.7 * 0.5 * 0.5).
    let observed = model("given = \"first(a) <= 1\"\nobserved = 1\n", &[]);
    let at_end = model("given = \"first(a) <= 1\"\n", &[]);
    let n = 100_000;
    let (o, e) = (go(&observed, n, 9, None), go(&at_end, n, 9, None));
    near(o.kept, n, 0.5);
    near(e.kept, n, 0.5);
    near(o.events[1].fired, o.kept, 0.7 * (0.5 + 0.7 * 0.25));
    // The same trials are kept either way: `first(a) <= 1` cannot change after step 1.
    assert_eq!(o.kept, e.kept);
    assert_eq!(o.outcomes, e.outcomes);
    assert_eq!(o.events, e.events);
}

#[test]
fn stopping_at_the_observed_step_keeps_exactly_the_trials_judged_at_the_end() {
    // `given = "not b"` at step 2, against the same condition written on the end state:
    // `not b or first(b) > 2`, for the trials not ended by a strike at step 1.
    let observed = model("given = \"not b\"\nobserved = 2\n", &[]);
    let plain = model("", &[]);
    let n = 50_000;
    let o = go(&observed, n, 13, None);
    let e = go(
        &plain,
        n,
        13,
        Some("(not b or first(b) > 2) and not (strike and first(strike) < 2)"),
    );
    assert_eq!(o.kept, e.kept);
    assert_eq!(o.outcomes, e.outcomes);
    assert_eq!(o.events, e.events);
    assert_eq!(o.variables, e.variables);
}

#[test]
fn the_file_given_and_the_command_line_given_combine_by_and() {
    let m = model("given = \"a\"\n", &[]);
    let n = 20_000;
    let both = go(&m, n, 3, Some("b"));
    let plain = model("", &[]);
    let one = go(&plain, n, 3, Some("a and b"));
    assert_eq!(both.kept, one.kept);
    assert_eq!(both.outcomes, one.outcomes);
    let (expr, observed) = brink::model::combined_given(&m, Some("b")).unwrap();
    assert_eq!((expr.as_str(), observed), ("(a) and (b)", None));
}

#[test]
fn set_replaces_given_and_observed() {
    let m = model(
        "given = \"a\"\nobserved = 3\n",
        &["scenario.given=first(a) <= 1", "scenario.observed=1"],
    );
    let g = m.given.as_ref().unwrap();
    assert_eq!((g.expr.as_str(), g.observed), ("first(a) <= 1", Some(1)));
    let n = 20_000;
    near(go(&m, n, 21, None).kept, n, 0.5);
}

#[test]
fn observed_at_step_zero_judges_the_initial_state() {
    // Nothing has fired at step 0: `a` never holds there, `not a` always does.
    let none = model("given = \"a\"\nobserved = 0\n", &[]);
    assert_eq!(go(&none, 1000, 1, None).kept, 0);
    let all = model("given = \"not a\"\nobserved = 0\n", &[]);
    assert_eq!(go(&all, 1000, 1, None).kept, 1000);
}
