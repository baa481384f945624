//! The parameters section of `brink exact`: each parameter's prior, as `run` shows it, but from
//! the distribution itself rather than from draws. A number is itself; a drawn parameter has
//! its distribution's mean and percentiles; a parameter defined from others is worked out when
//! it depends on one drawn parameter at most (through its quadrature rule for the mean, and
//! through the percentiles of that parameter when the expression is monotone over its range).
//! Otherwise its figures are left empty rather than guessed.

use super::gauss::hermite_rule;
use super::inputs::param_with;
use super::quadrature::value_rule;
use crate::analysis::sensitivity::inputs::percentile;
use crate::model::{Dist, Model, ParamValue};
use crate::report::{ParamRow, declared_param};

const PCTS: [f64; 3] = [0.05, 0.5, 0.95];
/// Nodes of the rule for a mean: exact for a polynomial of degree 63 in the drawn value.
const NODES: usize = 32;
/// Points at which a derived parameter is checked for monotony.
const GRID: usize = 256;

/// The rows of `model`'s parameters (none for a scenario without them).
pub fn rows(model: &Model) -> Vec<ParamRow> {
    let mut stack = Vec::new();
    (model.params.iter().enumerate())
        .map(|(j, p)| {
            let (mean, q) = match &p.value {
                ParamValue::Dist(d) => (mean_of(d, |x| x), PCTS.map(|pct| percentile(d, pct))),
                ParamValue::Expr(_) => derived(model, j, &mut stack),
            };
            ParamRow {
                id: p.id.clone(),
                unit: p.unit.clone(),
                declared: declared_param(&p.value),
                mean,
                p5: q[0],
                p50: q[1],
                p95: q[2],
                approximate: false,
            }
        })
        .collect()
}

/// `E[f(X)]` for `X` drawn from `d`.
fn mean_of(d: &Dist, f: impl Fn(f64) -> f64) -> Option<f64> {
    let nodes = match *d {
        Dist::Const(v) => vec![(v, 1.0)],
        Dist::Normal { mean, sd } => hermite_rule(NODES, mean, sd),
        Dist::Poisson { .. } => return None,
        _ => value_rule(&d.density(), &[], NODES),
    };
    Some(nodes.iter().map(|&(x, w)| w * f(x)).sum())
}

/// Mean and percentiles of the derived parameter `j`.
fn derived(model: &Model, j: usize, stack: &mut Vec<f64>) -> (Option<f64>, [Option<f64>; 3]) {
    const NONE: (Option<f64>, [Option<f64>; 3]) = (None, [None; 3]);
    // Fixed: nothing drawn feeds it.
    let fixed = param_with(model, usize::MAX, f64::NAN, j, stack);
    if !fixed.is_nan() {
        return (Some(fixed), [Some(fixed); 3]);
    }
    // The one drawn parameter it depends on, if there is one.
    let drawn = (0..j).find_map(|i| match &model.params[i].value {
        ParamValue::Dist(d) if d.as_const().is_none() => {
            let lo = d.range().0;
            let x = if lo.is_finite() { lo } else { d.params()[0] };
            (!param_with(model, i, x, j, stack).is_nan()).then_some((i, *d))
        }
        _ => None,
    });
    let Some((i, d)) = drawn else { return NONE };
    let mean = mean_of(&d, |x| param_with(model, i, x, j, &mut Vec::new()));
    // Monotone over the range: the percentiles carry over (reversed when decreasing).
    let (lo, hi) = (percentile(&d, 0.001), percentile(&d, 0.999));
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return (mean, [None; 3]);
    };
    let values: Vec<f64> = (0..=GRID)
        .map(|k| param_with(model, i, lo + (hi - lo) * k as f64 / GRID as f64, j, stack))
        .collect();
    let up = values.windows(2).all(|w| w[0] <= w[1]);
    let down = values.windows(2).all(|w| w[0] >= w[1]);
    if !(up || down) {
        return (mean, [None; 3]);
    }
    let q = PCTS.map(|pct| {
        let at = if up { pct } else { 1.0 - pct };
        percentile(&d, at).map(|x| param_with(model, i, x, j, stack))
    });
    (mean, q)
}
