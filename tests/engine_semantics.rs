//! The trial semantics of docs/language.md, checked against exact answers at fixed seeds
//! (each estimate within 5 standard errors, so the tests are deterministic and can fail).

use crate::common;

use brink::engine::{RunConfig, run};
use brink::model::compile_given;
use common::engine::*;

#[test]
fn geometric_hazard() {
    let m = scenario(
        10,
        r#"
[[events]]
id = "e"
actor = "someone"
probability = 0.2

[[outcomes]]
id = "hit"
when = "e"
"#,
    );
    let n = 200_000;
    let r = go(&m, n, 1);
    assert_eq!(r.trials, n);
    assert_prob(
        r.outcomes[0].count,
        n,
        1.0 - 0.8f64.powi(10),
        "fired within 10",
    );
    let first = &r.events[0].first_step;
    assert_eq!(at_step(first, 0), 0);
    for k in 1..=10 {
        let want = 0.2 * 0.8f64.powi(k as i32 - 1);
        assert_prob(at_step(first, k), n, want, &format!("first at step {k}"));
    }
    // The terminal outcome happens at the firing step.
    assert_eq!(r.outcomes[0].steps, r.events[0].first_step);
}

#[test]
fn over_spreads_the_probability() {
    let body = r#"
[[events]]
id = "e"
actor = "someone"
probability = 0.5
over = 3
"#;
    for (horizon, want) in [(3, 0.5), (6, 0.75), (1, 1.0 - 0.5f64.powf(1.0 / 3.0))] {
        let r = go(&scenario(horizon, body), 100_000, 2);
        assert_prob(
            r.events[0].fired,
            100_000,
            want,
            &format!("horizon {horizon}"),
        );
    }
}

#[test]
fn an_event_enables_another_from_the_next_step_on() {
    let m = scenario(
        5,
        r#"
[[events]]
id = "first"
actor = "someone"
probability = 1

[[events]]
id = "second"
actor = "someone"
when = "first"
probability = 1

[[outcomes]]
id = "done"
when = "second"
"#,
    );
    let r = go(&m, 1000, 3);
    assert_eq!(r.events[0].first_step.percentile(0), Some(1));
    assert_eq!(r.events[0].first_step.percentile(100), Some(1));
    assert_eq!(r.events[1].first_step.percentile(0), Some(2));
    assert_eq!(r.events[1].first_step.percentile(100), Some(2));
    assert_eq!(r.outcomes[0].count, 1000);
    assert_eq!(r.outcomes[0].steps.percentile(50), Some(2));
}

#[test]
fn file_order_never_changes_which_events_fire() {
    // All three are eligible at the start of step 1, so all fire, although `b` makes `a` and
    // `c` ineligible: effects come after the firings are decided.
    let m = scenario(
        3,
        r#"
[flags]
stop = false

[[events]]
id = "a"
actor = "someone"
when = "not stop"
probability = 1

[[events]]
id = "b"
actor = "someone"
probability = 1
set = ["stop"]

[[events]]
id = "c"
actor = "someone"
when = "not stop"
probability = 1
"#,
    );
    let r = go(&m, 100, 4);
    assert_eq!(r.events[0].fired, 100);
    assert_eq!(r.events[2].fired, 100);
}

#[test]
fn a_chain_with_chances_respects_the_start_of_step_rule() {
    let m = scenario(
        2,
        r#"
[[events]]
id = "a"
actor = "someone"
probability = 0.5

[[events]]
id = "b"
actor = "someone"
when = "a"
probability = 0.5
"#,
    );
    let n = 100_000;
    let r = go(&m, n, 5);
    // b can only fire at step 2, after a fired at step 1.
    assert_eq!(r.events[1].first_step.percentile(0), Some(2));
    assert_prob(r.events[1].fired, n, 0.25, "b within 2 steps");
}

#[test]
fn modifiers_multiply_and_cap_at_one() {
    let m = scenario(
        1,
        r#"
[flags]
on = true
off = false

[[events]]
id = "doubled"
actor = "someone"
probability = 0.2
modifiers = [{ when = "on", factor = 2 }, { when = "off", factor = 100 }]

[[events]]
id = "capped"
actor = "someone"
probability = 0.2
modifiers = [{ when = "on", factor = 2 }, { when = "on", factor = 3 }]
"#,
    );
    let n = 100_000;
    let r = go(&m, n, 6);
    assert_prob(r.events[0].fired, n, 0.4, "0.2 * 2");
    assert_eq!(r.events[1].fired, n, "min(1, 0.2 * 2 * 3)");
}

#[test]
fn a_modifier_switched_on_mid_trial_changes_the_chance_from_the_next_step() {
    let m = scenario(
        2,
        r#"
[flags]
alarm = false

[[events]]
id = "raise"
actor = "someone"
probability = 1
set = ["alarm"]

[[events]]
id = "react"
actor = "someone"
probability = 0.1
modifiers = [{ when = "alarm", factor = 5 }]
"#,
    );
    let n = 200_000;
    let r = go(&m, n, 7);
    // Step 1 at 0.1 (the flag is set during step 1), step 2 at 0.5.
    assert_prob(r.events[1].fired, n, 1.0 - 0.9 * 0.5, "react within 2");
}

#[test]
fn a_die_from_a_fair_coin() {
    // Knuth and Yao's die: one coin flip per step moves between states 0..=6; states 7..=12
    // are the faces 1..=6.
    let moves = [(1, 2), (3, 4), (5, 6), (1, 7), (8, 9), (10, 11), (12, 2)];
    let mut body = String::from("[variables]\nstate = { initial = 0, min = 0, max = 12 }\n");
    for (from, (heads, tails)) in moves.iter().enumerate() {
        body.push_str(&format!(
            "\n[[events]]\nid = \"flip{from}\"\nactor = \"someone\"\nwhen = \"state == {from}\"\n\
             probability = 1\nrepeat = true\nbranches = [\n  \
             {{ weight = 1, label = \"heads\", assign = {{ state = {heads} }} }},\n  \
             {{ weight = 1, label = \"tails\", assign = {{ state = {tails} }} }},\n]\n"
        ));
    }
    for face in 1..=6 {
        body.push_str(&format!(
            "\n[[outcomes]]\nid = \"face{face}\"\nwhen = \"state == {}\"\n",
            6 + face
        ));
    }
    let m = scenario(300, &body);
    let n = 120_000;
    let r = go(&m, n, 8);
    for face in 0..6 {
        assert_prob(
            r.outcomes[face].count,
            n,
            1.0 / 6.0,
            &format!("face {}", face + 1),
        );
    }
    assert_eq!(r.outcomes[6].count, 0, "every trial ends on a face");
    for e in &r.events {
        let total: u64 = e.branches.iter().sum();
        assert_eq!(total, e.times);
        assert_prob(e.branches[0], total, 0.5, "heads");
    }
}

#[test]
fn a_repeatable_add_is_binomial_at_the_horizon() {
    let m = scenario(
        20,
        r#"
[variables]
x = 0

[[events]]
id = "tick"
actor = "someone"
probability = 0.3
repeat = true
add = { x = 1 }

[[outcomes]]
id = "many"
when = "x >= 8"
terminal = false
"#,
    );
    let n = 100_000;
    let r = go(&m, n, 9);
    let binom = |k: u64| {
        let mut c = 1.0;
        for i in 0..k {
            c = c * (20 - i) as f64 / (i + 1) as f64;
        }
        c * 0.3f64.powi(k as i32) * 0.7f64.powi(20 - k as i32)
    };
    let tail: f64 = (8..=20).map(binom).sum();
    assert_prob(r.outcomes[0].count, n, tail, "P(Bin(20, 0.3) >= 8)");
    // Judged at the horizon: its step is always the horizon.
    assert_eq!(r.outcomes[0].steps.percentile(0), Some(20));
    let mean = r.variables[0].mean().unwrap();
    let se = (20.0 * 0.3 * 0.7 / n as f64).sqrt();
    assert!((mean - 6.0).abs() < 5.0 * se, "mean {mean}");
    assert_eq!(r.events[0].times as f64, mean * n as f64);
    assert!(!r.variables[0].approximate());
}

#[test]
fn adds_and_assigns_clamp_one_at_a_time() {
    let m = scenario(
        1,
        r#"
[variables]
x = { initial = 5, min = 0, max = 10 }
y = { initial = 5, min = 0, max = 10 }
z = { initial = 5, min = 0, max = 10 }

# x: +8 clamps to 10, then -3 gives 7 (not 10).
[[events]]
id = "up"
actor = "someone"
probability = 1
add = { x = 8 }

[[events]]
id = "down"
actor = "someone"
probability = 1
add = { x = -3 }

# The event's own effects, then its branch's: y = 5 + 100 -> 10, then - 15 -> 0 (the other
# order would give 10); z = 2, then - 5 -> 0 (the other order would give 2).
[[events]]
id = "mixed"
actor = "someone"
probability = 1
add = { y = 100 }
assign = { z = 2 }
branches = [{ weight = 1, label = "only", add = { y = -15, z = -5 } }]
"#,
    );
    let r = go(&m, 10, 10);
    assert_eq!(
        r.variables[0].percentiles(&[0, 100]),
        vec![Some(7.0), Some(7.0)]
    );
    assert_eq!(
        r.variables[1].percentiles(&[0, 100]),
        vec![Some(0.0), Some(0.0)]
    );
    assert_eq!(
        r.variables[2].percentiles(&[0, 100]),
        vec![Some(0.0), Some(0.0)]
    );
}

#[test]
fn when_events_write_the_same_flag_in_one_step_the_last_in_file_order_wins() {
    let m = scenario(
        1,
        r#"
[flags]
f = false
g = true

[[events]]
id = "set_f"
actor = "someone"
probability = 1
set = ["f"]

[[events]]
id = "clear_f"
actor = "someone"
probability = 1
clear = ["f"]

[[events]]
id = "clear_g"
actor = "someone"
probability = 1
clear = ["g"]

[[events]]
id = "set_g"
actor = "someone"
probability = 1
set = ["g"]

[[outcomes]]
id = "f_and_not_g"
when = "f and not g"

[[outcomes]]
id = "g_and_not_f"
when = "g and not f"
"#,
    );
    let r = go(&m, 10, 11);
    assert_eq!(r.outcomes[1].count, 10);
}

#[test]
fn when_two_terminal_outcomes_hold_the_first_in_file_order_wins() {
    for (first, second) in [("by_g", "by_f"), ("by_f", "by_g")] {
        let when = |id: &str| if id == "by_g" { "g" } else { "f" };
        let m = scenario(
            5,
            &format!(
                r#"
[flags]
f = false
g = false

[[events]]
id = "both"
actor = "someone"
probability = 0.5
set = ["f", "g"]

[[outcomes]]
id = "{first}"
when = "{}"

[[outcomes]]
id = "{second}"
when = "{}"
"#,
                when(first),
                when(second)
            ),
        );
        let r = go(&m, 10_000, 12);
        assert_eq!(r.outcomes[1].count, 0);
        assert_eq!(r.outcomes[0].count + r.outcomes[2].count, 10_000);
        assert_prob(
            r.outcomes[0].count,
            10_000,
            1.0 - 0.5f64.powi(5),
            "first wins",
        );
    }
}

#[test]
fn a_terminal_outcome_holding_at_the_start_ends_every_trial_at_step_0() {
    let m = scenario(
        5,
        r#"
[flags]
already = true

[[events]]
id = "e"
actor = "someone"
probability = 1

[[outcomes]]
id = "over"
when = "already"
"#,
    );
    let r = go(&m, 100, 13);
    assert_eq!(r.outcomes[0].count, 100);
    assert_eq!(r.outcomes[0].steps.percentile(100), Some(0));
    assert_eq!(r.events[0].fired, 0);
}

#[test]
fn times_and_since_follow_the_steps() {
    let m = scenario(
        10,
        r#"
[[events]]
id = "first"
actor = "someone"
probability = 1

# since(first) at the start of step t is t - 1: eligible from step 4.
[[events]]
id = "later"
actor = "someone"
when = "first and since(first) >= 3"
probability = 1

[[events]]
id = "tick"
actor = "someone"
probability = 1
repeat = true

[[outcomes]]
id = "later_done"
when = "later"
"#,
    );
    let r = go(&m, 100, 14);
    assert_eq!(r.events[1].first_step.percentile(0), Some(4));
    assert_eq!(r.outcomes[0].steps.percentile(100), Some(4));
    assert_eq!(r.events[2].times, 400, "tick fires in steps 1..=4");

    // In the terminal check, `since` of an event that just fired is 0 and `times` counts it.
    let m = scenario(
        10,
        r#"
[[events]]
id = "tick"
actor = "someone"
probability = 1
repeat = true

[[outcomes]]
id = "third"
when = "times(tick) >= 3 and since(tick) == 0"
"#,
    );
    let r = go(&m, 100, 15);
    assert_eq!(r.outcomes[0].count, 100);
    assert_eq!(r.outcomes[0].steps.percentile(50), Some(3));

    // `step` is t during step t, and the horizon at the end.
    let m = scenario(
        6,
        r#"
[[outcomes]]
id = "late"
when = "step >= 4"

[[outcomes]]
id = "at_end"
when = "step == 6"
terminal = false
"#,
    );
    let r = go(&m, 10, 16);
    assert_eq!(r.outcomes[0].count, 10);
    assert_eq!(r.outcomes[0].steps.percentile(50), Some(4));
    let m = scenario(
        6,
        r#"
[[outcomes]]
id = "at_end"
when = "step == 6"
terminal = false
"#,
    );
    assert_eq!(go(&m, 10, 16).outcomes[0].count, 10);
}

#[test]
fn time_conditions_are_seen_at_the_step_they_change() {
    // The engine looks at a comparison of time with a number only where it can change value;
    // a window one step wide, a use of time in arithmetic (looked at every step) and a terminal
    // outcome on `step` must still be seen at exactly their step.
    let m = scenario(
        12,
        r#"
[[events]]
id = "start"
actor = "someone"
when = "step >= 2"
probability = 1

# since(start) is t - 2 at the start of step t.
[[events]]
id = "window"
actor = "someone"
when = "since(start) == 3"
probability = 1

[[events]]
id = "sum"
actor = "someone"
when = "since(start) * 1 + 0 == 4"
probability = 1

[[events]]
id = "missed"
actor = "someone"
when = "since(start) > 2.5 and since(start) < 3"
probability = 1

[[outcomes]]
id = "seventh"
when = "step == 7 and sum"
"#,
    );
    let r = go(&m, 50, 31);
    let first = |e: usize| {
        let s = &r.events[e].first_step;
        (s.total(), s.percentile(0), s.percentile(100))
    };
    assert_eq!(first(0), (50, Some(2), Some(2)));
    assert_eq!(first(1), (50, Some(5), Some(5)));
    assert_eq!(first(2), (50, Some(6), Some(6)));
    assert_eq!(first(3), (0, None, None));
    assert_eq!(r.outcomes[0].count, 50);
    assert_eq!(r.outcomes[0].steps.percentile(50), Some(7));
}

#[test]
fn a_drawn_probability_is_drawn_once_per_trial() {
    // Over two steps, P(fire) = 1 - E[(1 - p)^2], not 1 - (1 - E[p])^2.
    for (alpha, beta) in [(1.0f64, 1.0f64), (2.0, 5.0)] {
        let m = scenario(
            2,
            &format!(
                "[[events]]\nid = \"e\"\nactor = \"someone\"\nprobability = {{ beta = [{alpha}, {beta}] }}\n"
            ),
        );
        let n = 200_000;
        let r = go(&m, n, 17);
        let once = 1.0 - beta * (beta + 1.0) / ((alpha + beta) * (alpha + beta + 1.0));
        let per_step = 1.0 - (beta / (alpha + beta)).powi(2);
        assert_prob(r.events[0].fired, n, once, "drawn once");
        assert!(!within_5se(r.events[0].fired, n, per_step), "not redrawn");
    }
}

#[test]
fn a_modified_drawn_probability_is_rescaled_in_each_trial() {
    // Re-checked every step (arithmetic on `step`) with the same factor each time: the hazard for
    // the factor is worked out once per trial, never carried over from another trial's draw.
    // p ~ U(0, 1), chance p/2 per step over 3 steps: P(fire) = 1 - E[(1 - p/2)^3] = 17/32.
    let m = scenario(
        3,
        r#"
[[events]]
id = "e"
actor = "someone"
when = "step * 1 >= 1"
probability = { beta = [1, 1] }
modifiers = [{ when = "step * 1 >= 1", factor = 0.5 }]
"#,
    );
    let n = 200_000;
    let r = go(&m, n, 29);
    assert_prob(r.events[0].fired, n, 17.0 / 32.0, "fired within 3");
    assert_prob(
        at_step(&r.events[0].first_step, 1),
        n,
        0.25,
        "first at step 1",
    );
}

#[test]
fn gamblers_ruin() {
    let m = scenario(
        5000,
        r#"
[variables]
stake = { initial = 3, min = 0, max = 10 }

[[events]]
id = "bet"
actor = "someone"
probability = 1
repeat = true
branches = [
  { weight = 1, label = "win", add = { stake = 1 } },
  { weight = 1, label = "lose", add = { stake = -1 } },
]

[[outcomes]]
id = "ruin"
when = "stake <= 0"

[[outcomes]]
id = "rich"
when = "stake >= 10"
"#,
    );
    let n = 100_000;
    let r = go(&m, n, 18);
    assert_prob(r.outcomes[0].count, n, 0.7, "ruin");
    assert_eq!(r.outcomes[0].count + r.outcomes[1].count, n);
}

#[test]
fn random_amounts_are_drawn_at_each_firing() {
    let m = scenario(
        10,
        r#"
[variables]
x = 0

[[events]]
id = "rain"
actor = "someone"
probability = 1
repeat = true
add = { x = { poisson = 2 } }
"#,
    );
    let n = 50_000;
    let r = go(&m, n, 19);
    // The sum of 10 Poisson(2) is Poisson(20): mean 20, sd of the mean sqrt(20 / n).
    let mean = r.variables[0].mean().unwrap();
    assert!(
        (mean - 20.0).abs() < 5.0 * (20.0 / n as f64).sqrt(),
        "{mean}"
    );
    // Not one draw reused for the trial: the spread is Poisson(20)'s, not 10 * Poisson(2)'s.
    let q = r.variables[0].percentiles(&[5, 95]);
    let (p5, p95) = (q[0].unwrap(), q[1].unwrap());
    assert!(
        (12.0..=14.0).contains(&p5) && (27.0..=29.0).contains(&p95),
        "{p5} {p95}"
    );
}

#[test]
fn given_keeps_only_matching_trials() {
    let m = scenario(
        1,
        r#"
[[events]]
id = "x"
actor = "someone"
probability = 0.5

[[events]]
id = "y"
actor = "someone"
probability = 0.5
"#,
    );
    let mut cfg = RunConfig::new(100_000, 20);
    cfg.given = Some(compile_given(&m, "x").unwrap());
    let r = run(&m, &cfg);
    assert_eq!(r.trials, 100_000);
    assert_eq!(r.kept, r.events[0].fired);
    assert_prob(r.kept, r.trials, 0.5, "kept");
    assert_prob(r.events[1].fired, r.kept, 0.5, "y given x: independent");

    // Outcome ids read as "ended in this outcome".
    let m = scenario(
        1,
        r#"
[[events]]
id = "x"
actor = "someone"
probability = 0.3

[[outcomes]]
id = "hit"
when = "x"
"#,
    );
    let mut cfg = RunConfig::new(10_000, 21);
    cfg.given = Some(compile_given(&m, "other").unwrap());
    let r = run(&m, &cfg);
    assert_eq!(r.kept, r.outcomes[1].count);
    assert_eq!(r.outcomes[0].count, 0);
    let all = run(&m, &RunConfig::new(10_000, 21));
    assert_eq!(r.kept + all.outcomes[0].count, 10_000);
}

#[test]
fn actors_act_when_any_of_their_events_fires() {
    let m = load(
        r#"
[scenario]
name = "actors"
horizon = 1

[[actors]]
id = "one"
name = "One"

[[actors]]
id = "two"
name = "Two"

[[events]]
id = "a"
actor = "one"
probability = 0.5

[[events]]
id = "b"
actor = "two"
probability = 0.5

[[events]]
id = "c"
actor = "two"
probability = 0.5

[[outcomes]]
id = "other"
"#,
    );
    let n = 100_000;
    let r = go(&m, n, 22);
    assert_prob(r.actors[0], n, 0.5, "one event");
    assert_prob(r.actors[1], n, 0.75, "either of two");
}

#[test]
fn paths_are_once_only_events_in_order_with_their_outcomes() {
    let m = scenario(
        3,
        r#"
[[events]]
id = "a"
actor = "someone"
probability = 1

[[events]]
id = "b"
actor = "someone"
when = "a"
probability = 1

[[events]]
id = "r"
actor = "someone"
probability = 1
repeat = true

[[events]]
id = "c"
actor = "someone"
when = "b"
probability = 0.5

[[outcomes]]
id = "c_done"
when = "c"
"#,
    );
    let n = 10_000;
    let r = go(&m, n, 23);
    let names: Vec<&str> = m.events.iter().map(|e| e.id.as_str()).collect();
    let top = r.paths.top(10, &names);
    let paths: Vec<Vec<&str>> = top
        .iter()
        .map(|p| p.events.iter().map(|&e| names[e as usize]).collect())
        .collect();
    // a at step 1, b at step 2, then c at step 3 with chance 0.5; the repeatable r never counts.
    assert_eq!(paths.len(), 2);
    assert!(paths.contains(&vec!["a", "b", "c"]) && paths.contains(&vec!["a", "b"]));
    for p in &top {
        let o = if p.events.len() == 3 { 0 } else { 1 };
        assert_eq!(p.outcomes[o], p.count);
    }
    assert_eq!(top.iter().map(|p| p.count).sum::<u64>(), n);
    assert_prob(
        top.iter().find(|p| p.events.len() == 3).unwrap().count,
        n,
        0.5,
        "c",
    );
}

#[test]
fn extends_set_and_command_line_set_apply_in_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.toml"),
        r#"
[scenario]
name = "base"
horizon = 1

[[actors]]
id = "someone"
name = "Someone"

[[events]]
id = "e"
actor = "someone"
probability = 0.1

[[outcomes]]
id = "other"
"#,
    )
    .unwrap();
    let child = dir.path().join("child.toml");
    std::fs::write(
        &child,
        r#"
extends = "base.toml"

[scenario]
name = "child"

[set]
"events.e.probability" = 0.5
"#,
    )
    .unwrap();
    let n = 100_000;
    let m = brink::model::load(&child, &[]).unwrap().model;
    assert_prob(go(&m, n, 24).events[0].fired, n, 0.5, "the child's [set]");
    let set = ["events.e.probability=0.8".to_string()];
    let m = brink::model::load(&child, &set).unwrap().model;
    assert_prob(go(&m, n, 24).events[0].fired, n, 0.8, "--set after [set]");
}

#[test]
fn an_event_that_waits_for_another_not_to_have_fired_stops_the_step_after() {
    let m = scenario(
        10,
        r#"
[[events]]
id = "start"
actor = "someone"
probability = 1

[[events]]
id = "stopper"
actor = "someone"
when = "start"
probability = 1

[[events]]
id = "tick"
actor = "someone"
when = "not stopper"
probability = 1
repeat = true
"#,
    );
    let r = go(&m, 100, 25);
    // start at step 1, stopper at step 2, so tick fires in steps 1 and 2 only.
    assert_eq!(r.events[1].first_step.percentile(0), Some(2));
    assert_eq!(r.events[2].times, 200);
}

#[test]
fn probability_adjustments_apply_before_over() {
    use brink::engine::ProbAdjust;
    let m = scenario(
        2,
        r#"
[[events]]
id = "plain"
actor = "someone"
probability = 0.2

[[events]]
id = "spread"
actor = "someone"
probability = 0.3
over = 2

[[events]]
id = "drawn"
actor = "someone"
probability = { uniform = [0.2, 0.4] }
"#,
    );
    let n = 100_000;
    let adjusted = |adjust: Vec<(usize, ProbAdjust)>| {
        let mut cfg = RunConfig::new(n, 26);
        cfg.adjust = adjust;
        run(&m, &cfg)
    };
    // Doubled: 0.4 per step over two steps.
    let r = adjusted(vec![(0, ProbAdjust::Scale(2.0))]);
    assert_prob(r.events[0].fired, n, 1.0 - 0.6f64.powi(2), "doubled");
    // Scaled before `over`: 0.6 within two steps, not 1 - (1 - 2 q)^2.
    let r = adjusted(vec![(1, ProbAdjust::Scale(2.0))]);
    assert_prob(r.events[1].fired, n, 0.6, "doubled before over");
    // Capped at 1, fixed at 0, and applied to a drawn value (a later entry wins).
    let r = adjusted(vec![
        (0, ProbAdjust::Scale(10.0)),
        (1, ProbAdjust::Fixed(0.0)),
        (2, ProbAdjust::Fixed(0.5)),
        (2, ProbAdjust::Fixed(1.0)),
    ]);
    assert_eq!(r.events[0].fired, n);
    assert_eq!(r.events[1].fired, 0);
    assert_eq!(r.events[2].fired, n);
    // Halving a drawn value: E[1 - (1 - p/2)^2] with p ~ U(0.2, 0.4), p/2 ~ U(0.1, 0.2).
    let r = adjusted(vec![(2, ProbAdjust::Scale(0.5))]);
    let want = 1.0 - (0.9f64.powi(3) - 0.8f64.powi(3)) / (3.0 * 0.1);
    assert_prob(r.events[2].fired, n, want, "halved draw");
}
