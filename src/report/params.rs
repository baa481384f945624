//! The parameters section: each `[params]` parameter's mean and percentiles over the kept trials,
//! beside what the file declared. Without a condition this is the declared (prior) distribution
//! as the run drew it; under `given` it is the posterior, so what the evidence taught the model
//! about each uncertain number is in the report. (Its table for people is in `sections.rs`.)

use serde::Serialize;

use super::tabular::exact;
use crate::engine::RunResult;
use crate::model::{Dist, Model, ParamValue};

/// One parameter: its declaration and its values over the kept trials.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParamRow {
    pub id: String,
    pub unit: Option<String>,
    /// As declared: a number (`2.5`), a distribution (`uniform(0, 1)`) or an expression.
    pub declared: String,
    pub mean: Option<f64>,
    pub p5: Option<f64>,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    /// True when the percentiles come from logarithmic buckets (within 0.4% of the value).
    pub approximate: bool,
}

/// A declared value in words: `2.5`, `uniform(0, 1)`, `2 * appetite`.
pub fn declared(v: &ParamValue) -> String {
    match v {
        ParamValue::Dist(Dist::Const(x)) => exact(*x),
        ParamValue::Dist(d) => {
            let params: Vec<String> = d.params().into_iter().map(exact).collect();
            let name = d.kind().map_or("", |k| k.name);
            format!("{name}({})", params.join(", "))
        }
        ParamValue::Expr(p) => p.source.clone(),
    }
}

/// The rows of `model`'s parameters from a run's tallies (none for a result without them).
pub fn rows(model: &Model, result: &RunResult) -> Vec<ParamRow> {
    (model.params.iter().zip(&result.params))
        .map(|(p, s)| {
            let q = s.percentiles(&[5, 50, 95]);
            ParamRow {
                id: p.id.clone(),
                unit: p.unit.clone(),
                declared: declared(&p.value),
                mean: s.mean(),
                p5: q[0],
                p50: q[1],
                p95: q[2],
                approximate: s.approximate(),
            }
        })
        .collect()
}
