//! Standard normal variates by Marsaglia and Tsang's ziggurat (2000), 256 layers.
//!
//! Every gamma draw (hence every Beta and PERT draw) starts from a normal, and a trial of the
//! baseline draws a dozen. Box-Muller paid a logarithm, a cosine and a square root each time; the
//! ziggurat returns from one `u64`, a table lookup and a comparison about 99% of the time. It is
//! exact in distribution: the rare wedge and tail cases use `libm`, and so does the table set-up,
//! so draws are the same on every platform.

use std::sync::OnceLock;

use super::rng::{Stream, unit_f64, unit_f64_open0};
use super::ziggurat::{self, ZigTables};

/// Where the tail starts, for 256 layers.
const R: f64 = 3.654_152_885_361_009;

fn density(x: f64) -> f64 {
    libm::exp(-0.5 * x * x)
}

/// The tables, computed once per process.
pub fn tables() -> &'static ZigTables {
    static TABLES: OnceLock<ZigTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Every layer, and the base with its tail, has area v (of the unnormalised density).
        let tail =
            libm::sqrt(std::f64::consts::FRAC_PI_2) * libm::erfc(R / std::f64::consts::SQRT_2);
        let v = R * density(R) + tail;
        ZigTables::build(R, v, density, |y| libm::sqrt(-2.0 * libm::log(y)))
    })
}

/// One standard normal variate from `s`.
#[inline(always)]
pub fn std_normal(t: &ZigTables, s: &mut Stream) -> f64 {
    let bits = s.next_u64();
    match common(t, bits) {
        Some(x) => x,
        None => rare(t, s, bits),
    }
}

/// The normal variate of `bits` when it falls inside its layer (about 99% of draws), else
/// `None`: then [`rare`] finishes the draw.
#[inline(always)]
pub fn common(t: &ZigTables, bits: u64) -> Option<f64> {
    // The layer from the low 8 bits, the sign from bit 8, the magnitude from the top 53: disjoint.
    let i = (bits & 0xff) as usize;
    let x = unit_f64(bits) * t.x[i];
    (x < t.x[i + 1]).then(|| signed(bits, x))
}

/// The normal variate of `bits` when [`common`] gave none, drawing more from `s` as needed.
#[inline(always)]
pub fn rare(t: &ZigTables, s: &mut Stream, bits: u64) -> f64 {
    let i = (bits & 0xff) as usize;
    signed(bits, normal_rare(t, s, i, unit_f64(bits) * t.x[i]))
}

/// The magnitude `x` with the sign of bit 8 of `bits` (set: negative), by flipping the sign bit:
/// exactly `-x` or `x`, without a branch that half the draws would mispredict.
#[inline(always)]
fn signed(bits: u64, x: f64) -> f64 {
    f64::from_bits(x.to_bits() ^ ((bits & 0x100) << 55))
}

/// The base layer's tail and the wedges (about 1% of draws), as a magnitude.
#[cold]
#[inline(never)]
fn normal_rare(t: &ZigTables, s: &mut Stream, i: usize, x: f64) -> f64 {
    // Marsaglia's tail method: beyond R, R + x with x drawn from the tail by rejection.
    let tail = |s: &mut Stream| loop {
        let x = -libm::log(s.uniform_open0()) / R;
        let y = -libm::log(unit_f64_open0(s.next_u64()));
        if 2.0 * y >= x * x {
            return R + x;
        }
    };
    ziggurat::rare(t, s, i, x, |_, _, x, y| y < density(x), tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::gof;

    #[test]
    fn tables_match_the_published_ones() {
        let t = tables();
        // From rand_distr's tables (Doornik's generator), whose layer area is rounded to 12
        // digits: within 1e-9 of ours, whose area comes from `erfc`.
        let want = [
            (0, 3.910_757_959_537_09),
            (2, 3.449_278_298_560_964_5),
            (254, 0.286_174_591_747_260_5),
            (255, 0.215_241_895_913_273_8),
        ];
        crate::engine::ziggurat::assert_edges(t, &want, 1e-9);
        // The top layer closes: its area is that of every other layer, to rounding.
        let v = t.x[1] * (t.f[2] - t.f[1]);
        let top = t.x[255] * (1.0 - t.f[255]);
        assert!((top - v).abs() < 1e-12 * v, "{top} vs {v}");
    }

    /// Kolmogorov-Smirnov on a million draws at a fixed seed, against Phi.
    #[test]
    fn normal_goodness_of_fit() {
        let t = tables();
        let mut s = Stream::new(20_261_130);
        let xs: Vec<f64> = (0..gof::N).map(|_| std_normal(t, &mut s)).collect();
        gof::ks(xs, |x| 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2));
        // The far tail (beyond R, and beyond 4.5) at its exact rate.
        for cut in [R, 4.5] {
            let p = libm::erfc(cut / std::f64::consts::SQRT_2);
            let xs: Vec<f64> = (0..gof::N).map(|_| std_normal(t, &mut s)).collect();
            let k = xs.iter().filter(|x| x.abs() > cut).count();
            gof::binomial_within(k, gof::N, p, "|X| beyond the cut");
        }
    }
}
