//! The difference of two means: the paired t interval when both were measured on the same
//! trials, Welch's interval when they come from different trials.
//!
//! Paired, each trial gives one difference `d = x_B - x_A`; the interval is the one-sample t
//! interval of their mean, with `n - 1` degrees of freedom. Unpaired (a condition kept other
//! trials on each side), each side's mean and variance combine with Welch's degrees of freedom.
//! Only three sums per tally are needed, so a tally stays the same size whatever the number of
//! trials.

use super::interval::Interval;
use super::student_t::student_t_quantile;

/// The sums of per-trial differences that the paired t interval needs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PairedSums {
    /// Trials counted.
    pub n: u64,
    /// Sum of `d = x_B - x_A`.
    pub sum: f64,
    /// Sum of `d^2`.
    pub sum_sq: f64,
}

impl PairedSums {
    /// Counts one trial where the value was `a` in A and `b` in B.
    #[inline]
    pub fn add(&mut self, a: f64, b: f64) {
        let d = b - a;
        self.n += 1;
        self.sum += d;
        self.sum_sq += d * d;
    }

    pub fn merge(&mut self, other: &PairedSums) {
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
    }

    /// The mean difference and its 95% interval: see [`paired_mean_difference`].
    pub fn difference(&self) -> Option<Interval> {
        paired_mean_difference(self.n, self.sum, self.sum_sq)
    }
}

/// The mean of `n` paired differences and its 95% paired t interval, from the sum of the
/// differences and the sum of their squares. `None` with fewer than two trials (no spread to
/// measure). When every difference is the same (two identical runs: all 0) the interval is
/// that single value.
pub fn paired_mean_difference(n: u64, sum: f64, sum_sq: f64) -> Option<Interval> {
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let mean = sum / nf;
    // The sample variance; rounding can leave a tiny negative where the true value is 0.
    let var = ((sum_sq - sum * mean) / (nf - 1.0)).max(0.0);
    let half = student_t_quantile(0.975, nf - 1.0) * (var / nf).sqrt();
    Some(Interval {
        estimate: mean,
        lo: mean - half,
        hi: mean + half,
    })
}

/// The sums one sample's mean and variance need.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Moments {
    pub n: u64,
    pub sum: f64,
    pub sum_sq: f64,
}

impl Moments {
    #[inline]
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    pub fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
    }

    /// The mean and the sample variance (`n - 1` in the denominator); `None` below 2 values.
    fn mean_and_variance(&self) -> Option<(f64, f64)> {
        if self.n < 2 {
            return None;
        }
        let nf = self.n as f64;
        let mean = self.sum / nf;
        Some((
            mean,
            ((self.sum_sq - self.sum * mean) / (nf - 1.0)).max(0.0),
        ))
    }
}

/// `mean(B) - mean(A)` of two independent samples and its 95% Welch interval (t quantile with
/// the Welch-Satterthwaite degrees of freedom). `None` when a side has fewer than two values.
/// When both sides have no spread the interval is the difference itself.
pub fn independent_mean_difference(a: &Moments, b: &Moments) -> Option<Interval> {
    let (ma, va) = a.mean_and_variance()?;
    let (mb, vb) = b.mean_and_variance()?;
    let (sa, sb) = (va / a.n as f64, vb / b.n as f64);
    let se2 = sa + sb;
    let d = mb - ma;
    if se2 == 0.0 {
        return Some(Interval {
            estimate: d,
            lo: d,
            hi: d,
        });
    }
    let df = se2 * se2 / (sa * sa / (a.n as f64 - 1.0) + sb * sb / (b.n as f64 - 1.0));
    let half = student_t_quantile(0.975, df) * se2.sqrt();
    Some(Interval {
        estimate: d,
        lo: d - half,
        hi: d + half,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn students_sleep_data() {
        // Cushny and Peebles' sleep data, as Student (1908) analysed it: extra hours of sleep
        // under two drugs in the same 10 patients. R's t.test(paired = TRUE) gives the mean
        // difference 1.58 with 95% interval [0.7001142, 2.4598858].
        let first = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        let second = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
        let mut s = PairedSums::default();
        for (a, b) in first.iter().zip(&second) {
            s.add(*a, *b);
        }
        let i = s.difference().unwrap();
        assert!((i.estimate - 1.58).abs() < 1e-12, "{i:?}");
        assert!((i.lo - 0.700_114_2).abs() < 5e-8, "{i:?}");
        assert!((i.hi - 2.459_885_8).abs() < 5e-8, "{i:?}");
    }

    #[test]
    fn identical_runs_differ_by_exactly_zero() {
        let mut s = PairedSums::default();
        for k in 0..100 {
            let v = f64::from(k) * 0.37;
            s.add(v, v);
        }
        assert_eq!(s.difference(), Some(Interval::ZERO));
    }

    #[test]
    fn merging_adds_the_sums_and_one_trial_has_no_interval() {
        let (mut x, mut y) = (PairedSums::default(), PairedSums::default());
        x.add(1.0, 3.0);
        assert_eq!(x.difference(), None);
        y.add(2.0, 2.5);
        x.merge(&y);
        assert_eq!((x.n, x.sum, x.sum_sq), (2, 2.5, 4.25));
        // Two differences, 2 and 0.5: mean 1.25, s = 1.0607, t(1) = 12.706.
        let i = x.difference().unwrap();
        let half = 12.706_204_736_174_705 * (1.125_f64 / 2.0).sqrt();
        assert!((i.hi - 1.25 - half).abs() < 1e-12, "{i:?}");
        assert_eq!(paired_mean_difference(0, 0.0, 0.0), None);
    }

    #[test]
    fn welch_on_the_sleep_data_as_two_samples() {
        // The same data read as two independent groups: R's t.test(second, first) (Welch)
        // gives the difference 1.58 with 95% interval [-0.2054832, 3.3654832], df 17.776.
        let first = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        let second = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
        let (mut a, mut b) = (Moments::default(), Moments::default());
        first.iter().for_each(|&x| a.add(x));
        second.iter().for_each(|&x| b.add(x));
        let i = independent_mean_difference(&a, &b).unwrap();
        assert!((i.estimate - 1.58).abs() < 1e-12, "{i:?}");
        assert!((i.lo + 0.205_483_2).abs() < 5e-7, "{i:?}");
        assert!((i.hi - 3.365_483_2).abs() < 5e-7, "{i:?}");
        let mut one = Moments::default();
        one.add(1.0);
        assert_eq!(independent_mean_difference(&one, &b), None);
    }
}
