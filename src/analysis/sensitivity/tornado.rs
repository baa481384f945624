//! The tornado: each event's effect on one outcome, the largest first, and the risk measures of
//! probabilistic risk analysis derived from it.

use crate::stats::Interval;

/// The four changes made to an event's probability (declared or drawn, before `over`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Multiplied by 1/2.
    Halved,
    /// Multiplied by 2, capped at 1.
    Doubled,
    /// Set to 1: the event fires as soon as it is eligible (risk achievement).
    Forced,
    /// Set to 0: the event never fires (risk reduction).
    Removed,
}

impl Variant {
    pub const ALL: [Variant; 4] = [
        Variant::Halved,
        Variant::Doubled,
        Variant::Forced,
        Variant::Removed,
    ];

    /// The name used in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Halved => "halved",
            Variant::Doubled => "doubled",
            Variant::Forced => "forced",
            Variant::Removed => "removed",
        }
    }
}

/// What one event does to one outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct EventEffect {
    /// Index into `Model::events`.
    pub event: usize,
    /// The outcome's probability under each variant, in [`Variant::ALL`] order.
    pub probability: [f64; 4],
    /// Variant minus baseline, with the 95% interval from the paired trials.
    pub difference: [Interval; 4],
    /// Doubling hit the cap of 1 (always, for a declared value above 1/2; in some trials, for
    /// a distribution that can exceed 1/2).
    pub doubled_capped: bool,
    /// For a distribution-valued probability: Spearman's correlation between the drawn value
    /// and "the trial ended in this outcome", on the baseline. `None` otherwise, or when either
    /// side never varied.
    pub rank_correlation: Option<f64>,
}

impl EventEffect {
    /// The spread of the outcome's probability over the baseline and the four variants: the
    /// length of the tornado's bar.
    pub fn swing(&self) -> f64 {
        let d = self.difference.map(|i| i.estimate);
        let hi = d.iter().copied().fold(0.0, f64::max);
        let lo = d.iter().copied().fold(0.0, f64::min);
        hi - lo
    }

    pub fn get(&self, v: Variant) -> (f64, Interval) {
        let i = Variant::ALL.iter().position(|&x| x == v).unwrap_or(0);
        (self.probability[i], self.difference[i])
    }
}

/// Sorts effects by swing, largest first; equal swings keep file order, so the table is the
/// same on every run.
pub fn order(effects: &mut [EventEffect]) {
    effects.sort_by(|a, b| b.swing().total_cmp(&a.swing()).then(a.event.cmp(&b.event)));
}

/// Risk achievement worth: `P(outcome | event certain) / P(outcome)`. `None` when the baseline
/// probability is 0 (the ratio is undefined).
pub fn risk_achievement(base: f64, forced: f64) -> Option<f64> {
    (base > 0.0).then(|| forced / base)
}

/// Risk reduction worth: `P(outcome) / P(outcome | event removed)`. `None` when the outcome
/// cannot happen without the event (the ratio is infinite or undefined).
pub fn risk_reduction(base: f64, removed: f64) -> Option<f64> {
    (removed > 0.0).then(|| base / removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effect(event: usize, diffs: [f64; 4]) -> EventEffect {
        EventEffect {
            event,
            probability: diffs.map(|d| 0.5 + d),
            difference: diffs.map(|d| Interval {
                estimate: d,
                lo: d,
                hi: d,
            }),
            doubled_capped: false,
            rank_correlation: None,
        }
    }

    #[test]
    fn swing_spans_the_baseline_and_every_variant() {
        assert_eq!(effect(0, [-0.1, 0.2, 0.3, -0.2]).swing(), 0.5);
        // The baseline counts even when every variant moves the same way.
        assert_eq!(effect(0, [0.1, 0.2, 0.3, 0.05]).swing(), 0.3);
        assert_eq!(effect(0, [0.0; 4]).swing(), 0.0);
    }

    #[test]
    fn order_is_largest_swing_first_then_file_order() {
        let mut rows = vec![
            effect(0, [0.0, 0.0, 0.1, 0.0]),
            effect(1, [-0.1, 0.1, 0.3, -0.2]),
            effect(2, [0.0, 0.0, 0.0, -0.1]),
            effect(3, [0.0; 4]),
        ];
        order(&mut rows);
        let ids: Vec<usize> = rows.iter().map(|r| r.event).collect();
        assert_eq!(ids, vec![1, 0, 2, 3]);
    }

    #[test]
    fn risk_worths() {
        assert_eq!(risk_achievement(0.2, 0.5), Some(2.5));
        assert_eq!(risk_achievement(0.0, 0.5), None);
        assert_eq!(risk_reduction(0.2, 0.1), Some(2.0));
        assert_eq!(risk_reduction(0.2, 0.0), None);
    }

    #[test]
    fn variants_have_stable_names() {
        let names: Vec<&str> = Variant::ALL.iter().map(|v| v.name()).collect();
        assert_eq!(names, ["halved", "doubled", "forced", "removed"]);
    }
}
