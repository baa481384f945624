//! An exact sum of floats (a fixed-point superaccumulator), rounded once at the end.
//!
//! Every finite `f64` is an integer multiple of `2^-1074` below `2^1024`, so a wide integer
//! counting units of `2^-1074` holds any sum of them exactly. Adding is integer addition, so the
//! total does not depend on the order or grouping of the adds: a run split into shards, or merged
//! from chunks in any order, gets the same bits. The integer has [`LIMBS`] digits of 32 bits kept
//! in `i64`s, so carries can wait (they are propagated every [`CARRY_EVERY`] adds and before the
//! sum is read, compared or written). Infinities and NaN are counted apart.

use serde::{Deserialize, Serialize};

/// Digits of 32 bits: 2098 bits for the largest finite value, plus room for 2^64 adds.
const LIMBS: usize = 68;

/// Adds between carry propagations: each add moves a digit by less than 2^32, so 2^30 adds
/// keep every digit far inside an `i64`.
const CARRY_EVERY: u32 = 1 << 30;

/// No group of [`ExactSum::add_runs`] yet (sign and exponent bits are below 2^12).
const NO_GROUP: u64 = u64::MAX;

/// An exactly accumulated sum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SumRepr", into = "SumRepr")]
pub struct ExactSum {
    /// Little-endian digits of the sum in units of 2^-1074 (base 2^32, not yet carried).
    digits: Vec<i64>,
    pending: u32,
    nan: u64,
    pos_inf: u64,
    neg_inf: u64,
}

impl Default for ExactSum {
    fn default() -> Self {
        ExactSum {
            digits: vec![0; LIMBS],
            pending: 0,
            nan: 0,
            pos_inf: 0,
            neg_inf: 0,
        }
    }
}

impl ExactSum {
    /// Adds `x`, `n` times.
    #[inline]
    pub fn add_times(&mut self, x: f64, n: u64) {
        if !x.is_finite() {
            let count = match x {
                f64::INFINITY => &mut self.pos_inf,
                f64::NEG_INFINITY => &mut self.neg_inf,
                _ => &mut self.nan,
            };
            *count += n;
            return;
        }
        if x == 0.0 {
            return;
        }
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as u32;
        let frac = bits & ((1 << 52) - 1);
        let mant = if exp == 0 { frac } else { frac | 1 << 52 };
        // x = mant * 2^(shift - 1074)
        let shift = exp.max(1) - 1;
        let (limb, offset) = ((shift / 32) as usize, shift % 32);
        let negative = bits >> 63 == 1;
        // Below 2^32 copies at a time, `mant * times` spans at most 85 + 31 bits: four digits,
        // each moved by less than 2^32, as one add is.
        let mut left = n;
        while left > 0 {
            let times = left.min(u64::from(u32::MAX));
            left -= times;
            let wide = (u128::from(mant) * u128::from(times)) << offset;
            let digits = &mut self.digits[limb..limb + 4];
            for (i, d) in digits.iter_mut().enumerate() {
                let part = ((wide >> (32 * i)) & 0xffff_ffff) as i64;
                if negative {
                    *d -= part;
                } else {
                    *d += part;
                }
            }
            self.pending += 1;
            if self.pending >= CARRY_EVERY {
                self.carry();
            }
        }
    }

    /// Adds each `(x, n)` of `runs`, `x` `n` times: the same sum as [`ExactSum::add_times`] on
    /// each. Values of one sign and exponent that follow each other (as in a sorted list) are
    /// first summed as integers, `mantissa * n`, and reach the digits in one add.
    pub fn add_runs(&mut self, runs: impl IntoIterator<Item = (f64, u64)>) {
        // The group being summed: its sign and exponent bits, and its mantissas times counts.
        let (mut group, mut acc) = (NO_GROUP, 0u128);
        for (x, n) in runs {
            let bits = x.to_bits();
            let top = bits >> 52;
            if top & 0x7ff == 0x7ff || x == 0.0 {
                self.add_times(x, n);
                continue;
            }
            let frac = bits & ((1 << 52) - 1);
            let mant = if top & 0x7ff == 0 {
                frac
            } else {
                frac | 1 << 52
            };
            // Below 2^53 * 2^64: no overflow.
            let wide = u128::from(mant) * u128::from(n);
            if top == group
                && let Some(sum) = acc.checked_add(wide)
            {
                acc = sum;
                continue;
            }
            self.add_group(group, acc);
            (group, acc) = (top, wide);
        }
        self.add_group(group, acc);
    }

    /// Adds `acc` units of the last place of the floats whose sign and exponent bits are
    /// `top` (the sum of their mantissas, with the implicit bit of normal floats).
    pub(super) fn add_mantissas(&mut self, top: u64, acc: u128) {
        self.add_group(top, acc);
    }

    /// Adds `acc` units of the last place of the floats whose sign and exponent bits are
    /// `top` (nothing for [`NO_GROUP`]).
    fn add_group(&mut self, top: u64, acc: u128) {
        if top == NO_GROUP || acc == 0 {
            return;
        }
        let exp = (top & 0x7ff) as u32;
        let shift = exp.max(1) - 1;
        let (limb, offset) = ((shift / 32) as usize, shift % 32);
        // `acc << offset` spans at most 160 bits: five digits, each moved by less than 2^32.
        let low = acc << offset;
        let high = if offset == 0 {
            0
        } else {
            acc >> (128 - offset)
        };
        let negative = top >> 11 == 1;
        for (i, d) in self.digits[limb..limb + 5].iter_mut().enumerate() {
            let part = if i < 4 {
                ((low >> (32 * i)) & 0xffff_ffff) as i64
            } else {
                high as i64
            };
            if negative {
                *d -= part;
            } else {
                *d += part;
            }
        }
        self.pending += 1;
        if self.pending >= CARRY_EVERY {
            self.carry();
        }
    }

    /// Adds another sum.
    pub fn merge(&mut self, other: &ExactSum) {
        for (a, b) in self.digits.iter_mut().zip(&other.digits) {
            *a += b;
        }
        self.nan += other.nan;
        self.pos_inf += other.pos_inf;
        self.neg_inf += other.neg_inf;
        self.carry();
        // Other's own carries are done too: both sides were carried.
        debug_assert_eq!(self.pending, 0);
    }

    /// Propagates carries: every digit but the top one in `0..2^32`, the top one signed.
    fn carry(&mut self) {
        let mut carry = 0i64;
        for d in &mut self.digits[..LIMBS - 1] {
            let v = *d + carry;
            *d = v & 0xffff_ffff;
            carry = v >> 32;
        }
        self.digits[LIMBS - 1] += carry;
        self.pending = 0;
    }

    /// The sum rounded to the nearest `f64` (ties to even).
    pub fn value(&self) -> f64 {
        if self.nan > 0 || (self.pos_inf > 0 && self.neg_inf > 0) {
            return f64::NAN;
        }
        if self.pos_inf > 0 {
            return f64::INFINITY;
        }
        if self.neg_inf > 0 {
            return f64::NEG_INFINITY;
        }
        let mut s = self.clone();
        s.carry();
        let negative = s.digits[LIMBS - 1] < 0;
        if negative {
            // Two's complement negation of the carried digits.
            for d in &mut s.digits {
                *d = -*d;
            }
            s.carry();
        }
        let Some(top) = s.digits.iter().rposition(|&d| d != 0) else {
            return 0.0;
        };
        // The top three digits and whether anything below them is set.
        let low = top.saturating_sub(2);
        let mut m: u128 = 0;
        for i in (low..=top).rev() {
            m = m << 32 | s.digits[i] as u128;
        }
        let sticky = s.digits[..low].iter().any(|&d| d != 0);
        let bits = 128 - m.leading_zeros();
        let (mant, shift) = if bits <= 53 {
            (m as u64, 0)
        } else {
            let shift = bits - 53;
            let mant = (m >> shift) as u64;
            let rem = m & ((1u128 << shift) - 1);
            let half = 1u128 << (shift - 1);
            let up = rem > half || (rem == half && (sticky || mant & 1 == 1));
            (mant + u64::from(up), shift)
        };
        let exp = shift as i32 + 32 * low as i32 - 1074;
        let v = scale(mant as f64, exp);
        if negative { -v } else { v }
    }
}

/// `x * 2^exp` for an integer `x` below 2^54, exact whenever the result is representable (the
/// result is a multiple of 2^-1074, so it is unless it overflows).
fn scale(x: f64, exp: i32) -> f64 {
    let pow = |e: i32| f64::from_bits(((e + 1023) as u64) << 52);
    if exp > 1023 {
        return f64::INFINITY;
    }
    if exp >= -1022 {
        return x * pow(exp);
    }
    x * pow(exp + 52) * pow(-52)
}

/// The stored form: carried nonzero digits as `(index, digit)`, so equal sums are equal text.
#[derive(Serialize, Deserialize)]
struct SumRepr {
    digits: Vec<(u32, i64)>,
    #[serde(default, skip_serializing_if = "is_zero")]
    nan: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pos_inf: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    neg_inf: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl From<ExactSum> for SumRepr {
    fn from(mut s: ExactSum) -> SumRepr {
        s.carry();
        SumRepr {
            digits: (s.digits.iter().enumerate())
                .filter(|(_, d)| **d != 0)
                .map(|(i, &d)| (i as u32, d))
                .collect(),
            nan: s.nan,
            pos_inf: s.pos_inf,
            neg_inf: s.neg_inf,
        }
    }
}

impl From<SumRepr> for ExactSum {
    fn from(r: SumRepr) -> ExactSum {
        let mut s = ExactSum {
            nan: r.nan,
            pos_inf: r.pos_inf,
            neg_inf: r.neg_inf,
            ..ExactSum::default()
        };
        // Out-of-range or uncarried digits from an edited file are carried (or dropped when
        // beyond the top), never a panic.
        for (i, d) in r.digits {
            if let Some(x) = s.digits.get_mut(i as usize) {
                *x = x.saturating_add(d.clamp(-(1 << 40), 1 << 40));
            }
        }
        s.carry();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(xs: &[f64]) -> f64 {
        let mut s = ExactSum::default();
        for &x in xs {
            s.add_times(x, 1);
        }
        s.value()
    }

    #[test]
    fn exact_where_floats_lose_bits() {
        assert_eq!(sum(&[1e100, 1.0, -1e100]), 1.0);
        assert_eq!(sum(&[0.1, 0.2, 0.3]), 0.6);
        assert_eq!(sum(&[0.1; 10]), 1.0);
        assert_eq!(sum(&[-2.5, 1.25]), -1.25);
        assert_eq!(sum(&[]), 0.0);
        assert_eq!(sum(&[5e-324, 5e-324]), 1e-323);
        assert_eq!(
            sum(&[f64::MAX, -f64::MAX, f64::MIN_POSITIVE]),
            f64::MIN_POSITIVE
        );
        assert_eq!(sum(&[f64::MAX, f64::MAX]), f64::INFINITY);
        assert!(sum(&[1.0, f64::NAN]).is_nan());
    }

    #[test]
    fn ties_round_to_even() {
        // 2^53 + 1 is halfway between 2^53 and 2^53 + 2: even wins; a tiny extra breaks the tie.
        let big = 9_007_199_254_740_992.0;
        assert_eq!(sum(&[big, 1.0]), big);
        assert_eq!(sum(&[big, 1.0, 1e-300]), big + 2.0);
        assert_eq!(sum(&[big, 3.0]), big + 4.0);
    }

    /// The add as first written (three digits touched, one value at a time).
    fn add_as_written(s: &mut ExactSum, x: f64) {
        if !x.is_finite() {
            match x {
                f64::INFINITY => s.pos_inf += 1,
                f64::NEG_INFINITY => s.neg_inf += 1,
                _ => s.nan += 1,
            }
            return;
        }
        if x == 0.0 {
            return;
        }
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as u32;
        let frac = bits & ((1 << 52) - 1);
        let mant = if exp == 0 { frac } else { frac | 1 << 52 };
        let shift = exp.max(1) - 1;
        let (limb, offset) = ((shift / 32) as usize, shift % 32);
        let wide = u128::from(mant) << offset;
        let negative = bits >> 63 == 1;
        for (i, d) in s.digits[limb..limb + 3].iter_mut().enumerate() {
            let part = ((wide >> (32 * i)) & 0xffff_ffff) as i64;
            if negative {
                *d -= part;
            } else {
                *d += part;
            }
        }
        s.pending += 1;
    }

    /// One copy at a time, the digits are the first version's, before any carry: every bit
    /// pattern's class (random bits cover subnormals, NaNs and both signs).
    #[test]
    fn one_copy_adds_as_first_written() {
        let (mut new, mut old) = (ExactSum::default(), ExactSum::default());
        let mut z = 0x1234_5678_9abc_def0u64;
        for i in 0..200_000u64 {
            z = crate::engine::rng::mix64(z.wrapping_add(i));
            let x = f64::from_bits(z);
            new.add_times(x, 1);
            add_as_written(&mut old, x);
            assert_eq!(new, old, "{x:e}");
        }
        for x in [f64::MAX, -f64::MAX, 5e-324, f64::MIN_POSITIVE, -0.0] {
            new.add_times(x, 1);
            add_as_written(&mut old, x);
            assert_eq!(new, old, "{x:e}");
        }
    }

    /// Adding a value `n` times at once is adding it `n` times, bit for bit, for every kind
    /// of float (subnormal, huge, infinite, NaN, signed) and counts past 2^32.
    #[test]
    fn adding_many_copies_is_adding_each() {
        let xs = [
            0.0,
            -0.0,
            1.0,
            -2.5,
            0.1,
            5e-324,
            -1e-310,
            f64::MIN_POSITIVE,
            1e300,
            -f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for x in xs {
            for n in [0u64, 1, 2, 3, 7, 4096, 65_537] {
                let (mut once, mut each) = (ExactSum::default(), ExactSum::default());
                once.add_times(0.75, 1);
                each.add_times(0.75, 1);
                once.add_times(x, n);
                for _ in 0..n {
                    each.add_times(x, 1);
                }
                once.carry();
                each.carry();
                assert_eq!(once, each, "{x} x {n}");
            }
        }
        // Past 2^32 copies (in pieces), against the exact product.
        let n = (1u64 << 33) + 5;
        let mut s = ExactSum::default();
        s.add_times(3.0, n);
        assert_eq!(s.value(), 3.0 * n as f64);
        let mut s = ExactSum::default();
        s.add_times(-f64::MAX, 3);
        s.add_times(f64::MAX, 2);
        assert_eq!(s.value(), -f64::MAX);
    }

    /// Runs added together give the sum of adding each run alone, after carries, bit for bit:
    /// sorted runs (long groups of one binade), shuffled ones (groups of one), every kind of
    /// float, large counts; and counts near 2^64, where a group's integer sum overflows.
    #[test]
    fn adding_runs_is_adding_each_run() {
        let mut z = 0x0bad_5eed_u64;
        let mut next = || {
            z = crate::engine::rng::mix64(z.wrapping_add(0x9e37_79b9_7f4a_7c15));
            z
        };
        for round in 0..400 {
            let len = (next() % 300) as usize;
            let mut runs: Vec<(f64, u64)> = (0..len)
                .map(|_| {
                    let x = match next() % 6 {
                        0 => f64::from_bits(next()),
                        1 => (next() % 20_000) as f64,
                        2 => -((next() % 5000) as f64) * 0.37,
                        3 => f64::from_bits(next() % (1 << 53)),
                        4 => [
                            0.0,
                            -0.0,
                            f64::INFINITY,
                            f64::NEG_INFINITY,
                            f64::NAN,
                            f64::MAX,
                        ][(next() % 6) as usize],
                        _ => 1.0 + (next() % 1000) as f64 / 1024.0,
                    };
                    let n = match next() % 4 {
                        0 => 1,
                        1 => next() % 5000,
                        2 => (1 << 40) - next() % 3,
                        _ => next() >> (24 + next() % 40),
                    };
                    // (The counters of infinities and NaN are plain u64s.)
                    (x, if x.is_finite() { n } else { n % 5000 })
                })
                .collect();
            if round % 2 == 0 {
                runs.sort_by(|a, b| a.0.total_cmp(&b.0));
            }
            let (mut together, mut each) = (ExactSum::default(), ExactSum::default());
            together.add_runs(runs.iter().copied());
            for &(x, n) in &runs {
                each.add_times(x, n);
            }
            together.carry();
            each.carry();
            assert_eq!(together, each, "round {round}");
            assert_eq!(together.value().to_bits(), each.value().to_bits());
        }
        // Counts near 2^64 in one binade: the group's integer sum passes 2^128 and is split.
        // Each run alone (no grouping) is the reference.
        let runs: Vec<(f64, u64)> = (0..5000)
            .map(|i| (1.0 + (i % 97) as f64 / 128.0, u64::MAX - i))
            .chain([(-3.0, u64::MAX), (f64::MAX, u64::MAX), (5e-324, u64::MAX)])
            .collect();
        let (mut together, mut each) = (ExactSum::default(), ExactSum::default());
        together.add_runs(runs.iter().copied());
        for &run in &runs {
            each.add_runs([run]);
        }
        together.carry();
        each.carry();
        assert_eq!(together, each);
    }

    #[test]
    fn stored_form_round_trips() {
        let mut s = ExactSum::default();
        for x in [1e300, -3.5, 7e-310, 1.0 / 3.0] {
            s.add_times(x, 1);
        }
        let text = serde_json::to_string(&s).unwrap();
        let back: ExactSum = serde_json::from_str(&text).unwrap();
        assert_eq!(back.value().to_bits(), s.value().to_bits());
        assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}
