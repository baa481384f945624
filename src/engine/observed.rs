//! `[scenario] given` with `observed = S`: the file's condition judged on the state at the end of
//! step S, after that step's terminal check. A trial that fails it, or that ended before step S,
//! is rejected, and a trial is rejected as soon as that is known: the steps after S of a trial
//! that will not be counted are never simulated, which is most of the work of a conditioned run
//! whose evidence is rare. Without `observed`, the file's condition is judged on the end state,
//! exactly like `--given` ([`Simulator::keeps`]).
//!
//! The trial loop calls [`Trial::observe`] before it moves past step S: the state then is the
//! state at the end of step S, since nothing changes between firings.

use super::hazard::NEVER;
use super::observer::Observer;
use super::scratch::{REJECTED, Scratch, TrialEnd};
use super::simulator::Simulator;
use super::trial::Trial;
use crate::expr::{EvalCtx, Program};

impl<O: Observer> Trial<'_, '_, O> {
    /// Judges the observed condition on the current state, as the state at the end of step
    /// `at`: `false` rejects the trial. Either way it is judged once.
    #[cold]
    pub(super) fn observe(&mut self, at: u32) -> bool {
        self.observe_at = NEVER;
        let program = &self.sim.model.given.as_ref().expect("observed").program;
        let v = &mut self.v;
        program.eval_bool(&ctx!(v, at), v.stack)
    }

    /// A trial that ended without passing its observation step: rejected if it ended before
    /// it, else judged on its end state (which is the state at the end of that step).
    pub(super) fn observe_end(&mut self, end: TrialEnd) -> TrialEnd {
        let at = self.observe_at;
        if at == NEVER {
            return end;
        }
        if end.step < at || !self.observe(at) {
            return TrialEnd {
                outcome: REJECTED,
                step: end.step.min(at),
            };
        }
        end
    }
}

impl Simulator<'_> {
    /// Whether the last trial of `s` counts: it passed the file's `given` (at its `observed`
    /// step, or at the end) and `extra` (a `--given`) holds at its end.
    pub fn keeps(&self, extra: Option<&Program>, s: &mut Scratch) -> bool {
        if s.rejected {
            return false;
        }
        if let Some(g) = &self.model.given
            && g.observed.is_none()
            && !self.given_holds(&g.program, s)
        {
            return false;
        }
        extra.is_none_or(|g| self.given_holds(g, s))
    }
}
