//! Trial K of `trace` is trial K of `run`: the same code, the same random key, the same story.

use crate::common;

use brink::engine::{
    Change, NoObserver, RunConfig, Simulator, TrialKeys, run, trace, trace_with, trial_key,
};
use brink::model::{Model, load};
use common::engine::*;

fn baseline() -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
    load(&path, &[]).expect("the baseline scenario loads").model
}

#[test]
fn trace_tells_the_story_of_the_runs_trial() {
    let m = baseline();
    let seed = 11;
    let sim = Simulator::new(&m, &[]);
    let mut s = sim.scratch();
    let mut keys = TrialKeys::new(seed, 0);
    for k in 0..400 {
        // The run reads keys in order; the trace seeks to trial k.
        let key = keys.next_key();
        assert_eq!(key, trial_key(seed, k));
        let end = sim.simulate(key, &mut s, &mut NoObserver);
        let t = trace(&m, seed, k);
        assert_eq!(t.end, end, "trial {k}");
        assert_eq!(t.vars, s.vars(), "trial {k}");
        assert_eq!(t.flags, s.flags(), "trial {k}");
        // Every firing is in the story, and every first firing at its step.
        let mut times = vec![0u32; m.events.len()];
        let mut first = vec![u32::MAX; m.events.len()];
        for step in &t.steps {
            for f in &step.firings {
                times[f.event] += 1;
                first[f.event] = first[f.event].min(step.step);
            }
        }
        assert_eq!(times, s.times(), "trial {k}");
        assert_eq!(first, s.first_fired(), "trial {k}");
    }
}

#[test]
fn adding_trial_k_to_a_run_adds_the_traced_outcome() {
    let m = baseline();
    let seed = 5;
    // Across chunk boundaries too (chunks are 4096 trials).
    for k in [0u64, 1, 4095, 4096, 4100] {
        let before = run(&m, &RunConfig::new(k, seed));
        let after = run(&m, &RunConfig::new(k + 1, seed));
        let t = trace(&m, seed, k);
        for (o, (a, b)) in after.outcomes.iter().zip(&before.outcomes).enumerate() {
            let want = u64::from(o == t.end.outcome);
            assert_eq!(a.count - b.count, want, "trial {k}, outcome {o}");
        }
        for (e, (a, b)) in after.events.iter().zip(&before.events).enumerate() {
            let fired = t
                .steps
                .iter()
                .flat_map(|s| &s.firings)
                .filter(|f| f.event == e);
            assert_eq!(
                a.times - b.times,
                fired.count() as u64,
                "trial {k}, event {e}"
            );
        }
    }
}

#[test]
fn trace_records_changes_and_drawn_probabilities() {
    let m = scenario(
        3,
        r#"
[flags]
up = false

[variables]
x = { initial = 1, min = 0, max = 5 }

[[events]]
id = "go"
actor = "someone"
probability = { uniform = [0.9999, 1] }
set = ["up"]
add = { x = 10 }
"#,
    );
    let t = trace(&m, 3, 0);
    assert_eq!(t.drawn.len(), 1);
    assert!(t.drawn[0].1 >= 0.9999);
    assert_eq!(t.steps.len(), 1);
    assert_eq!(t.steps[0].step, 1);
    assert_eq!(
        t.steps[0].firings[0].changes,
        vec![
            Change::Flag {
                flag: 0,
                value: true
            },
            Change::Variable {
                variable: 0,
                old: 1.0,
                new: 5.0
            },
        ]
    );
    let given = brink::model::compile_given(&m, "up and x == 5").unwrap();
    assert_eq!(trace_with(&m, 3, 0, &[], Some(&given)).given, Some(true));
}

#[test]
fn every_event_keeps_its_own_draws_when_another_changes() {
    // Common random numbers: changing one event's probability leaves every other event's
    // firing steps unchanged, trial by trial, when they do not read it.
    let body = |p: f64| {
        format!(
            r#"
[[events]]
id = "steady"
actor = "someone"
probability = 0.3
repeat = true

[[events]]
id = "changed"
actor = "someone"
probability = {p}
"#
        )
    };
    let a = scenario(20, &body(0.1));
    let b = scenario(20, &body(0.6));
    for k in 0..200 {
        let steps = |m: &Model| -> Vec<u32> {
            trace(m, 9, k)
                .steps
                .iter()
                .filter(|s| s.firings.iter().any(|f| f.event == 0))
                .map(|s| s.step)
                .collect()
        };
        assert_eq!(steps(&a), steps(&b), "trial {k}");
    }
}
