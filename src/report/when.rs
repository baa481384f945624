//! When an outcome's trials ended, in words a seminar reads aloud: "half of these by 2026-01 (a
//! quarter by 2025-06, three quarters by 2026-11)", months with a calendar start, else steps.
//! The quartiles are read off `by_step` (by nearest rank, as the JSON's step percentiles).

use super::shape::{OutcomeRow, Report};
use crate::model::{calendar, month_label};

/// Step `t` of the report's scenario: its month with a calendar start, else "step t".
pub fn moment(r: &Report, step: u32) -> String {
    match calendar(&r.scenario.time_unit, r.scenario.start.as_deref()) {
        Some(start) => month_label(start, step),
        None => format!("step {step}"),
    }
}

/// The "when" cell of an outcome; `–` for a terminal outcome that never happened.
pub fn when(r: &Report, o: &OutcomeRow) -> String {
    if !o.terminal {
        return format!("judged at the end ({})", moment(r, r.horizon));
    }
    let by = |share| o.by_step.reached(share).map(|s| moment(r, s));
    match (by(0.25), by(0.5), by(0.75)) {
        (Some(q1), Some(q2), Some(q3)) => {
            format!("half of these by {q2} (a quarter by {q1}, three quarters by {q3})")
        }
        _ => "–".into(),
    }
}
