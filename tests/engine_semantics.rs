//! The trial semantics of format.md section 5, checked against exact answers at fixed seeds
//! (each estimate within 5 standard errors, so the tests are deterministic and can fail).

mod engine_support;

use brink::engine::{RunConfig, RunResult, run};
use brink::model::{Dist, Effects, Model};
use engine_support::*;

fn go(model: &Model, trials: u64, seed: u64) -> RunResult {
    let mut cfg = RunConfig::new(trials, seed);
    cfg.threads = Some(2);
    run(model, &cfg)
}

#[test]
fn geometric_hazard() {
    let mut b = Builder::new(10);
    b.event("e", p(0.2));
    b.outcome("hit", fired(0), true);
    let m = b.build();
    let n = 200_000;
    let r = go(&m, n, 1);
    assert_eq!(r.trials, n);
    assert_prob(
        r.outcomes[0].count,
        n,
        1.0 - 0.8f64.powi(10),
        "fired within 10",
    );
    // The step of the first firing is geometric.
    let by_step: Vec<u64> = (0..=10)
        .map(|s| {
            r.events[0]
                .first_step
                .iter()
                .find(|(t, _)| *t == s)
                .map_or(0, |(_, c)| c)
        })
        .collect();
    assert_eq!(by_step[0], 0);
    for k in 1..=10 {
        let want = 0.2 * 0.8f64.powi(k - 1);
        assert_prob(by_step[k as usize], n, want, &format!("first at step {k}"));
    }
    // The terminal outcome happens at the firing step.
    assert_eq!(r.outcomes[0].steps, r.events[0].first_step);
}

#[test]
fn over_spreads_the_probability() {
    for (horizon, want) in [(3, 0.5), (6, 0.75), (1, 1.0 - 0.5f64.powf(1.0 / 3.0))] {
        let mut b = Builder::new(horizon);
        b.event("e", p(0.5)).over = 3;
        let m = b.build();
        let r = go(&m, 100_000, 2);
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
    let mut b = Builder::new(5);
    b.event("a", p(1.0));
    b.event("b", p(1.0)).when = fired(0).program();
    b.outcome("done", fired(1), true);
    let m = b.build();
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
    // Both are eligible at the start of step 1, so both fire, although `b` disables `a`...
    let mut b = Builder::new(3);
    let f = b.flag("stop", false);
    b.event("a", p(1.0)).when = not(flag(f)).program();
    b.event("b", p(1.0)).effects = sets(&[f]);
    // ... and `b` set before `a` would not matter either: the effects come after the firing.
    b.event("c", p(1.0)).when = not(flag(f)).program();
    let m = b.build();
    let r = go(&m, 100, 4);
    assert_eq!(r.events[0].fired, 100);
    assert_eq!(r.events[2].fired, 100);
}

#[test]
fn a_chain_with_chances_respects_the_start_of_step_rule() {
    // With p = 0.5 each, b first fires at least one step after a.
    let mut b = Builder::new(2);
    b.event("a", p(0.5));
    b.event("b", p(0.5)).when = fired(0).program();
    let m = b.build();
    let n = 100_000;
    let r = go(&m, n, 5);
    // b can only fire at step 2, after a fired at step 1.
    assert_eq!(r.events[1].first_step.percentile(0), Some(2));
    assert_prob(r.events[1].fired, n, 0.25, "b within 2 steps");
}

#[test]
fn modifiers_multiply_and_cap_at_one() {
    let mut b = Builder::new(1);
    let on = b.flag("on", true);
    let off = b.flag("off", false);
    let e = b.event("doubled", p(0.2));
    e.modifiers = vec![modifier(flag(on), 2.0), modifier(flag(off), 100.0)];
    let e = b.event("capped", p(0.2));
    e.modifiers = vec![modifier(flag(on), 2.0), modifier(flag(on), 3.0)];
    let m = b.build();
    let n = 100_000;
    let r = go(&m, n, 6);
    assert_prob(r.events[0].fired, n, 0.4, "0.2 * 2");
    assert_eq!(r.events[1].fired, n, "min(1, 0.2 * 2 * 3)");
}

#[test]
fn a_modifier_switched_on_mid_trial_changes_the_chance_from_the_next_step() {
    let mut b = Builder::new(2);
    let f = b.flag("alarm", false);
    b.event("raise", p(1.0)).effects = sets(&[f]);
    b.event("react", p(0.1)).modifiers = vec![modifier(flag(f), 5.0)];
    let m = b.build();
    let n = 200_000;
    let r = go(&m, n, 7);
    // Step 1 at 0.1 (the flag is set during step 1), step 2 at 0.5.
    assert_prob(r.events[1].fired, n, 1.0 - 0.9 * 0.5, "react within 2");
}

#[test]
fn a_die_from_a_fair_coin() {
    // Knuth and Yao's die: a coin flip per step moves between states 0..=6; states 7..=12 are
    // the faces 1..=6.
    let mut b = Builder::new(300);
    let s = b.var("state", 0.0, 0.0, 12.0);
    let moves: [(f64, f64); 7] = [
        (1.0, 2.0),
        (3.0, 4.0),
        (5.0, 6.0),
        (1.0, 7.0),
        (8.0, 9.0),
        (10.0, 11.0),
        (12.0, 2.0),
    ];
    for (from, (heads, tails)) in moves.iter().enumerate() {
        let e = b.event(&format!("flip{from}"), p(1.0));
        e.repeat = true;
        e.when = eq(var(s), num(from as f64)).program();
        let to = |v: f64| Effects {
            assign: vec![(s as usize, v)],
            ..Effects::default()
        };
        e.branches = vec![
            branch(1.0, "heads", to(*heads)),
            branch(1.0, "tails", to(*tails)),
        ];
    }
    for face in 1..=6 {
        b.outcome(
            &format!("face{face}"),
            eq(var(s), num(6.0 + face as f64)),
            true,
        );
    }
    let m = b.build();
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
    // Each flip event takes each branch half the time.
    for e in &r.events {
        let total: u64 = e.branches.iter().sum();
        assert_eq!(total, e.times);
        assert_prob(e.branches[0], total, 0.5, "heads");
    }
}

#[test]
fn a_repeatable_add_is_binomial_at_the_horizon() {
    let mut b = Builder::new(20);
    let x = b.var("x", 0.0, f64::NEG_INFINITY, f64::INFINITY);
    let e = b.event("tick", p(0.3));
    e.repeat = true;
    e.effects.add = vec![(x as usize, Dist::Const(1.0))];
    b.outcome("many", ge(var(x), num(8.0)), false);
    let m = b.build();
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
    let mut b = Builder::new(1);
    let x = b.var("x", 5.0, 0.0, 10.0);
    let y = b.var("y", 5.0, 0.0, 10.0);
    // x: +8 clamps to 10, then -3 gives 7 (not 10).
    b.event("a", p(1.0)).effects.add = vec![(x as usize, Dist::Const(8.0))];
    b.event("b", p(1.0)).effects.add = vec![(x as usize, Dist::Const(-3.0))];
    // y: the event's add, then its assign, then the branch's add.
    let e = b.event("c", p(1.0));
    e.effects.add = vec![(y as usize, Dist::Const(100.0))];
    e.effects.assign = vec![(y as usize, 2.0)];
    e.branches = vec![branch(
        1.0,
        "only",
        Effects {
            add: vec![(y as usize, Dist::Const(-5.0))],
            ..Effects::default()
        },
    )];
    let m = b.build();
    let r = go(&m, 10, 10);
    assert_eq!(
        r.variables[0].percentiles(&[0, 100]),
        vec![Some(7.0), Some(7.0)]
    );
    assert_eq!(
        r.variables[1].percentiles(&[0, 100]),
        vec![Some(0.0), Some(0.0)]
    );
}

#[test]
fn when_two_terminal_outcomes_hold_the_first_in_file_order_wins() {
    for first_is_g in [true, false] {
        let mut b = Builder::new(5);
        let f = b.flag("f", false);
        let g = b.flag("g", false);
        b.event("both", p(0.5)).effects = sets(&[f, g]);
        if first_is_g {
            b.outcome("by_g", flag(g), true);
            b.outcome("by_f", flag(f), true);
        } else {
            b.outcome("by_f", flag(f), true);
            b.outcome("by_g", flag(g), true);
        }
        let m = b.build();
        let r = go(&m, 10_000, 11);
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
    let mut b = Builder::new(5);
    let f = b.flag("already", true);
    b.event("e", p(1.0));
    b.outcome("over", flag(f), true);
    let m = b.build();
    let r = go(&m, 100, 12);
    assert_eq!(r.outcomes[0].count, 100);
    assert_eq!(r.outcomes[0].steps.percentile(100), Some(0));
    assert_eq!(r.events[0].fired, 0);
}

#[test]
fn times_and_since_follow_the_steps() {
    let mut b = Builder::new(10);
    b.event("a", p(1.0));
    // since(a) at the start of step t is t - 1: eligible from step 4.
    b.event("b", p(1.0)).when = and(fired(0), ge(since(0), num(3.0))).program();
    let c = b.event("c", p(1.0));
    c.repeat = true;
    b.outcome("b_done", fired(1), true);
    let m = b.build();
    let r = go(&m, 100, 13);
    assert_eq!(r.events[1].first_step.percentile(0), Some(4));
    assert_eq!(r.outcomes[0].steps.percentile(100), Some(4));
    assert_eq!(r.events[2].times, 400, "c fires in steps 1..=4");

    // In the terminal check, `since` of an event that just fired is 0 and `times` counts it.
    let mut b = Builder::new(10);
    let c = b.event("c", p(1.0));
    c.repeat = true;
    b.outcome(
        "third",
        and(ge(times(0), num(3.0)), eq(since(0), num(0.0))),
        true,
    );
    let m = b.build();
    let r = go(&m, 100, 14);
    assert_eq!(r.outcomes[0].count, 100);
    assert_eq!(r.outcomes[0].steps.percentile(50), Some(3));

    // `step` is t during step t and the horizon at the end.
    let mut b = Builder::new(6);
    b.outcome("late", ge(step(), num(4.0)), true);
    b.outcome("at_end", eq(step(), num(6.0)), false);
    let m = b.build();
    let r = go(&m, 10, 15);
    assert_eq!(r.outcomes[0].count, 10);
    assert_eq!(r.outcomes[0].steps.percentile(50), Some(4));
}

#[test]
fn a_drawn_probability_is_drawn_once_per_trial() {
    // Over two steps, P(fire) = 1 - E[(1 - p)^2], not 1 - (1 - E[p])^2.
    for (alpha, beta) in [(1.0, 1.0), (2.0, 5.0)] {
        let mut b = Builder::new(2);
        b.event("e", Dist::Beta { alpha, beta });
        let m = b.build();
        let n = 200_000;
        let r = go(&m, n, 16);
        let once = 1.0 - beta * (beta + 1.0) / ((alpha + beta) * (alpha + beta + 1.0));
        let per_step = 1.0 - (beta / (alpha + beta)).powi(2);
        assert_prob(r.events[0].fired, n, once, "drawn once");
        assert!(!within_5se(r.events[0].fired, n, per_step), "not redrawn");
    }
}

#[test]
fn gamblers_ruin() {
    let mut b = Builder::new(5000);
    let x = b.var("stake", 3.0, 0.0, 10.0);
    let e = b.event("bet", p(1.0));
    e.repeat = true;
    let by = |d: f64| Effects {
        add: vec![(x as usize, Dist::Const(d))],
        ..Effects::default()
    };
    e.branches = vec![branch(1.0, "win", by(1.0)), branch(1.0, "lose", by(-1.0))];
    b.outcome("ruin", le(var(x), num(0.0)), true);
    b.outcome("rich", ge(var(x), num(10.0)), true);
    let m = b.build();
    let n = 100_000;
    let r = go(&m, n, 17);
    assert_prob(r.outcomes[0].count, n, 0.7, "ruin");
    assert_eq!(r.outcomes[0].count + r.outcomes[1].count, n);
}

#[test]
fn random_amounts_are_drawn_at_each_firing() {
    let mut b = Builder::new(10);
    let x = b.var("x", 0.0, f64::NEG_INFINITY, f64::INFINITY);
    let e = b.event("rain", p(1.0));
    e.repeat = true;
    e.effects.add = vec![(x as usize, Dist::Poisson { lambda: 2.0 })];
    let m = b.build();
    let n = 50_000;
    let r = go(&m, n, 18);
    // Sum of 10 Poisson(2) is Poisson(20): mean 20, sd of the mean sqrt(20 / n).
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
    let mut b = Builder::new(1);
    b.event("a", p(0.5));
    b.event("b", p(0.5));
    let m = b.build();
    let mut cfg = RunConfig::new(100_000, 19);
    cfg.given = Some(fired(0).program());
    let r = run(&m, &cfg);
    assert_eq!(r.trials, 100_000);
    assert_eq!(r.kept, r.events[0].fired);
    assert_prob(r.kept, r.trials, 0.5, "kept");
    assert_prob(r.events[1].fired, r.kept, 0.5, "b given a: independent");

    // Outcome ids read as "ended in this outcome".
    let mut b = Builder::new(1);
    b.event("a", p(0.3));
    b.outcome("hit", fired(0), true);
    let m = b.build();
    let mut cfg = RunConfig::new(10_000, 20);
    cfg.given = Some(outcome(1).program());
    let r = run(&m, &cfg);
    assert_eq!(r.kept, r.outcomes[1].count);
    assert_eq!(r.outcomes[0].count, 0);
    assert_eq!(
        r.kept + run(&m, &RunConfig::new(10_000, 20)).outcomes[0].count,
        10_000
    );
}

#[test]
fn actors_act_when_any_of_their_events_fires() {
    let mut b = Builder::new(1);
    let other = b.actor("other");
    b.event("a", p(0.5));
    b.event("b", p(0.5)).actor = other;
    b.event("c", p(0.5)).actor = other;
    let m = b.build();
    let n = 100_000;
    let r = go(&m, n, 21);
    assert_prob(r.actors[0], n, 0.5, "one event");
    assert_prob(r.actors[1], n, 0.75, "either of two");
}

#[test]
fn paths_are_once_only_events_in_order_with_their_outcomes() {
    let mut b = Builder::new(3);
    b.event("a", p(1.0));
    b.event("b", p(1.0)).when = fired(0).program();
    b.event("r", p(1.0)).repeat = true;
    b.event("c", p(0.5)).when = fired(1).program();
    b.outcome("c_done", fired(3), true);
    let m = b.build();
    let n = 10_000;
    let r = go(&m, n, 22);
    let names: Vec<&str> = m.events.iter().map(|e| e.id.as_str()).collect();
    let top = r.paths.top(10, &names);
    assert_eq!(top.len(), 2);
    // a then b then c (c at step 3 with chance 0.5), else a then b.
    let paths: Vec<Vec<&str>> = top
        .iter()
        .map(|p| p.events.iter().map(|&e| names[e as usize]).collect())
        .collect();
    assert!(paths.contains(&vec!["a", "b", "c"]) && paths.contains(&vec!["a", "b"]));
    for p in &top {
        let o = if p.events.len() == 3 { 0 } else { 1 };
        assert_eq!(p.outcomes[o], p.count);
    }
    assert_eq!(top.iter().map(|p| p.count).sum::<u64>(), n);
}
