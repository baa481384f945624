//! The swing each input gives an outcome: its low and its high version run on the same trials
//! (common random numbers), so the swing gets a paired interval from the trials on which they
//! end differently.

use crate::stats::{Interval, OutcomePairs, PairedCounts};

/// What one input does to one outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct InputEffect {
    /// Index into the analysis's inputs.
    pub input: usize,
    /// The outcome's probability at the input's low and high value.
    pub probability: [f64; 2],
    /// Trial by trial: "ended in the outcome" at low (A) and at high (B).
    pub counts: PairedCounts,
}

impl InputEffect {
    /// `|P(high) - P(low)|`.
    pub fn swing(&self) -> f64 {
        self.counts.difference().estimate.abs()
    }

    /// The paired 95% interval of `P(high) - P(low)`, turned around when the difference is
    /// negative so that it is the interval of the swing's own sign.
    pub fn interval(&self) -> Interval {
        let d = self.counts.difference();
        if d.estimate < 0.0 {
            Interval {
                estimate: -d.estimate,
                lo: -d.hi,
                hi: -d.lo,
            }
        } else {
            d
        }
    }
}

/// Every input's effect on outcome `o`, largest swing first (equal swings keep input order).
/// `pairs[j]` is input `inputs[j]`'s low against its high.
pub fn ranked(pairs: &[OutcomePairs], inputs: &[usize], o: usize) -> Vec<InputEffect> {
    let mut effects: Vec<InputEffect> = pairs
        .iter()
        .zip(inputs)
        .map(|(p, &i)| {
            let counts = p.outcome(o);
            let ratio = |k: u64| crate::stats::ratio(k, counts.trials);
            InputEffect {
                input: i,
                probability: [ratio(counts.a), ratio(counts.b)],
                counts,
            }
        })
        .collect();
    effects.sort_by(|a, b| b.swing().total_cmp(&a.swing()).then(a.input.cmp(&b.input)));
    effects
}
