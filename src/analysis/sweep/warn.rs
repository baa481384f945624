//! Capped chances at the points of a sweep. `run` warns when a modifier product lifts an event's
//! chance past 1 (it is capped there), but those warnings come from loading the scenario, whose
//! warnings a sweep shows once, the baseline's: a point whose values cap a chance that the
//! baseline does not would pass in silence. So every point is checked again, and each one that
//! caps something the load's warnings did not show gets one line naming it.

use super::error::SweepError;
use super::run::SweepPlan;
use crate::model::{CappedProduct, Model, capped_products};

impl SweepPlan<'_> {
    /// One warning line per point whose values cap an event's chance in a
    /// way the baseline's load warnings did not already show.
    pub fn capped_warnings(&self) -> Result<Vec<String>, SweepError> {
        let shown = capped_products(&self.baseline.0);
        let n = self.len();
        let mut lines = Vec::new();
        let mut check = |model: &Model, at: String| {
            let new: Vec<String> = (capped_products(model).into_iter())
                .filter(|c| !shown.contains(c))
                .map(|c: CappedProduct| {
                    format!(
                        "the chance of event `{}` can exceed 1 with its modifiers: {} (capped at 1)",
                        model.events[c.event].id, c.product
                    )
                })
                .collect();
            if !new.is_empty() {
                lines.push(format!("warning: {at}: {}", new.join("; ")));
            }
        };
        let set = &self.cfg.set;
        for p in 0..n {
            let (model, _) = self.point_model(p)?;
            let vary = self.overrides[p]
                .strip_prefix(set.as_slice())
                .unwrap_or(&[]);
            check(
                &model,
                format!("sweep point {} of {n} ({})", p + 1, vary.join(", ")),
            );
        }
        Ok(lines)
    }
}
