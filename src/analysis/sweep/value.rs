//! The number a path names in a compiled model: what the scenario itself says at a swept path,
//! shown as the sweep's baseline row. `None` where the path names no single number (a whole
//! distribution, an expression).

use crate::model::{Dist, Effects, Model};

/// The value at `path` (as `--set` and `--vary` write it) in `model`.
pub fn value_at(model: &Model, path: &str) -> Option<f64> {
    // A number computed or drawn per trial is stored as NaN: no single value.
    declared(model, path).filter(|v| !v.is_nan())
}

fn declared(model: &Model, path: &str) -> Option<f64> {
    let segs: Vec<&str> = path.split('.').collect();
    let index = |s: &str| s.parse::<usize>().ok();
    match segs.as_slice() {
        ["scenario", "horizon"] => Some(f64::from(model.horizon)),
        ["variables", id, rest @ ..] => {
            let v = model.variables.iter().find(|v| v.id == *id)?;
            match rest {
                [] | ["initial"] => Some(v.initial),
                ["min"] => Some(v.min),
                ["max"] => Some(v.max),
                _ => None,
            }
        }
        ["events", id, rest @ ..] => {
            let e = model.events.iter().find(|e| e.id == *id)?;
            match rest {
                ["probability", dist @ ..] => dist_value(&e.probability, dist),
                ["over"] => Some(f64::from(e.over)),
                ["modifiers", i, "factor"] => Some(e.modifiers.get(index(i)?)?.factor),
                ["branches", i, "weight"] => Some(e.branches.get(index(i)?)?.weight),
                ["branches", i, "add", var, dist @ ..] => {
                    add_value(model, &e.branches.get(index(i)?)?.effects, var, dist)
                }
                ["add", var, dist @ ..] => add_value(model, &e.effects, var, dist),
                _ => None,
            }
        }
        _ => None,
    }
}

fn add_value(model: &Model, effects: &Effects, var: &str, dist: &[&str]) -> Option<f64> {
    let v = model.variables.iter().position(|v| v.id == var)?;
    let (_, d) = effects.add.iter().find(|(i, _)| *i == v)?;
    dist_value(d, dist)
}

/// A constant itself (`[]`), or one parameter of a distribution (`["pert", "1"]`).
fn dist_value(d: &Dist, rest: &[&str]) -> Option<f64> {
    match rest {
        [] => d.as_const(),
        [kind, i] if d.kind()?.name == *kind => d.params().get(i.parse::<usize>().ok()?).copied(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    #[test]
    fn numbers_and_distribution_parameters_are_read_back() {
        let text = r#"
[scenario]
name = "t"
horizon = 7
[[actors]]
id = "a"
name = "A"
[variables]
x = { initial = 2, max = 9 }
[[events]]
id = "e"
actor = "a"
probability = { pert = [0.1, 0.2, 0.4] }
add = { x = { uniform = [1, 3] } }
modifiers = [{ when = "x > 3", factor = 1.5 }]
[[events]]
id = "f"
actor = "a"
probability = 0.3
[[outcomes]]
id = "o"
"#;
        let m = load_str("t.toml", text, &[]).unwrap().model;
        let v = |p: &str| value_at(&m, p);
        assert_eq!(v("scenario.horizon"), Some(7.0));
        assert_eq!(v("variables.x"), Some(2.0));
        assert_eq!(v("variables.x.max"), Some(9.0));
        assert_eq!(v("events.e.probability.pert.1"), Some(0.2));
        assert_eq!(v("events.e.probability"), None);
        assert_eq!(v("events.e.probability.beta.0"), None);
        assert_eq!(v("events.e.add.x.uniform.1"), Some(3.0));
        assert_eq!(v("events.e.modifiers.0.factor"), Some(1.5));
        assert_eq!(v("events.f.probability"), Some(0.3));
        assert_eq!(v("events.f.over"), Some(1.0));
    }
}
