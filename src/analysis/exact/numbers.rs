//! Format-2 numbers on one state: a step's chance from a computed probability and factors, and
//! a firing's branch chances, amounts and assigned values, all evaluated on the state at the
//! start of the step with the engine's repairs (a probability clamped into [0, 1] with NaN as
//! 0, a factor or weight below 0 or NaN as 0, no branch when every weight is 0, an infinite or
//! NaN amount or value leaving the variable unchanged).

use super::inputs::{Inputs, non_negative};
use super::plan::{ConstEffects, Part, Plan, Resolved, Weight};
use crate::expr::EvalCtx;
use crate::model::per_step_chance;

/// The chance that eligible event `e` fires in this step: its probability (`base`, the
/// per-step chance of a fixed one, or computed here), times the factors whose condition holds,
/// capped at 1. The fixed case multiplies in the order format 1 always did.
pub fn step_chance(
    plan: &Plan,
    inputs: &Inputs,
    e: usize,
    base: f64,
    ctx: &EvalCtx,
    stack: &mut Vec<f64>,
) -> f64 {
    let event = &plan.model.events[e];
    let mut q = match &event.probability_expr {
        Some(p) => {
            let x = p.eval(ctx, stack);
            let y = if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
            per_step_chance(y, event.over)
        }
        None => base,
    };
    for (m, factor) in event.modifiers.iter().zip(&inputs.factors[e]) {
        if m.when.eval_bool(ctx, stack) {
            q *= match (factor, &m.factor_num) {
                (Some(f), _) => *f,
                (None, Some(crate::model::Num::Expr(p))) => non_negative(p.eval(ctx, stack)),
                (None, _) => unreachable!("a factor without a value is computed"),
            };
        }
    }
    q.min(1.0)
}

/// The firing of event `e` when nothing of it depends on the state.
pub fn fixed(plan: &Plan, e: usize, inputs: &Inputs) -> Resolved {
    let ev = &plan.events[e];
    let mut chances = Vec::new();
    branch_chances(inputs.weights[e].iter().copied(), &mut chances);
    Resolved {
        effects: ev.effects.fixed.clone(),
        branches: chances
            .into_iter()
            .zip(&ev.branches)
            .map(|(c, b)| (c, b.fixed.clone()))
            .collect(),
    }
}

/// The firing of event `e` from the state in `ctx` (the start of the step), into `out`.
pub fn resolve(
    plan: &Plan,
    e: usize,
    inputs: &Inputs,
    ctx: &EvalCtx,
    stack: &mut Vec<f64>,
    out: &mut Resolved,
) {
    let ev = &plan.events[e];
    let weights = (ev.weights.iter().zip(&inputs.weights[e])).map(|(w, &fixed)| match w {
        Weight::Fixed => fixed,
        Weight::Expr(p) => p.eval(ctx, stack),
    });
    let weights: Vec<f64> = weights.collect();
    let mut chances = Vec::new();
    branch_chances(weights.into_iter(), &mut chances);
    fill(&ev.effects, ctx, stack, &mut out.effects);
    out.branches
        .resize_with(ev.branches.len(), Default::default);
    for ((slot, part), c) in out.branches.iter_mut().zip(&ev.branches).zip(chances) {
        slot.0 = c;
        fill(part, ctx, stack, &mut slot.1);
    }
}

/// The effects of `part` with its computed amounts and values evaluated.
fn fill(part: &Part, ctx: &EvalCtx, stack: &mut Vec<f64>, out: &mut ConstEffects) {
    out.clone_from(&part.fixed);
    for (v, p) in &part.add {
        let x = p.eval(ctx, stack);
        if x.is_finite() {
            out.add.push((*v, x));
        }
    }
    for (v, p) in &part.assign {
        let x = p.eval(ctx, stack);
        if x.is_finite() {
            out.assign.push((*v, x));
        }
    }
}

/// Each branch's chance, weight over the sum of weights (as format 1), every weight repaired
/// first. All zero (or a NaN sum): no branch is taken. An infinite sum: the engine's draw
/// lands past every finite cumulative weight, on the last branch with a weight above 0.
fn branch_chances(weights: impl Iterator<Item = f64>, out: &mut Vec<f64>) {
    out.clear();
    out.extend(weights.map(non_negative));
    let total: f64 = out.iter().sum();
    if total.is_nan() || total <= 0.0 {
        out.iter_mut().for_each(|c| *c = 0.0);
        return;
    }
    if total.is_infinite() {
        let last = out.iter().rposition(|&w| w > 0.0);
        for (i, c) in out.iter_mut().enumerate() {
            *c = if Some(i) == last { 1.0 } else { 0.0 };
        }
        return;
    }
    out.iter_mut().for_each(|c| *c /= total);
}
