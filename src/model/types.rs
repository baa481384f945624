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
}

impl Effects {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
            && self.clear.is_empty()
            && self.add.is_empty()
            && self.assign.is_empty()
    }
}

#[derive(Clone, Debug)]
pub struct Modifier {
    pub when: Program,
    pub factor: f64,
}

#[derive(Clone, Debug)]
pub struct Branch {
    pub weight: f64,
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
    pub probability: Dist,
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

impl Model {
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
