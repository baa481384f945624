//! Parameters in a trial (`[params]`): drawn in file order before anything else, each from a
//! stream keyed by the seed, the trial and `params.ID`, so that adding a parameter moves no
//! other draw and a scenario without parameters draws nothing new.
//!
//! A parameter is fixed for the trial, so nothing re-evaluates a condition because of one; but
//! the conditions that read one cannot be judged once for all trials at step 0 (as the simulator
//! does for the others): those events are re-evaluated at the first step of each trial, and the
//! terminal outcomes are checked at step 0 per trial.

use super::rng::{self, Purpose, Stream};
use super::sample::{Sampler, Tables};
use crate::expr::{EvalCtx, Program};
use crate::model::{Amount, Dist, Effects, Model, Num, ParamValue, eval_over_params};

/// `model` with every parameter that is a plain number read as that number in its conditions
/// and expressions (`None`: no expression reads one). Such a parameter is the same in every
/// trial, so a condition like `tension >= crisis_tension` is then judged as `tension >= 7` is:
/// looked at again only when `tension` crosses 7, not at every change of `tension`, and not
/// per trial at the first step. The values are the same, so every result is.
pub(super) fn fix_numbers(model: &Model) -> Option<Model> {
    let values: Vec<Option<f64>> = (model.params.iter())
        .map(|p| match p.value {
            ParamValue::Dist(Dist::Const(v)) => Some(v),
            _ => None,
        })
        .collect();
    if values.iter().all(Option::is_none) {
        return None;
    }
    let mut m = model.clone();
    let mut changed = false;
    let mut fix = |p: &mut Program| changed |= p.fix_params(&values);
    for v in &mut m.variables {
        fix_num(&mut v.initial_num, &mut fix);
    }
    for e in &mut m.events {
        fix(&mut e.when);
        if let Some(p) = &mut e.probability_expr {
            fix(p);
        }
        for md in &mut e.modifiers {
            fix(&mut md.when);
            fix_num(&mut md.factor_num, &mut fix);
        }
        fix_effects(&mut e.effects, &mut fix);
        for b in &mut e.branches {
            fix_num(&mut b.weight_num, &mut fix);
            fix_effects(&mut b.effects, &mut fix);
        }
    }
    for o in &mut m.outcomes {
        if let Some(p) = &mut o.when {
            fix(p);
        }
    }
    changed.then_some(m)
}

fn fix_num(n: &mut Option<Num>, fix: &mut dyn FnMut(&mut Program)) {
    if let Some(Num::Expr(p)) = n {
        fix(p);
    }
}

fn fix_effects(f: &mut Effects, fix: &mut dyn FnMut(&mut Program)) {
    for (_, a) in &mut f.add_expr {
        match a {
            Amount::Expr(p) => fix(p),
            Amount::Dist { args, .. } => args.iter_mut().for_each(&mut *fix),
        }
    }
    for (_, p) in &mut f.assign_expr {
        fix(p);
    }
}

/// Each parameter's distribution prepared for drawing (`None` for a constant or an expression),
/// built once per run: preparing one (a PERT's gamma constants, a Poisson's table) costs more
/// than drawing from it.
pub(super) fn samplers(model: &Model) -> Vec<Option<Sampler>> {
    (model.params.iter())
        .map(|p| match &p.value {
            ParamValue::Dist(Dist::Const(_)) | ParamValue::Expr(_) => None,
            ParamValue::Dist(d) => Some(Sampler::new(d)),
        })
        .collect()
}

/// Draws every parameter of `model` for the trial `trial_key` into `out`, from the prepared
/// `samplers` ([`samplers`]).
pub(super) fn draw(
    (model, samplers): (&Model, &[Option<Sampler>]),
    trial_key: u64,
    out: &mut [f64],
    stack: &mut Vec<f64>,
) {
    for (i, (p, sampler)) in model.params.iter().zip(samplers).enumerate() {
        let value = match (&p.value, sampler) {
            (ParamValue::Dist(Dist::Const(v)), _) => *v,
            (_, Some(sampler)) => {
                let seed = rng::substream_seed(trial_key, p.stream_key, Purpose::Param);
                sampler.sample(Tables::get(), &mut Stream::new(seed))
            }
            (ParamValue::Expr(e), _) => eval_over_params(e, &out[..i], stack),
            (ParamValue::Dist(_), None) => unreachable!("every drawn parameter is prepared"),
        };
        out[i] = value;
    }
}

/// The first terminal outcome that holds in `ctx` (step 0), when terminal outcomes read a
/// parameter and so cannot be judged once for all trials.
pub(super) fn initial_end(model: &Model, ctx: &EvalCtx, stack: &mut Vec<f64>) -> Option<usize> {
    model
        .outcomes
        .iter()
        .position(|o| o.terminal && o.when.as_ref().is_some_and(|w| w.eval_bool(ctx, stack)))
}

/// Whether `p` reads something that differs from one trial to the next before the first step:
/// a parameter, or a variable whose initial value is drawn or computed.
fn reads_trial_input(model: &Model, p: &crate::expr::Program) -> bool {
    !p.reads.params.is_empty()
        || (p.reads.vars.iter()).any(|&v| model.variables[v as usize].initial_num.is_some())
}

/// The events whose `when` or a modifier's reads a parameter (or a variable with a drawn
/// initial value), and those whose chance is computed: they are looked at in the first step.
pub(super) fn reading_events(model: &Model) -> Vec<u32> {
    (0..model.events.len() as u32)
        .filter(|&e| {
            let ev = &model.events[e as usize];
            ev.has_numbers()
                || std::iter::once(&ev.when)
                    .chain(ev.modifiers.iter().map(|m| &m.when))
                    .any(|p| reads_trial_input(model, p))
        })
        .collect()
}

/// Whether a terminal outcome reads a parameter (or a variable with a drawn initial value).
pub(super) fn terminal_reads(model: &Model) -> bool {
    (model.outcomes.iter())
        .any(|o| o.terminal && o.when.as_ref().is_some_and(|w| reads_trial_input(model, w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    fn model(params: &str, when: &str) -> Model {
        let text = format!(
            r#"
[scenario]
name = "fixed"
format = 2
horizon = 4
[[actors]]
id = "a"
name = "A"
[params]
{params}
[variables]
x = 0
[[events]]
id = "e"
actor = "a"
when = "{when}"
probability = "k2 / 10"
add = {{ x = {{ poisson = "k" }} }}
[[outcomes]]
id = "end"
"#
        );
        load_str("fixed.toml", &text, &[]).unwrap().model
    }

    /// A parameter that is a number is read as that number everywhere, as if written there; a
    /// drawn one stays a parameter.
    #[test]
    fn fixed_parameters_read_as_numbers() {
        let params = "k = 7\nk2 = { uniform = [1, 2] }";
        let m = model(params, "x >= k and x < k2");
        let fixed = fix_numbers(&m).expect("a parameter is read");
        let literal = model(params, "x >= 7 and x < k2");
        let (e, want) = (&fixed.events[0], &literal.events[0]);
        assert_eq!(e.when.ops, want.when.ops);
        assert_eq!(e.when.reads, want.when.reads);
        assert_eq!(
            e.when.source, m.events[0].when.source,
            "the source is the author's"
        );
        let Amount::Dist { args, .. } = &e.effects.add_expr[0].1 else {
            panic!("a Poisson amount");
        };
        assert_eq!(args[0].ops, vec![crate::expr::Op::Const(7.0)]);
        assert!(args[0].reads.params.is_empty());
        assert_eq!(e.probability_expr, m.events[0].probability_expr);
        // No parameter that is a number: nothing to fix, no copy.
        assert!(
            fix_numbers(&model(
                "k2 = { uniform = [1, 2] }\nk = { uniform = [3, 4] }",
                "x >= k2"
            ))
            .is_none()
        );
    }
}
