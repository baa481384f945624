//! Where each part of a scenario was declared, kept beside the model so that the warnings of
//! `check` can point into the file, and the helpers every section reader uses to name and
//! locate an entry.

use super::effects::EffectSpans;
use crate::expr::Program;
use crate::format::Span;
use crate::format::document::Node;
pub(super) use crate::format::entry_id::id_span;
use crate::format::scenario_doc::id_of;

/// Where things were declared, for warnings.
#[derive(Clone, Debug, Default)]
pub struct Spans {
    pub actors: Vec<Span>,
    pub flags: Vec<Span>,
    pub variables: Vec<Span>,
    pub params: Vec<Span>,
    /// The id of each event.
    pub events: Vec<Span>,
    /// The `when` of each event (its id when it has none).
    pub event_when: Vec<Span>,
    /// The `modifiers` of each event (its id when it has none).
    pub modifiers: Vec<Span>,
    /// The `when` of each modifier of each event.
    pub modifier_when: Vec<Vec<Span>>,
    /// Writes of each event: its own effects and all its branches'.
    pub writes: Vec<EffectSpans>,
    pub outcomes: Vec<Span>,
    pub outcome_when: Vec<Option<Span>>,
    /// The `given` of `[scenario]`.
    pub scenario_given: Option<Span>,
    /// Conditions of `[[expect]] given`, which also read names.
    pub given: Vec<Program>,
    /// Format-2 expressions in a number's place with a range (probabilities, factors, weights),
    /// by their path (`events.e.modifiers.0.factor`).
    pub number_exprs: Vec<(String, Span)>,
}

/// "event `ceasefire`", or "an event without id" for messages.
pub(super) fn owner_name(kind: &str, node: &Node) -> String {
    match id_of(node) {
        Some(id) => format!("{kind} `{id}`"),
        None => format!("this {kind}"),
    }
}
