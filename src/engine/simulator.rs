//! One trial, exactly as format.md section 5 defines it, as fast as the semantics allow.
//!
//! Sampling: each eligible event carries an exponential(1) threshold and accumulates hazard
//! `h = -ln(1 - q)` per eligible step at per-step chance `q`; it fires in the step where the
//! accumulated hazard reaches the threshold. Since `P(fire in a step | not yet) = 1 - e^-h = q`,
//! this is exactly "fires independently with chance q in each eligible step", with one draw per
//! firing instead of one per step. While an event's chance stays the same, the step at which it
//! will fire is known in advance (`fire_at`), so the trial jumps from one firing to the next.
//!
//! Bookkeeping: after a step, only the conditions that read something the step changed are
//! re-evaluated ([`Deps`]); conditions that read `step` or `since` are re-evaluated every step,
//! and while any such condition is live the trial walks step by step instead of jumping.
//!
//! The same [`Simulator::simulate`] serves `run` (with [`super::NoObserver`]) and `trace`, so a
//! traced trial is the trial of the run, not a re-implementation of it.

use super::config::ProbAdjust;
use super::deps::{Deps, Readers};
use super::observer::Observer;
use super::rng::{self, Purpose, Stream};
use super::sample::sample;
use crate::expr::{EvalCtx, Program};
use crate::model::{Dist, Effects, Model, per_step_chance};

/// A step that never comes ("not fired", "not scheduled").
pub const NEVER: u32 = u32::MAX;

/// How a trial ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrialEnd {
    /// Index into `Model::outcomes`.
    pub outcome: usize,
    /// The step at which a terminal outcome held (0 when it held before the first step), else
    /// the horizon.
    pub step: u32,
}

/// Per-event facts that hold for every trial of a run.
#[derive(Clone, Debug)]
struct EventTable {
    stream_key: u64,
    repeat: bool,
    /// The distribution of a probability drawn once per trial.
    drawn: Option<Dist>,
    adjust: Option<ProbAdjust>,
    over: u32,
    has_modifiers: bool,
    reads_step: bool,
    /// Branch weights, cumulative; empty without branches.
    branch_cum: Vec<f64>,
    /// Offset of this event's branches in the flat branch counters.
    branch_offset: usize,
    /// Whether firing draws anything (a branch, or an amount that is not a constant).
    draws_effects: bool,
    /// The product of the factors of the modifiers that hold in the initial state.
    factor0: f64,
}

/// The state of one event within a trial.
#[derive(Clone, Copy, Debug)]
struct EvState {
    /// This trial's per-step chance before modifiers (after adjustment and `over`).
    q: f64,
    /// The hazard for `q` alone.
    h0: f64,
    /// The current hazard per step; 0 while the event cannot fire.
    h: f64,
    /// Hazard still to accumulate before the next firing, as of the start of step `base`.
    rem: f64,
    base: u32,
    /// The step in which the event fires if its hazard stays `h`; `NEVER` when not armed.
    fire_at: u32,
    /// Position in `Scratch::armed`, or `NEVER`.
    armed_at: u32,
    /// `rem` holds a drawn threshold for the next firing.
    has_threshold: bool,
    /// Once-only and fired: can never change again.
    dead: bool,
    /// Queued for re-evaluation.
    dirty: bool,
}

/// Working memory for trials, reused from one trial to the next (no allocation per trial).
/// After [`Simulator::simulate`] it holds the trial's final state.
#[derive(Clone, Debug)]
pub struct Scratch {
    flags: Vec<bool>,
    vars: Vec<f64>,
    times: Vec<u32>,
    last_fired: Vec<u32>,
    first_fired: Vec<u32>,
    drawn: Vec<f64>,
    ev: Vec<EvState>,
    armed: Vec<u32>,
    dirty: Vec<u32>,
    out_dirty: Vec<bool>,
    out_candidates: Vec<u32>,
    fired_now: Vec<u32>,
    fired_list: Vec<u32>,
    path: Vec<u32>,
    branch_counts: Vec<u32>,
    stack: Vec<f64>,
    live_step_events: usize,
    end: Option<TrialEnd>,
}

impl Scratch {
    /// Flags at the end of the last trial.
    pub fn flags(&self) -> &[bool] {
        &self.flags
    }

    /// Variables at the end of the last trial.
    pub fn vars(&self) -> &[f64] {
        &self.vars
    }

    /// How often each event fired in the last trial.
    pub fn times(&self) -> &[u32] {
        &self.times
    }

    /// The step at which each event first fired, or [`NEVER`].
    pub fn first_fired(&self) -> &[u32] {
        &self.first_fired
    }

    /// The events that fired at least once, in the order of their first firing.
    pub fn fired_events(&self) -> &[u32] {
        &self.fired_list
    }

    /// The escalation path: the once-only events that fired, in order (same step: file order).
    pub fn path(&self) -> &[u32] {
        &self.path
    }

    /// The drawn probability of a distribution-valued event in the last trial (before any
    /// adjustment), else `None`.
    pub fn drawn_probability(&self, event: usize) -> Option<f64> {
        let p = self.drawn[event];
        (!p.is_nan()).then_some(p)
    }

    /// The last trial's end, if a trial has run.
    pub fn end(&self) -> Option<TrialEnd> {
        self.end
    }
}

/// A model prepared for fast trials: dependency tables, constant hazards, the initial state.
pub struct Simulator<'m> {
    model: &'m Model,
    horizon: u32,
    events: Vec<EventTable>,
    deps: Deps,
    /// Outcomes judged at the horizon (non-terminal, not the catch-all), in file order.
    final_outcomes: Vec<u32>,
    initial_end: Option<usize>,
    init_flags: Vec<bool>,
    init_vars: Vec<f64>,
    var_min: Vec<f64>,
    var_max: Vec<f64>,
    template: Vec<EvState>,
    drawn_events: Vec<u32>,
    init_eligible: Vec<u32>,
    branch_total: usize,
    max_stack: usize,
}

#[inline]
fn hazard(q: f64) -> f64 {
    if q >= 1.0 {
        f64::INFINITY
    } else if q <= 0.0 {
        0.0
    } else {
        -libm::log1p(-q)
    }
}

/// The step in which an event armed from step `start` with `rem` hazard left fires, at `h`
/// per step: the first `n >= 1` with `n * h >= rem`.
#[inline]
fn schedule(rem: f64, h: f64, start: u32) -> u32 {
    let n = (rem / h).ceil().max(1.0);
    let at = f64::from(start) - 1.0 + n;
    if at >= f64::from(NEVER) {
        NEVER
    } else {
        at as u32
    }
}

fn draws(effects: &Effects) -> bool {
    effects
        .add
        .iter()
        .any(|(_, d)| !matches!(d, Dist::Const(_)))
}

impl<'m> Simulator<'m> {
    /// Prepares `model`, with per-event probability adjustments (for sensitivity; usually none).
    pub fn new(model: &'m Model, adjust: &[(usize, ProbAdjust)]) -> Simulator<'m> {
        let deps = Deps::new(model);
        let init_flags: Vec<bool> = model.flags.iter().map(|f| f.initial).collect();
        let init_vars: Vec<f64> = model.variables.iter().map(|v| v.initial).collect();
        let n_events = model.events.len();
        let times = vec![0u32; n_events];
        let last_fired = vec![NEVER; n_events];
        let mut stack = Vec::new();
        let ctx = |step| EvalCtx {
            flags: &init_flags,
            vars: &init_vars,
            times: &times,
            last_fired: &last_fired,
            step,
            outcome: u32::MAX,
        };

        let mut events = Vec::with_capacity(n_events);
        let mut template = Vec::with_capacity(n_events);
        let mut drawn_events = Vec::new();
        let mut init_eligible = Vec::new();
        let mut branch_total = 0;
        let mut max_stack = 0;
        for (i, e) in model.events.iter().enumerate() {
            let adj = adjust.iter().rev().find(|(j, _)| *j == i).map(|&(_, a)| a);
            let drawn = match e.probability.as_const() {
                Some(_) => None,
                None => Some(e.probability),
            };
            let q = match e.probability.as_const() {
                Some(p) => {
                    let p = adj.map_or(p, |a| a.apply(p));
                    per_step_chance(p, e.over)
                }
                None => 0.0,
            };
            let c = ctx(1);
            let eligible0 = e.when.eval_bool(&c, &mut stack);
            let factor0 = e
                .modifiers
                .iter()
                .filter(|m| m.when.eval_bool(&c, &mut stack))
                .map(|m| m.factor)
                .product::<f64>();
            if drawn.is_some() {
                drawn_events.push(i as u32);
            }
            if eligible0 {
                init_eligible.push(i as u32);
            }
            let mut cum = 0.0;
            let branch_cum = e
                .branches
                .iter()
                .map(|b| {
                    cum += b.weight;
                    cum
                })
                .collect();
            max_stack = max_stack.max(e.when.max_stack);
            for m in &e.modifiers {
                max_stack = max_stack.max(m.when.max_stack);
            }
            events.push(EventTable {
                stream_key: e.stream_key,
                repeat: e.repeat,
                drawn,
                adjust: adj,
                over: e.over,
                has_modifiers: !e.modifiers.is_empty(),
                reads_step: deps.step_events.contains(&(i as u32)),
                branch_cum,
                branch_offset: branch_total,
                draws_effects: !e.branches.is_empty()
                    || draws(&e.effects)
                    || e.branches.iter().any(|b| draws(&b.effects)),
                factor0,
            });
            branch_total += e.branches.len();
            template.push(EvState {
                q,
                h0: hazard(q),
                h: 0.0,
                rem: 0.0,
                base: 0,
                fire_at: NEVER,
                armed_at: NEVER,
                has_threshold: false,
                dead: false,
                dirty: false,
            });
        }

        let mut final_outcomes = Vec::new();
        let mut initial_end = None;
        for (i, o) in model.outcomes.iter().enumerate() {
            let Some(when) = &o.when else { continue };
            max_stack = max_stack.max(when.max_stack);
            if !o.terminal {
                final_outcomes.push(i as u32);
            } else if initial_end.is_none() && when.eval_bool(&ctx(0), &mut stack) {
                initial_end = Some(i);
            }
        }

        Simulator {
            model,
            horizon: model.horizon,
            var_min: model.variables.iter().map(|v| v.min).collect(),
            var_max: model.variables.iter().map(|v| v.max).collect(),
            events,
            deps,
            final_outcomes,
            initial_end,
            init_flags,
            init_vars,
            template,
            drawn_events,
            init_eligible,
            branch_total,
            max_stack,
        }
    }

    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// Fresh working memory sized for this model.
    pub fn scratch(&self) -> Scratch {
        let n = self.model.events.len();
        Scratch {
            flags: self.init_flags.clone(),
            vars: self.init_vars.clone(),
            times: vec![0; n],
            last_fired: vec![NEVER; n],
            first_fired: vec![NEVER; n],
            drawn: vec![f64::NAN; n],
            ev: self.template.clone(),
            armed: Vec::with_capacity(n),
            dirty: Vec::with_capacity(n),
            out_dirty: vec![false; self.model.outcomes.len()],
            out_candidates: Vec::with_capacity(self.model.outcomes.len()),
            fired_now: Vec::with_capacity(n),
            fired_list: Vec::with_capacity(n),
            path: Vec::with_capacity(n),
            branch_counts: vec![0; self.branch_total],
            stack: Vec::with_capacity(self.max_stack.max(4)),
            live_step_events: 0,
            end: None,
        }
    }

    /// How often each branch of `event` was taken in the last trial of `s`.
    pub fn branch_counts<'s>(&self, s: &'s Scratch, event: usize) -> &'s [u32] {
        let off = self.events[event].branch_offset;
        &s.branch_counts[off..off + self.events[event].branch_cum.len()]
    }

    /// Evaluates a `--given` condition on the final state of the last trial of `s`.
    pub fn given_holds(&self, given: &Program, s: &mut Scratch) -> bool {
        let end = s.end.expect("a trial has run");
        let ctx = EvalCtx {
            flags: &s.flags,
            vars: &s.vars,
            times: &s.times,
            last_fired: &s.last_fired,
            step: end.step,
            outcome: end.outcome as u32,
        };
        given.eval_bool(&ctx, &mut s.stack)
    }

    /// Runs the trial whose key is `trial_key` (see [`super::trial_key`]), reporting to `obs`.
    pub fn simulate<O: Observer>(&self, trial_key: u64, s: &mut Scratch, obs: &mut O) -> TrialEnd {
        self.reset(s);
        let end = Trial {
            sim: self,
            s,
            obs,
            key: trial_key,
        }
        .run();
        s.end = Some(end);
        end
    }

    fn reset(&self, s: &mut Scratch) {
        for &e in &s.fired_list {
            let e = e as usize;
            s.times[e] = 0;
            s.last_fired[e] = NEVER;
            s.first_fired[e] = NEVER;
            let off = self.events[e].branch_offset;
            s.branch_counts[off..off + self.events[e].branch_cum.len()].fill(0);
        }
        s.fired_list.clear();
        s.path.clear();
        s.armed.clear();
        s.dirty.clear();
        s.flags.copy_from_slice(&self.init_flags);
        s.vars.copy_from_slice(&self.init_vars);
        s.ev.copy_from_slice(&self.template);
        s.live_step_events = self.deps.step_events.len();
        s.end = None;
    }
}

/// The evaluation context of a running trial (a macro, so that the borrow is of the fields and
/// the stack can be borrowed mutably beside it).
macro_rules! running_ctx {
    ($s:expr, $step:expr) => {
        EvalCtx {
            flags: &$s.flags,
            vars: &$s.vars,
            times: &$s.times,
            last_fired: &$s.last_fired,
            step: $step,
            outcome: u32::MAX,
        }
    };
}

/// One trial in progress.
struct Trial<'a, 'm, O> {
    sim: &'a Simulator<'m>,
    s: &'a mut Scratch,
    obs: &'a mut O,
    key: u64,
}

impl<O: Observer> Trial<'_, '_, O> {
    fn run(&mut self) -> TrialEnd {
        let sim = self.sim;
        for &e in &sim.drawn_events {
            let e = e as usize;
            self.draw_probability(e);
        }
        if let Some(outcome) = sim.initial_end {
            return TrialEnd { outcome, step: 0 };
        }
        for &e in &sim.init_eligible {
            let e = e as usize;
            let t = &sim.events[e];
            let st = &self.s.ev[e];
            let h = if t.factor0 == 1.0 {
                st.h0
            } else {
                hazard((st.q * t.factor0).min(1.0))
            };
            self.rearm(e, h, 1);
        }

        let horizon = sim.horizon;
        let mut t = 1u32;
        loop {
            let step_mode = self.s.live_step_events > 0 || !sim.deps.step_outcomes.is_empty();
            if step_mode {
                for &e in &sim.deps.step_events {
                    self.mark_event(e as usize);
                }
            }
            while let Some(e) = self.s.dirty.pop() {
                let e = e as usize;
                self.s.ev[e].dirty = false;
                self.refresh(e, t);
            }
            let next = self
                .s
                .armed
                .iter()
                .map(|&e| self.s.ev[e as usize].fire_at)
                .min()
                .unwrap_or(NEVER);
            if !step_mode {
                if next > horizon {
                    break;
                }
                t = next;
            }
            if next == t {
                self.fire_all(t);
            }
            if let Some(outcome) = self.check_terminal(t) {
                return TrialEnd { outcome, step: t };
            }
            if t >= horizon {
                break;
            }
            t += 1;
        }
        TrialEnd {
            outcome: self.classify(),
            step: horizon,
        }
    }

    fn draw_probability(&mut self, e: usize) {
        let t = &self.sim.events[e];
        let dist = t.drawn.expect("listed as drawn");
        let mut stream = Stream::new(rng::substream_seed(
            self.key,
            t.stream_key,
            Purpose::Probability,
        ));
        let p = sample(&dist, &mut stream).clamp(0.0, 1.0);
        self.obs.probability_drawn(e, p);
        self.s.drawn[e] = p;
        let p = t.adjust.map_or(p, |a| a.apply(p));
        let q = per_step_chance(p, t.over);
        let st = &mut self.s.ev[e];
        st.q = q;
        st.h0 = hazard(q);
    }

    #[inline]
    fn mark_event(&mut self, e: usize) {
        let st = &mut self.s.ev[e];
        if !st.dirty && !st.dead {
            st.dirty = true;
            self.s.dirty.push(e as u32);
        }
    }

    #[inline]
    fn mark_outcome(&mut self, o: usize) {
        if !self.s.out_dirty[o] {
            self.s.out_dirty[o] = true;
            self.s.out_candidates.push(o as u32);
        }
    }

    #[inline]
    fn mark_readers(&mut self, readers: &Readers, i: usize) {
        for &e in readers.events.get(i) {
            self.mark_event(e as usize);
        }
        for &o in readers.outcomes.get(i) {
            self.mark_outcome(o as usize);
        }
    }

    /// Re-evaluates event `e` against the state at the start of step `t`.
    fn refresh(&mut self, e: usize, t: u32) {
        if self.s.ev[e].dead {
            return;
        }
        let sim = self.sim;
        let model = &sim.model.events[e];
        let ctx = running_ctx!(self.s, t);
        let stack = &mut self.s.stack;
        let st = &self.s.ev[e];
        let h = if !model.when.eval_bool(&ctx, stack) {
            0.0
        } else if sim.events[e].has_modifiers {
            let factor: f64 = model
                .modifiers
                .iter()
                .filter(|m| m.when.eval_bool(&ctx, stack))
                .map(|m| m.factor)
                .product();
            if factor == 1.0 {
                st.h0
            } else {
                hazard((st.q * factor).min(1.0))
            }
        } else {
            st.h0
        };
        if h != st.h {
            self.rearm(e, h, t);
        }
    }

    /// Changes event `e`'s hazard to `h` from step `t` on, keeping the hazard it accumulated.
    fn rearm(&mut self, e: usize, h: f64, t: u32) {
        let fresh = (h > 0.0 && !self.s.ev[e].has_threshold).then(|| self.threshold(e));
        let st = &mut self.s.ev[e];
        if st.h > 0.0 && t > st.base {
            st.rem = (st.rem - f64::from(t - st.base) * st.h).max(0.0);
        }
        st.base = t;
        st.h = h;
        if h > 0.0 {
            if let Some(rem) = fresh {
                st.rem = rem;
            }
            st.has_threshold = true;
            st.fire_at = schedule(st.rem, h, t);
            if st.armed_at == NEVER {
                st.armed_at = self.s.armed.len() as u32;
                self.s.armed.push(e as u32);
            }
        } else {
            st.fire_at = NEVER;
            self.disarm(e);
        }
    }

    /// The exponential threshold for the next firing of `e` (drawn by its firing count).
    #[inline]
    fn threshold(&self, e: usize) -> f64 {
        let seed = rng::substream_seed(self.key, self.sim.events[e].stream_key, Purpose::Threshold);
        rng::exp1(rng::splitmix_at(seed, u64::from(self.s.times[e])))
    }

    fn disarm(&mut self, e: usize) {
        let pos = self.s.ev[e].armed_at;
        if pos == NEVER {
            return;
        }
        self.s.ev[e].armed_at = NEVER;
        self.s.armed.swap_remove(pos as usize);
        if let Some(&moved) = self.s.armed.get(pos as usize) {
            self.s.ev[moved as usize].armed_at = pos;
        }
    }

    fn fire_all(&mut self, t: u32) {
        let mut now = std::mem::take(&mut self.s.fired_now);
        now.clear();
        now.extend(
            self.s
                .armed
                .iter()
                .copied()
                .filter(|&e| self.s.ev[e as usize].fire_at == t),
        );
        // Effects apply in file order.
        now.sort_unstable();
        for &e in &now {
            self.fire(e as usize, t);
        }
        self.s.fired_now = now;
    }

    fn fire(&mut self, e: usize, t: u32) {
        let sim = self.sim;
        let table = &sim.events[e];
        let s = &mut *self.s;
        s.times[e] += 1;
        s.last_fired[e] = t;
        if s.first_fired[e] == NEVER {
            s.first_fired[e] = t;
            s.fired_list.push(e as u32);
        }
        if table.repeat {
            let rem = self.threshold(e);
            let st = &mut self.s.ev[e];
            st.rem = rem;
            st.base = t + 1;
            st.fire_at = schedule(rem, st.h, t + 1);
        } else {
            self.s.path.push(e as u32);
            self.s.ev[e].dead = true;
            self.s.ev[e].h = 0.0;
            self.s.ev[e].fire_at = NEVER;
            self.disarm(e);
            if table.reads_step {
                self.s.live_step_events -= 1;
            }
        }

        let event = &sim.model.events[e];
        let mut stream = Stream::new(0);
        if table.draws_effects {
            let firing = u64::from(self.s.times[e] - 1);
            let seed = rng::substream_seed(self.key, table.stream_key, Purpose::Effects);
            stream = Stream::new(rng::mix64(seed ^ firing));
        }
        let branch = (!table.branch_cum.is_empty()).then(|| {
            let cum = &table.branch_cum;
            let x = stream.uniform() * cum[cum.len() - 1];
            cum.iter().position(|&c| x < c).unwrap_or(cum.len() - 1)
        });
        self.obs.fired(t, e, branch);
        self.apply(&event.effects, t, &mut stream);
        if let Some(b) = branch {
            self.s.branch_counts[table.branch_offset + b] += 1;
            self.apply(&event.branches[b].effects, t, &mut stream);
        }
        self.mark_readers(&sim.deps.events, e);
    }

    fn apply(&mut self, effects: &Effects, t: u32, stream: &mut Stream) {
        let sim = self.sim;
        for &f in &effects.set {
            if !self.s.flags[f] {
                self.s.flags[f] = true;
                self.obs.flag_changed(t, f, true);
                self.mark_readers(&sim.deps.flags, f);
            }
        }
        for &f in &effects.clear {
            if self.s.flags[f] {
                self.s.flags[f] = false;
                self.obs.flag_changed(t, f, false);
                self.mark_readers(&sim.deps.flags, f);
            }
        }
        for (v, amount) in &effects.add {
            let amount = match amount {
                Dist::Const(c) => *c,
                d => sample(d, stream),
            };
            self.set_var(*v, self.s.vars[*v] + amount, t);
        }
        for &(v, value) in &effects.assign {
            self.set_var(v, value, t);
        }
    }

    #[inline]
    fn set_var(&mut self, v: usize, value: f64, t: u32) {
        let new = value.max(self.sim.var_min[v]).min(self.sim.var_max[v]);
        let old = self.s.vars[v];
        if new != old {
            self.s.vars[v] = new;
            self.obs.variable_changed(t, v, old, new);
            self.mark_readers(&self.sim.deps.vars, v);
        }
    }

    /// The first terminal outcome (file order) that holds after step `t`, among those that read
    /// something that changed or that read time.
    fn check_terminal(&mut self, t: u32) -> Option<usize> {
        let sim = self.sim;
        for &o in &sim.deps.step_outcomes {
            self.mark_outcome(o as usize);
        }
        if self.s.out_candidates.is_empty() {
            return None;
        }
        let mut candidates = std::mem::take(&mut self.s.out_candidates);
        let mut best = usize::MAX;
        for &o in &candidates {
            let o = o as usize;
            self.s.out_dirty[o] = false;
            if o < best {
                let when = sim.model.outcomes[o].when.as_ref().expect("terminal");
                if when.eval_bool(&running_ctx!(self.s, t), &mut self.s.stack) {
                    best = o;
                }
            }
        }
        candidates.clear();
        self.s.out_candidates = candidates;
        (best != usize::MAX).then_some(best)
    }

    /// The outcome of a trial that reached the horizon.
    fn classify(&mut self) -> usize {
        let sim = self.sim;
        for &o in &sim.final_outcomes {
            let when = sim.model.outcomes[o as usize]
                .when
                .as_ref()
                .expect("judged");
            if when.eval_bool(&running_ctx!(self.s, sim.horizon), &mut self.s.stack) {
                return o as usize;
            }
        }
        sim.model.catch_all()
    }
}
