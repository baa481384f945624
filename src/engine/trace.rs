//! `trace`: the story of one trial, recorded by an observer on the very code that `run` uses.

use serde::Serialize;

use super::config::ProbAdjust;
use super::observer::{NoObserver, Observer};
use super::rng::trial_key;
use super::scratch::TrialEnd;
use super::simulator::Simulator;
use crate::expr::Program;
use crate::model::Model;

/// A change an effect made.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Flag { flag: usize, value: bool },
    Variable { variable: usize, old: f64, new: f64 },
}

/// One firing and what it changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Firing {
    pub event: usize,
    pub branch: Option<usize>,
    pub changes: Vec<Change>,
}

/// The firings of one step, in file order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceStep {
    pub step: u32,
    pub firings: Vec<Firing>,
}

/// The story of trial `trial` of a run with seed `seed`.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub seed: u64,
    pub trial: u64,
    /// Distribution-valued probabilities as drawn for this trial: `(event, value)`.
    pub drawn: Vec<(usize, f64)>,
    /// Only the steps in which something fired.
    pub steps: Vec<TraceStep>,
    pub end: TrialEnd,
    pub flags: Vec<bool>,
    pub vars: Vec<f64>,
    /// Whether the `given` condition (if one was asked about) holds at the end.
    pub given: Option<bool>,
}

#[derive(Default)]
struct Recorder {
    drawn: Vec<(usize, f64)>,
    steps: Vec<TraceStep>,
}

impl Recorder {
    fn change(&mut self, c: Change) {
        let firing = self
            .steps
            .last_mut()
            .and_then(|s| s.firings.last_mut())
            .expect("changes follow a firing");
        firing.changes.push(c);
    }
}

impl Observer for Recorder {
    fn probability_drawn(&mut self, event: usize, value: f64) {
        self.drawn.push((event, value));
    }

    fn fired(&mut self, step: u32, event: usize, branch: Option<usize>) {
        if self.steps.last().is_none_or(|s| s.step != step) {
            self.steps.push(TraceStep {
                step,
                firings: Vec::new(),
            });
        }
        let last = self.steps.last_mut().expect("pushed above");
        last.firings.push(Firing {
            event,
            branch,
            changes: Vec::new(),
        });
    }

    fn flag_changed(&mut self, _step: u32, flag: usize, value: bool) {
        self.change(Change::Flag { flag, value });
    }

    fn variable_changed(&mut self, _step: u32, variable: usize, old: f64, new: f64) {
        self.change(Change::Variable { variable, old, new });
    }
}

/// Trial `trial` of a run of `model` with `seed`: the same story that trial tells in `run`.
pub fn trace(model: &Model, seed: u64, trial: u64) -> Trace {
    trace_with(model, seed, trial, &[], None)
}

/// The first trial `k` in `from..until` whose end satisfies `given` and is `outcome` (each only
/// when asked), run without recording, so that a search over many trials costs what `run` does.
pub fn find_trial(
    model: &Model,
    seed: u64,
    (from, until): (u64, u64),
    given: Option<&Program>,
    outcome: Option<usize>,
) -> Option<u64> {
    let sim = Simulator::new(model, &[]);
    let mut s = sim.scratch();
    (from..until).find(|&k| {
        let end = sim.simulate(trial_key(seed, k), &mut s, &mut NoObserver);
        sim.keeps(given, &mut s) && outcome.is_none_or(|o| end.outcome == o)
    })
}

/// [`trace`] with probability adjustments, and a `given` condition to judge at the end.
pub fn trace_with(
    model: &Model,
    seed: u64,
    trial: u64,
    adjust: &[(usize, ProbAdjust)],
    given: Option<&Program>,
) -> Trace {
    let sim = Simulator::new(model, adjust);
    let mut s = sim.scratch();
    let mut rec = Recorder::default();
    let mut end = sim.simulate(trial_key(seed, trial), &mut s, &mut rec);
    let kept = (given.is_some() || model.given.is_some()).then(|| sim.keeps(given, &mut s));
    if s.rejected {
        // A trial rejected at its `observed` step stopped there: tell its whole story (the
        // condition draws nothing, so without it the trial is the same).
        let whole = Model {
            given: None,
            ..model.clone()
        };
        let sim = Simulator::new(&whole, adjust);
        let mut t = sim.scratch();
        rec = Recorder::default();
        end = sim.simulate(trial_key(seed, trial), &mut t, &mut rec);
        s = t;
    }
    Trace {
        seed,
        trial,
        drawn: rec.drawn,
        steps: rec.steps,
        end,
        flags: s.flags().to_vec(),
        vars: s.vars().to_vec(),
        given: kept,
    }
}
