//! What a firing changes, prepared once per simulator as one flat list of actions per event and
//! per branch ([`Actions`]).
//!
//! A model keeps an event's effects as four lists (flags set, flags cleared, amounts added,
//! values assigned), and its branches' effects likewise, most of them empty: walking them at
//! every firing costs a load and a test per list, twice (the event's, then its branch's). Here
//! each possible firing (the event alone, or the event with branch `b`) has one list of the
//! actions it takes, in the order the trial applies them: the event's sets, clears, adds and
//! assignments, then the branch's. The amounts are drawn in that order from the firing's stream,
//! so the draws are the same; an assigned constant is clamped to its variable's bounds here, with
//! the operations the trial would use.

use super::sample::Sampler;
use crate::model::{Effects, Model};

/// One change a firing makes.
#[derive(Clone, Debug)]
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

/// Every event's firings as action lists, over one flat buffer.
#[derive(Clone, Debug, Default)]
pub(super) struct Actions {
    pub(super) list: Vec<Action>,
    /// Per event: the range in `list` of a firing without a branch.
    pub(super) plain: Vec<(u32, u32)>,
    /// Per branch of every event (in the order of the flat branch counters): the range in `list`
    /// of a firing that takes it.
    pub(super) branch: Vec<(u32, u32)>,
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
    pub(super) fn new(model: &Model) -> Actions {
        let mut out = Actions::default();
        for e in &model.events {
            let start = out.list.len() as u32;
            push(&mut out.list, model, &e.effects);
            out.plain.push((start, out.list.len() as u32));
            for b in &e.branches {
                let start = out.list.len() as u32;
                push(&mut out.list, model, &e.effects);
                push(&mut out.list, model, &b.effects);
                out.branch.push((start, out.list.len() as u32));
            }
        }
        out
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
        let show = |(a, b): (u32, u32)| -> Vec<String> {
            acts.list[a as usize..b as usize]
                .iter()
                .map(|a| match a {
                    Action::Set(f) => format!("set {f}"),
                    Action::Clear(f) => format!("clear {f}"),
                    Action::Add { var, lo, hi, .. } => format!("add {var} [{lo}, {hi}]"),
                    Action::Assign { var, value } => format!("assign {var} {value}"),
                })
                .collect()
        };
        let event = ["set 0", "clear 1", "add 0 [0, 10]", "assign 1 1"];
        assert_eq!(show(acts.plain[0]), event);
        assert_eq!(
            show(acts.branch[0]),
            [&event[..], &["clear 0", "assign 0 3"]].concat()
        );
        assert_eq!(show(acts.branch[1]), event);
        assert!(show(acts.plain[1]).is_empty());
        assert_eq!(acts.branch.len(), 2);
    }
}
