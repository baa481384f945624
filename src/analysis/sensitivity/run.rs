//! Running the baseline and every event's four variants on the same trials, then every input at
//! its low and high value (see [`super::swing`]).
//!
//! Events are handled in batches: one pass over the trials runs the baseline and the four
//! variants of each event in the batch, so only a few simulators exist at a time and the
//! baseline is re-simulated once per batch rather than kept per trial. Every version of trial
//! `k` uses the same key, so the variants differ from the baseline only through the changed
//! probability (common random numbers), and each difference gets a paired interval.

use super::inputs::{Input, inputs};
use super::swing::{self, InputEffect};
use super::tornado::{self, EventEffect, Variant};
use crate::analysis::paired::{Versions, tick};
use crate::engine::{ProbAdjust, Sampling, Simulator, fold_trials, progress_bar};
use crate::model::{Dist, Model};
use crate::stats::{self, OutcomePairs};

/// Events per pass over the trials.
const BATCH: usize = 8;

/// Trials kept for rank correlations: the drawn values and outcomes of at most this many
/// trials (the first ones) are held in memory.
pub const MAX_RANKED: u64 = 10_000_000;

/// The tornado of one outcome.
#[derive(Clone, Debug)]
pub struct OutcomeSensitivity {
    /// Index into `Model::outcomes`.
    pub outcome: usize,
    /// Baseline trials that ended in this outcome.
    pub count: u64,
    /// Every event's effect, largest swing first.
    pub effects: Vec<EventEffect>,
    /// Every input's effect, largest swing `|P(high) - P(low)|` first.
    pub inputs: Vec<InputEffect>,
}

/// A sensitivity analysis of some outcomes.
#[derive(Clone, Debug)]
pub struct Sensitivity {
    pub trials: u64,
    /// Trials whose drawn values entered the rank correlations (`min(trials, MAX_RANKED)`).
    pub ranked_trials: u64,
    /// The inputs, in file order ([`InputEffect::input`] indexes this).
    pub inputs: Vec<Input>,
    pub outcomes: Vec<OutcomeSensitivity>,
}

impl Variant {
    /// The engine's adjustment for this variant.
    pub fn adjust(self) -> ProbAdjust {
        match self {
            Variant::Halved => ProbAdjust::Scale(0.5),
            Variant::Doubled => ProbAdjust::Scale(2.0),
            Variant::Forced => ProbAdjust::Fixed(1.0),
            Variant::Removed => ProbAdjust::Fixed(0.0),
        }
    }
}

/// Whether doubling can exceed 1 for some value of the probability.
fn doubling_caps(p: &Dist) -> bool {
    // The largest value it can take: a beta reaches 1.
    p.highest_probability() > 0.5
}

/// One pass's per-chunk work.
struct BatchTally<'a, 'm> {
    versions: Versions<'a, 'm>,
    /// Per (event in batch, variant): baseline outcome beside variant outcome.
    pairs: Vec<OutcomePairs>,
    /// Per distribution-valued event in the batch: the drawn value in each ranked trial.
    drawn: Vec<Vec<f64>>,
    /// The baseline outcome of each ranked trial (kept only when the batch draws).
    base: Vec<u32>,
}

/// Runs the analysis for `outcomes` (indices into `model.outcomes`).
pub fn sensitivity(model: &Model, outcomes: &[usize], cfg: &Sampling) -> Sensitivity {
    let n = cfg.trials;
    let ranked = n.min(MAX_RANKED);
    let n_out = model.outcomes.len();
    let events: Vec<usize> = (0..model.events.len()).collect();
    let inputs = inputs(model);
    let passes = events.len().div_ceil(BATCH) + inputs.len().div_ceil(swing::BATCH);
    let bar = cfg.progress.then(|| progress_bar(n * passes as u64));
    // Per event: the four variants' pairs, and the rank correlation per outcome.
    let mut pairs: Vec<Vec<OutcomePairs>> = Vec::with_capacity(events.len());
    let mut correlations: Vec<Option<Vec<Option<f64>>>> = Vec::with_capacity(events.len());
    for batch in events.chunks(BATCH) {
        let mut sims = vec![Simulator::new(model, &[])];
        for &e in batch {
            for v in Variant::ALL {
                sims.push(Simulator::new(model, &[(e, v.adjust())]));
            }
        }
        let drawn_events: Vec<usize> = batch
            .iter()
            .copied()
            .filter(|&e| model.events[e].probability.as_const().is_none())
            .collect();
        let keep_ranks = !drawn_events.is_empty();
        let acc = fold_trials(
            n,
            cfg.threads,
            || BatchTally {
                versions: Versions::new(&sims, cfg.seed),
                pairs: vec![OutcomePairs::new(n_out); batch.len() * 4],
                drawn: vec![Vec::new(); drawn_events.len()],
                base: Vec::new(),
            },
            |acc, k| {
                let ends = acc.versions.run(k);
                let base = ends[0].outcome;
                for (p, end) in acc.pairs.iter_mut().zip(&ends[1..]) {
                    p.add(base, end.outcome);
                }
                if keep_ranks && k < ranked {
                    let s = acc.versions.scratch(0);
                    for (values, &e) in acc.drawn.iter_mut().zip(&drawn_events) {
                        values.push(s.drawn_probability(e).unwrap_or(f64::NAN));
                    }
                    acc.base.push(base as u32);
                }
                tick(bar.as_ref(), k, n);
            },
            |x, y| {
                for (a, b) in x.pairs.iter_mut().zip(&y.pairs) {
                    a.merge(b);
                }
                for (a, b) in x.drawn.iter_mut().zip(y.drawn) {
                    a.extend(b);
                }
                x.base.extend(y.base);
            },
        );
        let mut drawn = acc.drawn.into_iter();
        for (i, &e) in batch.iter().enumerate() {
            pairs.push(acc.pairs[i * 4..i * 4 + 4].to_vec());
            let corr = if drawn_events.contains(&e) {
                let values = drawn.next().unwrap_or_default();
                let ranks = stats::average_ranks(&values);
                let per_outcome = (0..n_out)
                    .map(|o| {
                        if outcomes.contains(&o) {
                            stats::spearman_indicator(&ranks, |t| acc.base[t] as usize == o)
                        } else {
                            None
                        }
                    })
                    .collect();
                Some(per_outcome)
            } else {
                None
            };
            correlations.push(corr);
        }
    }
    let input_pairs = swing::input_pairs(model, &inputs, cfg, bar.as_ref());
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    let per_outcome = outcomes
        .iter()
        .map(|&o| {
            let mut effects: Vec<EventEffect> = events
                .iter()
                .map(|&e| {
                    let counts = pairs[e].iter().map(|p| p.outcome(o)).collect::<Vec<_>>();
                    EventEffect {
                        event: e,
                        probability: std::array::from_fn(|v| {
                            stats::ratio(counts[v].b, counts[v].trials)
                        }),
                        difference: std::array::from_fn(|v| counts[v].difference()),
                        doubled_capped: doubling_caps(&model.events[e].probability),
                        rank_correlation: correlations[e].as_ref().and_then(|c| c[o]),
                    }
                })
                .collect();
            tornado::order(&mut effects);
            let count = pairs
                .first()
                .and_then(|p| p.first())
                .map_or(0, |p| p.outcome(o).a);
            OutcomeSensitivity {
                outcome: o,
                count: if events.is_empty() {
                    baseline_count(model, o, cfg)
                } else {
                    count
                },
                effects,
                inputs: swing::ranked(&input_pairs, o),
            }
        })
        .collect();
    Sensitivity {
        trials: n,
        ranked_trials: ranked,
        inputs,
        outcomes: per_outcome,
    }
}

/// The baseline count of outcome `o` when there is no event to take it from.
fn baseline_count(model: &Model, o: usize, cfg: &Sampling) -> u64 {
    let sims = [Simulator::new(model, &[])];
    fold_trials(
        cfg.trials,
        cfg.threads,
        || (Versions::new(&sims, cfg.seed), 0u64),
        |(v, c), k| *c += u64::from(v.run(k)[0].outcome == o),
        |x, y| x.1 += y.1,
    )
    .1
}
