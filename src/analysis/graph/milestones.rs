//! `brink graph --milestones`: the chain a seminar shows on a slide. Only milestone events
//! (without any, the once-only events, as the report's routes choose) and outcomes are drawn;
//! flags, variables and background events are left out, and where one kept node can lead to
//! another through nodes left out, the two get an arrow of their own.

use super::{Cluster, Edge, EdgeKind, Graph, NodeKind};
use crate::model::Model;

impl Graph {
    /// The graph of `model` reduced to its milestones and outcomes.
    pub fn milestones(model: &Model) -> Graph {
        let full = Graph::new(model);
        let any_milestone = model.events.iter().any(|e| e.milestone);
        let mut events = model.events.iter();
        let keep: Vec<bool> = full
            .nodes
            .iter()
            .map(|n| match n.kind {
                NodeKind::Flag | NodeKind::Variable => false,
                NodeKind::Event => {
                    let e = events.next().expect("one event node per event");
                    if any_milestone {
                        e.milestone
                    } else {
                        !e.repeat
                    }
                }
                _ => true,
            })
            .collect();
        full.contract(&keep)
    }

    /// Keeps the nodes marked in `keep`. Edges between kept nodes stay as they are; a kept node
    /// that reaches another only through left-out nodes gets a plain arrow, negated when every
    /// such route passes a negation.
    fn contract(&self, keep: &[bool]) -> Graph {
        let n = self.nodes.len();
        let mut new_index = vec![usize::MAX; n];
        let mut nodes = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            if keep[i] {
                new_index[i] = nodes.len();
                nodes.push(node.clone());
            }
        }
        let mut out_edges: Vec<Vec<&Edge>> = vec![Vec::new(); n];
        for e in &self.edges {
            out_edges[e.from].push(e);
        }
        let mut edges = Vec::new();
        for from in (0..n).filter(|&i| keep[i]) {
            for e in &out_edges[from] {
                if keep[e.to] {
                    edges.push(Edge {
                        from: new_index[from],
                        to: new_index[e.to],
                        ..(*e).clone()
                    });
                }
            }
            // Routes through left-out nodes: (node, passed a negation) states, each seen once.
            let mut seen = vec![[false; 2]; n];
            let mut stack: Vec<(usize, bool)> = out_edges[from]
                .iter()
                .filter(|e| !keep[e.to])
                .map(|e| (e.to, e.negated))
                .collect();
            let mut reached = vec![Reached::default(); n];
            while let Some((at, neg)) = stack.pop() {
                if seen[at][neg as usize] {
                    continue;
                }
                seen[at][neg as usize] = true;
                for e in &out_edges[at] {
                    let neg = neg || e.negated;
                    if keep[e.to] {
                        reached[e.to].arrive(e, neg);
                    } else {
                        stack.push((e.to, neg));
                    }
                }
            }
            for (to, r) in reached.into_iter().enumerate() {
                let direct = out_edges[from].iter().any(|e| e.to == to);
                if (r.plain || r.negated) && to != from && !direct {
                    let (kind, label) = r.kind_and_label();
                    edges.push(Edge {
                        from: new_index[from],
                        to: new_index[to],
                        kind,
                        label,
                        negated: !r.plain,
                    });
                }
            }
        }
        let clusters = self
            .clusters
            .iter()
            .filter_map(|c| {
                let kept: Vec<usize> = c.nodes.iter().map(|&i| new_index[i]).collect();
                let kept: Vec<usize> = kept.into_iter().filter(|&i| i != usize::MAX).collect();
                (!kept.is_empty()).then(|| Cluster {
                    key: c.key.clone(),
                    label: c.label.clone(),
                    nodes: kept,
                })
            })
            .collect();
        Graph {
            title: self.title.clone(),
            nodes,
            clusters,
            edges,
        }
    }
}

/// How the routes from one kept node reach another through left-out nodes.
#[derive(Clone, Default)]
struct Reached {
    /// Some route passes no negation.
    plain: bool,
    /// Some route passes a negation.
    negated: bool,
    /// Some route ends with a condition (not only modifiers) of the target.
    condition: bool,
    /// The labels (factors) of the modifier edges the routes end with, each once, in order.
    factors: Vec<String>,
}

impl Reached {
    fn arrive(&mut self, last: &Edge, negated: bool) {
        if negated {
            self.negated = true;
        } else {
            self.plain = true;
        }
        if last.kind == EdgeKind::Modifier {
            // A modifier's factor is what the arrow means: keep it through the left-out nodes.
            if let Some(l) = &last.label
                && !self.factors.contains(l)
            {
                self.factors.push(l.clone());
            }
        } else {
            self.condition = true;
        }
    }

    /// As for a direct edge: a condition wins over modifiers, whose factors stay in the label.
    fn kind_and_label(&self) -> (EdgeKind, Option<String>) {
        let kind = if self.condition {
            EdgeKind::Condition
        } else {
            EdgeKind::Modifier
        };
        let label = (!self.factors.is_empty()).then(|| self.factors.join(", "));
        (kind, label)
    }
}
