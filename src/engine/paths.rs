//! Escalation paths (the ordered once-only events a trial fired) and the outcomes they led to.
//!
//! Counts are exact up to [`EXACT_MAX_PATHS`] distinct paths. Beyond that the table becomes a
//! Misra-Gries heavy-hitters summary (mergeable form of Agarwal et al., 2012): when it holds more
//! than [`SUMMARY_SLACK`] paths, the count of the `EXACT_MAX_PATHS + 1`-th largest is subtracted
//! from every path and those left at zero are dropped. A count then underestimates the truth by
//! at most `trials / (EXACT_MAX_PATHS + 1)`, and every path more frequent than that survives.
//! Outcome counts of a path are those seen since it last entered the table.

use serde::{Deserialize, Serialize};

/// Distinct paths counted exactly.
pub const EXACT_MAX_PATHS: usize = 100_000;
/// Paths held before a summary reduction.
const SUMMARY_SLACK: usize = EXACT_MAX_PATHS + EXACT_MAX_PATHS / 2;

/// The hash of the empty path.
pub const PATH_HASH_EMPTY: u64 = 0x243f_6a88_85a3_08d3;

/// The hash of a path extended by event `e` (FxHash's step). The simulator keeps the hash of
/// the path as events fire, so counting a trial's path does not re-read it.
#[inline]
pub fn path_hash_push(h: u64, e: u32) -> u64 {
    (h.rotate_left(5) ^ u64::from(e)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The hash of a whole path.
pub fn path_hash(path: &[u32]) -> u64 {
    path.iter()
        .fold(PATH_HASH_EMPTY, |h, &e| path_hash_push(h, e))
}

/// Paths with their trial counts and outcome counts: an open-addressing table over an arena
/// of paths, so a lookup costs one probe and one comparison, and no allocation per path.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "PathsRepr", into = "PathsRepr")]
pub struct PathTally {
    outcomes: usize,
    /// Slot to entry + 1 (0: empty); a power of two long.
    table: Vec<u32>,
    /// Per entry, in insertion order: the path's hash and its span in `arena`.
    hashes: Vec<u64>,
    spans: Vec<(u32, u32)>,
    arena: Vec<u32>,
    /// Per entry: `[count, outcome 0, outcome 1, ...]`.
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
            table: Vec::new(),
            hashes: Vec::new(),
            spans: Vec::new(),
            arena: Vec::new(),
            counts: Vec::new(),
            approximate: false,
        }
    }

    fn stride(&self) -> usize {
        self.outcomes + 1
    }

    #[inline]
    fn home(&self, hash: u64) -> usize {
        // Fibonacci hashing: the top bits of a multiply spread well over the table.
        let bits = self.table.len().trailing_zeros();
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    #[inline]
    fn path(&self, entry: usize) -> &[u32] {
        let (start, len) = self.spans[entry];
        &self.arena[start as usize..(start + len) as usize]
    }

    /// Rebuilds the slot table for `entries` entries at most half full.
    fn rebuild(&mut self, entries: usize) {
        let size = (entries * 2).next_power_of_two().max(16);
        self.table.clear();
        self.table.resize(size, 0);
        let mask = size - 1;
        for (entry, &h) in self.hashes.iter().enumerate() {
            let mut i = self.home(h);
            while self.table[i] != 0 {
                i = (i + 1) & mask;
            }
            self.table[i] = entry as u32 + 1;
        }
    }

    #[inline]
    fn entry(&mut self, path: &[u32], hash: u64) -> usize {
        if (self.hashes.len() + 1) * 2 > self.table.len() {
            self.rebuild(self.hashes.len() + 1);
        }
        let mask = self.table.len() - 1;
        let mut i = self.home(hash);
        loop {
            match self.table[i] {
                0 => break,
                slot => {
                    let entry = slot as usize - 1;
                    if self.hashes[entry] == hash && self.path(entry) == path {
                        return entry;
                    }
                }
            }
            i = (i + 1) & mask;
        }
        let entry = self.hashes.len();
        self.table[i] = entry as u32 + 1;
        self.hashes.push(hash);
        self.spans
            .push((self.arena.len() as u32, path.len() as u32));
        self.arena.extend_from_slice(path);
        self.counts.resize(self.counts.len() + self.stride(), 0);
        entry
    }

    /// Counts one trial that took `path` (whose [`path_hash`] is `hash`) to `outcome`.
    #[inline]
    pub fn add_hashed(&mut self, path: &[u32], hash: u64, outcome: usize) {
        debug_assert_eq!(hash, path_hash(path));
        let base = self.entry(path, hash) * self.stride();
        self.counts[base] += 1;
        self.counts[base + 1 + outcome] += 1;
    }

    /// Counts one trial.
    pub fn add(&mut self, path: &[u32], outcome: usize) {
        self.add_hashed(path, path_hash(path), outcome);
    }

    /// Adds another tally (for reproducible results, always in the same order).
    pub fn merge(&mut self, other: &PathTally) {
        self.approximate |= other.approximate;
        let stride = self.stride();
        for (entry, &hash) in other.hashes.iter().enumerate() {
            let mine = self.entry(other.path(entry), hash) * stride;
            let theirs = &other.counts[entry * stride..(entry + 1) * stride];
            for (a, b) in self.counts[mine..mine + stride].iter_mut().zip(theirs) {
                *a += b;
            }
        }
        if self.hashes.len() > SUMMARY_SLACK {
            self.reduce();
        }
    }

    /// The Misra-Gries step: subtract the `EXACT_MAX_PATHS + 1`-th largest count.
    fn reduce(&mut self) {
        let stride = self.stride();
        let mut totals: Vec<u64> = self.counts.iter().step_by(stride).copied().collect();
        let (_, cut, _) = totals.select_nth_unstable_by(EXACT_MAX_PATHS, |a, b| b.cmp(a));
        let cut = *cut;
        let old = std::mem::replace(self, PathTally::new(self.outcomes));
        for entry in 0..old.hashes.len() {
            let row = &old.counts[entry * stride..(entry + 1) * stride];
            if row[0] > cut {
                let path = old.path(entry);
                self.hashes.push(old.hashes[entry]);
                self.spans
                    .push((self.arena.len() as u32, path.len() as u32));
                self.arena.extend_from_slice(path);
                self.counts.push(row[0] - cut);
                self.counts.extend_from_slice(&row[1..]);
            }
        }
        self.rebuild(self.hashes.len());
        self.approximate = true;
    }

    /// Why this tally, read from a file, cannot be one of `kept` trials over `events` events.
    pub fn inconsistency(&self, events: usize, kept: u64) -> Option<String> {
        if self.arena.iter().any(|&e| e as usize >= events) {
            return Some("a path names an event the scenario does not have".into());
        }
        if self.counts.len() != self.hashes.len() * self.stride() {
            return Some("a path has the wrong number of outcome counts".into());
        }
        let total = self
            .counts
            .iter()
            .step_by(self.stride())
            .try_fold(0u64, |a, &b| a.checked_add(b));
        let fits = if self.approximate {
            total.is_some_and(|t| t <= kept)
        } else {
            total == Some(kept)
        };
        (!fits).then(|| format!("its path counts do not add up to the {kept} trials kept"))
    }

    /// True once counts come from the heavy-hitters summary.
    pub fn approximate(&self) -> bool {
        self.approximate
    }

    /// Distinct paths held.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Every path held, in the order first seen.
    pub fn iter(&self) -> impl Iterator<Item = PathCount<'_>> {
        let stride = self.stride();
        (0..self.hashes.len()).map(move |entry| {
            let row = &self.counts[entry * stride..(entry + 1) * stride];
            PathCount {
                events: self.path(entry),
                count: row[0],
                outcomes: &row[1..],
            }
        })
    }

    /// The `n` most frequent paths, ties broken by the event ids along the path (`names[e]`),
    /// compared element by element (a shorter prefix first).
    pub fn top<'a>(&'a self, n: usize, names: &[&str]) -> Vec<PathCount<'a>> {
        let mut all: Vec<PathCount<'a>> = self.iter().collect();
        // Only paths at least as frequent as the `n`-th can be listed: the full comparison
        // (by names) sorts those few rather than every path.
        if n == 0 {
            return Vec::new();
        }
        if all.len() > n {
            let mut counts: Vec<u64> = all.iter().map(|p| p.count).collect();
            let cut = *counts.select_nth_unstable_by(n - 1, |a, b| b.cmp(a)).1;
            all.retain(|p| p.count >= cut);
        }
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

/// The stored form: the number of outcomes, and each path with its counts
/// (`[count, outcome 0, outcome 1, ...]`) in the order first seen.
#[derive(Serialize, Deserialize)]
struct PathsRepr {
    outcomes: usize,
    approximate: bool,
    paths: Vec<(Vec<u32>, Vec<u64>)>,
}

impl From<PathTally> for PathsRepr {
    fn from(t: PathTally) -> PathsRepr {
        PathsRepr {
            outcomes: t.outcomes,
            approximate: t.approximate,
            paths: t
                .iter()
                .map(|p| {
                    let mut counts = vec![p.count];
                    counts.extend_from_slice(p.outcomes);
                    (p.events.to_vec(), counts)
                })
                .collect(),
        }
    }
}

impl From<PathsRepr> for PathTally {
    /// Rows of the wrong length are kept as they are, for [`PathTally::inconsistency`] to find.
    fn from(r: PathsRepr) -> PathTally {
        let mut t = PathTally::new(r.outcomes);
        t.approximate = r.approximate;
        let stride = t.stride();
        for (path, counts) in r.paths {
            let base = t.entry(&path, path_hash(&path)) * stride;
            if counts.len() != stride {
                t.counts.push(u64::MAX);
                continue;
            }
            for (a, b) in t.counts[base..base + stride].iter_mut().zip(&counts) {
                *a = a.saturating_add(*b);
            }
        }
        t
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

    /// `top` against a stable sort of every path by the same order, on tallies with many
    /// ties in count (and names out of index order), for every `n`.
    #[test]
    fn top_is_the_head_of_every_path_sorted() {
        let names = ["m", "b", "zz", "a", "z", "c", "ab"];
        let mut s = crate::engine::rng::Stream::new(41);
        for round in 0..200 {
            let mut t = PathTally::new(2);
            for _ in 0..(round * 3) {
                let len = s.next_u64() % 4;
                let mut path: Vec<u32> = (0..len).map(|_| (s.next_u64() % 7) as u32).collect();
                path.dedup();
                // Counts skewed towards small ones: many ties.
                for _ in 0..=(s.next_u64() % 4) * (s.next_u64() % 3) {
                    t.add(&path, (s.next_u64() % 2) as usize);
                }
            }
            let mut all: Vec<PathCount> = t.iter().collect();
            all.sort_by(|a, b| {
                b.count.cmp(&a.count).then_with(|| {
                    let ia = a.events.iter().map(|&e| names[e as usize]);
                    ia.cmp(b.events.iter().map(|&e| names[e as usize]))
                })
            });
            for n in [0, 1, 2, 3, 5, 10, 1000] {
                let want = &all[..n.min(all.len())];
                assert_eq!(t.top(n, &names), want, "round {round}, n {n}");
            }
        }
    }

    #[test]
    fn many_distinct_paths_are_counted_exactly_up_to_the_limit() {
        let mut t = PathTally::new(1);
        for i in 0..50_000u32 {
            t.add(&[i / 7, i % 7], 0);
            t.add(&[i / 7, i % 7], 0);
        }
        assert_eq!(t.len(), 50_000);
        assert!(t.iter().all(|p| p.count == 2));
        assert!(!t.approximate());
    }

    #[test]
    fn path_hash_is_incremental() {
        let h = path_hash_push(path_hash_push(PATH_HASH_EMPTY, 3), 9);
        assert_eq!(h, path_hash(&[3, 9]));
        assert_ne!(path_hash(&[3, 9]), path_hash(&[9, 3]));
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
