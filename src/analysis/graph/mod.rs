//! `brink graph`: the escalation chain as a directed graph.
//!
//! Nodes are the scenario's flags, variables, events (grouped by actor) and outcomes, in file
//! order. An arrow goes from every name a condition or modifier reads to the event or outcome
//! that reads it, and from an event to every flag and variable its effects (its own and its
//! branches') change. The graph is built once, then rendered by one file per format, so both
//! formats show the same thing and the bytes depend only on the scenario.

mod dot;
mod layers;
mod layout;
mod mermaid;
mod milestones;
mod negation;
mod probabilities;
mod svg;
pub mod wrap;

pub use dot::render as render_dot;
pub use mermaid::render as render_mermaid;
pub use svg::{alt_text, chain, render as render_svg, render_down as render_svg_down};

use crate::expr::Program;
use crate::model::{Amount, Dist, Effects, Event, Model, Modifier, Num};
use negation::{Read, negated_only};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Flag,
    Variable,
    Event,
    /// Ends the trial as soon as it holds.
    Terminal,
    /// Judged only at the horizon.
    Horizon,
    CatchAll,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Unique in the graph: the scenario id with a prefix for its kind (`e_`, `o_`, `f_`,
    /// `v_`), which also keeps it clear of the renderers' keywords (`end`, `node`, `graph`).
    pub key: String,
    pub label: String,
    pub kind: NodeKind,
    /// The probability written on the node (`--probabilities`): "12.3%".
    pub probability: Option<String>,
}

/// An actor's events, drawn as one box.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub key: String,
    pub label: String,
    /// Indices into `Graph::nodes`.
    pub nodes: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// The target's `when` reads the source.
    Condition,
    /// Only a modifier of the target reads the source.
    Modifier,
    /// The source event's effects change the target.
    Effect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// Modifier factors ("x2"), or what the effects do ("set", "+1", "win: = 0").
    pub label: Option<String>,
    /// The target reads the source only through `not` (drawn dashed, labelled "not").
    pub negated: bool,
}

impl Edge {
    /// The label to draw: "not" first on a negated edge.
    pub fn shown_label(&self) -> Option<String> {
        match (self.negated, &self.label) {
            (true, Some(l)) => Some(format!("not, {l}")),
            (true, None) => Some("not".to_string()),
            (false, l) => l.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    pub title: String,
    /// Flags, then variables, then events, then outcomes, each in file order.
    pub nodes: Vec<Node>,
    pub clusters: Vec<Cluster>,
    pub edges: Vec<Edge>,
}

impl Graph {
    /// For each node, whether it is drawn inside an actor's cluster (both renderers need it).
    pub fn in_cluster(&self) -> Vec<bool> {
        let mut v = vec![false; self.nodes.len()];
        for c in &self.clusters {
            for &n in &c.nodes {
                v[n] = true;
            }
        }
        v
    }

    pub fn new(model: &Model) -> Graph {
        let mut g = Graph {
            title: model.name.clone(),
            nodes: Vec::new(),
            clusters: Vec::new(),
            edges: Vec::new(),
        };
        let flag0 = g.nodes.len();
        for f in &model.flags {
            g.push(format!("f_{}", f.id), f.id.clone(), NodeKind::Flag);
        }
        let var0 = g.nodes.len();
        for v in &model.variables {
            g.push(format!("v_{}", v.id), v.id.clone(), NodeKind::Variable);
        }
        let event0 = g.nodes.len();
        for e in &model.events {
            g.push(format!("e_{}", e.id), e.label.clone(), NodeKind::Event);
        }
        let outcome0 = g.nodes.len();
        for o in &model.outcomes {
            let kind = match (&o.when, o.terminal) {
                (None, _) => NodeKind::CatchAll,
                (Some(_), true) => NodeKind::Terminal,
                (Some(_), false) => NodeKind::Horizon,
            };
            g.push(format!("o_{}", o.id), o.label.clone(), kind);
        }
        for (a, actor) in model.actors.iter().enumerate() {
            let nodes: Vec<usize> = (0..model.events.len())
                .filter(|&e| model.events[e].actor == a)
                .map(|e| event0 + e)
                .collect();
            if !nodes.is_empty() {
                g.clusters.push(Cluster {
                    key: format!("a_{}", actor.id),
                    label: or_id(&actor.name, &actor.id),
                    nodes,
                });
            }
        }

        let index = Index {
            flag0,
            var0,
            event0,
        };
        for (e, event) in model.events.iter().enumerate() {
            let to = event0 + e;
            let mut edges = EdgeSet::default();
            let negated = index.negated(&event.when);
            for from in index.sources(&event.when) {
                edges.add(from, to, EdgeKind::Condition, None, negated.contains(&from));
            }
            for m in &event.modifiers {
                let negated = index.negated(&m.when);
                for from in index.sources(&m.when) {
                    let label = Some(factor_label(m));
                    edges.add(from, to, EdgeKind::Modifier, label, negated.contains(&from));
                }
            }
            for (program, label) in computed_numbers(event) {
                let negated = index.negated(program);
                for from in index.sources(program) {
                    let label = Some(label.clone());
                    edges.add(from, to, EdgeKind::Modifier, label, negated.contains(&from));
                }
            }
            effect_edges(&mut edges, &index, to, &event.effects, None);
            for b in &event.branches {
                effect_edges(&mut edges, &index, to, &b.effects, Some(&b.label));
            }
            g.edges.extend(edges.finish());
        }
        for (o, outcome) in model.outcomes.iter().enumerate() {
            let mut edges = EdgeSet::default();
            if let Some(when) = &outcome.when {
                let negated = index.negated(when);
                for from in index.sources(when) {
                    edges.add(
                        from,
                        outcome0 + o,
                        EdgeKind::Condition,
                        None,
                        negated.contains(&from),
                    );
                }
            }
            g.edges.extend(edges.finish());
        }
        g
    }

    fn push(&mut self, key: String, label: String, kind: NodeKind) {
        let label = or_id(&label, &key[2..]);
        self.nodes.push(Node {
            key,
            label,
            kind,
            probability: None,
        });
    }
}

/// Where each kind of name starts among the nodes.
struct Index {
    flag0: usize,
    var0: usize,
    event0: usize,
}

impl Index {
    /// The nodes a program reads, in the order of `Reads` (flags, variables, events), once each.
    fn sources(&self, program: &Program) -> Vec<usize> {
        let r = &program.reads;
        let mut out: Vec<usize> = Vec::new();
        let all = r
            .flags
            .iter()
            .map(|&f| self.flag0 + f as usize)
            .chain(r.vars.iter().map(|&v| self.var0 + v as usize))
            .chain(r.events.iter().map(|&e| self.event0 + e as usize))
            .chain(r.since.iter().map(|&e| self.event0 + e as usize));
        for n in all {
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }

    /// The nodes a program reads only through `not`.
    fn negated(&self, program: &Program) -> Vec<usize> {
        negated_only(program)
            .into_iter()
            .map(|r| match r {
                Read::Flag(f) => self.flag0 + f as usize,
                Read::Var(v) => self.var0 + v as usize,
                Read::Event(e) => self.event0 + e as usize,
            })
            .collect()
    }
}

fn effect_edges(
    edges: &mut EdgeSet,
    index: &Index,
    event: usize,
    fx: &Effects,
    branch: Option<&str>,
) {
    let say = |what: String| match branch {
        Some(b) if !b.trim().is_empty() => format!("{b}: {what}"),
        _ => what,
    };
    for &f in &fx.set {
        edges.add(
            event,
            index.flag0 + f,
            EdgeKind::Effect,
            Some(say("set".into())),
            false,
        );
    }
    for &f in &fx.clear {
        edges.add(
            event,
            index.flag0 + f,
            EdgeKind::Effect,
            Some(say("clear".into())),
            false,
        );
    }
    for &(v, amount) in &fx.add {
        edges.add(
            event,
            index.var0 + v,
            EdgeKind::Effect,
            Some(say(amount_text(&amount))),
            false,
        );
    }
    for &(v, value) in &fx.assign {
        edges.add(
            event,
            index.var0 + v,
            EdgeKind::Effect,
            Some(say(format!("= {value}"))),
            false,
        );
    }
    for (v, amount) in &fx.add_expr {
        let text = match amount {
            Amount::Expr(p) => format!("+({})", p.source),
            Amount::Dist { kind, args } => {
                let args: Vec<&str> = args.iter().map(|p| p.source.as_str()).collect();
                format!("+{}({})", kind.name, args.join(", "))
            }
        };
        edges.add(
            event,
            index.var0 + v,
            EdgeKind::Effect,
            Some(say(text)),
            false,
        );
    }
    for (v, p) in &fx.assign_expr {
        let text = say(format!("= ({})", p.source));
        edges.add(event, index.var0 + v, EdgeKind::Effect, Some(text), false);
    }
}

/// The format-2 numbers of an event computed from the state (its probability, modifier
/// factors, branch weights and effect amounts), each with the label of the arrows from the
/// names it reads: the event depends on those names through the number, not its condition.
fn computed_numbers(event: &Event) -> Vec<(&Program, String)> {
    let mut out: Vec<(&Program, String)> = Vec::new();
    if let Some(p) = &event.probability_expr {
        out.push((p, format!("p = {}", p.source)));
    }
    for m in &event.modifiers {
        if let Some(Num::Expr(p)) = &m.factor_num {
            out.push((p, factor_label(m)));
        }
    }
    out.extend(amounts(&event.effects));
    for b in &event.branches {
        if let Some(Num::Expr(p)) = &b.weight_num {
            let weight = match b.label.trim() {
                "" => "weight".to_string(),
                l => format!("{l}: weight"),
            };
            out.push((p, weight));
        }
        out.extend(amounts(&b.effects));
    }
    out
}

/// The expressions of `fx`'s amounts, each labelled "amount" (the effect arrows say which).
fn amounts(fx: &Effects) -> Vec<(&Program, String)> {
    fx.firing_programs()
        .map(|p| (p, "amount".to_string()))
        .collect()
}

/// A blank label shows the id instead (an empty node would be invisible, and Mermaid refuses
/// `id("")`).
fn or_id(label: &str, id: &str) -> String {
    if label.trim().is_empty() {
        id.to_string()
    } else {
        label.to_string()
    }
}

/// A modifier's factor: `x2`, `x(2 * appetite)` when computed, `xpert(1, 2, 4)` when drawn.
fn factor_label(m: &Modifier) -> String {
    match &m.factor_num {
        None => format!("x{}", m.factor),
        Some(Num::Expr(p)) => format!("x({})", p.source),
        Some(Num::Draw(d)) => {
            let params: Vec<String> = d.params().iter().map(f64::to_string).collect();
            let name = d.kind().map_or("", |k| k.name);
            format!("x{name}({})", params.join(", "))
        }
    }
}

fn amount_text(d: &Dist) -> String {
    match (d.kind(), *d) {
        (None, Dist::Const(a)) if a < 0.0 => format!("-{}", -a),
        (None, _) => format!("+{}", d.params()[0]),
        (Some(k), _) => {
            let params: Vec<String> = d.params().iter().map(f64::to_string).collect();
            format!("+{}({})", k.name, params.join(", "))
        }
    }
}

/// The edges into or out of one node, one per (source, target), labels joined in order. A
/// condition edge wins over a modifier edge from the same name (the modifier's factor stays in
/// the label, and the condition says whether the edge is negated); a modifier-only edge is
/// negated when every modifier reading the source reads it only through `not`.
#[derive(Default)]
struct EdgeSet {
    edges: Vec<(Edge, Vec<String>)>,
}

impl EdgeSet {
    fn add(
        &mut self,
        from: usize,
        to: usize,
        kind: EdgeKind,
        label: Option<String>,
        negated: bool,
    ) {
        let same_group = |k: EdgeKind| (k == EdgeKind::Effect) == (kind == EdgeKind::Effect);
        let found = self
            .edges
            .iter_mut()
            .find(|(e, _)| e.from == from && e.to == to && same_group(e.kind));
        let (edge, labels) = match found {
            Some(entry) => entry,
            None => {
                self.edges.push((
                    Edge {
                        from,
                        to,
                        kind,
                        label: None,
                        negated,
                    },
                    Vec::new(),
                ));
                self.edges.last_mut().expect("just pushed")
            }
        };
        if kind == EdgeKind::Condition {
            // The condition decides whether the edge is negated, whatever modifiers said.
            edge.negated = negated && (edge.kind != EdgeKind::Condition || edge.negated);
            edge.kind = EdgeKind::Condition;
        } else if edge.kind == kind {
            edge.negated &= negated;
        }
        if let Some(l) = label
            && !labels.contains(&l)
        {
            labels.push(l);
        }
    }

    fn finish(self) -> impl Iterator<Item = Edge> {
        self.edges.into_iter().map(|(mut e, labels)| {
            if !labels.is_empty() {
                e.label = Some(labels.join(", "));
            }
            e
        })
    }
}
