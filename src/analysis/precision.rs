//! Running to a precision instead of a trial count: whole chunks of trials, in chunk order, until
//! every target's 95% interval has a half-width of at most `H`, or the cap.
//!
//! The rule is checked at each chunk boundary on the trials merged so far, and chunks merge in
//! chunk order, so the trials simulated (and so every byte of the report) are the same on any
//! number of threads; and the run stops at the first boundary where the rule holds, so one
//! chunk fewer would not have reached it.

use crate::engine::{self, RunConfig, RunResult};
use crate::format::suggest::did_you_mean;
use crate::model::Model;
use crate::report::PrecisionInfo;
use crate::stats::wilson95;

/// The cap when `--trials` does not give one.
pub const DEFAULT_CAP: u64 = 100_000_000;

/// A run to a precision whose `given` has kept none of this many trials stops there: no
/// interval narrows without kept trials, and going on to the cap would take minutes to say so.
/// Checked at chunk boundaries, like the rule, so the stop is the same on any thread count.
pub const NONE_KEPT_STOP: u64 = 1_000_000;

/// The help under "no trial satisfied" for a run to a precision that stopped at
/// [`NONE_KEPT_STOP`].
pub const NONE_KEPT_HELP: &str = "help: a run to a precision stops when none of the first \
                                  1000000 trials is kept; check the condition";

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
    let result = engine::run_until(model, cfg, |r| {
        widest(&targets, r) <= p.target || (r.kept == 0 && r.trials >= NONE_KEPT_STOP)
    });
    let report = PrecisionInfo {
        target: p.target,
        of: targets.iter().map(|(id, _)| id.clone()).collect(),
        cap_hit: widest(&targets, &result) > p.target,
    };
    Ok((result, report))
}

/// The outcomes `of` names (every outcome when empty), as indices into `model.outcomes`, for a
/// command (`what`: "a sweep") whose targets are differences of outcome probabilities only; an
/// error names the id and what the outcomes are.
pub fn outcome_targets(model: &Model, of: &[String], what: &str) -> Result<Vec<usize>, String> {
    let ids = || model.outcomes.iter().map(|o| o.id.as_str());
    if of.is_empty() {
        return Ok((0..model.outcomes.len()).collect());
    }
    (of.iter())
        .map(|id| {
            if let Some(i) = ids().position(|o| o == id) {
                return Ok(i);
            }
            let why = match model.events.iter().any(|e| &e.id == id) {
                true => format!(
                    "`{id}` is an event, and {what} aims only at differences of outcome \
                     probabilities"
                ),
                false => format!("no outcome has this id in {}", model.name),
            };
            let help = match did_you_mean(id, ids()) {
                Some(hint) => hint,
                None => format!(
                    "the outcomes are {}",
                    ids()
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Err(format!("--precision-of `{id}`: {why}\nhelp: {help}"))
        })
        .collect()
}

/// The line under (or over) a report that says what a precision run reached: `whose` names the
/// half-widths when all reached the target and when some did not (`["every difference's", "a
/// difference's"]`), `per` the trial count ("trials per point").
pub fn reached_line(p: &PrecisionInfo, trials: u64, whose: [&str; 2], per: &str) -> String {
    let of = p.of.join(", ");
    match p.cap_hit {
        true => format!(
            "precision: the cap of {trials} {per} came first; {} 95% half-width ({of}) is still \
             above {}",
            whose[1], p.target
        ),
        false => format!(
            "precision: {} 95% half-width ({of}) is at most {} after {trials} {per}",
            whose[0], p.target
        ),
    }
}
