//! Running every input at its low and its high value on the same trials, and the swing each
//! gives an outcome.
//!
//! Inputs go in batches, like the event variants: one pass over the trials runs the low and the
//! high version of each input in the batch. Every version of trial `k` uses the same key, so
//! the two differ only through the input (common random numbers), and the swing gets a paired
//! interval from the trials on which they end differently.

use indicatif::ProgressBar;

use super::inputs::Input;
use crate::analysis::paired::{Versions, tick};
use crate::engine::{Sampling, Simulator, fold_trials};
use crate::model::Model;
use crate::stats::{Interval, OutcomePairs, PairedCounts};

/// Inputs per pass over the trials.
pub const BATCH: usize = 8;

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

/// The paired table of every input's low against its high version, per input.
pub fn input_pairs(
    model: &Model,
    inputs: &[Input],
    cfg: &Sampling,
    bar: Option<&ProgressBar>,
) -> Vec<OutcomePairs> {
    let n = cfg.trials;
    let n_out = model.outcomes.len();
    let mut out = Vec::with_capacity(inputs.len());
    for batch in inputs.chunks(BATCH) {
        let models: Vec<Model> = batch
            .iter()
            .flat_map(|i| [i.model_at(model, i.low), i.model_at(model, i.high)])
            .collect();
        let sims: Vec<Simulator> = models.iter().map(|m| Simulator::new(m, &[])).collect();
        let acc = fold_trials(
            n,
            cfg.threads,
            || {
                (
                    Versions::new(&sims, cfg.seed),
                    vec![OutcomePairs::new(n_out); batch.len()],
                )
            },
            |(versions, pairs), k| {
                let ends = versions.run(k);
                for (p, two) in pairs.iter_mut().zip(ends.chunks(2)) {
                    p.add(two[0].outcome, two[1].outcome);
                }
                tick(bar, k, n);
            },
            |x, y| {
                for (a, b) in x.1.iter_mut().zip(&y.1) {
                    a.merge(b);
                }
            },
        );
        out.extend(acc.1);
    }
    out
}

/// Every input's effect on outcome `o`, largest swing first (equal swings keep input order).
pub fn ranked(pairs: &[OutcomePairs], o: usize) -> Vec<InputEffect> {
    let mut effects: Vec<InputEffect> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
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
