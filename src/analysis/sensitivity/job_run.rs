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
//!
//! A job's simulators, their working memory and the changed models of its inputs' versions are
//! built for the chunk and dropped after it: what an analysis holds at once is a job per
//! thread, not every version of the scenario (kept all at once, they grew with the square of
//! the events: 4.7 GB for 600 events). Building them costs about what a few trials of the
//! job cost, and a chunk runs thousands.

use std::ops::Range;

use super::inputs::Input;
use super::tally::{Counts, Job, Pass, Tally};
use super::versions::{Change, Gate, Plan, Replay};
use crate::analysis::lockstep::lockstep;
use crate::analysis::paired::KeyReader;
use crate::engine::{
    Look, NoObserver, Observer, Sampling, Scratch, Simulator, TrialEnd, progress_bar,
};
use crate::model::Model;

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

/// A chunk's working memory: the simulators' scratch, what the baseline's trial showed (see
/// [`Seen`]) and each simulator's outcome.
struct Work {
    scratch: Vec<Scratch>,
    keys: KeyReader,
    eligible: Vec<u64>,
    fired: Vec<u64>,
    held: Vec<u64>,
    looks: Vec<Vec<Look>>,
    branches: Vec<Vec<u32>>,
    ends: Vec<usize>,
}

/// A job ready to run: its simulators (`sims[0]` the baseline, `sims[j + 1]` the job's slot
/// `j`), their gates and its rows' positions in `sims`.
pub struct JobRun<'m> {
    sims: Vec<Simulator<'m>>,
    gates: Vec<Option<Gate>>,
    /// Per simulator: where its gate does not hold, what decides (see [`Replay`]) and for
    /// which event; `No` where the simulator cannot tell for the event.
    replay: Vec<(Replay, usize)>,
    /// Per event: some simulator replays its firing, its branches; and those events.
    replayed: Vec<[bool; 2]>,
    replayed_list: Vec<usize>,
    rows: Vec<(usize, usize)>,
    job: &'m Job,
    n_out: usize,
    n_events: usize,
    /// Per event: the position of its first modifier among all the events' modifiers; last,
    /// their number.
    modifiers: Vec<usize>,
    pass: Pass,
    /// The gates of the parameters' versions ([`Plan::each`]).
    each: &'m [Vec<Gate>],
}

impl<'m> JobRun<'m> {
    /// `models[j]`: the changed model of the job's slot `j` where its version sets an input
    /// ([`Plan::model_of`]).
    pub fn new(
        (model, plan, models): (&'m Model, &'m Plan, &'m [Option<Model>]),
        job: &'m Job,
        pass: Pass,
    ) -> JobRun<'m> {
        let mut sims = vec![Simulator::new(model, &[])];
        let mut gates = vec![None];
        let mut replay = vec![(Replay::No, 0)];
        for (&s, own) in job.slots.iter().zip(models) {
            let v = plan.versions[s - 1];
            sims.push(match (v.change, own) {
                (Change::Adjust(e, a), _) => Simulator::new(model, &[(e, a)]),
                (Change::Set { .. }, Some(m)) => Simulator::new(m, &[]),
                (Change::Set { .. }, None) => Simulator::new(model, &[]),
            });
            gates.push(v.gate);
            let sim = sims.last().expect("pushed");
            let one = v.gate.and_then(|g| g.one_event(&plan.each));
            replay.push(match (one, v.replay) {
                (Some(e), Replay::Firing) if sim.replays_firing(e) => (Replay::Firing, e),
                (Some(e), Replay::Branches) if sim.replays_branches(e) => (Replay::Branches, e),
                _ => (Replay::No, 0),
            });
        }
        let mut replayed = vec![[false; 2]; model.events.len()];
        for &(r, e) in &replay {
            match r {
                Replay::Firing => replayed[e][0] = true,
                Replay::Branches => replayed[e][1] = true,
                Replay::No => {}
            }
        }
        let replayed_list = (0..replayed.len())
            .filter(|&e| replayed[e] != [false; 2])
            .collect();
        // Slot number to position in `sims`.
        let position = |s: usize| job.slots.binary_search(&s).map_or(0, |j| j + 1);
        JobRun {
            sims,
            gates,
            replay,
            replayed,
            replayed_list,
            rows: (job.rows().iter())
                .map(|&(a, b)| (position(a), position(b)))
                .collect(),
            job,
            n_out: model.outcomes.len(),
            n_events: model.events.len(),
            modifiers: std::iter::once(0)
                .chain(model.events.iter().scan(0, |n, e| {
                    *n += e.modifiers.len();
                    Some(*n)
                }))
                .collect(),
            pass,
            each: &plan.each,
        }
    }

    fn work(&self) -> Work {
        Work {
            scratch: self.sims.iter().map(Simulator::scratch).collect(),
            keys: KeyReader::new(self.pass.seed),
            eligible: vec![0; self.n_events],
            fired: vec![0; self.n_events],
            held: vec![0; self.modifiers[self.n_events]],
            looks: vec![Vec::new(); self.n_events],
            branches: vec![Vec::new(); self.n_events],
            ends: vec![0; self.sims.len()],
        }
    }

    /// Runs trial `k` in every version and counts it into `acc`.
    fn step(&self, w: &mut Work, acc: &mut Counts, k: u64) {
        let (sims, gates) = (&self.sims, &self.gates);
        let key = w.keys.key(k);
        let stamp = k + 1;
        for &e in &self.replayed_list {
            w.looks[e].clear();
            w.branches[e].clear();
        }
        let mut seen = Seen {
            stamp,
            eligible: &mut w.eligible,
            fired: &mut w.fired,
            held: &mut w.held,
            modifiers: &self.modifiers,
            looks: &mut w.looks,
            branches: &mut w.branches,
            replayed: &self.replayed,
        };
        let base = sims[0].simulate(key, &mut w.scratch[0], &mut seen);
        w.ends[0] = base.outcome;
        acc.base[base.outcome] += 1;
        for j in 1..sims.len() {
            let same = gates[j].is_some_and(|g| self.untouched(w, g, stamp))
                || match self.replay[j] {
                    (Replay::Firing, e) => sims[j].fires_alike(key, e, &w.looks[e], base.step),
                    (Replay::Branches, e) => sims[j].branches_alike(key, e, &w.branches[e]),
                    (Replay::No, _) => false,
                };
            w.ends[j] = match same {
                true if self.pass.gates => base.outcome,
                _ => {
                    let end: TrialEnd = sims[j].simulate(key, &mut w.scratch[j], &mut NoObserver);
                    end.outcome
                }
            };
        }
        for (p, &(a, b)) in acc.pairs.iter_mut().zip(&self.rows) {
            p.add(w.ends[a], w.ends[b]);
        }
        if !self.job.drawn.is_empty() && k < self.pass.ranked {
            let s = &w.scratch[0];
            for (values, &e) in acc.drawn.iter_mut().zip(&self.job.drawn) {
                values.push(s.drawn_probability(e).unwrap_or(f64::NAN));
            }
            acc.ranked_base.push(base.outcome as u32);
        }
    }

    /// Whether gate `g` says that the trial of `stamp` (see [`Seen`]) ran as in the baseline.
    fn untouched(&self, w: &Work, g: Gate, stamp: u64) -> bool {
        match g {
            Gate::Eligible(e) => w.eligible[e] != stamp,
            Gate::Fired(e) => w.fired[e] != stamp,
            Gate::Held(e, m) => w.held[self.modifiers[e] + m] != stamp,
            Gate::FiredHeld(e, m) => w.fired[e] != stamp || w.held[self.modifiers[e] + m] != stamp,
            Gate::Each(i) => self.each[i].iter().all(|&g| self.untouched(w, g, stamp)),
        }
    }

    /// The counts of trials `range` (one chunk).
    pub fn chunk(&self, range: Range<u64>) -> Counts {
        let mut w = self.work();
        let mut acc = Counts::new(self.job, self.n_out);
        for k in range {
            self.step(&mut w, &mut acc, k);
        }
        acc
    }
}

/// Runs `jobs` over the same trials `0..pass.trials`, every job's chunks in parallel on
/// `cfg.threads` (see [`lockstep`]), until `done` holds at a chunk boundary for the jobs' counts
/// so far (never, for a fixed trial count). Returns each job's counts. A job's simulators are
/// built for each of its chunks (see the module's docs).
pub fn run_jobs(
    (model, plan, inputs): (&Model, &Plan, &[Input]),
    jobs: &[Job],
    pass: Pass,
    cfg: &Sampling,
    mut done: impl FnMut(&[Job], &[Counts]) -> bool,
) -> Vec<Tally> {
    let n_out = model.outcomes.len();
    let mut lanes: Vec<Counts> = jobs.iter().map(|j| Counts::new(j, n_out)).collect();
    let bar = (cfg.progress).then(|| progress_bar(pass.trials * jobs.len() as u64));
    let chunk = |l: usize, range: Range<u64>| {
        let job = &jobs[l];
        let models: Vec<Option<Model>> = (job.slots.iter())
            .map(|&s| plan.model_of(model, inputs, s))
            .collect();
        JobRun::new((model, plan, &models), job, pass).chunk(range)
    };
    lockstep(
        &mut lanes,
        (pass.trials, cfg.threads),
        bar.as_ref(),
        chunk,
        Counts::merge,
        |lanes| done(jobs, lanes),
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    (jobs.iter().zip(lanes))
        .map(|(job, acc)| acc.finish(job))
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
        let job = Job::new(&model, &plan, 0..plan.units.len());
        let cfg = Sampling {
            trials,
            seed: 11,
            threads: Some(1),
            progress: false,
        };
        let ctx = (&model, &plan, inputs.as_slice());
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

    /// Every gate is exact, on every shipped and test scenario. The scenarios are checked side by
    /// side (rayon): one after another, this was the library's longest test by far (65 s in CI),
    /// and the other core sat idle at the end of the library's tests.
    #[test]
    fn gated_trials_count_as_if_simulated() {
        use rayon::prelude::*;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["scenarios", "tests/scenarios", "benches/scenarios"] {
            let mut these: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            these.sort();
            files.extend(these);
        }
        let results: Vec<_> = files.par_iter().map(|f| gates_are_exact(f, 1000)).collect();
        let mut checked = 0;
        for (file, exact) in files.iter().zip(results) {
            if let Some(exact) = exact {
                assert!(exact, "{}", file.display());
                checked += 1;
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
            let ctx = (&model, &plan, inputs.as_slice());
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
