//! The scratch arrays of one trial, borrowed as plain slices ([`TrialSlices`]) for the inner
//! loop of [`super::trial::Trial`].
//!
//! The trial's fields are meant to live in registers (or in spill slots the compiler owns), not
//! in memory behind a pointer: then the per-event slices all have the one length `n`, checked
//! once per event index, and no store into a slice forces the next access to reload an address
//! and a length and check it again. That holds only while the trial's address never reaches a
//! function that is not inlined. The rare paths that are not inlined (format-2 numbers, the
//! file's `observed`) therefore run on a reborrowed copy ([`TrialSlices::reborrow`], see
//! `Trial::detached`), and the trial takes back the lengths of its lists afterwards.

use super::Repairs;
use super::hazard::Hazard;
use super::list::List;
use super::scratch::{Chance, EvState, Scratch};

/// The scratch arrays of one trial, borrowed as slices.
pub(super) struct TrialSlices<'a> {
    pub(super) flags: &'a mut [bool],
    pub(super) vars: &'a mut [f64],
    pub(super) brackets: &'a mut [(f64, f64)],
    pub(super) params: &'a mut [f64],
    pub(super) times: &'a mut [u32],
    pub(super) last_fired: &'a mut [u32],
    pub(super) first_fired: &'a mut [u32],
    pub(super) drawn: &'a mut [f64],
    pub(super) chance: &'a mut [Chance],
    pub(super) ev: &'a mut [EvState],
    pub(super) out_dirty: &'a mut [bool],
    pub(super) out_wake: &'a mut [u32],
    pub(super) factor_cache: &'a mut [(f64, Hazard)],
    pub(super) branch_counts: &'a mut [u32],
    pub(super) armed: List<'a>,
    pub(super) dirty: List<'a>,
    pub(super) out_candidates: List<'a>,
    pub(super) fired_now: List<'a>,
    pub(super) fired_list: List<'a>,
    pub(super) fired_len: &'a mut usize,
    pub(super) path: List<'a>,
    pub(super) path_len: &'a mut usize,
    pub(super) path_hash: &'a mut u64,
    pub(super) slot_vals: &'a mut [f64],
    pub(super) fire_vals: &'a mut [f64],
    pub(super) repairs: &'a mut [Repairs],
    pub(super) clamp_from: &'a mut [u32],
    pub(super) zero_from: &'a mut [u32],
    pub(super) init_clamped: &'a mut [u32],
    pub(super) stack: &'a mut Vec<f64>,
}

/// The lengths of a trial's lists (see [`TrialSlices::lengths`]).
pub(super) type Lengths = [usize; 6];

impl<'a> TrialSlices<'a> {
    /// The arrays of `s` for a trial of `n` events, with empty lists.
    ///
    /// Every per-event slice is cut to exactly `n` here, so that one check of an event index
    /// against `n` (see `Trial::event`) lets the compiler drop the bounds checks of all of them.
    #[inline(always)]
    pub(super) fn new(s: &'a mut Scratch, n: usize) -> Self {
        TrialSlices {
            flags: &mut s.flags,
            vars: &mut s.vars,
            brackets: &mut s.brackets,
            params: &mut s.params,
            times: &mut s.times[..n],
            last_fired: &mut s.last_fired[..n],
            first_fired: &mut s.first_fired[..n],
            drawn: &mut s.drawn[..n],
            chance: &mut s.chance[..n],
            ev: &mut s.ev[..n],
            out_dirty: &mut s.out_dirty,
            out_wake: &mut s.out_wake,
            factor_cache: &mut s.factor_cache[..n],
            branch_counts: &mut s.branch_counts,
            armed: List::new(&mut s.armed[..n], 0),
            dirty: List::new(&mut s.dirty[..n], 0),
            out_candidates: List::new(&mut s.out_candidates, 0),
            fired_now: List::new(&mut s.fired_now[..n], 0),
            fired_list: List::new(&mut s.fired_list[..n], 0),
            fired_len: &mut s.fired_len,
            path: List::new(&mut s.path[..n], 0),
            path_len: &mut s.path_len,
            path_hash: &mut s.path_hash,
            slot_vals: &mut s.slot_vals,
            fire_vals: &mut s.fire_vals,
            repairs: &mut s.repairs[..n],
            clamp_from: &mut s.clamp_from[..n],
            zero_from: &mut s.zero_from[..n],
            init_clamped: &mut s.init_clamped,
            stack: &mut s.stack,
        }
    }

    /// The same arrays and lists, borrowed again (see the module's documentation).
    #[inline(always)]
    pub(super) fn reborrow(&mut self) -> TrialSlices<'_> {
        TrialSlices {
            flags: &mut *self.flags,
            vars: &mut *self.vars,
            brackets: &mut *self.brackets,
            params: &mut *self.params,
            times: &mut *self.times,
            last_fired: &mut *self.last_fired,
            first_fired: &mut *self.first_fired,
            drawn: &mut *self.drawn,
            chance: &mut *self.chance,
            ev: &mut *self.ev,
            out_dirty: &mut *self.out_dirty,
            out_wake: &mut *self.out_wake,
            factor_cache: &mut *self.factor_cache,
            branch_counts: &mut *self.branch_counts,
            armed: self.armed.reborrow(),
            dirty: self.dirty.reborrow(),
            out_candidates: self.out_candidates.reborrow(),
            fired_now: self.fired_now.reborrow(),
            fired_list: self.fired_list.reborrow(),
            fired_len: &mut *self.fired_len,
            path: self.path.reborrow(),
            path_len: &mut *self.path_len,
            path_hash: &mut *self.path_hash,
            slot_vals: &mut *self.slot_vals,
            fire_vals: &mut *self.fire_vals,
            repairs: &mut *self.repairs,
            clamp_from: &mut *self.clamp_from,
            zero_from: &mut *self.zero_from,
            init_clamped: &mut *self.init_clamped,
            stack: &mut *self.stack,
        }
    }

    /// The lengths of the lists, which a reborrowed copy changes and gives back.
    #[inline(always)]
    pub(super) fn lengths(&self) -> Lengths {
        [
            self.armed.len(),
            self.dirty.len(),
            self.out_candidates.len(),
            self.fired_now.len(),
            self.fired_list.len(),
            self.path.len(),
        ]
    }

    #[inline(always)]
    pub(super) fn set_lengths(&mut self, l: Lengths) {
        self.armed.set_len(l[0]);
        self.dirty.set_len(l[1]);
        self.out_candidates.set_len(l[2]);
        self.fired_now.set_len(l[3]);
        self.fired_list.set_len(l[4]);
        self.path.set_len(l[5]);
    }
}
