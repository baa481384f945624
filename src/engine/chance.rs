//! An event's per-step chance for a trial, kept as its hazard: drawn probabilities set it at
//! the start of every trial, so working it out is on the engine's hot path.

use super::hazard::Hazard;

/// An event's per-step chance before modifiers (after adjustment and `over`), and its hazard.
/// Fixed for a run, except for drawn probabilities, which set it at the start of each trial.
#[derive(Clone, Copy, Debug)]
pub(super) struct Chance {
    /// NaN until needed (see [`Chance::q`]).
    q: f64,
    pub(super) h: Hazard,
}

impl Chance {
    /// The per-step chance that gives `p` within `over` steps, `q = 1 - (1 - p)^(1/over)`, as
    /// its hazard `-ln(1 - q) = -ln(1 - p) / over`: one logarithm and no power, for every drawn
    /// probability of every trial. `q` itself is only needed when a modifier applies; it is
    /// worked out then ([`Chance::q`]). Inline, with both branches of the logarithm: it runs
    /// for every drawn probability of every trial.
    #[inline(always)]
    pub(super) fn of(p: f64, over: u32) -> Chance {
        if over <= 1 || p <= 0.0 || p >= 1.0 {
            return Chance {
                q: p,
                h: Hazard::of(p),
            };
        }
        let h = -super::exact_math::log1p_both(-p) / f64::from(over);
        Chance {
            q: f64::NAN,
            h: Hazard { h, inv: 1.0 / h },
        }
    }

    /// This chance with its per-step chance `q` (which is `self.q()`) kept.
    #[inline]
    pub(super) fn with_q(self, q: f64) -> Chance {
        Chance { q, h: self.h }
    }

    /// The per-step chance.
    #[inline]
    pub(super) fn q(&self) -> f64 {
        if self.q.is_nan() {
            -super::exact_math::expm1(-self.h.h)
        } else {
            self.q
        }
    }
}
