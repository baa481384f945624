//! The model made ready for exact propagation: each event's effects split into what is fixed
//! (flags, constant amounts) and what is computed from the state at a firing (format-2 amounts,
//! assigned values, branch weights), and the state layout. Refuses what cannot be enumerated:
//! amounts drawn at each firing into a variable that some condition reads.

use super::ExactError;
use super::layout::Layout;
use crate::expr::Program;
use crate::model::{Amount, Dist, Effects, Model, Num};

/// Effects with every `add` amount and `assign` value a number.
#[derive(Clone, Debug, Default)]
pub struct ConstEffects {
    pub set: Vec<usize>,
    pub clear: Vec<usize>,
    pub add: Vec<(usize, f64)>,
    pub assign: Vec<(usize, f64)>,
}

/// One part of a firing (the event's own effects, or a branch's): the fixed effects, and the
/// amounts and values computed from the state at the start of the step.
#[derive(Clone, Debug, Default)]
pub struct Part {
    pub fixed: ConstEffects,
    pub add: Vec<(usize, Program)>,
    pub assign: Vec<(usize, Program)>,
}

impl Part {
    pub fn computed(&self) -> bool {
        !self.add.is_empty() || !self.assign.is_empty()
    }
}

/// Where a branch weight comes from.
#[derive(Clone, Debug)]
pub enum Weight {
    /// A number, or a per-trial draw (the value comes with the trial's inputs).
    Fixed,
    /// Computed at each firing from the state at the start of the step.
    Expr(Box<Program>),
}

#[derive(Clone, Debug)]
pub struct EventPlan {
    pub effects: Part,
    pub branches: Vec<Part>,
    pub weights: Vec<Weight>,
    /// Something of a firing depends on the state: resolved per state.
    pub per_state: bool,
}

/// A firing with every number known: the effects, and `(chance, effects)` of each branch
/// (chances 0 when every weight is 0: the event then fires with its own effects only).
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    pub effects: ConstEffects,
    pub branches: Vec<(f64, ConstEffects)>,
}

#[derive(Clone)]
pub struct Plan<'m> {
    pub model: &'m Model,
    pub layout: Layout,
    pub events: Vec<EventPlan>,
    /// Events of each actor.
    pub actor_events: Vec<Vec<usize>>,
}

impl<'m> Plan<'m> {
    pub fn new(model: &'m Model) -> Result<Plan<'m>, ExactError> {
        let layout = Layout::new(model);
        let mut events = Vec::with_capacity(model.events.len());
        for e in &model.events {
            let effects = part(model, &layout, &e.effects, &e.id, None)?;
            let branches = e
                .branches
                .iter()
                .map(|b| part(model, &layout, &b.effects, &e.id, Some(&b.label)))
                .collect::<Result<Vec<_>, ExactError>>()?;
            let weights: Vec<Weight> = (e.branches.iter())
                .map(|b| match &b.weight_num {
                    Some(Num::Expr(p)) => Weight::Expr(Box::new(p.clone())),
                    _ => Weight::Fixed,
                })
                .collect();
            let per_state = effects.computed()
                || branches.iter().any(Part::computed)
                || weights.iter().any(|w| matches!(w, Weight::Expr(_)));
            events.push(EventPlan {
                effects,
                branches,
                weights,
                per_state,
            });
        }
        let mut actor_events = vec![Vec::new(); model.actors.len()];
        for (i, e) in model.events.iter().enumerate() {
            actor_events[e.actor].push(i);
        }
        Ok(Plan {
            model,
            layout,
            events,
            actor_events,
        })
    }

    /// Applies effects to a state key, in the order of docs/language.md: set, clear, add, assign; each
    /// `add` and `assign` clamps to the variable's bounds.
    pub fn apply(&self, fx: &ConstEffects, key: &mut [u64]) {
        let layout = &self.layout;
        for &f in &fx.set {
            layout.set_flag(key, f, true);
        }
        for &f in &fx.clear {
            layout.set_flag(key, f, false);
        }
        for &(v, amount) in &fx.add {
            if let Some(old) = layout.var(key, v) {
                layout.set_var(key, v, self.clamp(v, old + amount));
            }
        }
        for &(v, value) in &fx.assign {
            layout.set_var(key, v, self.clamp(v, value));
        }
    }

    fn clamp(&self, v: usize, value: f64) -> f64 {
        let var = &self.model.variables[v];
        if value < var.min {
            var.min
        } else if value > var.max {
            var.max
        } else {
            value
        }
    }
}

/// The fixed and computed effects of one part. An amount drawn at each firing is refused only
/// when the variable is part of the state: a variable that no condition reads cannot change
/// any probability, so its draws are dropped (and the report leaves it out).
fn part(
    model: &Model,
    layout: &Layout,
    fx: &Effects,
    event: &str,
    branch: Option<&str>,
) -> Result<Part, ExactError> {
    let refuse = |v: usize, kind: &'static str| ExactError::RandomAmount {
        event: event.to_string(),
        branch: branch.map(str::to_string),
        variable: model.variables[v].id.clone(),
        kind,
    };
    let tracked = |v: &usize| layout.tracks_var(*v);
    let mut add = Vec::with_capacity(fx.add.len());
    for &(v, dist) in fx.add.iter().filter(|(v, _)| tracked(v)) {
        match dist.as_const() {
            Some(amount) => add.push((v, amount)),
            None => return Err(refuse(v, dist_kind(&dist))),
        }
    }
    let mut computed = Vec::new();
    for (v, amount) in fx.add_expr.iter().filter(|(v, _)| tracked(v)) {
        match amount {
            Amount::Expr(p) => computed.push((*v, p.clone())),
            Amount::Dist { kind, .. } => return Err(refuse(*v, kind.label)),
        }
    }
    Ok(Part {
        fixed: ConstEffects {
            set: fx.set.clone(),
            clear: fx.clear.clone(),
            add,
            assign: fx
                .assign
                .iter()
                .copied()
                .filter(|(v, _)| tracked(v))
                .collect(),
        },
        add: computed,
        assign: (fx.assign_expr.iter())
            .filter(|(v, _)| tracked(v))
            .cloned()
            .collect(),
    })
}

fn dist_kind(d: &Dist) -> &'static str {
    d.kind().map_or("constant", |k| k.label)
}
