//! The inputs of a sensitivity analysis: every number of the scenario a seminar could argue
//! about, each named by its `--set` path, with a low and a high value.
//!
//! The inputs are the events' probabilities (a number or a distribution), the modifiers'
//! factors, the branches' weights and the variables' initial values. A number is halved and
//! doubled (a probability capped at 1, marked); a distribution is held fixed at its 10th and then
//! its 90th percentile for the whole run, so its swing is what the uncertainty the author wrote
//! down can do. A variable's initial value stays within its bounds (marked when a bound bites);
//! an initial value of 0 goes from the lower to the upper bound when both are finite, and is not
//! an input otherwise (halving and doubling 0 change nothing). A parameter (`params.ID`) is
//! halved and doubled when it is a number (not an input when it is 0), held at its 10th and 90th
//! percentile when it is a distribution, and is not an input when it is an expression (it moves
//! with the parameters it reads). The same holds for a probability, factor, weight or initial
//! value written as an expression (not an input) or drawn once per trial (held at its 10th and
//! 90th percentile; an initial value then within its bounds, a factor at least 0).

use crate::analysis::sweep::patch::Field;
use crate::model::{Dist, Model, Num, ParamValue};
use crate::stats::{beta_quantile, normal_quantile};

/// One input and the two values it is set to.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// The `--set` path that names it.
    pub path: String,
    pub field: Field,
    pub low: f64,
    pub high: f64,
    /// A bound (1 for a probability, a variable's min or max) replaced half or double.
    pub capped: bool,
    /// The event whose probability this is, for the forced and removed columns.
    pub event: Option<usize>,
}

impl Input {
    /// `model` with this input at `value`.
    pub fn model_at(&self, model: &Model, value: f64) -> Model {
        let mut m = model.clone();
        // Every low and high value is within the field's rules by construction.
        let _ = self.field.set(&mut m, value);
        m
    }
}

/// Every input of `model`, in file order: per event its probability, its modifiers' factors and
/// its branches' weights; then the variables; then the parameters.
pub fn inputs(model: &Model) -> Vec<Input> {
    let mut out = Vec::new();
    let halve_double = |path: String, field: Field, v: f64, cap: f64, event: Option<usize>| {
        let high = (2.0 * v).min(cap);
        Input {
            path,
            field,
            low: v / 2.0,
            high,
            capped: high < 2.0 * v,
            event,
        }
    };
    for (e, ev) in model.events.iter().enumerate() {
        let base = format!("events.{}", ev.id);
        let path = format!("{base}.probability");
        let field = Field::Probability(e);
        match ev.probability.as_const() {
            // Computed from the state: it moves with what it reads.
            _ if ev.probability_expr.is_some() => {}
            Some(p) => out.push(halve_double(path, field, p, 1.0, Some(e))),
            None => {
                if let (Some(low), Some(high)) = (
                    percentile(&ev.probability, 0.1),
                    percentile(&ev.probability, 0.9),
                ) {
                    out.push(Input {
                        path,
                        field,
                        low,
                        high,
                        capped: false,
                        event: Some(e),
                    });
                }
            }
        }
        for (i, m) in ev.modifiers.iter().enumerate() {
            let field = Field::Factor {
                event: e,
                modifier: i,
            };
            let path = format!("{base}.modifiers.{i}.factor");
            match &m.factor_num {
                None => out.push(halve_double(path, field, m.factor, f64::INFINITY, None)),
                Some(n) => out.extend(drawn(path, field, n, 0.0, f64::INFINITY)),
            }
        }
        for (i, b) in ev.branches.iter().enumerate() {
            let field = Field::Weight {
                event: e,
                branch: i,
            };
            let path = format!("{base}.branches.{i}.weight");
            match &b.weight_num {
                None => out.push(halve_double(path, field, b.weight, f64::INFINITY, None)),
                // A weight must stay above 0: the smallest positive number at worst.
                Some(n) => out.extend(drawn(path, field, n, f64::MIN_POSITIVE, f64::INFINITY)),
            }
        }
    }
    for (i, v) in model.variables.iter().enumerate() {
        let path = format!("variables.{}", v.id);
        let field = Field::Initial(i);
        let x = v.initial;
        if let Some(n) = &v.initial_num {
            out.extend(drawn(path, field, n, v.min, v.max));
        } else if x != 0.0 {
            let (low, high) = (v.min.max(x / 2.0), v.max.min(2.0 * x));
            out.push(Input {
                path,
                field,
                low,
                high,
                capped: low != x / 2.0 || high != 2.0 * x,
                event: None,
            });
        } else if v.min.is_finite() && v.max.is_finite() {
            out.push(Input {
                path,
                field,
                low: v.min,
                high: v.max,
                capped: false,
                event: None,
            });
        }
    }
    for (i, p) in model.params.iter().enumerate() {
        let path = format!("params.{}", p.id);
        let field = Field::Param(i);
        let ParamValue::Dist(d) = &p.value else {
            continue;
        };
        let (low, high) = match d.as_const() {
            Some(0.0) => continue,
            Some(v) => (v / 2.0, 2.0 * v),
            None => match (percentile(d, 0.1), percentile(d, 0.9)) {
                (Some(lo), Some(hi)) => (lo, hi),
                _ => continue,
            },
        };
        out.push(Input {
            path,
            field,
            low,
            high,
            capped: false,
            event: None,
        });
    }
    out
}

/// A number drawn once per trial held at its 10th and 90th percentile, kept within `[lo, hi]`
/// (marked when that bites); `None` for an expression or a distribution without percentiles.
fn drawn(path: String, field: Field, n: &Num, lo: f64, hi: f64) -> Option<Input> {
    let Num::Draw(d) = n else {
        return None;
    };
    let (p10, p90) = (percentile(d, 0.1)?, percentile(d, 0.9)?);
    let (low, high) = (p10.clamp(lo, hi), p90.clamp(lo, hi));
    Some(Input {
        path,
        field,
        low,
        high,
        capped: low != p10 || high != p90,
        event: None,
    })
}

/// The `p`-quantile of a probability's distribution; `None` for the kinds that are not
/// probabilities.
pub fn percentile(d: &Dist, p: f64) -> Option<f64> {
    Some(match *d {
        Dist::Const(v) => v,
        Dist::Uniform { lo, hi } => lo + p * (hi - lo),
        Dist::LogUniform { lo, hi } => lo * (hi / lo).powf(p),
        Dist::Triangular { lo, mode, hi } => {
            if hi == lo {
                return Some(lo);
            }
            let c = (mode - lo) / (hi - lo);
            if p < c {
                lo + (p * (hi - lo) * (mode - lo)).sqrt()
            } else {
                hi - ((1.0 - p) * (hi - lo) * (hi - mode)).sqrt()
            }
        }
        Dist::Pert { lo, mode, hi } => {
            if hi == lo {
                return Some(lo);
            }
            let alpha = 1.0 + 4.0 * (mode - lo) / (hi - lo);
            let beta = 1.0 + 4.0 * (hi - mode) / (hi - lo);
            lo + (hi - lo) * beta_quantile(p, alpha, beta)
        }
        Dist::Beta { alpha, beta } => beta_quantile(p, alpha, beta),
        Dist::Normal { mean, sd } => mean + sd * normal_quantile(p),
        Dist::Poisson { .. } => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_of_each_probability_kind() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(
            percentile(&Dist::Uniform { lo: 0.2, hi: 0.4 }, 0.1).unwrap(),
            0.22
        ));
        assert!(close(
            percentile(&Dist::LogUniform { lo: 0.01, hi: 1.0 }, 0.5).unwrap(),
            0.1
        ));
        let tri = Dist::Triangular {
            lo: 0.0,
            mode: 0.5,
            hi: 1.0,
        };
        // F(x) = 2x^2 below the mode: F^-1(0.1) = sqrt(0.05).
        assert!(close(percentile(&tri, 0.1).unwrap(), 0.05_f64.sqrt()));
        // A symmetric PERT on [0, 1] is Beta(3, 3).
        let pert = Dist::Pert {
            lo: 0.0,
            mode: 0.5,
            hi: 1.0,
        };
        let q = percentile(&pert, 0.1).unwrap();
        assert!(close(q, beta_quantile(0.1, 3.0, 3.0)));
        assert!(close(q + percentile(&pert, 0.9).unwrap(), 1.0));
        assert_eq!(percentile(&Dist::Poisson { lambda: 1.0 }, 0.1), None);
        let normal = Dist::Normal { mean: 1.0, sd: 2.0 };
        assert!(close(
            percentile(&normal, 0.9).unwrap(),
            1.0 + 2.0 * 1.2815515655446004
        ));
    }
}
