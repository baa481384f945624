//! Numbers drawn once per trial (uncertain probabilities, parameters, drawn factors, weights
//! and initial values) integrated out exactly enough.
//!
//! A drawn number is fixed for the whole trial, so the chance of an outcome is the average
//! over the drawn values of its chance given them: `P(o) = E[P(o | p)]`. Given `p`, the
//! propagation is exact; the average is a Gauss quadrature over the density of `p` (a tensor
//! product when several numbers are drawn: two events that share a parameter get `E[p^2]`,
//! not `E[p]^2`). Every figure of the report is a probability mass,
//! so the tallies of the nodes combine by their weights.
//!
//! Given the per-step chance `q`, the chance of any path is a polynomial in `q`, so the rule
//! runs over `q` (with the density carried over) and the support is split where a modifier
//! product lifts the chance to the cap of 1. The rule is refined (8, 16, 32 ... nodes per
//! piece) until two successive results agree to within `TOLERANCE`; else the command fails
//! rather than print a number it cannot vouch for. Other numbers get the rule of their own
//! density (Gauss-Hermite for a normal one); an integrand with a kink there (a computed
//! probability clamped at 1) converges slowly and may be refused for it.

use super::gauss::{hermite_rule, jacobi_rule};
use super::inputs::{Draw, DrawKind, inputs};
use super::plan::Plan;
use super::propagate::solve_fixed;
use super::tally::Tally;
use super::{ExactError, Integration};
use crate::model::{Dist, Model, Piece, ln_beta, per_step_chance};

/// Largest change between two refinements that counts as settled.
pub const TOLERANCE: f64 = 1e-10;
/// Most probability values one computation may solve for.
const BUDGET: usize = 20_000;
const FIRST_NODES: usize = 8;
const MAX_NODES: usize = 512;

/// The per-step chances at which some product of the event's modifier factors reaches 1.
fn kinks(factors: &[f64]) -> Vec<f64> {
    if factors.len() > 16 {
        return Vec::new();
    }
    let mut products = vec![1.0f64];
    for &f in factors {
        let more: Vec<f64> = products.iter().map(|p| p * f).collect();
        products.extend(more);
    }
    let mut points: Vec<f64> = products
        .into_iter()
        .filter(|&f| f > 1.0 && f.is_finite())
        .map(|f| 1.0 / f)
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    points
}

/// The quadrature rule for one event's probability with `n` nodes per piece: `(p, weight)`.
///
/// The rule is built over the per-step chance `q = 1 - (1 - p)^(1/over)` rather than over `p`:
/// given `q` the chance of every path is a polynomial in `q`, while in `p` it has terms like
/// `(1 - p)^(1/over)` whose endpoint singularity would make the rule converge slowly. The
/// density changes with the variable: `f_q(q) = f_p(p(q)) p'(q)`, `p(q) = 1 - (1 - q)^over`.
/// `kinks` (in `q`) split the support where a modifier product caps the chance at 1.
fn rule(density: &[Piece], over: u32, kinks: &[f64], n: usize) -> Vec<(f64, f64)> {
    let k = over as f64;
    let mut nodes = Vec::new();
    for &s in density {
        let (qa, qb) = (per_step_chance(s.a, over), per_step_chance(s.b, over));
        let mut cuts = vec![qa];
        cuts.extend(kinks.iter().copied().filter(|&x| x > qa && x < qb));
        if s.ex != 0.0 {
            // `x^ex` is smooth on [a, b] but may vary by orders of magnitude: split where `x`
            // doubles, so each piece sees a gentle curve.
            let doublings = std::iter::successors(Some(s.a * 2.0), |x| Some(x * 2.0));
            cuts.extend(
                doublings
                    .take_while(|&x| x < s.b)
                    .map(|x| per_step_chance(x, over)),
            );
            cuts.sort_by(f64::total_cmp);
            cuts.dedup();
        }
        cuts.push(qb);
        if over == 1 && cuts.len() == 2 && s.ex == 0.0 {
            // The whole segment: the Jacobi rule is the normalised density itself.
            let mass =
                (s.ln_c + (s.ea + s.eb + 1.0) * (s.b - s.a).ln() + ln_beta(s.ea + 1.0, s.eb + 1.0))
                    .exp();
            let rule = jacobi_rule(n, s.a, s.b, s.ea, s.eb);
            nodes.extend(rule.into_iter().map(|(x, w)| (x, w * mass)));
            continue;
        }
        // `p(q) - a` and `b - p(q)` without cancellation near the ends.
        let above_a = |q: f64| {
            let base = libm::pow(1.0 - qa, k);
            -base * libm::expm1(k * libm::log1p((qa - q) / (1.0 - qa)))
        };
        let below_b = |q: f64| {
            if s.b >= 1.0 {
                libm::pow(1.0 - q, k)
            } else {
                let base = libm::pow(1.0 - qb, k);
                base * libm::expm1(k * libm::log1p((qb - q) / (1.0 - qb)))
            }
        };
        // At q = 1 (b = 1) the density behaves like (1 - q)^(over * eb + over - 1).
        let eb_end = if s.b >= 1.0 { k * s.eb + k - 1.0 } else { s.eb };
        for piece in cuts.windows(2) {
            let (x0, x1) = (piece[0], piece[1]);
            // An end of the segment keeps its exponent in the rule; elsewhere the density is
            // smooth and goes into the weights.
            let ja = if x0 == qa { s.ea } else { 0.0 };
            let jb = if x1 == qb { eb_end } else { 0.0 };
            let ln_mu0 = (ja + jb + 1.0) * (x1 - x0).ln() + ln_beta(ja + 1.0, jb + 1.0);
            for (q, w) in jacobi_rule(n, x0, x1, ja, jb) {
                let mut ln_w = w.ln() + ln_mu0 + s.ln_c + k.ln();
                if over > 1 {
                    ln_w += (k - 1.0) * (1.0 - q).ln();
                }
                if s.ea != 0.0 {
                    ln_w += s.ea * above_a(q).ln();
                }
                if s.eb != 0.0 {
                    ln_w += s.eb * below_b(q).ln();
                }
                if ja != 0.0 {
                    ln_w -= ja * (q - x0).ln();
                }
                if jb != 0.0 {
                    ln_w -= jb * (x1 - q).ln();
                }
                let p = if over == 1 {
                    q
                } else {
                    1.0 - libm::pow(1.0 - q, k)
                };
                if s.ex != 0.0 {
                    ln_w += s.ex * p.ln();
                }
                nodes.push((p, ln_w.exp()));
            }
        }
    }
    nodes
}

/// The rule for a number drawn from the density `density` (not a probability: no change of
/// variable), with `n` nodes per piece, split at `cuts` (values where a condition flips, so
/// that each piece sees a smooth integrand) and, for a density with a power of `x`, where `x`
/// doubles.
pub fn value_rule(density: &[Piece], cuts: &[f64], n: usize) -> Vec<(f64, f64)> {
    let mut nodes = Vec::new();
    for &s in density {
        let mut at = vec![s.a];
        at.extend(cuts.iter().copied().filter(|&x| x > s.a && x < s.b));
        if s.ex != 0.0 {
            let doublings = std::iter::successors(Some(s.a * 2.0), |x| Some(x * 2.0));
            at.extend(doublings.take_while(|&x| x < s.b));
        }
        at.sort_by(f64::total_cmp);
        at.dedup();
        at.push(s.b);
        for piece in at.windows(2) {
            let (x0, x1) = (piece[0], piece[1]);
            // An end of the density keeps its exponent in the rule; inside, the density is
            // smooth and goes into the weights.
            let ja = if x0 == s.a { s.ea } else { 0.0 };
            let jb = if x1 == s.b { s.eb } else { 0.0 };
            let ln_mu0 = (ja + jb + 1.0) * (x1 - x0).ln() + ln_beta(ja + 1.0, jb + 1.0);
            for (x, w) in jacobi_rule(n, x0, x1, ja, jb) {
                let mut ln_w = w.ln() + ln_mu0 + s.ln_c;
                if s.ea != ja {
                    ln_w += s.ea * (x - s.a).ln();
                }
                if s.eb != jb {
                    ln_w += s.eb * (s.b - x).ln();
                }
                if s.ex != 0.0 {
                    ln_w += s.ex * x.ln();
                }
                nodes.push((x, ln_w.exp()));
            }
        }
    }
    nodes
}

/// The rule of one drawn number with `n` nodes per piece: `(value, weight)`. A probability's
/// runs over its per-step chance (see [`rule`]); any other number's over its value, Gauss-
/// Hermite for a normal distribution.
fn draw_rule(model: &Model, draw: &Draw, kinks: &[f64], n: usize) -> Vec<(f64, f64)> {
    match (draw.kind, draw.dist) {
        (DrawKind::Probability(e), d) => rule(&d.density(), model.events[e].over, kinks, n),
        (_, Dist::Normal { mean, sd }) => hermite_rule(n, mean, sd),
        (_, d) => value_rule(&d.density(), &draw.cuts, n),
    }
}

/// Integrates over the numbers of `draws`, jointly (a tensor product of their rules).
pub fn integrate(
    plan: &Plan,
    draws: &[Draw],
    max_states: usize,
) -> Result<(Tally, Integration), ExactError> {
    let model = plan.model;
    let events: Vec<usize> = (draws.iter())
        .filter_map(|d| match d.kind {
            DrawKind::Probability(e) => Some(e),
            _ => None,
        })
        .collect();
    let only_events = events.len() == draws.len();
    let failed = |reason: String| {
        if only_events {
            let events = events.iter().map(|&e| model.events[e].id.clone()).collect();
            ExactError::Quadrature { events, reason }
        } else {
            let places = draws.iter().map(|d| d.path.clone()).collect();
            ExactError::Draws { places, reason }
        }
    };
    let breaks: Vec<Vec<f64>> = draws
        .iter()
        .map(|d| match d.kind {
            DrawKind::Probability(e) => {
                let factors: Vec<f64> =
                    model.events[e].modifiers.iter().map(|m| m.factor).collect();
                kinks(&factors)
            }
            _ => Vec::new(),
        })
        .collect();
    let points = |n: usize| {
        (draws.iter().zip(&breaks))
            .map(|(d, b)| draw_rule(model, d, b, n).len())
            .try_fold(1usize, |acc, r| acc.checked_mul(r))
            .unwrap_or(usize::MAX)
    };
    // Two rules must be solved to know whether the result has settled.
    let least = points(FIRST_NODES).saturating_add(points(2 * FIRST_NODES));
    if !only_events && least > BUDGET {
        return Err(failed(format!(
            "{} numbers drawn at once need {least} solutions (one per combination of their \
             quadrature nodes) for the first two refinements, more than the {BUDGET} allowed",
            draws.len()
        )));
    }

    let mut spent = 0usize;
    let mut previous: Option<Tally> = None;
    let mut n = FIRST_NODES;
    while n <= MAX_NODES {
        let rules: Vec<Vec<(f64, f64)>> = (draws.iter().zip(&breaks))
            .map(|(d, b)| draw_rule(model, d, b, n))
            .collect();
        let count = rules
            .iter()
            .try_fold(1usize, |acc, r| acc.checked_mul(r.len()))
            .unwrap_or(usize::MAX);
        if spent.saturating_add(count) > BUDGET {
            break;
        }
        spent += count;
        let tally = tensor(plan, &rules, draws, max_states)?;
        if let Some(prev) = &previous {
            let change = max_change(prev, &tally);
            if change <= TOLERANCE {
                let integration = Integration {
                    events,
                    others: (draws.iter())
                        .filter(|d| !matches!(d.kind, DrawKind::Probability(_)))
                        .map(|d| d.path.clone())
                        .collect(),
                    nodes: n,
                    points: spent,
                    change,
                };
                return Ok((tally, integration));
            }
        }
        previous = Some(tally);
        n *= 2;
    }
    let mut reason = format!(
        "the result did not settle to within {TOLERANCE:e} after solving for {spent} probability values"
    );
    if !only_events {
        reason.push_str(
            " (a chance that jumps or bends inside the range of a drawn number, as a condition \
             or a clamp can make it, slows the integral down)",
        );
    }
    Err(failed(reason))
}

/// One tally over the tensor product of the rules.
fn tensor(
    plan: &Plan,
    rules: &[Vec<(f64, f64)>],
    draws: &[Draw],
    max_states: usize,
) -> Result<Tally, ExactError> {
    let mut total = Tally::new(plan.model);
    let mut values = vec![0.0; rules.len()];
    let mut index = vec![0usize; rules.len()];
    loop {
        let mut weight = 1.0;
        for ((r, &i), v) in rules.iter().zip(&index).zip(&mut values) {
            *v = r[i].0;
            weight *= r[i].1;
        }
        let trial = inputs(plan.model, draws, &values);
        let mut one = Tally::new(plan.model);
        solve_fixed(plan, &trial, max_states, &mut one)?;
        total.add_scaled(&one, weight);
        // Odometer over the node indices, last draw fastest.
        let mut d = rules.len();
        loop {
            if d == 0 {
                return Ok(total);
            }
            d -= 1;
            index[d] += 1;
            if index[d] < rules[d].len() {
                break;
            }
            index[d] = 0;
        }
    }
}

/// The largest difference between two tallies in any outcome probability, event probability or
/// expected number of firings.
fn max_change(a: &Tally, b: &Tally) -> f64 {
    let pairs = a
        .outcome
        .iter()
        .zip(&b.outcome)
        .map(|(x, y)| (*x, *y))
        .chain(
            a.first_fire
                .iter()
                .zip(&b.first_fire)
                .map(|(x, y)| (x.total(), y.total())),
        )
        .chain(a.times.iter().zip(&b.times).map(|(x, y)| (*x, *y)));
    pairs
        .map(|(x, y)| (x - y).abs() / x.abs().max(1.0))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dist;

    fn mean(nodes: &[(f64, f64)], f: impl Fn(f64) -> f64) -> f64 {
        nodes.iter().map(|&(x, w)| w * f(x)).sum()
    }

    #[test]
    fn rules_are_probability_measures_with_the_right_mean() {
        let cases = [
            (Dist::Uniform { lo: 0.1, hi: 0.3 }, 0.2),
            (
                Dist::Triangular {
                    lo: 0.0,
                    mode: 0.2,
                    hi: 0.5,
                },
                0.7 / 3.0,
            ),
            (
                Dist::Pert {
                    lo: 0.1,
                    mode: 0.2,
                    hi: 0.6,
                },
                (0.1 + 4.0 * 0.2 + 0.6) / 6.0,
            ),
            (
                Dist::Beta {
                    alpha: 2.0,
                    beta: 5.0,
                },
                2.0 / 7.0,
            ),
        ];
        for (dist, want) in cases {
            for breaks in [vec![], vec![0.15, 0.25]] {
                let nodes = rule(&dist.density(), 1, &breaks, 12);
                assert!((mean(&nodes, |_| 1.0) - 1.0).abs() < 1e-12, "{dist:?}");
                assert!((mean(&nodes, |x| x) - want).abs() < 1e-12, "{dist:?}");
                // Over the per-step chance of a 3-step `over`: the same measure of `p`.
                let nodes = rule(&dist.density(), 3, &breaks, 24);
                assert!((mean(&nodes, |_| 1.0) - 1.0).abs() < 1e-10, "{dist:?}");
                assert!((mean(&nodes, |x| x) - want).abs() < 1e-10, "{dist:?}");
            }
        }
    }

    #[test]
    fn a_density_with_a_power_of_x_is_integrated_piece_by_piece() {
        // 1 / (x ln 4) on [0.1, 0.4]: mass 1, mean 0.3 / ln 4, over a hundredfold range too.
        for (a, b) in [(0.1f64, 0.4f64), (0.004, 0.4)] {
            let ln_r: f64 = (b / a).ln();
            let piece = Piece {
                a,
                b,
                ea: 0.0,
                eb: 0.0,
                ex: -1.0,
                ln_c: -ln_r.ln(),
            };
            let want = (b - a) / ln_r;
            for (over, breaks) in [(1, vec![]), (1, vec![0.15, 0.25]), (3, vec![0.2])] {
                let nodes = rule(&[piece], over, &breaks, 12);
                assert!((mean(&nodes, |_| 1.0) - 1.0).abs() < 1e-11, "{a} {over}");
                assert!((mean(&nodes, |x| x) - want).abs() < 1e-11, "{a} {over}");
            }
        }
    }

    #[test]
    fn kinks_are_where_the_capped_chance_reaches_one() {
        // Factors 2 and 4: products 2, 4, 8 above 1, so kinks at chances 1/8, 1/4, 1/2.
        assert_eq!(kinks(&[2.0, 4.0]), vec![0.125, 0.25, 0.5]);
        assert!(kinks(&[0.5]).is_empty());
    }
}
