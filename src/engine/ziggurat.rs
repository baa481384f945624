//! Exponential(1) variates by Marsaglia and Tsang's ziggurat (2000), 256 layers.
//!
//! A firing threshold is one exponential draw, and a trial of a long chain draws dozens: the
//! ziggurat returns from one `u64`, a table lookup and a comparison about 99% of the time, where
//! inversion pays a logarithm every time. It is exact in distribution; the rare wedge and tail
//! cases use `libm`, and the tables are computed with `libm` too, so draws are the same on every
//! platform.

use std::sync::OnceLock;

use super::rng::{Stream, unit_f64, unit_f64_open0};

pub(super) const LAYERS: usize = 256;
/// Where the tail starts, for 256 layers.
const R: f64 = 7.697_117_470_131_05;

/// The tables of a 256-layer ziggurat (this one's, and the normal's in `super::normal`).
pub struct ZigTables {
    /// Layer edges, decreasing: `x[0]` is the base layer's pseudo-width, `x[1] = R`, `x[256] = 0`.
    pub(super) x: [f64; LAYERS + 1],
    /// The density at each edge (here `f[i] = exp(-x[i])`).
    pub(super) f: [f64; LAYERS + 1],
}

/// The tables, computed once per process.
pub fn tables() -> &'static ZigTables {
    static TABLES: OnceLock<ZigTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Every layer, and the base with its tail, has area v.
        let v = (R + 1.0) * libm::exp(-R);
        ZigTables::build(R, v, |x| libm::exp(-x), |y| -libm::log(y))
    })
}

impl ZigTables {
    /// The tables for a decreasing `density` (unnormalised) whose tail starts at `r`, every
    /// layer of area `v`; `inverse` maps a density value back to its `x`.
    pub(super) fn build(
        r: f64,
        v: f64,
        density: impl Fn(f64) -> f64,
        inverse: impl Fn(f64) -> f64,
    ) -> ZigTables {
        let mut x = [0.0; LAYERS + 1];
        x[0] = v / density(r);
        x[1] = r;
        for i in 1..LAYERS - 1 {
            x[i + 1] = inverse(v / x[i] + density(x[i]));
        }
        x[LAYERS] = 0.0;
        let f = x.map(density);
        ZigTables { x, f }
    }
}

/// One exponential(1) variate from `s`.
#[inline(always)]
pub fn exp1(t: &ZigTables, s: &mut Stream) -> f64 {
    let bits = s.next_u64();
    // The layer from the low 8 bits, the position from the top 53: disjoint bits.
    let i = (bits & 0xff) as usize;
    let x = unit_f64(bits) * t.x[i];
    if x < t.x[i + 1] {
        return x;
    }
    exp1_rare(t, s, i, x)
}

/// The base layer's tail and the wedges (about 1% of draws).
#[cold]
#[inline(never)]
fn exp1_rare(t: &ZigTables, s: &mut Stream, i: usize, x: f64) -> f64 {
    // Beyond R the exponential is R plus a fresh exponential.
    let tail = |s: &mut Stream| R - libm::log(unit_f64_open0(s.next_u64()));
    rare(t, s, i, x, wedge_accepts, tail)
}

/// Whether the point at height `y` (between `f[i]` and `f[i + 1]`) and `x` in layer `i`'s
/// wedge lies below the density, `y < libm::exp(-x)`: decided without the exponential when
/// `y` is clearly below the tangent at `x[i]` or clearly above the chord, both of which
/// bound `exp(-x)` on the wedge (it is convex). The margins (2^-46 and 2^-44 of the value)
/// cover libm's error (under an ulp) and the roundings of the bounds (a few ulps), so the
/// answer is the exponential's whenever it is given; only points near the curve pay for it.
#[inline(always)]
fn wedge_accepts(t: &ZigTables, i: usize, x: f64, y: f64) -> bool {
    let (x0, x1, f0, f1) = (t.x[i], t.x[i + 1], t.f[i], t.f[i + 1]);
    // Tangent at x0: exp(-x) >= f0 * (1 + x0 - x).
    if y < f0 * (1.0 + (x0 - x)) * (1.0 - TANGENT_MARGIN) {
        return true;
    }
    // Chord from (x1, f1) to (x0, f0): exp(-x) <= it.
    if y >= (f0 + (f1 - f0) * ((x0 - x) / (x0 - x1))) * (1.0 + CHORD_MARGIN) {
        return false;
    }
    y < libm::exp(-x)
}

const TANGENT_MARGIN: f64 = 1.0 / (1u64 << 46) as f64;
const CHORD_MARGIN: f64 = 1.0 / (1u64 << 44) as f64;

/// The rare case of a ziggurat draw that landed in layer `i` at `x` beyond the layer's inner
/// edge, for a wedge test (`below(t, i, x, y)`: is `y` below the density at `x`, unnormalised
/// as in the tables) and a sampler of the tail beyond R: the tail for the base layer, else the
/// wedge test, else a fresh draw of layer and position.
#[inline(always)]
pub(super) fn rare(
    t: &ZigTables,
    s: &mut Stream,
    mut i: usize,
    mut x: f64,
    below: impl Fn(&ZigTables, usize, f64, f64) -> bool,
    tail: impl Fn(&mut Stream) -> f64,
) -> f64 {
    loop {
        if i == 0 {
            return tail(s);
        }
        if below(t, i, x, t.f[i + 1] + (t.f[i] - t.f[i + 1]) * s.uniform()) {
            return x;
        }
        let bits = s.next_u64();
        i = (bits & 0xff) as usize;
        x = unit_f64(bits) * t.x[i];
        if x < t.x[i + 1] {
            return x;
        }
    }
}

/// Checks a ziggurat's edges against published values, within `tol`.
#[cfg(test)]
pub(super) fn assert_edges(t: &ZigTables, want: &[(usize, f64)], tol: f64) {
    for &(i, w) in want {
        assert!((t.x[i] - w).abs() < tol, "x[{i}] = {} vs {w}", t.x[i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_the_published_ones() {
        let t = tables();
        // From rand_distr's tables (Doornik's generator).
        let want = [
            (0, 8.697_117_470_131_053),
            (2, 6.941_033_629_377_213),
            (253, 0.137_304_980_940_012_6),
            (255, 0.063_852_163_815_001_57),
        ];
        assert_edges(t, &want, 1e-12);
        assert!((t.f[0] - 0.000_167_066_692_307_963).abs() < 1e-15);
    }

    /// The draws as first written (the wedge test always by the exponential).
    fn exp1_as_written(t: &ZigTables, s: &mut Stream) -> f64 {
        let bits = s.next_u64();
        let i = (bits & 0xff) as usize;
        let x = unit_f64(bits) * t.x[i];
        if x < t.x[i + 1] {
            return x;
        }
        let tail = |s: &mut Stream| R - libm::log(unit_f64_open0(s.next_u64()));
        rare(t, s, i, x, |_, _, x, y| y < libm::exp(-x), tail)
    }

    #[test]
    fn draws_match_the_first_version() {
        let t = tables();
        let (mut a, mut b) = (Stream::new(31), Stream::new(31));
        for _ in 0..4_000_000 {
            let (x, y) = (exp1(t, &mut a), exp1_as_written(t, &mut b));
            assert_eq!(x.to_bits(), y.to_bits());
        }
        assert_eq!(a, b, "the same draws taken");
    }

    /// The wedge test against the exponential: random points of every wedge, and points
    /// within a few ulps of the curve (where the bounds must not decide).
    #[test]
    fn wedge_test_is_the_exponentials() {
        let t = tables();
        let mut s = Stream::new(32);
        let check = |i: usize, x: f64, y: f64| {
            assert_eq!(
                wedge_accepts(t, i, x, y),
                y < libm::exp(-x),
                "layer {i}, x {x:e}, y {y:e}"
            );
        };
        for _ in 0..2_000_000 {
            let i = 1 + (s.next_u64() % (LAYERS as u64 - 1)) as usize;
            let x = t.x[i + 1] + (t.x[i] - t.x[i + 1]) * s.uniform();
            let y = t.f[i + 1] + (t.f[i] - t.f[i + 1]) * s.uniform();
            check(i, x, y);
            let e = libm::exp(-x).to_bits();
            for d in 0..=3 {
                check(i, x, f64::from_bits(e + d));
                check(i, x, f64::from_bits(e - d));
            }
        }
        // The wedges' corners.
        for i in 1..LAYERS {
            for x in [t.x[i + 1], t.x[i]] {
                for y in [t.f[i], t.f[i + 1], libm::exp(-x)] {
                    check(i, x, y);
                }
            }
        }
    }

    #[test]
    fn exponential_moments_and_tail() {
        let n = 400_000;
        let mut s = Stream::new(77);
        let xs: Vec<f64> = (0..n).map(|_| exp1(tables(), &mut s)).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        let se = 1.0 / (n as f64).sqrt();
        assert!((mean - 1.0).abs() < 5.0 * se, "mean {mean}");
        assert!((var - 1.0).abs() < 5.0 * se * 8f64.sqrt(), "var {var}");
        // P(X > t) = e^-t, in the body, in a wedge-heavy region and in the tail beyond R.
        for t in [0.05, 0.5, 1.0, 3.0, 7.0, 8.0] {
            let p = libm::exp(-t);
            let k = xs.iter().filter(|&&x| x > t).count() as f64;
            let se = (p * (1.0 - p) / n as f64).sqrt();
            assert!(
                (k / n as f64 - p).abs() < 5.0 * se,
                "P(X > {t}) = {}",
                k / n as f64
            );
        }
    }
}
