//! Who reads what: for each flag, variable and event, the events and terminal outcomes whose
//! conditions read it. A change re-evaluates only these (the re-scan of every condition every
//! step is what makes a general engine slow).

use super::cuts::Cuts;
use crate::expr::{Program, Reads};
use crate::model::{Event, Model, Num};

/// Lists for `0..n`, stored flat: `items[ranges[i].0..ranges[i].1]` belong to `i`.
#[derive(Clone, Debug, Default)]
pub struct Lists {
    ranges: Vec<(u32, u32)>,
    items: Vec<u32>,
}

impl Lists {
    /// Builds from `(owner, item)` pairs; duplicates are dropped, items kept sorted.
    fn build(n: usize, pairs: &[(u32, u32)]) -> Lists {
        let mut sorted = pairs.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut ranges = vec![(0u32, 0u32); n];
        for (k, &(owner, _)) in sorted.iter().enumerate() {
            let r = &mut ranges[owner as usize];
            if r.1 == 0 {
                r.0 = k as u32;
            }
            r.1 = k as u32 + 1;
        }
        Lists {
            ranges,
            items: sorted.into_iter().map(|(_, item)| item).collect(),
        }
    }

    /// Inlined always: a firing looks up its readers, and the call cost more than the lookup.
    #[inline(always)]
    pub fn get(&self, i: usize) -> &[u32] {
        let (a, b) = self.ranges[i];
        &self.items[a as usize..b as usize]
    }
}

/// Marks an outcome among the readers of an input (events are stored as themselves).
pub const OUTCOME_BIT: u32 = 1 << 31;

/// The dependency tables of a model. Each list holds the readers of one input: event `e` as `e`,
/// terminal outcome `o` as `o | OUTCOME_BIT`.
#[derive(Clone, Debug, Default)]
pub struct Deps {
    pub flags: Lists,
    /// Readers of an event's firing (its name, `times`, or `since`).
    pub events: Lists,
    /// Events whose eligibility or chance can change with time alone.
    pub step_events: Vec<u32>,
    /// Terminal outcomes that can start to hold with time alone.
    pub step_outcomes: Vec<u32>,
    /// Per variable and reader: the values at which that reader may change its mind.
    pub var_cuts: Cuts,
}

/// True when a condition's value can change with `step` alone.
pub fn reads_step(r: &Reads) -> bool {
    r.step || !r.since.is_empty()
}

#[derive(Default)]
struct Pairs {
    flags: Vec<(u32, u32)>,
    vars: Vec<(u32, u32)>,
    events: Vec<(u32, u32)>,
}

impl Pairs {
    fn add(&mut self, reader: u32, r: &Reads) {
        self.flags.extend(r.flags.iter().map(|&f| (f, reader)));
        self.vars.extend(r.vars.iter().map(|&v| (v, reader)));
        self.events.extend(r.events.iter().map(|&e| (e, reader)));
        self.events.extend(r.since.iter().map(|&e| (e, reader)));
    }
}

/// What decides an event's chance in a step: its condition, its modifiers' conditions, and in
/// format 2 its computed probability and factors.
pub fn chance_programs(e: &Event) -> impl Iterator<Item = &Program> {
    let factors = e.modifiers.iter().filter_map(|m| match &m.factor_num {
        Some(Num::Expr(p)) => Some(p),
        _ => None,
    });
    std::iter::once(&e.when)
        .chain(e.modifiers.iter().map(|m| &m.when))
        .chain(e.probability_expr.iter())
        .chain(factors)
}

impl Deps {
    pub fn new(model: &Model) -> Deps {
        let mut p = Pairs::default();
        let mut step_events = Vec::new();
        let mut step_outcomes = Vec::new();
        for (i, e) in model.events.iter().enumerate() {
            let i = i as u32;
            let mut step = false;
            for prog in chance_programs(e) {
                p.add(i, &prog.reads);
                step |= reads_step(&prog.reads);
            }
            if step {
                step_events.push(i);
            }
        }
        for (i, o) in model.outcomes.iter().enumerate() {
            // Non-terminal outcomes are judged only at the horizon: nothing to track.
            let (Some(when), true) = (&o.when, o.terminal) else {
                continue;
            };
            p.add(i as u32 | OUTCOME_BIT, &when.reads);
            if reads_step(&when.reads) {
                step_outcomes.push(i as u32);
            }
        }
        let vars = Lists::build(model.variables.len(), &p.vars);
        let programs = |id: u32| -> Vec<&Program> {
            if id & OUTCOME_BIT == 0 {
                chance_programs(&model.events[id as usize]).collect()
            } else {
                model.outcomes[(id & !OUTCOME_BIT) as usize]
                    .when
                    .iter()
                    .collect()
            }
        };
        Deps {
            var_cuts: Cuts::new(model.variables.len(), |v| vars.get(v), programs),
            flags: Lists::build(model.flags.len(), &p.flags),
            events: Lists::build(model.events.len(), &p.events),
            step_events,
            step_outcomes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_group_sort_and_dedup() {
        let l = Lists::build(4, &[(2, 5), (0, 1), (2, 4), (2, 5)]);
        assert_eq!(l.get(3), &[] as &[u32]);
        assert_eq!(l.get(0), &[1]);
        assert_eq!(l.get(1), &[] as &[u32]);
        assert_eq!(l.get(2), &[4, 5]);
    }
}
