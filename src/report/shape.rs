//! The summary report of a run, shaped as its JSON: stable names, `schema_version` 2.
//! Version 2 only added fields to version 1 (`by_step`, `routes`); fields are never renamed or removed.

use serde::Serialize;
use serde::ser::SerializeMap;

use super::by_step::ByStep;

/// The JSON schema version of [`Report`].
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub schema_version: u32,
    /// The version of the engine's random streams ([`crate::engine::STREAM_VERSION`]): the same
    /// seed gives the same numbers only within one.
    pub streams: u32,
    pub scenario: ScenarioInfo,
    pub seed: u64,
    pub trials: u64,
    pub horizon: u32,
    /// Command-line overrides as given, `PATH=VALUE`.
    pub overrides: Vec<String>,
    pub given: Option<Given>,
    /// True for results computed exactly rather than sampled (`brink exact`): then every `ci95`
    /// is null, `seed`, `trials` and every `count` are 0 (nothing was sampled), and `paths` may
    /// be empty. Left out of the JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exact: bool,
    pub outcomes: Vec<OutcomeRow>,
    pub events: Vec<EventRow>,
    pub actors: Vec<ActorRow>,
    pub variables: Vec<VariableRow>,
    pub paths: Vec<PathRow>,
    /// True when path counts come from the heavy-hitters summary (over 100 000 distinct paths).
    pub paths_approximate: bool,
    /// Per outcome, in outcome order: the most frequent routes to it.
    pub routes: Vec<RouteRow>,
    /// The routes (and paths) are made of milestones, which the scenario marks, rather than of
    /// once-only events: said in the tables' titles, not in the JSON (which lists the ids).
    #[serde(skip)]
    pub milestone_routes: bool,
    /// Each `[params]` parameter over the kept trials; left out of the JSON when the scenario
    /// has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<super::params::ParamRow>,
    /// Present when the run went to a precision (`--precision`) rather than a trial count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<PrecisionInfo>,
}

/// What a run to a precision reached: `trials` is then the number simulated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PrecisionInfo {
    /// The largest 95% half-width asked for, as a fraction.
    pub target: f64,
    /// The outcomes and events it applied to.
    pub of: Vec<String>,
    /// True when the cap came first: some half-width is still above the target.
    pub cap_hit: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioInfo {
    pub name: String,
    pub file: String,
    /// SHA-256 over the files read (bases first) and the overrides.
    pub digest: String,
    pub time_unit: String,
    /// Label of step 0, if the scenario gives one.
    pub start: Option<String>,
}

/// The condition the trials were kept by (the file's `given` and `--given`, joined by `and`),
/// the step at which the file's is judged (`observed`; null: at the end), and how many trials
/// satisfied it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Given {
    pub expr: String,
    pub observed: Option<u32>,
    pub kept: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutcomeRow {
    pub id: String,
    pub label: String,
    pub terminal: bool,
    pub probability: f64,
    /// Wilson score interval; null for exact results.
    pub ci95: Option<[f64; 2]>,
    pub count: u64,
    /// When the trial ended in this outcome; null for outcomes judged at the horizon and for
    /// outcomes that never happened.
    pub step: Option<StepStats>,
    /// Chance that the trial has ended in this outcome by each step (an outcome judged at the
    /// end gets all of it at the horizon).
    pub by_step: ByStep,
}

/// Steps by nearest rank, with calendar months when the scenario has a calendar start.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepStats {
    pub median: u32,
    pub p10: u32,
    pub p90: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<Months>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Months {
    pub median: String,
    pub p10: String,
    pub p90: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    pub id: String,
    pub label: String,
    pub actor: String,
    /// Chance of firing at least once.
    pub probability: f64,
    pub ci95: Option<[f64; 2]>,
    /// Mean number of firings per trial (over all trials).
    pub mean_times: f64,
    /// Median step of the first firing, over the trials in which it fired.
    pub median_first_step: Option<u32>,
    /// Branch label to the fraction of firings that took it (in file order).
    pub branches: Fractions,
    /// Chance that the event has first fired by each step.
    pub by_step: ByStep,
    /// Values out of range that were repaired (format 2): only the kinds that happened, and
    /// only when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repairs: Option<Named<u64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRow {
    pub id: String,
    pub name: String,
    /// Chance that at least one of the actor's events fired.
    pub probability: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VariableRow {
    pub id: String,
    pub unit: Option<String>,
    pub mean: Option<f64>,
    pub p5: Option<f64>,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    /// True when the percentiles come from logarithmic buckets (within 0.4% of the value).
    pub approximate: bool,
    /// `clamped`: trials whose drawn or computed initial value was clamped to the bounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repairs: Option<Named<u64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathRow {
    /// Once-only events in the order they fired (same step: file order); may be empty.
    pub events: Vec<String>,
    pub probability: f64,
    pub count: u64,
    /// Outcome id to its probability given this path (outcomes that occurred, file order).
    pub outcomes: Fractions,
}

/// The routes to one outcome: ordered sequences of once-only events among its trials.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteRow {
    pub outcome: String,
    /// Trials that ended in the outcome.
    pub count: u64,
    /// The most frequent non-empty routes, most frequent first, ties by the ids along them.
    pub top: Vec<RouteCount>,
    /// Share of the outcome's trials in which none of the events fired; null when it never
    /// happened.
    pub none: Option<f64>,
    /// Share of every route not in `top`; with `top` and `none` it sums to 1.
    pub other: Option<f64>,
    /// Present (true) when the counts come from the overflowed path summary.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteCount {
    pub events: Vec<String>,
    pub count: u64,
    /// Share of the outcome's trials.
    pub share: f64,
}

/// Named values, serialized as a JSON object in the order given (file order, not sorted).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Named<V>(pub Vec<(String, V)>);

/// Named fractions (branch shares, outcome shares of a path).
pub type Fractions = Named<f64>;

impl<V: Serialize> Serialize for Named<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// What the table header adds and JSON leaves out: this run's timings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    pub threads: usize,
    pub elapsed: std::time::Duration,
}

impl Timing {
    pub fn trials_per_second(&self, trials: u64) -> f64 {
        trials as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}
