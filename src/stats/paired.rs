//! The difference of two proportions measured on the same trials (paired), and the same
//! difference as if the trials had been independent, to show what pairing buys.

use super::interval::Interval;
use super::quantile::Z95;

/// How two runs on the same trials agree about one yes/no result (e.g. "ended in outcome o"),
/// counted trial by trial.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairedCounts {
    /// Trials counted.
    pub trials: u64,
    /// Trials where the result held in A.
    pub a: u64,
    /// Trials where the result held in B.
    pub b: u64,
    /// Trials where it held in A but not in B.
    pub a_only: u64,
    /// Trials where it held in B but not in A.
    pub b_only: u64,
}

impl PairedCounts {
    /// Counts one trial.
    #[inline]
    pub fn add(&mut self, in_a: bool, in_b: bool) {
        self.trials += 1;
        self.a += u64::from(in_a);
        self.b += u64::from(in_b);
        self.a_only += u64::from(in_a && !in_b);
        self.b_only += u64::from(in_b && !in_a);
    }

    pub fn merge(&mut self, other: &PairedCounts) {
        self.trials += other.trials;
        self.a += other.a;
        self.b += other.b;
        self.a_only += other.a_only;
        self.b_only += other.b_only;
    }

    /// P(B) - P(A) with its interval from the paired trials: see [`paired_difference`].
    pub fn difference(&self) -> Interval {
        paired_difference(self.a_only, self.b_only, self.trials)
    }

    /// The same difference as if A and B had run on independent trials: see
    /// [`independent_difference`].
    pub fn independent_difference(&self) -> Interval {
        independent_difference(self.a, self.b, self.trials)
    }
}

/// Which outcome each trial ended in under A and under B, tallied so that every outcome's
/// [`PairedCounts`] can be read back: each trial touches at most two outcomes, whatever their
/// number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutcomePairs {
    trials: u64,
    /// Per outcome: ended there in A, in B, in A only, in B only.
    counts: Vec<[u64; 4]>,
}

impl OutcomePairs {
    /// A tally over `outcomes` outcomes (indices `0..outcomes`).
    pub fn new(outcomes: usize) -> OutcomePairs {
        OutcomePairs {
            trials: 0,
            counts: vec![[0; 4]; outcomes],
        }
    }

    /// One trial that ended in outcome `a` under A and `b` under B.
    #[inline]
    pub fn add(&mut self, a: usize, b: usize) {
        self.trials += 1;
        self.counts[a][0] += 1;
        self.counts[b][1] += 1;
        if a != b {
            self.counts[a][2] += 1;
            self.counts[b][3] += 1;
        }
    }

    pub fn merge(&mut self, other: &OutcomePairs) {
        self.trials += other.trials;
        for (x, y) in self.counts.iter_mut().zip(&other.counts) {
            for (u, v) in x.iter_mut().zip(y) {
                *u += v;
            }
        }
    }

    pub fn trials(&self) -> u64 {
        self.trials
    }

    /// The paired counts of "ended in outcome `o`".
    pub fn outcome(&self, o: usize) -> PairedCounts {
        let [a, b, a_only, b_only] = self.counts[o];
        PairedCounts {
            trials: self.trials,
            a,
            b,
            a_only,
            b_only,
        }
    }
}

/// The difference `P(B) - P(A)` of two proportions measured on the same `n` trials, from the
/// discordant counts: `a_only` trials where the result held in A only, `b_only` in B only.
///
/// Per trial the difference is `D = X_B - X_A` in {-1, 0, 1}; its mean is
/// `(b_only - a_only) / n` and its variance `(b_only + a_only) / n - mean^2`, so the standard
/// error of the mean is `sqrt(var / n)` and the interval is the normal one, clamped to [-1, 1].
/// Trials on which A and B agree add nothing to the variance: with common random numbers most
/// trials agree, which is what makes the interval narrow. When A and B agree on every trial the
/// interval is exactly `[0, 0]`.
pub fn paired_difference(a_only: u64, b_only: u64, n: u64) -> Interval {
    if n == 0 {
        return Interval::NO_TRIALS;
    }
    let nf = n as f64;
    let mean = (b_only as f64 - a_only as f64) / nf;
    let second = (b_only + a_only) as f64 / nf;
    let var = (second - mean * mean).max(0.0);
    normal_interval(mean, (var / nf).sqrt())
}

/// The difference `P(B) - P(A)` as if the `n` trials of A and of B were independent: the
/// Wald interval with standard error `sqrt(pA (1 - pA) / n + pB (1 - pB) / n)`.
pub fn independent_difference(a: u64, b: u64, n: u64) -> Interval {
    if n == 0 {
        return Interval::NO_TRIALS;
    }
    let nf = n as f64;
    let (pa, pb) = (a as f64 / nf, b as f64 / nf);
    let se = (pa * (1.0 - pa) / nf + pb * (1.0 - pb) / nf).sqrt();
    normal_interval(pb - pa, se)
}

fn normal_interval(mean: f64, se: f64) -> Interval {
    if se == 0.0 {
        return Interval {
            estimate: mean,
            lo: mean,
            hi: mean,
        };
    }
    Interval {
        estimate: mean,
        lo: (mean - Z95 * se).max(-1.0),
        hi: (mean + Z95 * se).min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn identical_runs_give_a_zero_width_interval() {
        let mut c = PairedCounts::default();
        for k in 0..1000 {
            let x = k % 3 == 0;
            c.add(x, x);
        }
        let d = c.difference();
        assert_eq!((d.estimate, d.lo, d.hi), (0.0, 0.0, 0.0));
        // The independent interval is not degenerate: pairing is what makes it exact.
        let i = c.independent_difference();
        assert!(i.hi > 0.03 && i.lo < -0.03, "{i:?}");
    }

    #[test]
    fn paired_difference_matches_the_hand_formula() {
        // 1000 trials, A only in 30, B only in 70: mean 0.04, E[D^2] = 0.1.
        let d = paired_difference(30, 70, 1000);
        let se = ((0.1 - 0.04 * 0.04) / 1000.0_f64).sqrt();
        assert!(close(d.estimate, 0.04, 1e-15));
        assert!(close(d.lo, 0.04 - Z95 * se, 1e-15), "{d:?}");
        assert!(close(d.hi, 0.04 + Z95 * se, 1e-15), "{d:?}");
    }

    #[test]
    fn paired_difference_is_the_per_trial_mean_and_its_standard_error() {
        // Check against a direct computation over the per-trial differences.
        let pairs: Vec<(bool, bool)> = (0..5000u32)
            .map(|k| {
                let h = k.wrapping_mul(2_654_435_761) >> 7;
                (h % 5 == 0, h % 7 < 2)
            })
            .collect();
        let mut c = PairedCounts::default();
        for &(a, b) in &pairs {
            c.add(a, b);
        }
        let d: Vec<f64> = pairs
            .iter()
            .map(|&(a, b)| f64::from(u8::from(b)) - f64::from(u8::from(a)))
            .collect();
        let n = d.len() as f64;
        let mean = d.iter().sum::<f64>() / n;
        let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        let got = c.difference();
        assert!(close(got.estimate, mean, 1e-12));
        assert!(close(got.hi - got.estimate, Z95 * (var / n).sqrt(), 1e-12));
        let p = c.b as f64 / n - c.a as f64 / n;
        assert!(close(got.estimate, p, 1e-12));
    }

    #[test]
    fn every_trial_discordant_in_one_direction_has_zero_variance() {
        let d = paired_difference(0, 50, 50);
        assert_eq!((d.estimate, d.lo, d.hi), (1.0, 1.0, 1.0));
    }

    #[test]
    fn intervals_stay_within_minus_one_and_one() {
        let d = paired_difference(0, 9, 10);
        assert!(d.hi <= 1.0 && d.lo >= -1.0, "{d:?}");
        let i = independent_difference(0, 10, 10);
        assert_eq!((i.lo, i.hi), (1.0, 1.0));
        let empty = paired_difference(0, 0, 0);
        assert_eq!((empty.lo, empty.hi), (-1.0, 1.0));
    }

    #[test]
    fn independent_difference_matches_the_wald_formula() {
        let i = independent_difference(100, 150, 1000);
        let se = (0.1 * 0.9 / 1000.0 + 0.15 * 0.85 / 1000.0_f64).sqrt();
        assert!(close(i.estimate, 0.05, 1e-15));
        assert!(close(i.hi, 0.05 + Z95 * se, 1e-15));
    }

    #[test]
    fn outcome_pairs_match_per_outcome_counts() {
        let trials: Vec<(usize, usize)> = (0..3000u32)
            .map(|k| {
                let h = k.wrapping_mul(2_654_435_761) >> 5;
                ((h % 3) as usize, ((h / 3) % 3) as usize)
            })
            .collect();
        let mut pairs = OutcomePairs::new(3);
        let mut split = OutcomePairs::new(3);
        let mut tail = OutcomePairs::new(3);
        for (i, &(a, b)) in trials.iter().enumerate() {
            pairs.add(a, b);
            if i < 1000 {
                split.add(a, b)
            } else {
                tail.add(a, b)
            }
        }
        split.merge(&tail);
        assert_eq!(pairs, split);
        for o in 0..3 {
            let mut direct = PairedCounts::default();
            for &(a, b) in &trials {
                direct.add(a == o, b == o);
            }
            assert_eq!(pairs.outcome(o), direct, "outcome {o}");
        }
    }
}
