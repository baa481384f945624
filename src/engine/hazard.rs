//! Hazard arithmetic: a per-step chance as a hazard, and the step at which accumulated hazard
//! reaches an event's threshold (see [`super::Simulator`] for why trials sample this way).

/// A step that never comes ("not fired", "not scheduled").
pub const NEVER: u32 = u32::MAX;

/// A hazard per step, `-ln(1 - q)` for per-step chance `q`, with its inverse (multiplying
/// beats dividing on the hot path).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Hazard {
    pub(super) h: f64,
    pub(super) inv: f64,
}

impl Hazard {
    pub(super) const ZERO: Hazard = Hazard {
        h: 0.0,
        inv: f64::INFINITY,
    };

    pub(super) fn of(q: f64) -> Hazard {
        if q >= 1.0 {
            Hazard {
                h: f64::INFINITY,
                inv: 0.0,
            }
        } else if q <= 0.0 {
            Hazard::ZERO
        } else {
            let h = -super::exact_math::log1p(-q);
            Hazard { h, inv: 1.0 / h }
        }
    }
}

/// The step in which an event armed from step `start` with `rem` hazard left fires, at `h`
/// per step: the first `n >= 1` with `n * h >= rem`.
#[inline]
#[allow(clippy::neg_cmp_op_on_partial_ord)] // NaN on purpose: see below.
pub(super) fn schedule(rem: f64, h: Hazard, start: u32) -> u32 {
    let x = rem * h.inv;
    // Beyond the u32 range, the event never fires within any horizon. (One comparison also
    // catches NaN, an unarmed event's `0 * inf`.)
    if !(x < f64::from(NEVER)) {
        return NEVER;
    }
    // ceil(x) for 0 <= x < 2^32, without a call to a ceil routine on baseline x86-64.
    let whole = x as u32;
    let n = (whole + u32::from(f64::from(whole) < x)).max(1);
    (start - 1).saturating_add(n)
}
