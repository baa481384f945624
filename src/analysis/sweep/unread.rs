//! Paths no trial reads: an entry's text (labels, names, sources, units) and an outcome's
//! `severity`, which is for readers of the file. The loader takes any value for them, so a sweep
//! over one ran and printed a table of 0.0 pp differences, which reads like a finding. It is
//! refused before any simulation instead, with a number of the same entry that the trials do
//! read.

use super::error::SweepError;
use crate::model::Model;

/// The refusal for `path` when no trial reads it; `None` for every other path (a bad path is
/// the loader's to tell, so this is asked only once the baseline has loaded).
pub fn refusal(model: &Model, path: &str) -> Option<SweepError> {
    let segs: Vec<&str> = path.split('.').collect();
    let help = match segs.as_slice() {
        ["scenario", "name" | "description" | "source"] => Some(first_event(model)),
        ["actors", id, "name" | "side" | "description"] => Some(actor_event(model, id)),
        ["events", id, "label" | "source" | "rationale"] => {
            Some(format!("`events.{id}.probability`"))
        }
        ["events", id, "branches", i, "label"] => Some(format!(
            "the branch's weight, `events.{id}.branches.{i}.weight`"
        )),
        ["outcomes", id, "label" | "description" | "severity"] => Some(outcome_event(model, id)),
        ["variables", id, "unit"] => Some(format!("its starting value, `variables.{id}`")),
        ["params", id, "unit" | "source" | "rationale"] => {
            Some(format!("the parameter itself, `params.{id}`"))
        }
        _ => None,
    }?;
    let key = segs.last().copied().unwrap_or_default();
    Some(SweepError::Path {
        path: path.to_string(),
        message: format!(
            "no trial reads `{key}`, so every point would repeat the baseline's numbers\n\
             help: vary a number the trials read, such as {help}"
        ),
    })
}

fn event_chance(model: &Model, e: usize) -> String {
    format!("`events.{}.probability`", model.events[e].id)
}

fn first_event(model: &Model) -> String {
    match model.events.first() {
        Some(_) => format!("`scenario.horizon` or {}", event_chance(model, 0)),
        None => "`scenario.horizon`".into(),
    }
}

/// The chance of the actor's first event.
fn actor_event(model: &Model, id: &str) -> String {
    let actor = model.actors.iter().position(|a| a.id == id);
    match model.events.iter().position(|e| Some(e.actor) == actor) {
        Some(e) => format!(
            "the chance of one of its events, {}",
            event_chance(model, e)
        ),
        None => first_event(model),
    }
}

/// The chance of an event the outcome's condition reads, directly or through a flag it sets.
fn outcome_event(model: &Model, id: &str) -> String {
    let reads = (model.outcomes.iter().find(|o| o.id == id))
        .and_then(|o| o.when.as_ref())
        .map(|w| &w.reads);
    let Some(reads) = reads else {
        return first_event(model);
    };
    let sets_read = |e: usize| {
        let event = &model.events[e];
        (event.all_effects().flat_map(|fx| &fx.set)).any(|&f| reads.flags.contains(&(f as u32)))
    };
    let found = (reads.events.first().map(|&e| e as usize))
        .or_else(|| (0..model.events.len()).find(|&e| sets_read(e)));
    match found {
        Some(e) => format!(
            "the chance of an event its `when` reads, {}",
            event_chance(model, e)
        ),
        None => first_event(model),
    }
}
