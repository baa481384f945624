//! `check`'s warning for a part of a condition that is false, or true, for every value its name
//! can take, where the condition as a whole may go either way: `war or tension > 10` on a level
//! up to 10 (the second part never holds: a number past the bound, where "at the top" was
//! meant), `war and tension >= -5` (a sign slipped: the part changes nothing), `war or
//! times(talks) >= 2` on an event without `repeat`. Judged, like [`super::constant_conditions`],
//! on the declared bounds; a part is a comparison of one variable, parameter or `times(e)` with
//! one number. A condition already warned as a whole is left to that warning.

use super::reach::Reach;
use super::read::lies_in;
use super::spans::Spans;
use crate::expr::{Domain, Program, Subject, comparisons};
use crate::format::{Diagnostic, Span};
use crate::model::Model;

pub(super) fn check(m: &Model, s: &Spans, free: &Domain, r: &Reach, out: &mut Vec<Diagnostic>) {
    let mut judge = |p: &Program, span: &Span, whose: String| {
        // Constant as a whole: its own warning (or a what-if hook on a flag) says enough.
        if p.may_be(free) != (true, true) {
            return;
        }
        for c in comparisons(&p.source) {
            let Some(Bounds { label, range, once }) = bounds(m, free, &c.subject) else {
                continue;
            };
            let (always, help) = match c.may_be(range) {
                (_, false) => (
                    "can never hold",
                    "the condition holds only through its other parts",
                ),
                (false, true) => ("always holds", "the condition never depends on this part"),
                _ => continue,
            };
            out.push(
                Diagnostic::warning(
                    span.clone(),
                    format!("part of the condition of {whose} {always}: `{}`", c.text),
                )
                .label(label)
                .help(match once {
                    Some(id) => {
                        format!("{help}; if `{id}` can happen again, give it `repeat = true`")
                    }
                    None => format!(
                        "{help}; check the number in `{}` against the bounds",
                        c.text
                    ),
                }),
            );
        }
    };
    for (i, e) in m.events.iter().enumerate() {
        if !e.when.may_be(&r.running).1 {
            continue;
        }
        judge(&e.when, &s.event_when[i], format!("event `{}`", e.id));
        for (k, (md, span)) in e.modifiers.iter().zip(&s.modifier_when[i]).enumerate() {
            let whose = format!("modifier {} of event `{}`", k + 1, e.id);
            judge(&md.when, span, whose);
        }
    }
    let finished = r.finished(m);
    for (i, o) in m.outcomes.iter().enumerate() {
        if let (Some(when), Some(span)) = (&o.when, &s.outcome_when[i])
            && Reach::outcome_may_hold(&finished, m, o)
        {
            judge(when, span, format!("outcome `{}`", o.id));
        }
    }
}

/// The declared range of a subject, with a label that gives it.
struct Bounds<'m> {
    label: String,
    range: (f64, f64),
    /// The event of a `times(e)` that fires at most once, since it does not repeat.
    once: Option<&'m str>,
}

/// The bounds of a variable, a parameter or `times(e)`; none for another name, or a parameter
/// that may be NaN.
fn bounds<'m>(m: &'m Model, free: &Domain, subject: &Subject) -> Option<Bounds<'m>> {
    let of = |label, range| Bounds {
        label,
        range,
        once: None,
    };
    let name = match subject {
        Subject::Times(id) => {
            let e = m.events.iter().position(|e| &e.id == id)?;
            let range = (0.0, free.events[e].max_times);
            return Some(match m.events[e].repeat {
                false => Bounds {
                    label: format!("`{id}` fires at most once: it has no `repeat = true`"),
                    range,
                    once: Some(&m.events[e].id),
                },
                true => of(lies_in(&format!("times({id})"), range), range),
            });
        }
        Subject::Name(name) => name,
    };
    if let Some(v) = m.variables.iter().position(|v| &v.id == name) {
        return Some(of(lies_in(name, free.vars[v]), free.vars[v]));
    }
    let p = m.params.iter().position(|p| &p.id == name)?;
    let range = free.params[p];
    (!range.0.is_nan() && !range.1.is_nan()).then(|| of(lies_in(name, range), range))
}
