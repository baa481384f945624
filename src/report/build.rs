//! Turning a run's tallies into the report: probabilities, intervals, percentiles, top paths.

use super::by_step::ByStep;
use super::routes::{route_events, routes};
use super::shape::*;
use crate::engine::{RunResult, StepCounts};
use crate::model::{Model, combined_given};
use crate::stats::{ratio, wilson95};

/// How many escalation paths a report lists.
pub const TOP_PATHS: usize = 10;

/// What the report says about the run beyond the tallies.
#[derive(Clone, Debug, Default)]
pub struct RunMeta {
    /// The scenario file as the user named it (default: the last file the model was read from).
    pub file: Option<String>,
    pub seed: u64,
    /// The `--given` expression as written.
    pub given: Option<String>,
}

fn step_stats(model: &Model, steps: &StepCounts) -> Option<StepStats> {
    let median = steps.percentile(50)?;
    let p10 = steps.percentile(10)?;
    let p90 = steps.percentile(90)?;
    let months = model.calendar.map(|_| Months {
        median: model.calendar_label(median).unwrap_or_default(),
        p10: model.calendar_label(p10).unwrap_or_default(),
        p90: model.calendar_label(p90).unwrap_or_default(),
    });
    Some(StepStats {
        median,
        p10,
        p90,
        months,
    })
}

/// The cumulative share of `n` trials counted by step.
fn counts_by_step(horizon: u32, steps: &StepCounts, n: u64) -> ByStep {
    ByStep::cumulative(horizon, steps.iter().map(|(s, c)| (s, c as f64)), n as f64)
}

/// Labels made unique (a JSON object cannot repeat a key): later duplicates get " (2)", ...
pub fn unique_labels<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in labels {
        let mut name = l.to_string();
        let mut k = 2;
        while out.contains(&name) {
            name = format!("{l} ({k})");
            k += 1;
        }
        out.push(name);
    }
    out
}

/// The repairs that happened, by kind; `None` when none did.
fn repairs<const N: usize>(counts: [(&str, u64); N]) -> Option<Named<u64>> {
    let happened: Vec<(String, u64)> = (counts.iter())
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
    (!happened.is_empty()).then_some(Named(happened))
}

impl Report {
    /// The report of `result`, a run of `model`.
    pub fn build(model: &Model, result: &RunResult, meta: &RunMeta) -> Report {
        let n = result.kept;
        let outcomes = model
            .outcomes
            .iter()
            .zip(&result.outcomes)
            .map(|(o, t)| OutcomeRow {
                id: o.id.clone(),
                label: o.label.clone(),
                terminal: o.terminal && o.when.is_some(),
                probability: ratio(t.count, n),
                ci95: Some(wilson95(t.count, n)),
                count: t.count,
                step: if o.terminal && o.when.is_some() {
                    step_stats(model, &t.steps)
                } else {
                    None
                },
                by_step: if o.terminal && o.when.is_some() {
                    counts_by_step(model.horizon, &t.steps, n)
                } else {
                    ByStep::at_horizon(model.horizon, ratio(t.count, n))
                },
            })
            .collect();
        let events = model
            .events
            .iter()
            .zip(&result.events)
            .map(|(e, t)| {
                let fired_total: u64 = t.branches.iter().sum();
                let labels = unique_labels(e.branches.iter().map(|b| b.label.as_str()));
                EventRow {
                    id: e.id.clone(),
                    label: e.label.clone(),
                    actor: model.actors[e.actor].id.clone(),
                    probability: ratio(t.fired, n),
                    ci95: Some(wilson95(t.fired, n)),
                    mean_times: ratio(t.times, n),
                    median_first_step: t.first_step.percentile(50),
                    branches: Named(
                        labels
                            .into_iter()
                            .zip(&t.branches)
                            .map(|(l, &c)| (l, ratio(c, fired_total)))
                            .collect(),
                    ),
                    by_step: counts_by_step(model.horizon, &t.first_step, n),
                    repairs: repairs(t.repairs.named()),
                }
            })
            .collect();
        let actors = model
            .actors
            .iter()
            .zip(&result.actors)
            .map(|(a, &c)| ActorRow {
                id: a.id.clone(),
                name: a.name.clone(),
                probability: ratio(c, n),
            })
            .collect();
        let variables = model
            .variables
            .iter()
            .zip(&result.variables)
            .enumerate()
            .map(|(i, (v, s))| {
                let q = s.percentiles(&[5, 50, 95]);
                VariableRow {
                    id: v.id.clone(),
                    unit: v.unit.clone(),
                    mean: s.mean(),
                    p5: q[0],
                    p50: q[1],
                    p95: q[2],
                    approximate: s.approximate(),
                    repairs: repairs([(
                        "clamped",
                        result.initial_clamped.get(i).copied().unwrap_or(0),
                    )]),
                }
            })
            .collect();
        let names: Vec<&str> = model.events.iter().map(|e| e.id.as_str()).collect();
        let paths = result
            .paths
            .top(TOP_PATHS, &names)
            .into_iter()
            .map(|p| {
                let seen: u64 = p.outcomes.iter().sum();
                PathRow {
                    events: p
                        .events
                        .iter()
                        .map(|&e| names[e as usize].to_string())
                        .collect(),
                    probability: ratio(p.count, n),
                    count: p.count,
                    outcomes: Named(
                        model
                            .outcomes
                            .iter()
                            .zip(p.outcomes)
                            .filter(|(_, c)| **c > 0)
                            .map(|(o, &c)| (o.id.clone(), ratio(c, seen)))
                            .collect(),
                    ),
                }
            })
            .collect();
        let file = meta.file.clone().unwrap_or_else(|| {
            model
                .files
                .last()
                .map(|f| f.display().to_string())
                .unwrap_or_default()
        });
        Report {
            schema_version: SCHEMA_VERSION,
            streams: crate::engine::STREAM_VERSION,
            scenario: ScenarioInfo {
                name: model.name.clone(),
                file,
                digest: model.digest.clone(),
                time_unit: model.time_unit.clone(),
                start: model.start.clone(),
            },
            seed: meta.seed,
            trials: result.trials,
            horizon: model.horizon,
            overrides: model.overrides.clone(),
            given: combined_given(model, meta.given.as_deref()).map(|(expr, observed)| Given {
                expr,
                observed,
                kept: result.kept,
            }),
            exact: false,
            outcomes,
            events,
            actors,
            variables,
            paths,
            paths_approximate: result.paths.approximate(),
            milestone_routes: model.events.iter().any(|e| e.milestone),
            routes: routes(model, result, &route_events(model)),
            params: super::params::rows(model, result),
            precision: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_labels_become_unique() {
        let got = unique_labels(["a", "b", "a", "a"].into_iter());
        assert_eq!(got, ["a", "b", "a (2)", "a (3)"]);
    }
}
