//! The routes and paths of an exact solution, in the rows of a run's report: the same choice of
//! events, ranking and shares, with probabilities where a run has counts (every `count` is 0).
//!
//! Masses that are equal in truth can differ in their last bits (they were summed in different
//! orders), so ranking compares them to 12 significant digits: equal probabilities are then
//! ordered by the event ids, as a run orders equal counts.

use super::PathMasses;
use crate::model::Model;
use crate::report::{Named, PathRow, RouteCount, RouteRow, TOP_PATHS, TOP_ROUTES};

/// The sum of masses, from +0.0: an empty float sum is -0.0, which would print as a negative
/// share.
fn sum(masses: impl Iterator<Item = f64>) -> f64 {
    masses.fold(0.0, |a, m| a + m)
}

/// A mass rounded to 12 significant digits, for ranking.
fn rank_key(mass: f64) -> f64 {
    if mass <= 0.0 || !mass.is_finite() {
        return 0.0;
    }
    let scale = 10f64.powi(11 - mass.log10().floor() as i32);
    (mass * scale).round() / scale
}

/// `(ids, mass)` ranked: largest mass first, ties by the ids along the sequence.
fn ranked<'a>(rows: impl Iterator<Item = (Vec<&'a str>, f64)>) -> Vec<(Vec<&'a str>, f64)> {
    let mut all: Vec<(Vec<&str>, f64)> = rows.collect();
    all.sort_by(|a, b| (rank_key(b.1).total_cmp(&rank_key(a.1))).then_with(|| a.0.cmp(&b.0)));
    all
}

/// The routes to each outcome, in outcome order; empty when the order was not kept.
pub fn route_rows(model: &Model, paths: &PathMasses) -> Vec<RouteRow> {
    if paths.too_many.is_some() {
        return Vec::new();
    }
    let names = |p: &[u32]| -> Vec<&str> {
        p.iter()
            .map(|&e| model.events[e as usize].id.as_str())
            .collect()
    };
    (model.outcomes.iter().enumerate())
        .map(|(o, out)| {
            let total = sum(paths.masses.values().map(|m| m[o]));
            let none = paths.masses.get(&Vec::new()).map_or(0.0, |m| m[o]);
            let mut routes = ranked(
                (paths.masses.iter())
                    .filter(|(p, m)| !p.is_empty() && m[o] > 0.0)
                    .map(|(p, m)| (names(p), m[o])),
            );
            let other = sum(routes.iter().skip(TOP_ROUTES).map(|r| r.1));
            routes.truncate(TOP_ROUTES);
            let happened = total > 0.0;
            let share = |m: f64| happened.then(|| m / total);
            RouteRow {
                outcome: out.id.clone(),
                count: 0,
                top: (routes.into_iter())
                    .filter(|_| happened)
                    .map(|(ids, m)| RouteCount {
                        events: ids.into_iter().map(String::from).collect(),
                        count: 0,
                        share: m / total,
                    })
                    .collect(),
                none: share(none),
                other: share(other),
                approximate: false,
            }
        })
        .collect()
}

/// The most probable paths, with the outcomes each led to; empty when the order was not kept.
pub fn path_rows(model: &Model, paths: &PathMasses) -> Vec<PathRow> {
    let names = |p: &[u32]| -> Vec<&str> {
        p.iter()
            .map(|&e| model.events[e as usize].id.as_str())
            .collect()
    };
    let by_ids: std::collections::BTreeMap<Vec<&str>, &Vec<f64>> =
        (paths.masses.iter()).map(|(p, m)| (names(p), m)).collect();
    let mut top = ranked(
        (by_ids.iter())
            .map(|(ids, m)| (ids.clone(), sum(m.iter().copied())))
            .filter(|r| r.1 > 0.0),
    );
    top.truncate(TOP_PATHS);
    top.into_iter()
        .map(|(ids, probability)| {
            let masses = by_ids[&ids];
            PathRow {
                events: ids.iter().map(|s| s.to_string()).collect(),
                probability,
                count: 0,
                outcomes: Named(
                    (model.outcomes.iter().zip(masses.iter()))
                        .filter(|(_, m)| **m > 0.0)
                        .map(|(o, m)| (o.id.clone(), m / probability))
                        .collect(),
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_equal_masses_tie_and_go_by_ids() {
        let third = 1.0 / 3.0;
        let rows = ranked(
            [
                (vec!["b"], third * (1.0 + 1e-15)),
                (vec!["a"], third),
                (vec!["c"], 0.5),
            ]
            .into_iter(),
        );
        let order: Vec<&str> = rows.iter().map(|r| r.0[0]).collect();
        assert_eq!(order, ["c", "a", "b"]);
        assert_eq!(rank_key(0.0), 0.0);
        assert_eq!(rank_key(0.123456789012345), 0.123456789012);
    }
}
