//! The warnings of docs/language.md: things that load and run but are probably mistakes.
//!
//! Reachability is an over-approximation (abstract evaluation with [`Program::may_be`]): a
//! warning says "never" only when no reachable state can make the thing happen, so a warning is
//! always true, though some dead parts may go unwarned.
//!
//! Two events that can fire in the same step and write the same flag or assign the same
//! variable are reported once per flag or variable, as docs/language.md says, even when they write the
//! same value today (the help says so: the order starts to matter as soon as one changes).
//! Once-only events where one needs the other to have fired before cannot fire in the same step,
//! so a chain is not reported; nor are events whose conditions need opposite values of a flag,
//! opposite answers to whether an event fired, or a variable on opposite sides of a number.

use super::compile::Compiled;
use super::reach::{Reach, domain, free_domain, reachable};
use super::read::fmt_num;
use super::spans::Spans;
use crate::expr::{Domain, EventDomain, Op, Program};
use crate::format::{Diagnostic, Span};
use crate::model::{Model, per_step_chance};

pub fn check(compiled: &Compiled) -> Vec<Diagnostic> {
    let (m, s) = (&compiled.model, &compiled.spans);
    let mut out = Vec::new();
    let reach = reachable(m);
    never_eligible(m, s, &reach, &mut out);
    milestones(m, s, &reach, &mut out);
    outcomes(m, s, &reach, &mut out);
    scenario_given(m, s, &reach, &mut out);
    super::unread::unread(m, s, &mut out);
    modifier_products(m, s, &reach, &mut out);
    actors_without_events(m, s, &mut out);
    same_step_writes(m, s, &reach, &mut out);
    super::range_warnings::check(m, s, &reach, &mut out);
    let free = free_domain(m);
    super::clamped_adds::check(m, s, &reach, &free, &mut out);
    super::constant_conditions::check(m, s, &free, &mut out);
    super::constant_parts::check(m, s, &free, &reach, &mut out);
    out
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

/// A milestone that can never fire would never show in a path: say so, since the author meant
/// it to be a step of the chain.
fn milestones(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    for (i, e) in m.events.iter().enumerate() {
        let zero = e.probability.as_const() == Some(0.0);
        if e.milestone && (!r.can_fire[i] || zero) {
            let why = if zero {
                "its probability is 0"
            } else {
                "its condition can never hold"
            };
            out.push(
                Diagnostic::warning(
                    s.events[i].clone(),
                    format!(
                        "milestone `{}` can never fire, so no escalation path will show it",
                        e.id
                    ),
                )
                .label(why)
                .help("fix its condition or probability, or drop `milestone = true`"),
            );
        }
    }
}

fn outcomes(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    let finished = r.finished(m);
    let no_events = vec![false; m.events.len()];
    let start = domain(m, &no_events, (0.0, 0.0));
    let shadowed = super::shadows::shadows(m, &finished);
    for (i, o) in m.outcomes.iter().enumerate() {
        let Some(when) = &o.when else { continue };
        let span = s.outcome_when[i]
            .clone()
            .unwrap_or_else(|| s.outcomes[i].clone());
        let dom = Reach::outcome_domain(&finished, m, o);
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
        if let Some(shadow) = &shadowed[i] {
            let j = shadow.by;
            let earlier_span = s.outcome_when[j]
                .clone()
                .unwrap_or_else(|| s.outcomes[j].clone());
            out.push(
                Diagnostic::warning(span, format!("outcome `{}` is shadowed: {}", o.id, shadow.reason(m)))
                    .label("this outcome can never be chosen")
                    .secondary(earlier_span, "checked first")
                    .help("outcomes are checked in file order and the first that holds wins; reorder them or make the conditions differ"),
            );
        }
    }
}

/// A `[scenario] given` no trial can meet: every run would stop, after simulating, on "no
/// trial satisfied given" with "run more trials" as its help, which more trials cannot mend.
fn scenario_given(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    let (Some(given), Some(span)) = (&m.given, &s.scenario_given) else {
        return;
    };
    if !super::never::given_may_hold(m, r, &given.program, given.observed) {
        out.push(
            Diagnostic::warning(span.clone(), "`given` can never hold")
                .label("no reachable state makes this true")
                .help(
                    "every run would keep no trial; check the names and numbers in the condition",
                ),
        );
    }
}

/// Earlier outcomes that may shadow later ones: the first that always holds, and the first with
/// each condition text, among terminal ones and among all.
/// An event whose chance its modifiers can lift past 1 (where it is capped).
#[derive(Clone, Debug, PartialEq)]
pub struct CappedProduct {
    pub event: usize,
    /// `0.6 × 2 = 1.2`: the per-step chance, the factors that can raise it, and their product.
    pub product: String,
}

/// Every event whose highest per-step chance times the raising factors of the modifiers that
/// can hold exceeds 1: the chance is then capped at 1. What `run` warns about at load; `sweep`
/// asks again at each point, whose values the load did not see.
pub fn capped_products(m: &Model) -> Vec<CappedProduct> {
    capped(m, &reachable(m))
}

fn capped(m: &Model, r: &Reach) -> Vec<CappedProduct> {
    let mut out = Vec::new();
    for (i, e) in m.events.iter().enumerate() {
        let q = per_step_chance(e.probability.highest_probability(), e.over);
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
            out.push(CappedProduct {
                event: i,
                product: format!("{} = {}", factors.join(" × "), fmt_num(round3(product))),
            });
        }
    }
    out
}

fn modifier_products(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    for c in capped(m, r) {
        let e = &m.events[c.event];
        out.push(
            Diagnostic::warning(s.modifiers[c.event].clone(), format!("the chance of event `{}` can exceed 1 with its modifiers", e.id))
                .label(format!("{} (capped at 1)", c.product))
                .help("a capped chance hides how much the modifiers matter; lower the factors or the probability"),
        );
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

/// Can events `a` and `b` fire in the same step? Not if one needs the other to have fired in an
/// earlier step and that one fires only once.
fn same_step(m: &Model, r: &Reach, a: usize, b: usize) -> bool {
    if !(r.can_fire[a] && r.can_fire[b]) {
        return false;
    }
    let needs = |x: usize, y: usize| {
        let reads = &m.events[x].when.reads;
        if m.events[y].repeat
            || !reads
                .events
                .iter()
                .chain(&reads.since)
                .any(|&e| e as usize == y)
        {
            return false;
        }
        let mut dom = r.running.clone();
        dom.events[y] = EventDomain {
            can_fire: false,
            max_times: 0.0,
            has_fired: false,
        };
        !m.events[x].when.may_be(&dom).1
    };
    !needs(a, b) && !needs(b, a) && !exclusive(m, r, a, b)
}

/// Do the conditions of events `a` and `b` need opposite values of some flag (`truce` and
/// `not truce`), one needs an event to have fired and the other needs it not to have, or do they
/// need a variable on opposite sides of a number? Then they are never eligible in the same step.
/// Both are judged at the start of the step, on the same state, so this is sound.
fn exclusive(m: &Model, r: &Reach, a: usize, b: usize) -> bool {
    let (wa, wb) = (&m.events[a].when, &m.events[b].when);
    // One copy of the domain per pair, narrowed and restored for each question.
    let mut dom = r.running.clone();
    let by_flag = wa
        .reads
        .flags
        .iter()
        .filter(|f| wb.reads.flags.contains(f))
        .any(|&f| {
            [false, true].into_iter().any(|v| {
                !holds_with_flag(wa, &mut dom, f, !v) && !holds_with_flag(wb, &mut dom, f, v)
            })
        });
    let by_event = wa
        .reads
        .events
        .iter()
        .filter(|x| wb.reads.events.contains(x))
        .any(|&x| {
            let (a_unfired, b_unfired) = (
                holds_with_event(wa, &mut dom, x, false),
                holds_with_event(wb, &mut dom, x, false),
            );
            let (a_fired, b_fired) = (
                holds_with_event(wa, &mut dom, x, true),
                holds_with_event(wb, &mut dom, x, true),
            );
            (!a_unfired && !b_fired) || (!a_fired && !b_unfired)
        });
    by_flag || by_event || exclusive_by_variable(&mut dom, wa, wb)
}

/// Whether `when` can hold in `dom` with event `x` surely fired (`fired`) or surely not.
fn holds_with_event(when: &Program, dom: &mut Domain, x: u32, fired: bool) -> bool {
    let was = dom.events[x as usize];
    dom.events[x as usize] = if fired {
        EventDomain {
            has_fired: true,
            ..was
        }
    } else {
        EventDomain {
            can_fire: false,
            max_times: 0.0,
            has_fired: false,
        }
    };
    let can = when.may_be(dom).1;
    dom.events[x as usize] = was;
    can
}

/// Whether `when` can hold in `dom` with flag `f` fixed to `value`.
fn holds_with_flag(when: &Program, dom: &mut Domain, f: u32, value: bool) -> bool {
    let old = std::mem::replace(&mut dom.flags[f as usize], (!value, value));
    let can = when.may_be(dom).1;
    dom.flags[f as usize] = old;
    can
}

/// Whether `when` can hold in `dom` with variable `v` in `range`.
fn holds_with_var(when: &Program, dom: &mut Domain, v: u32, range: (f64, f64)) -> bool {
    let old = std::mem::replace(&mut dom.vars[v as usize], range);
    let can = when.may_be(dom).1;
    dom.vars[v as usize] = old;
    can
}

/// Numbers tried as the point that separates two conditions, at most: a bound on the work.
const MAX_CUTS: usize = 16;

/// Do `wa` and `wb` need a variable on opposite sides of one of the numbers they mention
/// (`tension >= 8` and `tension < 8`)?
fn exclusive_by_variable(dom: &mut Domain, wa: &Program, wb: &Program) -> bool {
    let numbers = |p: &Program| -> Vec<f64> {
        p.ops
            .iter()
            .filter_map(|op| match op {
                Op::Const(c) if c.is_finite() => Some(*c),
                _ => None,
            })
            .collect()
    };
    let mut cuts: Vec<f64> = numbers(wa).into_iter().chain(numbers(wb)).collect();
    cuts.truncate(MAX_CUTS);
    let shared: Vec<u32> = (wa.reads.vars.iter())
        .filter(|v| wb.reads.vars.contains(v))
        .copied()
        .collect();
    for v in shared {
        let (lo, hi) = dom.vars[v as usize];
        for &c in &cuts {
            // Split the range just above `c` or just below it.
            for (below, above) in [(c, c.next_up()), (c.next_down(), c)] {
                if !(lo <= below && above <= hi) {
                    continue;
                }
                let (low, high) = ((lo, below), (above, hi));
                let a_low = holds_with_var(wa, dom, v, low);
                let a_high = holds_with_var(wa, dom, v, high);
                let b_low = holds_with_var(wb, dom, v, low);
                let b_high = holds_with_var(wb, dom, v, high);
                if (!a_low && !b_high) || (!a_high && !b_low) {
                    return true;
                }
            }
        }
    }
    false
}

/// Most pairs of events examined for one flag or variable: enough for any real scenario, and
/// a bound on the work for a generated one.
const MAX_PAIRS: usize = 10_000;

/// One warning per flag or variable that two events can write in one step (the last in file
/// order wins).
fn same_step_writes(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    // Writers of each flag: (event, value written, span); of each variable: (event, value, span).
    let mut flag_writers: Vec<Vec<Writer<bool>>> = vec![Vec::new(); m.flags.len()];
    let mut var_writers: Vec<Vec<Writer<f64>>> = vec![Vec::new(); m.variables.len()];
    for (i, e) in m.events.iter().enumerate() {
        if !r.can_fire[i] {
            continue;
        }
        for (f, span) in &s.writes[i].flags {
            for fx in e.all_effects() {
                if fx.set.contains(f) {
                    flag_writers[*f].push((i, true, span));
                }
                if fx.clear.contains(f) {
                    flag_writers[*f].push((i, false, span));
                }
            }
        }
        for (v, span) in &s.writes[i].assigns {
            for fx in e.all_effects() {
                for &(w, x) in &fx.assign {
                    if w == *v {
                        var_writers[*v].push((i, x, span));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    for (f, writers) in flag_writers.iter().enumerate() {
        if let Some((a, b)) = first_conflict(m, r, writers) {
            found.push((
                a.0.min(b.0),
                conflict(m, a, b, &format!("flag `{}`", m.flags[f].id)),
            ));
        }
    }
    for (v, writers) in var_writers.iter().enumerate() {
        if let Some((a, b)) = first_conflict(m, r, writers) {
            found.push((
                a.0.min(b.0),
                conflict(m, a, b, &format!("variable `{}`", m.variables[v].id)),
            ));
        }
    }
    found.sort_by_key(|(e, _)| *e);
    out.extend(found.into_iter().map(|(_, d)| d));
}

/// One write: the event, the value written, where.
type Writer<'s, T> = (usize, T, &'s Span);

/// The first pair of writers (in file order of the later one) from different events that can
/// fire in the same step.
fn first_conflict<'w, T: PartialEq + Copy>(
    m: &Model,
    r: &Reach,
    writers: &'w [Writer<'w, T>],
) -> Option<(&'w Writer<'w, T>, &'w Writer<'w, T>)> {
    let mut pairs = 0;
    for (j, b) in writers.iter().enumerate() {
        for a in &writers[..j] {
            if a.0 == b.0 {
                continue;
            }
            pairs += 1;
            if pairs > MAX_PAIRS {
                return None;
            }
            if same_step(m, r, a.0, b.0) {
                return Some((a, b));
            }
        }
    }
    None
}

fn conflict<T: PartialEq>(m: &Model, a: &Writer<T>, b: &Writer<T>, what: &str) -> Diagnostic {
    let (ea, eb) = (&m.events[a.0], &m.events[b.0]);
    let help = if a.1 == b.1 {
        format!(
            "they write the same value now, so their order does not matter yet; if one changes, the last in file order (`{}`) wins",
            eb.id
        )
    } else {
        format!(
            "when both fire, the last in file order (`{}`) wins; make their conditions exclusive if that is not intended",
            eb.id
        )
    };
    Diagnostic::warning(
        b.2.clone(),
        format!(
            "events `{}` and `{}` can fire in the same step and both write {what}",
            ea.id, eb.id
        ),
    )
    .label(format!("`{}` writes here", eb.id))
    .secondary(a.2.clone(), format!("`{}` writes here", ea.id))
    .help(help)
}
