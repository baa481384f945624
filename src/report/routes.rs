//! Routes: for each outcome, the most frequent ordered sequences of chosen events (once-only
//! events; milestones when a scenario marks them) among the trials that ended in it. This
//! answers "where does this outcome come from" where the paths, split by every background
//! event, cannot.
//!
//! Built from the path tally, which already counts each path's trials by outcome: a route is a
//! path with the events outside the chosen set left out, so no trial is stored.

use std::collections::HashMap;

use super::shape::{RouteCount, RouteRow};
use crate::engine::{PathTally, RunResult};
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
    let ranked = rank(&result.paths, model.outcomes.len(), chosen, &names);
    let approximate = result.paths.approximate();
    model
        .outcomes
        .iter()
        .zip(&result.outcomes)
        .zip(ranked)
        .map(|((o, tally), Ranked { none, top })| {
            let count = tally.count;
            let share = |n: u64| (count > 0).then(|| n as f64 / count as f64);
            let listed = none + top.iter().map(|(_, n)| n).sum::<u64>();
            RouteRow {
                outcome: o.id.clone(),
                count,
                top: top
                    .into_iter()
                    .map(|(events, n)| RouteCount {
                        events: events.iter().map(|&e| names[e as usize].into()).collect(),
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

/// One outcome's routes: the trials with an empty route, and the [`TOP_ROUTES`] most frequent
/// others (as event indices) with their counts.
#[derive(Debug, PartialEq)]
struct Ranked {
    none: u64,
    top: Vec<(Vec<u32>, u64)>,
}

/// Per outcome, its [`Ranked`] routes: most frequent first, ties in the order of the event
/// ids along the route (a shorter prefix first).
///
/// Routes are gathered by their event indices in a hash map, one look-up per path; ids are
/// unique, so two routes have the same ids exactly when they have the same events. Only the
/// few routes that make an outcome's top are compared by id.
fn rank(paths: &PathTally, outcomes: usize, chosen: &[bool], names: &[&str]) -> Vec<Ranked> {
    let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
    // Per route, in the order first met: its events and its count per outcome.
    let mut routes: Vec<(Vec<u32>, Vec<u64>)> = Vec::new();
    let mut route = Vec::new();
    for p in paths.iter() {
        route.clear();
        route.extend(p.events.iter().filter(|&&e| chosen[e as usize]));
        let i = match index.get(route.as_slice()) {
            Some(&i) => i,
            None => {
                index.insert(route.clone(), routes.len());
                routes.push((route.clone(), vec![0; outcomes]));
                routes.len() - 1
            }
        };
        for (a, b) in routes[i].1.iter_mut().zip(p.outcomes) {
            *a += b;
        }
    }
    let by_ids = |a: &[u32], b: &[u32]| {
        let ids = |r: &[u32]| r.iter().map(|&e| names[e as usize]).collect::<Vec<&str>>();
        ids(a).cmp(&ids(b))
    };
    (0..outcomes)
        .map(|o| {
            let none = (routes.iter())
                .find(|(r, _)| r.is_empty())
                .map_or(0, |(_, n)| n[o]);
            let mut top: Vec<(&[u32], u64)> = (routes.iter())
                .filter(|(r, n)| !r.is_empty() && n[o] > 0)
                .map(|(r, n)| (r.as_slice(), n[o]))
                .collect();
            // Only routes at least as frequent as the TOP_ROUTES-th can be listed.
            if top.len() > TOP_ROUTES {
                let mut counts: Vec<u64> = top.iter().map(|r| r.1).collect();
                let cut = *counts
                    .select_nth_unstable_by(TOP_ROUTES - 1, |a, b| b.cmp(a))
                    .1;
                top.retain(|r| r.1 >= cut);
            }
            top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| by_ids(a.0, b.0)));
            top.truncate(TOP_ROUTES);
            Ranked {
                none,
                top: top.into_iter().map(|(r, n)| (r.to_vec(), n)).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// Per outcome: the trials with no route, and the top routes as ids with their counts.
    type Listed = Vec<(u64, Vec<(Vec<String>, u64)>)>;

    /// The routes as first written: per outcome, a map from the route's ids to its count,
    /// sorted by count (stably, so ties keep the map's order by ids).
    fn as_written(paths: &PathTally, outcomes: usize, chosen: &[bool], names: &[&str]) -> Listed {
        let mut by_outcome: Vec<BTreeMap<Vec<&str>, u64>> = vec![BTreeMap::new(); outcomes];
        for p in paths.iter() {
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
        (by_outcome.into_iter())
            .map(|mut counts| {
                let none = counts.remove(&Vec::new()).unwrap_or(0);
                let mut ranked: Vec<(Vec<&str>, u64)> = counts.into_iter().collect();
                ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
                ranked.truncate(TOP_ROUTES);
                let ranked = (ranked.into_iter())
                    .map(|(r, n)| (r.into_iter().map(String::from).collect(), n))
                    .collect();
                (none, ranked)
            })
            .collect()
    }

    // Names out of index order (and one a prefix of another), so ties are broken by the
    // names, not by the indices.
    const NAMES: [&str; 7] = ["m", "b", "zz", "a", "z", "c", "ab"];

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 200,
            rng_seed: proptest::test_runner::RngSeed::Fixed(20261130),
            ..ProptestConfig::default()
        })]
        #[test]
        fn ranks_as_first_written(
            trials in prop::collection::vec(
                (prop::collection::vec(0u32..7, 0..5), 0usize..3, 1usize..4),
                0..400,
            ),
            chosen in prop::collection::vec(any::<bool>(), 7),
        ) {
            let mut paths = PathTally::new(3);
            for (events, outcome, times) in &trials {
                // A path lists each event once.
                let mut seen = [false; 7];
                let path: Vec<u32> =
                    (events.iter()).copied().filter(|&e| !std::mem::replace(&mut seen[e as usize], true)).collect();
                for _ in 0..*times {
                    paths.add(&path, *outcome);
                }
            }
            let got: Listed = rank(&paths, 3, &chosen, &NAMES)
                .into_iter()
                .map(|r| {
                    let top = (r.top.into_iter())
                        .map(|(ids, n)| (ids.iter().map(|&e| NAMES[e as usize].to_string()).collect(), n))
                        .collect();
                    (r.none, top)
                })
                .collect();
            prop_assert_eq!(got, as_written(&paths, 3, &chosen, &NAMES));
        }
    }
}
