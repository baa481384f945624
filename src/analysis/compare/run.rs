//! Running A and B on the same trials: both run reports, and what compare counts jointly
//! (outcomes, events, variables), in chunks merged in chunk order so that any thread count
//! gives the same result.

use super::Comparison;
use super::pair::{PairRun, PairTally};
use crate::analysis::precision::{NONE_KEPT_STOP, Precision};
use crate::engine::{Sampling, fold_trials_until, progress_bar};
use crate::expr::Program;
use crate::model::Model;
use crate::report::PrecisionInfo;

/// The differences a precision run aims at: indices into a pair's matched outcomes and events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Targets {
    pub outcomes: Vec<usize>,
    pub events: Vec<usize>,
}

impl Targets {
    /// Every outcome's difference, or those of the outcomes and events `of` names; an id in
    /// neither scenario is an error.
    pub fn new(run: &PairRun, of: &[String]) -> Result<Targets, String> {
        let position = |list: &[(String, Option<usize>, Option<usize>)], id: &str| {
            list.iter().position(|(x, _, _)| x == id)
        };
        let mut t = Targets::default();
        if of.is_empty() {
            t.outcomes = (0..run.outcomes.ids.len()).collect();
        }
        for id in of {
            match (
                position(&run.outcomes.ids, id),
                position(&run.events.ids, id),
            ) {
                (Some(u), _) => t.outcomes.push(u),
                (None, Some(u)) => t.events.push(u),
                (None, None) => {
                    return Err(format!(
                        "--precision-of `{id}`: no outcome or event has this id in A or B"
                    ));
                }
            }
        }
        Ok(t)
    }

    /// The ids aimed at, outcomes first.
    pub fn ids(&self, run: &PairRun) -> Vec<String> {
        (self.outcomes.iter().map(|&u| run.outcomes.ids[u].0.clone()))
            .chain(self.events.iter().map(|&u| run.events.ids[u].0.clone()))
            .collect()
    }

    /// The largest 95% half-width among the targets' differences over the trials in `acc`
    /// (paired, or unpaired under a `given`, as the report shows them).
    pub fn widest(&self, run: &PairRun, acc: &PairTally) -> f64 {
        let (outcomes, events) = run.differences(acc);
        let half = |d: &super::Difference| {
            let i = d.difference();
            (i.hi - i.lo) / 2.0
        };
        (self.outcomes.iter().map(|&u| half(&outcomes[u])))
            .chain(self.events.iter().map(|&u| half(&events[u])))
            .fold(0.0, f64::max)
    }
}

/// Runs `a` and `b` on the same trials.
pub fn compare(a: &Model, b: &Model, cfg: &Sampling) -> Comparison {
    compare_given(a, b, cfg, [None, None])
}

/// Runs `a` and `b` on the same trials, whole chunks in chunk order, until every target's
/// difference (every outcome's, or the outcomes' and events' named in `p.of`) has a 95%
/// half-width of at most `p.target`, at most `cfg.trials` trials. With a `given` (in `given`
/// or in either file) the differences are unpaired, and so are the half-widths aimed at. An id
/// in neither scenario is an error.
pub fn compare_to_precision(
    a: &Model,
    b: &Model,
    cfg: &Sampling,
    given: [Option<&Program>; 2],
    p: &Precision,
) -> Result<(Comparison, PrecisionInfo), String> {
    let run = PairRun::new(a, b, (cfg.trials, cfg.seed), given);
    let targets = Targets::new(&run, &p.of)?;
    let acc = fold(&run, cfg, |acc| {
        targets.widest(&run, acc) <= p.target || acc.starved(NONE_KEPT_STOP)
    });
    let info = PrecisionInfo {
        target: p.target,
        of: targets.ids(&run),
        cap_hit: targets.widest(&run, &acc) > p.target,
    };
    Ok((run.finish(acc), info))
}

/// Runs `a` and `b` on the same trials, each keeping only the trials that satisfy its `given`
/// condition (compiled against its own model), if any. With a condition on either side the
/// differences are unpaired.
pub fn compare_given(
    a: &Model,
    b: &Model,
    cfg: &Sampling,
    given: [Option<&Program>; 2],
) -> Comparison {
    let run = PairRun::new(a, b, (cfg.trials, cfg.seed), given);
    let acc = fold(&run, cfg, |_| false);
    run.finish(acc)
}

/// The chunks of `cfg.trials` in chunk order, stopping at the first boundary where `done`
/// holds.
fn fold<'r, 'a>(
    run: &'r PairRun<'a>,
    cfg: &Sampling,
    done: impl FnMut(&PairTally<'r, 'a>) -> bool,
) -> PairTally<'r, 'a> {
    let bar = cfg.progress.then(|| progress_bar(cfg.trials));
    let acc = fold_trials_until(
        cfg.trials,
        cfg.threads,
        || run.tally(),
        |acc, k| run.trial(acc, k, bar.as_ref()),
        |x, y| x.absorb(y),
        done,
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    acc
}
