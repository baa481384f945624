//! One proportion: the share `k / n` and its Wilson score interval, which stays inside [0, 1]
//! and keeps close to its nominal 95% for rare outcomes, where the textbook Wald interval
//! collapses to a point.

use super::quantile::Z95;

/// The share `k / n`, or 0 when there are no trials (the reports show 0 rather than NaN).
pub fn ratio(k: u64, n: u64) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}

/// The 95% Wilson score interval for `k` successes in `n` trials (`[0, 1]` when `n` is 0).
pub fn wilson95(k: u64, n: u64) -> [f64; 2] {
    if n == 0 {
        return [0.0, 1.0];
    }
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    // The bounds at the ends are exactly 0 and 1; rounding would miss them by an ulp.
    let lo = if k == 0 {
        0.0
    } else {
        (center - half).max(0.0)
    };
    let hi = if k as f64 == n {
        1.0
    } else {
        (center + half).min(1.0)
    };
    [lo, hi]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_of_no_trials_is_zero() {
        assert_eq!(ratio(3, 12), 0.25);
        assert_eq!(ratio(0, 0), 0.0);
        assert_eq!(ratio(7, 7), 1.0);
    }

    #[test]
    fn known_values() {
        // 412 of 10000 (cli.md's example): [0.03748, 0.04527] to 4 digits.
        let [lo, hi] = wilson95(412, 10_000);
        assert!((lo - 0.03748).abs() < 5e-6, "{lo}");
        assert!((hi - 0.04527).abs() < 5e-6, "{hi}");
        // 0 of 10: the upper bound is z^2 / (n + z^2).
        let [lo, hi] = wilson95(0, 10);
        assert_eq!(lo, 0.0);
        assert!((hi - Z95 * Z95 / (10.0 + Z95 * Z95)).abs() < 1e-12);
        let [lo, hi] = wilson95(10, 10);
        assert!((lo - 10.0 / (10.0 + Z95 * Z95)).abs() < 1e-12);
        assert_eq!(hi, 1.0);
        assert_eq!(wilson95(0, 0), [0.0, 1.0]);
    }
}
