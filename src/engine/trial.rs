//! The inner loop of one trial (see [`super::Simulator`] for the method), and
//! [`Simulator::simulate`], which runs it; what a firing does is in `firing.rs`.
//!
//! The working arrays are borrowed once per trial as plain slices ([`TrialSlices`]): their
//! addresses and lengths then stay in registers instead of being reloaded from the scratch after
//! every store, which is most of the cost of a general engine's inner loop. The small functions
//! are inlined into [`Trial::run`] for the same reason. That holds only while the trial's address
//! never reaches a function that is not inlined: the format-2 and `observed` paths, which call
//! such functions with the whole trial, are compiled into a second copy of the loop that only
//! scenarios using them run (`SLOW` in [`Trial::run`]).

use super::cond::Cond;
use super::deps::{Lists, OUTCOME_BIT};
use super::hazard::{Hazard, NEVER, schedule};
use super::list::List;
use super::observer::{Look, Observer};
use super::params;
use super::rng::{self, Purpose, Stream};
use super::scratch::{EV_INITIAL, EvState, REJECTED, Scratch, TrialEnd};
use super::simulator::{EventTable, Simulator};
use super::slices::TrialSlices;
use super::timer::{TimeUse, next_change};
use super::ziggurat;
use crate::expr::EvalCtx;

impl Simulator<'_> {
    /// Runs the trial whose key is `trial_key` (see [`super::trial_key`]), reporting to `obs`.
    pub fn simulate<O: Observer>(&self, trial_key: u64, s: &mut Scratch, obs: &mut O) -> TrialEnd {
        self.reset(s);
        // Two copies of the trial loop: a format-1 scenario without an `observed` step runs the
        // one without format-2 paths, whose trial lives in registers (see the module's
        // documentation).
        // Each in two copies again: with the calendar of firing steps when the scenario fits it
        // (see `calendar.rs`), else with the scan of the armed events.
        let mut end = if self.slow {
            self.simulate_slow(trial_key, s, obs)
        } else if self.calendar {
            Trial::new::<false>(self, s, obs, trial_key).run::<false, true>()
        } else {
            Trial::new::<false>(self, s, obs, trial_key).run::<false, false>()
        };
        s.rejected = end.outcome == REJECTED;
        if s.rejected {
            // Rejected by `observed`: not counted, and not an outcome.
            end.outcome = self.model.catch_all();
        }
        s.end = Some(end);
        end
    }

    /// The trial loop with format-2 paths, in a function of its own: compiled into
    /// [`Simulator::simulate`], it shared the registers and stack of the format-1 loop.
    #[inline(never)]
    fn simulate_slow<O: Observer>(&self, trial_key: u64, s: &mut Scratch, obs: &mut O) -> TrialEnd {
        let trial = Trial::new::<true>(self, s, obs, trial_key);
        if self.calendar {
            trial.run::<true, true>()
        } else {
            trial.run::<true, false>()
        }
    }
}

/// One trial in progress.
pub(super) struct Trial<'a, 'm, O> {
    pub(super) sim: &'a Simulator<'m>,
    /// The number of events: the length of every per-event slice.
    pub(super) n: usize,
    pub(super) events: &'a [EventTable],
    pub(super) v: TrialSlices<'a>,
    pub(super) obs: &'a mut O,
    pub(super) key: u64,
    /// Events that read `step` or `since` and can still fire.
    pub(super) live_step_events: usize,
    /// The result of the last scan of the armed list while no armed event's firing step has
    /// changed since (`fired_now` still holds too), else `STALE`: see [`Trial::next_firings`].
    /// One word rather than an `Option`, which would take two registers in the loop.
    pub(super) scanned: u32,
    /// The step at which the file's `given` is judged, until it is (`NEVER` without one).
    pub(super) observe_at: u32,
    /// At most the earliest `wake` of a live event that reads time: no such event is due for a
    /// look before it. Kept up to date as events are re-evaluated, rather than worked out by a
    /// scan of them at every step; a firing that kills one leaves it low, which costs at most
    /// one look at a step where nothing is due.
    pub(super) wake: u32,
    /// The drawn events whose probability this trial has not drawn yet (bit `e`: event `e`),
    /// drawn when they first are eligible (see `drawn.rs`).
    pub(super) pending: u64,
}

/// `Trial::scanned` when a scan is due: no scan gives 0 (steps start at 1).
pub(super) const STALE: u32 = 0;

/// The exponential threshold for the next firing of an event (state `st`): the next draw of its
/// threshold stream in this trial.
#[inline(always)]
pub(super) fn threshold(sim: &Simulator, st: &mut EvState) -> f64 {
    let mut stream = Stream::new(st.thr);
    let x = ziggurat::exp1(sim.zig, &mut stream);
    st.thr = stream.state();
    x
}

/// The hazard left of `rem` once an event has run at `h` from step `base` to step `t`.
#[inline(always)]
pub(super) fn remaining(rem: f64, h: Hazard, base: u32, t: u32) -> f64 {
    if h.h > 0.0 && t > base {
        (rem - f64::from(t - base) * h.h).max(0.0)
    } else {
        rem
    }
}

/// Takes event `e` off the armed list.
#[inline(always)]
pub(super) fn disarm(armed: &mut List, ev: &mut [EvState], e: usize) {
    let pos = ev[e].armed_at;
    if pos == NEVER {
        return;
    }
    ev[e].armed_at = NEVER;
    if let Some(moved) = armed.swap_remove(pos as usize) {
        ev[moved as usize].armed_at = pos;
    }
}

impl<'a, 'm, O: Observer> Trial<'a, 'm, O> {
    #[inline(always)]
    pub(super) fn new<const SLOW: bool>(
        sim: &'a Simulator<'m>,
        s: &'a mut Scratch,
        obs: &'a mut O,
        key: u64,
    ) -> Self {
        // Every per-event slice is cut to exactly `n` here, so that one check of an event index
        // against `n` (see `Trial::event`) lets the compiler drop the bounds checks of all of them.
        let n = sim.events.len();
        Trial {
            sim,
            n,
            events: &sim.events[..n],
            v: TrialSlices::new::<SLOW>(s, n),
            obs,
            key,
            live_step_events: sim.deps.step_events.len(),
            scanned: STALE,
            // The file's `observed` step (see `observed.rs`).
            observe_at: (sim.model.given.as_ref())
                .and_then(|g| g.observed)
                .unwrap_or(NEVER),
            // Every event that reads time is due at the first step.
            wake: 0,
            pending: 0,
        }
    }

    /// `e`, checked once against the length of every per-event slice.
    #[inline(always)]
    pub(super) fn event(&self, e: usize) -> usize {
        assert!(e < self.n, "event {e} out of range");
        e
    }

    #[inline(always)]
    /// `SLOW`: the scenario has format-2 numbers, `[params]` or an `observed` step
    /// ([`Simulator::slow`]); without, their paths are compiled out. `CAL`: the firing steps are
    /// kept in the calendar (`v.cal`), else in the armed list.
    pub(super) fn run<const SLOW: bool, const CAL: bool>(mut self) -> TrialEnd {
        let end = self.play::<SLOW, CAL>();
        if CAL {
            self.v.cal.clear();
        }
        if SLOW && !self.sim.numbers.chance_events.is_empty() {
            for &e in &self.sim.numbers.chance_events {
                self.close_repairs(e as usize, end.step + 1);
            }
        }
        let end = if !SLOW || self.observe_at == NEVER {
            end
        } else {
            self.observe_end(end)
        };
        *self.v.fired_len = self.v.fired_list.len();
        *self.v.path_len = self.v.path.len();
        self.forget_pending();
        end
    }

    #[inline(always)]
    fn play<const SLOW: bool, const CAL: bool>(&mut self) -> TrialEnd {
        let sim = self.sim;
        self.draw_start::<SLOW, CAL>();
        if SLOW && !self.v.params.is_empty() {
            let v = &mut self.v;
            params::draw(
                (sim.model, &sim.param_samplers),
                self.key,
                v.params,
                v.stack,
            );
        }
        if SLOW && sim.numbers.any {
            self.start_numbers();
        }
        if SLOW && (!self.v.params.is_empty() || !sim.numbers.inits.is_empty()) {
            let v = &mut self.v;
            if sim.param_terminal
                && let Some(outcome) = params::initial_end(sim.model, &ctx!(v, 0), v.stack)
            {
                return TrialEnd { outcome, step: 0 };
            }
        }
        if let Some(outcome) = sim.initial_end {
            return TrialEnd { outcome, step: 0 };
        }
        // Every event's first threshold, drawn up front. The draws do not depend on each other,
        // so the processor overlaps them here; drawn when each event is armed, every draw's
        // latency would sit between one firing and the next (this alone gave +40% on a chain).
        // This also resets every event's state for the trial.
        for e in 0..self.n {
            let mut st = EV_INITIAL;
            st.thr = rng::substream_seed(self.key, self.events[e].stream_key, Purpose::Threshold);
            st.rem = threshold(sim, &mut st);
            self.v.ev[e] = st;
        }
        for &e in &sim.init_eligible {
            let e = e as usize;
            self.obs.eligible(e);
            let table = &self.events[e];
            let factor = table.factor0;
            let c = self.v.chance[e];
            let h = if let Some(&h) = table.mod_hazards.get(table.held0 as usize) {
                h
            } else if factor == 1.0 {
                c.h
            } else {
                Hazard::of((c.q() * factor).min(1.0))
            };
            self.obs.looked(e, Look::before(1, true, table.held0));
            self.rearm::<CAL>(e, h, 1);
        }
        for &(e, m) in &sim.init_held {
            self.obs.modifier_held(e as usize, m as usize);
        }
        if SLOW {
            for &e in &sim.param_events {
                self.mark_event(e as usize);
            }
        }

        let horizon = sim.horizon;
        let mut t = 1u32;
        // While a condition reads time (`step`, `since`), look at it at the steps where it may
        // change value (or every step; see `super::timer`). Such events only die, so once none
        // is left the trial stays in the jumping loop below.
        while self.live_step_events > 0 || !sim.deps.step_outcomes.is_empty() {
            if SLOW && t > self.observe_at && !self.observe(self.observe_at) {
                return TrialEnd::rejected(t - 1);
            }
            if self.wake <= t {
                // The events due now are re-evaluated below, which gives each its next `wake`.
                let mut rest = NEVER;
                for &e in &sim.deps.step_events {
                    let wake = self.v.ev[e as usize].wake;
                    if wake <= t {
                        self.mark_event(e as usize);
                    } else {
                        rest = rest.min(wake);
                    }
                }
                self.wake = rest;
            }
            while let Some(e) = self.v.dirty.pop() {
                self.refresh::<SLOW, CAL>(e as usize, t);
            }
            let next = self.next_firings::<CAL>();
            debug_assert!(next >= t, "a firing scheduled in the past");
            if next == t {
                self.fire_all::<SLOW, CAL>(t);
            }
            for &o in &sim.deps.step_outcomes {
                if self.v.out_wake[o as usize] <= t {
                    self.mark_outcome(o as usize);
                }
            }
            if let Some(outcome) = self.check_terminal(t) {
                return TrialEnd { outcome, step: t };
            }
            t = self.next_look::<CAL>(t);
            if t > horizon {
                return TrialEnd {
                    outcome: self.classify(),
                    step: horizon,
                };
            }
        }
        // From one firing to the next. Every pass fires, so the scan is always due: the cached
        // form would only add a test and keep its state live through the loop.
        loop {
            while let Some(e) = self.v.dirty.pop() {
                self.refresh::<SLOW, CAL>(e as usize, t);
            }
            let next = self.scan_firings::<CAL>();
            debug_assert!(next >= t, "a firing scheduled in the past");
            if SLOW && next > self.observe_at && !self.observe(self.observe_at) {
                return TrialEnd::rejected(t - 1);
            }
            if next > horizon {
                break;
            }
            t = next;
            self.fire_all::<SLOW, CAL>(t);
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

    #[inline(always)]
    pub(super) fn mark_event(&mut self, e: usize) {
        let e = self.event(e);
        let st = &mut self.v.ev[e];
        if !st.dirty && !st.dead {
            st.dirty = true;
            self.v.dirty.push(e as u32);
        }
    }

    #[inline(always)]
    pub(super) fn mark_outcome(&mut self, o: usize) {
        if !self.v.out_dirty[o] {
            self.v.out_dirty[o] = true;
            self.v.out_candidates.push(o as u32);
        }
    }

    #[inline(always)]
    pub(super) fn mark_readers(&mut self, readers: &Lists, i: usize) {
        for &r in readers.get(i) {
            self.mark_reader(r);
        }
    }

    /// Marks reader `r` of the dependency lists: an event, or an outcome with `OUTCOME_BIT`.
    #[inline(always)]
    pub(super) fn mark_reader(&mut self, r: u32) {
        if r & OUTCOME_BIT == 0 {
            self.mark_event(r as usize);
        } else {
            self.mark_outcome((r & !OUTCOME_BIT) as usize);
        }
    }

    /// Re-evaluates event `e` against the state at the start of step `t`.
    #[inline(always)]
    fn refresh<const SLOW: bool, const CAL: bool>(&mut self, e: usize, t: u32) {
        let e = self.event(e);
        let sim = self.sim;
        let v = &mut self.v;
        let st = &mut v.ev[e];
        st.dirty = false;
        if st.dead {
            return;
        }
        let table = &self.events[e];
        let eligible = match table.when {
            Cond::General => sim.numbers.when[e].eval(&ctx!(v, t), v.stack) != 0.0,
            fast => fast.holds_fast(v.flags, v.vars, v.times),
        };
        if eligible {
            self.obs.eligible(e);
        }
        let h = if SLOW && table.computed {
            self.computed_hazard(e, eligible, t)
        } else {
            self.fixed_hazard::<CAL>(e, eligible, t)
        };
        let v = &mut self.v;
        if table.reads_step {
            let wake = match &sim.event_time[e] {
                TimeUse::Atoms(atoms) => next_change(atoms, t, v.last_fired),
                TimeUse::EveryStep => t + 1,
            };
            v.ev[e].wake = wake;
            self.wake = self.wake.min(wake);
        }
        let st = &v.ev[e];
        if h.h != st.h.h {
            self.rearm::<CAL>(e, h, t);
        }
    }

    /// The hazard of event `e` at the start of step `t`: its fixed chance for the trial, times
    /// the factors of the modifiers that hold.
    #[inline(always)]
    fn fixed_hazard<const CAL: bool>(&mut self, e: usize, eligible: bool, t: u32) -> Hazard {
        let sim = self.sim;
        let table = &self.events[e];
        if eligible {
            self.ready::<CAL>(e);
        }
        let v = &mut self.v;
        if !eligible {
            self.obs.looked(e, Look::before(t, false, 0));
            Hazard::ZERO
        } else if table.has_modifiers {
            // The product in file order, as `Iterator::product` takes it (from 1).
            let mut factor = 1.0;
            let mut held = 0u32;
            for (i, &(c, f)) in table.mod_conds.iter().enumerate() {
                let holds = match c {
                    Cond::General => {
                        let when = &sim.numbers.modifier_when[e][i];
                        when.eval(&ctx!(v, t), v.stack) != 0.0
                    }
                    fast => fast.holds_fast(v.flags, v.vars, v.times),
                };
                if holds {
                    factor *= f;
                    held |= 1u32.wrapping_shl(i as u32);
                    self.obs.modifier_held(e, i);
                }
            }
            self.obs.looked(e, Look::before(t, true, held));
            let c = v.chance[e];
            let (last_factor, last_h) = v.factor_cache[e];
            if let Some(&h) = table.mod_hazards.get(held as usize) {
                // A chance fixed for the run: the hazard prepared for these modifiers.
                h
            } else if factor == 1.0 {
                c.h
            } else if factor == last_factor {
                // A re-evaluated event mostly finds the factor it found before: skip the
                // logarithm (the chance is fixed for the trial, so the hazard is the same).
                last_h
            } else {
                // The chance as worked out once this trial (an `over` needs an exponential).
                let q = c.q();
                v.chance[e] = c.with_q(q);
                let h = Hazard::of((q * factor).min(1.0));
                v.factor_cache[e] = (factor, h);
                h
            }
        } else {
            self.obs.looked(e, Look::before(t, true, 0));
            v.chance[e].h
        }
    }

    /// Changes event `e`'s hazard to `h` from step `t` on, keeping the hazard it accumulated.
    #[inline(always)]
    pub(super) fn rearm<const CAL: bool>(&mut self, e: usize, h: Hazard, t: u32) {
        let e = self.event(e);
        if !CAL {
            self.scanned = STALE;
        }
        let v = &mut self.v;
        let st = &mut v.ev[e];
        if st.h.h > 0.0 && t > st.base {
            st.rem = remaining(st.rem, st.h, st.base, t);
        }
        st.base = t;
        st.h = h;
        if CAL {
            let at = if h.h > 0.0 {
                schedule(st.rem, h, t)
            } else {
                NEVER
            };
            v.cal.moved(e, st.fire_at, at);
            st.fire_at = at;
        } else if h.h > 0.0 {
            st.fire_at = schedule(st.rem, h, t);
            if st.armed_at == NEVER {
                st.armed_at = v.armed.len() as u32;
                v.armed.push(e as u32);
            }
        } else {
            st.fire_at = NEVER;
            disarm(&mut v.armed, v.ev, e);
        }
    }

    /// The earliest scheduled firing step, with the events that fire then in `fired_now`.
    ///
    /// Written with branches on purpose: the processor predicts which event comes next and
    /// runs ahead into its firing. A branch-free minimum (conditional moves) makes the event
    /// wait for the comparison of the scheduled steps, and the engine ran a third slower.
    ///
    /// While conditions read time, a step without a firing or a change of hazard would scan the
    /// list again for the same answer (once more in [`Trial::next_look`]): that scan is skipped.
    /// With the calendar (`CAL`) the answer is one bit search, and `fired_now` is not filled:
    /// the events are the calendar's at that step.
    #[inline(always)]
    fn next_firings<const CAL: bool>(&mut self) -> u32 {
        if CAL {
            return self.v.cal.first();
        }
        if self.scanned != STALE {
            return self.scanned;
        }
        let next = self.scan_firings::<CAL>();
        self.scanned = next;
        next
    }

    /// [`Trial::next_firings`] without the cache: scans the armed list.
    #[inline(always)]
    fn scan_firings<const CAL: bool>(&mut self) -> u32 {
        if CAL {
            return self.v.cal.first();
        }
        let v = &mut self.v;
        let mut next = NEVER;
        v.fired_now.clear();
        for &e in v.armed.as_slice() {
            let at = v.ev[e as usize].fire_at;
            if at < next {
                next = at;
                v.fired_now.clear();
                v.fired_now.push(e);
            } else if at == next {
                v.fired_now.push(e);
            }
        }
        next
    }

    /// The first terminal outcome (file order) that holds after step `t`, among those that read
    /// something that changed or that read time and were due for a look.
    #[inline(always)]
    fn check_terminal(&mut self, t: u32) -> Option<usize> {
        if self.v.out_candidates.is_empty() {
            return None;
        }
        self.first_terminal(t)
    }

    /// The next step after `t` at which anything can happen while conditions read time: a
    /// re-evaluation, a firing, or a time condition that may change value (at the latest: see
    /// `Trial::wake`; a look at a step where nothing happens changes nothing).
    #[inline(always)]
    fn next_look<const CAL: bool>(&mut self, t: u32) -> u32 {
        if !self.v.dirty.is_empty() {
            return t + 1;
        }
        let mut next = self.next_firings::<CAL>().min(self.wake);
        for &o in &self.sim.deps.step_outcomes {
            next = next.min(self.v.out_wake[o as usize]);
        }
        next.max(t + 1)
    }

    #[inline(always)]
    fn first_terminal(&mut self, t: u32) -> Option<usize> {
        let sim = self.sim;
        let v = &mut self.v;
        let mut best = usize::MAX;
        for &o in v.out_candidates.as_slice() {
            let o = o as usize;
            v.out_dirty[o] = false;
            if o < best {
                let when = sim.numbers.outcome_when[o].as_ref().expect("terminal");
                if sim.outcome_when[o].holds(when, &ctx!(v, t), v.stack) {
                    best = o;
                }
                match &sim.outcome_time[o] {
                    TimeUse::Atoms(atoms) if atoms.is_empty() => {}
                    TimeUse::Atoms(atoms) => v.out_wake[o] = next_change(atoms, t, v.last_fired),
                    TimeUse::EveryStep => v.out_wake[o] = t + 1,
                }
            }
        }
        v.out_candidates.clear();
        (best != usize::MAX).then_some(best)
    }

    /// The outcome of a trial that reached the horizon.
    #[inline(always)]
    fn classify(&mut self) -> usize {
        let sim = self.sim;
        for &o in &sim.final_outcomes {
            let o = o as usize;
            let when = sim.numbers.outcome_when[o].as_ref().expect("judged");
            if sim.outcome_when[o].holds(when, &ctx!(self.v, sim.horizon), self.v.stack) {
                return o;
            }
        }
        sim.model.catch_all()
    }
}
