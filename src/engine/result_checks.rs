//! Whether a [`RunResult`] read from a file (a shard's part) can be merged: its counts agree
//! with the model and with each other. With its trials at most `MAX_TRIALS` (checked by
//! `merge`), every count but the repairs is then bounded by trials times steps, and no sum of
//! parts overflows; the repairs' sums are checked.

use super::result::RunResult;
use crate::model::Model;

impl RunResult {
    /// Whether adding `other`'s repair counts to this result's would overflow one: unlike the
    /// other counts, a repair can be counted several times a step (once per action), so no
    /// bound on the trials bounds them. Check before [`RunResult::absorb`].
    pub fn repairs_overflow(&self, other: &RunResult) -> bool {
        self.events.iter().zip(&other.events).any(|(a, b)| {
            let (x, y) = (a.repairs.named(), b.repairs.named());
            x.iter()
                .zip(&y)
                .any(|((_, p), (_, q))| p.checked_add(*q).is_none())
        })
    }

    /// Why this result, read from a file, cannot be a tally of `model` (`None` if it can):
    /// the shapes match the model and the counts agree with each other.
    pub fn inconsistency(&self, model: &Model) -> Option<String> {
        let h = model.horizon;
        let kept = self.kept;
        let shape = |what: &str, got: usize, want: usize| {
            (got != want).then(|| format!("it has {got} {what}, the scenario {want}"))
        };
        let wrong_shape = shape("outcomes", self.outcomes.len(), model.outcomes.len())
            .or_else(|| shape("events", self.events.len(), model.events.len()))
            .or_else(|| shape("actors", self.actors.len(), model.actors.len()))
            .or_else(|| shape("variables", self.variables.len(), model.variables.len()))
            .or_else(|| shape("parameters", self.params.len(), model.params.len()));
        if wrong_shape.is_some() {
            return wrong_shape;
        }
        if kept > self.trials {
            return Some(format!("{kept} trials kept of {} run", self.trials));
        }
        // Checked: an edited count must not wrap around to the right total.
        let counted = (self.outcomes.iter()).try_fold(0u64, |s, o| s.checked_add(o.count));
        match counted {
            Some(c) if c == kept => {}
            Some(c) => {
                return Some(format!(
                    "its outcome counts add up to {c}, not the {kept} trials kept"
                ));
            }
            None => return Some("its outcome counts add up to more than a count holds".into()),
        }
        for (o, t) in model.outcomes.iter().zip(&self.outcomes) {
            if !t.steps.is_consistent(h) || t.steps.total() != t.count {
                return Some(format!(
                    "the steps of outcome `{}` do not add up to its count",
                    o.id
                ));
            }
        }
        for (e, t) in model.events.iter().zip(&self.events) {
            // An event fires at most once a step: `times` is bounded by the steps of the trials
            // it fired in, and a branch is taken at most once a firing.
            let steps = u128::from(h) + 1;
            let (fired, times) = (t.fired, t.times);
            let why = if !t.first_step.is_consistent(h) || t.first_step.total() != fired {
                Some("its first firings do not add up to `fired`".to_string())
            } else if fired > kept {
                Some(format!(
                    "`fired`, {fired}, is more than the {kept} trials kept"
                ))
            } else if times < fired || u128::from(times) > u128::from(fired) * steps {
                Some(format!(
                    "`times`, {times}, is not between `fired`, {fired}, and once a step in \
                     those trials"
                ))
            } else if t.branches.len() != e.branches.len() {
                Some(format!(
                    "it has {} branch counts, the event {} branches",
                    t.branches.len(),
                    e.branches.len()
                ))
            } else {
                branches_disagree(&t.branches, t.repairs.no_branch, times)
            };
            if let Some(why) = why {
                return Some(format!(
                    "the counts of event `{}` do not agree: {why}",
                    e.id
                ));
            }
        }
        // A trial clamps a variable's initial value at most once.
        if self.initial_clamped.len() > model.variables.len()
            || self.initial_clamped.iter().any(|&c| c > kept)
        {
            return Some("its clamped initial values do not fit its variables and trials".into());
        }
        if let Some((a, _)) = model
            .actors
            .iter()
            .zip(&self.actors)
            .find(|(_, c)| **c > kept)
        {
            return Some(format!(
                "actor `{}` counts more trials than were kept",
                a.id
            ));
        }
        let values = (model.variables.iter().map(|v| ("variable", &v.id)))
            .chain(model.params.iter().map(|p| ("parameter", &p.id)));
        for ((what, id), s) in values.zip(self.variables.iter().chain(&self.params)) {
            if !s.is_consistent() || s.count() != kept {
                return Some(format!(
                    "the values of {what} `{id}` do not add up to the {kept} trials kept"
                ));
            }
        }
        self.paths.inconsistency(model.events.len(), kept)
    }
}

/// Each firing of an event with branches takes one branch, or none when every weight was 0
/// (counted as a `no_branch` repair): the branch counts and those repairs add up to `times`.
fn branches_disagree(branches: &[u64], no_branch: u64, times: u64) -> Option<String> {
    if branches.is_empty() {
        return None;
    }
    let taken = branches.iter().try_fold(0u64, |s, &b| s.checked_add(b));
    match taken.and_then(|t| t.checked_add(no_branch)) {
        Some(sum) if sum == times => None,
        Some(sum) if no_branch == 0 => Some(format!(
            "its branch counts add up to {sum}, not its {times} firings (`times`)"
        )),
        Some(sum) => Some(format!(
            "its branch counts and firings without a branch add up to {sum}, not its {times} \
             firings (`times`)"
        )),
        None => Some("its branch counts add up to more than a count holds".into()),
    }
}
