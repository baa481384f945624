//! A trial's working memory ([`Scratch`]) and the per-event state it holds, reused from one
//! trial to the next so that a trial allocates nothing.

use super::chance::Chance;
use super::hazard::{Hazard, NEVER};

/// An empty entry of `Scratch::factor_cache` (NaN equals no factor).
pub(super) const NO_FACTOR: (f64, Hazard) = (f64::NAN, Hazard::ZERO);

/// How a trial ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrialEnd {
    /// Index into `Model::outcomes`.
    pub outcome: usize,
    /// The step at which a terminal outcome held (0 when it held before the first step), else
    /// the horizon.
    pub step: u32,
}

/// The outcome of a trial rejected at the file's `observed` step (see `observed.rs`), inside
/// the trial loop only: [`super::Simulator::simulate`] reports it as `Scratch::rejected`.
pub(super) const REJECTED: usize = usize::MAX;

impl TrialEnd {
    /// A trial rejected by the file's `observed` condition, after step `step`.
    pub(super) fn rejected(step: u32) -> TrialEnd {
        TrialEnd {
            outcome: REJECTED,
            step,
        }
    }
}

/// The state of one event within a trial.
#[derive(Clone, Copy, Debug)]
pub(super) struct EvState {
    /// The current hazard per step; zero while the event cannot fire.
    pub(super) h: Hazard,
    /// Hazard still to accumulate before the next firing, as of the start of step `base`
    /// (every event's first threshold is drawn when the trial starts).
    pub(super) rem: f64,
    pub(super) base: u32,
    /// The step in which the event fires if its hazard stays `h`; `NEVER` when not armed.
    pub(super) fire_at: u32,
    /// Position in `Scratch::armed`, or `NEVER`.
    pub(super) armed_at: u32,
    /// Where this event's threshold stream stands in this trial ([`super::rng::Stream::state`]):
    /// seeded once per trial rather than at every firing.
    pub(super) thr: u64,
    /// Once-only and fired: can never change again.
    pub(super) dead: bool,
    /// Queued for re-evaluation.
    pub(super) dirty: bool,
    /// For an event whose conditions read time: the next step at which they may change value
    /// (see [`super::timer`]).
    pub(super) wake: u32,
}

pub(super) const EV_INITIAL: EvState = EvState {
    h: Hazard::ZERO,
    rem: 0.0,
    base: 0,
    fire_at: NEVER,
    armed_at: NEVER,
    thr: 0,
    dead: false,
    dirty: false,
    wake: 0,
};

/// Working memory for trials, reused from one trial to the next (no allocation per trial).
/// After [`super::Simulator::simulate`] it holds the trial's final state.
#[derive(Clone, Debug)]
pub struct Scratch {
    /// The state conditions read: flags, variables, and per event how often it fired and the
    /// steps of its last and first firing ([`NEVER`] if none).
    pub(super) flags: Vec<bool>,
    pub(super) vars: Vec<f64>,
    /// Per variable: the values it can move to without changing any condition
    /// ([`super::cuts::Cuts::bracket`] of its value).
    pub(super) brackets: Vec<(f64, f64)>,
    /// The parameters' values in the current trial.
    pub(super) params: Vec<f64>,
    pub(super) times: Vec<u32>,
    pub(super) last_fired: Vec<u32>,
    pub(super) first_fired: Vec<u32>,
    /// Per event: its drawn probability this trial, NaN if it has none.
    pub(super) drawn: Vec<f64>,
    pub(super) chance: Vec<Chance>,
    pub(super) ev: Vec<EvState>,
    /// Per repeating event that draws at its firings: the seed of its effects streams in this
    /// trial, worked out at its first firing rather than at every one (valid once it fired).
    pub(super) eff_seed: Vec<u64>,
    /// Per repeating event that fired: the threshold of its firing after next, drawn one
    /// firing ahead so that scheduling the next firing does not wait for the draw. Kept out of
    /// [`EvState`], which every trial sets for every event when it starts.
    pub(super) ahead: Vec<f64>,
    /// Per outcome: already among `out_candidates`.
    pub(super) out_dirty: Vec<bool>,
    /// Per outcome that reads time: the next step at which it may change value.
    pub(super) out_wake: Vec<u32>,
    /// Per event: the last modifier factor other than 1 and the hazard it gave, this trial.
    pub(super) factor_cache: Vec<(f64, Hazard)>,
    /// Buffers for the trial's lists ([`super::list::List`]), each with room for every event
    /// (outcome), so that pushing never checks a capacity. Only the fired events and the path
    /// outlive a trial; their lengths are `fired_len` and `path_len`.
    /// The events that can fire, and the events and outcomes to look at again.
    pub(super) armed: Vec<u32>,
    /// The calendar's masks ([`super::calendar::Calendar`]), all zero between trials.
    pub(super) cal: [u64; 64],
    pub(super) dirty: Vec<u32>,
    pub(super) out_candidates: Vec<u32>,
    /// The events that fire in the current step.
    pub(super) fired_now: Vec<u32>,
    /// The events that fired at least once, in the order of their first firing.
    pub(super) fired_list: Vec<u32>,
    pub(super) fired_len: usize,
    /// The path, kept only when some event repeats or is a milestone; otherwise it is the fired
    /// events.
    pub(super) path: Vec<u32>,
    pub(super) path_len: usize,
    pub(super) path_is_fired_list: bool,
    /// [`super::paths::path_hash`] of the path.
    pub(super) path_hash: u64,
    /// The firing in progress: its stream after the branch's draw, and its branch (see
    /// `firing.rs`). In memory rather than in registers, which the rest of a firing needs.
    pub(super) draws: (u64, usize),
    /// How often each branch was taken, all events' branches in file order.
    pub(super) branch_counts: Vec<u32>,
    /// Format 2: this trial's drawn factors and weights, the values computed for the firings
    /// of a step, the repairs per event, the steps from which an event's probability (factor)
    /// has been out of range ([`NEVER`]: it is not), and per variable whether its initial value
    /// was clamped.
    pub(super) slot_vals: Vec<f64>,
    pub(super) fire_vals: Vec<f64>,
    pub(super) repairs: Vec<super::Repairs>,
    pub(super) clamp_from: Vec<u32>,
    pub(super) zero_from: Vec<u32>,
    pub(super) init_clamped: Vec<u32>,
    /// The evaluation stack of conditions, sized for the deepest one.
    pub(super) stack: Vec<f64>,
    pub(super) end: Option<TrialEnd>,
    /// The last trial was rejected at the file's `observed` step (see `observed.rs`).
    pub(super) rejected: bool,
    /// The [`super::Simulator`] whose chances `chance` holds.
    pub(super) owner: u64,
}

impl Scratch {
    /// Flags at the end of the last trial.
    pub fn flags(&self) -> &[bool] {
        &self.flags
    }

    /// The parameters drawn for the last trial.
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Variables at the end of the last trial.
    pub fn vars(&self) -> &[f64] {
        &self.vars
    }

    /// How often each event fired in the last trial.
    pub fn times(&self) -> &[u32] {
        &self.times
    }

    /// The step at which each event first fired, or [`NEVER`].
    pub fn first_fired(&self) -> &[u32] {
        &self.first_fired
    }

    /// The events that fired at least once, in the order of their first firing.
    pub fn fired_events(&self) -> &[u32] {
        &self.fired_list[..self.fired_len]
    }

    /// The escalation path: the milestones that fired when the scenario marks any, else the
    /// once-only events that fired; in order (same step: file order).
    pub fn path(&self) -> &[u32] {
        if self.path_is_fired_list {
            self.fired_events()
        } else {
            &self.path[..self.path_len]
        }
    }

    /// [`super::PathTally`]'s hash of [`Scratch::path`].
    pub fn path_hash(&self) -> u64 {
        self.path_hash
    }

    /// The drawn probability of a distribution-valued event in the last trial (before any
    /// adjustment), else `None`. Run with [`super::NoObserver`], a trial draws only the events
    /// that became eligible (see [`super::Observer::READS_DRAWS`]): the others give `None`.
    pub fn drawn_probability(&self, event: usize) -> Option<f64> {
        let p = self.drawn[event];
        (!p.is_nan()).then_some(p)
    }

    /// The repairs of each event in the last trial (all zero without format-2 numbers).
    pub fn repairs(&self) -> &[super::Repairs] {
        &self.repairs
    }

    /// Per variable: 1 if its drawn or computed initial value was clamped in the last trial.
    pub fn initial_clamped(&self) -> &[u32] {
        &self.init_clamped
    }

    /// The last trial's end, if a trial has run.
    pub fn end(&self) -> Option<TrialEnd> {
        self.end
    }
}
