//! Outcomes no trial can end in because another is chosen first: outcomes are judged in file
//! order and the first that holds wins, so an outcome is never chosen when one before it (terminal,
//! or judged at the horizon with it) holds in every state where it does. `check` warns; `trace
//! --outcome` refuses to search for such an outcome. Like every "never", the answer is sure and
//! some shadowed outcomes go unfound (see [`super::implication`]).

use std::collections::HashMap;

use super::implication;
use super::reach::Reach;
use crate::expr::{Domain, Program};
use crate::model::Model;

/// Why outcome `by`, before the shadowed one, is always chosen first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Why {
    SameCondition,
    AlwaysHolds,
    HoldsWhenever,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shadow {
    pub by: usize,
    pub why: Why,
}

impl Shadow {
    /// "`war` before it holds whenever this does", for a message about the shadowed outcome.
    pub fn reason(&self, m: &Model) -> String {
        let by = &m.outcomes[self.by].id;
        match self.why {
            Why::SameCondition => format!("`{by}` before it has the same condition"),
            Why::AlwaysHolds => format!("`{by}` before it always holds"),
            Why::HoldsWhenever => format!("`{by}` before it holds whenever this does"),
        }
    }
}

/// The earlier outcomes seen so far, by the ways they can shadow a later one.
#[derive(Default)]
struct Earlier {
    always_terminal: Option<usize>,
    always_any: Option<usize>,
    text_terminal: HashMap<String, usize>,
    text_any: HashMap<String, usize>,
    /// Every earlier terminal outcome, and every earlier one, for the implication check.
    terminal: Vec<usize>,
    any: Vec<usize>,
}

/// For each outcome, the earlier one that is always chosen before it, if any. Outcomes that can
/// never hold (in `finished`, see [`Reach::finished`]) are left out on both sides: they have
/// their own warning and shadow nothing.
pub fn shadows(m: &Model, finished: &Domain) -> Vec<Option<Shadow>> {
    let mut seen = Earlier::default();
    let mut out = vec![None; m.outcomes.len()];
    for (i, o) in m.outcomes.iter().enumerate() {
        let Some(when) = &o.when else { continue };
        let (can_false, can_true) = when.may_be(&Reach::outcome_domain(finished, m, o));
        if !can_true {
            continue;
        }
        // A terminal outcome is judged at every step, where only terminal ones are; one judged
        // at the horizon comes after every terminal outcome that held there, and any earlier one.
        let text = normalized(when);
        let (always, same, implying) = if o.terminal {
            (seen.always_terminal, &seen.text_terminal, &seen.terminal)
        } else {
            (seen.always_any, &seen.text_any, &seen.any)
        };
        let same = same.get(&text).copied();
        let shadow = match (always, same) {
            (Some(a), Some(s)) if s <= a => Some(Shadow {
                by: s,
                why: Why::SameCondition,
            }),
            (Some(a), _) => Some(Shadow {
                by: a,
                why: Why::AlwaysHolds,
            }),
            (None, Some(s)) => Some(Shadow {
                by: s,
                why: Why::SameCondition,
            }),
            (None, None) => implying
                .iter()
                .copied()
                .find(|&j| {
                    (m.outcomes[j].when.as_ref()).is_some_and(|w| implication::implies(m, when, w))
                })
                .map(|by| Shadow {
                    by,
                    why: Why::HoldsWhenever,
                }),
        };
        out[i] = shadow;
        if !can_false {
            seen.always_any.get_or_insert(i);
            if o.terminal {
                seen.always_terminal.get_or_insert(i);
            }
        }
        seen.text_any.entry(text.clone()).or_insert(i);
        seen.any.push(i);
        if o.terminal {
            seen.text_terminal.entry(text).or_insert(i);
            seen.terminal.push(i);
        }
    }
    out
}

/// For each outcome, whether a trial can end in it: its `when` may hold (in `finished`) and no
/// outcome before it is always chosen first.
pub fn chosen(m: &Model, finished: &Domain) -> Vec<bool> {
    let shadowed = shadows(m, finished);
    (m.outcomes.iter().zip(shadowed))
        .map(|(o, s)| s.is_none() && Reach::outcome_may_hold(finished, m, o))
        .collect()
}

fn normalized(p: &Program) -> String {
    p.source.split_whitespace().collect::<Vec<_>>().join(" ")
}
