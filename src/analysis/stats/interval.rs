//! Intervals: the normal quantile for 95%, and the Wilson score interval of a proportion.

/// The 97.5% quantile of the standard normal: a two-sided 95% interval (as cli.md fixes it).
pub const Z95: f64 = 1.959_963_984_540_054;

/// An estimate and its 95% interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub estimate: f64,
    pub lo: f64,
    pub hi: f64,
}

/// The Wilson score interval of `k` successes in `n` trials (z = [`Z95`]): the interval the run
/// report gives every probability. `[0, 1]` when `n` is 0.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let nf = n as f64;
    let p = k as f64 / nf;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / nf;
    let center = (p + z2 / (2.0 * nf)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    // At 0 and n the bound is exactly 0 or 1 (rounding would leave a tiny residue).
    let lo = if k == 0 {
        0.0
    } else {
        (center - half).max(0.0)
    };
    let hi = if k == n {
        1.0
    } else {
        (center + half).min(1.0)
    };
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_the_spec_example() {
        // cli.md: 412 of 10000 gives [0.03748, 0.04527].
        let (lo, hi) = wilson(412, 10_000);
        assert!((lo - 0.03748).abs() < 5e-6, "{lo}");
        assert!((hi - 0.04527).abs() < 5e-6, "{hi}");
        assert_eq!(wilson(0, 0), (0.0, 1.0));
        let (lo, hi) = wilson(0, 100);
        assert_eq!(lo, 0.0);
        assert!(hi > 0.03 && hi < 0.04, "{hi}");
        let (lo, hi) = wilson(100, 100);
        assert!(lo > 0.96 && hi == 1.0, "{lo}");
    }
}
