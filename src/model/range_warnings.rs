//! `check`'s warning for a format-2 expression that may leave its range: a probability outside
//! [0, 1], a factor or a weight below 0, or NaN. At run time such a value is repaired and
//! counted; the warning says so before the run, wherever abstract evaluation (over the states the
//! scenario can reach) cannot show that the expression stays in range. Like every abstract
//! answer it over-approximates: it may warn about an expression that is in fact always in range
//! (the condition that guards it is not taken into account), never the other way round.

use super::reach::Reach;
use super::read::fmt_num;
use super::spans::Spans;
use crate::expr::Program;
use crate::format::Diagnostic;
use crate::model::{Model, Num};

pub(super) fn check(m: &Model, s: &Spans, r: &Reach, out: &mut Vec<Diagnostic>) {
    for e in &m.events {
        let base = format!("events.{}", e.id);
        if let Some(p) = &e.probability_expr {
            let what = format!("the probability of event `{}`", e.id);
            warn(
                s,
                r,
                &format!("{base}.probability"),
                p,
                (0.0, 1.0),
                &what,
                out,
            );
        }
        for (i, md) in e.modifiers.iter().enumerate() {
            if let Some(Num::Expr(p)) = &md.factor_num {
                let what = format!("the factor of modifier {} of event `{}`", i + 1, e.id);
                let path = format!("{base}.modifiers.{i}.factor");
                warn(s, r, &path, p, (0.0, f64::INFINITY), &what, out);
            }
        }
        for (i, b) in e.branches.iter().enumerate() {
            if let Some(Num::Expr(p)) = &b.weight_num {
                let what = format!("the weight of branch {} of event `{}`", i + 1, e.id);
                let path = format!("{base}.branches.{i}.weight");
                warn(s, r, &path, p, (0.0, f64::INFINITY), &what, out);
            }
        }
    }
}

fn warn(
    s: &Spans,
    r: &Reach,
    path: &str,
    p: &Program,
    (lo, hi): (f64, f64),
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some((_, span)) = s.number_exprs.iter().find(|(x, _)| x == path) else {
        return;
    };
    let (range, nan) = p.number_range(&r.running);
    let outside = range.is_some_and(|(a, b)| a < lo || b > hi);
    if !outside && !nan {
        return;
    }
    let mut found = Vec::new();
    // One value only (a number set on the command line): it is outside, not "may be".
    let mut certain = !nan;
    if let Some((a, b)) = range.filter(|_| outside) {
        certain &= a == b;
        found.push(if a == b {
            fmt_num(a)
        } else {
            format!("from {} to {}", fmt_num(a), fmt_num(b))
        });
    }
    if nan {
        found.push("not a number (NaN)".to_string());
    }
    let leaves = match (outside, hi.is_finite()) {
        (false, _) => "not a number (NaN)".to_string(),
        (true, true) => format!("outside [{}, {}]", fmt_num(lo), fmt_num(hi)),
        (true, false) => format!("below {}", fmt_num(lo)),
    };
    // A probability of one value in (1, 100]: most likely a percentage.
    let percent = range
        .filter(|&(a, b)| certain && hi == 1.0 && a == b && a > 1.0 && a <= 100.0)
        .map(|(a, _)| fmt_num(a));
    let help = match percent {
        Some(p) => format!(
            "a probability is a fraction: if {p} means {p}%, make it {}; above 1 it counts as 1 \
             at run time",
            fmt_num(range.map_or(0.0, |(a, _)| a) / 100.0)
        ),
        None if hi.is_finite() => "such values are clamped into [0, 1] at run time and counted \
            as repairs; keep the expression in range, e.g. with `clamp(..., 0, 1)`"
            .to_string(),
        None => "such values count as 0 at run time, counted as repairs; keep the expression in \
            range, e.g. with `max(..., 0)`"
            .to_string(),
    };
    let (is, can_be) = if certain {
        ("is", "is")
    } else {
        ("may be", "can be")
    };
    out.push(
        Diagnostic::warning(span.clone(), format!("{what} {is} {leaves}"))
            .label(format!("{can_be} {}", found.join(", or ")))
            .help(help),
    );
}
