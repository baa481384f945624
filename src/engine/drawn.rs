//! Drawn probabilities (a distribution instead of a number): one draw per event per trial, from
//! the event's own stream, so when in the trial it is drawn changes nothing.
//!
//! The events eligible at the start are drawn when the trial starts, where the draws overlap.
//! The others are drawn when they first become eligible ([`Trial::ready`]), unless the caller
//! reads every draw ([`super::Observer::READS_DRAWS`]): in most trials of a scenario, the events
//! waiting for a rare one (an intervention after a war, say) never become eligible, and their
//! draws were a tenth of a trial's work.

use super::chance::Chance;
use super::observer::Observer;
use super::rng::{self, Purpose, Stream};
use super::sample::Tables;
use super::simulator::{EventTable, Simulator};
use super::trial::Trial;

impl<O: Observer> Trial<'_, '_, O> {
    /// Draws the probabilities of the trial's start: all of them when the observer reads them,
    /// with format-2 paths (`SLOW`) or without the calendar (`CAL`: the scan's loop, for a
    /// chain, runs faster without the tests of [`Trial::ready`]); else those of the events
    /// eligible at the start, leaving the others pending.
    #[inline(always)]
    pub(super) fn draw_start<const SLOW: bool, const CAL: bool>(&mut self) {
        let sim = self.sim;
        let events = if O::READS_DRAWS || SLOW || !CAL {
            &sim.drawn_events
        } else {
            self.pending = sim.drawn_later;
            &sim.drawn_first
        };
        // Two passes: all draws, then all chances, so the logarithms and divisions of
        // different events overlap instead of each waiting for its own draw.
        for &e in events {
            self.draw_probability(e as usize);
        }
        for &e in events {
            self.set_chance(e as usize);
        }
    }

    /// Draws event `e`'s probability if it is pending: before its chance is read.
    #[inline(always)]
    pub(super) fn ready<const CAL: bool>(&mut self, e: usize) {
        if CAL && self.pending & (1u64 << (e & 63)) != 0 {
            self.pending &= !(1u64 << (e & 63));
            (self.v.drawn[e], self.v.chance[e]) = draw_chance(self.sim, self.key, e);
        }
    }

    /// At the end of the trial: the events still pending drew nothing (see
    /// [`super::Scratch::drawn_probability`]).
    #[inline(always)]
    pub(super) fn forget_pending(&mut self) {
        while self.pending != 0 {
            self.v.drawn[self.pending.trailing_zeros() as usize] = f64::NAN;
            self.pending &= self.pending - 1;
        }
    }

    #[inline(always)]
    fn draw_probability(&mut self, e: usize) {
        let p = draw(&self.events[e], self.sim.tables, self.key);
        self.obs.probability_drawn(e, p);
        self.v.drawn[e] = p;
    }

    /// Event `e`'s chance from its probability drawn by [`Trial::draw_probability`].
    #[inline(always)]
    fn set_chance(&mut self, e: usize) {
        self.v.chance[e] = self.events[e].chance_of(self.v.drawn[e]);
    }
}

/// Event `e`'s probability drawn for the trial of key `key`, and its chance: what
/// [`Trial::draw_probability`] and [`Trial::set_chance`] do, out of line, for an event drawn
/// once eligible.
#[inline(never)]
pub(super) fn draw_chance(sim: &Simulator, key: u64, e: usize) -> (f64, Chance) {
    let t = &sim.events[e];
    let p = draw(t, sim.tables, key);
    (p, t.chance_of(p))
}

/// The probability of event `t` drawn for the trial of key `key`, from the event's own stream.
#[inline(always)]
fn draw(t: &EventTable, tables: Tables, key: u64) -> f64 {
    let dist = t.drawn.as_ref().expect("listed as drawn");
    let seed = rng::substream_seed(key, t.stream_key, Purpose::Probability);
    dist.sample(tables, &mut Stream::new(seed)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use crate::engine::{NoObserver, Observer, Simulator};

    /// Reads every draw, as `trace` and sensitivity do.
    struct Reads;
    impl Observer for Reads {}

    /// `b` and `c` wait for `a` (rare, so they are often never eligible); `a` and `d` are eligible at the
    /// start; all four drawn; the rest fill the calendar's minimum of events eligible at the start.
    const SCENARIO: &str = r#"
[scenario]
name = "Drawn when eligible"
horizon = 40
[[actors]]
id = "x"
name = "X"
[variables]
level = { initial = 0, min = 0, max = 50 }
[[events]]
id = "a"
actor = "x"
probability = { pert = [0.01, 0.05, 0.1] }
[[events]]
id = "b"
actor = "x"
probability = { beta = [2, 5] }
repeat = true
when = "a"
add = { level = 1 }
[[events]]
id = "c"
actor = "x"
probability = { uniform = [0.1, 0.5] }
when = "level >= 3"
modifiers = [{ when = "level >= 6", factor = 1.5 }]
[[events]]
id = "d"
actor = "x"
probability = { pert = [0.1, 0.2, 0.3] }
repeat = true
add = { level = 0.25 }
[[events]]
id = "e"
actor = "x"
probability = 0.2
repeat = true
[[events]]
id = "f"
actor = "x"
probability = 0.3
[[events]]
id = "g"
actor = "x"
probability = 0.1
repeat = true
[[outcomes]]
id = "late"
when = "c"
[[outcomes]]
id = "rest"
"#;

    #[test]
    fn trials_drawing_when_eligible_are_the_trials_drawing_at_the_start() {
        let model = crate::model::load_str("t.toml", SCENARIO, &[])
            .unwrap()
            .model;
        let sim = Simulator::new(&model, &[]);
        assert!(sim.calendar, "the scenario fits the calendar");
        assert_eq!(sim.drawn_later, 0b110, "b and c wait");
        let (mut lazy, mut eager) = (sim.scratch(), sim.scratch());
        let (mut ends, mut undrawn) = ([0; 2], 0);
        for key in 0..4000 {
            let end = sim.simulate(key, &mut lazy, &mut NoObserver);
            assert_eq!(
                end,
                sim.simulate(key, &mut eager, &mut Reads),
                "trial {key}"
            );
            assert_eq!(lazy.times(), eager.times(), "trial {key}");
            assert_eq!(lazy.first_fired(), eager.first_fired(), "trial {key}");
            assert_eq!(lazy.vars(), eager.vars(), "trial {key}");
            for e in 0..4 {
                let (got, want) = (lazy.drawn_probability(e), eager.drawn_probability(e));
                assert!(want.is_some(), "trial {key}: every draw read");
                match got {
                    Some(p) => assert_eq!(Some(p), want, "trial {key}, event {e}"),
                    None => undrawn += 1,
                }
            }
            ends[end.outcome] += 1;
        }
        assert!(ends.iter().all(|&n| n > 200), "{ends:?}");
        assert!(undrawn > 1000, "{undrawn} draws skipped");
    }
}
