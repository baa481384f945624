//! An exact solution as the shared run report ([`crate::report::Report`]), so `brink exact`
//! renders as the same document as `brink run` and its JSON can be compared field by field.
//!
//! What differs from a run's report, and why:
//! - `"exact": true`; every `ci95` is null, and `seed`, `trials` and every `count` are 0, since
//!   nothing was sampled.
//! - `variables` lists every variable, in file order; one that no condition reads is not part of
//!   the solver's state, so its statistics are null (the table footer names these).
//! - `paths` and `routes` come from a second propagation that keeps the order of the route
//!   events (see `paths`): shares are exact, counts 0. When that order takes more states than
//!   `--max-states`, both are empty and the footer says so.
//!
//! The work done (peak states, elapsed time, quadrature) is not part of the report; it goes in
//! a footer that the table and Markdown formats print after the report (see [`document`]).

use std::time::Duration;

use super::routes::{path_rows, route_rows};
use super::{Solution, StepDist, VariableStats};
use crate::model::Model;
use crate::report::{
    ActorRow, ByStep, EventRow, Footer, Months, Named, OutcomeRow, Report, RunDocument,
    SCHEMA_VERSION, ScenarioInfo, StepStats, VariableRow, unique_labels,
};

/// The document of `brink exact`: the [`report`] with the solver's work under it, `elapsed`
/// shown at a terminal only. No timing in the header: it counts threads and trials per second.
pub fn document(model: &Model, solution: &Solution, file: &str, elapsed: Duration) -> RunDocument {
    RunDocument {
        report: report(model, solution, file),
        timing: None,
        footer: Some(Footer {
            table: footer(model, solution, Some(elapsed)),
            markdown: footer(model, solution, None),
        }),
        assumptions: crate::report::assumptions(model),
        chain: None,
    }
}

/// The report of `solution`, the exact distribution of `model` read from `file`.
pub fn report(model: &Model, solution: &Solution, file: &str) -> Report {
    let outcomes = model
        .outcomes
        .iter()
        .enumerate()
        .map(|(o, out)| {
            let terminal = out.terminal && out.when.is_some();
            OutcomeRow {
                id: out.id.clone(),
                label: out.label.clone(),
                terminal,
                probability: solution.outcome_probability(o),
                ci95: None,
                count: 0,
                step: solution
                    .outcome_steps(o)
                    .filter(|_| terminal)
                    .map(|s| step_stats(model, s)),
                by_step: if terminal {
                    mass_by_step(model, &solution.tally.outcome_steps[o])
                } else {
                    ByStep::at_horizon(model.horizon, solution.outcome_probability(o))
                },
            }
        })
        .collect();
    let events = model
        .events
        .iter()
        .enumerate()
        .map(|(e, ev)| EventRow {
            id: ev.id.clone(),
            label: ev.label.clone(),
            actor: model.actors[ev.actor].id.clone(),
            probability: solution.event_probability(e),
            ci95: None,
            mean_times: solution.mean_times(e),
            median_first_step: solution.median_first_step(e),
            branches: Named(
                unique_labels(ev.branches.iter().map(|b| b.label.as_str()))
                    .into_iter()
                    .zip(solution.branch_shares(e))
                    .collect(),
            ),
            by_step: mass_by_step(model, &solution.tally.first_fire[e]),
            repairs: None,
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
        .map(|(v, var)| {
            let s = solution.variable_stats(v);
            let get = |f: fn(&VariableStats) -> f64| s.as_ref().map(f);
            VariableRow {
                id: var.id.clone(),
                unit: var.unit.clone(),
                mean: get(|s| s.mean),
                p5: get(|s| s.p5),
                p50: get(|s| s.p50),
                p95: get(|s| s.p95),
                approximate: false,
                repairs: None,
            }
        })
        .collect();
    Report {
        schema_version: SCHEMA_VERSION,
        streams: crate::engine::STREAM_VERSION,
        scenario: ScenarioInfo {
            name: model.name.clone(),
            file: file.to_string(),
            digest: model.digest.clone(),
            time_unit: model.time_unit.clone(),
            start: model.start.clone(),
        },
        seed: 0,
        trials: 0,
        horizon: model.horizon,
        overrides: model.overrides.clone(),
        given: None,
        exact: true,
        outcomes,
        events,
        actors,
        variables,
        paths: path_rows(model, &solution.tally.paths),
        paths_approximate: false,
        milestone_routes: model.events.iter().any(|e| e.milestone),
        params: super::params::rows(model),
        routes: route_rows(model, &solution.tally.paths),
        precision: None,
    }
}

/// The cumulative mass of `dist` by step: probabilities already, so divided by 1.
fn mass_by_step(model: &Model, dist: &StepDist) -> ByStep {
    ByStep::cumulative(model.horizon, dist.0.iter().copied(), 1.0)
}

fn step_stats(model: &Model, s: super::StepStats) -> StepStats {
    let label = |step| model.calendar_label(step).unwrap_or_default();
    StepStats {
        median: s.median,
        p10: s.p10,
        p90: s.p90,
        months: model.calendar.map(|_| Months {
            median: label(s.median),
            p10: label(s.p10),
            p90: label(s.p90),
        }),
    }
}

/// The lines printed after the table or Markdown report: the work the solver did. `elapsed` is
/// left out of Markdown, which is meant to be pasted and compared.
fn footer(model: &Model, solution: &Solution, elapsed: Option<Duration>) -> Vec<String> {
    let mut lines = vec![format!(
        "exact: no sampling, no intervals; peak {} distinct states",
        solution.tally.peak_states
    )];
    if let Some(e) = elapsed {
        lines[0].push_str(&format!(", {:.3} s", e.as_secs_f64()));
    }
    if let Some(i) = &solution.integration {
        let (what, names): (&str, Vec<String>) = if i.others.is_empty() {
            let ids = i
                .events
                .iter()
                .map(|&e| format!("`{}`", model.events[e].id));
            ("uncertain probabilities of", ids.collect())
        } else {
            let events =
                (i.events.iter()).map(|&e| format!("events.{}.probability", model.events[e].id));
            let all = events
                .chain(i.others.iter().cloned())
                .map(|p| format!("`{p}`"));
            ("numbers drawn once per trial:", all.collect())
        };
        lines.push(format!(
            "{what} {} integrated by Gauss quadrature: {} nodes per piece, \
             {} values solved, last refinement changed a figure by {:.1e}",
            names.join(", "),
            i.nodes,
            i.points,
            i.change
        ));
    }
    if let Some((max, step)) = solution.tally.paths.too_many {
        lines.push(format!(
            "routes and paths left out: keeping the order of the {} took more than {max} \
             distinct states at step {step} (raise --max-states to get them)",
            route_kind(model)
        ));
    }
    if !solution.untracked.is_empty() {
        let names: Vec<&str> = solution
            .untracked
            .iter()
            .map(|&v| model.variables[v].id.as_str())
            .collect();
        lines.push(format!(
            "not tracked (no condition reads them, so they cannot change a probability): {}",
            names.join(", ")
        ));
    }
    lines
}

/// What routes are made of, in words.
fn route_kind(model: &Model) -> &'static str {
    if model.events.iter().any(|e| e.milestone) {
        "milestone events"
    } else {
        "once-only events"
    }
}
