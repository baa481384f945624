//! The number a path names in a compiled model: what the scenario itself says at a swept path,
//! shown as the sweep's baseline row. `None` where the path names no single number (a whole
//! distribution, an expression); [`written_at`] then says what the file writes there.

use crate::analysis::sensitivity::describe;
use crate::model::{Amount, Dist, Effects, Model, Num, ParamValue, fmt_num};

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
        ["params", id] => match &model.params.iter().find(|p| p.id == *id)?.value {
            ParamValue::Dist(d) => d.as_const(),
            ParamValue::Expr(_) => None,
        },
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

/// What the file writes at `path` where it names no single number: a distribution in words
/// (`pert(0.02, 0.06, 0.2)`) or an expression as written (`2 * rate`); a parameter named alone
/// is followed by what the file writes for it (`sk_arms_rate = pert(0.02, 0.06, 0.2)`). `None`
/// where the path has a single value ([`value_at`]) or names nothing.
pub fn written_at(model: &Model, path: &str) -> Option<String> {
    if value_at(model, path).is_some() {
        return None;
    }
    let segs: Vec<&str> = path.split('.').collect();
    let index = |s: &str| s.parse::<usize>().ok();
    let text = |n: &Num| match n {
        Num::Draw(d) => describe(d),
        Num::Expr(e) => e.source.clone(),
    };
    let written = match segs.as_slice() {
        ["params", id] => match &model.params.iter().find(|p| p.id == *id)?.value {
            ParamValue::Dist(d) => describe(d),
            ParamValue::Expr(e) => e.source.clone(),
        },
        ["variables", id] | ["variables", id, "initial"] => text(
            model
                .variables
                .iter()
                .find(|v| v.id == *id)?
                .initial_num
                .as_ref()?,
        ),
        ["events", id, rest @ ..] => {
            let e = model.events.iter().find(|e| e.id == *id)?;
            match rest {
                ["probability"] => match &e.probability_expr {
                    Some(p) => p.source.clone(),
                    None => describe(&e.probability),
                },
                ["modifiers", i, "factor"] => {
                    text(e.modifiers.get(index(i)?)?.factor_num.as_ref()?)
                }
                ["branches", i, "weight"] => text(e.branches.get(index(i)?)?.weight_num.as_ref()?),
                ["branches", i, "add", var] => {
                    add_written(model, &e.branches.get(index(i)?)?.effects, var)?
                }
                ["add", var] => add_written(model, &e.effects, var)?,
                _ => return None,
            }
        }
        _ => return None,
    };
    // A parameter named alone (by another parameter too): what it is, too. Parameters read
    // only earlier ones, so this ends.
    if model.params.iter().any(|p| p.id == written) {
        let at = format!("params.{written}");
        if let Some(own) = value_at(model, &at)
            .map(fmt_num)
            .or_else(|| written_at(model, &at))
        {
            return Some(format!("{written} = {own}"));
        }
    }
    Some(written)
}

/// What the file writes for the amount added to `var` where it is drawn or computed.
fn add_written(model: &Model, effects: &Effects, var: &str) -> Option<String> {
    let v = model.variables.iter().position(|v| v.id == var)?;
    if let Some((_, d)) = effects.add.iter().find(|(i, _)| *i == v) {
        return Some(describe(d));
    }
    match &effects.add_expr.iter().find(|(i, _)| *i == v)?.1 {
        Amount::Expr(e) => Some(e.source.clone()),
        Amount::Dist { kind, args } => Some(format!(
            "{}({})",
            kind.name,
            args.iter()
                .map(|a| a.source.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
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

    /// Where a path has no single value, the baseline's row says what the file writes there.
    #[test]
    fn numbers_without_a_single_value_are_written_as_in_the_file() {
        let text = r#"
[scenario]
name = "t"
horizon = 7
[[actors]]
id = "a"
name = "A"
[params]
rate = { pert = [0.02, 0.06, 0.2] }
level = 3
scale = "1 + 2 * rate"
alias = "rate"
[variables]
x = { initial = "scale", max = 9 }
y = { initial = { uniform = [1, 3] }, max = 9 }
[[events]]
id = "e"
actor = "a"
probability = "rate"
modifiers = [{ when = "x > 3", factor = "scale" }, { when = "y > 1", factor = "2 * rate" }]
add = { x = { poisson = "0.5 * x" }, y = "y * 0.1" }
[[events]]
id = "f"
actor = "a"
probability = { uniform = [0.1, 0.3] }
branches = [
  { weight = { uniform = [1, 3] }, add = { x = { poisson = 1.5 } } },
  { weight = "level", add = { x = 1 } },
]
[[outcomes]]
id = "o"
"#;
        let m = load_str("t.toml", text, &[]).unwrap().model;
        let w = |p: &str| written_at(&m, p);
        let s = |t: &str| Some(t.to_string());
        assert_eq!(w("params.rate"), s("pert(0.02, 0.06, 0.2)"));
        assert_eq!(
            (w("params.level"), value_at(&m, "params.level")),
            (None, Some(3.0))
        );
        assert_eq!(w("params.scale"), s("1 + 2 * rate"));
        assert_eq!(w("params.alias"), s("rate = pert(0.02, 0.06, 0.2)"));
        // A parameter named alone is followed by what it is.
        assert_eq!(w("events.e.probability"), s("rate = pert(0.02, 0.06, 0.2)"));
        assert_eq!(w("variables.x"), s("scale = 1 + 2 * rate"));
        assert_eq!(w("variables.y.initial"), s("uniform(1, 3)"));
        assert_eq!(w("events.e.modifiers.0.factor"), s("scale = 1 + 2 * rate"));
        assert_eq!(w("events.e.modifiers.1.factor"), s("2 * rate"));
        assert_eq!(w("events.e.add.x"), s("poisson(0.5 * x)"));
        assert_eq!(w("events.e.add.y"), s("y * 0.1"));
        assert_eq!(w("events.f.probability"), s("uniform(0.1, 0.3)"));
        assert_eq!(w("events.f.branches.0.weight"), s("uniform(1, 3)"));
        assert_eq!(w("events.f.branches.0.add.x"), s("poisson(1.5)"));
        // A parameter that is a number: its value.
        assert_eq!(w("events.f.branches.1.weight"), s("level = 3"));
        // A single value, or nothing there: nothing written.
        assert_eq!(w("events.f.branches.1.add.x"), None);
        assert_eq!(w("events.f.probability.uniform.0"), None);
        assert_eq!(w("events.nothing.probability"), None);
        assert_eq!(w("params.nothing"), None);
    }
}
