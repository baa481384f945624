//! Student's t distribution: the quantile behind the paired t interval of a mean difference.
//!
//! Up to 1 000 degrees of freedom the quantile solves `P(T > t) = q` by safeguarded Newton
//! steps on the exact tail, written with the regularized incomplete beta function (a continued
//! fraction). Beyond, the Cornish-Fisher expansion in `1/df` (Abramowitz and Stegun 26.7.5)
//! is already exact to double precision in the centre, and cheaper.

use std::f64::consts::PI;

use super::quantile::normal_quantile;

/// Degrees of freedom above which the expansion in `1/df` replaces the exact tail.
const SERIES_DF: f64 = 1000.0;

/// The `p`-quantile of Student's t distribution with `df` degrees of freedom (`df > 0`, not
/// necessarily whole). Infinite at `p` = 0 and 1; NaN for arguments out of range.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if p.is_nan() || df.is_nan() || !(0.0..=1.0).contains(&p) || df <= 0.0 {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p == 0.5 {
        return 0.0;
    }
    // Closed forms for 1 (Cauchy) and 2 degrees of freedom.
    if df == 1.0 {
        return (PI * (p - 0.5)).tan();
    }
    if df == 2.0 {
        return (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
    }
    let sign = if p > 0.5 { 1.0 } else { -1.0 };
    let z = normal_quantile(p).abs();
    let guess = cornish_fisher(z, df);
    if df > SERIES_DF {
        return sign * guess;
    }
    // `1 - p` is exact for p >= 1/2, so the tail keeps every digit of a small `1 - p`.
    let tail = if p > 0.5 { 1.0 - p } else { p };
    sign * solve_tail(tail, df, guess)
}

/// The quantile's expansion in `1/df` around the normal quantile `z` (A&S 26.7.5).
fn cornish_fisher(z: f64, df: f64) -> f64 {
    let z2 = z * z;
    let g1 = z * (z2 + 1.0) / 4.0;
    let g2 = z * ((5.0 * z2 + 16.0) * z2 + 3.0) / 96.0;
    let g3 = z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / 384.0;
    let g4 = z * ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) / 92160.0;
    z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
}

/// The `t > 0` with `P(T > t) = q`, `0 < q < 1/2`: Newton steps from `guess`, kept inside a
/// bracket that bisection falls back on, so a poor start (far tails, few degrees of freedom)
/// still converges.
fn solve_tail(q: f64, df: f64, guess: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, f64::INFINITY);
    let mut t = if guess > 0.0 { guess } else { 1.0 };
    for _ in 0..200 {
        let g = upper_tail(t, df) - q;
        if g == 0.0 {
            return t;
        }
        // The tail falls as t grows: too much tail means t is too small.
        if g > 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        let newton = t + g / density(t, df);
        let next = if newton > lo && newton < hi {
            newton
        } else if hi.is_finite() {
            0.5 * (lo + hi)
        } else {
            2.0 * t
        };
        if (next - t).abs() <= 4.0 * f64::EPSILON * t {
            return next;
        }
        t = next;
    }
    t
}

/// The density of Student's t at `t`.
fn density(t: f64, df: f64) -> f64 {
    let ln = ln_gamma_half_ratio(df / 2.0)
        - 0.5 * (df * PI).ln()
        - (df + 1.0) / 2.0 * (t * t / df).ln_1p();
    ln.exp()
}

/// `P(T > t)` for `t >= 0`: half the regularized incomplete beta `I_x(df/2, 1/2)` at
/// `x = df / (df + t^2)`, with `x`, `1 - x` and their logarithms formed from `t^2 / df` so that
/// none loses digits when `x` is close to 1.
fn upper_tail(t: f64, df: f64) -> f64 {
    let (a, b) = (df / 2.0, 0.5);
    let r = t * t / df;
    let (x, y) = (1.0 / (1.0 + r), r / (1.0 + r));
    let (ln_x, ln_y) = (-r.ln_1p(), r.ln() - r.ln_1p());
    // x^a y^b / B(a, 1/2), with ln B(a, 1/2) = ln Gamma(a) + ln Gamma(1/2) - ln Gamma(a + 1/2).
    let front = (ln_gamma_half_ratio(a) - 0.5 * PI.ln() + a * ln_x + b * ln_y).exp();
    let i = if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, y) / b
    };
    0.5 * i
}

/// `ln Gamma(a + 1/2) - ln Gamma(a)`. For large `a` the two logarithms are large and nearly
/// equal, so their difference would keep only a few digits; there the difference of Stirling's
/// series is summed directly, its leading terms written with `ln_1p` so that nothing cancels.
fn ln_gamma_half_ratio(a: f64) -> f64 {
    if a < 50.0 {
        return libm::lgamma(a + 0.5) - libm::lgamma(a);
    }
    // ln Gamma(x) = (x - 1/2) ln x - x + ln(2 pi) / 2 + s(x), with s the series in 1/x.
    let s = |x: f64| {
        let x2 = x * x;
        (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * x2)) / x2) / x2) / x
    };
    // (a) ln(a + 1/2) - (a - 1/2) ln a - 1/2 = a ln(1 + 1/(2a)) - 1/2 + (ln a) / 2.
    (a * (0.5 / a).ln_1p() - 0.5) + 0.5 * a.ln() + (s(a + 0.5) - s(a))
}

/// The continued fraction of the incomplete beta function, by the modified Lentz method; it
/// converges fast for `x < (a + 1) / (a + b + 2)`.
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let nonzero = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / nonzero(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=10_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / nonzero(1.0 + even * d);
        c = nonzero(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / nonzero(1.0 + odd * d);
        c = nonzero(1.0 + odd / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64, rel: f64) -> bool {
        (got - want).abs() <= rel * want.abs()
    }

    #[test]
    fn quantiles_match_reference_values() {
        // The 0.975 quantile, to 20 digits from mpmath (root of the incomplete beta).
        let cases = [
            (1.0, 12.706_204_736_174_705),
            (2.0, 4.302_652_729_749_464),
            (3.0, 3.182_446_305_283_709_6),
            (4.0, 2.776_445_105_197_794_4),
            (5.0, 2.570_581_835_636_315_5),
            (7.0, 2.364_624_251_592_785_3),
            (10.0, 2.228_138_851_986_275),
            (19.0, 2.093_024_054_408_309_8),
            (30.0, 2.042_272_456_301_238),
            (100.0, 1.983_971_518_523_552_3),
            (999.0, 1.962_341_461_133_45),
            (1000.0, 1.962_339_080_826_408_5),
            (1001.0, 1.962_336_705_280_88),
            (10_000.0, 1.960_201_239_890_626_3),
            (1e6, 1.959_966_356_814_107),
        ];
        for (df, want) in cases {
            let got = student_t_quantile(0.975, df);
            assert!(close(got, want, 1e-13), "df {df}: {got} vs {want}");
            assert!(
                close(-student_t_quantile(0.025, df), want, 1e-13),
                "df {df}"
            );
        }
        // Away from the centre and with few degrees of freedom.
        for (p, df, want) in [
            (0.995, 3.0, 5.840_909_309_733_357),
            (0.999, 3.0, 10.214_531_852_407_387),
            (0.9, 6.0, 1.439_755_747_265_148_4),
            (0.9, 1000.0, 1.282_398_721_460_924_4),
        ] {
            let got = student_t_quantile(p, df);
            assert!(close(got, want, 1e-13), "p {p} df {df}: {got} vs {want}");
        }
    }

    #[test]
    fn the_tail_and_the_quantile_are_inverse() {
        for df in [3.0, 4.5, 12.0, 250.0] {
            for p in [0.6, 0.9, 0.975, 0.999, 0.999_999] {
                let t = student_t_quantile(p, df);
                let tail = upper_tail(t, df);
                assert!(close(tail, 1.0 - p, 1e-11), "df {df} p {p}: {tail}");
            }
        }
    }

    #[test]
    fn the_gamma_ratio_keeps_its_digits_for_large_arguments() {
        // ln Gamma(a + 1/2) - ln Gamma(a), to 20 digits from mpmath.
        for (a, want) in [
            (50.0, 1.953_511_544_375_741_2),
            (500.0, 3.107_054_049_252_762_5),
            (5000.5, 4.258_621_595_708_077),
        ] {
            let got = ln_gamma_half_ratio(a);
            assert!(close(got, want, 4e-16), "{a}: {got} vs {want}");
        }
        // Continuous where the method changes.
        let below = libm::lgamma(50.5) - libm::lgamma(50.0);
        assert!(close(ln_gamma_half_ratio(50.0), below, 1e-13));
    }

    #[test]
    fn edges() {
        assert_eq!(student_t_quantile(0.5, 7.0), 0.0);
        assert_eq!(student_t_quantile(1.0, 7.0), f64::INFINITY);
        assert_eq!(student_t_quantile(0.0, 7.0), f64::NEG_INFINITY);
        assert!(student_t_quantile(0.9, 0.0).is_nan());
        assert!(student_t_quantile(-0.1, 5.0).is_nan());
    }
}
