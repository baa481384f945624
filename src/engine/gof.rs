//! Goodness-of-fit checks for the samplers' tests: a million draws at a fixed seed, so a test
//! either always passes or always fails, judged at the 0.1% level.

/// Draws per test.
pub const N: usize = 1_000_000;

/// Kolmogorov-Smirnov: the largest distance between the empirical CDF of `xs` and `cdf` stays
/// below the 0.1% critical value, 1.949 / sqrt(n).
pub fn ks(mut xs: Vec<f64>, cdf: impl Fn(f64) -> f64) {
    xs.sort_by(f64::total_cmp);
    let n = xs.len() as f64;
    let mut d: f64 = 0.0;
    for (i, &x) in xs.iter().enumerate() {
        let f = cdf(x);
        d = d
            .max((f - i as f64 / n).abs())
            .max(((i + 1) as f64 / n - f).abs());
    }
    let crit = 1.949 / n.sqrt();
    assert!(d < crit, "Kolmogorov-Smirnov distance {d} >= {crit}");
}

/// Chi-square of integer draws against probabilities `pmf(k)`: cells with an expected count
/// below 20 are pooled (the upper tail into one cell), and the statistic stays below the 0.1%
/// critical value (Wilson-Hilferty).
pub fn chi_square(xs: &[f64], pmf: impl Fn(u64) -> f64) {
    let n = xs.len() as f64;
    let mut counts = std::collections::BTreeMap::<u64, f64>::new();
    for &x in xs {
        assert!(x >= 0.0 && x == x.floor(), "not a count: {x}");
        *counts.entry(x as u64).or_default() += 1.0;
    }
    let max = *counts.keys().last().expect("draws");
    // Cells [lo, hi) with expected counts of at least 20; the last one takes the whole tail.
    let mut cells: Vec<(f64, f64)> = Vec::new();
    let (mut obs, mut exp, mut below) = (0.0, 0.0, 0.0);
    for k in 0..=max + 1 {
        let p = pmf(k);
        obs += counts.get(&k).copied().unwrap_or(0.0);
        exp += n * p;
        below += p;
        if exp >= 20.0 && n * (1.0 - below) >= 20.0 {
            cells.push((obs, exp));
            (obs, exp) = (0.0, 0.0);
        }
    }
    // The rest, and the tail beyond the largest draw.
    cells.push((obs, exp + n * (1.0 - below).max(0.0)));
    let stat: f64 = cells.iter().map(|(o, e)| (o - e) * (o - e) / e).sum();
    let df = (cells.len() - 1) as f64;
    let z = 3.090; // the 99.9% normal quantile
    let a = 2.0 / (9.0 * df);
    let crit = df * (1.0 - a + z * a.sqrt()).powi(3);
    assert!(
        stat < crit,
        "chi-square {stat} >= {crit} on {df} degrees of freedom"
    );
}

/// `k` successes in `n` trials are within five standard errors of chance `p`.
pub fn binomial_within(k: usize, n: usize, p: f64, what: &str) {
    let (k, n) = (k as f64, n as f64);
    let se = (n * p * (1.0 - p)).sqrt();
    assert!((k - n * p).abs() < 5.0 * se, "{what}: {k} vs {}", n * p);
}

/// The regularized lower incomplete gamma P(a, x), by its series or continued fraction
/// (Numerical Recipes' split), for the gamma and Beta CDFs.
pub fn gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let ln_pre = a * x.ln() - x - libm::lgamma(a);
    if x < a + 1.0 {
        let (mut sum, mut term, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..10_000 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        return sum * ln_pre.exp();
    }
    // Lentz's continued fraction for Q(a, x).
    let tiny = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..10_000 {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-16 {
            break;
        }
    }
    1.0 - ln_pre.exp() * h
}

/// The regularized incomplete beta I_x(a, b), by its continued fraction.
pub fn beta_i(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front =
        libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - beta_i(b, a, 1.0 - x);
    }
    let tiny = 1e-300;
    let (mut c, mut d) = (1.0, 1.0 - (a + b) * x / (a + 1.0));
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..10_000 {
        let m = m as f64;
        for num in [
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0)),
        ] {
            d = 1.0 + num * d;
            if d.abs() < tiny {
                d = tiny;
            }
            c = 1.0 + num / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            h *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-15 {
            break;
        }
    }
    ln_front.exp() * h / a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_functions_match_known_values() {
        // P(1, x) = 1 - e^-x; P(0.5, x) = erf(sqrt x); I_x(1, 1) = x; I_x(2, 3) in closed form.
        for x in [0.1, 1.0, 3.0, 10.0] {
            assert!((gamma_p(1.0, x) - (1.0 - (-x).exp())).abs() < 1e-12);
            assert!((gamma_p(0.5, x) - libm::erf(x.sqrt())).abs() < 1e-12);
        }
        for x in [0.05, 0.3, 0.7, 0.99] {
            assert!((beta_i(1.0, 1.0, x) - x).abs() < 1e-12);
            let want = x * x * (6.0 - 8.0 * x + 3.0 * x * x);
            assert!((beta_i(2.0, 3.0, x) - want).abs() < 1e-12, "{x}");
        }
    }
}
