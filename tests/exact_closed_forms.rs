//! The exact solver against closed forms, to 1e-9.

mod exact_common;

use brink::analysis::exact::{ExactError, Options, Solution, solve};
use brink::expr::{Op, Program};
use brink::model::{Dist, Effects, Model};
use exact_common::*;

fn run(m: &Model) -> Solution {
    solve(m, &Options::default()).expect("solvable")
}

fn binom(n: u64, k: u64) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// One once-only event with chance `p` and a terminal outcome on it.
fn hazard(p: f64, horizon: u32) -> Model {
    let mut m = model(horizon);
    let e = add_event(&mut m, "strike", p);
    add_outcome(&mut m, "hit", fired(e), true);
    add_catch_all(&mut m);
    m
}

#[test]
fn geometric_hazard() {
    for (p, h) in [(0.1, 20), (0.37, 7), (0.01, 240)] {
        let s = run(&hazard(p, h));
        assert_close(s.tally.outcome[0], 1.0 - (1.0 - p).powi(h as i32));
        assert_close(s.tally.outcome[1], (1.0 - p).powi(h as i32));
    }
    // Step distribution of the hit: geometric, median by nearest rank.
    let s = run(&hazard(0.1, 20));
    let steps = &s.tally.outcome_steps[0];
    assert_close(steps.0[0].1, 0.1);
    assert_close(steps.0[2].1, 0.1 * 0.81);
    let total = 1.0 - 0.9f64.powi(20);
    let want = |q: f64| {
        (1..=20)
            .find(|&t| 1.0 - 0.9f64.powi(t) >= q * total)
            .unwrap()
    };
    assert_eq!(steps.quantile(0.5), Some(want(0.5) as u32));
    assert_eq!(steps.quantile(0.1), Some(want(0.1) as u32));
    assert_eq!(steps.quantile(0.9), Some(want(0.9) as u32));
}

#[test]
fn over_spreads_the_probability_over_steps() {
    let mut m = hazard(0.5, 3);
    m.events[0].over = 3;
    assert_close(run(&m).tally.outcome[0], 0.5);
    m.horizon = 6;
    assert_close(run(&m).tally.outcome[0], 0.75);
    m.horizon = 4;
    assert_close(run(&m).tally.outcome[0], 1.0 - 0.5f64.powf(4.0 / 3.0));
}

#[test]
fn two_event_chain_follows_the_start_of_step_rule() {
    let (p1, p2, h) = (0.2, 0.3, 10);
    let mut m = model(h);
    let a = add_event(&mut m, "a", p1);
    let b = add_event(&mut m, "b", p2);
    m.events[b].when = fired(a);
    add_outcome(&mut m, "done", fired(b), true);
    add_catch_all(&mut m);
    // b can fire at step i + 1 at the earliest when a fires at step i.
    let want: f64 = (1..h)
        .map(|i| p1 * (1.0 - p1).powi(i as i32 - 1) * (1.0 - (1.0 - p2).powi((h - i) as i32)))
        .sum();
    let s = run(&m);
    assert_close(s.tally.outcome[0], want);
    assert_eq!(s.tally.outcome_steps[0].0[0].0, 2, "never before step 2");
}

#[test]
fn modifiers_multiply_then_cap() {
    let mut m = hazard(0.1, 12);
    add_modifier(&mut m, 0, step_after(5), 3.0);
    assert_close(
        run(&m).tally.outcome[0],
        1.0 - 0.9f64.powi(5) * 0.7f64.powi(7),
    );

    // min(1, q * 20 * 0.25) = 0.5, not min(1, q * 20) * 0.25.
    let mut m = hazard(0.1, 3);
    let f = add_flag(&mut m, "on", true);
    add_modifier(&mut m, 0, flag(f), 20.0);
    add_modifier(&mut m, 0, flag(f), 0.25);
    assert_close(run(&m).tally.outcome[0], 1.0 - 0.5f64.powi(3));

    // A modifier whose condition is false changes nothing.
    let mut m = hazard(0.1, 4);
    let f = add_flag(&mut m, "off", false);
    add_modifier(&mut m, 0, flag(f), 5.0);
    assert_close(run(&m).tally.outcome[0], 1.0 - 0.9f64.powi(4));
}

#[test]
fn knuth_yao_die_from_a_fair_coin() {
    let mut m = model(200);
    let node = add_var(&mut m, "node", 0.0, 0.0, 6.0);
    let face = add_var(&mut m, "face", 0.0, 0.0, 6.0);
    // (node, heads, tails): a target of 10 + k means "face k".
    let tree = [
        (0, 1, 2),
        (1, 3, 4),
        (2, 5, 6),
        (3, 1, 11),
        (4, 12, 13),
        (5, 14, 15),
        (6, 16, 2),
    ];
    let go = |target: u32| {
        if target >= 10 {
            assigns(face, (target - 10) as f64)
        } else {
            assigns(node, target as f64)
        }
    };
    for (n, heads, tails) in tree {
        let e = add_event(&mut m, &format!("flip_{n}"), 1.0);
        m.events[e].repeat = true;
        m.events[e].when = cmp(node, Op::Eq, n as f64);
        add_branch(&mut m, e, "heads", 1.0, go(heads));
        add_branch(&mut m, e, "tails", 1.0, go(tails));
    }
    for k in 1..=6 {
        add_outcome(
            &mut m,
            &format!("die_{k}"),
            cmp(face, Op::Eq, k as f64),
            true,
        );
    }
    add_catch_all(&mut m);
    let s = run(&m);
    for k in 0..6 {
        assert_close(s.tally.outcome[k], 1.0 / 6.0);
    }
    assert!(s.tally.outcome[6] < 1e-50);
}

#[test]
fn binomial_judged_at_the_horizon() {
    let (n, p) = (20u32, 0.3);
    let mut m = model(n);
    let k = add_var(&mut m, "k", 0.0, 0.0, f64::INFINITY);
    let e = add_event(&mut m, "success", p);
    m.events[e].repeat = true;
    m.events[e].effects = adds(k, 1.0);
    for j in 0..=n {
        add_outcome(&mut m, &format!("k{j}"), cmp(k, Op::Eq, j as f64), false);
    }
    add_catch_all(&mut m);
    let s = run(&m);
    for j in 0..=n {
        let want = binom(n as u64, j as u64) * p.powi(j as i32) * (1.0 - p).powi((n - j) as i32);
        assert_close(s.tally.outcome[j as usize], want);
        assert!(
            s.tally.outcome_steps[j as usize].0.is_empty(),
            "judged at the horizon"
        );
    }
    assert_close(s.tally.outcome[n as usize + 1], 0.0);
    // Event and variable figures.
    assert_close(s.tally.times[e], n as f64 * p);
    assert_close(
        s.tally.first_fire[e].total(),
        1.0 - (1.0 - p).powi(n as i32),
    );
    let mean: f64 = s.tally.vars[k as usize]
        .iter()
        .map(|(v, m)| v.get() * m)
        .sum();
    assert_close(mean, n as f64 * p);
    assert_close(s.tally.actor[0], 1.0 - (1.0 - p).powi(n as i32));
}

fn gamblers_ruin(start: f64, goal: f64, p: f64, horizon: u32) -> Model {
    let mut m = model(horizon);
    let x = add_var(&mut m, "x", start, 0.0, goal);
    let e = add_event(&mut m, "bet", 1.0);
    m.events[e].repeat = true;
    add_branch(&mut m, e, "win", p, adds(x, 1.0));
    add_branch(&mut m, e, "lose", 1.0 - p, adds(x, -1.0));
    add_outcome(&mut m, "ruin", cmp(x, Op::Le, 0.0), true);
    add_outcome(&mut m, "rich", cmp(x, Op::Ge, goal), true);
    add_catch_all(&mut m);
    m
}

#[test]
fn gamblers_ruin_fair_and_biased() {
    let s = run(&gamblers_ruin(3.0, 10.0, 0.5, 3000));
    assert_close(s.tally.outcome[0], 0.7);
    assert_close(s.tally.outcome[1], 0.3);
    assert!(s.tally.peak_states <= 20, "{}", s.tally.peak_states);

    let (i, n, p) = (3, 10, 0.45f64);
    let r = (1.0 - p) / p;
    let want = (r.powi(i) - r.powi(n)) / (1.0 - r.powi(n));
    let s = run(&gamblers_ruin(i as f64, n as f64, p, 3000));
    assert_close(s.tally.outcome[0], want);
    assert_close(s.tally.outcome[1], 1.0 - want);
    // Branch tallies: expected bets won and lost.
    let bets = s.tally.times[0];
    assert_close(s.tally.branch_times[0][0], bets * p);
}

#[test]
fn chain_of_24_events_over_48_steps() {
    let mut m = model(48);
    for i in 0..24 {
        let e = add_event(&mut m, &format!("e{i}"), 0.5);
        if i > 0 {
            m.events[e].when = fired(e - 1);
        }
    }
    add_outcome(&mut m, "end", fired(23), true);
    add_catch_all(&mut m);
    let s = run(&m);
    assert_close(s.tally.outcome[0], 0.557283251356743);
    // The same as P(Bin(48, 1/2) >= 24).
    assert_close(
        s.tally.outcome[0],
        0.5 + 0.5 * binom(48, 24) / 2f64.powi(48),
    );
}

#[test]
fn terminal_outcome_at_step_zero_ends_every_trial() {
    let mut m = model(5);
    let f = add_flag(&mut m, "already", true);
    add_event(&mut m, "never", 0.5);
    add_outcome(&mut m, "over", flag(f), true);
    add_catch_all(&mut m);
    let s = run(&m);
    assert_eq!(s.tally.outcome[0], 1.0);
    assert_eq!(s.tally.outcome_steps[0].0, vec![(0, 1.0)]);
    assert_eq!(s.tally.times[0], 0.0);
}

#[test]
fn times_and_since_are_tracked() {
    // Fires at most every other step: eligible only when it never fired or since >= 2.
    let mut m = model(6);
    let e = add_event(&mut m, "pulse", 1.0);
    m.events[e].repeat = true;
    m.events[e].when = Program {
        ops: vec![Op::Since(0), Op::Const(2.0), Op::Ge],
        ..prog("since(pulse) >= 2", vec![Op::Since(0)])
    };
    add_outcome(
        &mut m,
        "three",
        prog(
            "times(pulse) == 3",
            vec![Op::Times(0), Op::Const(3.0), Op::Eq],
        ),
        true,
    );
    add_catch_all(&mut m);
    let s = run(&m);
    // Fires at steps 1, 3, 5: the third firing ends the trial at step 5.
    assert_eq!(s.tally.outcome[0], 1.0);
    assert_eq!(s.tally.outcome_steps[0].0, vec![(5, 1.0)]);
}

#[test]
fn uncertain_probabilities_are_integrated_out() {
    let h = 10;
    let uniform = Dist::Uniform { lo: 0.0, hi: 1.0 };
    let mut m = model(h);
    let e = add_event_dist(&mut m, "strike", uniform);
    add_outcome(&mut m, "hit", fired(e), true);
    add_catch_all(&mut m);
    // E[(1 - p)^h] = 1 / (h + 1).
    assert_close(run(&m).tally.outcome[1], 1.0 / 11.0);

    // Beta(2, 3): E[(1 - p)^10] = B(2, 13) / B(2, 3) = 12 / 182.
    m.events[e].probability = Dist::Beta {
        alpha: 2.0,
        beta: 3.0,
    };
    assert_close(run(&m).tally.outcome[1], 12.0 / 182.0);

    // `over` makes the integrand (1 - p)^(h / over): not a polynomial.
    m.events[e].probability = uniform;
    m.events[e].over = 3;
    assert_close(run(&m).tally.outcome[1], 1.0 / (10.0 / 3.0 + 1.0));

    // A modifier that caps the chance at 1 for p >= 1/2: E[(1 - min(1, 2p))^h] = 1 / (2 (h + 1)).
    m.events[e].over = 1;
    add_modifier(&mut m, e, Program::constant(true), 2.0);
    let s = run(&m);
    assert_close(s.tally.outcome[1], 1.0 / 22.0);
    assert!(s.integration.is_some());
}

#[test]
fn two_uncertain_probabilities_make_a_tensor_rule() {
    let h = 6;
    let mut m = model(h);
    let a = add_event_dist(&mut m, "a", Dist::Uniform { lo: 0.0, hi: 1.0 });
    let b = add_event_dist(&mut m, "b", Dist::Uniform { lo: 0.0, hi: 0.5 });
    add_outcome(
        &mut m,
        "both",
        prog(
            "a and b",
            vec![
                Op::Fired(a as u32),
                Op::JumpIfFalseElsePop(3),
                Op::Fired(b as u32),
            ],
        ),
        true,
    );
    add_catch_all(&mut m);
    // E over b ~ U(0, 1/2) of (1 - p)^6: 2 * (1 - 0.5^7) / 7.
    let pa = 1.0 - 1.0 / 7.0;
    let pb = 1.0 - 2.0 * (1.0 - 0.5f64.powi(7)) / 7.0;
    let s = run(&m);
    assert_close(s.tally.outcome[0], pa * pb);
    assert_close(s.tally.first_fire[b].total(), pb);
}

#[test]
fn amounts_drawn_at_each_firing_are_refused() {
    let mut m = hazard(0.5, 3);
    let v = add_var(&mut m, "losses", 0.0, 0.0, f64::INFINITY);
    add_branch(
        &mut m,
        0,
        "heavy",
        1.0,
        Effects {
            add: vec![(v as usize, Dist::Normal { mean: 5.0, sd: 1.0 })],
            ..Effects::default()
        },
    );
    let err = solve(&m, &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event `strike`, branch \"heavy\": `add` to `losses` draws a normal amount at each \
         firing; its values are continuous, so the states cannot be listed exactly\n  \
         help: `brink exact` needs constant amounts; use `brink run` for this scenario"
    );
    m.events[0].branches.clear();
    m.events[0].effects.add = vec![(v as usize, Dist::Poisson { lambda: 2.0 })];
    let err = solve(&m, &Options::default()).unwrap_err();
    assert!(err.to_string().starts_with(
        "event `strike`: `add` to `losses` draws a Poisson amount at each firing; its values \
         are unbounded"
    ));
}

#[test]
fn too_many_states_is_an_error_not_an_exhausted_memory() {
    let mut m = model(10);
    let k = add_var(&mut m, "k", 0.0, 0.0, f64::INFINITY);
    let e = add_event(&mut m, "tick", 0.5);
    m.events[e].repeat = true;
    m.events[e].effects = adds(k, 1.0);
    add_outcome(&mut m, "many", cmp(k, Op::Ge, 1000.0), true);
    add_catch_all(&mut m);
    let err = solve(&m, &Options { max_states: 5 }).unwrap_err();
    assert_eq!(err, ExactError::TooManyStates { max: 5, step: 5 });
    assert!(solve(&m, &Options { max_states: 11 }).is_ok());
}

#[test]
fn results_are_reproducible_bit_for_bit() {
    let m = gamblers_ruin(4.0, 9.0, 0.47, 500);
    let (a, b) = (run(&m), run(&m));
    assert_eq!(
        a.tally
            .outcome
            .iter()
            .map(|x| x.to_bits())
            .collect::<Vec<_>>(),
        b.tally
            .outcome
            .iter()
            .map(|x| x.to_bits())
            .collect::<Vec<_>>()
    );
    assert_eq!(a.tally.outcome_steps, b.tally.outcome_steps);
}
