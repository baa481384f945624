//! A pass over the trials for some versions of a sensitivity analysis (see
//! [`super::versions`]): trial `k` of every version uses the same key (common random numbers),
//! so each row's two versions differ only through the change, and each difference gets a paired
//! interval.
//!
//! Per trial the baseline runs first and reports which events were eligible and which fired; a
//! version whose gate says it runs like the baseline in this trial takes the baseline's end
//! without being simulated. So does a version that only moves when a once-only event fires,
//! where the looks at that event in the baseline's trial show that it fires at the same step,
//! and one that only moves which branch an event takes, where each of its firings takes the
//! same branch (see [`super::versions::Replay`]).

use std::ops::Range;

use super::versions::{Change, Gate, Plan, Replay};
use crate::analysis::lockstep::lockstep;
use crate::analysis::paired::KeyReader;
use crate::engine::{Look, Observer, Sampling, Scratch, Simulator, TrialEnd, progress_bar};
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

/// Remembers, for the trial being run, which events were eligible and which fired, and which
/// modifiers held while their event was eligible: per event (per modifier), the stamp of the
/// last trial in which it was.
struct Seen<'a> {
    stamp: u64,
    eligible: &'a mut [u64],
    fired: &'a mut [u64],
    held: &'a mut [u64],
    /// Per event: the position of its first modifier in `held`.
    modifiers: &'a [usize],
    /// Per event some version replays: the looks at it in this trial that found something
    /// other than the last (a look that finds the same changes no hazard), and its firings;
    /// the branches its firings took.
    looks: &'a mut [Vec<Look>],
    branches: &'a mut [Vec<u32>],
    /// Per event: some version replays its firing ([`Replay::Firing`]), its branches.
    replayed: &'a [[bool; 2]],
}

impl Observer for Seen<'_> {
    #[inline]
    fn eligible(&mut self, event: usize) {
        self.eligible[event] = self.stamp;
    }

    #[inline]
    fn fired(&mut self, step: u32, event: usize, branch: Option<usize>) {
        self.fired[event] = self.stamp;
        let [firing, branches] = self.replayed[event];
        if let (true, Some(b)) = (branches, branch) {
            self.branches[event].push(b as u32);
        }
        if firing {
            self.looks[event].push(Look::firing(step));
        }
    }

    #[inline]
    fn modifier_held(&mut self, event: usize, modifier: usize) {
        self.held[self.modifiers[event] + modifier] = self.stamp;
    }

    #[inline]
    fn looked(&mut self, event: usize, look: Look) {
        if self.replayed[event][0] {
            let looks = &mut self.looks[event];
            if looks
                .last()
                .is_none_or(|l| (l.eligible, l.held) != (look.eligible, look.held))
            {
                looks.push(look);
            }
        }
    }
}

/// One chunk's working state, and after merges the running totals.
pub struct Acc {
    scratch: Vec<Scratch>,
    keys: KeyReader,
    eligible: Vec<u64>,
    fired: Vec<u64>,
    held: Vec<u64>,
    looks: Vec<Vec<Look>>,
    branches: Vec<Vec<u32>>,
    ends: Vec<usize>,
    pairs: Vec<OutcomePairs>,
    base: Vec<u64>,
    drawn: Vec<Vec<f64>>,
    ranked_base: Vec<u32>,
}

impl Acc {
    /// Adds the next chunk's counts `y` (chunks must come in chunk order).
    pub fn merge(&mut self, y: Acc) {
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

/// A job ready to run: its simulators (`sims[0]` the baseline, `sims[j + 1]` the job's slot
/// `j`), their gates and its rows' positions in `sims`.
pub struct JobRun<'m> {
    sims: Vec<Simulator<'m>>,
    gates: Vec<Option<Gate>>,
    /// Per simulator: where its gate does not hold, what decides (see [`Replay`]); `No` where
    /// the simulator cannot tell for its gate's event.
    replay: Vec<Replay>,
    /// Per event: some simulator replays its firing, its branches; and those events.
    replayed: Vec<[bool; 2]>,
    replayed_list: Vec<usize>,
    rows: Vec<(usize, usize)>,
    drawn: Vec<usize>,
    n_out: usize,
    n_events: usize,
    n_ev: usize,
    /// Per event: the position of its first modifier among all the events' modifiers; last,
    /// their number.
    modifiers: Vec<usize>,
    pass: Pass,
    /// The gates of the parameters' versions ([`Plan::each`]).
    each: Vec<Vec<Gate>>,
}

impl<'m> JobRun<'m> {
    pub fn new(
        (model, plan, models): (&'m Model, &Plan, &'m [Option<Model>]),
        job: &Job,
        pass: Pass,
    ) -> JobRun<'m> {
        let mut sims = vec![Simulator::new(model, &[])];
        let mut gates = vec![None];
        let mut replay = vec![Replay::No];
        for &s in &job.slots {
            let v = plan.versions[s - 1];
            sims.push(match (v.change, &models[s - 1]) {
                (Change::Adjust(e, a), _) => Simulator::new(model, &[(e, a)]),
                (Change::Set { .. }, Some(m)) => Simulator::new(m, &[]),
                (Change::Set { .. }, None) => Simulator::new(model, &[]),
            });
            gates.push(v.gate);
            let sim = sims.last().expect("pushed");
            replay.push(match (v.gate, v.replay) {
                (Some(g), Replay::Firing) if g.event().is_some_and(|e| sim.replays_firing(e)) => {
                    Replay::Firing
                }
                (Some(g), Replay::Branches)
                    if g.event().is_some_and(|e| sim.replays_branches(e)) =>
                {
                    Replay::Branches
                }
                _ => Replay::No,
            });
        }
        let mut replayed = vec![[false; 2]; model.events.len()];
        for (gate, &r) in gates.iter().zip(&replay) {
            match (gate.and_then(Gate::event), r) {
                (Some(e), Replay::Firing) => replayed[e][0] = true,
                (Some(e), Replay::Branches) => replayed[e][1] = true,
                _ => {}
            }
        }
        let replayed_list = (0..replayed.len())
            .filter(|&e| replayed[e] != [false; 2])
            .collect();
        // Slot number to position in `sims`.
        let mut at = vec![0; plan.versions.len() + 1];
        for (j, &s) in job.slots.iter().enumerate() {
            at[s] = j + 1;
        }
        JobRun {
            sims,
            gates,
            replay,
            replayed,
            replayed_list,
            rows: job.rows.iter().map(|&(a, b)| (at[a], at[b])).collect(),
            drawn: job.drawn.clone(),
            n_out: model.outcomes.len(),
            n_events: model.events.len(),
            n_ev: job.events.len(),
            modifiers: std::iter::once(0)
                .chain(model.events.iter().scan(0, |n, e| {
                    *n += e.modifiers.len();
                    Some(*n)
                }))
                .collect(),
            pass,
            each: plan.each.clone(),
        }
    }

    /// An empty tally.
    pub fn acc(&self) -> Acc {
        Acc {
            scratch: self.sims.iter().map(Simulator::scratch).collect(),
            keys: KeyReader::new(self.pass.seed),
            eligible: vec![0; self.n_events],
            fired: vec![0; self.n_events],
            held: vec![0; self.modifiers[self.n_events]],
            looks: vec![Vec::new(); self.n_events],
            branches: vec![Vec::new(); self.n_events],
            ends: vec![0; self.sims.len()],
            pairs: vec![OutcomePairs::new(self.n_out); self.rows.len()],
            base: vec![0; self.n_out],
            drawn: vec![Vec::new(); self.drawn.len()],
            ranked_base: Vec::new(),
        }
    }

    /// Runs trial `k` in every version and counts it into `acc`.
    pub fn step(&self, acc: &mut Acc, k: u64) {
        let (sims, gates) = (&self.sims, &self.gates);
        let key = acc.keys.key(k);
        let stamp = k + 1;
        for &e in &self.replayed_list {
            acc.looks[e].clear();
            acc.branches[e].clear();
        }
        let mut seen = Seen {
            stamp,
            eligible: &mut acc.eligible,
            fired: &mut acc.fired,
            held: &mut acc.held,
            modifiers: &self.modifiers,
            looks: &mut acc.looks,
            branches: &mut acc.branches,
            replayed: &self.replayed,
        };
        let base = sims[0].simulate(key, &mut acc.scratch[0], &mut seen);
        acc.ends[0] = base.outcome;
        acc.base[base.outcome] += 1;
        for j in 1..sims.len() {
            let same = gates[j].is_some_and(|g| self.untouched(acc, g, stamp))
                || match (self.replay[j], gates[j].and_then(Gate::event)) {
                    (Replay::Firing, Some(e)) => {
                        sims[j].fires_alike(key, e, &acc.looks[e], base.step)
                    }
                    (Replay::Branches, Some(e)) => sims[j].branches_alike(key, e, &acc.branches[e]),
                    _ => false,
                };
            acc.ends[j] = match same {
                true if self.pass.gates => base.outcome,
                _ => {
                    let end: TrialEnd =
                        sims[j].simulate(key, &mut acc.scratch[j], &mut crate::engine::NoObserver);
                    end.outcome
                }
            };
        }
        for (p, &(a, b)) in acc.pairs.iter_mut().zip(&self.rows) {
            p.add(acc.ends[a], acc.ends[b]);
        }
        if !self.drawn.is_empty() && k < self.pass.ranked {
            let s = &acc.scratch[0];
            for (values, &e) in acc.drawn.iter_mut().zip(&self.drawn) {
                values.push(s.drawn_probability(e).unwrap_or(f64::NAN));
            }
            acc.ranked_base.push(base.outcome as u32);
        }
    }

    /// Whether gate `g` says that the trial of `stamp` (see [`Acc`]) ran as in the baseline.
    fn untouched(&self, acc: &Acc, g: Gate, stamp: u64) -> bool {
        match g {
            Gate::Eligible(e) => acc.eligible[e] != stamp,
            Gate::Fired(e) => acc.fired[e] != stamp,
            Gate::Held(e, m) => acc.held[self.modifiers[e] + m] != stamp,
            Gate::FiredHeld(e, m) => {
                acc.fired[e] != stamp || acc.held[self.modifiers[e] + m] != stamp
            }
            Gate::Each(i) => self.each[i].iter().all(|&g| self.untouched(acc, g, stamp)),
        }
    }

    /// The counts of trials `range` (one chunk).
    pub fn chunk(&self, range: Range<u64>) -> Acc {
        let mut acc = self.acc();
        for k in range {
            self.step(&mut acc, k);
        }
        // The working memory is not needed past the chunk.
        acc.scratch = Vec::new();
        acc
    }

    /// The counts in `acc`, without the drawn values (see [`JobRun::finish`]).
    pub fn tally(&self, acc: &Acc) -> Tally {
        let mut pairs = acc.pairs.iter().cloned();
        let events = (0..self.n_ev)
            .map(|_| std::array::from_fn(|_| pairs.next().unwrap_or_default()))
            .collect();
        Tally {
            trials: acc.base.iter().sum(),
            base: acc.base.clone(),
            events,
            inputs: pairs.collect(),
            drawn: Vec::new(),
            ranked_base: Vec::new(),
        }
    }

    /// Every count in `acc`.
    pub fn finish(&self, acc: Acc) -> Tally {
        let counts = self.tally(&acc);
        Tally {
            drawn: acc.drawn,
            ranked_base: acc.ranked_base,
            ..counts
        }
    }
}

/// Runs `jobs` over the same trials `0..pass.trials`, every job's chunks in parallel on
/// `cfg.threads` (see [`lockstep`]), until `done` holds at a chunk boundary for the jobs' counts
/// so far (never, for a fixed trial count). Returns each job's counts.
pub fn run_jobs(
    ctx: (&Model, &Plan, &[Option<Model>]),
    jobs: &[Job],
    pass: Pass,
    cfg: &Sampling,
    mut done: impl FnMut(&[JobRun], &[Acc]) -> bool,
) -> Vec<Tally> {
    let runs: Vec<JobRun> = jobs.iter().map(|j| JobRun::new(ctx, j, pass)).collect();
    let mut lanes: Vec<Acc> = runs.iter().map(JobRun::acc).collect();
    let bar = (cfg.progress).then(|| progress_bar(pass.trials * runs.len() as u64));
    lockstep(
        &mut lanes,
        (pass.trials, cfg.threads),
        bar.as_ref(),
        |l, range| runs[l].chunk(range),
        Acc::merge,
        |lanes| done(&runs, lanes),
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    (runs.iter().zip(lanes))
        .map(|(run, acc)| run.finish(acc))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sensitivity::inputs::inputs;

    /// Whether copying the baseline's end where a gate allows it gives the counts of simulating
    /// every version of every trial of `file` (`None`: the file does not load).
    fn gates_are_exact(file: &std::path::Path, trials: u64) -> Option<bool> {
        let model = crate::model::load(file, &[]).ok()?.model;
        let inputs = inputs(&model);
        let plan = Plan::new(&model, &inputs);
        let models = plan.models(&model, &inputs);
        let job = Job::new(&model, &plan, 0..plan.units.len());
        let cfg = Sampling {
            trials,
            seed: 11,
            threads: Some(1),
            progress: false,
        };
        let ctx = (&model, &plan, models.as_slice());
        let run = |gates| {
            let pass = Pass {
                trials,
                ranked: trials,
                seed: 11,
                gates,
            };
            run_jobs(ctx, std::slice::from_ref(&job), pass, &cfg, |_, _| false)
        };
        Some(run(true) == run(false))
    }

    /// Every gate is exact, on every shipped and test scenario.
    #[test]
    fn gated_trials_count_as_if_simulated() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["scenarios", "tests/scenarios", "benches/scenarios"] {
            let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            for file in files {
                if let Some(exact) = gates_are_exact(&file, 1000) {
                    assert!(exact, "{}", file.display());
                    checked += 1;
                }
            }
        }
        assert!(checked >= 20, "only {checked} scenarios loaded");
    }

    /// The same on the scenario written to test the gates of computed and drawn numbers, with
    /// more trials.
    #[test]
    fn gates_over_computed_numbers_are_exact() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = root.join("tests/scenarios/sensitivity_gates.toml");
        assert_eq!(gates_are_exact(&file, 5000), Some(true));
    }

    /// What a pass keeps does not grow with its trials: the per-trial values for rank
    /// correlations stop at `ranked` trials, on any number of threads, and every count table
    /// has the same size at 4 times the trials.
    #[test]
    fn a_pass_keeps_per_trial_values_only_for_the_ranked_trials() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = root.join("benches/scenarios/baseline_v1.toml");
        let model = crate::model::load(&file, &[]).unwrap().model;
        let inputs = inputs(&model);
        let plan = Plan::new(&model, &inputs);
        let models = plan.models(&model, &inputs);
        let job = Job::new(&model, &plan, 0..plan.units.len());
        assert!(!job.drawn.is_empty(), "the baseline draws probabilities");
        let shape = |trials: u64| {
            let pass = Pass {
                trials,
                ranked: 150,
                seed: 4,
                gates: true,
            };
            let cfg = Sampling {
                trials,
                seed: 4,
                threads: Some(2),
                progress: false,
            };
            let ctx = (&model, &plan, models.as_slice());
            let mut t = run_jobs(ctx, std::slice::from_ref(&job), pass, &cfg, |_, _| false);
            let t = t.pop().unwrap();
            assert_eq!(t.trials, trials);
            assert_eq!(t.ranked_base.len(), 150, "at {trials} trials");
            assert_eq!(t.drawn.len(), job.drawn.len());
            for values in &t.drawn {
                assert_eq!(values.len(), 150, "at {trials} trials");
            }
            (t.base.len(), t.events.len(), t.inputs.len())
        };
        assert_eq!(shape(400), shape(1600));
    }
}
