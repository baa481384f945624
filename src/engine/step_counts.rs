//! How many trials something happened in, by step: a histogram over `0..=horizon`.
//!
//! Dense for the usual horizons (a few years of months), a sorted map for very long ones, so
//! memory stays bounded by the horizon and never grows with the number of trials.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::stats::nearest_rank;

/// Horizons up to this many steps use a dense histogram.
const DENSE_MAX_STEPS: u32 = 4096;

/// Counts of trials by step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepCounts {
    total: u64,
    /// One bin per step, for horizons below [`DENSE_MAX_STEPS`]; else empty.
    dense: Vec<u64>,
    /// Steps with a count, for longer horizons.
    sparse: BTreeMap<u32, u64>,
}

impl StepCounts {
    pub fn new(horizon: u32) -> StepCounts {
        StepCounts {
            total: 0,
            dense: if horizon < DENSE_MAX_STEPS {
                vec![0; horizon as usize + 1]
            } else {
                Vec::new()
            },
            sparse: BTreeMap::new(),
        }
    }

    #[inline]
    pub fn add(&mut self, step: u32) {
        self.add_n(step, 1);
    }

    #[inline]
    fn add_n(&mut self, step: u32, n: u64) {
        self.total += n;
        match self.dense.get_mut(step as usize) {
            Some(c) => *c += n,
            None => *self.sparse.entry(step).or_insert(0) += n,
        }
    }

    /// Adds `counts[s]` trials at each step `s`.
    pub fn add_counts(&mut self, counts: &[u64]) {
        if self.dense.len() == counts.len() {
            self.total += counts.iter().sum::<u64>();
            for (x, y) in self.dense.iter_mut().zip(counts) {
                *x += y;
            }
            return;
        }
        for (step, &n) in counts.iter().enumerate() {
            if n > 0 {
                self.add_n(step as u32, n);
            }
        }
    }

    pub fn merge(&mut self, other: &StepCounts) {
        self.total += other.total;
        for (x, y) in self.dense.iter_mut().zip(&other.dense) {
            *x += y;
        }
        for (&step, &n) in &other.sparse {
            *self.sparse.entry(step).or_insert(0) += n;
        }
    }

    /// True when this histogram has the layout of `StepCounts::new(horizon)`, its steps are
    /// within the horizon and its total is its counts' sum (a histogram read from a file).
    pub fn is_consistent(&self, horizon: u32) -> bool {
        let sum = self
            .dense
            .iter()
            .chain(self.sparse.values())
            .try_fold(0u64, |a, &b| a.checked_add(b));
        self.dense.len() == StepCounts::new(horizon).dense.len()
            && self
                .sparse
                .keys()
                .all(|&s| s <= horizon && (s as usize) >= self.dense.len())
            && sum == Some(self.total)
    }

    /// Total count over all steps.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// `(step, count)` for the steps with a count, in step order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        let dense = self
            .dense
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| (s as u32, *n));
        dense.chain(self.sparse.iter().map(|(s, n)| (*s, *n)))
    }

    /// The `pct`-th percentile by nearest rank (the smallest step with at least
    /// `ceil(pct / 100 * total)` counts at or below it); `None` when empty.
    pub fn percentile(&self, pct: u32) -> Option<u32> {
        let rank = nearest_rank(self.total, pct)?;
        let mut seen = 0;
        for (step, n) in self.iter() {
            seen += n;
            if seen >= rank {
                return Some(step);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(horizon: u32) -> StepCounts {
        let mut c = StepCounts::new(horizon);
        for s in [3, 1, 4, 1, 5, 9, 2, 6, 5, 3] {
            c.add(s);
        }
        c
    }

    #[test]
    fn percentiles_dense_and_sparse_agree() {
        for horizon in [10, 100_000] {
            let c = both(horizon);
            // sorted: 1 1 2 3 3 4 5 5 6 9
            assert_eq!(c.percentile(50), Some(3), "{horizon}");
            assert_eq!(c.percentile(10), Some(1));
            assert_eq!(c.percentile(90), Some(6));
            assert_eq!(c.percentile(100), Some(9));
            assert_eq!(c.total(), 10);
        }
        assert_eq!(StepCounts::new(5).percentile(50), None);
    }

    #[test]
    fn counts_by_step_add_to_dense_and_sparse_histograms() {
        // A row of counts per step, as a chunk keeps them, added to either representation.
        let row = [0, 2, 0, 5, 1];
        for horizon in [4, 100_000] {
            let mut c = both(horizon.min(10));
            let mut long = StepCounts::new(horizon);
            long.add_counts(&row);
            c.add_counts(&row);
            assert_eq!(long.total(), 8, "{horizon}");
            assert_eq!(
                long.iter().collect::<Vec<_>>(),
                vec![(1, 2), (3, 5), (4, 1)]
            );
            assert_eq!(c.total(), 18);
            assert_eq!(c.iter().find(|(s, _)| *s == 3), Some((3, 7)));
        }
    }

    #[test]
    fn merge_adds() {
        for horizon in [10, 100_000] {
            let mut a = both(horizon);
            a.merge(&both(horizon));
            assert_eq!(a.total(), 20);
            assert_eq!(a.iter().find(|(s, _)| *s == 1), Some((1, 4)));
        }
    }
}
