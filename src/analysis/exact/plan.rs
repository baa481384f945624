//! The model made ready for exact propagation: effects with constant amounts, branch chances,
//! and the state layout. Refuses what cannot be enumerated (amounts drawn at each firing).

use super::ExactError;
use super::layout::Layout;
use crate::model::{Dist, Effects, Model};

/// Effects with every `add` amount a constant.
#[derive(Clone, Debug, Default)]
pub struct ConstEffects {
    pub set: Vec<usize>,
    pub clear: Vec<usize>,
    pub add: Vec<(usize, f64)>,
    pub assign: Vec<(usize, f64)>,
}

#[derive(Clone, Debug)]
pub struct EventPlan {
    pub effects: ConstEffects,
    /// `(chance, effects)` of each branch: weight over the sum of weights.
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
        let places = model.number_places();
        if !places.is_empty() {
            return Err(ExactError::ComputedNumbers { places });
        }
        let mut layout = Layout::new(model);
        layout.params = crate::model::fixed_values(&model.params)
            .map_err(|params| ExactError::UncertainParams { params })?;
        let mut events = Vec::with_capacity(model.events.len());
        for e in &model.events {
            let effects = const_effects(model, &layout, &e.effects, &e.id, None)?;
            let total: f64 = e.branches.iter().map(|b| b.weight).sum();
            let branches = e
                .branches
                .iter()
                .map(|b| {
                    let fx = const_effects(model, &layout, &b.effects, &e.id, Some(&b.label))?;
                    Ok((b.weight / total, fx))
                })
                .collect::<Result<_, ExactError>>()?;
            events.push(EventPlan { effects, branches });
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

/// The effects with constant amounts. An amount drawn at each firing is refused only when the
/// variable is part of the state: a variable that no condition reads cannot change any
/// probability, so its draws are dropped (and the report leaves it out).
fn const_effects(
    model: &Model,
    layout: &Layout,
    fx: &Effects,
    event: &str,
    branch: Option<&str>,
) -> Result<ConstEffects, ExactError> {
    let mut add = Vec::with_capacity(fx.add.len());
    for &(v, dist) in fx.add.iter().filter(|(v, _)| layout.tracks_var(*v)) {
        match dist.as_const() {
            Some(amount) => add.push((v, amount)),
            None => {
                return Err(ExactError::RandomAmount {
                    event: event.to_string(),
                    branch: branch.map(str::to_string),
                    variable: model.variables[v].id.clone(),
                    kind: dist_kind(&dist),
                });
            }
        }
    }
    Ok(ConstEffects {
        set: fx.set.clone(),
        clear: fx.clear.clone(),
        add,
        assign: fx
            .assign
            .iter()
            .copied()
            .filter(|(v, _)| layout.tracks_var(*v))
            .collect(),
    })
}

fn dist_kind(d: &Dist) -> &'static str {
    d.kind().map_or("constant", |k| k.label)
}
