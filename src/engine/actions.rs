//! What a firing changes, prepared once per simulator as one list of actions per event and per
//! branch ([`Actions`]).
//!
//! A model keeps an event's effects as four lists (flags set, flags cleared, amounts added,
//! values assigned), and its branches' effects likewise, most of them empty: walking them at
//! every firing costs a load and a test per list, twice (the event's, then its branch's). Here
//! each possible firing (the event alone, or the event with branch `b`) has one list of the
//! actions it takes, in the order the trial applies them: the event's sets, clears, adds and
//! assignments, then the branch's. The amounts are drawn in that order from the firing's stream,
//! so the draws are the same; an assigned constant is clamped to its variable's bounds here, with
//! the operations the trial would use.

use super::numbers::{Act, EventNumbers};
use super::sample::Sampler;
use crate::model::{Effects, Model};

/// One change a firing makes.
///
/// With an explicit tag (`repr(u8)`), a firing's `match` reads the kind directly; without, the
/// compiler keeps it in the spare values of `Add`'s sampler tag and decodes it at every action
/// (1% of a baseline trial's instructions).
#[derive(Clone, Debug)]
#[repr(u8)]
pub(super) enum Action {
    /// Makes a flag true.
    Set(u32),
    /// Makes a flag false.
    Clear(u32),
    /// Adds a drawn amount to a variable, then clamps the sum to `[lo, hi]`.
    Add {
        var: u32,
        lo: f64,
        hi: f64,
        amount: Sampler,
    },
    /// Gives a variable a value (already clamped to its bounds).
    Assign { var: u32, value: f64 },
}

/// One event's firings as action lists. Each list is a slice of its own, not a range of one
/// flat buffer: a firing then walks it with no bounds check (a range took two per firing, and
/// the event's readers two more, about 2% of a baseline trial's instructions).
#[derive(Clone, Debug, Default)]
pub(super) struct Actions {
    /// A firing without a branch.
    pub(super) plain: Box<[Action]>,
    /// Per branch: a firing that takes it.
    pub(super) branch: Box<[Box<[Action]>]>,
}

fn push(list: &mut Vec<Action>, model: &Model, effects: &Effects) {
    let bounds = |v: usize| (model.variables[v].min, model.variables[v].max);
    list.extend(effects.set.iter().map(|&f| Action::Set(f as u32)));
    list.extend(effects.clear.iter().map(|&f| Action::Clear(f as u32)));
    list.extend(effects.add.iter().map(|(v, d)| {
        let (lo, hi) = bounds(*v);
        Action::Add {
            var: *v as u32,
            lo,
            hi,
            amount: Sampler::new(d),
        }
    }));
    list.extend(effects.assign.iter().map(|&(v, value)| {
        let (lo, hi) = bounds(v);
        Action::Assign {
            var: v as u32,
            value: value.max(lo).min(hi),
        }
    }));
}

impl Actions {
    /// Every event's actions, in event order.
    pub(super) fn new(model: &Model) -> Vec<Actions> {
        let list = |parts: &[&Effects]| {
            let mut list = Vec::new();
            for effects in parts {
                push(&mut list, model, effects);
            }
            list.into_boxed_slice()
        };
        (model.events.iter())
            .map(|e| Actions {
                plain: list(&[&e.effects]),
                branch: (e.branches.iter())
                    .map(|b| list(&[&e.effects, &b.effects]))
                    .collect(),
            })
            .collect()
    }
}

/// One change a firing of an event with computed numbers makes: prepared like any event's, or
/// worked out at the firing (see `computed.rs`).
#[derive(Clone, Debug)]
pub(super) enum Step {
    Fixed(Action),
    Computed(Act),
}

/// The firings of an event with computed numbers as step lists, like [`Actions`]: each part
/// (the event's own effects, then its branch's) applies its prepared changes, then its computed
/// ones. Empty for other events.
#[derive(Clone, Debug, Default)]
pub(super) struct Steps {
    pub(super) plain: Box<[Step]>,
    pub(super) branch: Box<[Box<[Step]>]>,
}

impl Steps {
    /// The steps of an event whose firings are `actions` (its fixed changes) and whose computed
    /// changes `numbers` lists per part.
    pub(super) fn new(actions: &Actions, numbers: &EventNumbers) -> Steps {
        let part = |list: &mut Vec<Step>, i: usize, fixed: &[Action]| {
            list.extend(fixed.iter().cloned().map(Step::Fixed));
            let acts =
                &numbers.acts[numbers.part_acts[i] as usize..numbers.part_acts[i + 1] as usize];
            list.extend(acts.iter().map(|&act| Step::Computed(act)));
        };
        let mut plain = Vec::new();
        part(&mut plain, 0, &actions.plain);
        let branch = (actions.branch.iter().enumerate())
            .map(|(b, fixed)| {
                // A branch's actions are the event's, then its own.
                let mut list = plain.clone();
                part(&mut list, b + 1, &fixed[actions.plain.len()..]);
                list.into_boxed_slice()
            })
            .collect();
        Steps {
            plain: plain.into_boxed_slice(),
            branch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_firing_lists_the_event_then_its_branch_in_apply_order() {
        let text = r#"
[scenario]
name = "x"
horizon = 5
[[actors]]
id = "a"
name = "A"
[flags]
f = false
g = true
[variables]
x = { initial = 0, min = 0, max = 10 }
y = { initial = 0, min = -1, max = 1 }
[[events]]
id = "e"
actor = "a"
probability = 0.5
set = ["f"]
clear = ["g"]
add = { x = 2 }
assign = { y = 1 }
[[events.branches]]
weight = 1
clear = ["f"]
assign = { x = 3 }
[[events.branches]]
weight = 1
[[events]]
id = "plain"
actor = "a"
probability = 0.5
[[outcomes]]
id = "o"
"#;
        let model = crate::model::load_str("t.toml", text, &[]).unwrap().model;
        let acts = Actions::new(&model);
        let show = |list: &[Action]| -> Vec<String> {
            list.iter()
                .map(|a| match a {
                    Action::Set(f) => format!("set {f}"),
                    Action::Clear(f) => format!("clear {f}"),
                    Action::Add { var, lo, hi, .. } => format!("add {var} [{lo}, {hi}]"),
                    Action::Assign { var, value } => format!("assign {var} {value}"),
                })
                .collect()
        };
        let event = ["set 0", "clear 1", "add 0 [0, 10]", "assign 1 1"];
        assert_eq!(show(&acts[0].plain), event);
        assert_eq!(
            show(&acts[0].branch[0]),
            [&event[..], &["clear 0", "assign 0 3"]].concat()
        );
        assert_eq!(show(&acts[0].branch[1]), event);
        assert!(show(&acts[1].plain).is_empty());
        assert_eq!(acts[0].branch.len(), 2);
        assert!(acts[1].branch.is_empty());
    }

    #[test]
    fn a_computing_firing_applies_each_part_prepared_then_computed() {
        let text = r#"
[scenario]
name = "x"
horizon = 5
format = 2
[[actors]]
id = "a"
name = "A"
[flags]
f = false
[variables]
x = { initial = 0, min = 0, max = 10 }
y = { initial = 0, min = 0, max = 10 }
z = { initial = 0, min = 0, max = 10 }
[[events]]
id = "e"
actor = "a"
probability = 0.5
set = ["f"]
add = { x = 2, y = "x + 1" }
[[events.branches]]
weight = 1
clear = ["f"]
add = { y = 1, x = { poisson = "y + 1" } }
assign = { z = "y" }
[[events.branches]]
weight = 1
[[outcomes]]
id = "o"
"#;
        let model = crate::model::load_str("t.toml", text, &[]).unwrap().model;
        let numbers = super::super::numbers::Numbers::new(&model);
        let actions = Actions::new(&model);
        let steps = Steps::new(&actions[0], &numbers.events[0]);
        let show = |list: &[Step]| -> Vec<String> {
            list.iter()
                .map(|s| match s {
                    Step::Fixed(Action::Set(f)) => format!("set {f}"),
                    Step::Fixed(Action::Clear(f)) => format!("clear {f}"),
                    Step::Fixed(Action::Add { var, .. }) => format!("add {var}"),
                    Step::Fixed(Action::Assign { var, .. }) => format!("assign {var}"),
                    Step::Computed(Act::Add { var, .. }) => format!("computed add {var}"),
                    Step::Computed(Act::Draw { var, .. }) => format!("computed draw {var}"),
                    Step::Computed(Act::Assign { var, .. }) => format!("computed assign {var}"),
                })
                .collect()
        };
        let event = ["set 0", "add 0", "computed add 1"];
        assert_eq!(show(&steps.plain), event);
        let branch = ["clear 0", "add 1", "computed draw 0", "computed assign 2"];
        assert_eq!(show(&steps.branch[0]), [&event[..], &branch[..]].concat());
        assert_eq!(show(&steps.branch[1]), event);
        assert_eq!(steps.branch.len(), 2);
    }
}
