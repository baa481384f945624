//! The warnings of format.md section 8: things that load and run but are probably mistakes.
//!
//! Reachability is an over-approximation (abstract evaluation with [`Program::may_be`]): a
//! warning says "never" only when no reachable state can make the thing happen, so a warning is
//! always true, though some dead parts may go unwarned.

use super::compile::{Compiled, Spans};
use super::read::fmt_num;
use crate::expr::{Domain, EventDomain, Program};
use crate::format::Diagnostic;
use crate::model::{Dist, Effects, Model, per_step_chance};

pub fn check(compiled: &Compiled) -> Vec<Diagnostic> {
    let (m, s) = (&compiled.model, &compiled.spans);
    let mut out = Vec::new();
    let reach = reachable(m);
    never_eligible(m, s, &reach, &mut out);
    outcomes(m, s, &reach, &mut out);
    unread(m, s, &mut out);
    modifier_products(m, s, &reach, &mut out);
    actors_without_events(m, s, &mut out);
    same_step_writes(m, s, &reach, &mut out);
    out
}

/// What the fixed point found: which events can fire and the states reachable while running.
struct Reach {
    can_fire: Vec<bool>,
    /// States at the start of any step 1..=horizon (eligibility).
    running: Domain,
}

/// Smallest and largest value an amount can take.
fn amount_range(d: &Dist) -> (f64, f64) {
    match *d {
        Dist::Const(v) => (v, v),
        Dist::Uniform { lo, hi } | Dist::Triangular { lo, hi, .. } | Dist::Pert { lo, hi, .. } => {
            (lo, hi)
        }
        Dist::Beta { .. } => (0.0, 1.0),
        Dist::Normal { mean, sd: 0.0 } => (mean, mean),
        Dist::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
        Dist::Poisson { lambda: 0.0 } => (0.0, 0.0),
        Dist::Poisson { .. } => (0.0, f64::INFINITY),
    }
}

fn highest_probability(d: &Dist) -> f64 {
    match *d {
        Dist::Const(v) => v,
        Dist::Uniform { hi, .. } | Dist::Triangular { hi, .. } | Dist::Pert { hi, .. } => hi,
        _ => 1.0,
    }
}

fn all_effects(e: &crate::model::Event) -> impl Iterator<Item = &Effects> {
    std::iter::once(&e.effects).chain(e.branches.iter().map(|b| &b.effects))
}

fn domain(m: &Model, can_fire: &[bool], step: (f64, f64)) -> Domain {
    let mut flags: Vec<(bool, bool)> = m.flags.iter().map(|f| (!f.initial, f.initial)).collect();
    let mut lo: Vec<f64> = m.variables.iter().map(|v| v.initial).collect();
    let mut hi = lo.clone();
    // Adds accumulate: the lowest reachable value starts from the lowest assigned one and takes
    // every negative add (as often as the event can fire), the highest likewise; bounds clamp.
    let mut down = vec![0.0f64; m.variables.len()];
    let mut up = vec![0.0f64; m.variables.len()];
    for (i, e) in m.events.iter().enumerate() {
        if !can_fire[i] {
            continue;
        }
        let times = if e.repeat { m.horizon as f64 } else { 1.0 };
        for fx in all_effects(e) {
            for &f in &fx.set {
                flags[f].1 = true;
            }
            for &f in &fx.clear {
                flags[f].0 = true;
            }
            for (v, d) in &fx.add {
                let (a, b) = amount_range(d);
                down[*v] += times * a.min(0.0);
                up[*v] += times * b.max(0.0);
            }
            for &(v, x) in &fx.assign {
                lo[v] = lo[v].min(x);
                hi[v] = hi[v].max(x);
            }
        }
    }
    let vars = m
        .variables
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let clamp = |x: f64| {
                if x.is_nan() {
                    v.min
                } else {
                    x.clamp(v.min, v.max)
                }
            };
            (clamp(lo[i] + down[i]), clamp(hi[i] + up[i]))
        })
        .collect();
    let events = m
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| EventDomain {
            can_fire: can_fire[i],
            max_times: match (can_fire[i], e.repeat) {
                (false, _) => 0.0,
                (true, false) => 1.0,
                (true, true) => m.horizon as f64,
            },
        })
        .collect();
    Domain {
        flags,
        vars,
        events,
        step,
    }
}

/// The events that can fire, by growing the set until nothing changes: an event can fire if
/// its condition may hold in a state the others can reach and its probability is not zero.
fn reachable(m: &Model) -> Reach {
    let steps = (1.0, m.horizon as f64);
    let mut can_fire = vec![false; m.events.len()];
    loop {
        let dom = domain(m, &can_fire, steps);
        let mut changed = false;
        for (i, e) in m.events.iter().enumerate() {
            if !can_fire[i] && highest_probability(&e.probability) > 0.0 && e.when.may_be(&dom).1 {
                can_fire[i] = true;
                changed = true;
            }
        }
        if !changed {
            return Reach {
                running: dom,
                can_fire,
            };
        }
    }
}

fn never_eligible(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    for (i, e) in m.events.iter().enumerate() {
        if !e.when.may_be(&r.running).1 {
            out.push(
                Diagnostic::warning(s.event_when[i].clone(), format!("event `{}` can never become eligible", e.id))
                    .label("this condition can never hold")
                    .help("no event can bring about the state this condition needs; check the names and numbers in it"),
            );
        }
    }
}

fn same_text(a: &Program, b: &Program) -> bool {
    let norm = |p: &Program| p.source.split_whitespace().collect::<Vec<_>>().join(" ");
    norm(a) == norm(b)
}

fn outcomes(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    let mut finished = domain(m, &r.can_fire, (0.0, m.horizon as f64));
    finished.step = (0.0, m.horizon as f64);
    let no_events = vec![false; m.events.len()];
    let start = domain(m, &no_events, (0.0, 0.0));
    for (i, o) in m.outcomes.iter().enumerate() {
        let Some(when) = &o.when else { continue };
        let span = s.outcome_when[i]
            .clone()
            .unwrap_or_else(|| s.outcomes[i].clone());
        let mut dom = finished.clone();
        if !o.terminal {
            dom.step = (m.horizon as f64, m.horizon as f64);
        }
        if !when.may_be(&dom).1 {
            out.push(
                Diagnostic::warning(span, format!("outcome `{}` can never hold", o.id))
                    .label("no reachable state makes this true")
                    .help("check the names and numbers in the condition"),
            );
            continue;
        }
        if o.terminal {
            let (can_false, can_true) = when.may_be(&start);
            if can_true && !can_false {
                out.push(
                    Diagnostic::warning(
                        span.clone(),
                        format!("terminal outcome `{}` holds at step 0", o.id),
                    )
                    .label("already true in the initial state")
                    .help(
                        "every trial ends here before any event can fire; check the initial values",
                    ),
                );
            }
        }
        // Shadowed by an earlier outcome that is judged no later and holds whenever this does.
        for (j, earlier) in m.outcomes[..i].iter().enumerate() {
            let Some(ew) = &earlier.when else { continue };
            // A non-terminal outcome is judged after every terminal one.
            if !earlier.terminal && o.terminal {
                continue;
            }
            let always = !ew.may_be(&finished).0;
            if always || same_text(ew, when) {
                let why = if always {
                    format!("`{}` before it always holds", earlier.id)
                } else {
                    format!("`{}` before it has the same condition", earlier.id)
                };
                let earlier_span = s.outcome_when[j]
                    .clone()
                    .unwrap_or_else(|| s.outcomes[j].clone());
                out.push(
                    Diagnostic::warning(span, format!("outcome `{}` is shadowed: {why}", o.id))
                        .label("this outcome can never be chosen")
                        .secondary(earlier_span, "checked first")
                        .help("outcomes are checked in file order and the first that holds wins; reorder them or make the conditions differ"),
                );
                break;
            }
        }
    }
}

fn unread(m: &Model, s: &Spans, out: &mut Vec<Diagnostic>) {
    let mut flags = vec![false; m.flags.len()];
    let mut vars = vec![false; m.variables.len()];
    let programs = m
        .events
        .iter()
        .flat_map(|e| std::iter::once(&e.when).chain(e.modifiers.iter().map(|md| &md.when)))
        .chain(m.outcomes.iter().filter_map(|o| o.when.as_ref()))
        .chain(s.given.iter());
    for p in programs {
        for &f in &p.reads.flags {
            if let Some(x) = flags.get_mut(f as usize) {
                *x = true;
            }
        }
        for &v in &p.reads.vars {
            if let Some(x) = vars.get_mut(v as usize) {
                *x = true;
            }
        }
    }
    for (i, f) in m.flags.iter().enumerate() {
        if !flags[i] {
            out.push(
                Diagnostic::warning(s.flags[i].clone(), format!("flag `{}` is never read", f.id))
                    .label("no condition reads this flag")
                    .help("use it in a `when`, or remove it"),
            );
        }
    }
    for (i, v) in m.variables.iter().enumerate() {
        if !vars[i] {
            out.push(
                Diagnostic::warning(
                    s.variables[i].clone(),
                    format!("variable `{}` is never read", v.id),
                )
                .label("no condition reads this variable")
                .help("use it in a `when`, or remove it"),
            );
        }
    }
}

fn modifier_products(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    for (i, e) in m.events.iter().enumerate() {
        let q = per_step_chance(highest_probability(&e.probability), e.over);
        let raising: Vec<f64> = e
            .modifiers
            .iter()
            .filter(|md| md.factor > 1.0 && md.when.may_be(&r.running).1)
            .map(|md| md.factor)
            .collect();
        if raising.is_empty() || q <= 0.0 {
            continue;
        }
        let product: f64 = raising.iter().product::<f64>() * q;
        if product > 1.0 {
            let factors: Vec<String> = std::iter::once(fmt_num(q))
                .chain(raising.iter().map(|f| fmt_num(*f)))
                .collect();
            out.push(
                Diagnostic::warning(s.modifiers[i].clone(), format!("the chance of event `{}` can exceed 1 with its modifiers", e.id))
                    .label(format!("{} = {} (capped at 1)", factors.join(" × "), fmt_num(round3(product))))
                    .help("a capped chance hides how much the modifiers matter; lower the factors or the probability"),
            );
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn actors_without_events(m: &Model, s: &Spans, out: &mut Vec<Diagnostic>) {
    for (i, a) in m.actors.iter().enumerate() {
        if !m.events.iter().any(|e| e.actor == i) {
            out.push(
                Diagnostic::warning(
                    s.actors[i].clone(),
                    format!("actor `{}` has no events", a.id),
                )
                .label("no event names this actor")
                .help("give it an event (`actor = \"...\"`), or remove it"),
            );
        }
    }
}

/// Can events `a` and `b` fire in the same step? Not if one needs the other to have fired
/// before and that one fires only once.
fn same_step(m: &Model, r: &Reach, a: usize, b: usize) -> bool {
    if !(r.can_fire[a] && r.can_fire[b]) {
        return false;
    }
    let needs = |x: usize, y: usize| {
        let mut dom = r.running.clone();
        dom.events[y] = EventDomain {
            can_fire: false,
            max_times: 0.0,
        };
        !m.events[y].repeat && !m.events[x].when.may_be(&dom).1
    };
    !needs(a, b) && !needs(b, a)
}

fn same_step_writes(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    for b in 0..m.events.len() {
        for a in 0..b {
            if !same_step(m, r, a, b) {
                continue;
            }
            let (ea, eb) = (&m.events[a], &m.events[b]);
            // Flags written to different values: one sets, the other clears.
            for (f, span_b) in &s.writes[b].flags {
                let b_sets = all_effects(eb).any(|fx| fx.set.contains(f));
                let b_clears = all_effects(eb).any(|fx| fx.clear.contains(f));
                let a_sets = all_effects(ea).any(|fx| fx.set.contains(f));
                let a_clears = all_effects(ea).any(|fx| fx.clear.contains(f));
                if !((a_sets && b_clears) || (a_clears && b_sets)) {
                    continue;
                }
                let Some((_, span_a)) = s.writes[a].flags.iter().find(|(g, _)| g == f) else {
                    continue;
                };
                out.push(conflict(
                    m,
                    ea,
                    eb,
                    &format!("flag `{}`", m.flags[*f].id),
                    span_a,
                    span_b,
                ));
                break;
            }
            for (v, span_b) in &s.writes[b].assigns {
                let values = |e: &crate::model::Event| -> Vec<f64> {
                    all_effects(e)
                        .flat_map(|fx| fx.assign.iter().filter(|(w, _)| w == v).map(|(_, x)| *x))
                        .collect()
                };
                let (va, vb) = (values(ea), values(eb));
                if va.is_empty() || va.iter().all(|x| vb.iter().all(|y| x == y)) {
                    continue;
                }
                let Some((_, span_a)) = s.writes[a].assigns.iter().find(|(w, _)| w == v) else {
                    continue;
                };
                out.push(conflict(
                    m,
                    ea,
                    eb,
                    &format!("variable `{}`", m.variables[*v].id),
                    span_a,
                    span_b,
                ));
                break;
            }
        }
    }
}

fn conflict(
    _m: &Model,
    a: &crate::model::Event,
    b: &crate::model::Event,
    what: &str,
    span_a: &crate::format::Span,
    span_b: &crate::format::Span,
) -> Diagnostic {
    Diagnostic::warning(
        span_b.clone(),
        format!("events `{}` and `{}` can fire in the same step and write different values to {what}", a.id, b.id),
    )
    .label(format!("`{}` writes here", b.id))
    .secondary(span_a.clone(), format!("`{}` writes here", a.id))
    .help(format!("when both fire, the last in file order (`{}`) wins; make their conditions exclusive if that is not intended", b.id))
}
