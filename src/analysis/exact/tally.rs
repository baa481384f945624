//! What a propagation adds up: probability mass by outcome and step, expected firings, first
//! firing steps, and the distribution of the variables at the end of the trial.
//!
//! Every figure is a sum of probability masses, so tallies of several propagations (one per
//! quadrature node over uncertain probabilities) combine by a weighted sum.

use std::collections::BTreeMap;

use super::PathMasses;
use crate::stats::weighted_quantile;

/// A distribution over steps: `(step, mass)` in increasing step order, zero masses left out.
/// Sparse because there can be 10 000 events and 100 000 steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepDist(pub Vec<(u32, f64)>);

impl StepDist {
    /// Adds mass at `step`, which must not be before the last step added.
    pub fn add(&mut self, step: u32, mass: f64) {
        if mass == 0.0 {
            return;
        }
        match self.0.last_mut() {
            Some((s, m)) if *s == step => *m += mass,
            _ => self.0.push((step, mass)),
        }
    }

    pub fn total(&self) -> f64 {
        // From +0.0: an empty float sum is -0.0, which would print as a negative probability.
        self.0.iter().fold(0.0, |acc, (_, m)| acc + m)
    }

    /// Adds `weight * other`, keeping the step order.
    pub fn add_scaled(&mut self, other: &StepDist, weight: f64) {
        let mut merged = Vec::with_capacity(self.0.len().max(other.0.len()));
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&(sa, ma)), Some(&&(sb, mb))) if sa == sb => {
                    a.next();
                    b.next();
                    (sa, ma + weight * mb)
                }
                (Some(&&(sa, ma)), Some(&&(sb, _))) if sa < sb => {
                    a.next();
                    (sa, ma)
                }
                (_, Some(&&(sb, mb))) => {
                    b.next();
                    (sb, weight * mb)
                }
                (Some(&&(sa, ma)), None) => {
                    a.next();
                    (sa, ma)
                }
                (None, None) => break,
            };
            merged.push(next);
        }
        self.0 = merged;
    }

    /// The `p`-quantile by nearest rank: the first step at which the cumulative mass reaches
    /// `p` of the total. `None` when there is no mass.
    pub fn quantile(&self, p: f64) -> Option<u32> {
        weighted_quantile(self.0.iter().map(|&(s, m)| (s, m)), p)
    }
}

/// A finite value as a key ordered like the number (`-0.0` and `0.0` are one key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct OrdValue(i64);

impl OrdValue {
    pub fn new(v: f64) -> OrdValue {
        let v = if v == 0.0 { 0.0 } else { v };
        let bits = v.to_bits() as i64;
        OrdValue(if bits < 0 { bits ^ i64::MAX } else { bits })
    }

    pub fn get(self) -> f64 {
        let bits = if self.0 < 0 {
            self.0 ^ i64::MAX
        } else {
            self.0
        };
        f64::from_bits(bits as u64)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Probability of ending in each outcome.
    pub outcome: Vec<f64>,
    /// For terminal outcomes: the mass by the step at which the trial ended.
    pub outcome_steps: Vec<StepDist>,
    /// Mass by the step at which each event first fired; its total is the chance of firing at
    /// least once.
    pub first_fire: Vec<StepDist>,
    /// Expected number of firings of each event.
    pub times: Vec<f64>,
    /// Expected number of times each branch of each event was taken.
    pub branch_times: Vec<Vec<f64>>,
    /// Chance that each actor acted at all.
    pub actor: Vec<f64>,
    /// End-of-trial distribution of each tracked variable (empty for untracked ones).
    pub vars: Vec<BTreeMap<OrdValue, f64>>,
    /// The most distinct states alive after any one step.
    pub peak_states: usize,
    /// In a propagation where some events' firing removes the mass: the mass removed, by step.
    pub removed: StepDist,
    /// Mass by the order in which the route events fired, per outcome.
    pub paths: PathMasses,
}

impl Tally {
    pub fn new(model: &crate::model::Model) -> Tally {
        Tally {
            outcome: vec![0.0; model.outcomes.len()],
            outcome_steps: vec![StepDist::default(); model.outcomes.len()],
            first_fire: vec![StepDist::default(); model.events.len()],
            times: vec![0.0; model.events.len()],
            branch_times: model
                .events
                .iter()
                .map(|e| vec![0.0; e.branches.len()])
                .collect(),
            actor: vec![0.0; model.actors.len()],
            vars: vec![BTreeMap::new(); model.variables.len()],
            peak_states: 0,
            removed: StepDist::default(),
            paths: PathMasses::default(),
        }
    }

    /// Adds `weight * other` to this tally.
    pub fn add_scaled(&mut self, other: &Tally, weight: f64) {
        fn axpy(a: &mut [f64], b: &[f64], w: f64) {
            for (a, b) in a.iter_mut().zip(b) {
                *a += w * b;
            }
        }
        axpy(&mut self.outcome, &other.outcome, weight);
        axpy(&mut self.times, &other.times, weight);
        axpy(&mut self.actor, &other.actor, weight);
        for (a, b) in self.outcome_steps.iter_mut().zip(&other.outcome_steps) {
            a.add_scaled(b, weight);
        }
        for (a, b) in self.first_fire.iter_mut().zip(&other.first_fire) {
            a.add_scaled(b, weight);
        }
        for (a, b) in self.branch_times.iter_mut().zip(&other.branch_times) {
            axpy(a, b, weight);
        }
        for (a, b) in self.vars.iter_mut().zip(&other.vars) {
            for (v, m) in b {
                *a.entry(*v).or_insert(0.0) += weight * m;
            }
        }
        self.paths.add_scaled(&other.paths, weight);
        self.peak_states = self.peak_states.max(other.peak_states);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_takes_the_first_step_reaching_p() {
        let d = StepDist(vec![(1, 0.25), (2, 0.25), (5, 0.5)]);
        assert_eq!(d.quantile(0.5), Some(2));
        assert_eq!(d.quantile(0.1), Some(1));
        assert_eq!(d.quantile(0.9), Some(5));
        assert_eq!(StepDist::default().quantile(0.5), None);
    }

    #[test]
    fn scaled_sums_merge_steps_in_order() {
        let mut a = StepDist(vec![(1, 1.0), (4, 1.0)]);
        a.add_scaled(&StepDist(vec![(2, 1.0), (4, 2.0), (9, 1.0)]), 0.5);
        assert_eq!(a.0, vec![(1, 1.0), (2, 0.5), (4, 2.0), (9, 0.5)]);
    }

    #[test]
    fn ord_values_sort_like_numbers() {
        let mut v: Vec<_> = [3.0, -1.5, 0.0, -0.0, -7.0, 2.5]
            .into_iter()
            .map(OrdValue::new)
            .collect();
        v.sort();
        let back: Vec<f64> = v.into_iter().map(OrdValue::get).collect();
        assert_eq!(back, vec![-7.0, -1.5, 0.0, 0.0, 2.5, 3.0]);
    }
}
