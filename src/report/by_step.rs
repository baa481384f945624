//! When things happen: a cumulative probability by step, `P(it has happened by step t)` for
//! `t = 0..=horizon`. Held as the steps where the value changes, so a 100 000-step horizon costs
//! only the steps that carry mass; JSON writes every step up to [`DENSE_MAX_HORIZON`] (an array
//! a chart can plot as it is) and only the changes beyond it.

use serde::Serialize;
use serde::ser::SerializeSeq;

/// Horizons up to this many steps are written with one value per step.
pub const DENSE_MAX_HORIZON: u32 = 1200;

/// A cumulative probability by step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ByStep {
    pub horizon: u32,
    /// `(step, value)` where the value differs from the step before (0 before step 0), in step
    /// order.
    changes: Vec<(u32, f64)>,
}

impl ByStep {
    /// The cumulative sum of `masses` (`(step, mass)` in step order) divided by `total`.
    pub fn cumulative(
        horizon: u32,
        masses: impl IntoIterator<Item = (u32, f64)>,
        total: f64,
    ) -> ByStep {
        let mut changes: Vec<(u32, f64)> = Vec::new();
        let mut sum = 0.0;
        for (step, mass) in masses {
            if mass == 0.0 || total <= 0.0 {
                continue;
            }
            sum += mass;
            let value = sum / total;
            match changes.last_mut() {
                Some((s, v)) if *s == step => *v = value,
                _ => changes.push((step, value)),
            }
        }
        ByStep { horizon, changes }
    }

    /// All of `probability` at the horizon: an outcome judged at the end.
    pub fn at_horizon(horizon: u32, probability: f64) -> ByStep {
        ByStep::cumulative(horizon, [(horizon, probability)], 1.0)
    }

    /// The value at step `t`.
    pub fn at(&self, t: u32) -> f64 {
        let k = self.changes.partition_point(|&(s, _)| s <= t);
        if k == 0 { 0.0 } else { self.changes[k - 1].1 }
    }

    /// True when every step is written (see [`DENSE_MAX_HORIZON`]).
    pub fn dense(&self) -> bool {
        self.horizon <= DENSE_MAX_HORIZON
    }

    /// The points a report writes: every step when [`dense`](Self::dense), else the changes.
    pub fn points(&self) -> Vec<(u32, f64)> {
        if self.dense() {
            (0..=self.horizon).map(|t| (t, self.at(t))).collect()
        } else {
            self.changes.clone()
        }
    }

    /// The first step by which the value reaches `share` of its final value; `None` when it
    /// stays 0. In the same integers as the engine's nearest rank when built from counts.
    pub fn reached(&self, share: f64) -> Option<u32> {
        let last = self.changes.last()?.1;
        let target = share * last * (1.0 - 1e-12);
        self.changes
            .iter()
            .find(|(_, v)| *v >= target)
            .map(|(s, _)| *s)
    }
}

impl Serialize for ByStep {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let points = self.points();
        let mut seq = s.serialize_seq(Some(points.len()))?;
        for (step, value) in points {
            if self.dense() {
                seq.serialize_element(&value)?;
            } else {
                seq.serialize_element(&(step, value))?;
            }
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cumulative_values_by_step() {
        let b = ByStep::cumulative(4, [(1, 2.0), (3, 1.0), (3, 1.0)], 8.0);
        assert_eq!(
            b.points(),
            [(0, 0.0), (1, 0.25), (2, 0.25), (3, 0.5), (4, 0.5)]
        );
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            "[0.0,0.25,0.25,0.5,0.5]"
        );
        assert_eq!(b.reached(0.5), Some(1));
        assert_eq!(b.reached(0.51), Some(3));
    }

    #[test]
    fn long_horizons_write_the_changes_only() {
        let b = ByStep::cumulative(5000, [(7, 1.0), (4000, 3.0)], 4.0);
        assert_eq!(serde_json::to_string(&b).unwrap(), "[[7,0.25],[4000,1.0]]");
        assert_eq!(b.at(3999), 0.25);
        let never = ByStep::cumulative(5000, [], 4.0);
        assert_eq!(serde_json::to_string(&never).unwrap(), "[]");
        assert_eq!(never.reached(0.5), None);
    }

    #[test]
    fn judged_at_the_end() {
        let b = ByStep::at_horizon(2, 0.3);
        assert_eq!(b.points(), [(0, 0.0), (1, 0.0), (2, 0.3)]);
    }
}
