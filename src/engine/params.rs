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
use crate::expr::EvalCtx;
use crate::model::{Dist, Model, ParamValue, eval_over_params};

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
