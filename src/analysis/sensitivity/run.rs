//! The whole analysis: every distinct version of the scenario (see [`super::versions`]) run
//! beside the baseline on the same trials, in passes of a few dozen (see [`super::tally`]), then
//! each outcome's rows: every event's four variants against the baseline, every input's low
//! against its high.

use std::ops::Range;

use super::inputs::{Input, inputs};
use super::job_run::run_jobs;
use super::swing::{self, InputEffect};
use super::tally::{self, Job, Pass, Tally};
use super::tornado::{self, EventEffect, Variant};
use super::versions::Plan;
use crate::engine::{ProbAdjust, Sampling};
use crate::model::{Dist, Model};
use crate::stats;

/// Trials kept for rank correlations: the drawn values and outcomes of at most this many
/// trials (the first ones) are held in memory.
pub const MAX_RANKED: u64 = 10_000_000;

/// The tornado of one outcome.
#[derive(Clone, Debug)]
pub struct OutcomeSensitivity {
    /// Index into `Model::outcomes`.
    pub outcome: usize,
    /// Baseline trials that ended in this outcome.
    pub count: u64,
    /// Every event's effect, largest swing first.
    pub effects: Vec<EventEffect>,
    /// Every input's effect, largest swing `|P(high) - P(low)|` first.
    pub inputs: Vec<InputEffect>,
}

/// A sensitivity analysis of some outcomes.
#[derive(Clone, Debug)]
pub struct Sensitivity {
    pub trials: u64,
    /// Trials whose drawn values entered the rank correlations (`min(trials, MAX_RANKED)`).
    pub ranked_trials: u64,
    /// The inputs, in file order ([`InputEffect::input`] indexes this).
    pub inputs: Vec<Input>,
    pub outcomes: Vec<OutcomeSensitivity>,
}

impl Variant {
    /// The engine's adjustment for this variant.
    pub fn adjust(self) -> ProbAdjust {
        match self {
            Variant::Halved => ProbAdjust::Scale(0.5),
            Variant::Doubled => ProbAdjust::Scale(2.0),
            Variant::Forced => ProbAdjust::Fixed(1.0),
            Variant::Removed => ProbAdjust::Fixed(0.0),
        }
    }
}

/// Whether doubling can exceed 1 for some value of the probability.
fn doubling_caps(p: &Dist) -> bool {
    // The largest value it can take: a beta reaches 1.
    p.highest_probability() > 0.5
}

/// Runs the analysis for `outcomes` (indices into `model.outcomes`).
pub fn sensitivity(model: &Model, outcomes: &[usize], cfg: &Sampling) -> Sensitivity {
    let inputs = inputs(model);
    let plan = Plan::new(model, &inputs);
    let (job, t) = run_units(model, &inputs, &plan, 0..plan.units.len(), cfg);
    let correlations = correlations(&job, &t, model.outcomes.len(), outcomes);
    let ranked = cfg.trials.min(MAX_RANKED);
    assemble(model, outcomes, inputs, &job, &t, &correlations, ranked)
}

/// The counts of the units `units` of `plan` (all of them, or a shard's), each beside the
/// baseline on the same trials.
pub(super) fn run_units(
    model: &Model,
    inputs: &[Input],
    plan: &Plan,
    units: Range<usize>,
    cfg: &Sampling,
) -> (Job, Tally) {
    let jobs = Job::batches(model, plan, units);
    let pass = Pass {
        trials: cfg.trials,
        ranked: cfg.trials.min(MAX_RANKED),
        seed: cfg.seed,
        gates: true,
    };
    let tallies = run_jobs((model, plan, inputs), &jobs, pass, cfg, |_, _| false);
    tally::join(model, &jobs, tallies)
}

/// Per event of `job`: the rank correlation of its drawn probability with each studied outcome
/// (`None` for an event whose probability is not drawn, and for an outcome not studied).
pub(super) fn correlations(
    job: &Job,
    t: &Tally,
    n_out: usize,
    outcomes: &[usize],
) -> Vec<Option<Vec<Option<f64>>>> {
    (job.events.iter())
        .map(|e| {
            let d = job.drawn.iter().position(|x| x == e)?;
            let ranks = stats::average_ranks(&t.drawn[d]);
            Some(
                (0..n_out)
                    .map(|o| {
                        outcomes.contains(&o).then(|| {
                            stats::spearman_indicator(&ranks, |k| t.ranked_base[k] as usize == o)
                        })?
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The rows of every studied outcome from a pass's counts and its events' rank correlations.
pub(super) fn assemble(
    model: &Model,
    outcomes: &[usize],
    inputs: Vec<Input>,
    job: &Job,
    t: &Tally,
    correlations: &[Option<Vec<Option<f64>>>],
    ranked: u64,
) -> Sensitivity {
    let per_outcome = outcomes
        .iter()
        .map(|&o| {
            let mut effects: Vec<EventEffect> = (job.events.iter().enumerate())
                .map(|(j, &e)| {
                    let counts = t.events[j].each_ref().map(|p| p.outcome(o));
                    EventEffect {
                        event: e,
                        probability: counts.map(|c| stats::ratio(c.b, c.trials)),
                        difference: counts.map(|c| c.difference()),
                        doubled_capped: doubling_caps(&model.events[e].probability),
                        rank_correlation: correlations[j].as_ref().and_then(|c| c[o]),
                    }
                })
                .collect();
            tornado::order(&mut effects);
            OutcomeSensitivity {
                outcome: o,
                count: t.base[o],
                effects,
                inputs: swing::ranked(&t.inputs, &job.inputs, o),
            }
        })
        .collect();
    Sensitivity {
        trials: t.trials,
        ranked_trials: ranked.min(t.trials),
        inputs,
        outcomes: per_outcome,
    }
}
