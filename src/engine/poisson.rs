//! Poisson draws: inversion against a tabled CDF with a guide table for means up to
//! [`TABLE_MAX_LAMBDA`], Hörmann's PTRS beyond.
//!
//! A casualty `add` draws a Poisson at every firing, so these are among the most frequent draws
//! of a trial: the table is built once per model, and most draws from it read one guide entry.

use super::rng::{Stream, unit_f64};

/// Hörmann's PTRS constants for one `lambda`.
#[derive(Clone, Copy, Debug)]
pub struct Ptrs {
    lambda: f64,
    loglam: f64,
    a: f64,
    b: f64,
    vr: f64,
    log_inv_alpha: f64,
}

/// The largest mean drawn by inversion against a table (at most about 1 300 entries); larger
/// means use PTRS.
pub(super) const TABLE_MAX_LAMBDA: f64 = 1000.0;

/// The Poisson CDF at 0, 1, ..., up to where it stops growing (the tail beyond is below
/// rounding) or 1000 for small means. Below 10 it is summed in the order a sequential inversion
/// sums it, `p(k) = p(k - 1) * lambda / k` (those draws are the ones inversion always gave);
/// above, each term comes from `lgamma`, so no error accumulates over a thousand terms.
pub(super) fn poisson_cdf(lambda: f64) -> Vec<f64> {
    let mut p = libm::exp(-lambda);
    let mut cdf = vec![p];
    let loglam = libm::log(lambda);
    let mut k = 0.0;
    while lambda >= 10.0 || k < 1000.0 {
        k += 1.0;
        p = if lambda < 10.0 {
            p * lambda / k
        } else {
            libm::exp(k * loglam - lambda - libm::lgamma(k + 1.0))
        };
        let last = cdf[cdf.len() - 1];
        if last + p == last && k > lambda {
            break;
        }
        cdf.push(last + p);
    }
    cdf
}

/// The table of the Poisson distribution of mean `lambda` (at most [`TABLE_MAX_LAMBDA`]).
///
/// Built tables are kept by mean and copied: a sensitivity analysis or a sweep builds the same
/// scenario's simulators again and again (each version, each chunk of trials), and a table
/// with its guide takes about 50 000 instructions to build, a copy a few hundred. The tables
/// are a function of the mean alone, so which thread built one first changes nothing.
pub(super) fn poisson_table(lambda: f64) -> CdfTable {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex, MutexGuard};
    /// Means kept at most (a sweep over a Poisson mean would otherwise keep every point's).
    const KEPT: usize = 256;
    static TABLES: LazyLock<Mutex<HashMap<u64, CdfTable>>> = LazyLock::new(Mutex::default);
    // A poisoned lock still holds whole tables: each is inserted complete.
    let tables = || -> MutexGuard<'_, _> { TABLES.lock().unwrap_or_else(|e| e.into_inner()) };
    let key = lambda.to_bits();
    if let Some(table) = tables().get(&key) {
        return table.clone();
    }
    let table = CdfTable::new(poisson_cdf(lambda), 1000.0);
    let mut kept = tables();
    if kept.len() < KEPT {
        kept.insert(key, table.clone());
    }
    table
}

/// Inversion of a discrete CDF on 0, 1, ..., with a guide table (Chen and Asau, 1974): the
/// search for the first `k` with `u <= cdf[k]` starts at `guide[floor(u * m)]`, the first `k`
/// with `cdf[k] >= j / m`, and takes one or two comparisons on average. Most buckets lie below
/// one entry's step of the CDF: their guide entry is marked [`SURE`] and is the draw itself.
/// The guide has several buckets per entry ([`guide_len`]), so that few buckets straddle a step
/// (a short table, as for a mean of 1.5, otherwise has about a third of its buckets unsure).
#[derive(Clone, Debug, PartialEq)]
pub struct CdfTable {
    cdf: Box<[f64]>,
    guide: Box<[u32]>,
    /// `53 - log2(guide.len())`: a uniform's top 53 bits shifted by it are its bucket.
    shift: u32,
    /// The value beyond the table (where rounding left the last entry below `u`).
    beyond: f64,
}

impl CdfTable {
    pub(super) fn new(cdf: Vec<f64>, beyond: f64) -> CdfTable {
        let m = cdf.len();
        assert!(m < SURE as usize, "a CDF table of {m} entries");
        let buckets = guide_len(m);
        let mut guide = Vec::with_capacity(buckets);
        let mut k = 0;
        for j in 0..buckets {
            let at = j as f64 / buckets as f64;
            while k < m && cdf[k] < at {
                k += 1;
            }
            // A `u` of bucket j is below (j + 1) / buckets, so at most its rounded value, below
            // the float just above that.
            let sure = k < m && cdf[k] >= ((j + 1) as f64 / buckets as f64).next_up();
            guide.push(k as u32 | if sure { SURE } else { 0 });
        }
        CdfTable {
            cdf: cdf.into_boxed_slice(),
            guide: guide.into_boxed_slice(),
            shift: 53 - buckets.trailing_zeros(),
            beyond,
        }
    }

    /// The first `k` with `u <= cdf[k]` for the uniform `u = unit_f64(bits)` in [0, 1).
    ///
    /// The bucket, `floor(u * n)` for `n` buckets (a power of two), is the uniform's top bits
    /// (no float product, rounding or clamp), and `u` itself is only formed when the bucket is
    /// not sure. The draw is the first `k` with `u <= cdf[k]`
    /// whatever the bucket: every entry before `guide[j]` is below `j / n` rounded, which is at
    /// most `u` (rounding keeps order and `u >= j / n` is a float); a sure entry is at least the
    /// float above `(j + 1) / n` rounded, above every `u < (j + 1) / n`.
    #[inline]
    pub(super) fn invert_bits(&self, bits: u64) -> f64 {
        // u = top / 2^53, so floor(u * 2^k) = top >> (53 - k).
        let j = (bits >> 11 >> self.shift) as usize;
        let g = self.guide[j];
        if g & SURE != 0 {
            return (g & !SURE) as f64;
        }
        let u = unit_f64(bits);
        let k = g as usize;
        match self.cdf[k..].iter().position(|&c| u <= c) {
            Some(i) => (k + i) as u32 as f64,
            None => self.beyond,
        }
    }
}

/// Buckets of the guide of a CDF of `m` entries: a power of two, at least four per entry and
/// at least 1024, so that few buckets hold a step of the CDF (at most 32 KiB for the longest
/// tables).
fn guide_len(m: usize) -> usize {
    (4 * m).max(1024).next_power_of_two()
}

/// The flag of a guide entry whose bucket's every `u` is at most the entry's CDF value.
const SURE: u32 = 1 << 31;

impl Ptrs {
    pub(super) fn new(lambda: f64) -> Ptrs {
        let slam = libm::sqrt(lambda);
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
        Ptrs {
            lambda,
            loglam: libm::log(lambda),
            a,
            b,
            vr: 0.9277 - 3.6224 / (b - 2.0),
            log_inv_alpha: libm::log(inv_alpha),
        }
    }
}

/// Poisson(lambda) for `lambda >= 10` by Hörmann's PTRS (1993) transformed rejection: the
/// common case is accepted without a logarithm.
#[inline]
pub(super) fn ptrs(c: &Ptrs, s: &mut Stream) -> f64 {
    let Ptrs {
        lambda,
        loglam,
        a,
        b,
        vr,
        log_inv_alpha,
    } = *c;
    loop {
        let u = s.uniform() - 0.5;
        let v = s.uniform_open0();
        let us = 0.5 - u.abs();
        let k = libm::floor((2.0 * a / us + b) * u + lambda + 0.43);
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        let lhs = libm::log(v) + log_inv_alpha - libm::log(a / (us * us) + b);
        let rhs = -lambda + k * loglam - libm::lgamma(k + 1.0);
        if lhs <= rhs {
            return k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept table is the table: built once, then copied, for any mean.
    #[test]
    fn kept_tables_are_the_tables_built() {
        for lambda in [0.3, 1.5, 9.99, 10.0, 37.5, 1000.0] {
            let built = CdfTable::new(poisson_cdf(lambda), 1000.0);
            assert_eq!(poisson_table(lambda), built, "{lambda}");
            assert_eq!(poisson_table(lambda), built, "{lambda}, kept");
        }
    }

    /// Below a mean of 10, the tabled inversion gives what the sequential search gave, draw for
    /// draw.
    #[test]
    fn poisson_table_matches_sequential_inversion() {
        for lambda in [0.01, 0.5, 3.0, 9.99] {
            let table = CdfTable::new(poisson_cdf(lambda), 1000.0);
            let mut s = Stream::new(9);
            for _ in 0..100_000 {
                let bits = s.next_u64();
                let u = unit_f64(bits);
                let (mut p, mut acc, mut k) = (libm::exp(-lambda), 0.0, 0.0);
                acc += p;
                while u > acc && k < 1000.0 {
                    k += 1.0;
                    p *= lambda / k;
                    acc += p;
                }
                assert_eq!(table.invert_bits(bits), k, "lambda {lambda}, u {u}");
            }
            let last = table.cdf[table.cdf.len() - 1];
            for bits in [0, u64::MAX, ((last * (1u64 << 53) as f64) as u64) << 11] {
                assert!(table.invert_bits(bits) <= 1000.0);
            }
        }
    }

    /// The inversion by its definition (what the first version's guide and search gave): the
    /// first entry at least `u`, by a linear search from the start. The tabled draws must stay
    /// these, bit for bit.
    fn invert_as_written(t: &CdfTable, u: f64) -> f64 {
        let m = t.cdf.len();
        let mut k = 0;
        while k < m {
            if u <= t.cdf[k] {
                return k as f64;
            }
            k += 1;
        }
        t.beyond
    }

    #[test]
    fn poisson_inversion_matches_the_first_version() {
        let mut s = Stream::new(16);
        for lambda in [0.01, 0.5, 1.5, 9.99, 10.0, 47.5, 60.0, 450.0, 1000.0] {
            let t = CdfTable::new(poisson_cdf(lambda), 1000.0);
            let n = t.guide.len();
            let sure = t.guide.iter().filter(|&&g| g & SURE != 0).count();
            assert!(sure > n * 9 / 10, "{sure} of {n} buckets sure");
            // Every uniform a stream gives is a multiple of 2^-53: those nearest every entry and
            // every bucket edge, the ends, random bits.
            let tops = t
                .cdf
                .iter()
                .copied()
                .chain((0..=n).map(|j| j as f64 / n as f64));
            let near = tops.flat_map(|x| {
                let top = (x * (1u64 << 53) as f64) as u64;
                (0..=6).map(move |d| (top + d).saturating_sub(3))
            });
            let bits = near
                .filter(|&top| top < 1 << 53)
                .map(|top| top << 11 | top & 0x7ff)
                .chain([0, u64::MAX, 1 << 11, u64::MAX << 11])
                .chain((0..200_000).map(|_| s.next_u64()));
            for b in bits {
                let (new, old) = (t.invert_bits(b), invert_as_written(&t, unit_f64(b)));
                assert_eq!(new.to_bits(), old.to_bits(), "lambda {lambda}, bits {b:#x}");
            }
        }
    }
}
