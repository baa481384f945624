//! Where a parameter enters a trial, so that a version with the parameter at its low or high
//! value can copy the baseline's end where it cannot have mattered (`super::versions` turns the
//! places into gates).
//!
//! A parameter read only by events' probabilities, factors and weights (itself, or through
//! parameters computed from it) changes nothing but those events' chances and branches: the
//! version's trial is the baseline's where none of those events was eligible with such a
//! probability, none of those modifiers held, none of those events fired. Read anywhere else (a
//! condition, an amount, an initial value), it has no gate.

use std::collections::HashSet;

use crate::expr::Program;
use crate::model::{Model, Num, ParamValue};

/// A place where a parameter is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// An event's probability.
    Probability(usize),
    /// A modifier's factor: (event, modifier).
    Factor(usize, usize),
    /// A branch weight of an event.
    Weight(usize),
}

/// Where parameter `p` is read, each place once; `None` when something other than a
/// probability, factor or weight reads it.
pub fn param_readers(model: &Model, p: usize) -> Option<Vec<Reader>> {
    let moved = moved_with(model, p);
    let reads = |prog: &Program| prog.reads.params.iter().any(|&i| moved[i as usize]);
    let mut readers = Vec::new();
    // A set: a scenario of thousands of events has thousands of such expressions.
    let mut gated: HashSet<*const Program> = HashSet::new();
    for (e, ev) in model.events.iter().enumerate() {
        if let Some(prog) = &ev.probability_expr {
            gated.insert(prog);
            if reads(prog) {
                readers.push(Reader::Probability(e));
            }
        }
        for (m, md) in ev.modifiers.iter().enumerate() {
            if let Some(Num::Expr(prog)) = &md.factor_num {
                gated.insert(prog);
                if reads(prog) {
                    readers.push(Reader::Factor(e, m));
                }
            }
        }
        for b in &ev.branches {
            if let Some(Num::Expr(prog)) = &b.weight_num {
                gated.insert(prog);
                if reads(prog) && !readers.contains(&Reader::Weight(e)) {
                    readers.push(Reader::Weight(e));
                }
            }
        }
    }
    // Every other expression of the scenario (listed whole, so that a place added to the
    // format later counts as another reader rather than being missed).
    let conditions = (model.events.iter())
        .flat_map(|e| std::iter::once(&e.when).chain(e.modifiers.iter().map(|m| &m.when)))
        .chain(model.outcomes.iter().filter_map(|o| o.when.as_ref()))
        .chain(model.given.iter().map(|g| &g.program));
    let mut others = conditions
        .chain(model.number_programs())
        .filter(|prog| !gated.contains(&std::ptr::from_ref(*prog)));
    if others.any(reads) {
        return None;
    }
    Some(readers)
}

/// Per parameter: whether it moves with parameter `p` (it is `p`, or is computed from one that
/// does).
fn moved_with(model: &Model, p: usize) -> Vec<bool> {
    let mut moved = vec![false; model.params.len()];
    moved[p] = true;
    // Until no more are found: a chain of n parameters takes at most n passes.
    let mut grew = true;
    while grew {
        grew = false;
        for (i, q) in model.params.iter().enumerate() {
            if let ParamValue::Expr(prog) = &q.value
                && !moved[i]
                && prog.reads.params.iter().any(|&j| moved[j as usize])
            {
                moved[i] = true;
                grew = true;
            }
        }
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    const TEXT: &str = r#"
[scenario]
name = "t"
format = 2
horizon = 5
[[actors]]
id = "a"
name = "A"
[params]
rate = { uniform = [0.1, 0.3] }
twice = "2 * rate"
lift = { uniform = [1, 2] }
edge = { uniform = [0, 1] }
size = { uniform = [1, 4] }
[variables]
x = { initial = 0, min = 0, max = 10 }
[[events]]
id = "p"
actor = "a"
probability = "twice"
[[events]]
id = "f"
actor = "a"
probability = 0.2
modifiers = [{ when = "p", factor = 2 }, { when = "x > 1", factor = "lift" }]
branches = [{ weight = "rate" }, { weight = 1 }]
[[events]]
id = "c"
actor = "a"
when = "x < edge * 10"
probability = 0.1
add = { x = "size" }
[[outcomes]]
id = "o"
when = "p"
[[outcomes]]
id = "rest"
"#;

    #[test]
    fn a_parameter_is_read_by_probabilities_factors_and_weights_or_has_no_gate() {
        let model = load_str("t.toml", TEXT, &[]).unwrap().model;
        let readers =
            |id: &str| param_readers(&model, model.params.iter().position(|p| p.id == id)?);
        // Through `twice`, and as a weight.
        assert_eq!(
            readers("rate"),
            Some(vec![Reader::Probability(0), Reader::Weight(1)])
        );
        assert_eq!(readers("twice"), Some(vec![Reader::Probability(0)]));
        assert_eq!(readers("lift"), Some(vec![Reader::Factor(1, 1)]));
        // A condition and an amount read these.
        assert_eq!(readers("edge"), None);
        assert_eq!(readers("size"), None);
    }
}
