//! The engine keeps its events' firing steps in one of two ways: a calendar of bitmasks when a
//! scenario has at most 64 events, a horizon of at most 63 steps and at least 4 events eligible
//! at the start, else a scan of the armed events. Which one runs must never show in a result.
//!
//! Each event's draws depend only on the seed, the trial and the event, so a scenario and the
//! same scenario one step longer (63 -> 64: calendar, then scan) agree exactly on everything up
//! to step 63; and adding a 65th event that nothing reads (calendar, then scan) changes nothing
//! for the other 64. The events interact (effects on a variable, modifiers that read it, events
//! enabled by others, a terminal outcome), so both paths' rearming is exercised.

use crate::common;

use brink::engine::RunResult;
use common::engine::*;

/// `n` interacting events, then `extra` events that nothing reads.
fn body(n: usize, extra: usize) -> String {
    let mut s = String::from("[variables]\nv = { initial = 0, min = 0, max = 1000 }\n\n");
    for i in 0..n {
        let p = 0.02 + 0.01 * (i % 7) as f64;
        s += &format!("[[events]]\nid = \"e{i}\"\nactor = \"someone\"\nprobability = {p}\n");
        s += "repeat = true\n";
        if i % 3 == 1 {
            // Enabled once the event before it has fired.
            s += &format!("when = \"e{}\"\n", i - 1);
        }
        if i % 2 == 0 {
            s += "add = { v = 1 }\n";
        }
        let k = 2 + i % 5;
        s += &format!("modifiers = [{{ when = \"v >= {k}\", factor = 1.5 }}]\n\n");
    }
    for j in 0..extra {
        s += &format!("[[events]]\nid = \"x{j}\"\nactor = \"someone\"\nprobability = 0.1\n\n");
    }
    // Ends some trials early, at different steps.
    s += "[[outcomes]]\nid = \"far\"\nwhen = \"v >= 25\"\n";
    s
}

fn first_steps_up_to(r: &RunResult, e: usize, last: u32) -> Vec<u64> {
    (1..=last)
        .map(|t| at_step(&r.events[e].first_step, t))
        .collect()
}

#[test]
fn one_step_past_the_calendar_changes_nothing_before_it() {
    let short = go(&scenario(63, &body(12, 0)), 20_000, 5);
    let long = go(&scenario(64, &body(12, 0)), 20_000, 5);
    let ended = |r: &RunResult| -> Vec<u64> {
        (0..=63).map(|t| at_step(&r.outcomes[0].steps, t)).collect()
    };
    assert_eq!(ended(&short), ended(&long), "the terminal outcome by step");
    assert!(short.outcomes[0].count > 100, "the outcome is reached");
    for e in 0..12 {
        let (a, b) = (
            first_steps_up_to(&short, e, 63),
            first_steps_up_to(&long, e, 63),
        );
        assert_eq!(a, b, "first firings of e{e}");
        assert!(a.iter().sum::<u64>() > 1000, "e{e} fires");
        assert!(long.events[e].times >= short.events[e].times, "e{e}");
    }
}

#[test]
fn a_65th_event_changes_nothing_for_the_other_64() {
    let cal = go(&scenario(36, &body(64, 0)), 5_000, 9);
    let scan = go(&scenario(36, &body(64, 1)), 5_000, 9);
    assert_eq!(cal.outcomes[0].count, scan.outcomes[0].count);
    assert_eq!(cal.outcomes[0].steps, scan.outcomes[0].steps);
    for e in 0..64 {
        let (a, b) = (&cal.events[e], &scan.events[e]);
        assert_eq!(a.fired, b.fired, "e{e}");
        assert_eq!(a.times, b.times, "e{e}");
        assert_eq!(a.first_step, b.first_step, "e{e}");
    }
    assert_eq!(cal.variables[0], scan.variables[0]);
}

#[test]
fn both_ways_give_the_exact_answer_of_independent_events() {
    // Eight independent repeating events, p = 0.1: firings per trial are binomial(h, 0.1), and
    // the chance of none is 0.9^h. Horizon 36 runs the calendar, 100 the scan.
    let events: String = (0..8)
        .map(|i| format!("[[events]]\nid = \"b{i}\"\nactor = \"someone\"\nprobability = 0.1\nrepeat = true\n\n"))
        .collect();
    let n = 40_000;
    for h in [36u32, 100] {
        let r = go(&scenario(h, &events), n, 3);
        for e in &r.events {
            assert_prob(e.fired, n, 1.0 - 0.9f64.powi(h as i32), &format!("h {h}"));
            let mean = e.times as f64 / n as f64;
            let se = (f64::from(h) * 0.1 * 0.9 / n as f64).sqrt();
            let want = f64::from(h) * 0.1;
            assert!(
                (mean - want).abs() < 5.0 * se,
                "h {h}: mean {mean}, want {want}"
            );
        }
    }
}
