//! Intervals for a difference of two proportions: Newcombe's hybrid score intervals ("method
//! 10"), for trials that are paired (the same trial run under two versions of a scenario) and
//! for independent samples (each run conditioned on its own `given`).
//!
//! Both are built on the Wilson interval of each proportion. Unlike the textbook Wald interval
//! (estimate +- 1.96 standard errors), they keep close to their nominal 95% when few trials
//! differ: with 4 trials of 10 000 changing, all in one direction, the Wald interval excludes 0
//! although an exact test cannot tell the runs apart; these intervals include it. References:
//! R. G. Newcombe, "Improved confidence intervals for the difference between binomial
//! proportions based on paired data", Statistics in Medicine 17 (1998) 2635-2650, and "Interval
//! estimation for the difference between independent proportions: comparison of eleven
//! methods", Statistics in Medicine 17 (1998) 873-890; method 10 in both, without continuity
//! correction.

use super::interval::Interval;
use super::proportion::{ratio, wilson95};

/// The difference `P(B) - P(A)` of two proportions measured on the same trials, from the four
/// cells of the paired table: `both` trials where the result held in A and in B, `a_only`,
/// `b_only`, and `neither`.
///
/// The interval combines the Wilson intervals of `P(A)` and `P(B)` with the correlation `phi`
/// of the paired table, as Newcombe's method 10 does: with `A = both * neither - a_only *
/// b_only` and the product `m` of the four margins, `phi = (A - n/2) / sqrt(m)` when
/// `A > n/2`, 0 when `0 <= A <= n/2`, `A / sqrt(m)` when `A < 0`, and 0 when a margin is 0.
/// When A and B agree on every trial the interval is exactly `[0, 0]`.
pub fn paired_difference(both: u64, a_only: u64, b_only: u64, neither: u64) -> Interval {
    let n = both + a_only + b_only + neither;
    if n == 0 {
        return Interval::NO_TRIALS;
    }
    if a_only == 0 && b_only == 0 {
        return Interval::ZERO;
    }
    let (in_a, in_b) = (both + a_only, both + b_only);
    let (pa, pb) = (ratio(in_a, n), ratio(in_b, n));
    let ([la, ua], [lb, ub]) = (wilson95(in_a, n), wilson95(in_b, n));
    let phi = phi(both, a_only, b_only, neither);
    // How far each proportion may fall below (d) or rise above (u) its estimate.
    let (da, ua) = (pa - la, ua - pa);
    let (db, ub) = (pb - lb, ub - pb);
    let lower = (db * db - 2.0 * phi * db * ua + ua * ua).max(0.0).sqrt();
    let upper = (ub * ub - 2.0 * phi * ub * da + da * da).max(0.0).sqrt();
    // From the discordant counts: one rounding, and exactly opposite when A and B swap.
    let estimate = (b_only as f64 - a_only as f64) / n as f64;
    Interval {
        estimate,
        lo: (estimate - lower).max(-1.0),
        hi: (estimate + upper).min(1.0),
    }
}

/// The correlation of the paired table as Newcombe's method 10 uses it, with its `n/2`
/// adjustment for positive association.
fn phi(both: u64, a_only: u64, b_only: u64, neither: u64) -> f64 {
    let [a, b, c, d] = [both, a_only, b_only, neither].map(|x| x as f64);
    let n = a + b + c + d;
    let margins = (a + b) * (c + d) * (a + c) * (b + d);
    if margins == 0.0 {
        return 0.0;
    }
    let cross = a * d - b * c;
    if cross > n / 2.0 {
        (cross - n / 2.0) / margins.sqrt()
    } else if cross >= 0.0 {
        0.0
    } else {
        cross / margins.sqrt()
    }
}

/// The difference `P(B) - P(A)` of two proportions from independent samples: `k_a` of `n_a`
/// and `k_b` of `n_b`. Newcombe's method 10: each side's Wilson interval, combined as if the
/// two were independent normal errors. Anything from -1 to 1 when a side has no trials.
pub fn independent_difference(k_a: u64, n_a: u64, k_b: u64, n_b: u64) -> Interval {
    let estimate = ratio(k_b, n_b) - ratio(k_a, n_a);
    if n_a == 0 || n_b == 0 {
        return Interval {
            estimate,
            ..Interval::NO_TRIALS
        };
    }
    let (pa, pb) = (ratio(k_a, n_a), ratio(k_b, n_b));
    let ([la, ua], [lb, ub]) = (wilson95(k_a, n_a), wilson95(k_b, n_b));
    let lower = ((pb - lb).powi(2) + (ua - pa).powi(2)).sqrt();
    let upper = ((ub - pb).powi(2) + (pa - la).powi(2)).sqrt();
    Interval {
        estimate,
        lo: (estimate - lower).max(-1.0),
        hi: (estimate + upper).min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rounds to 4 decimals, as the papers print.
    fn printed(i: Interval) -> [f64; 3] {
        [i.estimate, i.lo, i.hi].map(|x| (x * 1e4).round() / 1e4)
    }

    #[test]
    fn phi_follows_the_paper_on_each_branch() {
        // 59, 6, 16, 80: A = 4624 > n/2 = 80.5.
        let m = (65.0 * 96.0 * 75.0 * 86.0_f64).sqrt();
        assert!((phi(59, 6, 16, 80) - (4624.0 - 80.5) / m).abs() < 1e-15);
        // A = 1 * 1 - 0 = 1 <= n/2: no association counted.
        assert_eq!(phi(1, 0, 0, 1), 0.0);
        // Negative association: A = 0 - 12 * 2.
        let m = (48.0 * 2.0 * 38.0 * 12.0_f64).sqrt();
        assert!((phi(36, 12, 2, 0) - (-24.0 / m)).abs() < 1e-15);
        // A margin of 0.
        assert_eq!(phi(0, 0, 5, 5), 0.0);
    }

    #[test]
    fn paired_examples_of_the_paper() {
        // Newcombe (1998, 17:2635), table II, method 10; the paper reports first minus second,
        // we report second minus first, so the interval is mirrored.
        assert_eq!(
            printed(paired_difference(36, 12, 2, 0)),
            [-0.2, -0.3404, -0.0569]
        );
        assert_eq!(
            printed(paired_difference(59, 6, 16, 80)),
            [0.0621, 0.0046, 0.1186]
        );
    }

    #[test]
    fn swapping_the_runs_mirrors_the_paired_interval() {
        for (a, b, c, d) in [
            (59, 6, 16, 80),
            (200, 0, 4, 9796),
            (3, 9, 1, 0),
            (0, 1, 0, 0),
        ] {
            let x = paired_difference(a, b, c, d);
            let y = paired_difference(a, c, b, d);
            assert!((x.estimate + y.estimate).abs() < 1e-15);
            assert!((x.lo + y.hi).abs() < 1e-15 && (x.hi + y.lo).abs() < 1e-15);
        }
    }

    #[test]
    fn agreement_on_every_trial_is_exactly_zero() {
        for (a, d) in [(0, 10), (10, 0), (37, 963), (0, 1)] {
            let i = paired_difference(a, 0, 0, d);
            assert_eq!((i.estimate, i.lo, i.hi), (0.0, 0.0, 0.0));
        }
        assert_eq!(paired_difference(0, 0, 0, 0), Interval::NO_TRIALS);
    }

    #[test]
    fn paired_intervals_stay_within_minus_one_and_one() {
        let all_b = paired_difference(0, 0, 20, 0);
        assert_eq!(all_b.estimate, 1.0);
        assert!(
            all_b.hi <= 1.0 && all_b.lo > 0.5 && all_b.lo < 1.0,
            "{all_b:?}"
        );
        let one = paired_difference(0, 1, 0, 0);
        assert_eq!((one.estimate, one.lo), (-1.0, -1.0));
        // One trial says little: the upper bound reaches past 0.
        assert!(one.hi > 0.0 && one.hi < 1.0, "{one:?}");
    }

    #[test]
    fn independent_examples_of_the_paper() {
        // Newcombe (1998, 17:873), table II, method 10, first minus second: our A is their
        // second sample.
        let cases = [
            ((56, 70), (48, 80), [0.2, 0.0524, 0.3339]),
            ((9, 10), (3, 10), [0.6, 0.1705, 0.8090]),
            ((6, 7), (2, 7), [0.5714, 0.0582, 0.8062]),
            ((5, 56), (0, 29), [0.0893, -0.0381, 0.1926]),
            ((0, 10), (0, 20), [0.0, -0.1611, 0.2775]),
            ((0, 10), (0, 10), [0.0, -0.2775, 0.2775]),
            ((10, 10), (0, 20), [1.0, 0.6791, 1.0]),
            ((10, 10), (0, 10), [1.0, 0.6075, 1.0]),
        ];
        for ((k1, n1), (k2, n2), want) in cases {
            let got = printed(independent_difference(k2, n2, k1, n1));
            assert_eq!(got, want, "{k1}/{n1} - {k2}/{n2}");
        }
    }

    #[test]
    fn independent_with_an_empty_side_is_anything() {
        let i = independent_difference(0, 0, 3, 10);
        assert_eq!((i.estimate, i.lo, i.hi), (0.3, -1.0, 1.0));
    }
}
