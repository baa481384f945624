//! Which events can ever fire, and what states a trial can reach: the over-approximation the
//! warnings of `check` stand on.
//!
//! Flags are (can be false, can be true); variables are intervals, widened by every `add` an
//! event that can fire may make (as often as it can fire) and every value it may `assign`,
//! clamped to their bounds. An event can fire if its probability can be above zero and its
//! condition may hold in that domain. Growing the set is a worklist over who reads what, so a
//! chain of 10 000 events costs a few may-be evaluations per event, not 10 000 passes.

use std::collections::VecDeque;

use crate::expr::{Domain, EventDomain};
use crate::model::{Amount, Event, Model, Outcome};

pub struct Reach {
    pub can_fire: Vec<bool>,
    /// States at the start of any step 1..=horizon (eligibility).
    pub running: Domain,
}

/// Variable bounds being widened.
struct Vars {
    lo: Vec<f64>,
    hi: Vec<f64>,
    down: Vec<f64>,
    up: Vec<f64>,
    /// Every state the declarations allow, made the first time a computed amount is judged.
    free: Option<Domain>,
}

impl Vars {
    fn new(m: &Model) -> Vars {
        // A drawn initial value spans its distribution; a computed one, anything.
        let init = |v: &super::Variable| match &v.initial_num {
            None => (v.initial, v.initial),
            Some(super::Num::Draw(d)) => d.range(),
            Some(super::Num::Expr(_)) => (f64::NEG_INFINITY, f64::INFINITY),
        };
        Vars {
            lo: m.variables.iter().map(|v| init(v).0).collect(),
            hi: m.variables.iter().map(|v| init(v).1).collect(),
            down: vec![0.0; m.variables.len()],
            up: vec![0.0; m.variables.len()],
            free: None,
        }
    }

    /// Whether a computed amount can lower its variable and whether it can raise it, judged on
    /// every state the declarations allow, so the answer holds whatever the events do.
    fn directions(&mut self, m: &Model, amount: &Amount) -> (bool, bool) {
        let free = self.free.get_or_insert_with(|| free_domain(m));
        computed_range(amount, free).map_or((true, true), |(lo, hi)| (lo < 0.0, hi > 0.0))
    }

    fn interval(&self, m: &Model, v: usize) -> (f64, f64) {
        let var = &m.variables[v];
        let clamp = |x: f64| {
            if x.is_nan() {
                var.min
            } else {
                x.clamp(var.min, var.max)
            }
        };
        (
            clamp(self.lo[v] + self.down[v]),
            clamp(self.hi[v] + self.up[v]),
        )
    }
}

fn times(m: &Model, e: &Event) -> f64 {
    if e.repeat { m.horizon as f64 } else { 1.0 }
}

/// The domain where the events in `can_fire` have fired in every possible way.
pub fn domain(m: &Model, can_fire: &[bool], step: (f64, f64)) -> Domain {
    let mut flags: Vec<(bool, bool)> = m.flags.iter().map(|f| (!f.initial, f.initial)).collect();
    let mut vars = Vars::new(m);
    for (i, e) in m.events.iter().enumerate() {
        if can_fire[i] {
            widen(m, e, &mut flags, &mut vars);
        }
    }
    Domain {
        flags,
        vars: (0..m.variables.len())
            .map(|v| vars.interval(m, v))
            .collect(),
        params: param_ranges(m),
        events: events_domain(m, can_fire),
        step,
        outcomes: Vec::new(),
    }
}

/// The values a computed amount can take in the states of `free`; `None`, taken as "either
/// way", when it may come out NaN or is drawn from a distribution.
pub fn computed_range(amount: &Amount, free: &Domain) -> Option<(f64, f64)> {
    match amount {
        Amount::Expr(p) => match p.number_range(free) {
            (Some(range), false) => Some(range),
            _ => None,
        },
        Amount::Dist { .. } => None,
    }
}

/// Every state the declarations allow, whatever the events do: each flag either value, each
/// variable anywhere within its bounds, every event free to have fired. A condition that cannot
/// hold here (or cannot fail) says so by its own names and numbers, not by what the scenario's
/// events happen to do, which a what-if may change.
pub fn free_domain(m: &Model) -> Domain {
    Domain {
        flags: vec![(true, true); m.flags.len()],
        vars: m.variables.iter().map(|v| (v.min, v.max)).collect(),
        params: param_ranges(m),
        events: events_domain(m, &vec![true; m.events.len()]),
        step: (0.0, m.horizon as f64),
        outcomes: Vec::new(),
    }
}

/// Each parameter's interval: a distribution's support, an expression's range over the
/// parameters before it (all it may read). A NaN interval means "any number, or NaN".
fn param_ranges(m: &Model) -> Vec<(f64, f64)> {
    let mut dom = Domain {
        flags: Vec::new(),
        vars: Vec::new(),
        params: Vec::with_capacity(m.params.len()),
        events: Vec::new(),
        step: (0.0, 0.0),
        outcomes: Vec::new(),
    };
    for p in &m.params {
        let range = match &p.value {
            super::ParamValue::Dist(d) => d.range(),
            super::ParamValue::Expr(e) => match e.number_range(&dom) {
                (Some(range), false) => range,
                _ => (f64::NAN, f64::NAN),
            },
        };
        dom.params.push(range);
    }
    dom.params
}

fn events_domain(m: &Model, can_fire: &[bool]) -> Vec<EventDomain> {
    m.events
        .iter()
        .zip(can_fire)
        .map(|(e, &can)| EventDomain {
            can_fire: can,
            max_times: if can { times(m, e) } else { 0.0 },
            has_fired: false,
        })
        .collect()
}

/// Adds what `e` can do to the domain; returns the flags and variables that changed.
fn widen(
    m: &Model,
    e: &Event,
    flags: &mut [(bool, bool)],
    vars: &mut Vars,
) -> (Vec<usize>, Vec<usize>) {
    let (mut fl, mut vs) = (Vec::new(), Vec::new());
    let t = times(m, e);
    for fx in e.all_effects() {
        for &f in &fx.set {
            if !flags[f].1 {
                flags[f].1 = true;
                fl.push(f);
            }
        }
        for &f in &fx.clear {
            if !flags[f].0 {
                flags[f].0 = true;
                fl.push(f);
            }
        }
        for (v, d) in &fx.add {
            let (a, b) = d.range();
            if a < 0.0 {
                vars.down[*v] += t * a;
            }
            if b > 0.0 {
                vars.up[*v] += t * b;
            }
            vs.push(*v);
        }
        for &(v, x) in &fx.assign {
            vars.lo[v] = vars.lo[v].min(x);
            vars.hi[v] = vars.hi[v].max(x);
            vs.push(v);
        }
        // Computed amounts and values are not bounded here: the variable may reach its bounds,
        // on the side a computed amount can move it (a loss written `-0.01 * troops` only
        // lowers, as `-500` does).
        for (v, amount) in &fx.add_expr {
            let (lowers, raises) = vars.directions(m, amount);
            if lowers {
                vars.lo[*v] = f64::NEG_INFINITY;
            }
            if raises {
                vars.hi[*v] = f64::INFINITY;
            }
            vs.push(*v);
        }
        for &(v, _) in &fx.assign_expr {
            vars.lo[v] = f64::NEG_INFINITY;
            vars.hi[v] = f64::INFINITY;
            vs.push(v);
        }
    }
    (fl, vs)
}

impl Reach {
    /// The states a trial can end in, at any step.
    pub fn finished(&self, m: &Model) -> Domain {
        domain(m, &self.can_fire, (0.0, m.horizon as f64))
    }

    /// The states outcome `o` is judged in, of `finished` (see [`Reach::finished`]): a terminal
    /// outcome's at any step, another's at the horizon.
    pub fn outcome_domain(finished: &Domain, m: &Model, o: &Outcome) -> Domain {
        let mut dom = finished.clone();
        if !o.terminal {
            dom.step = (m.horizon as f64, m.horizon as f64);
        }
        dom
    }

    /// Whether a trial can end in outcome `o`; one without `when` always can.
    pub fn outcome_may_hold(finished: &Domain, m: &Model, o: &Outcome) -> bool {
        (o.when.as_ref()).is_none_or(|w| w.may_be(&Reach::outcome_domain(finished, m, o)).1)
    }
}

pub fn reachable(m: &Model) -> Reach {
    let n = m.events.len();
    let mut flag_readers = vec![Vec::new(); m.flags.len()];
    let mut var_readers = vec![Vec::new(); m.variables.len()];
    let mut event_readers = vec![Vec::new(); n];
    for (i, e) in m.events.iter().enumerate() {
        let r = &e.when.reads;
        for &f in &r.flags {
            flag_readers[f as usize].push(i);
        }
        for &v in &r.vars {
            var_readers[v as usize].push(i);
        }
        for &x in r.events.iter().chain(&r.since) {
            event_readers[x as usize].push(i);
        }
    }
    let mut can_fire = vec![false; n];
    let mut dom = domain(m, &can_fire, (1.0, m.horizon as f64));
    let mut flags = dom.flags.clone();
    let mut vars = Vars::new(m);
    let mut queued = vec![true; n];
    let mut queue: VecDeque<usize> = (0..n).collect();
    let push = |list: &[usize], queue: &mut VecDeque<usize>, queued: &mut [bool]| {
        for &r in list {
            if !queued[r] {
                queued[r] = true;
                queue.push_back(r);
            }
        }
    };
    while let Some(i) = queue.pop_front() {
        queued[i] = false;
        let e = &m.events[i];
        if can_fire[i] || e.probability.highest_probability() <= 0.0 || !e.when.may_be(&dom).1 {
            continue;
        }
        can_fire[i] = true;
        dom.events[i] = EventDomain {
            can_fire: true,
            max_times: times(m, e),
            has_fired: false,
        };
        push(&event_readers[i], &mut queue, &mut queued);
        let (fl, vs) = widen(m, e, &mut flags, &mut vars);
        for f in fl {
            dom.flags[f] = flags[f];
            push(&flag_readers[f], &mut queue, &mut queued);
        }
        for v in vs {
            let iv = vars.interval(m, v);
            if iv != dom.vars[v] {
                dom.vars[v] = iv;
                push(&var_readers[v], &mut queue, &mut queued);
            }
        }
    }
    Reach {
        can_fire,
        running: dom,
    }
}
