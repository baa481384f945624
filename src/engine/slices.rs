//! The scratch arrays of one trial, borrowed as plain slices ([`TrialSlices`]) for the inner
//! loop of [`super::trial::Trial`].
//!
//! The trial's fields are meant to live in registers (or in spill slots the compiler owns), not
//! in memory behind a pointer: then the per-event slices all have the one length `n`, checked
//! once per event index, and no store into a slice forces the next access to reload an address
//! and a length and check it again (see `trial.rs` for when that holds).

use super::Repairs;
use super::calendar::Calendar;
use super::chance::Chance;
use super::hazard::Hazard;
use super::list::List;
use super::scratch::{EvState, Scratch};

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
    pub(super) eff_seed: &'a mut [u64],
    pub(super) ahead: &'a mut [f64],
    pub(super) out_dirty: &'a mut [bool],
    pub(super) out_wake: &'a mut [u32],
    pub(super) factor_cache: &'a mut [(f64, Hazard)],
    pub(super) branch_counts: &'a mut [u32],
    pub(super) armed: List<'a>,
    pub(super) cal: Calendar<'a>,
    pub(super) dirty: List<'a>,
    pub(super) out_candidates: List<'a>,
    pub(super) fired_now: List<'a>,
    pub(super) fired_list: List<'a>,
    pub(super) fired_len: &'a mut usize,
    pub(super) path: List<'a>,
    pub(super) path_len: &'a mut usize,
    pub(super) path_hash: &'a mut u64,
    pub(super) draws: &'a mut (u64, usize),
    pub(super) slot_vals: &'a mut [f64],
    pub(super) fire_vals: &'a mut [f64],
    pub(super) repairs: &'a mut [Repairs],
    pub(super) clamp_from: &'a mut [u32],
    pub(super) zero_from: &'a mut [u32],
    pub(super) init_clamped: &'a mut [u32],
    pub(super) stack: &'a mut Vec<f64>,
}

impl<'a> TrialSlices<'a> {
    /// The arrays of `s` for a trial of `n` events, with empty lists.
    ///
    /// Every per-event slice is cut to exactly `n` here, so that one check of an event index
    /// against `n` (see `Trial::event`) lets the compiler drop the bounds checks of all of them.
    ///
    /// Without `SLOW` (see `Trial::run`) the arrays of format-2 numbers and parameters are
    /// empty (a format-1 scenario has none to fill): constants, they take no register and no
    /// check in the format-1 loop.
    #[inline(always)]
    pub(super) fn new<const SLOW: bool>(s: &'a mut Scratch, n: usize) -> Self {
        TrialSlices {
            flags: &mut s.flags,
            vars: &mut s.vars,
            brackets: &mut s.brackets,
            params: if SLOW { &mut s.params } else { &mut [] },
            times: &mut s.times[..n],
            last_fired: &mut s.last_fired[..n],
            first_fired: &mut s.first_fired[..n],
            drawn: &mut s.drawn[..n],
            chance: &mut s.chance[..n],
            ev: &mut s.ev[..n],
            eff_seed: &mut s.eff_seed[..n],
            ahead: &mut s.ahead[..n],
            out_dirty: &mut s.out_dirty,
            out_wake: &mut s.out_wake,
            factor_cache: &mut s.factor_cache[..n],
            branch_counts: &mut s.branch_counts,
            armed: List::new(&mut s.armed[..n], 0),
            cal: Calendar::new(&mut s.cal),
            dirty: List::new(&mut s.dirty[..n], 0),
            out_candidates: List::new(&mut s.out_candidates, 0),
            fired_now: List::new(&mut s.fired_now[..n], 0),
            fired_list: List::new(&mut s.fired_list[..n], 0),
            fired_len: &mut s.fired_len,
            path: List::new(&mut s.path[..n], 0),
            path_len: &mut s.path_len,
            path_hash: &mut s.path_hash,
            draws: &mut s.draws,
            slot_vals: if SLOW { &mut s.slot_vals } else { &mut [] },
            fire_vals: if SLOW { &mut s.fire_vals } else { &mut [] },
            repairs: if SLOW { &mut s.repairs[..n] } else { &mut [] },
            clamp_from: if SLOW {
                &mut s.clamp_from[..n]
            } else {
                &mut []
            },
            zero_from: if SLOW { &mut s.zero_from[..n] } else { &mut [] },
            init_clamped: if SLOW { &mut s.init_clamped } else { &mut [] },
            stack: &mut s.stack,
        }
    }
}
