//! Conditions no trial can meet, on the reach analysis: what lets a command refuse before it
//! simulates trials that could never be kept or found. Like every "never" of `check`, an answer
//! of `true` is sure; a contradiction the analysis cannot see (`war and not war`) answers `false`.

use super::reach::{Reach, reachable};
use super::shadows::{Shadow, chosen, shadows};
use crate::expr::Program;
use crate::model::Model;

/// Whether no state `model` can reach makes `given` true: every trial would be dropped.
pub fn never_holds(model: &Model, given: &Program) -> bool {
    !given_may_hold(model, &reachable(model), given, None)
}

/// Whether a trial can end with `given` true (checked at step `observed` when one is set):
/// false only when no reachable state makes it true, so a `given` that fails here would keep no
/// trial, however many ran. An outcome's id in it holds only if a trial can end in that outcome.
pub(super) fn given_may_hold(
    m: &Model,
    reach: &Reach,
    given: &Program,
    observed: Option<u32>,
) -> bool {
    let finished = reach.finished(m);
    let mut dom = finished.clone();
    dom.outcomes = chosen(m, &finished);
    if let Some(at) = observed {
        dom.step = (f64::from(at), f64::from(at));
    }
    given.may_be(&dom).1
}

/// Whether `model` can keep no trial: its own `given`, or `extra` (a `--given`), can never hold.
pub fn keeps_none(model: &Model, extra: Option<&Program>) -> bool {
    let reach = reachable(model);
    let never = |g: &Program, observed| !given_may_hold(model, &reach, g, observed);
    (model.given.as_ref()).is_some_and(|g| never(&g.program, g.observed))
        || extra.is_some_and(|g| never(g, None))
}

/// Why no trial of a model can end in an outcome.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NeverChosen {
    /// Its `when` can never hold.
    NeverHolds,
    /// An outcome before it is always chosen first.
    Shadowed(Shadow),
}

/// Why no trial of `model` can end in outcome `o`, if none can.
pub fn outcome_never_chosen(model: &Model, o: usize) -> Option<NeverChosen> {
    let finished = reachable(model).finished(model);
    if !Reach::outcome_may_hold(&finished, model, &model.outcomes[o]) {
        return Some(NeverChosen::NeverHolds);
    }
    shadows(model, &finished)[o].map(NeverChosen::Shadowed)
}
