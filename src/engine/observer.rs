//! Watching one trial as it runs, for `trace` and the analysis commands.
//!
//! Every method has an empty default body; the run path uses [`NoObserver`], so the calls
//! compile away and the hot loop pays nothing for tracing.

/// Callbacks from [`super::Simulator::simulate`], in the order things happen.
pub trait Observer {
    /// Whether the caller reads the drawn probabilities (here or in the trial's
    /// [`super::Scratch`]). When not, a trial draws an event's probability only once the event
    /// is eligible: an event that never is ran the same with any draw, so the trial is the same.
    const READS_DRAWS: bool = true;

    /// A distribution-valued probability was drawn for `event` (at step 0, in file order). The
    /// value is the draw itself, before any [`super::ProbAdjust`] and before `over`.
    #[inline]
    fn probability_drawn(&mut self, _event: usize, _value: f64) {}

    /// `event`'s conditions held when it was looked at (it could fire from then on, its
    /// probability and modifiers permitting). An event never reported here ran exactly as it
    /// would have with any other probability, factors or branch weights, which lets sensitivity
    /// reuse a trial instead of simulating it again.
    #[inline]
    fn eligible(&mut self, _event: usize) {}

    /// Modifier `modifier` of `event` held while the event was eligible, so its factor entered
    /// the event's chance. A modifier never reported here left the trial as it would have been
    /// with any other factor (sensitivity reuses such trials too).
    #[inline]
    fn modifier_held(&mut self, _event: usize, _modifier: usize) {}

    /// `event`, whose numbers are fixed in the file, was looked at: whether it was eligible,
    /// and which modifiers held, which is all its hazard depends on from then on (see
    /// [`Look`] for when). Reported at every re-evaluation, including those that change
    /// nothing, in the order they happen. Sensitivity replays these looks, with the event's
    /// firings, through other numbers ([`super::Simulator::fires_alike`]) to find the trials
    /// it need not simulate again.
    #[inline]
    fn looked(&mut self, _event: usize, _look: Look) {}

    /// `event` fired at `step`; `branch` is the branch chosen, if the event has branches.
    /// Called just before the event's effects apply, so the changes that follow are its own.
    #[inline]
    fn fired(&mut self, _step: u32, _event: usize, _branch: Option<usize>) {}

    /// An effect changed flag `flag` to `value` (writes that change nothing are not reported).
    #[inline]
    fn flag_changed(&mut self, _step: u32, _flag: usize, _value: bool) {}

    /// An effect changed variable `var` from `old` to `new` (after clamping).
    #[inline]
    fn variable_changed(&mut self, _step: u32, _var: usize, _old: f64, _new: f64) {}
}

/// One look at an event, or its firing (see [`Observer::looked`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    /// `2 * t` for a look before the firings of step `t` (a re-evaluation, or the trial's start
    /// at step 1), `2 * t + 1` for one during them (an event whose condition is another's
    /// firing, settled at once) and for the event's own firing at step `t`.
    pub phase: u32,
    pub eligible: bool,
    /// Bit `i`: modifier `i` held.
    pub held: u32,
    /// The event fired (`eligible` and `held` then say nothing: see [`Look::firing`]).
    pub fired: bool,
}

impl Look {
    /// A look before the firings of step `step`.
    #[inline(always)]
    pub(super) fn before(step: u32, eligible: bool, held: u32) -> Look {
        Look {
            phase: 2 * step,
            eligible,
            held,
            fired: false,
        }
    }

    /// A look during the firings of step `step`: the hazard found applies from the next step.
    #[inline(always)]
    pub(super) fn during(step: u32, eligible: bool, held: u32) -> Look {
        Look {
            phase: 2 * step + 1,
            eligible,
            held,
            fired: false,
        }
    }

    /// The event's own firing at step `step`. A replay stops at it, and a once-only event is
    /// never looked at again, so it carries no eligibility or modifiers of its own.
    #[inline(always)]
    pub fn firing(step: u32) -> Look {
        Look {
            phase: 2 * step + 1,
            eligible: true,
            held: 0,
            fired: true,
        }
    }

    /// The step from which the hazard found applies.
    pub(super) fn from(&self) -> u32 {
        self.phase.div_ceil(2)
    }
}

/// The observer that watches nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoObserver;

impl Observer for NoObserver {
    const READS_DRAWS: bool = false;
}
