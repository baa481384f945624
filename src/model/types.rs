//! The checked, compiled scenario: everything the engine needs, with names resolved to indices.
//!
//! A `Model` is valid by construction: the loader refuses anything that would make these
//! invariants false, so the engine never re-checks them.
//! - ids are unique across actors, flags, variables, events and outcomes;
//! - the last outcome is the only catch-all (`when == None`, `terminal == false`);
//! - every probability value lies in [0, 1], every factor is finite and >= 0, every weight > 0;
//! - every variable has `min <= initial <= max` and finite values.

use super::distributions::Dist;
use crate::expr::Program;

#[derive(Clone, Debug)]
pub struct Model {
    pub name: String,
    pub description: Option<String>,
    pub source: Option<String>,
    /// Label of one step, e.g. "month".
    pub time_unit: String,
    /// Label of step 0, e.g. "2024-11".
    pub start: Option<String>,
    /// `(year, month)` of step 0 when `time_unit = "month"` and `start` is `YYYY-MM`.
    pub calendar: Option<(i32, u32)>,
    pub horizon: u32,
    /// Defaults for a run, from `[scenario.run]`.
    pub trials: u64,
    pub seed: u64,
    pub actors: Vec<Actor>,
    pub flags: Vec<Flag>,
    pub variables: Vec<Variable>,
    /// `[params]`, in the order they are drawn.
    pub params: Vec<super::Param>,
    pub events: Vec<Event>,
    /// In priority order; the last one is the catch-all.
    pub outcomes: Vec<Outcome>,
    pub expects: Vec<Expect>,
    /// `[scenario] given` (and `observed`): the trials this scenario keeps.
    pub given: Option<super::FileGiven>,
    /// The files read, in load order (bases first).
    pub files: Vec<std::path::PathBuf>,
    /// SHA-256 (hex) over the bytes of the files in load order, then the overrides.
    pub digest: String,
    /// Command-line overrides as given, `PATH=VALUE`.
    pub overrides: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub side: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Flag {
    pub id: String,
    pub initial: bool,
}

#[derive(Clone, Debug)]
pub struct Variable {
    pub id: String,
    pub initial: f64,
    /// `f64::NEG_INFINITY` when unbounded below.
    pub min: f64,
    /// `f64::INFINITY` when unbounded above.
    pub max: f64,
    pub unit: Option<String>,
    /// Format 2: an initial value drawn once per trial or computed from the parameters, then
    /// clamped to the bounds; `initial` is then NaN.
    pub initial_num: Option<Num>,
}

/// A format-2 number that is not fixed: drawn once per trial, or computed by an expression.
#[derive(Clone, Debug)]
pub enum Num {
    Draw(Dist),
    Expr(Program),
}

/// A format-2 `add` amount that depends on the state.
#[derive(Clone, Debug)]
pub enum Amount {
    /// A numeric expression, evaluated at each firing.
    Expr(Program),
    /// A distribution whose parameters are expressions (numbers compile to constants), drawn
    /// at each firing from the parameters' values then.
    Dist {
        kind: &'static super::Kind,
        args: Vec<Program>,
    },
}

impl Amount {
    /// The expressions to evaluate at a firing, in order.
    pub fn programs(&self) -> &[Program] {
        match self {
            Amount::Expr(p) => std::slice::from_ref(p),
            Amount::Dist { args, .. } => args,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Effects {
    /// Flags made true.
    pub set: Vec<usize>,
    /// Flags made false.
    pub clear: Vec<usize>,
    /// `(variable, amount)`, applied in this order, each clamped to the variable's bounds.
    pub add: Vec<(usize, Dist)>,
    /// `(variable, value)`, applied after the adds, each clamped.
    pub assign: Vec<(usize, f64)>,
    /// Format 2: `add` amounts that depend on the state, evaluated on the state at the start
    /// of the step of the firing (so their order among the adds does not matter: one
    /// variable appears once in an `add`).
    pub add_expr: Vec<(usize, Amount)>,
    /// Format 2: `assign` values computed from the state at the start of the step.
    pub assign_expr: Vec<(usize, Program)>,
}

impl Effects {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
            && self.clear.is_empty()
            && self.add.is_empty()
            && self.assign.is_empty()
            && self.add_expr.is_empty()
            && self.assign_expr.is_empty()
    }

    /// The expressions evaluated at a firing (amounts, then assigned values), in order.
    pub fn firing_programs(&self) -> impl Iterator<Item = &Program> {
        (self.add_expr.iter().flat_map(|(_, a)| a.programs()))
            .chain(self.assign_expr.iter().map(|(_, p)| p))
    }
}

#[derive(Clone, Debug)]
pub struct Modifier {
    pub when: Program,
    /// NaN when `factor_num` gives the factor.
    pub factor: f64,
    /// Format 2: a factor drawn once per trial or computed at every eligible step.
    pub factor_num: Option<Num>,
}

#[derive(Clone, Debug)]
pub struct Branch {
    /// NaN when `weight_num` gives the weight.
    pub weight: f64,
    /// Format 2: a weight drawn once per trial or computed at each firing.
    pub weight_num: Option<Num>,
    /// Defaults to "branch N" (1-based) when the file gives none.
    pub label: String,
    pub effects: Effects,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    /// Index into `Model::actors`.
    pub actor: usize,
    pub label: String,
    pub when: Program,
    /// `Const(NaN)` when `probability_expr` gives the probability.
    pub probability: Dist,
    /// Format 2: a probability computed at every eligible step from the state.
    pub probability_expr: Option<Program>,
    /// `probability` is the chance within `over` eligible steps (>= 1).
    pub over: u32,
    pub repeat: bool,
    /// A step of the escalation chain: when any event is one, reports' paths show only these.
    pub milestone: bool,
    pub modifiers: Vec<Modifier>,
    pub effects: Effects,
    pub branches: Vec<Branch>,
    pub source: Option<String>,
    pub rationale: Option<String>,
    pub tags: Vec<String>,
    /// A hash of the id (FNV-1a 64): keys this event's random sub-stream, so that adding or
    /// changing another event does not reshuffle this one's draws.
    pub stream_key: u64,
}

#[derive(Clone, Debug)]
pub struct Outcome {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    /// `None` only for the catch-all.
    pub when: Option<Program>,
    pub terminal: bool,
    pub severity: Option<i64>,
}

#[derive(Clone, Debug)]
pub enum ExpectTarget {
    Outcome(usize),
    Event(usize),
    /// `holds`: the probability that the condition holds on the end state (outcome ids allowed).
    Holds(Program),
    /// `variable` with `mean`: the mean of the variable at the end.
    VariableMean(usize),
}

/// One `[[expect]]` block: a pinned range for a probability, or for a variable's mean.
#[derive(Clone, Debug)]
pub struct Expect {
    pub target: ExpectTarget,
    /// The target's id, as written.
    pub target_id: String,
    pub lo: f64,
    pub hi: f64,
    pub trials: Option<u64>,
    pub seed: Option<u64>,
    /// Overrides as `PATH=VALUE` (the value as TOML text), applied like `--set`.
    pub set: Vec<String>,
    pub given: Option<String>,
    /// `file:line:col` of the block, for test reports.
    pub location: String,
}

impl Event {
    /// The expressions evaluated at a firing: computed branch weights, then the event's own
    /// effects', then each branch's (see [`Effects::firing_programs`]).
    pub fn firing_programs(&self) -> impl Iterator<Item = &Program> {
        let weights = self.branches.iter().filter_map(|b| match &b.weight_num {
            Some(Num::Expr(p)) => Some(p),
            _ => None,
        });
        weights.chain(self.all_effects().flat_map(Effects::firing_programs))
    }

    /// The event's own effects, then each branch's.
    pub fn all_effects(&self) -> impl Iterator<Item = &Effects> {
        std::iter::once(&self.effects).chain(self.branches.iter().map(|b| &b.effects))
    }

    /// Whether the chance of a step depends on more than the drawn probability and the
    /// modifiers' conditions: a computed probability, or a drawn or computed factor.
    pub fn has_numbers(&self) -> bool {
        self.probability_expr.is_some() || self.modifiers.iter().any(|m| m.factor_num.is_some())
    }
}

impl Model {
    /// Every numeric expression of format 2 (probabilities, factors, weights, amounts,
    /// assigned and initial values): what they read counts as read.
    pub fn number_programs(&self) -> impl Iterator<Item = &Program> {
        let initial = self.variables.iter().filter_map(|v| match &v.initial_num {
            Some(Num::Expr(p)) => Some(p),
            _ => None,
        });
        let events = self.events.iter().flat_map(|e| {
            let factors = e.modifiers.iter().filter_map(|m| match &m.factor_num {
                Some(Num::Expr(p)) => Some(p),
                _ => None,
            });
            e.probability_expr
                .iter()
                .chain(factors)
                .chain(e.firing_programs())
        });
        initial.chain(events)
    }

    /// Where the scenario uses format-2 numbers (expressions, drawn factors, weights or initial
    /// values), as id paths; empty for a format-1 scenario.
    pub fn number_places(&self) -> Vec<String> {
        let mut out = Vec::new();
        for v in &self.variables {
            if v.initial_num.is_some() {
                out.push(format!("variables.{}.initial", v.id));
            }
        }
        for e in &self.events {
            let base = format!("events.{}", e.id);
            if e.probability_expr.is_some() {
                out.push(format!("{base}.probability"));
            }
            for (i, m) in e.modifiers.iter().enumerate() {
                if m.factor_num.is_some() {
                    out.push(format!("{base}.modifiers.{i}.factor"));
                }
            }
            let fx = std::iter::once((base.clone(), &e.effects)).chain(
                (e.branches.iter().enumerate())
                    .map(|(i, b)| (format!("{base}.branches.{i}"), &b.effects)),
            );
            for (i, b) in e.branches.iter().enumerate() {
                if b.weight_num.is_some() {
                    out.push(format!("{base}.branches.{i}.weight"));
                }
            }
            for (at, f) in fx {
                let vars = &self.variables;
                for (v, _) in &f.add_expr {
                    out.push(format!("{at}.add.{}", vars[*v].id));
                }
                for (v, _) in &f.assign_expr {
                    out.push(format!("{at}.assign.{}", vars[*v].id));
                }
            }
        }
        out
    }

    /// Index of the catch-all outcome (always the last).
    pub fn catch_all(&self) -> usize {
        self.outcomes.len() - 1
    }

    /// The per-step chance of event `e` given its probability value `p` (before modifiers):
    /// `1 - (1 - p)^(1/over)`, with `libm` so results match on every platform.
    pub fn per_step_chance(&self, e: usize, p: f64) -> f64 {
        per_step_chance(p, self.events[e].over)
    }

    /// Step `t` as a calendar label ("2025-03") when the scenario has a calendar start.
    pub fn calendar_label(&self, step: u32) -> Option<String> {
        self.calendar.map(|c| month_label(c, step))
    }
}

/// The month `step` months after `(year, month)`, as "YYYY-MM".
pub fn month_label((y, m): (i32, u32), step: u32) -> String {
    let months = (y as i64) * 12 + (m as i64 - 1) + step as i64;
    format!(
        "{:04}-{:02}",
        months.div_euclid(12),
        months.rem_euclid(12) + 1
    )
}

/// `1 - (1 - p)^(1/over)`: the per-step chance that gives `p` within `over` steps.
pub fn per_step_chance(p: f64, over: u32) -> f64 {
    if over <= 1 || p <= 0.0 || p >= 1.0 {
        return p;
    }
    1.0 - libm::pow(1.0 - p, 1.0 / over as f64)
}

/// FNV-1a, 64 bit: a stable hash of an id (no dependence on the Rust version or platform).
pub fn stream_key(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes() {
        h ^= byte as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_step_chance_compounds_back_to_p() {
        let q = per_step_chance(0.5, 3);
        let within = 1.0 - (1.0 - q).powi(3);
        assert!((within - 0.5).abs() < 1e-12, "{within}");
        assert_eq!(per_step_chance(0.3, 1), 0.3);
        assert_eq!(per_step_chance(1.0, 4), 1.0);
    }

    #[test]
    fn stream_keys_differ_and_are_stable() {
        assert_ne!(stream_key("a"), stream_key("b"));
        assert_eq!(stream_key(""), 0xcbf2_9ce4_8422_2325);
    }
}
