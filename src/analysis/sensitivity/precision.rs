//! A sensitivity analysis to a precision: every version on the same trials, whole chunks in
//! chunk order, until every studied outcome's differences from the baseline (an event's
//! halved, doubled, forced and removed variants) and swings (an input's high against its low)
//! have a 95% half-width of at most the target, or the cap.
//!
//! The passes of a few dozen versions each advance chunk by chunk in lockstep (as without a
//! precision), so that the rule sees every row at each chunk boundary and all rows share one
//! trial count. The rows are those
//! of the analysis run for that many trials.

use super::inputs::inputs;
use super::job_run::run_jobs;
use super::run::{MAX_RANKED, Sensitivity, assemble, correlations};
use super::tally::{self, Job, Pass, Tally};
use super::versions::Plan;
use crate::analysis::precision::outcome_targets;
use crate::engine::Sampling;
use crate::model::Model;
use crate::report::PrecisionInfo;
use crate::stats::Interval;

/// The outcomes whose rows `--precision-of` names, among those studied (`studied`, indices
/// into `model.outcomes`); all of them when it names none.
pub fn targets(model: &Model, studied: &[usize], of: &[String]) -> Result<Vec<usize>, String> {
    let named = outcome_targets(model, of, "sensitivity")?;
    if of.is_empty() {
        return Ok(studied.to_vec());
    }
    match named.iter().position(|o| !studied.contains(o)) {
        Some(i) => Err(format!(
            "--precision-of `{}`: sensitivity does not study this outcome here (it studies {})\n\
             help: study it with --outcome {}",
            of[i],
            (studied.iter())
                .map(|&o| format!("`{}`", model.outcomes[o].id))
                .collect::<Vec<_>>()
                .join(", "),
            of[i]
        )),
        None => Ok(named),
    }
}

/// The largest 95% half-width among outcome `targets`' rows in `t`.
fn widest(t: &Tally, targets: &[usize]) -> f64 {
    let half = |i: Interval| (i.hi - i.lo) / 2.0;
    (targets.iter())
        .flat_map(|&o| {
            (t.events.iter().flatten())
                .chain(&t.inputs)
                .map(move |pairs| half(pairs.outcome(o).difference()))
        })
        .fold(0.0, f64::max)
}

/// Runs the analysis of `outcomes` until every row of outcome `targets` reaches `target`, at
/// most `cfg.trials` trials.
pub fn sensitivity_to_precision(
    model: &Model,
    outcomes: &[usize],
    cfg: &Sampling,
    (target, targets): (f64, &[usize]),
) -> (Sensitivity, PrecisionInfo) {
    let inputs = inputs(model);
    let plan = Plan::new(model, &inputs);
    let jobs = Job::batches(model, &plan, 0..plan.units.len());
    let ranked = cfg.trials.min(MAX_RANKED);
    let pass = Pass {
        trials: cfg.trials,
        ranked,
        seed: cfg.seed,
        gates: true,
    };
    let reached = |t: &Tally| widest(t, targets) <= target;
    let tallies = run_jobs((model, &plan, &inputs), &jobs, pass, cfg, |jobs, lanes| {
        (jobs.iter().zip(lanes)).all(|(job, acc)| reached(&acc.tally(job)))
    });
    let info = PrecisionInfo {
        target,
        of: (targets.iter())
            .map(|&o| model.outcomes[o].id.clone())
            .collect(),
        cap_hit: !tallies.iter().all(reached),
    };
    let (job, t) = tally::join(model, &jobs, tallies);
    let correlations = correlations(&job, &t, model.outcomes.len(), outcomes);
    let sensitivity = assemble(model, outcomes, inputs, &job, &t, &correlations, ranked);
    (sensitivity, info)
}
