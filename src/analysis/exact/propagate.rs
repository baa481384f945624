//! Forward propagation of the probability of every reachable state, one step at a time, for
//! fixed probability values (docs/language.md, step by step).
//!
//! Per step and per state: the eligible events and their chances come from the state at the
//! start of the step; the independent firings are folded in one event at a time in file order
//! (each event splits every partial result into "did not fire" and "fired, then its effects and
//! each branch"), merging equal partial results as it goes, so the work follows the number of
//! distinct results rather than the 2^k subsets of eligible events. Terminal outcomes then
//! absorb the states where they hold, and the rest carry on to the next step.
//!
//! Whether a repeatable event that no condition reads by name has ever fired is not kept in the
//! state (it would split every state in two for nothing). Its chance of firing at least once
//! comes from a second, smaller propagation in which its firing removes the mass: the mass
//! removed at step `t` is exactly the chance that it first fires at `t`. The same with all of an
//! actor's events gives the chance that the actor acted.

use std::mem;

use super::ExactError;
use super::inputs::Inputs;
use super::numbers;
use super::paths::PathTracker;
use super::plan::{Plan, Resolved};
use super::table::StateTable;
use super::tally::{OrdValue, Tally};
use crate::expr::EvalCtx;
use crate::model::per_step_chance;
use crate::report::route_events;

use super::layout::Decoded;

/// Everything about the trials whose numbers drawn once per trial are `inputs`, added to
/// `tally` with weight 1.
pub fn solve_fixed(
    plan: &Plan,
    inputs: &Inputs,
    max_states: usize,
    tally: &mut Tally,
) -> Result<(), ExactError> {
    let layout = &plan.layout;
    propagate(plan, inputs, max_states, tally, &[])?;
    solve_paths(plan, inputs, max_states, tally)?;
    for e in 0..plan.model.events.len() {
        if !layout.knows_fired(e) {
            let mut side = Tally::new(plan.model);
            propagate(plan, inputs, max_states, &mut side, &[e])?;
            tally.first_fire[e] = side.removed;
            tally.peak_states = tally.peak_states.max(side.peak_states);
        }
    }
    for (a, events) in plan.actor_events.iter().enumerate() {
        if events.iter().all(|&e| layout.knows_fired(e)) {
            continue;
        }
        if let [e] = events[..] {
            // An actor with one event acted exactly when that event fired.
            tally.actor[a] = tally.first_fire[e].total();
            continue;
        }
        let mut side = Tally::new(plan.model);
        propagate(plan, inputs, max_states, &mut side, events)?;
        tally.actor[a] = side.removed.total();
        tally.peak_states = tally.peak_states.max(side.peak_states);
    }
    Ok(())
}

/// One propagation. With `remove` empty it fills `tally`; else the firing of any event in
/// `remove` takes the mass out of the trial, and only `tally.removed` (by step) is filled.
fn propagate(
    plan: &Plan,
    inputs: &Inputs,
    max_states: usize,
    tally: &mut Tally,
    remove: &[usize],
) -> Result<(), ExactError> {
    propagate_with(plan, inputs, max_states, tally, remove, None)
}

/// [`propagate`], with `paths` (when given) following the order of the route events in the
/// last word of the key.
pub(super) fn propagate_with(
    plan: &Plan,
    inputs: &Inputs,
    max_states: usize,
    tally: &mut Tally,
    remove: &[usize],
    mut paths: Option<&mut PathTracker>,
) -> Result<(), ExactError> {
    let full = remove.is_empty();
    let model = plan.model;
    let layout = &plan.layout;
    let base: Vec<f64> = (inputs.probs.iter())
        .zip(&model.events)
        .map(|(&p, e)| per_step_chance(p, e.over))
        .collect();
    // Firings that do not depend on the state are the same in every state.
    let fixed: Vec<Resolved> = (0..model.events.len())
        .map(|e| {
            if plan.events[e].per_state {
                Resolved::default()
            } else {
                numbers::fixed(plan, e, inputs)
            }
        })
        .collect();
    let mut dynamic: Vec<Resolved> = Vec::new();

    let mut dec = Decoded {
        params: inputs.params.clone(),
        ..Decoded::default()
    };
    let mut stack = Vec::new();
    let mut cur = StateTable::new(layout.width);
    let mut next = StateTable::new(layout.width);
    let mut fa = StateTable::new(layout.width);
    let mut fb = StateTable::new(layout.width);
    let mut eligible: Vec<(usize, f64)> = Vec::new();
    let mut fired = vec![0u64; layout.width];
    let mut branched = vec![0u64; layout.width];

    let initial = layout.initial(&inputs.initial);
    layout.decode(&initial, &mut dec);
    if let Some(o) = terminal_outcome(plan, &dec.ctx(0), &mut stack) {
        if full {
            finish(plan, tally, &initial, 1.0, o, Some(0), paths);
        }
        return Ok(());
    }
    cur.add(&initial, 1.0);
    tally.peak_states = tally.peak_states.max(1);

    for t in 1..=model.horizon {
        next.clear();
        for i in 0..cur.len() {
            let (key, mass) = (cur.key(i), cur.mass(i));
            layout.decode(key, &mut dec);
            let ctx = dec.ctx(t);
            eligible.clear();
            for (e, event) in model.events.iter().enumerate() {
                if !event.repeat && layout.fired(key, e) {
                    continue;
                }
                if !event.when.eval_bool(&ctx, &mut stack) {
                    continue;
                }
                let q = numbers::step_chance(plan, inputs, e, base[e], &ctx, &mut stack);
                if q > 0.0 {
                    if plan.events[e].per_state {
                        // Amounts, values and weights read the state at the start of the step.
                        let i = eligible.len();
                        if dynamic.len() <= i {
                            dynamic.resize_with(i + 1, Resolved::default);
                        }
                        numbers::resolve(plan, e, inputs, &ctx, &mut stack, &mut dynamic[i]);
                    }
                    eligible.push((e, q));
                }
            }
            let firing = |i: usize, e: usize| {
                if plan.events[e].per_state {
                    &dynamic[i]
                } else {
                    &fixed[e]
                }
            };
            for (i, &(e, q)) in eligible.iter().enumerate().filter(|_| full) {
                let m = mass * q;
                tally.times[e] += m;
                if layout.knows_fired(e) && !layout.fired(key, e) {
                    tally.first_fire[e].add(t, m);
                }
                for (b, (chance, _)) in firing(i, e).branches.iter().enumerate() {
                    tally.branch_times[e][b] += m * chance;
                }
            }
            if eligible.is_empty() {
                next.add(key, mass);
                check(&next, max_states, t)?;
                continue;
            }

            fa.clear();
            fa.add(key, mass);
            for (i, &(e, q)) in eligible.iter().enumerate() {
                let ev = firing(i, e);
                // Every weight 0: the event fires with its own effects and no branch.
                let no_branch = ev.branches.iter().all(|(c, _)| *c == 0.0);
                fb.clear();
                for j in 0..fa.len() {
                    let (k, m) = (fa.key(j), fa.mass(j));
                    if q < 1.0 {
                        fb.add(k, m * (1.0 - q));
                    }
                    if remove.contains(&e) {
                        tally.removed.add(t, m * q);
                        continue;
                    }
                    fired.copy_from_slice(k);
                    layout.record_firing(&mut fired, e, t);
                    if let Some(p) = paths.as_deref_mut() {
                        p.fired(&mut fired, e);
                    }
                    plan.apply(&ev.effects, &mut fired);
                    if no_branch {
                        fb.add(&fired, m * q);
                        continue;
                    }
                    for (chance, fx) in ev.branches.iter().filter(|(c, _)| *c > 0.0) {
                        branched.copy_from_slice(&fired);
                        plan.apply(fx, &mut branched);
                        fb.add(&branched, m * q * chance);
                    }
                }
                check(&fb, max_states, t)?;
                mem::swap(&mut fa, &mut fb);
            }
            for j in 0..fa.len() {
                next.add(fa.key(j), fa.mass(j));
            }
            check(&next, max_states, t)?;
        }
        tally.peak_states = tally.peak_states.max(next.len());

        cur.clear();
        for j in 0..next.len() {
            let (key, mass) = (next.key(j), next.mass(j));
            if mass == 0.0 {
                continue;
            }
            layout.decode(key, &mut dec);
            match terminal_outcome(plan, &dec.ctx(t), &mut stack) {
                Some(o) if full => finish(plan, tally, key, mass, o, Some(t), paths.as_deref_mut()),
                Some(_) => {}
                None => cur.add(key, mass),
            }
        }
        if cur.is_empty() {
            return Ok(());
        }
    }

    let horizon = model.horizon;
    for i in (0..cur.len()).filter(|_| full) {
        let key = cur.key(i);
        layout.decode(key, &mut dec);
        let ctx = dec.ctx(horizon);
        let o = model
            .outcomes
            .iter()
            .position(|o| {
                !o.terminal
                    && o.when
                        .as_ref()
                        .is_some_and(|w| w.eval_bool(&ctx, &mut stack))
            })
            .unwrap_or(model.catch_all());
        finish(plan, tally, key, cur.mass(i), o, None, paths.as_deref_mut());
    }
    Ok(())
}

fn check(table: &StateTable, max: usize, step: u32) -> Result<(), ExactError> {
    if table.len() > max {
        return Err(ExactError::TooManyStates { max, step });
    }
    Ok(())
}

/// The first terminal outcome, in file order, that holds.
fn terminal_outcome(plan: &Plan, ctx: &EvalCtx, stack: &mut Vec<f64>) -> Option<usize> {
    plan.model
        .outcomes
        .iter()
        .position(|o| o.terminal && o.when.as_ref().is_some_and(|w| w.eval_bool(ctx, stack)))
}

/// Books the mass of a state in which a trial ends.
fn finish(
    plan: &Plan,
    tally: &mut Tally,
    key: &[u64],
    mass: f64,
    outcome: usize,
    step: Option<u32>,
    paths: Option<&mut PathTracker>,
) {
    if let Some(p) = paths {
        p.ended(key, mass, outcome);
    }
    tally.outcome[outcome] += mass;
    if let Some(step) = step {
        tally.outcome_steps[outcome].add(step, mass);
    }
    for (a, events) in plan.actor_events.iter().enumerate() {
        // Actors with an event the state does not follow get a propagation of their own.
        if events.iter().all(|&e| plan.layout.knows_fired(e))
            && events.iter().any(|&e| plan.layout.fired(key, e))
        {
            tally.actor[a] += mass;
        }
    }
    for (v, dist) in tally.vars.iter_mut().enumerate() {
        if let Some(value) = plan.layout.var(key, v) {
            *dist.entry(OrdValue::new(value)).or_insert(0.0) += mass;
        }
    }
}

/// The masses by sequence for the numbers drawn once per trial `inputs`, into `tally.paths`.
fn solve_paths(
    plan: &Plan,
    inputs: &Inputs,
    max_states: usize,
    tally: &mut Tally,
) -> Result<(), ExactError> {
    let model = plan.model;
    let chosen = route_events(model);
    if !chosen.iter().any(|&c| c) {
        // No event makes up a sequence: every trial's is the empty one.
        tally.paths.masses =
            std::collections::BTreeMap::from([(Vec::new(), tally.outcome.clone())]);
        return Ok(());
    }
    let mut wide = plan.clone();
    let word = wide.layout.width;
    wide.layout.width += 1;
    let mut tracker = PathTracker::new(chosen, word, model.outcomes.len());
    let mut scratch = Tally::new(model);
    match propagate_with(
        &wide,
        inputs,
        max_states,
        &mut scratch,
        &[],
        Some(&mut tracker),
    ) {
        Ok(()) => tally.paths.masses = tracker.masses(),
        Err(ExactError::TooManyStates { max, step }) => {
            tally.paths.masses.clear();
            tally.paths.too_many = Some((max, step));
        }
        Err(e) => return Err(e),
    }
    Ok(())
}
