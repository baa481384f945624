//! One trial, exactly as format.md section 5 defines it, as fast as the semantics allow.
//!
//! Sampling: each eligible event carries an exponential(1) threshold and accumulates hazard
//! `h = -ln(1 - q)` per eligible step at per-step chance `q`; it fires in the step where the
//! accumulated hazard reaches the threshold. Since `P(fire in a step | not yet) = 1 - e^-h = q`,
//! this is exactly "fires independently with chance q in each eligible step", with one draw per
//! firing instead of one per step. While an event's chance stays the same, the step at which it
//! will fire is known in advance (`fire_at`), so the trial jumps from one firing to the next.
//!
//! Bookkeeping: after a step, only the conditions that read something the step changed are
//! re-evaluated ([`Deps`]). Conditions that read `step` or `since` are also looked at at the
//! steps where they may change value ([`super::timer`]), so the trial still jumps.
//!
//! Speed (see `benches/engine.rs`): every event's first threshold is drawn when the trial starts,
//! so the draws overlap instead of each waiting for the firing before it; per-event slices are
//! cut to the event count once, so one index check covers them all; the trial's lists never
//! reallocate ([`super::list::List`]).
//!
//! The same [`Simulator::simulate`] serves `run` (with [`super::NoObserver`]) and `trace`, so a
//! traced trial is the trial of the run, not a re-implementation of it.

use super::actions::{Actions, Steps};
use super::calendar::{CAL_EVENTS, CAL_MIN_ELIGIBLE, CAL_STEPS};
use super::chance::Chance;
use super::cond::Cond;
use super::config::ProbAdjust;
use super::deps::Deps;
use super::hazard::{Hazard, NEVER};
use super::numbers::Numbers;
use super::sample::{Sampler, Tables};
use super::scratch::Scratch;
use super::timer::{TimeUse, time_use};
use super::ziggurat::{self, ZigTables};
use crate::expr::{EvalCtx, Program};
use crate::model::{Dist, Effects, Model};

/// Per-event facts that hold for every trial of a run.
#[derive(Clone, Debug)]
pub(super) struct EventTable {
    /// Keys the event's own random sub-streams (see [`super::trial_key`]).
    pub(super) stream_key: u64,
    pub(super) repeat: bool,
    /// The event enters the escalation path at its first firing: the milestones when the
    /// scenario marks any, else the once-only events.
    pub(super) in_path: bool,
    /// The condition, with a fast path for the common simple forms.
    pub(super) when: Cond,
    /// `Some(eligible)` when the condition is `x` or `not x` for an event `x` and nothing else
    /// (no modifiers): once `x` fires, this event is eligible (or not) for good from the next
    /// step, so the firing re-arms it at once instead of queueing a re-evaluation.
    pub(super) after_firing: Option<bool>,
    /// The distribution of a probability drawn once per trial.
    pub(super) drawn: Option<Sampler>,
    /// Applied to a drawn probability before `over` (constant ones are adjusted once).
    pub(super) adjust: Option<ProbAdjust>,
    pub(super) over: u32,
    pub(super) has_modifiers: bool,
    /// The modifiers' conditions, with the same fast path as `when`, and their factors.
    pub(super) mod_conds: Vec<(Cond, f64)>,
    /// The chance is computed on each re-evaluation (format-2 numbers; see `super::numbers`).
    pub(super) computed: bool,
    /// A firing uses drawn or computed weights, or computes amounts or assigned values.
    pub(super) fires_computed: bool,
    /// The event's conditions read `step` or `since`.
    pub(super) reads_step: bool,
    /// Branch weights, cumulative; empty without branches.
    pub(super) branch_cum: Vec<f64>,
    /// Offset of this event's branches in the flat branch counters.
    pub(super) branch_offset: usize,
    /// Whether firing draws anything (a branch, or an amount that is not a constant).
    pub(super) draws_effects: bool,
    /// Whether firing changes anything, or has branches to choose from.
    pub(super) has_effects: bool,
    /// The product of the factors of the modifiers that hold in the initial state.
    pub(super) factor0: f64,
    /// Those modifiers as a set (bit `i`: modifier `i` holds), an index into `mod_hazards`.
    pub(super) held0: u32,
    /// For a chance fixed for the run with a few modifiers: the hazard for every set of holding
    /// modifiers, worked out once here rather than once per trial (one logarithm each);
    /// empty for a drawn or computed chance (and for many modifiers).
    pub(super) mod_hazards: Vec<Hazard>,
    /// The readers of this event's firing (its list in `Deps::events`), copied here so that a
    /// firing walks them without a bounds check.
    pub(super) readers: Box<[u32]>,
    /// What a firing does, without a branch and with each.
    pub(super) actions: Actions,
    /// The same for a firing that computes (`fires_computed`), with its computed changes.
    pub(super) steps: Steps,
}

impl EventTable {
    /// Probability `p` as this run adjusts it (a sensitivity version's; usually unchanged).
    #[inline(always)]
    pub(super) fn adjusted(&self, p: f64) -> f64 {
        self.adjust.map_or(p, |a| a.apply(p))
    }

    /// The per-step chance of probability `p` for this event: adjusted, then spread `over`.
    #[inline(always)]
    pub(super) fn chance_of(&self, p: f64) -> Chance {
        Chance::of(self.adjusted(p), self.over)
    }
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A model prepared for fast trials: dependency tables, constant hazards, the initial state.
pub struct Simulator<'m> {
    pub(super) model: &'m Model,
    pub(super) horizon: u32,
    pub(super) events: Vec<EventTable>,
    pub(super) deps: Deps,
    /// Outcomes judged at the horizon (non-terminal, not the catch-all), in file order.
    pub(super) final_outcomes: Vec<u32>,
    pub(super) initial_end: Option<usize>,
    pub(super) init_flags: Vec<bool>,
    pub(super) init_vars: Vec<f64>,
    pub(super) init_brackets: Vec<(f64, f64)>,
    pub(super) var_min: Vec<f64>,
    pub(super) var_max: Vec<f64>,
    pub(super) outcome_when: Vec<Cond>,
    pub(super) chance: Vec<Chance>,
    pub(super) zig: &'static ZigTables,
    pub(super) tables: Tables,
    /// A process-unique id, so that a scratch made by another simulator is noticed.
    pub(super) id: u64,
    pub(super) drawn_events: Vec<u32>,
    /// Without an observer that reads draws ([`super::Observer::READS_DRAWS`]), the drawn
    /// events eligible at the start are drawn when the trial starts and the others (as a mask)
    /// when they first are; with 64 events or more all are drawn at the start.
    pub(super) drawn_first: Vec<u32>,
    pub(super) drawn_later: u64,
    pub(super) init_eligible: Vec<u32>,
    /// The modifiers (event, modifier) of the events in `init_eligible` that hold at the start.
    pub(super) init_held: Vec<(u32, u32)>,
    pub(super) branch_total: usize,
    pub(super) max_stack: usize,
    /// How each event's conditions (`when` and modifiers), and each outcome's, read time.
    pub(super) event_time: Vec<TimeUse>,
    pub(super) outcome_time: Vec<TimeUse>,
    /// Some event has modifiers and no `mod_hazards`: its hazards are kept per trial.
    pub(super) any_modifiers: bool,
    /// Some event can fire more than once, or some event is a milestone: then the path is not
    /// simply the fired events.
    pub(super) separate_path: bool,
    /// Events whose conditions read a parameter, re-evaluated at the first step of each trial.
    pub(super) param_events: Vec<u32>,
    /// Some terminal outcome reads a parameter: the step-0 check is made per trial.
    pub(super) param_terminal: bool,
    /// The parameters' distributions, prepared once (see [`super::params::samplers`]).
    pub(super) param_samplers: Vec<Option<Sampler>>,
    /// Format-2 numbers (nothing for a format-1 scenario).
    pub(super) numbers: Numbers,
    /// Some event's chance or firing is computed (format-2 numbers), the file has `[params]`, or
    /// its `given` has an `observed` step: trials take the loop with those paths (see
    /// [`Simulator::simulate`]).
    pub(super) slow: bool,
    /// The events and the horizon fit a calendar of firing steps (see `calendar.rs`).
    pub(super) calendar: bool,
}

/// At most this many modifiers get `EventTable::mod_hazards` (2^n entries).
const MOD_HAZARDS_MAX: usize = 6;

/// `EventTable::mod_hazards` for fixed chance `c`: the hazard the trial works out for every set
/// of holding modifiers.
fn mod_hazards(c: Chance, modifiers: &[crate::model::Modifier]) -> Vec<Hazard> {
    if modifiers.is_empty() || modifiers.len() > MOD_HAZARDS_MAX {
        return Vec::new();
    }
    (0..1usize << modifiers.len())
        .map(|set| held_hazard(c, modifiers.iter().map(|m| m.factor), set))
        .collect()
}

/// The hazard of chance `c` while the modifiers of `factors` in `set` hold (bit `i`: the `i`-th),
/// with the trial's operations: the product in file order from 1, as `Iterator::product` takes
/// it, and `c`'s own hazard for a product of 1.
pub(super) fn held_hazard(c: Chance, factors: impl Iterator<Item = f64>, set: usize) -> Hazard {
    let mut factor = 1.0;
    for (i, f) in factors.enumerate() {
        if set & (1 << i) != 0 {
            factor *= f;
        }
    }
    if factor == 1.0 {
        c.h
    } else {
        Hazard::of((c.q() * factor).min(1.0))
    }
}

fn draws(effects: &Effects) -> bool {
    effects
        .add
        .iter()
        .any(|(_, d)| !matches!(d, Dist::Const(_)))
}

impl<'m> Simulator<'m> {
    /// Prepares `model`, with per-event probability adjustments (for sensitivity; usually none).
    pub fn new(whole: &'m Model, adjust: &[(usize, ProbAdjust)]) -> Simulator<'m> {
        // Built from the model with its fixed parameters read as numbers (see `super::params`).
        let fixed = super::params::fix_numbers(whole);
        let model = fixed.as_ref().unwrap_or(whole);
        let deps = Deps::new(model);
        let mut actions = Actions::new(model).into_iter();
        let init_flags: Vec<bool> = model.flags.iter().map(|f| f.initial).collect();
        let init_vars: Vec<f64> = model.variables.iter().map(|v| v.initial).collect();
        let n_events = model.events.len();
        let times = vec![0u32; n_events];
        let last_fired = vec![NEVER; n_events];
        let mut stack = Vec::new();
        // Conditions that read parameters are judged per trial (see `super::params`): any
        // values do here.
        let any_params = vec![0.0; model.params.len()];
        let numbers = Numbers::new(model);
        let param_events = super::params::reading_events(model);
        let param_terminal = super::params::terminal_reads(model);
        let ctx = |step| EvalCtx {
            flags: &init_flags,
            vars: &init_vars,
            params: &any_params,
            times: &times,
            last_fired: &last_fired,
            first_fired: &last_fired,
            step,
            outcome: u32::MAX,
        };

        let any_milestone = model.events.iter().any(|e| e.milestone);
        let mut events = Vec::with_capacity(n_events);
        let mut chance = Vec::with_capacity(n_events);
        let mut drawn_events = Vec::new();
        let mut init_eligible = Vec::new();
        let mut init_held = Vec::new();
        let mut branch_total = 0;
        let mut max_stack = 0;
        for (i, e) in model.events.iter().enumerate() {
            let adj = adjust.iter().rev().find(|(j, _)| *j == i).map(|&(_, a)| a);
            let drawn = match e.probability.as_const() {
                Some(_) => None,
                None => Some(Sampler::new(&e.probability)),
            };
            let c = match e.probability.as_const() {
                Some(p) => Chance::of(adj.map_or(p, |a| a.apply(p)), e.over),
                None => Chance::of(0.0, 1),
            };
            let c1 = ctx(1);
            let eligible0 = e.when.eval_bool(&c1, &mut stack);
            let factor0 = e
                .modifiers
                .iter()
                .filter(|m| m.when.eval_bool(&c1, &mut stack))
                .map(|m| m.factor)
                .product::<f64>();
            let held0 = (e.modifiers.iter().enumerate())
                .filter(|(_, m)| m.when.eval_bool(&c1, &mut stack))
                .fold(0, |set, (i, _)| set | 1u32.wrapping_shl(i as u32));
            let mod_hazards = if drawn.is_none() && !e.has_numbers() {
                mod_hazards(c, &e.modifiers)
            } else {
                Vec::new()
            };
            if drawn.is_some() {
                drawn_events.push(i as u32);
            }
            if eligible0 && !param_events.contains(&(i as u32)) {
                init_eligible.push(i as u32);
                for (m, modifier) in e.modifiers.iter().enumerate() {
                    if modifier.when.eval_bool(&c1, &mut stack) {
                        init_held.push((i as u32, m as u32));
                    }
                }
            }
            let fires_computed =
                !numbers.events[i].weights.is_empty() || numbers.events[i].fire_len > 0;
            let event_actions = actions.next().expect("one per event");
            let mut cum = 0.0;
            let branch_cum = e
                .branches
                .iter()
                .map(|b| {
                    cum += b.weight;
                    cum
                })
                .collect();
            max_stack = max_stack.max(e.when.max_stack);
            for p in super::deps::chance_programs(e).chain(e.firing_programs()) {
                max_stack = max_stack.max(p.max_stack);
            }
            events.push(EventTable {
                stream_key: e.stream_key,
                repeat: e.repeat,
                in_path: if any_milestone {
                    e.milestone
                } else {
                    !e.repeat
                },
                when: Cond::of(&e.when),
                after_firing: match Cond::of(&e.when) {
                    Cond::Fired(_, negated) if e.modifiers.is_empty() && !e.has_numbers() => {
                        Some(!negated)
                    }
                    _ => None,
                },
                drawn,
                adjust: adj,
                over: e.over,
                has_modifiers: !e.modifiers.is_empty(),
                mod_conds: (e.modifiers.iter())
                    .map(|m| (Cond::of(&m.when), m.factor))
                    .collect(),
                computed: e.has_numbers(),
                fires_computed,
                reads_step: deps.step_events.contains(&(i as u32)),
                branch_cum,
                branch_offset: branch_total,
                has_effects: !e.effects.is_empty() || !e.branches.is_empty(),
                draws_effects: !e.branches.is_empty()
                    || draws(&e.effects)
                    || e.branches.iter().any(|b| draws(&b.effects)),
                factor0,
                held0,
                mod_hazards,
                readers: deps.events.get(i).into(),
                steps: if fires_computed {
                    Steps::new(&event_actions, &numbers.events[i])
                } else {
                    Steps::default()
                },
                actions: event_actions,
            });
            branch_total += e.branches.len();
            chance.push(c);
        }

        let mut final_outcomes = Vec::new();
        let mut initial_end = None;
        for (i, o) in model.outcomes.iter().enumerate() {
            let Some(when) = &o.when else { continue };
            max_stack = max_stack.max(when.max_stack);
            if !o.terminal {
                final_outcomes.push(i as u32);
            } else if initial_end.is_none()
                && !param_terminal
                && when.eval_bool(&ctx(0), &mut stack)
            {
                initial_end = Some(i);
            }
        }

        let init_brackets = (init_vars.iter().enumerate())
            .map(|(v, &x)| deps.var_cuts.bracket(v, x))
            .collect();
        let slow = numbers.any
            || !model.params.is_empty()
            || model.given.as_ref().is_some_and(|g| g.observed.is_some())
            || events.iter().any(|t| t.computed || t.fires_computed);
        // Only the hazards not prepared above are kept per trial.
        let any_modifiers = (events.iter()).any(|t| t.has_modifiers && t.mod_hazards.is_empty());
        let later = |e: &&u32| n_events <= 64 && !init_eligible.contains(*e);
        let drawn_later = drawn_events
            .iter()
            .filter(later)
            .fold(0, |m, &e| m | 1 << e);
        let drawn_first = drawn_events.iter().filter(|e| !later(e)).copied().collect();
        let calendar = n_events <= CAL_EVENTS
            && model.horizon <= CAL_STEPS
            && init_eligible.len() + param_events.len() >= CAL_MIN_ELIGIBLE;
        Simulator {
            model: whole,
            horizon: model.horizon,
            var_min: model.variables.iter().map(|v| v.min).collect(),
            var_max: model.variables.iter().map(|v| v.max).collect(),
            events,
            deps,
            final_outcomes,
            initial_end,
            init_brackets,
            init_flags,
            init_vars,
            outcome_when: model
                .outcomes
                .iter()
                .map(|o| o.when.as_ref().map_or(Cond::General, Cond::of))
                .collect(),
            chance,
            zig: ziggurat::tables(),
            tables: Tables::get(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            drawn_events,
            drawn_first,
            drawn_later,
            init_eligible,
            init_held,
            branch_total,
            max_stack,
            separate_path: model.events.iter().any(|e| e.repeat || e.milestone),
            param_events,
            param_terminal,
            param_samplers: super::params::samplers(model),
            numbers,
            slow,
            calendar,
            event_time: model
                .events
                .iter()
                .map(|e| time_use(super::deps::chance_programs(e)))
                .collect(),
            outcome_time: model
                .outcomes
                .iter()
                .map(|o| time_use(o.when.as_ref()))
                .collect(),
            any_modifiers,
        }
    }

    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// How often each branch of `event` was taken in the last trial of `s`.
    pub fn branch_counts<'s>(&self, s: &'s Scratch, event: usize) -> &'s [u32] {
        let off = self.events[event].branch_offset;
        &s.branch_counts[off..off + self.events[event].branch_cum.len()]
    }

    /// How often each branch of every event was taken in the last trial of `s`, all events'
    /// branches in file order.
    pub fn all_branch_counts<'s>(&self, s: &'s Scratch) -> &'s [u32] {
        &s.branch_counts
    }

    /// Evaluates a `--given` condition on the final state of the last trial of `s`.
    pub fn given_holds(&self, given: &Program, s: &mut Scratch) -> bool {
        let end = s.end.expect("a trial has run");
        let ctx = EvalCtx {
            flags: &s.flags,
            vars: &s.vars,
            params: &s.params,
            times: &s.times,
            last_fired: &s.last_fired,
            first_fired: &s.first_fired,
            step: end.step,
            outcome: end.outcome as u32,
        };
        given.eval_bool(&ctx, &mut s.stack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{NoObserver, ProbAdjust, TrialEnd};

    /// `a`'s chance is fixed or drawn (`PROB`); three modifiers that hold in changing sets.
    const SCENARIO: &str = r#"
[scenario]
name = "Prepared modifier hazards"
horizon = 80
[[actors]]
id = "x"
name = "X"
[variables]
level = { initial = 0, min = 0, max = 10 }
[flags]
on = false
[[events]]
id = "a"
actor = "x"
probability = PROB
over = 3
repeat = true
add = { level = 1 }
modifiers = [
  { when = "on", factor = 1.7 },
  { when = "level >= 2", factor = 0.45 },
  { when = "level >= 4", factor = 2.3 },
]
[[events]]
id = "b"
actor = "x"
probability = 0.1
repeat = true
set = ["on"]
[[events]]
id = "c"
actor = "x"
probability = 0.15
repeat = true
clear = ["on"]
[[outcomes]]
id = "high"
when = "level >= 5"
[[outcomes]]
id = "rest"
"#;

    fn model(prob: &str) -> Model {
        model_with(prob, "1.7")
    }

    /// The scenario with `a`'s chance `prob` and its first modifier's factor `factor`.
    fn model_with(prob: &str, factor: &str) -> Model {
        let text =
            (SCENARIO.replace("PROB", prob)).replace("factor = 1.7", &format!("factor = {factor}"));
        crate::model::load_str("t.toml", &text, &[]).unwrap().model
    }

    /// What a trial leaves behind: its end and how often and when each event fired.
    fn trial(sim: &Simulator, key: u64, s: &mut Scratch) -> (TrialEnd, Vec<u32>, Vec<u32>) {
        let end = sim.simulate(key, s, &mut NoObserver);
        (end, s.times().to_vec(), s.first_fired().to_vec())
    }

    /// `a` and `b` give the same trials, over enough of them that every set of modifiers comes
    /// up (neither outcome is rare).
    fn assert_same_trials(a: &Simulator, b: &Simulator) {
        let (mut sa, mut sb) = (a.scratch(), b.scratch());
        let mut outcomes = [0; 2];
        for key in 0..3000 {
            let got = trial(a, key, &mut sa);
            assert_eq!(got, trial(b, key, &mut sb), "trial {key}");
            outcomes[got.0.outcome] += 1;
        }
        assert!(outcomes.iter().all(|&n| n > 300), "{outcomes:?}");
    }

    #[test]
    fn prepared_hazards_match_the_per_trial_ones() {
        // The same chance, once fixed for the run (prepared hazards) and once drawn and fixed
        // to the same value by an adjustment (hazards worked out in the trial): same trials.
        let fixed = model("0.2");
        let drawn = model("{ uniform = [0.1, 0.3] }");
        let a = Simulator::new(&fixed, &[]);
        let b = Simulator::new(&drawn, &[(0, ProbAdjust::Fixed(0.2))]);
        assert_eq!(a.events[0].mod_hazards.len(), 8);
        assert!(b.events[0].mod_hazards.is_empty());
        assert_same_trials(&a, &b);
    }

    #[test]
    fn computed_hazards_match_the_fixed_ones() {
        // A chance or factor written as an expression that always gives the fixed number, and
        // re-evaluated as `level` changes, takes the computed path and its hazard memo (keyed
        // by the probability, or by the trial for a drawn chance): the same trials as the
        // fixed number.
        let drawn = "{ uniform = [0.1, 0.3] }";
        let pairs = [
            (model("0.2"), model("\"0.2 + 0 * level\"")),
            (model(drawn), model_with(drawn, "\"1.7 + 0 * level\"")),
        ];
        for (fixed, expr) in &pairs {
            let (a, b) = (Simulator::new(fixed, &[]), Simulator::new(expr, &[]));
            assert!(b.numbers.chance_events.contains(&0));
            assert_same_trials(&a, &b);
        }
    }

    #[test]
    fn working_memory_shared_by_simulators_gives_each_its_own_hazards() {
        // Two adjustments of one model, trials alternating on one scratch, against a scratch
        // of its own per simulator: nothing one simulator worked out reaches the other.
        let m = model("0.2");
        let sims = [
            Simulator::new(&m, &[]),
            Simulator::new(&m, &[(0, ProbAdjust::Scale(2.5))]),
        ];
        let mut shared = sims[0].scratch();
        let mut own = [sims[0].scratch(), sims[1].scratch()];
        let mut differ = 0;
        for key in 0..2000 {
            let runs: Vec<_> = (0..2).map(|i| trial(&sims[i], key, &mut own[i])).collect();
            for (i, sim) in sims.iter().enumerate() {
                assert_eq!(trial(sim, key, &mut shared), runs[i], "trial {key}");
            }
            differ += usize::from(runs[0] != runs[1]);
        }
        assert!(differ > 500, "{differ}");
    }
}
