//! Conditions no trial can meet, on the reach analysis: what lets a command refuse before it
//! simulates trials that could never be kept or found. Like every "never" of `check`, an answer
//! of `true` is sure; a contradiction the analysis cannot see (`war and not war`) answers `false`.

use super::reach::{Reach, reachable};
use super::shadows::{Shadow, shadows};
use crate::expr::Program;
use crate::model::Model;

/// Whether no state `model` can reach makes `given` true: every trial would be dropped.
pub fn never_holds(model: &Model, given: &Program) -> bool {
    !reachable(model).given_may_hold(model, given, None)
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
