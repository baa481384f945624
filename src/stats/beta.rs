//! The beta distribution's cumulative probability and quantile, for the 10th and 90th
//! percentiles of `beta` and `pert` probabilities (a PERT is a beta stretched over its range).
//!
//! The regularized incomplete beta function by its continued fraction (Lentz's method), and the
//! quantile by bisection on it: slower than Newton steps but it cannot leave [0, 1], and 100
//! halvings reach the last bit of any double in the interval.

/// `I_x(a, b)`, the probability that a Beta(a, b) value is at most `x` (`a, b > 0`).
pub fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = a * x.ln() + b * (1.0 - x).ln() - ln_beta(a, b);
    // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry above.
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * continued_fraction(x, a, b) / a
    } else {
        1.0 - ln_front.exp() * continued_fraction(1.0 - x, b, a) / b
    }
}

/// The `p`-quantile of Beta(a, b).
pub fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if beta_cdf(mid, a, b) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

fn ln_beta(a: f64, b: f64) -> f64 {
    libm::lgamma(a) + libm::lgamma(b) - libm::lgamma(a + b)
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn continued_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        // Beta(2, 3): F(x) = 6x^2 - 8x^3 + 3x^4; F(0.5) = 0.6875.
        assert!((beta_cdf(0.5, 2.0, 3.0) - 0.6875).abs() < 1e-14);
        // Beta(1, 1) is uniform; Beta(a, 1) has F(x) = x^a.
        assert!((beta_quantile(0.1, 1.0, 1.0) - 0.1).abs() < 1e-14);
        assert!((beta_quantile(0.9, 3.0, 1.0) - 0.9_f64.powf(1.0 / 3.0)).abs() < 1e-14);
        // A U-shaped beta, its density infinite at both ends: symmetric quantiles.
        let q = beta_quantile(0.1, 0.5, 0.5);
        assert!((q + beta_quantile(0.9, 0.5, 0.5) - 1.0).abs() < 1e-12);
        // Beta(1/2, 1/2) is the arcsine law: F(x) = (2/pi) asin(sqrt x).
        let want = (0.1 * std::f64::consts::FRAC_PI_2).sin().powi(2);
        assert!((q - want).abs() < 1e-12, "{q} vs {want}");
    }
}
