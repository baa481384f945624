//! Quantiles of the standard normal distribution behind the 95% intervals.

/// The normal quantile for a two-sided 95% interval: the 0.975 quantile of the standard normal.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The `p`-quantile of the standard normal distribution, for `0 < p < 1` (infinite at 0 and 1,
/// NaN outside).
///
/// Acklam's rational approximation (relative error below 1.2e-9), refined by one Halley step on
/// the exact distribution function (`erfc`), which brings it to full double precision.
pub fn normal_quantile(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let x = acklam(p);
    // Halley's step on Phi(x) - p, with Phi from erfc (accurate in both tails).
    let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
    x - u / (1.0 + x * u / 2.0)
}

/// P. J. Acklam's rational approximation of the normal quantile.
fn acklam(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    let poly = |coef: &[f64], x: f64| coef.iter().fold(0.0, |acc, c| acc * x + c);
    let tail = |q: f64| {
        let q = (-2.0 * q.ln()).sqrt();
        poly(&C, q) / (poly(&D, q) * q + 1.0)
    };
    if p < LOW {
        tail(p)
    } else if p > 1.0 - LOW {
        -tail(1.0 - p)
    } else {
        let q = p - 0.5;
        let r = q * q;
        poly(&A, r) * q / (poly(&B, r) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles_match_reference_values() {
        // Reference values to 17 digits (mpmath).
        let cases = [
            (0.975, Z95),
            (0.5, 0.0),
            (0.9, 1.281_551_565_544_600_5),
            (0.995, 2.575_829_303_548_901),
            (0.01, -2.326_347_874_040_841),
            (1e-10, -6.361_340_902_404_056),
        ];
        for (p, want) in cases {
            let got = normal_quantile(p);
            assert!(
                (got - want).abs() <= 4e-15 * want.abs().max(1.0),
                "{p}: {got} vs {want}"
            );
        }
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(normal_quantile(1.0), f64::INFINITY);
        assert!(normal_quantile(1.5).is_nan());
    }

    #[test]
    fn normal_quantile_is_antisymmetric() {
        for p in [0.001, 0.02, 0.1, 0.3, 0.49] {
            assert!(
                (normal_quantile(p) + normal_quantile(1.0 - p)).abs() < 1e-14,
                "{p}"
            );
        }
    }
}
