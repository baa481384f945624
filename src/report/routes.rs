//! Routes: for each outcome, the most frequent ordered sequences of chosen events (once-only
//! events; milestones when a scenario marks them) among the trials that ended in it. This
//! answers "where does this outcome come from" where the paths, split by every background
//! event, cannot.
//!
//! Built from the path tally, which already counts each path's trials by outcome: a route is a
//! path with the events outside the chosen set left out, so no trial is stored.

use std::collections::BTreeMap;

use super::shape::{RouteCount, RouteRow};
use crate::engine::RunResult;
use crate::model::Model;

/// Routes listed per outcome.
pub const TOP_ROUTES: usize = 5;

/// The events a route is made of: the milestones when the scenario marks any (as its paths
/// are), else every once-only event.
pub fn route_events(model: &Model) -> Vec<bool> {
    let any_milestone = model.events.iter().any(|e| e.milestone);
    (model.events.iter())
        .map(|e| {
            if any_milestone {
                e.milestone
            } else {
                !e.repeat
            }
        })
        .collect()
}

/// The routes of every outcome, in outcome order, over the events `chosen[e]`.
pub fn routes(model: &Model, result: &RunResult, chosen: &[bool]) -> Vec<RouteRow> {
    let names: Vec<&str> = model.events.iter().map(|e| e.id.as_str()).collect();
    // Per outcome: route (as event ids, which order ties) to its count.
    let mut by_outcome: Vec<BTreeMap<Vec<&str>, u64>> = vec![BTreeMap::new(); model.outcomes.len()];
    for p in result.paths.iter() {
        let route: Vec<&str> = (p.events.iter())
            .filter(|&&e| chosen[e as usize])
            .map(|&e| names[e as usize])
            .collect();
        for (o, &n) in p.outcomes.iter().enumerate() {
            if n > 0 {
                *by_outcome[o].entry(route.clone()).or_insert(0) += n;
            }
        }
    }
    let approximate = result.paths.approximate();
    model
        .outcomes
        .iter()
        .zip(&result.outcomes)
        .zip(by_outcome)
        .map(|((o, tally), mut counts)| {
            let count = tally.count;
            let none = counts.remove(&Vec::new()).unwrap_or(0);
            let mut ranked: Vec<(Vec<&str>, u64)> = counts.into_iter().collect();
            // Most frequent first; the map's order (by ids) breaks ties.
            ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
            ranked.truncate(TOP_ROUTES);
            let share = |n: u64| (count > 0).then(|| n as f64 / count as f64);
            let listed = none + ranked.iter().map(|(_, n)| n).sum::<u64>();
            RouteRow {
                outcome: o.id.clone(),
                count,
                top: ranked
                    .into_iter()
                    .map(|(events, n)| RouteCount {
                        events: events.into_iter().map(String::from).collect(),
                        count: n,
                        share: n as f64 / count as f64,
                    })
                    .collect(),
                none: share(none),
                other: share(count.saturating_sub(listed)),
                approximate,
            }
        })
        .collect()
}
