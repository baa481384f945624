//! A sweep to a precision: every point beside the baseline on the same trials, all points
//! advanced chunk by chunk in lockstep, until every point's difference from the baseline (of
//! every outcome, or of the outcomes named) has a 95% half-width of at most the target, or the
//! cap. One trial count for all points keeps each point's trials paired with the baseline's
//! and the points comparable with one another.

use super::error::{BASELINE, SweepError};
use super::role::Role;
use super::run::{Baseline, Point, SweepPlan, Swept};
use crate::analysis::compare::{PairRun, Targets};
use crate::analysis::lockstep::lockstep;
use crate::analysis::precision::{NONE_KEPT_STOP, outcome_targets};
use crate::engine::{RunResult, progress_bar};
use crate::expr::Program;
use crate::model::{self, Model};
use crate::report::PrecisionInfo;

/// What a sweep to a precision reached, and on how many trials per point.
#[derive(Clone, Debug, PartialEq)]
pub struct Reached {
    pub info: PrecisionInfo,
    pub trials: u64,
}

impl SweepPlan<'_> {
    /// The differences `--precision-of` names (outcomes only: a sweep reports no other
    /// differences), every outcome's when it names none; an error says what is wrong with an id.
    pub fn precision_targets(&self, of: &[String]) -> Result<Targets, String> {
        // Outcomes are matched by id, the baseline's first: its indices are the pairs'.
        Ok(Targets {
            outcomes: outcome_targets(&self.baseline.0, of, "a sweep")?,
            events: Vec::new(),
        })
    }

    /// Runs the baseline and every point until every target's difference has a 95% half-width
    /// of at most `target` (the plan's trials are the cap), turning each point's model and
    /// result into an output with `make`.
    pub fn run_to_precision<R: Send>(
        &self,
        (target, targets): (f64, &Targets),
        make: impl Fn(Role, &Model, RunResult) -> R,
    ) -> Result<(Swept<R>, Reached), SweepError> {
        let (baseline, baseline_given) = (&self.baseline.0, self.baseline.1.as_ref());
        let models = (0..self.points.len())
            .map(|i| self.point_model(i))
            .collect::<Result<Vec<_>, _>>()?;
        let (cap, seed) = (self.sampling.trials, self.sampling.seed);
        let runs: Vec<PairRun> = (models.iter())
            .map(|(m, g)| PairRun::new(baseline, m, (cap, seed), [baseline_given, g.as_ref()]))
            .collect();
        let mut lanes: Vec<_> = runs.iter().map(PairRun::tally).collect();
        let reached = |lanes: &[_]| {
            (runs.iter().zip(lanes)).all(|(run, acc)| targets.widest(run, acc) <= target)
        };
        let bar = (self.sampling.progress).then(|| progress_bar(cap * runs.len() as u64));
        let trials = lockstep(
            &mut lanes,
            (cap, self.sampling.threads),
            bar.as_ref(),
            |l, range| runs[l].chunk(range, None),
            |lane, chunk| lane.absorb(chunk),
            |lanes| reached(lanes) || lanes.iter().any(|l| l.starved(NONE_KEPT_STOP)),
        );
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let info = PrecisionInfo {
            target,
            of: targets.ids(&runs[0]),
            cap_hit: !reached(&lanes),
        };
        let conditioned = |m: &Model| self.cfg.given.is_some() || m.given.is_some();
        let none_kept = |point, (m, given): (&Model, Option<&Program>)| SweepError::NoneKept {
            point,
            overrides: match point {
                BASELINE => self.cfg.set.clone(),
                p => self.overrides[p].clone(),
            },
            precision: true,
            never: model::keeps_none(m, given),
        };
        let mut points = Vec::with_capacity(runs.len());
        let mut base_run = None;
        for (i, (run, acc)) in runs.iter().zip(lanes).enumerate() {
            let c = run.finish(acc);
            let model = &models[i].0;
            if conditioned(model) && c.b.kept == 0 {
                return Err(none_kept(i, (model, models[i].1.as_ref())));
            }
            base_run = base_run.or(Some(c.a));
            points.push(Point {
                values: self.points[i].clone(),
                overrides: self.overrides[i].clone(),
                output: make(Role::Point(i), model, c.b),
                differences: c.differences,
            });
        }
        let base_run = base_run.unwrap_or_else(|| RunResult::new(baseline));
        if conditioned(baseline) && base_run.kept == 0 {
            return Err(none_kept(BASELINE, (baseline, baseline_given)));
        }
        let swept = Swept {
            baseline: Baseline {
                values: self.baseline_values(),
                output: make(Role::Baseline, baseline, base_run),
            },
            points,
        };
        Ok((swept, Reached { info, trials }))
    }
}
