//! The distribution of a variable's end value over trials, in memory that does not grow with
//! the number of trials.
//!
//! Exact (a count per distinct value) while the values are few, as they are for counters and
//! flags-as-numbers; beyond [`EXACT_MAX_DISTINCT`] a deterministic mergeable quantile sketch
//! (a stack of compactors, MRL/KLL style): level `h` holds values of weight `2^h`; a full level
//! is sorted and every other value (alternating which half per level) moves up with double
//! weight. One compaction moves any rank by at most `2^h`, so after `n` values the rank error is
//! at most `n * levels / (k - 1)`: with `k = 4096` that stays under 1% up to 10^12 values.
//! Fed in a fixed order, the sketch is the same bytes whatever the thread count.

use std::collections::BTreeMap;

use super::step_counts::nearest_rank;

/// Distinct values kept exactly before switching to the sketch.
pub const EXACT_MAX_DISTINCT: usize = 1024;

/// Values per compactor level.
const LEVEL_CAPACITY: usize = 4096;

/// A key that orders finite floats like the floats (and `-0.0` with `0.0`).
#[inline]
fn key(x: f64) -> u64 {
    let bits = (x + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

#[inline]
fn unkey(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

#[derive(Clone, Debug, Default)]
struct Sketch {
    levels: Vec<Vec<f64>>,
    /// Per level: which half the next compaction keeps (alternates, deterministically).
    odd: Vec<bool>,
}

impl Sketch {
    fn insert(&mut self, x: f64, mut count: u64) {
        let mut level = 0;
        while count > 0 {
            if count & 1 == 1 {
                self.push(level, x);
            }
            count >>= 1;
            level += 1;
        }
    }

    fn push(&mut self, level: usize, x: f64) {
        if self.levels.len() <= level {
            self.levels.resize_with(level + 1, Vec::new);
            self.odd.resize(level + 1, false);
        }
        self.levels[level].push(x);
        if self.levels[level].len() >= LEVEL_CAPACITY {
            self.compact(level);
        }
    }

    fn compact(&mut self, level: usize) {
        let mut buf = std::mem::take(&mut self.levels[level]);
        buf.sort_unstable_by(f64::total_cmp);
        // An odd one out stays behind at this level.
        let rest = if buf.len() % 2 == 1 { buf.pop() } else { None };
        let start = usize::from(self.odd[level]);
        self.odd[level] = !self.odd[level];
        let up: Vec<f64> = buf.iter().skip(start).step_by(2).copied().collect();
        buf.clear();
        buf.extend(rest);
        self.levels[level] = buf;
        for x in up {
            self.push(level + 1, x);
        }
    }

    /// `(value, weight)` of everything held, sorted by value.
    fn weighted(&self) -> Vec<(f64, u64)> {
        let mut all: Vec<(f64, u64)> = self
            .levels
            .iter()
            .enumerate()
            .flat_map(|(h, xs)| xs.iter().map(move |&x| (x, 1u64 << h)))
            .collect();
        all.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        all
    }
}

/// The values seen so far: exact counts while they are few, else a sketch.
#[derive(Clone, Debug)]
enum EndValues {
    Exact(BTreeMap<u64, u64>),
    Sketch(Sketch),
}

/// End values of one variable over the trials of a run.
#[derive(Clone, Debug)]
pub struct ValueSummary {
    count: u64,
    /// Neumaier-compensated sum, for the mean.
    sum: f64,
    comp: f64,
    dist: EndValues,
}

impl Default for ValueSummary {
    fn default() -> Self {
        ValueSummary {
            count: 0,
            sum: 0.0,
            comp: 0.0,
            dist: EndValues::Exact(BTreeMap::new()),
        }
    }
}

fn neumaier(sum: &mut f64, comp: &mut f64, x: f64) {
    let t = *sum + x;
    if sum.abs() >= x.abs() {
        *comp += (*sum - t) + x;
    } else {
        *comp += (x - t) + *sum;
    }
    *sum = t;
}

/// A chunk's values of one variable, ready to merge: sorted, as `(value, count)` runs, with the
/// chunk's own compensated sum (taken in trial order).
#[derive(Clone, Debug, Default)]
pub struct ValueBatch {
    /// The values as [`key`]s, until sealed.
    keys: Vec<u64>,
    runs: Vec<(f64, u64)>,
    sum: f64,
    comp: f64,
}

impl ValueBatch {
    #[inline]
    pub fn push(&mut self, x: f64) {
        neumaier(&mut self.sum, &mut self.comp, x);
        self.keys.push(key(x));
    }

    /// Sorts and run-length encodes (in the worker thread, to keep merging cheap).
    pub fn seal(&mut self) {
        // Integer keys sort in the order of the floats, several times faster than comparing
        // the floats themselves.
        self.keys.sort_unstable();
        self.runs.clear();
        let mut last = None;
        for &k in &self.keys {
            match self.runs.last_mut() {
                Some((_, n)) if last == Some(k) => *n += 1,
                _ => self.runs.push((unkey(k), 1)),
            }
            last = Some(k);
        }
        self.keys.clear();
    }
}

impl ValueSummary {
    /// Adds a sealed batch (batches must come in a fixed order for reproducible sketches).
    pub fn merge(&mut self, batch: &ValueBatch) {
        neumaier(&mut self.sum, &mut self.comp, batch.sum);
        self.comp += batch.comp;
        for &(x, n) in &batch.runs {
            self.insert(x, n);
        }
    }

    fn insert(&mut self, x: f64, n: u64) {
        self.count += n;
        match &mut self.dist {
            EndValues::Exact(map) => {
                *map.entry(key(x)).or_insert(0) += n;
                if map.len() > EXACT_MAX_DISTINCT {
                    let mut sketch = Sketch::default();
                    for (&k, &c) in map.iter() {
                        sketch.insert(unkey(k), c);
                    }
                    self.dist = EndValues::Sketch(sketch);
                }
            }
            EndValues::Sketch(s) => s.insert(x, n),
        }
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The mean, or `None` without values.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| (self.sum + self.comp) / self.count as f64)
    }

    /// True when percentiles come from the sketch (within 1% of rank) rather than exact counts.
    pub fn approximate(&self) -> bool {
        matches!(self.dist, EndValues::Sketch(_))
    }

    /// Percentiles by nearest rank, for several `pct` at once (one pass over the sketch).
    pub fn percentiles(&self, pcts: &[u32]) -> Vec<Option<f64>> {
        let weighted: Vec<(f64, u64)> = match &self.dist {
            EndValues::Exact(map) => map.iter().map(|(&k, &c)| (unkey(k), c)).collect(),
            EndValues::Sketch(s) => s.weighted(),
        };
        pcts.iter()
            .map(|&pct| {
                let rank = nearest_rank(self.count, pct)?;
                let mut seen = 0;
                weighted
                    .iter()
                    .find(|(_, c)| {
                        seen += c;
                        seen >= rank
                    })
                    .map(|(x, _)| *x)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary_of(xs: impl IntoIterator<Item = f64>, chunk: usize) -> ValueSummary {
        let mut s = ValueSummary::default();
        let xs: Vec<f64> = xs.into_iter().collect();
        for part in xs.chunks(chunk) {
            let mut b = ValueBatch::default();
            for &x in part {
                b.push(x);
            }
            b.seal();
            s.merge(&b);
        }
        s
    }

    #[test]
    fn keys_order_like_floats() {
        let xs = [-1e300, -2.5, -0.0, 0.0, 1e-300, 3.0, 1e300];
        for w in xs.windows(2) {
            assert!(key(w[0]) <= key(w[1]), "{w:?}");
        }
        assert_eq!(key(-0.0), key(0.0));
        for x in xs {
            assert_eq!(unkey(key(x)), x + 0.0);
        }
    }

    #[test]
    fn few_values_are_exact() {
        let s = summary_of((0..1000).map(|i| (i % 7) as f64), 64);
        assert!(!s.approximate());
        assert_eq!(
            s.mean(),
            Some((0..1000).map(|i| (i % 7) as f64).sum::<f64>() / 1000.0)
        );
        // 1000 values, 0..=6 with 143,143,143,143,143,143,142 of each
        assert_eq!(
            s.percentiles(&[5, 50, 95]),
            vec![Some(0.0), Some(3.0), Some(6.0)]
        );
    }

    #[test]
    fn many_values_stay_within_one_percent_of_rank() {
        // A permutation of 0..n, so the value is its own rank.
        let n = 1_000_003u64;
        let xs = (0..n).map(|i| ((i * 7_919) % n) as f64);
        let s = summary_of(xs, 4096);
        assert!(s.approximate());
        assert_eq!(s.count(), n);
        let pcts = [1, 5, 25, 50, 75, 95, 99];
        for (pct, got) in pcts.iter().zip(s.percentiles(&pcts)) {
            let want = nearest_rank(n, *pct).unwrap() as f64 - 1.0;
            let got = got.unwrap();
            assert!(
                (got - want).abs() <= 0.01 * n as f64,
                "p{pct}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn sketch_is_deterministic() {
        let a = summary_of((0..300_000).map(|i| ((i * 31) % 9973) as f64 * 0.5), 4096);
        let b = summary_of((0..300_000).map(|i| ((i * 31) % 9973) as f64 * 0.5), 4096);
        assert_eq!(a.percentiles(&[5, 50, 95]), b.percentiles(&[5, 50, 95]));
    }

    #[test]
    fn empty_has_no_percentiles() {
        let s = ValueSummary::default();
        assert_eq!(s.mean(), None);
        assert_eq!(s.percentiles(&[50]), vec![None]);
    }
}
