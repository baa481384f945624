//! Sampling the distributions of the scenario language from a [`Stream`].
//!
//! Written here rather than taken from `rand_distr` so that every transcendental function is
//! `libm`'s: results then match bit for bit on every platform. Every method is exact in
//! distribution (inversion or exact rejection), up to floating-point rounding.
//!
//! A [`Sampler`] is a distribution prepared once per model: the constants of Marsaglia and
//! Tsang's gamma method, the Poisson's CDF table and PTRS constants ([`super::poisson`]) are
//! worked out there, not at every draw. Normals come from a ziggurat ([`super::normal`]); the
//! common case of the gamma method is accepted by its squeeze, without a logarithm.

use super::normal;
use super::poisson::{CdfTable, Ptrs, TABLE_MAX_LAMBDA, poisson_table, ptrs};
use super::rng::Stream;
use super::ziggurat::{self, ZigTables};
use crate::model::Dist;

/// A distribution ready to draw from.
#[derive(Clone, Debug)]
pub enum Sampler {
    Const(f64),
    Uniform {
        lo: f64,
        width: f64,
    },
    Triangular {
        lo: f64,
        mode: f64,
        hi: f64,
    },
    /// `lo + width * Beta`, PERT included.
    Beta {
        lo: f64,
        width: f64,
        beta: BetaConst,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    /// Inversion against the CDF, tabled once.
    PoissonTable(CdfTable),
    PoissonLarge(Ptrs),
    /// `lo * exp(ln(hi / lo) * u)`, the logarithm taken once.
    LogUniform {
        lo: f64,
        ln_ratio: f64,
    },
}

/// Marsaglia and Tsang's constants for a gamma of shape `a`.
#[derive(Clone, Copy, Debug)]
pub struct GammaConst {
    d: f64,
    c: f64,
    /// `1 / a` when `a < 1` (boosted from shape `a + 1`), else 0.
    inv_shape: f64,
}

impl GammaConst {
    fn new(shape: f64) -> GammaConst {
        let (base, inv_shape) = if shape < 1.0 {
            (shape + 1.0, 1.0 / shape)
        } else {
            (shape, 0.0)
        };
        let d = base - 1.0 / 3.0;
        GammaConst {
            d,
            c: 1.0 / libm::sqrt(9.0 * d),
            inv_shape,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct BetaConst {
    a: f64,
    b: f64,
    ga: GammaConst,
    gb: GammaConst,
}

impl BetaConst {
    fn new(a: f64, b: f64) -> BetaConst {
        BetaConst {
            a,
            b,
            ga: GammaConst::new(a),
            gb: GammaConst::new(b),
        }
    }
}

/// The tables the samplers share (computed once per process).
#[derive(Clone, Copy)]
pub struct Tables {
    normal: &'static ZigTables,
    exp: &'static ZigTables,
}

impl Tables {
    pub fn get() -> Tables {
        Tables {
            normal: normal::tables(),
            exp: ziggurat::tables(),
        }
    }
}

impl Sampler {
    pub fn new(dist: &Dist) -> Sampler {
        match *dist {
            Dist::Const(v) => Sampler::Const(v),
            Dist::Uniform { lo, hi } => Sampler::Uniform { lo, width: hi - lo },
            Dist::Triangular { lo, mode, hi } => Sampler::Triangular { lo, mode, hi },
            Dist::Pert { lo, hi, .. } if hi <= lo => Sampler::Const(lo),
            Dist::Pert { lo, mode, hi } => {
                let a = 1.0 + 4.0 * (mode - lo) / (hi - lo);
                let b = 1.0 + 4.0 * (hi - mode) / (hi - lo);
                Sampler::Beta {
                    lo,
                    width: hi - lo,
                    beta: BetaConst::new(a, b),
                }
            }
            Dist::Beta { alpha, beta } => Sampler::Beta {
                lo: 0.0,
                width: 1.0,
                beta: BetaConst::new(alpha, beta),
            },
            Dist::Normal { mean, sd } => Sampler::Normal { mean, sd },
            Dist::Poisson { lambda } if lambda <= 0.0 => Sampler::Const(0.0),
            Dist::Poisson { lambda } if lambda <= TABLE_MAX_LAMBDA => {
                Sampler::PoissonTable(poisson_table(lambda))
            }
            Dist::Poisson { lambda } => Sampler::PoissonLarge(Ptrs::new(lambda)),
            Dist::LogUniform { lo, hi } => Sampler::LogUniform {
                lo,
                ln_ratio: libm::log(hi / lo),
            },
        }
    }

    /// One draw.
    ///
    /// The cheap, common cases (constants, tabled Poissons, normals) are drawn here; the others
    /// in [`Sampler::sample_other`], out of line, so that the common cases pay no set-up for the
    /// registers the gamma method needs.
    #[inline(always)]
    pub fn sample(&self, t: Tables, s: &mut Stream) -> f64 {
        match self {
            Sampler::Const(v) => *v,
            Sampler::PoissonTable(c) => c.invert_bits(s.next_u64()),
            Sampler::Normal { mean, sd } => {
                let bits = s.next_u64();
                match normal::common(t.normal, bits) {
                    Some(x) => mean + sd * x,
                    None => rare_normal(*mean, *sd, t, s, bits),
                }
            }
            _ => self.sample_other(t, s),
        }
    }

    #[inline(never)]
    fn sample_other(&self, t: Tables, s: &mut Stream) -> f64 {
        match self {
            Sampler::Uniform { lo, width } => lo + width * s.uniform(),
            Sampler::Triangular { lo, mode, hi } => triangular(*lo, *mode, *hi, s.uniform()),
            Sampler::Beta { lo, width, beta: c } => lo + width * beta(c, t, s),
            Sampler::PoissonLarge(c) => ptrs(c, s),
            Sampler::LogUniform { lo, ln_ratio } => lo * libm::exp(ln_ratio * s.uniform()),
            // Drawn by `sample` itself.
            Sampler::Const(_) | Sampler::PoissonTable(_) | Sampler::Normal { .. } => {
                self.sample(t, s)
            }
        }
    }
}

/// A normal draw whose first `u64`, `bits`, fell outside its ziggurat layer (about 1%): out of
/// line, so that the common case needs no stack frame.
#[cold]
#[inline(never)]
fn rare_normal(mean: f64, sd: f64, t: Tables, s: &mut Stream, bits: u64) -> f64 {
    mean + sd * normal::rare(t.normal, s, bits)
}

/// One draw of `dist` (prepares it each time: for tests).
#[cfg(test)]
pub fn sample(dist: &Dist, s: &mut Stream) -> f64 {
    Sampler::new(dist).sample(Tables::get(), s)
}

/// One draw from a distribution used once (an `add` whose parameters are computed at a firing):
/// exactly the distribution, without building the table a prepared Poisson sampler keeps.
pub fn sample_once(dist: &Dist, t: Tables, s: &mut Stream) -> f64 {
    match *dist {
        Dist::Poisson { lambda } if lambda > 0.0 && lambda <= TABLE_MAX_LAMBDA => {
            // Inversion by sequential search of the CDF.
            let u = s.uniform();
            let mut p = libm::exp(-lambda);
            let (mut cdf, mut k) = (p, 0.0);
            while u >= cdf && p > 0.0 {
                k += 1.0;
                p *= lambda / k;
                cdf += p;
            }
            k
        }
        _ => Sampler::new(dist).sample(t, s),
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

/// Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 through the boost
/// `Gamma(a + 1) * U^(1/a)`, with `U^(1/a)` drawn as `exp(-E / a)` for an exponential `E`.
/// Inlined into [`beta`], so that a Beta draw sets up its registers once for both gammas.
#[inline(always)]
fn gamma(g: &GammaConst, t: Tables, s: &mut Stream) -> f64 {
    let (d, c) = (g.d, g.c);
    let x = loop {
        let x = normal::std_normal(t.normal, s);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = s.uniform_open0();
        let x2 = x * x;
        // The squeeze accepts about 92% of the time, before any logarithm.
        if u < 1.0 - 0.0331 * x2 * x2 || accepts(u, x2, v, d) {
            break d * v;
        }
    };
    if g.inv_shape > 0.0 {
        return x * libm::exp(-ziggurat::exp1(t.exp, s) * g.inv_shape);
    }
    x
}

/// Marsaglia and Tsang's full acceptance test, when the squeeze failed: out of line, so that
/// the common path keeps its values in registers without saving them around the logarithms.
#[cold]
#[inline(never)]
fn accepts(u: f64, x2: f64, v: f64, d: f64) -> bool {
    log_below(u, 0.5 * x2 + d * (1.0 - v + libm::log(v)))
}

/// Relative margins of [`log_below`]'s bounds: far beyond their rounding (a few ulps) and
/// libm's error (under an ulp).
const LOG_MARGIN: f64 = 1.0 / (1u64 << 46) as f64;

/// `libm::log(u) < b` for `u` in (0, 1], without the logarithm when `b` is clear of its
/// bounds: with `t = 1 - u`, `-t - t^2 / (2u) <= ln u <= -t - t^2 / 2` (the series of
/// `ln(1 - t)` has only negative terms, each at most `t^k / 2` in size), each widened by
/// [`LOG_MARGIN`] of its size, so a decision by a bound is the logarithm's.
#[inline(always)]
fn log_below(u: f64, b: f64) -> bool {
    let t = 1.0 - u;
    let q = 0.5 * t * t;
    if (-t - q) * (1.0 - LOG_MARGIN) < b {
        return true;
    }
    if (-t - q / u) * (1.0 + LOG_MARGIN) >= b {
        return false;
    }
    libm::log(u) < b
}

/// Beta(a, b) as `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`.
#[inline]
fn beta(c: &BetaConst, t: Tables, s: &mut Stream) -> f64 {
    let x = gamma(&c.ga, t, s);
    let y = gamma(&c.gb, t, s);
    let sum = x + y;
    if sum > 0.0 {
        return x / sum;
    }
    // Both gammas underflowed (tiny shapes): the mass sits at the ends, in the ratio of the mean.
    if s.uniform() < c.a / (c.a + c.b) {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::gof;

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

    /// Draws of `dist` from one fixed seed.
    fn draws(dist: Dist, seed: u64) -> Vec<f64> {
        let (sampler, t) = (Sampler::new(&dist), Tables::get());
        let mut s = Stream::new(seed);
        (0..gof::N).map(|_| sampler.sample(t, &mut s)).collect()
    }

    #[test]
    fn gamma_goodness_of_fit() {
        // Shapes below 1 (boosted), at 1, PERT-like and large.
        for (i, shape) in [0.3, 1.0, 2.2, 4.6, 30.0].into_iter().enumerate() {
            let c = GammaConst::new(shape);
            let t = Tables::get();
            let mut s = Stream::new(100 + i as u64);
            let xs = (0..gof::N).map(|_| gamma(&c, t, &mut s)).collect();
            gof::ks(xs, |x| gof::gamma_p(shape, x));
        }
    }

    /// The gamma method as first written (both logarithms whenever the squeeze fails).
    fn gamma_as_written(g: &GammaConst, t: Tables, s: &mut Stream) -> f64 {
        let (d, c) = (g.d, g.c);
        let x = loop {
            let x = normal::std_normal(t.normal, s);
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = s.uniform_open0();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 || libm::log(u) < 0.5 * x2 + d * (1.0 - v + libm::log(v))
            {
                break d * v;
            }
        };
        if g.inv_shape > 0.0 {
            return x * libm::exp(-ziggurat::exp1(t.exp, s) * g.inv_shape);
        }
        x
    }

    #[test]
    fn gamma_draws_match_the_first_version() {
        let t = Tables::get();
        for (i, shape) in [0.3, 1.0, 1.3, 2.2, 4.6, 30.0].into_iter().enumerate() {
            let c = GammaConst::new(shape);
            let (mut a, mut b) = (Stream::new(60 + i as u64), Stream::new(60 + i as u64));
            for _ in 0..500_000 {
                let (x, y) = (gamma(&c, t, &mut a), gamma_as_written(&c, t, &mut b));
                assert_eq!(x.to_bits(), y.to_bits(), "shape {shape}");
            }
            assert_eq!(a, b, "the same draws taken");
        }
    }

    /// The bounded test against the logarithm: random uniforms with random limits, limits
    /// within a few ulps of the logarithm (where the bounds must not decide), and the ends.
    #[test]
    fn log_below_is_the_logarithms() {
        let mut s = Stream::new(41);
        let check = |u: f64, b: f64| {
            assert_eq!(log_below(u, b), libm::log(u) < b, "u {u:e}, b {b:e}");
        };
        for i in 0..3_000_000u64 {
            // Uniforms as the gamma method draws them, and ones near 1 (most of its calls).
            let u = match i % 3 {
                0 => s.uniform_open0(),
                1 => 1.0 - s.uniform() * 1e-3,
                _ => 1.0 - (s.next_u64() % 4096) as f64 / (1u64 << 53) as f64,
            };
            let l = libm::log(u);
            check(u, l * (1.0 + 2.0 * (s.uniform() - 0.5)));
            check(u, -s.uniform() * 4.0);
            for d in 0..=3u64 {
                for b in [l.to_bits().wrapping_add(d), l.to_bits().wrapping_sub(d)] {
                    check(u, f64::from_bits(b));
                }
            }
        }
        for u in [
            1.0,
            0.5,
            1.0 - f64::EPSILON / 2.0,
            1.0 / (1u64 << 53) as f64,
        ] {
            for b in [0.0, -0.0, 1e-300, -1e-300, f64::NAN, -1.0, libm::log(u)] {
                check(u, b);
            }
        }
    }

    #[test]
    fn beta_and_pert_goodness_of_fit() {
        for (i, (a, b)) in [(2.0, 5.0), (0.5, 0.5), (0.3, 3.0), (20.0, 2.0)]
            .into_iter()
            .enumerate()
        {
            let xs = draws(Dist::Beta { alpha: a, beta: b }, 200 + i as u64);
            gof::ks(xs, |x| gof::beta_i(a, b, x));
        }
        // The baseline's PERTs: shapes from their modes.
        for (i, (lo, mode, hi)) in [(0.6, 0.85, 0.97), (0.002, 0.01, 0.03), (0.0, 0.0, 1.0)]
            .into_iter()
            .enumerate()
        {
            let a = 1.0 + 4.0 * (mode - lo) / (hi - lo);
            let b = 1.0 + 4.0 * (hi - mode) / (hi - lo);
            let xs = draws(Dist::Pert { lo, mode, hi }, 300 + i as u64);
            gof::ks(xs, |x| gof::beta_i(a, b, (x - lo) / (hi - lo)));
        }
    }

    #[test]
    fn normal_sampler_goodness_of_fit() {
        let xs = draws(Dist::Normal { mean: 3.0, sd: 2.0 }, 400);
        gof::ks(xs, |x| {
            0.5 * libm::erfc(-(x - 3.0) / (2.0 * std::f64::consts::SQRT_2))
        });
    }

    #[test]
    fn loguniform_goodness_of_fit() {
        let (lo, hi): (f64, f64) = (0.02, 0.5);
        let xs = draws(Dist::LogUniform { lo, hi }, 450);
        gof::ks(xs, |x| (x / lo).ln() / (hi / lo).ln());
    }

    fn poisson_pmf(lambda: f64) -> impl Fn(u64) -> f64 {
        move |k| (k as f64 * lambda.ln() - lambda - libm::lgamma(k as f64 + 1.0)).exp()
    }

    #[test]
    fn poisson_goodness_of_fit_small_and_large() {
        for (i, lambda) in [0.5, 1.5, 2.0, 9.99, 10.0, 47.5, 60.0, 450.0, 1000.0]
            .into_iter()
            .enumerate()
        {
            let xs = draws(Dist::Poisson { lambda }, 500 + i as u64);
            gof::chi_square(&xs, poisson_pmf(lambda));
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
