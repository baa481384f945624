//! Changing one number of a compiled [`Model`] in place, for the paths a sweep usually varies,
//! so that a sweep compiles the scenario once instead of once per point.
//!
//! Only leaves that map to exactly one model field with a simple validity rule are patched here
//! (an event's probability, `over`, a modifier's factor, a branch's weight, a variable's initial
//! value, the horizon). Every other path is applied by loading the scenario again with the
//! override, which re-checks everything; both routes give the same model.

use crate::model::{Dist, MAX_HORIZON, Model};

/// A model field a sweep can set directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `events.ID.probability`: a number replaces the declared value or distribution.
    Probability(usize),
    /// `events.ID.over`.
    Over(usize),
    /// `events.ID.modifiers.I.factor`.
    Factor { event: usize, modifier: usize },
    /// `events.ID.branches.I.weight`.
    Weight { event: usize, branch: usize },
    /// `variables.ID` or `variables.ID.initial`.
    Initial(usize),
    /// `scenario.horizon`.
    Horizon,
}

impl Field {
    /// The field `path` names in `model`, if it is one this module patches.
    pub fn find(model: &Model, path: &str) -> Option<Field> {
        let segs: Vec<&str> = path.split('.').collect();
        let event = |id: &str| model.events.iter().position(|e| e.id == id);
        match segs.as_slice() {
            ["scenario", "horizon"] => Some(Field::Horizon),
            ["variables", id] | ["variables", id, "initial"] => model
                .variables
                .iter()
                .position(|v| v.id == *id)
                .map(Field::Initial),
            ["events", id, "probability"] => event(id).map(Field::Probability),
            ["events", id, "over"] => event(id).map(Field::Over),
            ["events", id, "modifiers", i, "factor"] => {
                let e = event(id)?;
                let m = i.parse::<usize>().ok()?;
                (m < model.events[e].modifiers.len()).then_some(Field::Factor {
                    event: e,
                    modifier: m,
                })
            }
            ["events", id, "branches", i, "weight"] => {
                let e = event(id)?;
                let b = i.parse::<usize>().ok()?;
                (b < model.events[e].branches.len()).then_some(Field::Weight {
                    event: e,
                    branch: b,
                })
            }
            _ => None,
        }
    }

    /// Sets the field to `v` after the checks the loader would make; the error says, in words,
    /// what the value must be.
    pub fn set(self, model: &mut Model, v: f64) -> Result<(), String> {
        let whole = |lo: f64, hi: f64| v.fract() == 0.0 && v >= lo && v <= hi;
        match self {
            Field::Probability(e) => {
                if !(0.0..=1.0).contains(&v) {
                    return Err("a probability must be between 0 and 1".into());
                }
                model.events[e].probability = Dist::Const(v);
            }
            Field::Over(e) => {
                if !whole(1.0, f64::from(u32::MAX)) {
                    return Err("`over` must be a whole number of steps >= 1".into());
                }
                model.events[e].over = v as u32;
            }
            Field::Factor { event, modifier } => {
                if v < 0.0 {
                    return Err("a modifier's `factor` must be >= 0".into());
                }
                model.events[event].modifiers[modifier].factor = v;
            }
            Field::Weight { event, branch } => {
                if v <= 0.0 {
                    return Err("a branch's `weight` must be > 0".into());
                }
                model.events[event].branches[branch].weight = v;
            }
            Field::Initial(i) => {
                let var = &mut model.variables[i];
                if v < var.min || v > var.max {
                    return Err(format!(
                        "the initial value of `{}` must lie within its bounds [{}, {}]",
                        var.id, var.min, var.max
                    ));
                }
                var.initial = v;
            }
            Field::Horizon => {
                if !whole(1.0, MAX_HORIZON as f64) {
                    return Err(format!(
                        "`horizon` must be a whole number between 1 and {MAX_HORIZON}"
                    ));
                }
                model.horizon = v as u32;
            }
        }
        Ok(())
    }
}
