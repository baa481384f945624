//! Sampling the distributions of the scenario language from a [`Stream`].
//!
//! Written here rather than taken from `rand_distr` so that every transcendental function is
//! `libm`'s: results then match bit for bit on every platform (format.md section 5). Every method
//! is exact in distribution (inversion or exact rejection), up to floating-point rounding.

use super::rng::Stream;
use crate::model::Dist;

/// One draw of `dist`.
pub fn sample(dist: &Dist, s: &mut Stream) -> f64 {
    match *dist {
        Dist::Const(v) => v,
        Dist::Uniform { lo, hi } => lo + (hi - lo) * s.uniform(),
        Dist::Triangular { lo, mode, hi } => triangular(lo, mode, hi, s.uniform()),
        Dist::Pert { lo, mode, hi } => {
            if hi <= lo {
                return lo;
            }
            let a = 1.0 + 4.0 * (mode - lo) / (hi - lo);
            let b = 1.0 + 4.0 * (hi - mode) / (hi - lo);
            lo + (hi - lo) * beta(a, b, s)
        }
        Dist::Beta { alpha, beta: b } => beta(alpha, b, s),
        Dist::Normal { mean, sd } => mean + sd * std_normal(s),
        Dist::Poisson { lambda } => poisson(lambda, s),
        Dist::LogUniform { lo, hi } => lo * libm::exp(libm::log(hi / lo) * s.uniform()),
    }
}

/// Inverse CDF of the triangular distribution at `u` in [0, 1).
fn triangular(lo: f64, mode: f64, hi: f64, u: f64) -> f64 {
    let width = hi - lo;
    if width <= 0.0 {
        return lo;
    }
    let cut = (mode - lo) / width;
    if u < cut {
        lo + libm::sqrt(u * width * (mode - lo))
    } else {
        hi - libm::sqrt((1.0 - u) * width * (hi - mode))
    }
}

/// A standard normal by Box-Muller (one of the pair; the other is dropped so that a draw always
/// uses exactly two uniforms).
fn std_normal(s: &mut Stream) -> f64 {
    let u1 = s.uniform_open0();
    let u2 = s.uniform();
    libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(std::f64::consts::TAU * u2)
}

/// Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 through the boost
/// `Gamma(a + 1) * U^(1/a)`.
fn gamma(shape: f64, s: &mut Stream) -> f64 {
    if shape < 1.0 {
        let g = gamma(shape + 1.0, s);
        return g * libm::pow(s.uniform_open0(), 1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / libm::sqrt(9.0 * d);
    loop {
        let x = std_normal(s);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = s.uniform_open0();
        let x2 = x * x;
        if u < 1.0 - 0.0331 * x2 * x2 || libm::log(u) < 0.5 * x2 + d * (1.0 - v + libm::log(v)) {
            return d * v;
        }
    }
}

/// Beta(a, b) as `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`.
fn beta(a: f64, b: f64, s: &mut Stream) -> f64 {
    let x = gamma(a, s);
    let y = gamma(b, s);
    let sum = x + y;
    if sum > 0.0 {
        return x / sum;
    }
    // Both gammas underflowed (tiny shapes): the mass sits at the ends, in the ratio of the mean.
    if s.uniform() < a / (a + b) { 1.0 } else { 0.0 }
}

/// Poisson(lambda): inversion for small means, Hörmann's PTRS (1993) transformed rejection for
/// large ones.
fn poisson(lambda: f64, s: &mut Stream) -> f64 {
    if lambda <= 0.0 {
        return 0.0;
    }
    if lambda < 10.0 {
        let mut p = libm::exp(-lambda);
        let mut cdf = p;
        let u = s.uniform();
        let mut k = 0.0;
        // The tail beyond a few hundred is below rounding for lambda < 10.
        while u > cdf && k < 1000.0 {
            k += 1.0;
            p *= lambda / k;
            cdf += p;
        }
        return k;
    }
    let slam = libm::sqrt(lambda);
    let loglam = libm::log(lambda);
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
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
        let lhs = libm::log(v) + libm::log(inv_alpha) - libm::log(a / (us * us) + b);
        let rhs = -lambda + k * loglam - libm::lgamma(k + 1.0);
        if lhs <= rhs {
            return k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(dist: Dist, n: usize) -> (f64, f64) {
        let mut s = Stream::new(12345);
        let xs: Vec<f64> = (0..n).map(|_| sample(&dist, &mut s)).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        (mean, var)
    }

    /// Mean and variance within 5 standard errors (the variance's se taken loosely as
    /// var * sqrt(2 / n), plus kurtosis slack).
    fn check(dist: Dist, mean: f64, var: f64) {
        let n = 200_000;
        let (m, v) = moments(dist, n);
        let se_m = (var / n as f64).sqrt();
        assert!(
            (m - mean).abs() < 5.0 * se_m,
            "{dist:?}: mean {m} vs {mean}"
        );
        let se_v = var * (3.0 / n as f64).sqrt();
        assert!((v - var).abs() < 5.0 * se_v, "{dist:?}: var {v} vs {var}");
    }

    #[test]
    fn uniform() {
        check(Dist::Uniform { lo: 0.2, hi: 0.6 }, 0.4, 0.16 / 12.0);
    }

    #[test]
    fn triangular_moments() {
        let (a, c, b) = (0.1, 0.2, 0.6);
        let mean = (a + b + c) / 3.0;
        let var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
        check(
            Dist::Triangular {
                lo: a,
                mode: c,
                hi: b,
            },
            mean,
            var,
        );
    }

    #[test]
    fn beta_moments_large_and_small_shapes() {
        for (a, b) in [(2.0, 5.0), (0.5, 0.5), (0.3, 3.0), (20.0, 2.0)] {
            let mean = a / (a + b);
            let var = a * b / ((a + b) * (a + b) * (a + b + 1.0));
            check(Dist::Beta { alpha: a, beta: b }, mean, var);
        }
    }

    #[test]
    fn pert_moments() {
        let (lo, mode, hi) = (0.0, 0.3, 1.0);
        let a = 1.0 + 4.0 * (mode - lo) / (hi - lo);
        let b = 1.0 + 4.0 * (hi - mode) / (hi - lo);
        let mean = a / (a + b);
        let var = a * b / ((a + b) * (a + b) * (a + b + 1.0));
        check(Dist::Pert { lo, mode, hi }, mean, var);
    }

    #[test]
    fn loguniform_moments() {
        let (lo, hi): (f64, f64) = (0.02, 0.5);
        let ln_r = (hi / lo).ln();
        let mean = (hi - lo) / ln_r;
        let var = (hi * hi - lo * lo) / (2.0 * ln_r) - mean * mean;
        check(Dist::LogUniform { lo, hi }, mean, var);
    }

    #[test]
    fn normal_moments() {
        check(Dist::Normal { mean: 3.0, sd: 2.0 }, 3.0, 4.0);
    }

    #[test]
    fn poisson_moments_small_and_large() {
        for lambda in [0.5, 3.0, 9.99, 10.0, 47.5, 1000.0] {
            check(Dist::Poisson { lambda }, lambda, lambda);
        }
    }

    #[test]
    fn poisson_large_gives_integers() {
        let mut s = Stream::new(3);
        for _ in 0..1000 {
            let k = sample(&Dist::Poisson { lambda: 50.0 }, &mut s);
            assert_eq!(k, k.floor());
            assert!(k >= 0.0);
        }
    }

    #[test]
    fn degenerate_ranges_are_constants() {
        let mut s = Stream::new(1);
        assert_eq!(sample(&Dist::Uniform { lo: 0.3, hi: 0.3 }, &mut s), 0.3);
        let tri = Dist::Triangular {
            lo: 0.3,
            mode: 0.3,
            hi: 0.3,
        };
        assert_eq!(sample(&tri, &mut s), 0.3);
        let pert = Dist::Pert {
            lo: 0.3,
            mode: 0.3,
            hi: 0.3,
        };
        assert_eq!(sample(&pert, &mut s), 0.3);
    }
}
