//! The tallies of a run: what every report is built from.
//!
//! A [`ChunkTally`] counts the trials of one chunk in the worker that ran them; the run merges
//! chunk tallies into one [`RunResult`] in chunk order. Everything is a count, a histogram over
//! steps or a bounded summary, so memory does not grow with the number of trials.

use super::paths::PathTally;
use super::simulator::{Scratch, Simulator, TrialEnd};
use super::step_counts::StepCounts;
use super::values::{ValueBatch, ValueSummary};
use crate::model::Model;

/// One outcome's tally.
#[derive(Clone, Debug)]
pub struct OutcomeTally {
    /// Trials (kept by `given`) that ended in this outcome.
    pub count: u64,
    /// The step at which they ended.
    pub steps: StepCounts,
}

/// One event's tally.
#[derive(Clone, Debug)]
pub struct EventTally {
    /// Trials in which the event fired at least once.
    pub fired: u64,
    /// Firings over all trials.
    pub times: u64,
    /// The step of the first firing, over the trials in which it fired.
    pub first_step: StepCounts,
    /// Firings by branch (empty without branches).
    pub branches: Vec<u64>,
}

/// The aggregated result of a run.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// Trials simulated.
    pub trials: u64,
    /// Trials counted: those that satisfied `given` (all of them without it). Every other count
    /// is over these.
    pub kept: u64,
    pub outcomes: Vec<OutcomeTally>,
    pub events: Vec<EventTally>,
    /// Per actor: trials in which at least one of its events fired.
    pub actors: Vec<u64>,
    /// Per variable: its value at the end of the trial.
    pub variables: Vec<ValueSummary>,
    pub paths: PathTally,
}

impl RunResult {
    /// An empty result for `model`.
    pub fn new(model: &Model) -> RunResult {
        let h = model.horizon;
        RunResult {
            trials: 0,
            kept: 0,
            outcomes: model
                .outcomes
                .iter()
                .map(|_| OutcomeTally {
                    count: 0,
                    steps: StepCounts::new(h),
                })
                .collect(),
            events: model
                .events
                .iter()
                .map(|e| EventTally {
                    fired: 0,
                    times: 0,
                    first_step: StepCounts::new(h),
                    branches: vec![0; e.branches.len()],
                })
                .collect(),
            actors: vec![0; model.actors.len()],
            variables: vec![ValueSummary::default(); model.variables.len()],
            paths: PathTally::new(model.outcomes.len()),
        }
    }

    /// Adds a chunk's tally (chunks must be merged in trial order for reproducible summaries).
    pub fn merge(&mut self, chunk: &ChunkTally) {
        let c = &chunk.counts;
        self.trials += c.trials;
        self.kept += c.kept;
        for (a, b) in self.outcomes.iter_mut().zip(&c.outcomes) {
            a.count += b.count;
            a.steps.merge(&b.steps);
        }
        for (a, b) in self.events.iter_mut().zip(&c.events) {
            a.fired += b.fired;
            a.times += b.times;
            a.first_step.merge(&b.first_step);
            for (x, y) in a.branches.iter_mut().zip(&b.branches) {
                *x += y;
            }
        }
        for (a, b) in self.actors.iter_mut().zip(&c.actors) {
            *a += b;
        }
        for (a, b) in self.variables.iter_mut().zip(&chunk.values) {
            a.merge(b);
        }
        self.paths.merge(&c.paths);
    }
}

/// The tally of one chunk of trials.
#[derive(Clone, Debug)]
pub struct ChunkTally {
    /// Counts shaped like the result (its variable summaries unused).
    counts: RunResult,
    values: Vec<ValueBatch>,
    /// Per actor: the last trial (1-based within the chunk) in which it was counted.
    actor_seen: Vec<u64>,
}

impl ChunkTally {
    pub fn new(model: &Model) -> ChunkTally {
        let mut counts = RunResult::new(model);
        counts.variables.clear();
        ChunkTally {
            counts,
            values: vec![ValueBatch::default(); model.variables.len()],
            actor_seen: vec![0; model.actors.len()],
        }
    }

    /// A trial was simulated (whether or not it is kept).
    #[inline]
    pub fn count_trial(&mut self) {
        self.counts.trials += 1;
    }

    /// Counts the trial that just ran in `s`.
    pub fn record(&mut self, sim: &Simulator, s: &Scratch, end: TrialEnd) {
        let c = &mut self.counts;
        c.kept += 1;
        let stamp = c.kept;
        let o = &mut c.outcomes[end.outcome];
        o.count += 1;
        o.steps.add(end.step);
        let model = sim.model();
        for &e in s.fired_events() {
            let e = e as usize;
            let t = &mut c.events[e];
            t.fired += 1;
            t.times += u64::from(s.times()[e]);
            t.first_step.add(s.first_fired()[e]);
            for (x, &y) in t.branches.iter_mut().zip(sim.branch_counts(s, e)) {
                *x += u64::from(y);
            }
            let a = model.events[e].actor;
            if self.actor_seen[a] != stamp {
                self.actor_seen[a] = stamp;
                c.actors[a] += 1;
            }
        }
        for (batch, &x) in self.values.iter_mut().zip(s.vars()) {
            batch.push(x);
        }
        c.paths.add(s.path(), end.outcome);
    }

    /// Prepares the chunk for merging (sorting its values, in the worker thread).
    pub fn seal(&mut self) {
        for b in &mut self.values {
            b.seal();
        }
    }
}
