//! The exact solver on scenarios with known answers (tests/scenarios/*.toml and small inline
//! files), against closed forms to 1e-9.

use std::path::Path;

use brink::analysis::exact::{ExactError, Options, Solution, solve};
use brink::model::{Model, load, load_str};

fn scenario(name: &str, set: &[&str]) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(name);
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    match load(&path, &set) {
        Ok(loaded) => loaded.model,
        Err(d) => panic!("{name}: {}", d.render(false)),
    }
}

fn inline(text: &str) -> Model {
    match load_str("inline.toml", text, &[]) {
        Ok(loaded) => loaded.model,
        Err(d) => panic!("{}", d.render(false)),
    }
}

fn exact(m: &Model) -> Solution {
    solve(m, &Options::default()).expect("solvable")
}

#[track_caller]
fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9,
        "got {got:.15}, want {want:.15} (difference {:e})",
        got - want
    );
}

fn binom(n: u64, k: u64) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

#[test]
fn geometric_hazard() {
    let s = exact(&scenario("hazard.toml", &[]));
    close(s.outcome_probability(0), 1.0 - 0.9f64.powi(20));
    close(s.outcome_probability(1), 0.9f64.powi(20));
    // The step of the hit is geometric; its quantiles by nearest rank.
    let total = 1.0 - 0.9f64.powi(20);
    let rank = |q: f64| {
        (1..=20)
            .find(|&t| 1.0 - 0.9f64.powi(t) >= q * total)
            .unwrap() as u32
    };
    let steps = s.outcome_steps(0).unwrap();
    assert_eq!(
        (steps.median, steps.p10, steps.p90),
        (rank(0.5), rank(0.1), rank(0.9))
    );
    close(s.tally.outcome_steps[0].0[2].1, 0.1 * 0.81);
    assert_eq!(
        s.outcome_steps(1),
        None,
        "the catch-all is judged at the horizon"
    );

    for (p, h) in [(0.37f64, 7), (0.01, 240)] {
        let m = scenario(
            "hazard.toml",
            &[
                &format!("events.strike.probability={p}"),
                &format!("scenario.horizon={h}"),
            ],
        );
        close(exact(&m).outcome_probability(0), 1.0 - (1.0 - p).powi(h));
    }
}

#[test]
fn over_spreads_the_probability_over_steps() {
    close(
        exact(&scenario("over.toml", &[])).outcome_probability(0),
        0.75,
    );
    let m = scenario("over.toml", &["scenario.horizon=3"]);
    close(exact(&m).outcome_probability(0), 0.5);
    let m = scenario("over.toml", &["scenario.horizon=4"]);
    close(
        exact(&m).outcome_probability(0),
        1.0 - 0.5f64.powf(4.0 / 3.0),
    );
}

#[test]
fn two_event_chain_follows_the_start_of_step_rule() {
    let (p1, p2, h) = (0.2, 0.3, 10);
    let want: f64 = (1..h)
        .map(|i| p1 * (1.0f64 - p1).powi(i - 1) * (1.0 - (1.0f64 - p2).powi(h - i)))
        .sum();
    let s = exact(&scenario("two_chain.toml", &[]));
    close(s.outcome_probability(0), want);
    assert_eq!(s.tally.outcome_steps[0].0[0].0, 2, "never before step 2");
}

#[test]
fn modifiers_multiply_then_cap() {
    let s = exact(&scenario("modifiers.toml", &[]));
    close(
        s.outcome_probability(0),
        1.0 - 0.9f64.powi(5) * 0.7f64.powi(7),
    );
    close(s.event_probability(1), 1.0 - 0.5f64.powi(12));
    // A modifier whose condition is false changes nothing.
    let s = exact(&scenario("modifiers.toml", &["flags.on=false"]));
    close(s.event_probability(1), 1.0 - 0.9f64.powi(12));
}

#[test]
fn knuth_yao_die_from_a_fair_coin() {
    let s = exact(&scenario("knuth_yao.toml", &[]));
    for face in 0..6 {
        close(s.outcome_probability(face), 1.0 / 6.0);
    }
    assert!(s.outcome_probability(6) < 1e-50);
    assert!(s.tally.peak_states <= 16, "{}", s.tally.peak_states);
}

#[test]
fn binomial_judged_at_the_horizon() {
    let (n, p) = (20u64, 0.3f64);
    let pmf = |k: u64| binom(n, k) * p.powi(k as i32) * (1.0 - p).powi((n - k) as i32);
    let s = exact(&scenario("binomial.toml", &[]));
    close(s.outcome_probability(0), pmf(0));
    close(s.outcome_probability(1), pmf(6));
    close(s.outcome_probability(2), (10..=n).map(pmf).sum());
    for o in 0..3 {
        assert_eq!(s.outcome_steps(o), None, "judged at the horizon");
    }
    // Event, actor and variable figures.
    close(s.mean_times(0), n as f64 * p);
    close(s.event_probability(0), 1.0 - (1.0 - p).powi(n as i32));
    close(s.actor_probability(0), 1.0 - (1.0 - p).powi(n as i32));
    let k = s.variable_stats(0).unwrap();
    close(k.mean, n as f64 * p);
    assert_eq!((k.p5, k.p50, k.p95), (3.0, 6.0, 9.0));
}

#[test]
fn gamblers_ruin_fair_and_biased() {
    let s = exact(&scenario("gamblers_ruin.toml", &[]));
    close(s.outcome_probability(0), 0.7);
    close(s.outcome_probability(1), 0.3);
    assert!(s.tally.peak_states <= 20, "{}", s.tally.peak_states);

    let p = 0.45f64;
    let r = (1.0 - p) / p;
    let want = (r.powi(3) - r.powi(10)) / (1.0 - r.powi(10));
    let m = scenario(
        "gamblers_ruin.toml",
        &[
            "events.bet.branches.0.weight=0.45",
            "events.bet.branches.1.weight=0.55",
        ],
    );
    let s = exact(&m);
    close(s.outcome_probability(0), want);
    close(s.outcome_probability(1), 1.0 - want);
    close(s.branch_shares(0)[0], p);
}

#[test]
fn chain_of_24_events_over_48_steps() {
    let s = exact(&scenario("chain24.toml", &[]));
    close(s.outcome_probability(0), 0.557283251356743);
    close(
        s.outcome_probability(0),
        0.5 + 0.5 * binom(48, 24) / 2f64.powi(48),
    );
}

#[test]
fn uncertain_probabilities_are_integrated_out() {
    let s = exact(&scenario("uncertain.toml", &[]));
    close(s.outcome_probability(1), 1.0 / 11.0);
    assert!(s.integration.is_some());
    let beta = ["events.strike.probability={ beta = [2, 3] }"];
    close(
        exact(&scenario("uncertain.toml", &beta)).outcome_probability(1),
        12.0 / 182.0,
    );
    let over = ["events.strike.over=3"];
    close(
        exact(&scenario("uncertain.toml", &over)).outcome_probability(1),
        3.0 / 13.0,
    );
    let capped = ["events.strike.modifiers=[{ when = \"true\", factor = 2 }]"];
    close(
        exact(&scenario("uncertain.toml", &capped)).outcome_probability(1),
        1.0 / 22.0,
    );
}

#[test]
fn a_loguniform_probability_is_integrated_out() {
    let (lo, hi) = (0.02f64, 0.5f64);
    let ln_r = (hi / lo).ln();
    let (mean, square) = ((hi - lo) / ln_r, (hi * hi - lo * lo) / (2.0 * ln_r));
    for (horizon, want) in [(1, mean), (2, 2.0 * mean - square)] {
        let s = exact(&inline(&format!(
            "[scenario]\nname = \"L\"\nhorizon = {horizon}\n[[actors]]\nid = \"x\"\nname = \"X\"\n\
             [[events]]\nid = \"e\"\nactor = \"x\"\nprobability = {{ loguniform = [{lo}, {hi}] }}\n\
             [[outcomes]]\nid = \"fired\"\nwhen = \"e\"\n[[outcomes]]\nid = \"rest\"\n"
        )));
        assert!(s.integration.is_some());
        // P(fire) = E[1 - (1 - p)^horizon] over the drawn p.
        close(s.outcome_probability(0), want);
    }
}

#[test]
fn two_uncertain_probabilities_make_a_tensor_rule() {
    let s = exact(&inline(
        r#"
        [scenario]
        name = "Two uncertain"
        horizon = 6
        [[actors]]
        id = "x"
        name = "X"
        [[events]]
        id = "a"
        actor = "x"
        probability = { uniform = [0, 1] }
        [[events]]
        id = "b"
        actor = "x"
        probability = { uniform = [0, 0.5] }
        [[outcomes]]
        id = "both"
        when = "a and b"
        [[outcomes]]
        id = "rest"
        "#,
    ));
    // E[1 - (1 - p)^6] for p ~ U(0, 1) and p ~ U(0, 1/2).
    let pa = 1.0 - 1.0 / 7.0;
    let pb = 1.0 - 2.0 * (1.0 - 0.5f64.powi(7)) / 7.0;
    close(s.outcome_probability(0), pa * pb);
    close(s.event_probability(1), pb);
}

#[test]
fn terminal_outcome_at_step_zero_ends_every_trial() {
    let s = exact(&inline(
        r#"
        [scenario]
        name = "Over before it starts"
        horizon = 5
        [[actors]]
        id = "x"
        name = "X"
        [flags]
        already = true
        [[events]]
        id = "never"
        actor = "x"
        probability = 0.5
        [[outcomes]]
        id = "over"
        when = "already"
        [[outcomes]]
        id = "rest"
        "#,
    ));
    assert_eq!(s.outcome_probability(0), 1.0);
    assert_eq!(s.tally.outcome_steps[0].0, vec![(0, 1.0)]);
    assert_eq!(s.mean_times(0), 0.0);
}

#[test]
fn times_and_since_are_tracked() {
    // Eligible when it never fired or fired at least 2 steps ago: fires at steps 1, 3 and 5.
    let s = exact(&inline(
        r#"
        [scenario]
        name = "Pulse"
        horizon = 6
        [[actors]]
        id = "x"
        name = "X"
        [[events]]
        id = "pulse"
        actor = "x"
        probability = 1
        repeat = true
        when = "since(pulse) >= 2"
        [[outcomes]]
        id = "three"
        when = "times(pulse) == 3"
        [[outcomes]]
        id = "rest"
        "#,
    ));
    assert_eq!(s.outcome_probability(0), 1.0);
    assert_eq!(s.tally.outcome_steps[0].0, vec![(5, 1.0)]);
}

#[test]
fn amounts_drawn_at_each_firing_are_refused() {
    let err = solve(&scenario("random_amount.toml", &[]), &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event `battle`, branch \"heavy\": `add` to `losses` draws a normal amount at each \
         firing; its values are continuous, so the states cannot be listed exactly\n  \
         help: `brink exact` needs constant amounts; use `brink run` for this scenario"
    );
    let poisson = ["events.battle.branches.0.add.losses={ poisson = 2 }"];
    let err = solve(
        &scenario("random_amount.toml", &poisson),
        &Options::default(),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with(
        "event `battle`, branch \"heavy\": `add` to `losses` draws a Poisson amount at each \
         firing; its values are unbounded"
    ));
}

#[test]
fn too_many_states_is_an_error_not_an_exhausted_memory() {
    // k takes t + 1 values after step t: 6 states at step 5.
    let m = scenario("binomial.toml", &["scenario.horizon=10"]);
    let err = solve(&m, &Options { max_states: 5 }).unwrap_err();
    assert_eq!(err, ExactError::TooManyStates { max: 5, step: 5 });
    assert!(solve(&m, &Options { max_states: 11 }).is_ok());
}

#[test]
fn results_are_reproducible_bit_for_bit() {
    let m = scenario(
        "gamblers_ruin.toml",
        &["variables.wealth=4", "events.bet.branches.0.weight=0.47"],
    );
    let (a, b) = (exact(&m), exact(&m));
    let bits = |s: &Solution| {
        s.tally
            .outcome
            .iter()
            .map(|x| x.to_bits())
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(&a), bits(&b));
    assert_eq!(a.tally.outcome_steps, b.tally.outcome_steps);
}

#[test]
fn unread_variables_may_take_random_amounts() {
    // Nothing reads `losses`, so its normal draws cannot change a probability: solved, and the
    // variable is reported as not tracked.
    let m = scenario("random_amount.toml", &["outcomes.costly.when=battle"]);
    let s = exact(&m);
    close(s.outcome_probability(0), 1.0 - 0.5f64.powi(3));
    assert_eq!(s.untracked, vec![0]);
    assert_eq!(s.variable_stats(0), None);
}
