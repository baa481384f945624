//! The firing steps of a trial's armed events as a calendar of bitmasks, for scenarios of at most
//! [`CAL_EVENTS`] events and a horizon of at most [`CAL_STEPS`] steps (most scenarios).
//!
//! The trial needs, after every firing, the earliest step at which an armed event fires and the
//! events that fire then, in file order. Scanning the armed events for the minimum costs a load
//! and a comparison per armed event per firing, and the events found then need sorting. Here each
//! step has a bitmask of the events due then (bit `e`: event `e`) and one word marks the steps
//! that have any: the earliest step is that word's lowest set bit, and its events come out of
//! their mask in ascending order, which is file order. Moving an event to another step is two
//! bit operations on each side.
//!
//! Steps past [`CAL_STEPS`] (and `NEVER`, not armed) are not kept: any step past the horizon
//! means "does not fire in this trial" to the trial, exactly like `NEVER`.

use super::hazard::NEVER;

/// The most events a calendar holds (one bit each).
pub(super) const CAL_EVENTS: usize = 64;
/// The longest horizon a calendar covers (steps 1 to 63; steps start at 1).
pub(super) const CAL_STEPS: u32 = 63;

/// The calendar is used when at least this many events are eligible at the start (or judged
/// per trial: format-2 chances, parameters). It pays when
/// several events are armed at once; while one is (a chain of events, each waiting for the one
/// before), the scan of the armed list is one comparison, and its branch lets the processor
/// guess the next event and run ahead into its firing, where the calendar makes that event wait
/// for the bit search on the step just worked out: a chain of 24 ran 50% slower (3 M trials,
/// user time), though it took 3% fewer instructions.
pub(super) const CAL_MIN_ELIGIBLE: usize = 4;

/// A trial's calendar over a buffer of 64 masks that is all zero when the trial starts, and is
/// left all zero by [`Calendar::clear`].
pub(super) struct Calendar<'a> {
    slots: &'a mut [u64; 64],
    /// Bit `s` is set exactly when `slots[s]` is not zero.
    occupied: u64,
}

impl<'a> Calendar<'a> {
    #[inline(always)]
    pub(super) fn new(slots: &'a mut [u64; 64]) -> Calendar<'a> {
        Calendar { slots, occupied: 0 }
    }

    /// Moves event `e` (`< CAL_EVENTS`) from step `from` to step `to` (either may be `NEVER`).
    #[inline(always)]
    pub(super) fn moved(&mut self, e: usize, from: u32, to: u32) {
        self.remove(e, from);
        self.insert(e, to);
    }

    /// Puts event `e` at step `step` (past the calendar: nowhere).
    #[inline(always)]
    pub(super) fn insert(&mut self, e: usize, step: u32) {
        if step <= CAL_STEPS {
            self.slots[step as usize] |= 1u64 << (e & 63);
            self.occupied |= 1u64 << step;
        }
    }

    /// Takes event `e` off step `step`, where [`Calendar::insert`] put it (or left it out).
    #[inline(always)]
    pub(super) fn remove(&mut self, e: usize, step: u32) {
        if step <= CAL_STEPS {
            let left = self.slots[step as usize] & !(1u64 << (e & 63));
            self.slots[step as usize] = left;
            self.occupied &= !(u64::from(left == 0) << step);
        }
    }

    /// The earliest step with an event, or `NEVER`.
    #[inline(always)]
    pub(super) fn first(&self) -> u32 {
        if self.occupied == 0 {
            NEVER
        } else {
            self.occupied.trailing_zeros()
        }
    }

    /// The events at step `step` (at most [`CAL_STEPS`]) as a mask, taken off the calendar:
    /// [`Calendar::remove`] of one of them at that step is then a no-op.
    #[inline(always)]
    pub(super) fn take(&mut self, step: u32) -> u64 {
        let s = step as usize & 63;
        let due = self.slots[s];
        self.slots[s] = 0;
        self.occupied &= !(1u64 << s);
        due
    }

    /// Empties the calendar, leaving its buffer all zero for the next trial.
    #[inline(always)]
    pub(super) fn clear(&mut self) {
        let mut m = self.occupied;
        while m != 0 {
            self.slots[m.trailing_zeros() as usize] = 0;
            m &= m - 1;
        }
        self.occupied = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::{Stream, substream_seed};

    /// The armed-list scan the calendar replaces: the earliest firing step and its events in
    /// file order.
    fn scan(fire_at: &[u32]) -> (u32, Vec<usize>) {
        let next = fire_at.iter().copied().min().unwrap_or(NEVER);
        let due = (0..fire_at.len()).filter(|&e| fire_at[e] == next).collect();
        (next, due)
    }

    /// The calendar's answer in the trial's terms: a first step past `horizon` means no firing.
    fn answer(cal: &Calendar, horizon: u32) -> (u32, Vec<usize>) {
        let next = cal.first();
        if next > horizon {
            return (NEVER, Vec::new());
        }
        let mask = cal.slots[next as usize];
        (next, (0..64).filter(|&e| mask >> e & 1 == 1).collect())
    }

    #[test]
    fn agrees_with_the_scan_on_random_schedules() {
        let mut stream = Stream::new(substream_seed(1, 2, crate::engine::rng::Purpose::Effects));
        let mut buf = [0u64; 64];
        for round in 0..200 {
            let n = 1 + (stream.uniform() * 64.0) as usize;
            let horizon = 1 + (stream.uniform() * 63.0) as u32;
            let mut fire_at = vec![NEVER; n];
            let mut cal = Calendar::new(&mut buf);
            for _ in 0..400 {
                let e = (stream.uniform() * n as f64) as usize;
                // Steps within the horizon, past it, past the calendar, and not armed.
                let u = stream.uniform();
                let to = if u < 0.1 {
                    NEVER
                } else if u < 0.2 {
                    64 + (u * 1000.0) as u32
                } else {
                    1 + (stream.uniform() * 63.0) as u32
                };
                cal.moved(e, fire_at[e], to);
                fire_at[e] = to;
                let (next, due) = scan(&fire_at);
                if u < 0.3 && next <= CAL_STEPS {
                    // A step's firings: its events taken off, then each moved on (or dropped).
                    let taken = cal.take(next);
                    assert_eq!(taken.count_ones() as usize, due.len(), "round {round}");
                    for e in due {
                        let later = if u < 0.25 { next + 1 + e as u32 } else { NEVER };
                        cal.moved(e, next, later);
                        fire_at[e] = later;
                    }
                }
                let (next, due) = scan(&fire_at);
                let want = if next > horizon {
                    (NEVER, Vec::new())
                } else {
                    (next, due)
                };
                assert_eq!(answer(&cal, horizon), want, "round {round}");
            }
            cal.clear();
            assert!(buf.iter().all(|&m| m == 0), "round {round}: not cleared");
        }
    }

    /// Four events eligible from the start (the calendar's minimum), repeating with branches,
    /// modifiers and amounts, one of them once-only and one waiting for another; `PROB` is a
    /// fixed or a computed (format 2) chance.
    const SCENARIO: &str = r#"
[scenario]
name = "Calendar"
horizon = 60
[[actors]]
id = "x"
name = "X"
[variables]
level = { initial = 0, min = 0, max = 30 }
[[events]]
id = "a"
actor = "x"
probability = PROB
repeat = true
modifiers = [{ when = "level >= 4", factor = 2.5 }]
[[events.branches]]
weight = 1
add = { level = 1 }
[[events.branches]]
weight = 2
add = { level = { poisson = 0.5 } }
[[events]]
id = "b"
actor = "x"
probability = 0.03
repeat = true
assign = { level = 2 }
[[events]]
id = "c"
actor = "x"
probability = 0.05
[[events]]
id = "d"
actor = "x"
probability = 0.1
repeat = true
add = { level = -1 }
[[events]]
id = "e"
actor = "x"
probability = 0.4
when = "c"
[[outcomes]]
id = "high"
when = "level >= 8"
[[outcomes]]
id = "rest"
"#;

    #[test]
    fn trials_with_the_calendar_are_the_trials_of_the_scan() {
        use crate::engine::{NoObserver, Simulator};
        for prob in ["0.2", "\"0.2 + 0 * level\""] {
            let text = SCENARIO.replace("PROB", prob);
            let model = crate::model::load_str("t.toml", &text, &[]).unwrap().model;
            let (a, mut b) = (Simulator::new(&model, &[]), Simulator::new(&model, &[]));
            assert!(a.calendar, "{prob}: the scenario fits the calendar");
            b.calendar = false;
            let (mut sa, mut sb) = (a.scratch(), b.scratch());
            let mut ends = [0; 2];
            for key in 0..3000 {
                let end = a.simulate(key, &mut sa, &mut NoObserver);
                assert_eq!(
                    end,
                    b.simulate(key, &mut sb, &mut NoObserver),
                    "trial {key}"
                );
                assert_eq!(sa.times(), sb.times(), "trial {key}");
                assert_eq!(sa.first_fired(), sb.first_fired(), "trial {key}");
                assert_eq!(sa.vars(), sb.vars(), "trial {key}");
                assert_eq!(sa.path(), sb.path(), "trial {key}");
                ends[end.outcome] += 1;
            }
            assert!(ends.iter().all(|&n| n > 300), "{prob}: {ends:?}");
        }
    }

    #[test]
    fn firing_moves_each_event_off_its_step() {
        let mut buf = [0u64; 64];
        let mut cal = Calendar::new(&mut buf);
        cal.insert(3, 5);
        cal.insert(0, 5);
        cal.insert(63, 7);
        cal.insert(1, 64);
        assert_eq!((cal.first(), cal.take(5)), (5, 0b1001));
        // Both are off step 5 now: moving one from there, or removing it, changes nothing else.
        cal.moved(0, 5, 9);
        cal.remove(3, 5);
        assert_eq!(cal.first(), 7);
        cal.remove(63, 7);
        assert_eq!(cal.first(), 9);
        assert_eq!(cal.take(9), 1);
        cal.moved(1, 64, NEVER);
        assert_eq!(cal.first(), NEVER);
        assert!(cal.slots.iter().all(|&m| m == 0));
    }
}
