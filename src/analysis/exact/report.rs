//! The figures of an exact solution, in the shape of the run report (cli.md) with no intervals
//! and `"exact": true`.
//!
//! Interim: the shared report of `brink run` is written elsewhere; once it lands this becomes a
//! conversion into it. Until then `brink exact` renders these rows itself (see `render`).

use serde::Serialize;
use serde::ser::SerializeMap;

use super::{Solution, StepStats, VariableStats};
use crate::model::Model;

#[derive(Clone, Debug, Serialize)]
pub struct ExactReport {
    pub schema_version: u32,
    pub scenario: ScenarioInfo,
    pub horizon: u32,
    pub overrides: Vec<String>,
    pub exact: bool,
    pub outcomes: Vec<OutcomeRow>,
    pub events: Vec<EventRow>,
    pub actors: Vec<ActorRow>,
    pub variables: Vec<VariableRow>,
    /// Not in the JSON: work done, for the table's footer.
    #[serde(skip)]
    pub notes: Notes,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScenarioInfo {
    pub name: String,
    pub file: String,
    pub digest: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutcomeRow {
    pub id: String,
    pub label: String,
    pub probability: f64,
    pub ci95: Option<[f64; 2]>,
    pub step: Option<StepRow>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct StepRow {
    pub median: u32,
    pub p10: u32,
    pub p90: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventRow {
    pub id: String,
    pub label: String,
    pub probability: f64,
    pub ci95: Option<[f64; 2]>,
    pub mean_times: f64,
    pub median_first_step: Option<u32>,
    #[serde(skip_serializing_if = "Branches::is_empty")]
    pub branches: Branches,
}

/// Branch label -> share of firings, in file order (a JSON object keeps that order).
#[derive(Clone, Debug, Default)]
pub struct Branches(pub Vec<(String, f64)>);

impl Branches {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Branches {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorRow {
    pub id: String,
    pub name: String,
    pub probability: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct VariableRow {
    pub id: String,
    pub mean: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

#[derive(Clone, Debug, Default)]
pub struct Notes {
    pub peak_states: usize,
    /// Variables left out: no condition reads them.
    pub untracked: Vec<String>,
    /// "probabilities of `a`, `b` integrated: ..." when some were uncertain.
    pub integration: Option<String>,
}

impl ExactReport {
    pub fn new(model: &Model, solution: &Solution, file: &str) -> ExactReport {
        let step = |s: Option<StepStats>| {
            s.map(|s| StepRow {
                median: s.median,
                p10: s.p10,
                p90: s.p90,
            })
        };
        let outcomes = model
            .outcomes
            .iter()
            .enumerate()
            .map(|(o, out)| OutcomeRow {
                id: out.id.clone(),
                label: out.label.clone(),
                probability: solution.outcome_probability(o),
                ci95: None,
                step: step(solution.outcome_steps(o)),
            })
            .collect();
        let events = model
            .events
            .iter()
            .enumerate()
            .map(|(e, ev)| EventRow {
                id: ev.id.clone(),
                label: ev.label.clone(),
                probability: solution.event_probability(e),
                ci95: None,
                mean_times: solution.mean_times(e),
                median_first_step: solution.median_first_step(e),
                branches: Branches(
                    ev.branches
                        .iter()
                        .map(|b| b.label.clone())
                        .zip(solution.branch_shares(e))
                        .collect(),
                ),
            })
            .collect();
        let actors = model
            .actors
            .iter()
            .enumerate()
            .map(|(a, actor)| ActorRow {
                id: actor.id.clone(),
                name: actor.name.clone(),
                probability: solution.actor_probability(a),
            })
            .collect();
        let variables = model
            .variables
            .iter()
            .enumerate()
            .filter_map(|(v, var)| {
                let VariableStats { mean, p5, p50, p95 } = solution.variable_stats(v)?;
                Some(VariableRow {
                    id: var.id.clone(),
                    mean,
                    p5,
                    p50,
                    p95,
                })
            })
            .collect();
        let integration = solution.integration.as_ref().map(|i| {
            let names: Vec<String> = i
                .events
                .iter()
                .map(|&e| format!("`{}`", model.events[e].id))
                .collect();
            format!(
                "uncertain probabilities of {} integrated by Gauss quadrature: {} nodes per \
                 piece, {} values solved, last refinement changed a figure by {:.1e}",
                names.join(", "),
                i.nodes,
                i.points,
                i.change
            )
        });
        ExactReport {
            schema_version: 1,
            scenario: ScenarioInfo {
                name: model.name.clone(),
                file: file.to_string(),
                digest: model.digest.clone(),
            },
            horizon: model.horizon,
            overrides: model.overrides.clone(),
            exact: true,
            outcomes,
            events,
            actors,
            variables,
            notes: Notes {
                peak_states: solution.tally.peak_states,
                untracked: solution
                    .untracked
                    .iter()
                    .map(|&v| model.variables[v].id.clone())
                    .collect(),
                integration,
            },
        }
    }
}
