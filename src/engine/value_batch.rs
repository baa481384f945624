//! A chunk's end values of one variable, reduced in the worker thread to what merging into a
//! [`super::values::ValueSummary`] reads: one bin per distinct value with its count, or one
//! per bucket once the values are too many to keep exactly, and their exact sum.
//!
//! Sorting a chunk's values cost about a hundred instructions a value (with the merge's pass
//! over them), a few percent of a whole run of the baseline. Counting them in a hash table
//! costs a fifth of that, and only the distinct values (at most [`EXACT_MAX_DISTINCT`]) or the
//! buckets are sorted. A batch of more distinct values than that makes any summary it is merged
//! into switch to buckets, so bucketing it here gives the summary the same bins: a bucket's
//! count and its smallest and largest value are those of the values in it, however grouped.

use super::exact_sum::ExactSum;
use super::value_keys::{Bin, EXACT_MAX_DISTINCT, key, snap_key, unkey};

/// Low mantissa bits that a bucket does not keep (`52 - BUCKET_BITS`): keys of finite,
/// non-zero values share a bucket exactly when they agree above these bits.
const LOW_BITS: u32 = 45;

/// A chunk's values of one variable, ready to merge once sealed.
#[derive(Clone, Debug, Default)]
pub struct ValueBatch {
    /// The values as [`key`]s, until sealed.
    keys: Vec<u64>,
    /// Sealed: by key, one entry per key; exact values (`lo == hi` the key) or, when
    /// `snapped`, buckets keyed by their middle.
    pub(super) bins: Vec<(u64, Bin)>,
    pub(super) snapped: bool,
    /// The sum of the sealed values.
    pub(super) sum: ExactSum,
}

impl ValueBatch {
    /// An empty batch with room for `n` values.
    pub fn with_capacity(n: usize) -> ValueBatch {
        ValueBatch {
            keys: Vec::with_capacity(n),
            ..ValueBatch::default()
        }
    }

    #[inline]
    pub fn push(&mut self, x: f64) {
        self.keys.push(key(x));
    }

    /// Counts the values by key (or by bucket), sorts the bins and sums the values.
    pub fn seal(&mut self) {
        self.bins.clear();
        self.snapped = false;
        match self.keys.first() {
            // All one value (a constant parameter, a flag never set): one bin.
            Some(&k0) if self.keys.iter().all(|&k| k == k0) => {
                self.bins.push((k0, Bin::new(k0, self.keys.len() as u64)));
                self.sum.add_runs([(unkey(k0), self.keys.len() as u64)]);
            }
            Some(_) => self.seal_counted(),
            None => {}
        }
        self.keys.clear();
    }

    fn seal_counted(&mut self) {
        let mut exact = Exact::new();
        let full = self.keys.iter().position(|&k| !exact.add(k));
        let Some(at) = full else {
            exact.entries.sort_unstable_by_key(|&(k, _)| k);
            let runs = exact.entries.iter().map(|&(k, n)| (unkey(k), n));
            self.sum.add_runs(runs);
            let bins = exact.entries.iter().map(|&(k, n)| (k, Bin::new(k, n)));
            self.bins.extend(bins);
            return;
        };
        let mut buckets = Buckets::new();
        for &(k, n) in &exact.entries {
            buckets.add(k, n);
        }
        for &k in &self.keys[at..] {
            buckets.add(k, 1);
        }
        buckets.finish(&mut self.bins, &mut self.sum);
        self.snapped = true;
    }
}

/// Slots of [`Exact`]'s table: a power of two, at most half full.
const EXACT_SLOTS: usize = 2 * EXACT_MAX_DISTINCT;

#[inline]
fn slot_of(k: u64, bits: u32) -> usize {
    ((k ^ (k >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

/// Counts per distinct key, up to [`EXACT_MAX_DISTINCT`] keys.
struct Exact {
    /// Index + 1 into `entries`, 0 for an empty slot.
    slots: Vec<u32>,
    entries: Vec<(u64, u64)>,
}

impl Exact {
    fn new() -> Exact {
        Exact {
            slots: vec![0; EXACT_SLOTS],
            entries: Vec::with_capacity(EXACT_MAX_DISTINCT),
        }
    }

    /// Counts `k`; false (counting nothing) when it is one distinct key too many.
    #[inline]
    fn add(&mut self, k: u64) -> bool {
        let mut i = slot_of(k, EXACT_SLOTS.trailing_zeros());
        loop {
            match self.slots[i] {
                0 => {
                    if self.entries.len() == EXACT_MAX_DISTINCT {
                        return false;
                    }
                    self.entries.push((k, 1));
                    self.slots[i] = self.entries.len() as u32;
                    return true;
                }
                s => {
                    let e = &mut self.entries[s as usize - 1];
                    if e.0 == k {
                        e.1 += 1;
                        return true;
                    }
                }
            }
            i = (i + 1) & (EXACT_SLOTS - 1);
        }
    }
}

/// One bucket's values: count, smallest and largest key, and the sum of their mantissas (all
/// share the bucket's sign and exponent).
#[derive(Clone, Copy)]
struct Bucket {
    id: u64,
    count: u64,
    lo: u64,
    hi: u64,
    mantissas: u128,
}

/// Counts per bucket (finite, non-zero values) and per key (zero, infinities, NaN: their own
/// buckets).
struct Buckets {
    /// Index + 1 into `list`, 0 for an empty slot; a power of two, at most half full.
    slots: Vec<u32>,
    list: Vec<Bucket>,
    special: Vec<(u64, u64)>,
}

impl Buckets {
    fn new() -> Buckets {
        Buckets {
            slots: vec![0; 1024],
            list: Vec::new(),
            special: Vec::new(),
        }
    }

    /// Counts `n` values of key `k`: inline, the common case of a bucket seen before.
    #[inline(always)]
    fn add(&mut self, k: u64, n: u64) {
        let bits = float_bits(k);
        let exp = (bits >> 52) & 0x7ff;
        if exp == 0x7ff || bits << 1 == 0 {
            return self.add_special(k, n);
        }
        let id = k >> LOW_BITS;
        let mask = self.slots.len() - 1;
        let mut i = slot_of(id, self.slots.len().trailing_zeros());
        let mant = bits & ((1 << 52) - 1) | u64::from(exp != 0) << 52;
        let mant = u128::from(mant) * u128::from(n);
        loop {
            match self.slots[i] {
                0 => return self.insert(i, id, k, n, mant),
                s => {
                    let b = &mut self.list[s as usize - 1];
                    if b.id == id {
                        b.count += n;
                        b.lo = b.lo.min(k);
                        b.hi = b.hi.max(k);
                        b.mantissas += mant;
                        return;
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    #[cold]
    #[inline(never)]
    fn add_special(&mut self, k: u64, n: u64) {
        match self.special.iter_mut().find(|(s, _)| *s == k) {
            Some((_, c)) => *c += n,
            None => self.special.push((k, n)),
        }
    }

    /// A new bucket in empty slot `i`.
    #[inline(never)]
    fn insert(&mut self, i: usize, id: u64, k: u64, n: u64, mantissas: u128) {
        self.list.push(Bucket {
            id,
            count: n,
            lo: k,
            hi: k,
            mantissas,
        });
        self.slots[i] = self.list.len() as u32;
        if self.list.len() * 2 > self.slots.len() {
            self.grow();
        }
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots.clear();
        self.slots.resize(size, 0);
        for (n, b) in self.list.iter().enumerate() {
            let mut i = slot_of(b.id, size.trailing_zeros());
            while self.slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = n as u32 + 1;
        }
    }

    /// The bins (each bucket keyed by its middle), sorted, and the exact sum.
    fn finish(self, bins: &mut Vec<(u64, Bin)>, sum: &mut ExactSum) {
        for b in &self.list {
            sum.add_mantissas(float_bits(b.lo) >> 52, b.mantissas);
            let bin = Bin {
                count: b.count,
                lo: b.lo,
                hi: b.hi,
            };
            bins.push((snap_key(b.lo), bin));
        }
        for &(k, n) in &self.special {
            sum.add_times(unkey(k), n);
            bins.push((k, Bin::new(k, n)));
        }
        bins.sort_unstable_by_key(|&(k, _)| k);
    }
}

/// The bits of the float keyed `k` (as [`unkey`]).
#[inline]
fn float_bits(k: u64) -> u64 {
    if k >> 63 == 1 { k & !(1 << 63) } else { !k }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::values::ValueSummary;

    /// The batch as first written: sorted keys, runs, their sum, merged as exact runs.
    fn sorted_summary(xs: &[f64]) -> ValueSummary {
        let mut keys: Vec<u64> = xs.iter().map(|&x| key(x)).collect();
        keys.sort_unstable();
        let mut b = ValueBatch::default();
        for k in keys {
            match b.bins.last_mut() {
                Some((last, bin)) if *last == k => bin.count += 1,
                _ => b.bins.push((k, Bin::new(k, 1))),
            }
        }
        let runs = b.bins.iter().map(|&(k, bin)| (unkey(k), bin.count));
        b.sum.add_runs(runs);
        let mut s = ValueSummary::default();
        s.merge(&b);
        s
    }

    fn counted_summary(xs: &[f64]) -> (ValueSummary, bool) {
        let mut b = ValueBatch::default();
        xs.iter().for_each(|&x| b.push(x));
        b.seal();
        let mut s = ValueSummary::default();
        s.merge(&b);
        (s, b.snapped)
    }

    /// A batch of one repeated value (the fast path) gives the summary sorting gave.
    #[test]
    fn one_value_seals_like_sorting() {
        for x in [0.0, -0.0, 3.5, -1e300, 1e-310, f64::INFINITY, f64::NAN] {
            for n in [1usize, 2, 7, 4096] {
                let xs = vec![x; n];
                let (got, snapped) = counted_summary(&xs);
                assert_eq!(got, sorted_summary(&xs), "{x} x{n}");
                assert!(!snapped);
            }
        }
    }

    /// Chunk-sized batches on both sides of the exact limit, with zeros, signs, subnormals,
    /// infinities and NaN among them: the summary is the one sorting gave, bit for bit.
    #[test]
    fn counting_gives_the_sorted_summary() {
        let mut s = crate::engine::rng::Stream::new(5);
        let specials = [
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            5e-324,
        ];
        for distinct in [1usize, 2, 17, 1000, 1024, 1025, 1030, 4096] {
            let xs: Vec<f64> = (0..4096)
                .map(|i| match i % 97 {
                    0 => specials[(i / 97) % specials.len()],
                    _ => {
                        let j = s.next_u64() % distinct as u64;
                        (j as f64 - distinct as f64 / 3.0) * 1.37e-3
                    }
                })
                .collect();
            let (got, snapped) = counted_summary(&xs);
            assert_eq!(got, sorted_summary(&xs), "{distinct} distinct");
            let mut keys: Vec<u64> = xs.iter().map(|&x| key(x)).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(
                snapped,
                keys.len() > EXACT_MAX_DISTINCT,
                "{distinct} distinct"
            );
            // Random floats of every size, and the tiny ones of absolute buckets.
            let wide: Vec<f64> = (0..4096)
                .map(|i| {
                    let r = s.next_u64();
                    if i % 2 == 0 {
                        f64::from_bits(r)
                    } else {
                        f64::from_bits(r >> 12) * if r & 1 == 0 { 1.0 } else { -1.0 }
                    }
                })
                .collect();
            assert_eq!(counted_summary(&wide).0, sorted_summary(&wide));
        }
    }
}
