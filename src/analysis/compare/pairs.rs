//! What compare counts trial by trial beyond the two run reports: for every event in both
//! scenarios whether it fired in A, in B or in both, and for every variable in both the
//! difference of its final values (paired), or each side's sums over its kept trials (when a
//! condition unpaired the runs).

use crate::stats::{Moments, PairedCounts, PairedSums};

/// Items (outcomes, events, variables) of A and B matched by id: `(id, index in A, index in
/// B)`, A's items in A's order, then those only in B in B's order.
pub fn match_ids<T>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> &str,
) -> Vec<(String, Option<usize>, Option<usize>)> {
    let mut out: Vec<_> = a
        .iter()
        .enumerate()
        .map(|(i, x)| {
            (
                id(x).to_string(),
                Some(i),
                b.iter().position(|y| id(y) == id(x)),
            )
        })
        .collect();
    for (j, y) in b.iter().enumerate() {
        if !a.iter().any(|x| id(x) == id(y)) {
            out.push((id(y).to_string(), None, Some(j)));
        }
    }
    out
}

/// Per matched event: trials where it fired in A, in B, and in both. Only the events that
/// fired are visited, so a trial costs what fired in it, not the number of events.
#[derive(Clone, Debug)]
pub struct EventPairs {
    trials: u64,
    a: Vec<u64>,
    b: Vec<u64>,
    both: Vec<u64>,
    /// Per matched event: the last trial (counted from 1) in which it fired in A.
    seen: Vec<u64>,
}

impl EventPairs {
    pub fn new(matched: usize) -> EventPairs {
        EventPairs {
            trials: 0,
            a: vec![0; matched],
            b: vec![0; matched],
            both: vec![0; matched],
            seen: vec![0; matched],
        }
    }

    /// Counts one trial from the events that fired in A and in B (each listed once), mapped
    /// to matched indices by `map_a` and `map_b`.
    #[inline]
    pub fn add(&mut self, fired_a: &[u32], fired_b: &[u32], map_a: &[usize], map_b: &[usize]) {
        self.trials += 1;
        let stamp = self.trials;
        for &e in fired_a {
            let u = map_a[e as usize];
            self.a[u] += 1;
            self.seen[u] = stamp;
        }
        for &e in fired_b {
            let u = map_b[e as usize];
            self.b[u] += 1;
            if self.seen[u] == stamp {
                self.both[u] += 1;
            }
        }
    }

    /// Adds `other`'s counts. Stamps stay valid: `trials` only grows, so every later stamp is
    /// larger than any left in `seen`.
    pub fn merge(&mut self, other: &EventPairs) {
        self.trials += other.trials;
        for u in 0..self.a.len() {
            self.a[u] += other.a[u];
            self.b[u] += other.b[u];
            self.both[u] += other.both[u];
        }
    }

    /// The paired table of matched event `u`.
    pub fn event(&self, u: usize) -> PairedCounts {
        PairedCounts {
            trials: self.trials,
            a: self.a[u],
            b: self.b[u],
            a_only: self.a[u] - self.both[u],
            b_only: self.b[u] - self.both[u],
        }
    }
}

/// Per variable in both scenarios: the paired sums of `B - A` over all trials, and each side's
/// own sums over its kept trials.
#[derive(Clone, Debug)]
pub struct VariablePairs {
    pub paired: Vec<PairedSums>,
    pub sides: [Vec<Moments>; 2],
}

impl VariablePairs {
    pub fn new(matched: usize) -> VariablePairs {
        VariablePairs {
            paired: vec![PairedSums::default(); matched],
            sides: [
                vec![Moments::default(); matched],
                vec![Moments::default(); matched],
            ],
        }
    }

    /// Counts one trial's final values; `index` holds each matched variable's index in A and
    /// in B, `kept` whether each side kept the trial.
    #[inline]
    pub fn add(&mut self, vars: [&[f64]; 2], index: &[[usize; 2]], kept: [bool; 2]) {
        for (u, &[i, j]) in index.iter().enumerate() {
            let (x, y) = (vars[0][i], vars[1][j]);
            self.paired[u].add(x, y);
            for (side, v) in [(0, x), (1, y)] {
                if kept[side] {
                    self.sides[side][u].add(v);
                }
            }
        }
    }

    pub fn merge(&mut self, other: &VariablePairs) {
        for (x, y) in self.paired.iter_mut().zip(&other.paired) {
            x.merge(y);
        }
        for side in 0..2 {
            for (x, y) in self.sides[side].iter_mut().zip(&other.sides[side]) {
                x.merge(y);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_in_a_order_then_b_extras() {
        let m = match_ids(&["x", "y", "z"], &["z", "w", "x"], |s| s);
        assert_eq!(
            m,
            vec![
                ("x".into(), Some(0), Some(2)),
                ("y".into(), Some(1), None),
                ("z".into(), Some(2), Some(0)),
                ("w".into(), None, Some(1)),
            ]
        );
    }

    #[test]
    fn event_pairs_count_both_and_each_side() {
        // Events 0 and 1 of A are matched events 1 and 0; B's event 0 is matched event 0.
        let (map_a, map_b) = ([1, 0], [0, 1]);
        let mut p = EventPairs::new(2);
        p.add(&[0, 1], &[0], &map_a, &map_b); // matched 1 and 0 in A, 0 in B
        p.add(&[], &[1], &map_a, &map_b); // matched 1 in B only
        let mut q = EventPairs::new(2);
        q.add(&[1], &[0], &map_a, &map_b); // matched 0 in both
        p.merge(&q);
        let e0 = p.event(0);
        assert_eq!(
            (e0.trials, e0.a, e0.b, e0.both(), e0.a_only, e0.b_only),
            (3, 2, 2, 2, 0, 0)
        );
        let e1 = p.event(1);
        assert_eq!(
            (e1.a, e1.b, e1.both(), e1.a_only, e1.b_only),
            (1, 1, 0, 1, 1)
        );
    }
}
