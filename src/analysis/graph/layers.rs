//! The first half of the layered drawing (Sugiyama's method): break cycles, put every node in a
//! column so that arrows point right, chain long arrows through placeholder points, and order
//! each column to keep crossings few. Everything runs in node order with stable sorts, so the
//! same graph always gets the same drawing.

/// Columns and their order, over the graph's nodes followed by placeholder points.
pub struct Layers {
    /// For each column, its nodes (graph nodes first, then placeholders) top to bottom.
    pub columns: Vec<Vec<usize>>,
    /// The column of every node and placeholder.
    pub column: Vec<usize>,
    /// For each graph edge: the nodes it passes, in drawing order from its source to its
    /// target (placeholders between). Empty for an arrow from a node to itself.
    pub chains: Vec<Vec<usize>>,
    /// The number of graph nodes; indices from here on are placeholders.
    pub real: usize,
}

/// Lays out `n` nodes joined by `edges` (from, to) in columns; `weak` marks the edges to turn
/// round first when they close a cycle.
pub fn layers(n: usize, edges: &[(usize, usize)], weak: &[bool]) -> Layers {
    let reversed = back_edges(n, edges, weak);
    // The acyclic version: every edge points from an earlier column to a later one.
    let dag: Vec<(usize, usize)> = edges
        .iter()
        .zip(&reversed)
        .filter(|((a, b), _)| a != b)
        .map(|(&(a, b), &r)| if r { (b, a) } else { (a, b) })
        .collect();
    let mut column = longest_path(n, &dag);
    let mut chains = Vec::with_capacity(edges.len());
    let mut next = n;
    for (&(a, b), &r) in edges.iter().zip(&reversed) {
        if a == b {
            chains.push(Vec::new());
            continue;
        }
        let (from, to) = if r { (b, a) } else { (a, b) };
        let mut chain = vec![from];
        for c in column[from] + 1..column[to] {
            chain.push(next);
            column.push(c);
            next += 1;
        }
        chain.push(to);
        if r {
            chain.reverse();
        }
        chains.push(chain);
    }
    let count = column.iter().max().map_or(0, |&c| c + 1);
    let mut columns = vec![Vec::new(); count];
    for (v, &c) in column.iter().enumerate() {
        columns[c].push(v);
    }
    let mut l = Layers {
        columns,
        column,
        chains,
        real: n,
    };
    l.order();
    l
}

/// Which edges to turn round so that no cycle is left: the edges are taken strong ones first
/// (then weak ones, each group in order), and an edge is turned round when the edges kept so
/// far already lead from its target back to its source. A negation ("while X has not
/// happened") is weak: the chain the scenario tells should point forwards, not it.
fn back_edges(n: usize, edges: &[(usize, usize)], weak: &[bool]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut back = vec![false; edges.len()];
    let order = (0..edges.len())
        .filter(|&e| !weak[e])
        .chain((0..edges.len()).filter(|&e| weak[e]));
    for e in order {
        let (a, b) = edges[e];
        if a == b {
            continue;
        }
        if reaches(&out, b, a) {
            back[e] = true;
            out[b].push(a);
        } else {
            out[a].push(b);
        }
    }
    back
}

/// Whether `to` can be reached from `from` along `out`.
fn reaches(out: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; out.len()];
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        if v == to {
            return true;
        }
        if !std::mem::replace(&mut seen[v], true) {
            stack.extend(&out[v]);
        }
    }
    false
}

/// Each node's column: one past the furthest of its predecessors; a node that only points
/// onwards then moves right up to just before its nearest successor, so that its arrows stay
/// short.
fn longest_path(n: usize, dag: &[(usize, usize)]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in dag {
        indegree[b] += 1;
        out[a].push(b);
    }
    let mut column = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).rev().filter(|&v| indegree[v] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(v) = ready.pop() {
        order.push(v);
        for &w in &out[v] {
            column[w] = column[w].max(column[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.push(w);
            }
        }
    }
    let has_in: Vec<bool> = (0..n).map(|v| dag.iter().any(|&(_, b)| b == v)).collect();
    for &v in order.iter().rev() {
        if !has_in[v] && !out[v].is_empty() {
            column[v] = out[v].iter().map(|&w| column[w]).min().unwrap_or(1) - 1;
        }
    }
    // A node with no arrow at all (the catch-all outcome) goes last, beside the outcomes.
    let last = column.iter().copied().max().unwrap_or(0);
    for v in 0..n {
        if !has_in[v] && out[v].is_empty() {
            column[v] = last;
        }
    }
    column
}

/// The mean of `value` over the nodes linked to `v` that `counts` accepts; `v`'s own value when
/// there are none (a node with no such neighbour stays where it is).
pub fn neighbours_mean(
    links: &[(usize, usize)],
    v: usize,
    value: &[f64],
    counts: impl Fn(usize) -> bool,
) -> f64 {
    let near: Vec<f64> = links
        .iter()
        .filter_map(|&(a, b)| match () {
            _ if a == v && counts(b) => Some(value[b]),
            _ if b == v && counts(a) => Some(value[a]),
            _ => None,
        })
        .collect();
    if near.is_empty() {
        value[v]
    } else {
        near.iter().sum::<f64>() / near.len() as f64
    }
}

impl Layers {
    /// Each column sorted by the mean position of its neighbours in the column before (then
    /// after), sweeping back and forth; the order with the fewest crossings wins.
    fn order(&mut self) {
        let links = self.links();
        let mut best = self.columns.clone();
        let mut fewest = self.crossings(&links);
        for sweep in 0..8 {
            let down = sweep % 2 == 0;
            let count = self.columns.len();
            for step in 1..count {
                let c = if down { step } else { count - 1 - step };
                let other = if down { c - 1 } else { c + 1 };
                let place = self.positions();
                let mut keyed: Vec<(f64, usize)> = self.columns[c]
                    .iter()
                    .map(|&v| {
                        let key = neighbours_mean(&links, v, &place, |w| self.column[w] == other);
                        (key, v)
                    })
                    .collect();
                keyed.sort_by(|x, y| x.0.total_cmp(&y.0));
                self.columns[c] = keyed.into_iter().map(|(_, v)| v).collect();
            }
            let crossings = self.crossings(&links);
            if crossings < fewest {
                fewest = crossings;
                best = self.columns.clone();
            }
        }
        self.columns = best;
    }

    /// Every node's place in its column.
    pub fn positions(&self) -> Vec<f64> {
        let mut place = vec![0.0; self.column.len()];
        for col in &self.columns {
            for (i, &v) in col.iter().enumerate() {
                place[v] = i as f64;
            }
        }
        place
    }

    /// The segments between neighbouring columns, each (left, right), once.
    pub fn links(&self) -> Vec<(usize, usize)> {
        let mut links = Vec::new();
        for chain in &self.chains {
            for pair in chain.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let link = if self.column[a] < self.column[b] {
                    (a, b)
                } else {
                    (b, a)
                };
                if !links.contains(&link) {
                    links.push(link);
                }
            }
        }
        links
    }

    /// How many pairs of segments cross.
    fn crossings(&self, links: &[(usize, usize)]) -> usize {
        let place = self.positions();
        let mut count = 0;
        for (i, &(a, b)) in links.iter().enumerate() {
            for &(c, d) in &links[i + 1..] {
                if self.column[a] == self.column[c]
                    && (place[a] - place[c]) * (place[b] - place[d]) < 0.0
                {
                    count += 1;
                }
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::layers;

    #[test]
    fn arrows_point_right_and_long_ones_pass_placeholders() {
        // 0 -> 1 -> 2, 0 -> 2, and 2 -> 0 closing a cycle.
        let l = layers(3, &[(0, 1), (1, 2), (0, 2), (2, 0)], &[false; 4]);
        assert_eq!(&l.column[..3], [0, 1, 2]);
        assert_eq!(l.chains[2], [0, 3, 2]);
        // The cycle's edge runs from 2 back to 0 through its own placeholder.
        assert_eq!(l.chains[3], [2, 4, 0]);
        assert_eq!(l.columns.len(), 3);
    }

    #[test]
    fn a_source_moves_next_to_its_successor() {
        let l = layers(4, &[(0, 1), (1, 2), (3, 2)], &[false; 3]);
        assert_eq!(l.column, [0, 1, 2, 1]);
    }

    #[test]
    fn ordering_removes_a_needless_crossing() {
        // 0 -> 3 and 1 -> 2: in file order the arrows cross.
        let l = layers(4, &[(0, 3), (1, 2)], &[false; 2]);
        assert_eq!(l.columns[1], [3, 2]);
    }

    #[test]
    fn a_weak_edge_is_turned_round_before_a_strong_one() {
        // 0 -> 1 strong, 1 -> 0 weak: the weak one runs backwards, whatever the order.
        let l = layers(2, &[(1, 0), (0, 1)], &[true, false]);
        assert_eq!(l.column, [0, 1]);
        let l = layers(3, &[(0, 1)], &[false]);
        assert_eq!(l.column, [0, 1, 1], "the lone node goes last");
    }
}
