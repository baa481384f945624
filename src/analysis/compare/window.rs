//! The calendar window a scenario covers: two scenarios that start at different months, run for
//! different horizons or count time in different units answer different questions, and their
//! difference says nothing about the change between them alone.

use crate::model::Model;

/// A sentence naming what differs between A's and B's window (`start`, `horizon`, `time_unit`),
/// or `None` when they cover the same one.
pub fn window_warning(a: &Model, b: &Model) -> Option<String> {
    let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".into());
    let mut parts = Vec::new();
    if a.start != b.start {
        parts.push(format!("start {} vs {}", show(&a.start), show(&b.start)));
    }
    if a.horizon != b.horizon {
        parts.push(format!("horizon {} vs {}", a.horizon, b.horizon));
    }
    if a.time_unit != b.time_unit {
        parts.push(format!("time_unit {} vs {}", a.time_unit, b.time_unit));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "A and B cover different time windows ({}): their differences mix the change with \
             the window",
            parts.join(", ")
        )
    })
}
