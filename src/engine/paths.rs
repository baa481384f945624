//! Escalation paths (the ordered once-only events a trial fired) and the outcomes they led to.
//!
//! Counts are exact up to [`EXACT_MAX_PATHS`] distinct paths. Beyond that the table becomes a
//! Misra-Gries heavy-hitters summary (mergeable form of Agarwal et al., 2012): when it holds more
//! than [`SUMMARY_SLACK`] paths, the count of the `EXACT_MAX_PATHS + 1`-th largest is subtracted
//! from every path and those left at zero are dropped. A count then underestimates the truth by
//! at most `trials / (EXACT_MAX_PATHS + 1)`, and every path more frequent than that survives.
//! Outcome counts of a path are those seen since it last entered the table.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Distinct paths counted exactly.
pub const EXACT_MAX_PATHS: usize = 100_000;
/// Paths held before a summary reduction.
const SUMMARY_SLACK: usize = EXACT_MAX_PATHS + EXACT_MAX_PATHS / 2;

/// A small fixed hasher (FxHash's mixing): fast for short `u32` sequences, and deterministic.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Map = HashMap<Box<[u32]>, u32, BuildHasherDefault<FxHasher>>;

/// Paths with their trial counts and outcome counts.
#[derive(Clone, Debug)]
pub struct PathTally {
    outcomes: usize,
    index: Map,
    /// Per slot, in insertion order: the path.
    paths: Vec<Box<[u32]>>,
    /// Per slot: `[count, outcome 0, outcome 1, ...]`.
    counts: Vec<u64>,
    approximate: bool,
}

/// One path of a [`PathTally`].
#[derive(Clone, Debug, PartialEq)]
pub struct PathCount<'a> {
    pub events: &'a [u32],
    pub count: u64,
    /// Trials that took this path, by outcome.
    pub outcomes: &'a [u64],
}

impl PathTally {
    pub fn new(outcomes: usize) -> PathTally {
        PathTally {
            outcomes,
            index: Map::default(),
            paths: Vec::new(),
            counts: Vec::new(),
            approximate: false,
        }
    }

    fn stride(&self) -> usize {
        self.outcomes + 1
    }

    fn slot(&mut self, path: &[u32]) -> usize {
        if let Some(&slot) = self.index.get(path) {
            return slot as usize;
        }
        let slot = self.paths.len();
        self.index.insert(path.into(), slot as u32);
        self.paths.push(path.into());
        self.counts.resize(self.counts.len() + self.stride(), 0);
        slot
    }

    /// Counts one trial.
    #[inline]
    pub fn add(&mut self, path: &[u32], outcome: usize) {
        let base = self.slot(path) * self.stride();
        self.counts[base] += 1;
        self.counts[base + 1 + outcome] += 1;
    }

    /// Adds another tally (for reproducible results, always in the same order).
    pub fn merge(&mut self, other: &PathTally) {
        self.approximate |= other.approximate;
        let stride = self.stride();
        for (slot, path) in other.paths.iter().enumerate() {
            let base = self.slot(path) * stride;
            let theirs = &other.counts[slot * stride..(slot + 1) * stride];
            for (a, b) in self.counts[base..base + stride].iter_mut().zip(theirs) {
                *a += b;
            }
        }
        if self.paths.len() > SUMMARY_SLACK {
            self.reduce();
        }
    }

    /// The Misra-Gries step: subtract the `EXACT_MAX_PATHS + 1`-th largest count.
    fn reduce(&mut self) {
        let stride = self.stride();
        let mut totals: Vec<u64> = self.counts.iter().step_by(stride).copied().collect();
        let (_, cut, _) = totals.select_nth_unstable_by(EXACT_MAX_PATHS, |a, b| b.cmp(a));
        let cut = *cut;
        let paths = std::mem::take(&mut self.paths);
        let counts = std::mem::take(&mut self.counts);
        self.index.clear();
        for (slot, path) in paths.into_iter().enumerate() {
            let row = &counts[slot * stride..(slot + 1) * stride];
            if row[0] > cut {
                self.index.insert(path.clone(), self.paths.len() as u32);
                self.paths.push(path);
                self.counts.push(row[0] - cut);
                self.counts.extend_from_slice(&row[1..]);
            }
        }
        self.approximate = true;
    }

    /// True once counts come from the heavy-hitters summary.
    pub fn approximate(&self) -> bool {
        self.approximate
    }

    /// Distinct paths held.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Every path held, in the order first seen.
    pub fn iter(&self) -> impl Iterator<Item = PathCount<'_>> {
        let stride = self.stride();
        self.paths.iter().enumerate().map(move |(slot, p)| {
            let row = &self.counts[slot * stride..(slot + 1) * stride];
            PathCount {
                events: p,
                count: row[0],
                outcomes: &row[1..],
            }
        })
    }

    /// The `n` most frequent paths, ties broken by the event ids along the path (`names[e]`),
    /// compared element by element (a shorter prefix first).
    pub fn top<'a>(&'a self, n: usize, names: &[&str]) -> Vec<PathCount<'a>> {
        let mut all: Vec<PathCount<'a>> = self.iter().collect();
        all.sort_by(|a, b| {
            b.count.cmp(&a.count).then_with(|| {
                let ia = a.events.iter().map(|&e| names[e as usize]);
                let ib = b.events.iter().map(|&e| names[e as usize]);
                ia.cmp(ib)
            })
        });
        all.truncate(n);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_counts_and_outcomes() {
        let mut a = PathTally::new(2);
        a.add(&[], 1);
        a.add(&[0, 1], 0);
        a.add(&[0, 1], 1);
        let mut b = PathTally::new(2);
        b.add(&[0, 1], 0);
        b.add(&[1], 1);
        a.merge(&b);
        let names = ["x", "y"];
        let top = a.top(10, &names);
        assert_eq!(top[0].events, &[0, 1]);
        assert_eq!(top[0].count, 3);
        assert_eq!(top[0].outcomes, &[2, 1]);
        // Ties: [] < [y] (a prefix first).
        assert_eq!(top[1].events, &[] as &[u32]);
        assert_eq!(top[2].events, &[1]);
        assert!(!a.approximate());
    }

    #[test]
    fn heavy_hitters_survive_many_rare_paths() {
        let mut total = PathTally::new(1);
        let mut rare = 0u32;
        for _chunk in 0..50 {
            let mut c = PathTally::new(1);
            for _ in 0..4000 {
                c.add(&[7], 0);
            }
            for _ in 0..4000 {
                c.add(&[1_000 + rare / 1000, rare % 1000], 0);
                rare += 1;
            }
            total.merge(&c);
        }
        assert!(total.approximate());
        assert!(total.len() <= SUMMARY_SLACK);
        let names: Vec<String> = (0..2000).map(|i| format!("e{i:04}")).collect();
        let names: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
        let top = total.top(1, &names);
        assert_eq!(top[0].events, &[7]);
        // Underestimate by at most trials / (k + 1).
        let trials = 50 * 8000u64;
        assert!(top[0].count <= 200_000);
        assert!(top[0].count + trials / (EXACT_MAX_PATHS as u64 + 1) >= 200_000);
    }
}
