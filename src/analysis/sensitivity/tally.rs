//! The counts of a sensitivity analysis's passes (see [`super::job_run`] for how they are
//! run): the jobs a plan's units are split into, a job's counts by row, and the counts of many
//! jobs joined as one.

use std::ops::Range;

use super::versions::Plan;
use crate::model::Model;
use crate::stats::OutcomePairs;

/// What one pass runs: some units of a [`Plan`].
#[derive(Clone, Debug)]
pub struct Job {
    /// The slots simulated besides the baseline's, in slot order.
    pub slots: Vec<usize>,
    /// Per event of the units: the event and its four rows (baseline against each variant).
    pub events: Vec<usize>,
    /// The inputs of the units (each one row: low against high).
    pub inputs: Vec<usize>,
    /// The events of the units whose probability is drawn (for rank correlations).
    pub drawn: Vec<usize>,
    /// Every row's two slots: the events' rows, then the inputs'.
    rows: Vec<(usize, usize)>,
}

impl Job {
    pub fn new(model: &Model, plan: &Plan, units: Range<usize>) -> Job {
        let mut job = Job {
            slots: Vec::new(),
            events: Vec::new(),
            inputs: Vec::new(),
            drawn: Vec::new(),
            rows: Vec::new(),
        };
        for u in units {
            job.slots.extend(plan.units[u].clone());
            let (events, inputs) = &plan.unit_rows[u];
            job.events.extend(events);
            job.inputs.extend(inputs);
        }
        for &e in &job.events {
            job.rows.extend(plan.events[e].map(|s| (0, s)));
            if model.events[e].probability.as_const().is_none() {
                job.drawn.push(e);
            }
        }
        for &i in &job.inputs {
            let [lo, hi] = plan.inputs[i];
            job.rows.push((lo, hi));
        }
        job
    }

    /// Every row's two slots: the events' rows, then the inputs'.
    pub fn rows(&self) -> &[(usize, usize)] {
        &self.rows
    }
}

impl Job {
    /// The units `units` in jobs of about [`BATCH`] slots each, in unit order.
    pub fn batches(model: &Model, plan: &Plan, units: Range<usize>) -> Vec<Job> {
        let mut jobs = Vec::new();
        let mut start = units.start;
        for u in units.clone() {
            let slots = plan.units[start].start..plan.units[u].end;
            if u > start && slots.len() > BATCH {
                jobs.push(Job::new(model, plan, start..u));
                start = u;
            }
        }
        if start < units.end || jobs.is_empty() {
            jobs.push(Job::new(model, plan, start..units.end));
        }
        jobs
    }
}

/// Slots per pass over the trials, about: a pass runs the baseline and this many versions of
/// each trial one after the other, and beyond a few dozen their simulators and working memory
/// no longer stay in the processor's caches (one pass over every version ran slower than
/// passes of this size, each running the baseline again).
const BATCH: usize = 32;

/// The jobs' counts as one: the jobs ran the same trials, so the baseline's counts are any
/// job's, and rows follow in job order.
pub fn join(model: &Model, jobs: &[Job], tallies: Vec<Tally>) -> (Job, Tally) {
    let mut job = Job::new(model, &Plan::default(), 0..0);
    let mut all: Option<Tally> = None;
    for (j, t) in jobs.iter().zip(tallies) {
        job.slots.extend(&j.slots);
        job.events.extend(&j.events);
        job.inputs.extend(&j.inputs);
        job.drawn.extend(&j.drawn);
        job.rows.extend(&j.rows);
        match &mut all {
            None => all = Some(t),
            Some(a) => {
                a.events.extend(t.events);
                a.inputs.extend(t.inputs);
                a.drawn.extend(t.drawn);
                if a.ranked_base.is_empty() {
                    a.ranked_base = t.ranked_base;
                }
            }
        }
    }
    (job, all.unwrap_or_else(|| Tally::empty(model)))
}

/// A pass's counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub trials: u64,
    /// Per outcome: baseline trials that ended there.
    pub base: Vec<u64>,
    /// Per event of the job: its four rows' paired tables.
    pub events: Vec<[OutcomePairs; 4]>,
    /// Per input of the job: low against high.
    pub inputs: Vec<OutcomePairs>,
    /// Per drawn event of the job: the drawn value in each ranked trial.
    pub drawn: Vec<Vec<f64>>,
    /// The baseline's outcome in each ranked trial (kept only when the job has drawn events).
    pub ranked_base: Vec<u32>,
}

impl Tally {
    fn empty(model: &Model) -> Tally {
        Tally {
            trials: 0,
            base: vec![0; model.outcomes.len()],
            events: Vec::new(),
            inputs: Vec::new(),
            drawn: Vec::new(),
            ranked_base: Vec::new(),
        }
    }
}

/// A chunk's counts, and after merges the running totals.
pub struct Counts {
    /// Per row: its paired table.
    pub(super) pairs: Vec<OutcomePairs>,
    pub(super) base: Vec<u64>,
    pub(super) drawn: Vec<Vec<f64>>,
    pub(super) ranked_base: Vec<u32>,
}

impl Counts {
    /// No trials yet, for `job` in a scenario of `n_out` outcomes.
    pub fn new(job: &Job, n_out: usize) -> Counts {
        Counts {
            pairs: vec![OutcomePairs::new(n_out); job.rows.len()],
            base: vec![0; n_out],
            drawn: vec![Vec::new(); job.drawn.len()],
            ranked_base: Vec::new(),
        }
    }

    /// Adds the next chunk's counts `y` (chunks must come in chunk order).
    pub fn merge(&mut self, y: Counts) {
        for (a, b) in self.pairs.iter_mut().zip(&y.pairs) {
            a.merge(b);
        }
        for (a, b) in self.base.iter_mut().zip(&y.base) {
            *a += b;
        }
        for (a, b) in self.drawn.iter_mut().zip(y.drawn) {
            a.extend(b);
        }
        self.ranked_base.extend(y.ranked_base);
    }

    /// The counts of `job`, without the drawn values (see [`Counts::finish`]).
    pub fn tally(&self, job: &Job) -> Tally {
        let mut pairs = self.pairs.iter().cloned();
        let events = (job.events.iter())
            .map(|_| std::array::from_fn(|_| pairs.next().unwrap_or_default()))
            .collect();
        Tally {
            trials: self.base.iter().sum(),
            base: self.base.clone(),
            events,
            inputs: pairs.collect(),
            drawn: Vec::new(),
            ranked_base: Vec::new(),
        }
    }

    /// Every count of `job`.
    pub fn finish(self, job: &Job) -> Tally {
        let counts = self.tally(job);
        Tally {
            drawn: self.drawn,
            ranked_base: self.ranked_base,
            ..counts
        }
    }
}

/// How a pass runs.
#[derive(Clone, Copy, Debug)]
pub struct Pass {
    /// The cap: trials `0..trials`.
    pub trials: u64,
    /// Trials whose drawn values are kept for rank correlations (the first ones).
    pub ranked: u64,
    pub seed: u64,
    /// Copy the baseline's end where a gate says the version runs like it (always, but for the
    /// test that proves the copy is the same as simulating).
    pub gates: bool,
}
