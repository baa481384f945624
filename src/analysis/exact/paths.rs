//! The order in which the route events fired (milestones, else once-only events), carried in
//! the state so that `brink exact` reports routes and paths as `brink run` does.
//!
//! The order is one more word of the state key: the id of the sequence so far, interned as
//! (id of the sequence before, event), so extending a sequence is one hash lookup and equal
//! sequences are equal words. Keeping the order splits states that the rest of the solver
//! would merge (every order of the same events is a state of its own), so it runs as a second
//! propagation of its own (`propagate::solve_paths`): the figures of the first stay exactly what
//! they were, and when the orders make too many states only the routes and paths are given up,
//! with a note saying so.

use std::collections::{BTreeMap, HashMap};

/// Probability mass by the sequence of route events a trial fired (event indices, in the order
/// they first fired), per outcome.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PathMasses {
    /// Sequence to its mass in each outcome.
    pub masses: BTreeMap<Vec<u32>, Vec<f64>>,
    /// Set when keeping the order took more than `max` states at `step`: `masses` is empty.
    pub too_many: Option<(usize, u32)>,
}

impl PathMasses {
    /// Adds `weight * other` (a quadrature node's masses).
    pub fn add_scaled(&mut self, other: &PathMasses, weight: f64) {
        if self.too_many.is_some() || other.too_many.is_some() {
            self.too_many = self.too_many.or(other.too_many);
            self.masses.clear();
            return;
        }
        for (path, masses) in &other.masses {
            let mine = self
                .masses
                .entry(path.clone())
                .or_insert_with(|| vec![0.0; masses.len()]);
            for (a, b) in mine.iter_mut().zip(masses) {
                *a += weight * b;
            }
        }
    }
}

/// Follows the sequence of route events in the last word of each state key.
pub struct PathTracker {
    /// Which events make up a sequence.
    chosen: Vec<bool>,
    /// The key word holding the sequence's id.
    word: usize,
    /// Sequence id to (id of the sequence one shorter, its last event); id 0 is the empty one.
    nodes: Vec<(u32, u32)>,
    ids: HashMap<(u32, u32), u32>,
    /// Per sequence id: its mass in each outcome.
    ended: Vec<Vec<f64>>,
    outcomes: usize,
}

impl PathTracker {
    pub fn new(chosen: Vec<bool>, word: usize, outcomes: usize) -> PathTracker {
        PathTracker {
            chosen,
            word,
            nodes: vec![(0, u32::MAX)],
            ids: HashMap::new(),
            ended: Vec::new(),
            outcomes,
        }
    }

    /// Whether the sequence `id` holds event `e`.
    fn holds(&self, mut id: u32, e: u32) -> bool {
        while id != 0 {
            let (parent, last) = self.nodes[id as usize];
            if last == e {
                return true;
            }
            id = parent;
        }
        false
    }

    /// Records that event `e` fired in the state `key`: it joins the sequence at its first
    /// firing (a repeatable milestone enters once, as in a run's paths).
    pub fn fired(&mut self, key: &mut [u64], e: usize) {
        if !self.chosen[e] {
            return;
        }
        let (id, e) = (key[self.word] as u32, e as u32);
        if self.holds(id, e) {
            return;
        }
        let next = self.nodes.len() as u32;
        let id = *self.ids.entry((id, e)).or_insert(next);
        if id == next {
            self.nodes.push((key[self.word] as u32, e));
        }
        key[self.word] = u64::from(id);
    }

    /// Books the mass of a state in which a trial ends in `outcome`.
    pub fn ended(&mut self, key: &[u64], mass: f64, outcome: usize) {
        let id = key[self.word] as usize;
        if self.ended.len() <= id {
            self.ended.resize(id + 1, Vec::new());
        }
        let row = &mut self.ended[id];
        if row.is_empty() {
            row.resize(self.outcomes, 0.0);
        }
        row[outcome] += mass;
    }

    /// The sequence of id `id`, first event first.
    fn sequence(&self, mut id: u32) -> Vec<u32> {
        let mut out = Vec::new();
        while id != 0 {
            let (parent, last) = self.nodes[id as usize];
            out.push(last);
            id = parent;
        }
        out.reverse();
        out
    }

    pub fn masses(self) -> BTreeMap<Vec<u32>, Vec<f64>> {
        (self.ended.iter().enumerate())
            .filter(|(_, row)| !row.is_empty())
            .map(|(id, row)| (self.sequence(id as u32), row.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_are_interned_in_firing_order_and_enter_once() {
        let mut t = PathTracker::new(vec![true, false, true], 1, 2);
        let mut a = vec![7, 0];
        t.fired(&mut a, 2);
        t.fired(&mut a, 1);
        t.fired(&mut a, 0);
        t.fired(&mut a, 2);
        let mut b = vec![7, 0];
        t.fired(&mut b, 2);
        t.fired(&mut b, 0);
        assert_eq!(a, b, "the same order is the same word");
        assert_eq!(t.sequence(a[1] as u32), vec![2, 0]);
        let mut c = vec![7, 0];
        t.fired(&mut c, 0);
        t.fired(&mut c, 2);
        assert_ne!(a[1], c[1], "another order is another state");
        t.ended(&a, 0.25, 1);
        t.ended(&c, 0.5, 0);
        t.ended(&[7, 0], 0.25, 0);
        let m = t.masses();
        assert_eq!(m[&vec![]], vec![0.25, 0.0]);
        assert_eq!(m[&vec![2, 0]], vec![0.0, 0.25]);
        assert_eq!(m[&vec![0, 2]], vec![0.5, 0.0]);
    }

    #[test]
    fn too_many_states_in_one_node_gives_up_the_whole_sum() {
        let mut a = PathMasses::default();
        a.masses.insert(vec![1], vec![0.5]);
        let mut b = a.clone();
        a.add_scaled(&b, 0.5);
        assert_eq!(a.masses[&vec![1]], vec![0.75]);
        b.too_many = Some((10, 3));
        a.add_scaled(&b, 0.5);
        assert!(a.masses.is_empty());
        assert_eq!(a.too_many, Some((10, 3)));
    }
}
