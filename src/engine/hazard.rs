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

/// Ratios of threshold to hazard from which an event fires past any horizon (at most 100 000
/// steps): such an event never fires in the trial.
const LATE: f64 = (1u64 << 31) as f64;

/// `2^52`: adding it to a number in `[0, 2^31)` rounds that number to a whole one, held in the
/// low bits of the sum.
const ROUND: f64 = (1u64 << 52) as f64;

/// The step in which an event armed from step `start` with `rem` hazard left fires, at `h`
/// per step: the first `n >= 1` with `n * h >= rem`.
#[inline]
#[allow(clippy::neg_cmp_op_on_partial_ord)] // NaN on purpose: see below.
pub(super) fn schedule(rem: f64, h: Hazard, start: u32) -> u32 {
    let x = rem * h.inv;
    debug_assert!(!(x < 0.0), "thresholds and hazards are not negative");
    // Far beyond any horizon, the event never fires. (One comparison also catches NaN, an
    // unarmed event's `0 * inf`.)
    if !(x < LATE) {
        return NEVER;
    }
    // ceil(x): `x` rounded to a whole number `r` by the addition, plus one if `r < x`. Float to
    // integer conversions would take twice as long, and this sits between one firing and the
    // next.
    let y = x + ROUND;
    let r = y.to_bits() as u32;
    let n = (r + u32::from(y - ROUND < x)).max(1);
    (start - 1).saturating_add(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, start: u32) -> u32 {
        schedule(x, Hazard { h: 1.0, inv: 1.0 }, start)
    }

    #[test]
    fn the_first_whole_step_at_or_past_the_threshold() {
        for (x, n) in [
            (0.0, 1),
            (1e-300, 1),
            (0.5, 1),
            (1.0, 1),
            (1.0 + f64::EPSILON, 2),
            (1.5, 2),
            (2.5, 3),
            (2.0, 2),
            (3.0 - 1e-12, 3),
            (1e6 + 0.5, 1_000_001),
            (LATE - 1.0, (1u32 << 31) - 1),
            (LATE - 0.75, 1u32 << 31),
        ] {
            assert_eq!(at(x, 1), n, "x = {x}");
            assert_eq!(at(x, 10), n + 9, "x = {x}, from step 10");
        }
    }

    #[test]
    fn ratios_past_any_horizon_never_fire() {
        for x in [LATE, 4_294_967_295.5, 1e12, f64::INFINITY, f64::NAN] {
            assert_eq!(at(x, 1), NEVER, "x = {x}");
        }
        assert_eq!(schedule(0.0, Hazard::ZERO, 1), NEVER, "unarmed: 0 * inf");
    }

    /// Every ceil against the library's, over many magnitudes and fractions.
    #[test]
    fn agrees_with_ceil() {
        let mut s = crate::engine::rng::Stream::new(3);
        for _ in 0..200_000 {
            let scale = 2f64.powi((s.uniform() * 31.0) as i32);
            let x = s.uniform() * scale;
            let want = (x.ceil() as u32).max(1);
            assert_eq!(at(x, 1), want, "x = {x}");
        }
    }
}
