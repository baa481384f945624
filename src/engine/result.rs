//! The tallies of a run: what every report is built from.
//!
//! A [`ChunkTally`] counts the trials of one chunk in the worker that ran them; the run merges
//! chunk tallies into one [`RunResult`] in chunk order. Everything is a count, a histogram over
//! steps or a bounded summary, so memory does not grow with the number of trials.

use serde::{Deserialize, Serialize};

use super::chunks::CHUNK_TRIALS;
use super::numbers::Repairs;
use super::paths::PathTally;
use super::scratch::{Scratch, TrialEnd};
use super::simulator::Simulator;
use super::step_counts::StepCounts;
use super::value_batch::ValueBatch;
use super::values::ValueSummary;
use crate::model::Model;

/// One outcome's tally.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutcomeTally {
    /// Trials (kept by `given`) that ended in this outcome.
    pub count: u64,
    /// The step at which they ended.
    pub steps: StepCounts,
}

/// One event's tally.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventTally {
    /// Trials in which the event fired at least once.
    pub fired: u64,
    /// Firings over all trials.
    pub times: u64,
    /// The step of the first firing, over the trials in which it fired.
    pub first_step: StepCounts,
    /// Firings by branch (empty without branches).
    pub branches: Vec<u64>,
    /// Values out of range that were repaired (format 2), over the kept trials.
    #[serde(default, skip_serializing_if = "Repairs::is_zero")]
    pub repairs: Repairs,
}

/// The aggregated result of a run.
#[derive(Clone, Debug, Serialize, Deserialize)]
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
    /// Per variable: kept trials whose drawn or computed initial value was clamped to its
    /// bounds (format 2; empty when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initial_clamped: Vec<u64>,
    pub paths: PathTally,
    /// Per parameter: its value in the kept trials (under `given`, the posterior). Absent from
    /// the partial results of scenarios without `[params]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<ValueSummary>,
}

impl OutcomeTally {
    /// An empty tally per outcome of `model`.
    fn empty(model: &Model) -> Vec<OutcomeTally> {
        let h = model.horizon;
        (model.outcomes.iter())
            .map(|_| OutcomeTally {
                count: 0,
                steps: StepCounts::new(h),
            })
            .collect()
    }
}

impl RunResult {
    /// An empty result for `model`.
    pub fn new(model: &Model) -> RunResult {
        let h = model.horizon;
        RunResult {
            trials: 0,
            kept: 0,
            outcomes: OutcomeTally::empty(model),
            events: model
                .events
                .iter()
                .map(|e| EventTally {
                    fired: 0,
                    times: 0,
                    first_step: StepCounts::new(h),
                    branches: vec![0; e.branches.len()],
                    repairs: Repairs::default(),
                })
                .collect(),
            actors: vec![0; model.actors.len()],
            variables: vec![ValueSummary::default(); model.variables.len()],
            initial_clamped: Vec::new(),
            paths: PathTally::new(model.outcomes.len()),
            params: vec![ValueSummary::default(); model.params.len()],
        }
    }

    /// Adds a chunk's tally (chunks must be merged in trial order for reproducible summaries).
    pub fn merge(&mut self, chunk: &ChunkTally) {
        self.trials += chunk.trials;
        self.kept += chunk.kept;
        for (a, b) in self.outcomes.iter_mut().zip(&chunk.outcomes) {
            a.count += b.count;
            a.steps.merge(&b.steps);
        }
        let mut branch = 0;
        for (e, a) in self.events.iter_mut().enumerate() {
            let fired = match &chunk.first {
                FirstSteps::Dense { stride, counts } => {
                    let row = &counts[e * stride..(e + 1) * stride];
                    a.first_step.add_counts(row);
                    row.iter().sum::<u64>()
                }
                FirstSteps::Sparse(steps) => {
                    a.first_step.merge(&steps[e]);
                    steps[e].total()
                }
            };
            a.fired += fired;
            a.times += if chunk.repeats.binary_search(&(e as u32)).is_ok() {
                chunk.times[e]
            } else {
                fired
            };
            for x in &mut a.branches {
                *x += chunk.branches[branch];
                branch += 1;
            }
            if let Some(r) = chunk.repairs.get(e) {
                a.repairs.add(r);
            }
        }
        add_counts(&mut self.initial_clamped, &chunk.initial_clamped);
        for (a, b) in self.actors.iter_mut().zip(&chunk.actors) {
            *a += b;
        }
        for (a, b) in self.variables.iter_mut().zip(&chunk.values) {
            a.merge(b);
        }
        for (a, b) in self.params.iter_mut().zip(&chunk.params) {
            a.merge(b);
        }
        self.paths.merge(&chunk.paths);
    }
}

impl RunResult {
    /// Adds the tally of other trials of the same run (a shard's): every tally is a count, an
    /// exact sum or a bucketed summary, so the order and grouping of the adds never matter
    /// (except for paths past their exact limit, marked approximate).
    pub fn absorb(&mut self, other: &RunResult) {
        self.trials += other.trials;
        self.kept += other.kept;
        for (a, b) in self.outcomes.iter_mut().zip(&other.outcomes) {
            a.count += b.count;
            a.steps.merge(&b.steps);
        }
        for (a, b) in self.events.iter_mut().zip(&other.events) {
            a.fired += b.fired;
            a.times += b.times;
            a.first_step.merge(&b.first_step);
            for (x, y) in a.branches.iter_mut().zip(&b.branches) {
                *x += y;
            }
            a.repairs.add(&b.repairs);
        }
        add_counts(&mut self.initial_clamped, &other.initial_clamped);
        for (a, b) in self.actors.iter_mut().zip(&other.actors) {
            *a += b;
        }
        for (a, b) in self.variables.iter_mut().zip(&other.variables) {
            a.absorb(b);
        }
        for (a, b) in self.params.iter_mut().zip(&other.params) {
            a.absorb(b);
        }
        self.paths.merge(&other.paths);
    }
}

/// Adds `b` to `a` item by item; an empty list counts as zeros (a format-1 tally).
fn add_counts(a: &mut Vec<u64>, b: &[u64]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// `n` empty batches with room for a chunk's values, so that recording a trial never grows
/// them.
fn batches(n: usize) -> Vec<ValueBatch> {
    let room = CHUNK_TRIALS as usize;
    (0..n).map(|_| ValueBatch::with_capacity(room)).collect()
}

/// First-firing steps of every event in one chunk.
#[derive(Clone, Debug)]
enum FirstSteps {
    /// Event `e`'s count at step `s` is `counts[e * stride + s]` (`stride` = horizon + 1): one
    /// increment per fired event, for the usual small models.
    Dense { stride: usize, counts: Vec<u64> },
    /// A histogram per event, for models with many events and long horizons.
    Sparse(Vec<StepCounts>),
}

/// Cells of a dense [`FirstSteps`] table, at most (8 bytes each, per worker).
const DENSE_MAX_CELLS: usize = 1 << 16;

/// The tally of one chunk of trials, laid out flat so that counting a trial costs a few
/// increments per fired event.
#[derive(Clone, Debug)]
pub struct ChunkTally {
    trials: u64,
    kept: u64,
    outcomes: Vec<OutcomeTally>,
    /// Per event: firings (kept for repeatable events only; see `repeats`).
    times: Vec<u64>,
    /// The repeatable events.
    repeats: Vec<u32>,
    first: FirstSteps,
    /// Firings by branch, all events' branches in file order.
    branches: Vec<u64>,
    actors: Vec<u64>,
    /// Per event: its actor.
    actor_of: Vec<u32>,
    /// Per event: its actor's bit, `1 << actor`, while there are at most 64 actors (then the
    /// actors of a trial are one mask, or-ed in the loop over its fired events); else all 0.
    actor_bit: Vec<u64>,
    /// Per actor: the last trial (1-based within the chunk) in which it was counted (more than
    /// 64 actors).
    actor_seen: Vec<u64>,
    values: Vec<ValueBatch>,
    /// Per event (empty without format-2 numbers).
    repairs: Vec<Repairs>,
    initial_clamped: Vec<u64>,
    paths: PathTally,
    params: Vec<ValueBatch>,
}

impl ChunkTally {
    pub fn new(model: &Model) -> ChunkTally {
        ChunkTally::with_dense_limit(model, DENSE_MAX_CELLS)
    }

    fn with_dense_limit(model: &Model, dense_max_cells: usize) -> ChunkTally {
        let h = model.horizon;
        let n = model.events.len();
        let stride = h as usize + 1;
        let first = match n.checked_mul(stride) {
            Some(cells) if cells <= dense_max_cells => FirstSteps::Dense {
                stride,
                counts: vec![0; cells],
            },
            _ => FirstSteps::Sparse(vec![StepCounts::new(h); n]),
        };
        ChunkTally {
            trials: 0,
            kept: 0,
            outcomes: OutcomeTally::empty(model),
            times: vec![0; n],
            repeats: (0..n as u32)
                .filter(|&e| model.events[e as usize].repeat)
                .collect(),
            first,
            branches: vec![0; model.events.iter().map(|e| e.branches.len()).sum()],
            actors: vec![0; model.actors.len()],
            actor_of: model.events.iter().map(|e| e.actor as u32).collect(),
            actor_bit: (model.events.iter())
                .map(|e| match model.actors.len() {
                    ..=64 => 1 << e.actor,
                    _ => 0,
                })
                .collect(),
            actor_seen: vec![0; model.actors.len()],
            values: batches(model.variables.len()),
            repairs: Vec::new(),
            initial_clamped: Vec::new(),
            paths: PathTally::new(model.outcomes.len()),
            params: batches(model.params.len()),
        }
    }

    /// A trial was simulated (whether or not it is kept).
    #[inline]
    pub fn count_trial(&mut self) {
        self.trials += 1;
    }

    /// Counts the trial that just ran in `s`.
    pub fn record(&mut self, sim: &Simulator, s: &Scratch, end: TrialEnd) {
        self.kept += 1;
        let o = &mut self.outcomes[end.outcome];
        o.count += 1;
        o.steps.add(end.step);
        // Every per-event slice cut to `n`: one check of `e` then covers them all.
        let n = self.times.len();
        let (times, first) = (&s.times()[..n], &s.first_fired()[..n]);
        let fired = s.fired_events();
        let bit = &self.actor_bit[..n];
        let mut mask = 0u64;
        match &mut self.first {
            FirstSteps::Dense { stride, counts } => {
                let (stride, counts) = (*stride, &mut counts[..]);
                for &e in fired {
                    let e = e as usize;
                    // No message: formatting one would keep `e` on the stack in the loop.
                    assert!(e < n);
                    counts[e * stride + first[e] as usize] += 1;
                    mask |= bit[e];
                }
            }
            FirstSteps::Sparse(steps) => {
                for &e in fired {
                    let e = e as usize;
                    assert!(e < n);
                    steps[e].add(first[e]);
                    mask |= bit[e];
                }
            }
        }
        self.count_actors(fired, mask);
        // A once-only event fires once in the trials it fires in: its firings are its trials.
        for &e in &self.repeats {
            self.times[e as usize] += u64::from(times[e as usize]);
        }
        for (x, &y) in self.branches.iter_mut().zip(sim.all_branch_counts(s)) {
            *x += u64::from(y);
        }
        for (batch, &x) in self.values.iter_mut().zip(s.vars()) {
            batch.push(x);
        }
        if sim.numbers.any {
            self.record_repairs(sim, s);
        }
        for (batch, &x) in self.params.iter_mut().zip(s.params()) {
            batch.push(x);
        }
        self.paths.add_hashed(s.path(), s.path_hash(), end.outcome);
    }

    /// Counts the actors of the trial's fired events: those of `mask`, or with more than 64
    /// actors (an empty mask), by marking each actor with the trial's number.
    fn count_actors(&mut self, fired: &[u32], mut mask: u64) {
        if self.actors.len() <= 64 {
            while mask != 0 {
                self.actors[mask.trailing_zeros() as usize] += 1;
                mask &= mask - 1;
            }
            return;
        }
        let stamp = self.kept;
        for &e in fired {
            let a = self.actor_of[e as usize] as usize;
            if self.actor_seen[a] != stamp {
                self.actor_seen[a] = stamp;
                self.actors[a] += 1;
            }
        }
    }

    fn record_repairs(&mut self, sim: &Simulator, s: &Scratch) {
        if self.repairs.is_empty() {
            self.repairs = vec![Repairs::default(); s.repairs().len()];
        }
        for (a, b) in self.repairs.iter_mut().zip(s.repairs()) {
            a.add(b);
        }
        if !sim.numbers.inits.is_empty() {
            let clamped = s.initial_clamped();
            self.initial_clamped.resize(clamped.len(), 0);
            for (a, &b) in self.initial_clamped.iter_mut().zip(clamped) {
                *a += u64::from(b);
            }
        }
    }

    /// Prepares the chunk for merging (sorting its values, in the worker thread).
    pub fn seal(&mut self) {
        for b in self.values.iter_mut().chain(&mut self.params) {
            b.seal();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{NoObserver, trial_key};
    use crate::model::load_str;

    const MODEL: &str = r#"
[scenario]
name = "tally"
horizon = 12
[[actors]]
id = "a"
name = "A"
[[actors]]
id = "b"
name = "B"
[[events]]
id = "once"
actor = "a"
probability = 0.2
[[events]]
id = "again"
actor = "a"
probability = 0.3
repeat = true
[[events]]
id = "split"
actor = "b"
when = "once"
probability = 0.5
branches = [{ weight = 1 }, { weight = 3 }]
[[outcomes]]
id = "hit"
when = "split"
[[outcomes]]
id = "rest"
"#;

    fn tally(model: &Model, dense_max_cells: usize) -> RunResult {
        let sim = Simulator::new(model, &[]);
        let mut s = sim.scratch();
        let mut chunk = ChunkTally::with_dense_limit(model, dense_max_cells);
        let mut result = RunResult::new(model);
        for k in 0..3000 {
            let end = sim.simulate(trial_key(3, k), &mut s, &mut NoObserver);
            chunk.count_trial();
            chunk.record(&sim, &s, end);
            if k % 1000 == 999 {
                chunk.seal();
                result.merge(&chunk);
                chunk = ChunkTally::with_dense_limit(model, dense_max_cells);
            }
        }
        result
    }

    /// `actors` actors, event `i` by actor `i`, and two more events by actor 0 (one drawn in
    /// only after the other), so that actor 0 is counted once in a trial where both fire.
    fn many_actors(actors: usize) -> Model {
        let mut text = String::from("[scenario]\nname = \"many\"\nhorizon = 6\n");
        for a in 0..actors {
            text += &format!("[[actors]]\nid = \"a{a}\"\nname = \"A{a}\"\n");
            text += &format!("[[events]]\nid = \"e{a}\"\nactor = \"a{a}\"\nprobability = 0.1\n");
        }
        text += "[[events]]\nid = \"x\"\nactor = \"a0\"\nprobability = 0.3\nwhen = \"e0\"\n";
        text += "[[events]]\nid = \"y\"\nactor = \"a0\"\nprobability = 0.3\n";
        text += "[[outcomes]]\nid = \"rest\"\n";
        load_str("many.toml", &text, &[]).unwrap().model
    }

    /// Actors are counted by a bit mask up to 64 of them and by marks beyond: each actor's
    /// count is the trials in which one of its events fired, counted once.
    #[test]
    fn actors_are_counted_once_per_trial_with_few_and_many() {
        for actors in [1, 2, 63, 64, 65, 70] {
            let model = many_actors(actors);
            let r = tally(&model, usize::MAX);
            let fired = |id: &str| {
                let e = model.events.iter().position(|e| e.id == id).unwrap();
                r.events[e].fired
            };
            for a in 1..actors {
                assert_eq!(
                    r.actors[a],
                    fired(&format!("e{a}")),
                    "{actors} actors, a{a}"
                );
            }
            // Actor 0: e0, x (only after e0) and y. Trials with e0 or y, each counted once.
            let (e0, y) = (fired("e0"), fired("y"));
            assert!(
                r.actors[0] >= e0.max(y) && r.actors[0] < e0 + y,
                "{actors} actors"
            );
            assert!(fired("x") > 0);
        }
    }

    #[test]
    fn flat_and_per_event_first_steps_give_the_same_result() {
        let model = load_str("tally.toml", MODEL, &[]).unwrap().model;
        let (dense, sparse) = (tally(&model, usize::MAX), tally(&model, 0));
        assert_eq!(dense.trials, 3000);
        for (i, (d, s)) in dense.events.iter().zip(&sparse.events).enumerate() {
            assert_eq!(
                (d.fired, d.times, &d.branches),
                (s.fired, s.times, &s.branches)
            );
            assert_eq!(d.first_step, s.first_step, "event {i}");
            assert_eq!(d.fired, d.first_step.total());
        }
        assert_eq!(dense.actors, sparse.actors);
        let [once, again, split] = &dense.events[..] else {
            panic!("three events")
        };
        // A once-only event fires once per trial it fires in; a repeatable one more often.
        assert_eq!(once.times, once.fired);
        assert!(again.times > again.fired);
        assert_eq!(split.branches.iter().sum::<u64>(), split.times);
        // Actor a is drawn in whenever either of its events fired.
        assert!(dense.actors[0] >= once.fired.max(again.fired));
        assert_eq!(dense.actors[1], split.fired);
    }
}
