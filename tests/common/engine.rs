//! Shared helpers of the engine tests: scenarios from TOML text, runs, and 5-standard-error
//! checks (at fixed seeds, so a passing test passes every time, and a wrong engine fails).
#![allow(dead_code)]

use brink::engine::{RunConfig, RunResult, run};
use brink::model::{Model, load_str};

/// A scenario from `body` (events, outcomes, flags, variables), with a `[scenario]` header of
/// `horizon` steps, one actor `a` (named "someone"), and a catch-all outcome `other` last.
pub fn scenario(horizon: u32, body: &str) -> Model {
    let text = format!(
        "[scenario]\nname = \"test\"\nhorizon = {horizon}\n\n\
         [[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n{body}\n\n\
         [[outcomes]]\nid = \"other\"\n"
    );
    load(&text)
}

/// A whole scenario file from text.
pub fn load(text: &str) -> Model {
    match load_str("test.toml", text, &[]) {
        Ok(loaded) => loaded.model,
        Err(d) => panic!("{}\n{text}", d.render(false)),
    }
}

/// `trials` trials at `seed` on two threads.
pub fn go(model: &Model, trials: u64, seed: u64) -> RunResult {
    let mut cfg = RunConfig::new(trials, seed);
    cfg.threads = Some(2);
    run(model, &cfg)
}

pub fn event(model: &Model, id: &str) -> usize {
    model.events.iter().position(|e| e.id == id).expect("event")
}

pub fn outcome(model: &Model, id: &str) -> usize {
    model
        .outcomes
        .iter()
        .position(|o| o.id == id)
        .expect("outcome")
}

/// True when `count / n` lies within 5 standard errors of the proportion `p`.
pub fn within_5se(count: u64, n: u64, p: f64) -> bool {
    let est = count as f64 / n as f64;
    let se = (p * (1.0 - p) / n as f64).sqrt().max(1e-12);
    (est - p).abs() <= 5.0 * se
}

#[track_caller]
pub fn assert_prob(count: u64, n: u64, p: f64, what: &str) {
    let est = count as f64 / n as f64;
    assert!(
        within_5se(count, n, p),
        "{what}: {est} ({count}/{n}) is more than 5 standard errors from {p}"
    );
}

/// The count of trials whose first firing (or ending) was at `step`.
pub fn at_step(counts: &brink::engine::StepCounts, step: u32) -> u64 {
    counts
        .iter()
        .find(|(s, _)| *s == step)
        .map_or(0, |(_, c)| c)
}
