//! A deliberately plain Monte Carlo simulation of format.md section 5, written straight from the
//! text and independent of the engine: a check on the exact solver that does not share its code.

use brink::expr::{EvalCtx, Program};
use brink::model::{Dist, Effects, Model, per_step_chance};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub struct Counts {
    pub outcomes: Vec<u64>,
    /// Trials in which each event fired at least once.
    pub events: Vec<u64>,
    /// Trials in which each actor acted.
    pub actors: Vec<u64>,
}

fn draw(d: &Dist, rng: &mut ChaCha8Rng) -> f64 {
    match *d {
        Dist::Const(v) => v,
        Dist::Uniform { lo, hi } => lo + (hi - lo) * rng.random::<f64>(),
        other => panic!("the naive simulation does not draw {other:?}"),
    }
}

pub fn simulate(m: &Model, trials: u64, seed: u64) -> Counts {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut counts = Counts {
        outcomes: vec![0; m.outcomes.len()],
        events: vec![0; m.events.len()],
        actors: vec![0; m.actors.len()],
    };
    let mut stack = Vec::new();
    for _ in 0..trials {
        let mut flags: Vec<bool> = m.flags.iter().map(|f| f.initial).collect();
        let mut vars: Vec<f64> = m.variables.iter().map(|v| v.initial).collect();
        let mut times = vec![0u32; m.events.len()];
        // The step each event last fired, then the step each first fired.
        let n_events = m.events.len();
        let mut last = vec![u32::MAX; 2 * n_events];
        let probs: Vec<f64> = m
            .events
            .iter()
            .map(|e| draw(&e.probability, &mut rng))
            .collect();
        let holds = |p: &Program,
                     flags: &[bool],
                     vars: &[f64],
                     times: &[u32],
                     last: &[u32],
                     step,
                     stack: &mut Vec<f64>| {
            let ctx = EvalCtx {
                flags,
                vars,
                // The generated scenarios have no parameters.
                params: &[],
                times,
                last_fired: &last[..n_events],
                first_fired: &last[n_events..],
                step,
                outcome: u32::MAX,
            };
            p.eval_bool(&ctx, stack)
        };
        let terminal = |flags: &[bool],
                        vars: &[f64],
                        times: &[u32],
                        last: &[u32],
                        step,
                        stack: &mut Vec<f64>| {
            m.outcomes.iter().position(|o| {
                o.terminal
                    && o.when
                        .as_ref()
                        .is_some_and(|w| holds(w, flags, vars, times, last, step, stack))
            })
        };
        let mut ended = terminal(&flags, &vars, &times, &last, 0, &mut stack);
        let mut t = 1;
        while ended.is_none() && t <= m.horizon {
            let mut firing = Vec::new();
            for (e, ev) in m.events.iter().enumerate() {
                if !ev.repeat && times[e] > 0 {
                    continue;
                }
                if !holds(&ev.when, &flags, &vars, &times, &last, t, &mut stack) {
                    continue;
                }
                let mut q = per_step_chance(probs[e], ev.over);
                for md in &ev.modifiers {
                    if holds(&md.when, &flags, &vars, &times, &last, t, &mut stack) {
                        q *= md.factor;
                    }
                }
                if rng.random::<f64>() < q.min(1.0) {
                    firing.push(e);
                }
            }
            for e in firing {
                let ev = &m.events[e];
                times[e] += 1;
                last[e] = t;
                if last[n_events + e] == u32::MAX {
                    last[n_events + e] = t;
                }
                apply(m, &ev.effects, &mut flags, &mut vars);
                if !ev.branches.is_empty() {
                    let total: f64 = ev.branches.iter().map(|b| b.weight).sum();
                    let mut u = rng.random::<f64>() * total;
                    let mut chosen = ev.branches.len() - 1;
                    for (i, b) in ev.branches.iter().enumerate() {
                        if u < b.weight {
                            chosen = i;
                            break;
                        }
                        u -= b.weight;
                    }
                    apply(m, &ev.branches[chosen].effects, &mut flags, &mut vars);
                }
            }
            ended = terminal(&flags, &vars, &times, &last, t, &mut stack);
            t += 1;
        }
        let outcome = ended.unwrap_or_else(|| {
            m.outcomes
                .iter()
                .position(|o| {
                    !o.terminal
                        && o.when.as_ref().is_some_and(|w| {
                            holds(w, &flags, &vars, &times, &last, m.horizon, &mut stack)
                        })
                })
                .unwrap_or(m.outcomes.len() - 1)
        });
        counts.outcomes[outcome] += 1;
        let mut acted = vec![false; m.actors.len()];
        for (e, &n) in times.iter().enumerate() {
            if n > 0 {
                counts.events[e] += 1;
                acted[m.events[e].actor] = true;
            }
        }
        for (a, &yes) in acted.iter().enumerate() {
            counts.actors[a] += yes as u64;
        }
    }
    counts
}

fn apply(m: &Model, fx: &Effects, flags: &mut [bool], vars: &mut [f64]) {
    for &f in &fx.set {
        flags[f] = true;
    }
    for &f in &fx.clear {
        flags[f] = false;
    }
    let clamp = |v: usize, x: f64| x.max(m.variables[v].min).min(m.variables[v].max);
    for &(v, d) in &fx.add {
        vars[v] = clamp(v, vars[v] + d.as_const().expect("constant amounts"));
    }
    for &(v, x) in &fx.assign {
        vars[v] = clamp(v, x);
    }
}
