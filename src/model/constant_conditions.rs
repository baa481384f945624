//! `check`'s warnings for a condition that is false, or true, for every value its names can
//! take: a modifier's `nk_killed >= 2000000` on a count whose `max` is 100 000 (a zero too many:
//! the factor is never used), `tension >= -5` on a level from 0 (a sign slipped: the factor is
//! part of every chance, or the event is always eligible). Judged on the declared bounds, not
//! on what the events can bring about: a modifier on a flag that nothing sets is a what-if hook
//! (`--set` flips the flag), but no what-if moves a number outside its variable's bounds. A
//! condition that reads no variable (`when = "true"`, the way to apply a parameter as a factor)
//! is meant as written; an event's condition that never holds has its own warning already.

use super::read::lies_in;
use super::spans::Spans;
use crate::expr::{Domain, Program};
use crate::format::Diagnostic;
use crate::model::Model;

/// `free` is every state the declarations allow ([`free_domain`](super::reach::free_domain)).
pub(super) fn check(m: &Model, s: &Spans, free: &Domain, out: &mut Vec<Diagnostic>) {
    for (i, e) in m.events.iter().enumerate() {
        if constant(&e.when, free) == Some(true) {
            out.push(
                Diagnostic::warning(
                    s.event_when[i].clone(),
                    format!("the condition of event `{}` always holds", e.id),
                )
                .label("always true, whatever the state")
                .help(format!(
                    "the event is eligible at every step: check the numbers in the condition \
                     against the bounds{}",
                    bounds(m, &e.when)
                )),
            );
        }
        for (k, (md, span)) in e.modifiers.iter().zip(&s.modifier_when[i]).enumerate() {
            let Some(always) = constant(&md.when, free) else {
                continue;
            };
            let (never, used) = match always {
                false => ("never", "its factor is never used"),
                true => ("always", "its factor is part of every chance of the event"),
            };
            out.push(
                Diagnostic::warning(
                    span.clone(),
                    format!("modifier {} of event `{}` {never} applies", k + 1, e.id),
                )
                .label(format!("{never} true, whatever the state"))
                .help(format!(
                    "{used}: check the numbers in the condition against the bounds{}",
                    bounds(m, &md.when)
                )),
            );
        }
    }
}

/// `Some(false)` when `p` can never hold; `Some(true)` when it reads a variable and always
/// holds; `None` otherwise.
fn constant(p: &Program, free: &Domain) -> Option<bool> {
    match p.may_be(free) {
        (_, false) => Some(false),
        (false, true) if !p.reads.vars.is_empty() => Some(true),
        _ => None,
    }
}

/// " (`tension` lies in [0, 10])" for the variables `p` reads.
fn bounds(m: &Model, p: &Program) -> String {
    let each: Vec<String> = (p.reads.vars.iter())
        .map(|&v| {
            let var = &m.variables[v as usize];
            lies_in(&var.id, (var.min, var.max))
        })
        .collect();
    match each.is_empty() {
        true => String::new(),
        false => format!(" ({})", each.join(", ")),
    }
}
