//! A simulator's fresh working memory ([`Simulator::scratch`]), sized for its model. Apart
//! from scratch.rs so that the scratch does not import the simulator that runs on it.

use super::hazard::NEVER;
use super::paths::PATH_HASH_EMPTY;
use super::scratch::{EV_INITIAL, NO_FACTOR, Scratch};
use super::simulator::Simulator;

impl Simulator<'_> {
    /// Fresh working memory sized for this model.
    pub fn scratch(&self) -> Scratch {
        let n = self.model.events.len();
        Scratch {
            flags: self.init_flags.clone(),
            vars: self.init_vars.clone(),
            brackets: self.init_brackets.clone(),
            params: vec![0.0; self.model.params.len()],
            times: vec![0; n],
            last_fired: vec![NEVER; n],
            first_fired: vec![NEVER; n],
            drawn: vec![f64::NAN; n],
            chance: self.chance.clone(),
            ev: vec![EV_INITIAL; n],
            eff_seed: vec![0; n],
            ahead: vec![0.0; n],
            out_dirty: vec![false; self.model.outcomes.len()],
            out_wake: vec![0; self.model.outcomes.len()],
            factor_cache: vec![NO_FACTOR; n],
            armed: vec![0; n],
            cal: [0; 64],
            dirty: vec![0; n],
            out_candidates: vec![0; self.model.outcomes.len()],
            fired_now: vec![0; n],
            fired_list: vec![0; n],
            fired_len: 0,
            path: vec![0; n],
            path_len: 0,
            path_is_fired_list: !self.separate_path,
            path_hash: PATH_HASH_EMPTY,
            draws: (0, 0),
            branch_counts: vec![0; self.branch_total],
            slot_vals: vec![0.0; self.numbers.slots.len()],
            fire_vals: self.numbers.fresh_fire_vals(),
            repairs: vec![super::Repairs::default(); n],
            clamp_from: vec![NEVER; n],
            zero_from: vec![NEVER; n],
            init_clamped: vec![0; self.model.variables.len()],
            stack: Vec::with_capacity(self.max_stack.max(4)),
            end: None,
            rejected: false,
            owner: self.id,
        }
    }
}
