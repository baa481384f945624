//! The distribution of a variable's end value over trials, in memory that does not grow with
//! the number of trials, merged the same way whatever the order or grouping of the chunks.
//!
//! Exact (a count per distinct value) while the values are few, as they are for counters and
//! flags-as-numbers. Beyond [`EXACT_MAX_DISTINCT`] distinct values every value is snapped to the
//! middle of its logarithmic bucket: the float's sign, exponent and top seven mantissa
//! bits (DDSketch-style buckets, cut by integer bit operations so every machine cuts alike). A
//! bucket spans a factor of at most `1 + 2^-7`; a percentile reads the middle of the bucket that
//! holds it, moved into the range of the values seen in that bucket, so it is within 0.4% of the
//! true one. Keys keep order, so that bucket is the true percentile's (subnormal values,
//! below 2^-1022, share buckets of absolute width). Counts are
//! integers and the sum is exact ([`ExactSum`]), so merging is associative and commutative: a
//! summary is a function of the multiset of values only. Zero, infinities and NaN stay exact.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::exact_sum::ExactSum;
use super::value_batch::ValueBatch;
pub use super::value_keys::EXACT_MAX_DISTINCT;
use super::value_keys::{Bin, snap_key, unkey};
#[cfg(test)]
use super::value_keys::{key, snap};
use crate::stats::nearest_rank;

/// End values of one variable over the trials of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueSummary {
    count: u64,
    sum: ExactSum,
    /// Per value's [`key`] (its bucket's middle once `snapped`): the count, and the keys of the
    /// smallest and largest value seen in the bucket. Sorted by key, one entry per key, so that
    /// adding a sorted batch is one merge pass; stored as a map.
    #[serde(serialize_with = "as_map", deserialize_with = "from_map")]
    values: Vec<(u64, Bin)>,
    snapped: bool,
}

fn as_map<S: Serializer>(values: &[(u64, Bin)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(values.iter().map(|(k, b)| (k, b)))
}

fn from_map<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(u64, Bin)>, D::Error> {
    Ok(BTreeMap::<u64, Bin>::deserialize(d)?.into_iter().collect())
}

/// Sorts `bins` by key and adds up the bins of equal keys.
fn coalesce(bins: &mut Vec<(u64, Bin)>) {
    // Usually sorted already (keys are snapped in order), which the sort checks in one pass.
    bins.sort_unstable_by_key(|&(k, _)| k);
    bins.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1.add(next.1);
        }
        same
    });
}

/// The union of two lists sorted by key with one entry per key, bins of equal keys added up.
fn merge_sorted(a: Vec<(u64, Bin)>, b: Vec<(u64, Bin)>) -> Vec<(u64, Bin)> {
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let ((ka, ba), (kb, bb)) = (a[i], b[j]);
        if ka < kb {
            out.push(a[i]);
            i += 1;
        } else if kb < ka {
            out.push(b[j]);
            j += 1;
        } else {
            let mut bin = ba;
            bin.add(bb);
            out.push((ka, bin));
            i += 1;
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

impl ValueSummary {
    /// Adds a sealed batch.
    pub fn merge(&mut self, batch: &ValueBatch) {
        self.sum.merge(&batch.sum);
        self.add_counts(batch.bins.iter().copied(), batch.snapped);
    }

    /// Adds another summary (of other trials).
    pub fn absorb(&mut self, other: &ValueSummary) {
        self.sum.merge(&other.sum);
        self.add_counts(other.values.iter().copied(), other.snapped);
    }

    fn add_counts(&mut self, bins: impl Iterator<Item = (u64, Bin)>, snapped: bool) {
        if snapped && !self.snapped {
            self.snap_all();
        }
        let snapped = self.snapped;
        let mut added: Vec<(u64, Bin)> = bins
            .map(|(k, b)| {
                self.count += b.count;
                (if snapped { snap_key(k) } else { k }, b)
            })
            .collect();
        coalesce(&mut added);
        self.values = merge_sorted(std::mem::take(&mut self.values), added);
        if !self.snapped && self.values.len() > EXACT_MAX_DISTINCT {
            self.snap_all();
        }
    }

    fn snap_all(&mut self) {
        for (k, _) in &mut self.values {
            *k = snap_key(*k);
        }
        coalesce(&mut self.values);
        self.snapped = true;
    }

    /// True when the counts add up and an exact summary holds few enough values (a summary
    /// read from a file).
    pub fn is_consistent(&self) -> bool {
        let sum = (self.values.iter()).try_fold(0u64, |a, (_, b)| a.checked_add(b.count));
        sum == Some(self.count)
            && (self.snapped || self.values.len() <= EXACT_MAX_DISTINCT)
            && self.values.iter().all(|(_, b)| b.lo <= b.hi && b.count > 0)
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The mean (the exactly rounded sum over the count), or `None` without values.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum.value() / self.count as f64)
    }

    /// True when percentiles come from buckets (within 0.4% of the value) rather than exact
    /// counts.
    pub fn approximate(&self) -> bool {
        self.snapped
    }

    /// Percentiles by nearest rank, for several `pct` at once.
    pub fn percentiles(&self, pcts: &[u32]) -> Vec<Option<f64>> {
        pcts.iter()
            .map(|&pct| {
                let rank = nearest_rank(self.count, pct)?;
                let mut seen = 0;
                // The bucket's middle, or the nearest value seen in it (a bucket holding only
                // a cap of 10 reports 10).
                self.values
                    .iter()
                    .find(|(_, b)| {
                        seen += b.count;
                        seen >= rank
                    })
                    .map(|&(k, b)| unkey(k.clamp(b.lo, b.hi)))
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
    fn many_values_stay_within_one_percent_of_the_value() {
        // A permutation of 1..=n, so the value is its own rank.
        let n = 1_000_003u64;
        let xs = (0..n).map(|i| ((i * 7_919) % n) as f64 + 1.0);
        let s = summary_of(xs, 4096);
        assert!(s.approximate());
        assert_eq!(s.count(), n);
        let pcts = [1, 5, 25, 50, 75, 95, 99];
        for (pct, got) in pcts.iter().zip(s.percentiles(&pcts)) {
            let want = nearest_rank(n, *pct).unwrap() as f64;
            let got = got.unwrap();
            assert!(
                (got - want).abs() <= 0.004 * want,
                "p{pct}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn snapping_keeps_order_and_stays_within_its_bucket() {
        for x in [1.0, 1.5, -3.7, 1e-300, 6.02e23, -1e308] {
            let y = snap(x);
            assert!((y - x).abs() <= x.abs() / 128.0, "{x} -> {y}");
            assert_eq!(snap(y), y);
        }
        assert!(snap(1.0) < snap(1.01) && snap(-1.01) < snap(-1.0));
        assert_eq!(snap(0.0), 0.0);
        assert_eq!(snap(f64::INFINITY), f64::INFINITY);
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

    /// Values from a few distinct ones (exact) up to many (buckets), cut into chunks that are
    /// merged in a shuffled order and a random tree: always the same summary, bit for bit.
    mod grouping {
        use super::*;
        use proptest::prelude::*;

        fn batch(xs: &[f64]) -> ValueSummary {
            let mut b = ValueBatch::default();
            for &x in xs {
                b.push(x);
            }
            b.seal();
            let mut s = ValueSummary::default();
            s.merge(&b);
            s
        }

        fn value() -> impl Strategy<Value = f64> {
            prop_oneof![
                (0i32..20).prop_map(f64::from),
                -1e6f64..1e6,
                any::<f64>().prop_filter("finite", |x| x.is_finite()),
            ]
        }

        proptest! {
                   #![proptest_config(ProptestConfig {
        cases: 64,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20261132),
        ..ProptestConfig::default()
        })]
                   #[test]
                   fn any_grouping_gives_the_same_bits(
                       xs in prop::collection::vec(value(), 0..3000),
                       cuts in prop::collection::vec(0usize..3000, 0..12),
                       order in prop::collection::vec(any::<u32>(), 13),
                       distinct in 900usize..1300,
                   ) {
                       // Widen the exact/bucket boundary's neighbourhood with many distinct values.
                       let mut xs = xs;
                       xs.extend((0..distinct).map(|i| i as f64 * 0.25));
                       let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (xs.len() + 1)).collect();
                       cuts.extend([0, xs.len()]);
                       cuts.sort_unstable();
                       let mut parts: Vec<ValueSummary> =
                           cuts.windows(2).map(|w| batch(&xs[w[0]..w[1]])).collect();
                       let whole = batch(&xs);
                       // Merge pairs chosen by `order` until one is left.
                       let mut i = 0;
                       while parts.len() > 1 {
                           let a = order[i % order.len()] as usize % parts.len();
                           let b_part = parts.swap_remove(a);
                           let b = order[(i + 1) % order.len()] as usize % parts.len();
                           parts[b].absorb(&b_part);
                           i += 1;
                       }
                       let merged = parts.pop().unwrap();
                       prop_assert_eq!(&merged, &whole);
                       prop_assert_eq!(
                           merged.mean().map(f64::to_bits),
                           whole.mean().map(f64::to_bits)
                       );
                       prop_assert_eq!(
                           serde_json::to_string(&merged).unwrap(),
                           serde_json::to_string(&whole).unwrap()
                       );
                   }
               }
    }

    /// The summary as first written (a `BTreeMap` with one look-up per value, a sum with one
    /// add per value): merging batches and absorbing summaries must still give its bits.
    mod as_written {
        use super::*;
        use proptest::prelude::*;

        const EMPTY: Bin = Bin {
            count: 0,
            lo: u64::MAX,
            hi: 0,
        };

        #[derive(Default)]
        struct Old {
            count: u64,
            sum: ExactSum,
            values: BTreeMap<u64, Bin>,
            snapped: bool,
        }

        impl Old {
            fn merge(&mut self, xs: &[f64]) {
                let mut sum = ExactSum::default();
                let mut keys: Vec<u64> = xs.iter().map(|&x| key(x)).collect();
                xs.iter().for_each(|&x| sum.add_times(x, 1));
                keys.sort_unstable();
                let mut runs: Vec<(u64, u64)> = Vec::new();
                for k in keys {
                    match runs.last_mut() {
                        Some((last, n)) if *last == k => *n += 1,
                        _ => runs.push((k, 1)),
                    }
                }
                self.sum.merge(&sum);
                self.add_counts(runs.into_iter().map(|(k, c)| (k, Bin::new(k, c))), false);
            }

            fn absorb(&mut self, other: &Old) {
                self.sum.merge(&other.sum);
                self.add_counts(other.values.iter().map(|(&k, &b)| (k, b)), other.snapped);
            }

            fn add_counts(&mut self, bins: impl Iterator<Item = (u64, Bin)>, snapped: bool) {
                if snapped && !self.snapped {
                    self.snap_all();
                }
                for (k, b) in bins {
                    self.count += b.count;
                    let k = if self.snapped { key(snap(unkey(k))) } else { k };
                    self.values.entry(k).or_insert(EMPTY).add(b);
                }
                if !self.snapped && self.values.len() > EXACT_MAX_DISTINCT {
                    self.snap_all();
                }
            }

            fn snap_all(&mut self) {
                for (k, b) in std::mem::take(&mut self.values) {
                    let k = key(snap(unkey(k)));
                    self.values.entry(k).or_insert(EMPTY).add(b);
                }
                self.snapped = true;
            }
        }

        fn value() -> impl Strategy<Value = f64> {
            prop_oneof![
                (0i32..20).prop_map(f64::from),
                (-3000i32..3000).prop_map(|i| f64::from(i) * 0.125),
                -1e6f64..1e6,
                any::<f64>(),
                Just(-0.0),
                Just(f64::INFINITY),
                Just(f64::NEG_INFINITY),
            ]
        }

        fn new_batch(xs: &[f64]) -> ValueBatch {
            let mut b = ValueBatch::default();
            xs.iter().for_each(|&x| b.push(x));
            b.seal();
            b
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 96,
                rng_seed: proptest::test_runner::RngSeed::Fixed(20261201),
                ..ProptestConfig::default()
            })]
            #[test]
            fn merging_gives_the_first_versions_bits(
                xs in prop::collection::vec(value(), 0..2500),
                cuts in prop::collection::vec(0usize..2500, 0..10),
                split in 0usize..12,
            ) {
                let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (xs.len() + 1)).collect();
                cuts.extend([0, xs.len()]);
                cuts.sort_unstable();
                let chunks: Vec<&[f64]> = cuts.windows(2).map(|w| &xs[w[0]..w[1]]).collect();
                // Chunks merged in order into two summaries, the second then absorbed.
                let split = split.min(chunks.len());
                let (mut new, mut new_tail) = (ValueSummary::default(), ValueSummary::default());
                let (mut old, mut old_tail) = (Old::default(), Old::default());
                for (i, c) in chunks.iter().enumerate() {
                    let (n, o) = if i < split {
                        (&mut new, &mut old)
                    } else {
                        (&mut new_tail, &mut old_tail)
                    };
                    n.merge(&new_batch(c));
                    o.merge(c);
                }
                new.absorb(&new_tail);
                old.absorb(&old_tail);
                let old = ValueSummary {
                    count: old.count,
                    sum: old.sum,
                    values: old.values.into_iter().collect(),
                    snapped: old.snapped,
                };
                prop_assert_eq!(
                    serde_json::to_string(&new).unwrap(),
                    serde_json::to_string(&old).unwrap()
                );
                prop_assert_eq!(&new, &old);
                let back: ValueSummary =
                    serde_json::from_str(&serde_json::to_string(&new).unwrap()).unwrap();
                prop_assert_eq!(&back, &new);
            }
        }
    }
}
