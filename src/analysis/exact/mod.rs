//! `brink exact`: the exact outcome distribution of a scenario with a small state space.
//!
//! Instead of sampling trials, the solver carries the probability of every reachable state
//! forward one step at a time (docs/language.md, to the letter), merging equal states, so a
//! 3 000-step gambler's ruin is a few states per step. The results are what a Monte Carlo run
//! converges to, which makes this the yardstick the engine is tested against.
//!
//! Supported: point probabilities, `over`, modifiers, branches, constant `add` amounts, and the
//! numbers of format 2: probabilities, factors, weights, amounts, assigned and initial values
//! computed by expressions (evaluated on each state, with the engine's repairs; see
//! [`numbers`]). Numbers drawn once per trial (uncertain probabilities, parameters, drawn
//! factors, weights and initial values) are integrated out by Gauss quadrature (see
//! [`quadrature`]). Amounts drawn at each firing (normal, Poisson, ...) are refused with an
//! error naming the event, and so are a state space larger than `max_states`, too many drawn
//! numbers at once, and a scenario conditioned by `given` (the firings of a kept trial are
//! only known to be kept at its end, which a forward propagation cannot tell).

mod error;
mod gauss;
mod inputs;
mod layout;
mod numbers;
mod params;
mod paths;
mod plan;
mod propagate;
mod quadrature;
pub mod report;
mod routes;
mod table;
mod tally;

pub use error::ExactError;
pub use paths::PathMasses;
pub use tally::{OrdValue, StepDist, Tally};

use crate::model::Model;
use crate::stats::weighted_quantile;
use plan::Plan;

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Give up past this many distinct states at one step.
    pub max_states: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_states: 1_000_000,
        }
    }
}

/// How numbers drawn once per trial were integrated out.
#[derive(Clone, Debug, PartialEq)]
pub struct Integration {
    /// Events whose probability is a distribution.
    pub events: Vec<usize>,
    /// The other drawn numbers (parameters, factors, weights, initial values), as `--set` paths.
    pub others: Vec<String>,
    /// Quadrature nodes per piece of each density in the accepted rule.
    pub nodes: usize,
    /// Probability values solved for in all (every refinement; each a full propagation).
    pub points: usize,
    /// Largest change of a reported probability at the last refinement.
    pub change: f64,
}

/// The exact distribution of a scenario's trials.
#[derive(Clone, Debug)]
pub struct Solution {
    pub tally: Tally,
    /// Variables that no condition reads: not part of the state, so not reported.
    pub untracked: Vec<usize>,
    /// Set when some probabilities were drawn from distributions.
    pub integration: Option<Integration>,
}

/// Solves `model` exactly.
pub fn solve(model: &Model, options: &Options) -> Result<Solution, ExactError> {
    if let Some(g) = &model.given {
        return Err(ExactError::Given {
            expr: g.expr.clone(),
            observed: g.observed,
        });
    }
    let plan = Plan::new(model)?;
    let draws = inputs::draws(model, &plan.layout);
    let (tally, integration) = if draws.is_empty() {
        let mut tally = Tally::new(model);
        let trial = inputs::inputs(model, &[], &[]);
        propagate::solve_fixed(&plan, &trial, options.max_states, &mut tally)?;
        (tally, None)
    } else {
        let (tally, integration) = quadrature::integrate(&plan, &draws, options.max_states)?;
        (tally, Some(integration))
    };
    let untracked = (0..model.variables.len())
        .filter(|&v| !plan.layout.tracks_var(v))
        .collect();
    Ok(Solution {
        tally,
        untracked,
        integration,
    })
}

/// End-of-trial statistics of one variable, from its exact distribution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VariableStats {
    pub mean: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

/// Median, 10th and 90th percentile of a step distribution, by nearest rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepStats {
    pub median: u32,
    pub p10: u32,
    pub p90: u32,
}

impl Solution {
    pub fn outcome_probability(&self, o: usize) -> f64 {
        self.tally.outcome[o]
    }

    /// When a terminal outcome happened; `None` for outcomes judged at the horizon or that
    /// never happen.
    pub fn outcome_steps(&self, o: usize) -> Option<StepStats> {
        let d = &self.tally.outcome_steps[o];
        Some(StepStats {
            median: d.quantile(0.5)?,
            p10: d.quantile(0.1)?,
            p90: d.quantile(0.9)?,
        })
    }

    /// Chance that event `e` fires at least once.
    pub fn event_probability(&self, e: usize) -> f64 {
        self.tally.first_fire[e].total()
    }

    pub fn mean_times(&self, e: usize) -> f64 {
        self.tally.times[e]
    }

    /// Median step of the first firing, over the trials in which the event fires.
    pub fn median_first_step(&self, e: usize) -> Option<u32> {
        self.tally.first_fire[e].quantile(0.5)
    }

    /// The share of firings that took each branch (empty without branches; zeros when the
    /// event never fires).
    pub fn branch_shares(&self, e: usize) -> Vec<f64> {
        let times = self.tally.times[e];
        self.tally.branch_times[e]
            .iter()
            .map(|b| if times > 0.0 { b / times } else { 0.0 })
            .collect()
    }

    pub fn actor_probability(&self, a: usize) -> f64 {
        self.tally.actor[a]
    }

    /// `None` for variables that no condition reads (they are not part of the state).
    pub fn variable_stats(&self, v: usize) -> Option<VariableStats> {
        let dist = &self.tally.vars[v];
        let total: f64 = dist.values().sum();
        if dist.is_empty() || total <= 0.0 {
            return None;
        }
        let mean = dist.iter().map(|(x, m)| x.get() * m).sum::<f64>() / total;
        let q = |p| weighted_quantile(dist.iter().map(|(x, m)| (x.get(), *m)), p);
        Some(VariableStats {
            mean,
            p5: q(0.05)?,
            p50: q(0.5)?,
            p95: q(0.95)?,
        })
    }
}
