//! A sweep split into shards: shard `I` of `N` runs the points `floor(P*I/N)..floor(P*(I+1)/N)`
//! of the `P` (possibly none), each beside the baseline as the whole sweep runs it, and keeps
//! their tallies. A point's run and its differences from the baseline do not depend on which
//! other points run, so the parts in shard order are the whole sweep's runs, bit for bit.

use serde::{Deserialize, Serialize};

use super::error::SweepError;
use super::role::Role;
use super::run::{Baseline, Point, SweepPlan, Swept};
use crate::analysis::compare::{Difference, match_outcomes};
use crate::engine::{RunResult, Shard};
use crate::model::Model;

/// What a sweep's shard keeps: the baseline's run (every shard runs it), then each of its
/// points' run and differences from the baseline, in point order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SweepPart {
    pub baseline: RunResult,
    pub points: Vec<PointPart>,
}

/// One point's run and its differences from the baseline.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PointPart {
    pub result: RunResult,
    pub differences: Vec<Difference>,
}

impl SweepPlan<'_> {
    /// Runs shard `shard`'s points.
    pub fn run_shard(&self, shard: Shard) -> Result<SweepPart, SweepError> {
        let swept = self.run_points(shard.share_of(self.len()), |_, _, r| r)?;
        Ok(SweepPart {
            baseline: swept.baseline.output,
            points: (swept.points.into_iter())
                .map(|p| PointPart {
                    result: p.output,
                    differences: p.differences,
                })
                .collect(),
        })
    }

    /// The whole sweep from the parts of every shard, in shard order, each point's output made
    /// by `make` from its model and run. A part that does not hold what its shard ran (or
    /// whose baseline differs from the first part's) is refused: `Err` gives its position in
    /// `parts` and what is wrong.
    pub fn assemble<R>(
        &self,
        parts: Vec<(Shard, SweepPart)>,
        make: impl Fn(Role, &Model, RunResult) -> R,
    ) -> Result<Swept<R>, (usize, String)> {
        let baseline = self.baseline_model();
        let mut first: Option<RunResult> = None;
        let mut points = Vec::with_capacity(self.len());
        for (i, (shard, part)) in parts.into_iter().enumerate() {
            let range = shard.share_of(self.len());
            let fail = |why: String| (i, why);
            if part.points.len() != range.len() {
                return Err(fail(format!(
                    "it holds {} points, shard {shard} has {}",
                    part.points.len(),
                    range.len()
                )));
            }
            match &first {
                None => {
                    check_run(baseline, &part.baseline, self.trials())
                        .map_err(|why| fail(format!("its baseline {why}")))?;
                    first = Some(part.baseline);
                }
                Some(b) if !same(b, &part.baseline) => {
                    return Err(fail("its baseline differs from the first part's".into()));
                }
                Some(_) => {}
            }
            for (p, point) in range.zip(part.points) {
                let (model, _) = self
                    .point_model(p)
                    .map_err(|_| fail(format!("point {} cannot be loaded again", p + 1)))?;
                let at = |why: String| fail(format!("point {}: {why}", p + 1));
                check_run(&model, &point.result, self.trials()).map_err(at)?;
                let base_run = first.as_ref().ok_or_else(|| at("no baseline".into()))?;
                check_differences(
                    (baseline, base_run),
                    (&model, &point.result),
                    &point.differences,
                )
                .map_err(at)?;
                points.push(Point {
                    values: self.point_values(p).to_vec(),
                    overrides: self.overrides_at(p).to_vec(),
                    output: make(Role::Point(p), &model, point.result),
                    differences: point.differences,
                });
            }
        }
        let base_run = first.ok_or((0, "no part".to_string()))?;
        Ok(Swept {
            baseline: Baseline {
                values: self.baseline_values(),
                output: make(Role::Baseline, baseline, base_run),
            },
            points,
        })
    }
}

/// Two runs with the same tallies (compared as written: a part holds nothing else).
fn same(a: &RunResult, b: &RunResult) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}

/// `Ok` when `r` is a whole run of `trials` trials of `model` that agrees with itself.
fn check_run(model: &Model, r: &RunResult, trials: u64) -> Result<(), String> {
    if r.trials != trials {
        return Err(format!("holds {} trials, the sweep {trials}", r.trials));
    }
    r.inconsistency(model).map_or(Ok(()), Err)
}

/// The differences of a point's pair with the baseline: one per outcome of either model
/// (matched by id, as the pair counted them), each count its run's, the pairs within them.
fn check_differences(
    (a, ra): (&Model, &RunResult),
    (b, rb): (&Model, &RunResult),
    ds: &[Difference],
) -> Result<(), String> {
    let want = match_outcomes(a, b);
    if ds.len() != want.len() {
        return Err(format!(
            "it holds {} differences, not one for each of the {} outcomes",
            ds.len(),
            want.len()
        ));
    }
    let count = |r: &RunResult, i: Option<usize>| i.map_or(0, |i| r.outcomes[i].count);
    for (d, (id, in_a, in_b)) in ds.iter().zip(&want) {
        let count_is = [count(ra, *in_a), count(rb, *in_b)];
        let pairs_fit = d.pairs.is_none_or(|p| {
            p.trials == ra.kept && [p.a, p.b] == count_is && p.a_only <= p.a && p.b_only <= p.b
        });
        if (&d.id, d.in_a, d.in_b) != (id, *in_a, *in_b)
            || d.count != count_is
            || d.kept != [ra.kept, rb.kept]
            || !pairs_fit
        {
            return Err(format!("its difference for `{id}` does not add up"));
        }
    }
    Ok(())
}
