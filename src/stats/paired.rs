//! Counting how two runs on the same trials agree, trial by trial: the paired table of one
//! yes/no result, and of every outcome at once.

use super::interval::Interval;
use super::newcombe;

/// How two runs on the same trials agree about one yes/no result (e.g. "ended in outcome o"),
/// counted trial by trial.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

    /// Trials where the result held in both runs.
    pub fn both(&self) -> u64 {
        self.a.saturating_sub(self.a_only)
    }

    /// Trials where the result held in neither run.
    pub fn neither(&self) -> u64 {
        self.trials.saturating_sub(self.a + self.b_only)
    }

    /// P(B) - P(A) with its interval from the paired trials: see
    /// [`newcombe::paired_difference`].
    pub fn difference(&self) -> Interval {
        newcombe::paired_difference(self.both(), self.a_only, self.b_only, self.neither())
    }

    /// The same difference as if A and B had run on independent trials: see
    /// [`newcombe::independent_difference`]. Wider than [`PairedCounts::difference`] when the
    /// runs share their random draws; the gap is what pairing buys.
    pub fn independent_difference(&self) -> Interval {
        newcombe::independent_difference(self.a, self.trials, self.b, self.trials)
    }
}

/// Which outcome each trial ended in under A and under B, tallied so that every outcome's
/// [`PairedCounts`] can be read back: each trial touches at most two outcomes, whatever their
/// number.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

    /// The number of outcomes tallied.
    pub fn outcomes(&self) -> usize {
        self.counts.len()
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_paired_table_is_read_back_from_the_counts() {
        let mut c = PairedCounts::default();
        let cells = [
            (true, true, 59),
            (true, false, 6),
            (false, true, 16),
            (false, false, 80),
        ];
        for (in_a, in_b, times) in cells {
            for _ in 0..times {
                c.add(in_a, in_b);
            }
        }
        assert_eq!((c.both(), c.a_only, c.b_only, c.neither()), (59, 6, 16, 80));
        assert_eq!(c.difference(), newcombe::paired_difference(59, 6, 16, 80));
        assert_eq!(
            c.independent_difference(),
            newcombe::independent_difference(65, 161, 75, 161)
        );
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
