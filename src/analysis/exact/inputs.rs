//! The numbers fixed for the whole of one trial, and which of them are drawn.
//!
//! A trial starts by drawing its parameters, uncertain probabilities, drawn factors, weights
//! and initial values; from then on they are constants. Given them the propagation is exact,
//! so each drawn number is one dimension of the integral that [`super::quadrature`] takes.
//! Numbers computed from them (a parameter defined from an earlier one, an initial value over
//! the parameters) follow from the drawn ones and add no dimension.

use super::layout::Layout;
use crate::expr::{Op, Program};
use crate::model::{Dist, Model, Num, ParamValue, eval_over_params};

/// What a drawn number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrawKind {
    /// An event's probability (format 1): integrated over its per-step chance.
    Probability(usize),
    Param(usize),
    /// `(event, modifier)`.
    Factor(usize, usize),
    /// `(event, branch)`.
    Weight(usize, usize),
    /// A variable's initial value.
    Initial(usize),
}

#[derive(Clone, Debug)]
pub struct Draw {
    pub kind: DrawKind,
    pub dist: Dist,
    /// Its `--set` path, for messages.
    pub path: String,
    /// Values at which a condition compares it with a number: the integrand jumps there.
    pub cuts: Vec<f64>,
}

/// The numbers of one trial.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// Each event's probability before `over` and modifiers (NaN when computed per step).
    pub probs: Vec<f64>,
    pub params: Vec<f64>,
    /// Per event and modifier: the factor, repaired (below 0 or NaN counts as 0); `None` when
    /// an expression computes it per step.
    pub factors: Vec<Vec<Option<f64>>>,
    /// Per event and branch: the weight, repaired; NaN when computed at each firing.
    pub weights: Vec<Vec<f64>>,
    /// Each variable's initial value, clamped to its bounds.
    pub initial: Vec<f64>,
}

/// A factor or weight as used: below 0 or NaN counts as 0.
pub fn non_negative(x: f64) -> f64 {
    if x >= 0.0 { x } else { 0.0 }
}

/// The numbers of `model` drawn once per trial, in the order the integral nests them: event
/// probabilities first (as format 1 always did), then parameters, factors, weights and initial
/// values. Numbers that nothing can read are left out: a parameter no expression reads, the
/// initial value of a variable outside the state.
pub fn draws(model: &Model, layout: &Layout) -> Vec<Draw> {
    let mut out = Vec::new();
    let mut push = |kind, dist: &Dist, path: String| {
        if dist.as_const().is_none() {
            let cuts = match kind {
                DrawKind::Param(i) => cuts(model, i, dist),
                DrawKind::Initial(v) => initial_cuts(model, v),
                _ => Vec::new(),
            };
            out.push(Draw {
                kind,
                dist: *dist,
                path,
                cuts,
            });
        }
    };
    for (e, ev) in model.events.iter().enumerate() {
        if ev.probability_expr.is_none() {
            let path = format!("events.{}.probability", ev.id);
            push(DrawKind::Probability(e), &ev.probability, path);
        }
    }
    let read = params_read(model);
    for (i, p) in model.params.iter().enumerate() {
        if let (ParamValue::Dist(d), true) = (&p.value, read[i]) {
            push(DrawKind::Param(i), d, format!("params.{}", p.id));
        }
    }
    for (e, ev) in model.events.iter().enumerate() {
        for (m, modifier) in ev.modifiers.iter().enumerate() {
            if let Some(Num::Draw(d)) = &modifier.factor_num {
                let path = format!("events.{}.modifiers.{m}.factor", ev.id);
                push(DrawKind::Factor(e, m), d, path);
            }
        }
    }
    for (e, ev) in model.events.iter().enumerate() {
        for (b, branch) in ev.branches.iter().enumerate() {
            if let Some(Num::Draw(d)) = &branch.weight_num {
                let path = format!("events.{}.branches.{b}.weight", ev.id);
                push(DrawKind::Weight(e, b), d, path);
            }
        }
    }
    for (v, var) in model.variables.iter().enumerate() {
        if let (Some(Num::Draw(d)), true) = (&var.initial_num, layout.tracks_var(v)) {
            push(
                DrawKind::Initial(v),
                d,
                format!("variables.{}.initial", var.id),
            );
        }
    }
    out
}

/// The values of parameter `i` (drawn from `dist`) at which some expression's comparison of a
/// parameter with a number flips: `p > 0.5` at 0.5, and `k > 1` with `k = "2 * p"` at 0.5 too
/// (found by bisection on a grid, for a parameter that depends on `i` and no other draw).
fn cuts(model: &Model, i: usize, dist: &Dist) -> Vec<f64> {
    let mut compared = Vec::new();
    for p in all_programs(model) {
        for w in p.ops.windows(3) {
            if let ((Op::Param(j), Op::Const(c)) | (Op::Const(c), Op::Param(j)), true) =
                ((w[0], w[1]), is_comparison(w[2]))
            {
                compared.push((j as usize, c));
            }
        }
    }
    let (lo, hi) = dist.range();
    let mut out = Vec::new();
    if !(lo.is_finite() && hi.is_finite()) {
        return out;
    }
    let mut stack = Vec::new();
    let mut value = |x: f64, j: usize| param_with(model, i, x, j, &mut stack);
    const GRID: usize = 1024;
    for (j, c) in compared {
        if j == i {
            out.push(c);
            continue;
        }
        if j < i || value(lo, j).is_nan() {
            continue;
        }
        let at = |k: usize| lo + (hi - lo) * k as f64 / GRID as f64;
        let sign =
            |x: f64, value: &mut dyn FnMut(f64, usize) -> f64| (value(x, j) - c).partial_cmp(&0.0);
        let mut prev = sign(lo, &mut value);
        for k in 1..=GRID {
            let now = sign(at(k), &mut value);
            if now != prev {
                let (mut a, mut b) = (at(k - 1), at(k));
                for _ in 0..60 {
                    let m = 0.5 * (a + b);
                    if sign(m, &mut value) == prev {
                        a = m;
                    } else {
                        b = m;
                    }
                }
                out.push(b);
            }
            prev = now;
        }
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// Parameter `j` when parameter `i` is `x` and every other drawn one is unknown (NaN): NaN
/// unless `j` depends on `i` alone (or on none).
pub fn param_with(model: &Model, i: usize, x: f64, j: usize, stack: &mut Vec<f64>) -> f64 {
    let mut params: Vec<f64> = Vec::with_capacity(j + 1);
    for (k, p) in model.params.iter().take(j + 1).enumerate() {
        params.push(match &p.value {
            _ if k == i => x,
            ParamValue::Dist(d) => d.as_const().unwrap_or(f64::NAN),
            ParamValue::Expr(e) => eval_over_params(e, &params, stack),
        });
    }
    params[j]
}

/// Where the integrand over a variable's drawn initial value has a kink or a jump for sure:
/// at its bounds (the value is clamped there) and where a condition compares it with a number.
fn initial_cuts(model: &Model, v: usize) -> Vec<f64> {
    let var = &model.variables[v];
    let mut out = vec![var.min, var.max];
    for p in all_programs(model) {
        for w in p.ops.windows(3) {
            if let ((Op::Var(j), Op::Const(c)) | (Op::Const(c), Op::Var(j)), true) =
                ((w[0], w[1]), is_comparison(w[2]))
                && j as usize == v
            {
                out.push(c);
            }
        }
    }
    out.retain(|x| x.is_finite());
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

fn is_comparison(op: Op) -> bool {
    matches!(op, Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Eq | Op::Ne)
}

/// Every expression of the model: conditions, format-2 numbers, `given`, parameters'.
fn all_programs(model: &Model) -> impl Iterator<Item = &Program> {
    let conditions = (model.events.iter())
        .flat_map(|e| std::iter::once(&e.when).chain(e.modifiers.iter().map(|m| &m.when)))
        .chain(model.outcomes.iter().filter_map(|o| o.when.as_ref()))
        .chain(model.given.iter().map(|g| &g.program));
    let params = model.params.iter().filter_map(|p| match &p.value {
        ParamValue::Expr(e) => Some(e),
        ParamValue::Dist(_) => None,
    });
    conditions.chain(model.number_programs()).chain(params)
}

/// Whether each parameter is read, directly or through a later parameter's expression.
fn params_read(model: &Model) -> Vec<bool> {
    let mut read = vec![false; model.params.len()];
    let mark = |p: &Program, read: &mut Vec<bool>| {
        for &i in &p.reads.params {
            read[i as usize] = true;
        }
    };
    let conditions = (model.events.iter())
        .flat_map(|e| std::iter::once(&e.when).chain(e.modifiers.iter().map(|m| &m.when)))
        .chain(model.outcomes.iter().filter_map(|o| o.when.as_ref()))
        .chain(model.given.iter().map(|g| &g.program));
    for p in conditions.chain(model.number_programs()) {
        mark(p, &mut read);
    }
    // An expression reads only earlier parameters: one pass from the last settles it.
    for (i, p) in model.params.iter().enumerate().rev() {
        if let (ParamValue::Expr(e), true) = (&p.value, read[i]) {
            mark(e, &mut read);
        }
    }
    read
}

/// The trial's numbers when the draws in `draws` took the values `values`.
pub fn inputs(model: &Model, draws: &[Draw], values: &[f64]) -> Inputs {
    let drawn = |kind: DrawKind| {
        (draws.iter().zip(values))
            .find(|(d, _)| d.kind == kind)
            .map(|(_, &v)| v)
    };
    let fixed = |d: &Dist, kind| d.as_const().or_else(|| drawn(kind)).unwrap_or(f64::NAN);
    let probs = (model.events.iter().enumerate())
        .map(|(e, ev)| fixed(&ev.probability, DrawKind::Probability(e)))
        .collect();
    let mut params = Vec::with_capacity(model.params.len());
    let mut stack = Vec::new();
    for (i, p) in model.params.iter().enumerate() {
        let v = match &p.value {
            ParamValue::Dist(d) => fixed(d, DrawKind::Param(i)),
            ParamValue::Expr(e) => eval_over_params(e, &params, &mut stack),
        };
        params.push(v);
    }
    let factors = (model.events.iter().enumerate())
        .map(|(e, ev)| {
            (ev.modifiers.iter().enumerate())
                .map(|(m, modifier)| match &modifier.factor_num {
                    None => Some(modifier.factor),
                    Some(Num::Draw(d)) => Some(non_negative(fixed(d, DrawKind::Factor(e, m)))),
                    Some(Num::Expr(_)) => None,
                })
                .collect()
        })
        .collect();
    let weights = (model.events.iter().enumerate())
        .map(|(e, ev)| {
            (ev.branches.iter().enumerate())
                .map(|(b, branch)| match &branch.weight_num {
                    None => branch.weight,
                    Some(Num::Draw(d)) => non_negative(fixed(d, DrawKind::Weight(e, b))),
                    Some(Num::Expr(_)) => f64::NAN,
                })
                .collect()
        })
        .collect();
    let initial = (model.variables.iter().enumerate())
        .map(|(v, var)| {
            let x = match &var.initial_num {
                None => return var.initial,
                Some(Num::Draw(d)) => fixed(d, DrawKind::Initial(v)),
                Some(Num::Expr(e)) => eval_over_params(e, &params, &mut stack),
            };
            // As the engine: NaN starts at 0, and every value within the bounds.
            if x.is_nan() {
                var.min.max(var.max.min(0.0))
            } else {
                x.clamp(var.min, var.max)
            }
        })
        .collect();
    Inputs {
        probs,
        params,
        factors,
        weights,
        initial,
    }
}
