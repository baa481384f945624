//! Conditions no trial can meet, on the reach analysis: what lets a command refuse before it
//! simulates trials that could never be kept or found. Like every "never" of `check`, an answer
//! of `true` is sure; a contradiction the analysis cannot see (`war and not war`) answers `false`.

use super::reach::{Reach, reachable};
use crate::expr::Program;
use crate::model::Model;

/// Whether no state `model` can reach makes `given` true: every trial would be dropped.
pub fn never_holds(model: &Model, given: &Program) -> bool {
    !reachable(model).given_may_hold(model, given, None)
}

/// Whether no trial of `model` can end in outcome `o` (its `when` can never hold).
pub fn outcome_never_holds(model: &Model, o: usize) -> bool {
    let finished = reachable(model).finished(model);
    !Reach::outcome_may_hold(&finished, model, &model.outcomes[o])
}
