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
    /// with any other factor (sensitivity reuses such trials too). Not reported for events whose
    /// numbers are computed (format 2).
    #[inline]
    fn modifier_held(&mut self, _event: usize, _modifier: usize) {}

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

/// The observer that watches nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoObserver;

impl Observer for NoObserver {
    const READS_DRAWS: bool = false;
}
