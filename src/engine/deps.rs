//! Who reads what: for each flag, variable and event, the events and terminal outcomes whose
//! conditions read it. A change re-evaluates only these (the re-scan of every condition every
//! step is what makes a general engine slow).

use crate::expr::Reads;
use crate::model::Model;

/// Lists for `0..n`, stored flat: `items[offsets[i]..offsets[i + 1]]` belong to `i`.
#[derive(Clone, Debug, Default)]
pub struct Lists {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// Builds from `(owner, item)` pairs; duplicates are dropped, items kept sorted.
    fn build(n: usize, pairs: &[(u32, u32)]) -> Lists {
        let mut sorted = pairs.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut offsets = vec![0u32; n + 1];
        for &(owner, _) in &sorted {
            offsets[owner as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        Lists {
            offsets,
            items: sorted.into_iter().map(|(_, item)| item).collect(),
        }
    }

    #[inline]
    pub fn get(&self, i: usize) -> &[u32] {
        &self.items[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// Readers of one kind of input.
#[derive(Clone, Debug, Default)]
pub struct Readers {
    pub events: Lists,
    pub outcomes: Lists,
}

/// The dependency tables of a model.
#[derive(Clone, Debug, Default)]
pub struct Deps {
    pub flags: Readers,
    pub vars: Readers,
    /// Readers of an event's firing (its name, `times`, or `since`).
    pub events: Readers,
    /// Events whose eligibility or chance can change with time alone.
    pub step_events: Vec<u32>,
    /// Terminal outcomes that can start to hold with time alone.
    pub step_outcomes: Vec<u32>,
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

impl Deps {
    pub fn new(model: &Model) -> Deps {
        let mut ev = Pairs::default();
        let mut out = Pairs::default();
        let mut step_events = Vec::new();
        let mut step_outcomes = Vec::new();
        for (i, e) in model.events.iter().enumerate() {
            let i = i as u32;
            let mut step = reads_step(&e.when.reads);
            ev.add(i, &e.when.reads);
            for m in &e.modifiers {
                ev.add(i, &m.when.reads);
                step |= reads_step(&m.when.reads);
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
            out.add(i as u32, &when.reads);
            if reads_step(&when.reads) {
                step_outcomes.push(i as u32);
            }
        }
        let (nf, nv, ne) = (model.flags.len(), model.variables.len(), model.events.len());
        Deps {
            flags: Readers {
                events: Lists::build(nf, &ev.flags),
                outcomes: Lists::build(nf, &out.flags),
            },
            vars: Readers {
                events: Lists::build(nv, &ev.vars),
                outcomes: Lists::build(nv, &out.vars),
            },
            events: Readers {
                events: Lists::build(ne, &ev.events),
                outcomes: Lists::build(ne, &out.events),
            },
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
        let l = Lists::build(3, &[(2, 5), (0, 1), (2, 4), (2, 5)]);
        assert_eq!(l.get(0), &[1]);
        assert_eq!(l.get(1), &[] as &[u32]);
        assert_eq!(l.get(2), &[4, 5]);
    }
}
