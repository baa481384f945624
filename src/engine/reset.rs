//! Making a trial's working memory ready for the next trial: only what the last trial changed.

use super::hazard::NEVER;
use super::paths::PATH_HASH_EMPTY;
use super::scratch::{NO_FACTOR, Scratch};
use super::simulator::Simulator;

impl Simulator<'_> {
    /// Makes `s` ready for a fresh trial.
    pub(super) fn reset(&self, s: &mut Scratch) {
        if s.owner != self.id {
            // Working memory from another simulator: laid out for another model, its firing
            // buffer's memos would read as this one's. Fresh memory (rare: every run, analysis
            // and trace gives each simulator its own).
            *s = self.scratch();
            return;
        }
        // Only the events that fired have anything to undo. A loop over them beats `fill`, whose
        // calls to memset cost more than the stores for the few dozen events of a scenario,
        // unless most events fired (a chain): then three memsets beat a store per event.
        let n = self.events.len();
        let (times, last, first) = (
            &mut s.times[..n],
            &mut s.last_fired[..n],
            &mut s.first_fired[..n],
        );
        let fired = &s.fired_list[..s.fired_len];
        if 2 * fired.len() > n {
            times.fill(0);
            last.fill(NEVER);
            first.fill(NEVER);
        } else {
            for &e in fired {
                let e = e as usize;
                times[e] = 0;
                last[e] = NEVER;
                first[e] = NEVER;
            }
        }
        if self.branch_total > 0 {
            s.branch_counts.fill(0);
        }
        if !self.deps.step_outcomes.is_empty() {
            s.out_wake.fill(0);
        }
        if self.any_modifiers {
            // Drawn probabilities change the hazards from one trial to the next.
            s.factor_cache.fill(NO_FACTOR);
        }
        s.fired_len = 0;
        s.path_len = 0;
        s.path_is_fired_list = !self.separate_path;
        s.path_hash = PATH_HASH_EMPTY;
        // (Guarded: even an empty copy is a call into the C library.)
        if !s.flags.is_empty() {
            s.flags.copy_from_slice(&self.init_flags);
        }
        if !s.vars.is_empty() {
            s.vars.copy_from_slice(&self.init_vars);
            s.brackets.copy_from_slice(&self.init_brackets);
        }
        // `ev` is set afresh when the trial starts (with every event's first threshold).
        if self.numbers.any {
            s.repairs.fill(super::Repairs::default());
            s.clamp_from.fill(NEVER);
            s.zero_from.fill(NEVER);
            s.init_clamped.fill(0);
        }
        s.end = None;
    }
}
