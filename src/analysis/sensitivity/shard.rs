//! A sensitivity analysis split into shards: shard `I` of `N` runs the units
//! `floor(U*I/N)..floor(U*(I+1)/N)` of the `U` (an event's variants, or an input's low and high
//! value; possibly none) beside the baseline, which every shard runs. A unit's counts do not
//! depend on the others, and every shard runs the same baseline trials, so the parts in shard
//! order hold the whole analysis's counts, bit for bit. Each shard computes its own events'
//! rank correlations (it holds their drawn values), so a part never holds a value per trial.

use serde::{Deserialize, Serialize};

use super::inputs::inputs;
use super::run::{MAX_RANKED, Sensitivity, assemble, correlations, run_units};
use super::tally::{Job, Tally};
use super::versions::Plan;
use crate::engine::{Sampling, Shard};
use crate::model::Model;
use crate::stats::{OutcomePairs, PairedCounts};

/// What a sensitivity analysis's shard keeps: the baseline's outcome counts, its units' paired
/// tables, and its events' rank correlations.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SensitivityPart {
    pub trials: u64,
    /// Per outcome: baseline trials that ended there.
    pub base: Vec<u64>,
    /// Per event of the shard's units: its four rows' paired tables.
    pub events: Vec<[OutcomePairs; 4]>,
    /// Per input of the shard's units: low against high.
    pub inputs: Vec<OutcomePairs>,
    /// Per event of the shard's units: the rank correlation with each outcome, as the bits of
    /// the number (JSON numbers need not read back to the same bits).
    pub correlations: Vec<Option<Vec<Option<u64>>>>,
}

/// Runs shard `shard` of the analysis of `outcomes`.
pub fn sensitivity_shard(
    model: &Model,
    outcomes: &[usize],
    cfg: &Sampling,
    shard: Shard,
) -> SensitivityPart {
    let inputs = inputs(model);
    let plan = Plan::new(model, &inputs);
    let units = shard.share_of(plan.units.len());
    let (job, t) = run_units(model, &inputs, &plan, units, cfg);
    let correlations = correlations(&job, &t, model.outcomes.len(), outcomes);
    SensitivityPart {
        trials: t.trials,
        base: t.base,
        events: t.events,
        inputs: t.inputs,
        correlations: (correlations.into_iter())
            .map(|c| c.map(|c| c.into_iter().map(|x| x.map(f64::to_bits)).collect()))
            .collect(),
    }
}

/// The whole analysis of `outcomes` over `trials` trials from the parts of every shard, in
/// shard order. A part that does not hold what its shard ran, or whose baseline differs from
/// the first part's, is refused: `Err` gives its position in `parts` and what is wrong.
pub fn merge_sensitivity(
    model: &Model,
    outcomes: &[usize],
    trials: u64,
    parts: Vec<(Shard, SensitivityPart)>,
) -> Result<Sensitivity, (usize, String)> {
    let inputs = inputs(model);
    let plan = Plan::new(model, &inputs);
    let mut t: Option<Tally> = None;
    let mut correlations = Vec::new();
    for (i, (shard, p)) in parts.into_iter().enumerate() {
        let want = Job::new(model, &plan, shard.share_of(plan.units.len()));
        check(model, &want, trials, &p).map_err(|why| (i, why))?;
        correlations.extend(
            (p.correlations.into_iter())
                .map(|c| c.map(|c| c.into_iter().map(|x| x.map(f64::from_bits)).collect())),
        );
        match &mut t {
            None => {
                t = Some(Tally {
                    trials,
                    base: p.base,
                    events: p.events,
                    inputs: p.inputs,
                    drawn: Vec::new(),
                    ranked_base: Vec::new(),
                })
            }
            Some(t) if t.base != p.base => {
                return Err((i, "its baseline differs from the first part's".into()));
            }
            Some(t) => {
                t.events.extend(p.events);
                t.inputs.extend(p.inputs);
            }
        }
    }
    let t = t.ok_or((0, "no part".to_string()))?;
    let job = Job::new(model, &plan, 0..plan.units.len());
    let ranked = trials.min(MAX_RANKED);
    Ok(assemble(
        model,
        outcomes,
        inputs,
        &job,
        &t,
        &correlations,
        ranked,
    ))
}

/// `Ok` when `p` holds the rows of `job` over `trials` trials, each table adding up.
fn check(model: &Model, job: &Job, trials: u64, p: &SensitivityPart) -> Result<(), String> {
    let n_out = model.outcomes.len();
    let shape = [
        ("trials", p.trials as usize, trials as usize),
        ("outcomes", p.base.len(), n_out),
        ("events", p.events.len(), job.events.len()),
        ("inputs", p.inputs.len(), job.inputs.len()),
        ("correlated events", p.correlations.len(), job.events.len()),
    ];
    if let Some((what, got, want)) = shape.iter().find(|(_, g, w)| g != w) {
        return Err(format!("it holds {got} {what}, its shard has {want}"));
    }
    if p.base.iter().fold(0u64, |s, &c| s.saturating_add(c)) != trials {
        return Err("its baseline counts do not add up to its trials".into());
    }
    let tables = p.events.iter().flatten().chain(&p.inputs);
    if !tables.into_iter().all(|t| adds_up(t, n_out, trials)) {
        return Err("one of its paired tables does not add up to its trials".into());
    }
    let drawn = job.events.iter().map(|e| job.drawn.contains(e));
    if !(p.correlations.iter().zip(drawn))
        .all(|(c, d)| c.as_ref().map(Vec::len) == d.then_some(n_out))
    {
        return Err("its rank correlations are not one per drawn event and outcome".into());
    }
    Ok(())
}

/// A paired table over `n_out` outcomes of `trials` trials: each side's counts add up to the
/// trials, a side's trials elsewhere are within its count, the trials in an outcome on both
/// sides are the same seen from A and from B, and every trial that left an outcome arrived in
/// another.
fn adds_up(t: &OutcomePairs, n_out: usize, trials: u64) -> bool {
    let o = (0..t.outcomes()).map(|o| t.outcome(o));
    let sum = |f: fn(&PairedCounts) -> u64| o.clone().fold(0u64, |s, c| s.saturating_add(f(&c)));
    t.outcomes() == n_out
        && t.trials() == trials
        && (sum(|c| c.a), sum(|c| c.b)) == (trials, trials)
        && sum(|c| c.a_only) == sum(|c| c.b_only)
        && o.clone()
            .all(|c| c.a_only <= c.a && c.b_only <= c.b && c.a - c.a_only == c.b - c.b_only)
}
