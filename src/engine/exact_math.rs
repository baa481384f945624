//! `libm`'s `log1p` and `expm1` (crate libm 0.2.16, from FreeBSD's msun), with the common
//! branch inlined.
//!
//! Every trial turns its drawn probabilities into hazards, `-log1p(-p)`, and every change of a
//! modifier factor goes from hazard to chance and back, `-expm1(-h)` then `-log1p(-q)`: about
//! 27 calls a trial of the baseline. The arguments are almost always small (|x| below 0.29 and
//! 0.35), where both functions take their branch with no argument reduction. That branch is
//! copied here operation for operation, in the same order, so it gives the same bits. The
//! checks libm makes first (NaN, infinities, tiny and huge arguments) collapse into one range
//! test; inlined, the call, its frame and the checks leave the hot path. `log1p` of the
//! rest of (-1, 0), a drawn probability above 0.29, is copied too, out of line; every other
//! argument goes to libm itself.
//!
//! The constants are libm's, as their bits (libm's decimals in the comments). The tests compare
//! with libm bit for bit over the whole range, at every branch boundary.

const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000); // 6.93147180369123816490e-01
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76); // 1.90821492927058770002e-10
const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593); // 6.666666666666735130e-01
const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04); // 3.999999999940941908e-01
const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359); // 2.857142874366239149e-01
const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af); // 2.222219843214978396e-01
const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de); // 1.818357216161805012e-01
const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f); // 1.531383769920937332e-01
const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244); // 1.479819860511658591e-01

const Q1: f64 = f64::from_bits(0xbfa1_1111_1111_10f4); // -3.33333333333331316428e-02
const Q2: f64 = f64::from_bits(0x3f5a_01a0_19fe_5585); // 1.58730158725481460165e-03
const Q3: f64 = f64::from_bits(0xbf14_ce19_9eaa_dbb7); // -7.93650757867487942473e-05
const Q4: f64 = f64::from_bits(0x3ed0_cfca_86e6_5239); // 4.00821782732936239552e-06
const Q5: f64 = f64::from_bits(0xbe8a_fdb7_6e09_c32d); // -2.01099218183624371326e-07

/// The high words that bound the negative arguments `log1p` takes without reduction
/// (libm's `k = 0`): from `-2^-53` (below it in size, libm returns `x`) to `-0.29289...`
/// (`1 + x` down to `sqrt(2) / 2`).
const LOG1P_LO: u32 = 0xbca0_0000;
const LOG1P_HI: u32 = 0xbfd2_bec4;

/// The high words (sign masked off) of the arguments `expm1` takes without reduction: from
/// `2^-54` in size (below it, libm returns `x`) to `0.5 ln 2`.
const EXPM1_LO: u32 = 0x3c90_0000;
const EXPM1_HI: u32 = 0x3fd6_2e42;

/// `libm::log1p(x)`, bit for bit: inline for `-0.2929 <= x <= -2^-53`, out of line for
/// `-1 < x < -0.2929`, libm elsewhere.
#[inline(always)]
pub(super) fn log1p(x: f64) -> f64 {
    let hx = (x.to_bits() >> 32) as u32;
    if hx.wrapping_sub(LOG1P_LO) > LOG1P_HI - LOG1P_LO {
        return log1p_reduced(x);
    }
    // libm's k = 0 branch: f = x, c = 0. Its final `+ (dk * LN2_LO + c)` and `+ dk * LN2_HI`
    // add +0.0 to values that are never zero here (|s| >= 2^-54, hfsq > 0, and the result is
    // within an ulp of log1p(x) != 0), which leaves them unchanged.
    let f = x;
    let (hfsq, s, r) = log_kernel(f);
    s * (hfsq + r) - hfsq + f
}

/// libm's polynomial for `log(1 + f)`: `hfsq = f^2 / 2`, `s = f / (2 + f)` and `R(s^2)`.
#[inline(always)]
fn log_kernel(f: f64) -> (f64, f64, f64) {
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    (hfsq, s, t2 + t1)
}

/// `libm::log1p(x)` for `-1 < x < -0.2929` (a drawn probability above 0.29): libm's branch
/// with argument reduction, where `1 + x` is below 1, so its `k` is at most 0 and its
/// correction term is `x - (u - 1)`. Libm for every other argument.
#[inline(never)]
fn log1p_reduced(x: f64) -> f64 {
    let hx = (x.to_bits() >> 32) as u32;
    if hx <= LOG1P_HI || hx >= 0xbff0_0000 {
        return libm::log1p(x);
    }
    log1p_reduced_branch(x)
}

/// `libm::log1p(x)`, bit for bit, with both copied branches inline (libm for arguments
/// outside `[-1 + 2^-53, -2^-53]` or so): for the hazard of a drawn probability, of which a
/// good share lies above 0.29, where [`log1p`] would call out of line.
#[inline(always)]
pub(super) fn log1p_both(x: f64) -> f64 {
    let hx = (x.to_bits() >> 32) as u32;
    if hx.wrapping_sub(LOG1P_LO) <= LOG1P_HI - LOG1P_LO {
        let (hfsq, s, r) = log_kernel(x);
        return s * (hfsq + r) - hfsq + x;
    }
    if hx > LOG1P_HI && hx < 0xbff0_0000 {
        return log1p_reduced_branch(x);
    }
    libm::log1p(x)
}

/// libm's reduced branch of `log1p` for `-1 < x < -0.2929` (see [`log1p_reduced`]).
#[inline(always)]
fn log1p_reduced_branch(x: f64) -> f64 {
    let u = 1.0 + x;
    let ui = u.to_bits();
    let hu = ((ui >> 32) as u32) + (0x3ff0_0000 - 0x3fe6_a09e);
    let k = (hu >> 20) as i32 - 0x3ff;
    let c = (x - (u - 1.0)) / u;
    // u scaled into [sqrt(2) / 2, sqrt(2)).
    let hu = (hu & 0x000f_ffff) + 0x3fe6_a09e;
    let f = f64::from_bits(((hu as u64) << 32) | (ui & 0xffff_ffff)) - 1.0;
    let (hfsq, s, r) = log_kernel(f);
    let dk = k as f64;
    s * (hfsq + r) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI
}

/// `libm::expm1(x)`, bit for bit: inline for `2^-54 <= |x| <= 0.5 ln 2`, libm elsewhere.
#[inline(always)]
pub(super) fn expm1(x: f64) -> f64 {
    let hx = ((x.to_bits() >> 32) & 0x7fff_ffff) as u32;
    if hx.wrapping_sub(EXPM1_LO) > EXPM1_HI - EXPM1_LO {
        return libm::expm1(x);
    }
    // libm's k = 0 branch (c = 0), which returns before any scaling.
    let hfx = 0.5 * x;
    let hxs = x * hfx;
    let r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    let t = 3.0 - r1 * hfx;
    let e = hxs * ((r1 - t) / (6.0 - x * t));
    x - (x * e - hxs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Stream;

    fn same(ours: fn(f64) -> f64, theirs: fn(f64) -> f64, x: f64) {
        let (a, b) = (ours(x), theirs(x));
        assert_eq!(
            a.to_bits(),
            b.to_bits(),
            "at {x:e} ({:#018x}): {a:e} vs libm {b:e}",
            x.to_bits()
        );
    }

    /// Both functions against libm at `x` given by `bits`, and at the floats a few ulps either
    /// side (in bit order, so across zero and the sign too).
    fn around(bits: u64) {
        for d in 0..=4u64 {
            for b in [bits.wrapping_add(d), bits.wrapping_sub(d)] {
                let x = f64::from_bits(b);
                same(log1p, libm::log1p, x);
                same(log1p_both, libm::log1p, x);
                same(expm1, libm::expm1, x);
            }
        }
    }

    /// `n` floats evenly spaced in bit pattern from `lo` to `hi` (both included): every binade
    /// of the range gets its share, the low bits vary from one to the next.
    fn spread(lo: u64, hi: u64, n: u64) -> impl Iterator<Item = f64> {
        let step = (hi - lo) / (n - 1);
        (0..n)
            .map(move |i| f64::from_bits(lo + i * step))
            .chain([f64::from_bits(hi)])
    }

    #[test]
    fn every_branch_boundary_matches_libm() {
        // High words where libm (or the copy) changes branch, at both ends of their low words.
        let words = [
            LOG1P_LO,
            LOG1P_HI,
            EXPM1_LO,
            EXPM1_HI,
            0x3fda_827a,
            0xbff0_0000,
            0x3ff0_a2b2,
            0x4043_687a,
            0x7ff0_0000,
            0x0010_0000,
            0x3ca0_0000,
            0xbc90_0000,
            0xbfd6_2e42,
        ];
        for w in words {
            for sign in [0, 0x8000_0000] {
                let hi = u64::from(w | sign) << 32;
                around(hi);
                around(hi | 0xffff_ffff);
            }
        }
        let special = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            -0.5,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::EPSILON,
            -f64::EPSILON,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -std::f64::consts::FRAC_1_SQRT_2 + 1.0,
            std::f64::consts::FRAC_1_SQRT_2 - 1.0,
            0.5 * std::f64::consts::LN_2,
            -0.5 * std::f64::consts::LN_2,
            709.782712893384,
            -38.816242111356935,
        ];
        for x in special {
            around(x.to_bits());
        }
        // Every power of two either side, both signs: the edges of every binade.
        for e in 0..2047u64 {
            around(e << 52);
            around((e << 52) | (1 << 63));
        }
    }

    #[test]
    fn log1p_matches_libm_over_the_hazard_range() {
        // -1 < x < 0 (the probabilities the trial loop passes), by bit pattern and by value.
        let (zero, minus_one) = ((-0.0f64).to_bits(), (-1.0f64).to_bits());
        for x in spread(zero + 1, minus_one - 1, 4_000_000) {
            same(log1p, libm::log1p, x);
        }
        let n = 2_000_000;
        for i in 0..n {
            same(log1p, libm::log1p, -(i as f64 + 0.5) / n as f64);
        }
        // Each copied branch alone, densely.
        let (lo, hi) = (
            u64::from(LOG1P_LO) << 32,
            u64::from(LOG1P_HI) << 32 | 0xffff_ffff,
        );
        for x in spread(lo, hi, 2_000_000).chain(spread(hi + 1, minus_one - 1, 2_000_000)) {
            same(log1p, libm::log1p, x);
            same(log1p_both, libm::log1p, x);
        }
    }

    #[test]
    fn expm1_matches_libm_over_the_hazard_range() {
        // x < 0 down to where expm1 is -1, by bit pattern and by value.
        let (zero, low) = ((-0.0f64).to_bits(), (-40.0f64).to_bits());
        for x in spread(zero + 1, low, 4_000_000) {
            same(expm1, libm::expm1, x);
        }
        let n = 2_000_000;
        for i in 0..n {
            same(expm1, libm::expm1, -(i as f64 + 0.5) / n as f64);
        }
        let (lo, hi) = (
            u64::from(EXPM1_LO) << 32,
            u64::from(EXPM1_HI) << 32 | 0xffff_ffff,
        );
        for x in spread(lo, hi, 1_000_000).chain(spread(lo | 1 << 63, hi | 1 << 63, 1_000_000)) {
            same(expm1, libm::expm1, x);
        }
    }

    #[test]
    fn random_bit_patterns_match_libm() {
        let mut s = Stream::new(16);
        let one = 1.0f64.to_bits();
        for _ in 0..1_000_000 {
            let r = s.next_u64();
            // Any float at all (the fall-backs), and magnitudes below 1 of either sign.
            let any = f64::from_bits(r);
            let below_one = f64::from_bits((r % one) | (r & 1 << 63));
            for x in [any, below_one, -below_one.abs()] {
                same(log1p, libm::log1p, x);
                same(log1p_both, libm::log1p, x);
                same(expm1, libm::expm1, x);
            }
        }
    }
}
