//! What a firing does: the event's next threshold (or its death), its branch and effects, and
//! which conditions must be looked at again. Part of the inner loop of [`Trial`].

use super::actions::{Action, Step};
use super::deps::OUTCOME_BIT;
use super::hazard::{Hazard, NEVER, schedule};
use super::observer::{Look, Observer};
use super::paths::path_hash_push;
use super::rng::{self, Purpose, Stream};
use super::simulator::EventTable;
use super::trial::{STALE, Trial, disarm, threshold};

impl<O: Observer> Trial<'_, '_, O> {
    /// Fires the events scheduled for step `t`: those in `fired_now`, or in the calendar (`CAL`).
    #[inline(always)]
    pub(super) fn fire_all<const SLOW: bool, const CAL: bool>(&mut self, t: u32) {
        if CAL {
            // The events due now, taken off the calendar before any fires: a firing that re-arms
            // another event due now moves it, but it still fires now, as with the scan.
            let mut due = self.v.cal.take(t);
            if SLOW && self.sim.numbers.any_firing {
                self.v.fired_now.clear();
                let mut m = due;
                while m != 0 {
                    self.v.fired_now.push(m.trailing_zeros());
                    m &= m - 1;
                }
                self.eval_firings(t);
            }
            while due != 0 {
                let e = due.trailing_zeros() as usize;
                due &= due - 1;
                self.fire::<SLOW, CAL>(e, t);
            }
            return;
        }
        // Every firing changes the armed list or a firing step: the next scan is due.
        self.scanned = STALE;
        if SLOW && self.sim.numbers.any_firing {
            // Values computed at a firing read the state at the start of the step.
            self.eval_firings(t);
        }
        if self.v.fired_now.len() == 1 {
            let e = self.v.fired_now.as_slice()[0] as usize;
            self.fire::<SLOW, CAL>(e, t);
            return;
        }
        // Effects apply in file order. The list is short (rarely more than three events): an
        // insertion sort in place beats a call into the library's sort.
        let now = self.v.fired_now.as_mut_slice();
        for i in 1..now.len() {
            let x = now[i];
            let mut j = i;
            while j > 0 && now[j - 1] > x {
                now[j] = now[j - 1];
                j -= 1;
            }
            now[j] = x;
        }
        for i in 0..self.v.fired_now.len() {
            let e = self.v.fired_now.as_slice()[i] as usize;
            self.fire::<SLOW, CAL>(e, t);
        }
    }

    #[inline(always)]
    fn fire<const SLOW: bool, const CAL: bool>(&mut self, e: usize, t: u32) {
        let e = self.event(e);
        let sim = self.sim;
        let table = &self.events[e];
        let v = &mut self.v;
        // The firing's number in the trial (1 for the first): the count is in a register now,
        // so the first-firing test needs no other load.
        let count = v.times[e] + 1;
        v.times[e] = count;
        v.last_fired[e] = t;
        // The firing's stream and branch first: their draws then run while the bookkeeping
        // below does, rather than after it, where the actions waited for them. Handed to
        // `fire_effects` through memory (`draws`): kept in registers across the firing, they
        // made the rest of it spill. (A computed firing chooses its branch itself.)
        if table.draws_effects {
            let seed = if !table.repeat {
                effects_seed(self.key, table)
            } else if count == 1 {
                let seed = effects_seed(self.key, table);
                v.eff_seed[e] = seed;
                seed
            } else {
                v.eff_seed[e]
            };
            let mut stream = Stream::firing(seed, u64::from(count - 1));
            let branch = if (SLOW && table.fires_computed) || table.branch_cum.is_empty() {
                NO_BRANCH
            } else {
                pick_branch(&table.branch_cum, stream.uniform())
            };
            *v.draws = (stream.state(), branch);
        }
        let st = &mut v.ev[e];
        if table.repeat {
            if count == 1 {
                v.first_fired[e] = t;
                v.fired_list.push(e as u32);
                if table.in_path {
                    v.path.push(e as u32);
                    *v.path_hash = path_hash_push(*v.path_hash, e as u32);
                }
            }
            // The threshold drawn ahead at the last firing (at the first, drawn now), and the
            // one after it, which nothing here waits for.
            let next = if count == 1 {
                threshold(sim, st)
            } else {
                v.ahead[e]
            };
            v.ahead[e] = threshold(sim, st);
            st.rem = next;
            st.base = t + 1;
            let at = schedule(st.rem, st.h, t + 1);
            if CAL {
                // Still at `t` (taken off already) unless a firing of this step re-armed it.
                if st.fire_at != t {
                    v.cal.remove(e, st.fire_at);
                }
                v.cal.insert(e, at);
            }
            st.fire_at = at;
        } else {
            // A once-only event fires for the first and only time.
            v.first_fired[e] = t;
            v.fired_list.push(e as u32);
            st.dead = true;
            st.h = Hazard::ZERO;
            if SLOW && table.computed {
                self.close_repairs(e, t + 1);
            }
            let v = &mut self.v;
            let st = &mut v.ev[e];
            if CAL && st.fire_at != t {
                v.cal.remove(e, st.fire_at);
            }
            st.fire_at = NEVER;
            if table.in_path {
                if sim.separate_path {
                    v.path.push(e as u32);
                }
                *v.path_hash = path_hash_push(*v.path_hash, e as u32);
            }
            if !CAL {
                disarm(&mut v.armed, v.ev, e);
            }
            if table.reads_step {
                self.live_step_events -= 1;
                // Never due again: the looks at events that read time need no test of `dead`.
                v.ev[e].wake = NEVER;
            }
        }
        if table.has_effects {
            self.fire_effects::<SLOW>(e, t);
        } else {
            self.obs.fired(t, e, None);
        }
        for &r in &table.readers {
            if r & OUTCOME_BIT != 0 {
                self.mark_outcome((r & !OUTCOME_BIT) as usize);
            } else if let Some(eligible) = self.events[r as usize].after_firing {
                self.settle::<CAL>(r as usize, eligible, t + 1);
            } else {
                self.mark_event(r as usize);
            }
        }
    }

    /// Re-arms event `e`, whose condition is only whether another event fired, from step `t`:
    /// what [`Trial::refresh`] would find at the start of step `t`, found now.
    #[inline(always)]
    fn settle<const CAL: bool>(&mut self, e: usize, eligible: bool, t: u32) {
        let e = self.event(e);
        if eligible {
            // (A dead event fired, so it was drawn.)
            self.ready::<CAL>(e);
        }
        let st = &self.v.ev[e];
        if st.dead {
            return;
        }
        let h = if eligible {
            self.obs.eligible(e);
            self.v.chance[e].h
        } else {
            Hazard::ZERO
        };
        // Settled while step `t - 1` fires.
        self.obs.looked(e, Look::during(t - 1, eligible, 0));
        if h.h != st.h.h {
            self.rearm::<CAL>(e, h, t);
        }
    }

    /// Applies the effects of event `e`, fired at step `t`, with the branch and stream
    /// [`Trial::fire`] drew for it.
    #[inline(always)]
    fn fire_effects<const SLOW: bool>(&mut self, e: usize, t: u32) {
        let table = &self.events[e];
        // Read whether or not this firing drew them: an event that draws nothing (no branch, no
        // amount that is not a constant) reads neither, and the test cost more than the load.
        let (state, branch) = *self.v.draws;
        let mut stream = Stream::new(state);
        if SLOW && table.fires_computed {
            self.fire_computed(e, t, &mut stream);
            return;
        }
        // The firing's actions (see `actions.rs`): the event's, then its branch's.
        let actions = if table.branch_cum.is_empty() {
            self.obs.fired(t, e, None);
            &table.actions.plain
        } else {
            self.obs.fired(t, e, Some(branch));
            self.v.branch_counts[table.branch_offset + branch] += 1;
            &table.actions.branch[branch]
        };
        for action in actions {
            self.act(action, &mut stream, t);
        }
    }

    /// Makes the change `action` of a firing at step `t`, drawing from the firing's `stream`.
    #[inline(always)]
    fn act(&mut self, action: &Action, stream: &mut Stream, t: u32) {
        match action {
            Action::Set(f) => self.set_flag(*f as usize, true, t),
            Action::Clear(f) => self.set_flag(*f as usize, false, t),
            Action::Add {
                var,
                lo,
                hi,
                amount,
            } => {
                let x = amount.sample(self.sim.tables, stream);
                let v = *var as usize;
                let sum = self.v.vars[v] + x;
                // Within the bounds (the common case) clamping gives the sum back, even at a
                // bound: two comparisons instead of a NaN-safe `max` and `min`.
                let new = if sum >= *lo && sum <= *hi {
                    sum
                } else {
                    sum.max(*lo).min(*hi)
                };
                self.var_changed(v, new, t);
            }
            Action::Assign { var, value } => self.var_changed(*var as usize, *value, t),
        }
    }

    /// Gives flag `f` the value `on` at step `t`.
    #[inline(always)]
    fn set_flag(&mut self, f: usize, on: bool, t: u32) {
        if self.v.flags[f] != on {
            self.v.flags[f] = on;
            self.obs.flag_changed(t, f, on);
            self.mark_readers(&self.sim.deps.flags, f);
        }
    }

    /// [`Trial::fire_effects`] for an event with drawn or computed weights, amounts or values.
    #[inline(always)]
    fn fire_computed(&mut self, e: usize, t: u32, stream: &mut Stream) {
        let table = &self.events[e];
        let branch = if !self.sim.numbers.events[e].weights.is_empty() {
            let u = stream.uniform();
            self.computed_branch(e, u)
        } else {
            (!table.branch_cum.is_empty()).then(|| pick_branch(&table.branch_cum, stream.uniform()))
        };
        self.obs.fired(t, e, branch);
        let firing = u64::from(self.v.times[e] - 1);
        let steps = match branch {
            Some(b) => {
                self.v.branch_counts[table.branch_offset + b] += 1;
                &table.steps.branch[b]
            }
            None => &table.steps.plain,
        };
        for step in steps {
            match step {
                Step::Fixed(action) => self.act(action, stream, t),
                Step::Computed(act) => self.apply_act(e, act, firing, t),
            }
        }
    }

    #[inline(always)]
    pub(super) fn set_var(&mut self, v: usize, value: f64, t: u32) {
        let (lo, hi) = (self.sim.var_min[v], self.sim.var_max[v]);
        // Within the bounds (the common case) clamping gives the value back: two comparisons
        // instead of a NaN-safe `max` and `min`, as for a format-1 `add`.
        let new = if value >= lo && value <= hi {
            value
        } else {
            value.max(lo).min(hi)
        };
        self.var_changed(v, new, t);
    }

    /// Gives variable `v` the value `new` (within its bounds) at step `t`.
    #[inline(always)]
    fn var_changed(&mut self, v: usize, new: f64, t: u32) {
        let old = self.v.vars[v];
        if new != old {
            self.v.vars[v] = new;
            self.obs.variable_changed(t, v, old, new);
            let (lo, hi) = self.v.brackets[v];
            if !(new > lo && new < hi) {
                let cuts = &self.sim.deps.var_cuts;
                for r in cuts.crossed(v, old, new) {
                    self.mark_reader(r);
                }
                self.v.brackets[v] = cuts.bracket(v, new);
            }
        }
    }
}

/// The branch of a firing of an event without branches.
const NO_BRANCH: usize = usize::MAX;

/// The seed of the streams of an event's firings in the trial of key `key`.
#[inline(always)]
pub(super) fn effects_seed(key: u64, table: &EventTable) -> u64 {
    rng::substream_seed(key, table.stream_key, Purpose::Effects)
}

/// The branch whose cumulative weight `cum` first exceeds `u` times the total (`u` in [0, 1)).
///
/// The weights are not negative, so that branch's number is how many of the other branches'
/// cumulative weights are at most `u` times the total: counted without a branch, since which
/// branch a firing takes is the one thing here the processor cannot guess.
#[inline(always)]
pub(super) fn pick_branch(cum: &[f64], u: f64) -> usize {
    let (total, rest) = cum.split_last().expect("an event with branches");
    let x = u * total;
    rest.iter().map(|&c| usize::from(c <= x)).sum()
}

#[cfg(test)]
mod tests {
    use super::pick_branch;
    use crate::engine::rng::Stream;

    /// The count gives the branch the search by definition gives: the first whose cumulative
    /// weight exceeds the draw times the total, at the edges and for random weights.
    #[test]
    fn the_count_is_the_first_branch_past_the_draw() {
        let search = |cum: &[f64], u: f64| {
            let x = u * cum[cum.len() - 1];
            cum.iter().position(|&c| x < c).unwrap_or(cum.len() - 1)
        };
        let mut s = Stream::new(7);
        for n in 1..=6 {
            for _ in 0..2000 {
                let mut total = 0.0;
                let cum: Vec<f64> = (0..n)
                    .map(|_| {
                        total += 0.01 + s.uniform();
                        total
                    })
                    .collect();
                // The edges: each cumulative weight over the total, just below it, and 0.
                let edges = cum
                    .iter()
                    .flat_map(|&c| [c / total, (c / total).next_down()]);
                for u in edges.chain([0.0, s.uniform()]).filter(|&u| u < 1.0) {
                    assert_eq!(pick_branch(&cum, u), search(&cum, u), "{cum:?}, u = {u}");
                }
            }
        }
    }
}

/// A repeating event's k-th firing uses the k-th draw of its threshold stream (the engine draws
/// the next one a firing ahead: this pins the order), with the calendar and with the scan.
#[cfg(test)]
mod threshold_order {
    use crate::engine::hazard::Hazard;
    use crate::engine::rng::{Purpose, Stream, substream_seed};
    use crate::engine::{Observer, Simulator, ziggurat};

    const SCENARIO: &str = r#"
[scenario]
name = "t"
horizon = 60
[[actors]]
id = "x"
name = "X"
[[events]]
id = "r"
actor = "x"
probability = 0.3
repeat = true
[[events]]
id = "s"
actor = "x"
probability = 0.2
repeat = true
when = "r"
[[outcomes]]
id = "rest"
"#;

    /// Per event, the steps at which it fired.
    struct Steps(Vec<Vec<u32>>);

    impl Observer for Steps {
        fn fired(&mut self, step: u32, event: usize, _branch: Option<usize>) {
            self.0[event].push(step);
        }
    }

    /// The steps at which an event with chance `p` per step, eligible from step `from`, fires
    /// up to `horizon`: each threshold in turn, over the hazard, rounded up, is the wait.
    fn expected(key: u64, stream_key: u64, p: f64, from: u32, horizon: u32) -> Vec<u32> {
        let h = Hazard::of(p);
        let mut s = Stream::new(substream_seed(key, stream_key, Purpose::Threshold));
        let (mut steps, mut next) = (Vec::new(), from);
        loop {
            let x = ziggurat::exp1(ziggurat::tables(), &mut s);
            let wait = ((x * h.inv).ceil() as u32).max(1);
            let at = next - 1 + wait;
            if at > horizon {
                return steps;
            }
            steps.push(at);
            next = at + 1;
        }
    }

    #[test]
    fn the_kth_firing_uses_the_kth_threshold() {
        let model = crate::model::load_str("t.toml", SCENARIO, &[])
            .unwrap()
            .model;
        let keys: Vec<u64> = model.events.iter().map(|e| e.stream_key).collect();
        for calendar in [false, true] {
            let mut sim = Simulator::new(&model, &[]);
            sim.calendar = calendar;
            let mut scratch = sim.scratch();
            let mut fired = 0;
            for key in 0..2000u64 {
                let mut obs = Steps(vec![Vec::new(); 2]);
                sim.simulate(key, &mut scratch, &mut obs);
                let r = expected(key, keys[0], 0.3, 1, 60);
                // `s` is eligible from the step after `r` first fires.
                let s = r
                    .first()
                    .map_or(Vec::new(), |&t| expected(key, keys[1], 0.2, t + 1, 60));
                assert_eq!(obs.0, [r, s], "trial {key}, calendar {calendar}");
                fired += obs.0[1].len();
            }
            assert!(fired > 10_000, "{fired} firings of s");
        }
    }
}
