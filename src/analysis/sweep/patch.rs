//! Changing one number of a compiled [`Model`] in place, for the paths a sweep usually varies,
//! so that a sweep compiles the scenario once instead of once per point.
//!
//! Only leaves that map to exactly one model field with a simple validity rule are patched here
//! (an event's probability, `over`, a modifier's factor, a branch's weight, a variable's initial
//! value, the horizon). Every other path is applied by loading the scenario again with the
//! override, which re-checks everything; both routes give the same model.

use crate::model::{Dist, MAX_HORIZON, Model, ParamValue};

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
    /// `params.ID` set to a number (for sensitivity; a sweep loads parameter paths afresh).
    Param(usize),
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
    /// what the value must be. A number computed or drawn in the scenario is replaced by `v`.
    pub fn set(self, model: &mut Model, v: f64) -> Result<(), String> {
        let whole = |lo: f64, hi: f64| v.fract() == 0.0 && v >= lo && v <= hi;
        match self {
            Field::Probability(e) => {
                if !(0.0..=1.0).contains(&v) {
                    return Err("a probability must be between 0 and 1".into());
                }
                model.events[e].probability = Dist::Const(v);
                model.events[e].probability_expr = None;
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
                let m = &mut model.events[event].modifiers[modifier];
                m.factor = v;
                m.factor_num = None;
            }
            Field::Weight { event, branch } => {
                if v <= 0.0 {
                    return Err("a branch's `weight` must be > 0".into());
                }
                let b = &mut model.events[event].branches[branch];
                b.weight = v;
                b.weight_num = None;
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
                var.initial_num = None;
            }
            Field::Param(i) => {
                if !v.is_finite() {
                    return Err("a parameter must be a finite number".into());
                }
                model.params[i].value = ParamValue::Dist(Dist::Const(v));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    const TEXT: &str = r#"
[scenario]
name = "patch"
horizon = 5
[[actors]]
id = "x"
name = "X"
[variables]
v = { initial = 1, min = 0, max = 4 }
w = 2
[[events]]
id = "e"
actor = "x"
probability = { uniform = [0.1, 0.2] }
modifiers = [{ when = "v > 1", factor = 2 }]
branches = [{ weight = 1 }, { weight = 3 }]
[[outcomes]]
id = "rest"
label = "Rest"
"#;

    fn model() -> Model {
        load_str("patch.toml", TEXT, &[]).unwrap().model
    }

    #[test]
    fn paths_map_to_fields() {
        let m = model();
        let find = |p| Field::find(&m, p);
        assert_eq!(find("events.e.probability"), Some(Field::Probability(0)));
        assert_eq!(find("events.e.over"), Some(Field::Over(0)));
        assert_eq!(
            find("events.e.modifiers.0.factor"),
            Some(Field::Factor {
                event: 0,
                modifier: 0
            })
        );
        assert_eq!(
            find("events.e.branches.1.weight"),
            Some(Field::Weight {
                event: 0,
                branch: 1
            })
        );
        assert_eq!(find("variables.v"), Some(Field::Initial(0)));
        assert_eq!(find("variables.w.initial"), Some(Field::Initial(1)));
        assert_eq!(find("scenario.horizon"), Some(Field::Horizon));
        // Left to a reload: other leaves, unknown names, indices out of range.
        for p in [
            "variables.v.max",
            "events.e.branches.2.weight",
            "events.e.modifiers.x.factor",
            "events.f.probability",
            "scenario.run.trials",
            "flags.x",
        ] {
            assert_eq!(find(p), None, "{p}");
        }
    }

    #[test]
    fn values_are_checked_like_the_loader_does() {
        let mut m = model();
        let set = |m: &mut Model, f: Field, v| f.set(m, v);
        assert_eq!(
            set(&mut m, Field::Probability(0), 1.5),
            Err("a probability must be between 0 and 1".into())
        );
        set(&mut m, Field::Probability(0), 0.25).unwrap();
        assert_eq!(m.events[0].probability, Dist::Const(0.25));
        assert!(set(&mut m, Field::Over(0), 2.5).is_err());
        assert!(set(&mut m, Field::Over(0), 0.0).is_err());
        set(&mut m, Field::Over(0), 3.0).unwrap();
        assert_eq!(m.events[0].over, 3);
        let factor = Field::Factor {
            event: 0,
            modifier: 0,
        };
        assert!(set(&mut m, factor, -0.1).is_err());
        set(&mut m, factor, 0.0).unwrap();
        let weight = Field::Weight {
            event: 0,
            branch: 1,
        };
        assert!(set(&mut m, weight, 0.0).is_err());
        set(&mut m, weight, 0.5).unwrap();
        assert_eq!(m.events[0].branches[1].weight, 0.5);
        assert_eq!(
            set(&mut m, Field::Initial(0), 5.0),
            Err("the initial value of `v` must lie within its bounds [0, 4]".into())
        );
        set(&mut m, Field::Initial(0), 4.0).unwrap();
        assert_eq!(m.variables[0].initial, 4.0);
        assert_eq!(
            set(&mut m, Field::Horizon, 0.0),
            Err("`horizon` must be a whole number between 1 and 100000".into())
        );
        assert!(set(&mut m, Field::Horizon, 100_001.0).is_err());
        set(&mut m, Field::Horizon, 7.0).unwrap();
        assert_eq!(m.horizon, 7);
    }
}
