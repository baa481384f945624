//! Running to a precision instead of a trial count: whole chunks of trials, in chunk order, until
//! every target's 95% interval has a half-width of at most `H`, or the cap.
//!
//! The rule is checked at each chunk boundary on the trials merged so far, and chunks merge in
//! chunk order, so the trials simulated (and so every byte of the report) are the same on any
//! number of threads; and the run stops at the first boundary where the rule holds, so one
//! chunk fewer would not have reached it.

use crate::engine::{self, RunConfig, RunResult};
use crate::model::Model;
use crate::report::PrecisionInfo;
use crate::stats::wilson95;

/// The cap when `--trials` does not give one.
pub const DEFAULT_CAP: u64 = 100_000_000;

/// What a precision run aims at.
#[derive(Clone, Debug, PartialEq)]
pub struct Precision {
    /// The largest half-width `(hi - lo) / 2` allowed, as a fraction.
    pub target: f64,
    /// The outcomes and events whose probabilities must reach it; every outcome when empty.
    pub of: Vec<String>,
}

/// A target, resolved in a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Outcome(usize),
    Event(usize),
}

impl Precision {
    /// The targets in `model`; an unknown id is an error naming it.
    fn targets(&self, model: &Model) -> Result<Vec<(String, Target)>, String> {
        if self.of.is_empty() {
            return Ok((model.outcomes.iter().enumerate())
                .map(|(i, o)| (o.id.clone(), Target::Outcome(i)))
                .collect());
        }
        (self.of.iter())
            .map(|id| {
                let outcome = model.outcomes.iter().position(|o| &o.id == id);
                let event = model.events.iter().position(|e| &e.id == id);
                match (outcome, event) {
                    (Some(i), _) => Ok((id.clone(), Target::Outcome(i))),
                    (None, Some(e)) => Ok((id.clone(), Target::Event(e))),
                    (None, None) => Err(format!(
                        "--precision-of `{id}`: no outcome or event has this id in {}",
                        model.name
                    )),
                }
            })
            .collect()
    }
}

/// The largest half-width of the targets' Wilson intervals over the kept trials.
fn widest(targets: &[(String, Target)], r: &RunResult) -> f64 {
    (targets.iter())
        .map(|(_, t)| {
            let k = match *t {
                Target::Outcome(o) => r.outcomes[o].count,
                Target::Event(e) => r.events[e].fired,
            };
            let [lo, hi] = wilson95(k, r.kept);
            (hi - lo) / 2.0
        })
        .fold(0.0, f64::max)
}

/// Runs `model` until every target reaches `p.target`, at most `cfg.trials` trials.
pub fn run_to_precision(
    model: &Model,
    cfg: &RunConfig,
    p: &Precision,
) -> Result<(RunResult, PrecisionInfo), String> {
    let targets = p.targets(model)?;
    let result = engine::run_until(model, cfg, |r| widest(&targets, r) <= p.target);
    let report = PrecisionInfo {
        target: p.target,
        of: targets.iter().map(|(id, _)| id.clone()).collect(),
        cap_hit: widest(&targets, &result) > p.target,
    };
    Ok((result, report))
}
