//! `check`'s warning for an `add` that can never change its variable: one that only lowers a
//! variable which never rises above its `min` (a count written with a minus sign: `add = {
//! killed = -500 }` or `"-0.01 * troops"` on a count from 0), or only raises one which never
//! falls below its `max`.
//! Each firing is clamped straight back, so the event runs and does nothing, and what reads the
//! variable waits in vain. The states come from the reach analysis, which over-approximates: the
//! warning is given only when no reachable state lets the add change anything.

use super::reach::{Reach, computed_range};
use super::read::fmt_num;
use super::spans::Spans;
use crate::expr::Domain;
use crate::format::Diagnostic;
use crate::model::Model;

/// `free` is every state the declarations allow, on which a computed amount is judged.
pub(super) fn check(m: &Model, s: &Spans, r: &Reach, free: &Domain, out: &mut Vec<Diagnostic>) {
    for (i, e) in m.events.iter().enumerate() {
        if !r.can_fire[i] {
            continue;
        }
        let fixed = (e.all_effects().flat_map(|fx| &fx.add))
            .map(|(v, amount)| (*v, amount.range(), amount.as_const()))
            .zip(&s.writes[i].adds);
        let computed = (e.all_effects().flat_map(|fx| &fx.add_expr))
            .zip(&s.writes[i].add_exprs)
            .filter_map(|((v, amount), span)| {
                Some(((*v, computed_range(amount, free)?, None), span))
            });
        for ((v, (lo, hi), constant), (_, span)) in fixed.chain(computed) {
            let var = &m.variables[v];
            let (at_lo, at_hi) = r.running.vars[v];
            let words = if hi <= 0.0 && lo < 0.0 && at_hi <= var.min {
                Words::LOWERS
            } else if lo >= 0.0 && hi > 0.0 && at_lo >= var.max {
                Words::RAISES
            } else {
                continue;
            };
            let bound = fmt_num(if words.at_min { var.min } else { var.max });
            let flipped = match constant {
                Some(x) => format!(": `{} = {}`", var.id, fmt_num(-x)),
                None => String::new(),
            };
            out.push(
                Diagnostic::warning(
                    span.clone(),
                    format!(
                        "event `{}` only {} `{}`, which can never {} its {} {bound}: the add \
                         never changes it",
                        e.id, words.does, var.id, words.pass, words.bound
                    ),
                )
                .label(format!("clamped back to {bound} at every firing"))
                .help(format!(
                    "if `{v}` should {}, write a {} amount{flipped}; if it should {}, its `{}` \
                     (now {bound}) must be {}",
                    words.other_way,
                    words.sign,
                    words.this_way,
                    words.key,
                    words.moved,
                    v = var.id,
                )),
            );
        }
    }
}

/// The words of the warning, for an add stuck at the minimum or at the maximum.
struct Words {
    at_min: bool,
    does: &'static str,
    pass: &'static str,
    bound: &'static str,
    other_way: &'static str,
    sign: &'static str,
    this_way: &'static str,
    key: &'static str,
    moved: &'static str,
}

impl Words {
    const LOWERS: Words = Words {
        at_min: true,
        does: "lowers",
        pass: "rise above",
        bound: "minimum",
        other_way: "grow",
        sign: "positive",
        this_way: "fall",
        key: "min",
        moved: "lower",
    };
    const RAISES: Words = Words {
        at_min: false,
        does: "raises",
        pass: "fall below",
        bound: "maximum",
        other_way: "fall",
        sign: "negative",
        this_way: "grow",
        key: "max",
        moved: "higher",
    };
}
