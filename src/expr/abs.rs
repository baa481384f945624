//! The value of an expression over a set of states, as `check`'s warnings need it: an interval
//! of numbers and whether NaN is possible. Its own file so that the built-in functions can say
//! how they act on it without depending on the evaluator that uses them.

/// A set of f64 values: an interval of non-NaN values (None when there are none) and whether NaN
/// is possible. Bools are 0 and 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Abs {
    pub(crate) range: Option<(f64, f64)>,
    pub(crate) nan: bool,
}

pub(crate) const TOP: Abs = Abs {
    range: Some((f64::NEG_INFINITY, f64::INFINITY)),
    nan: true,
};

pub(crate) const FULL: Option<(f64, f64)> = Some((f64::NEG_INFINITY, f64::INFINITY));

impl Abs {
    pub(crate) fn point(v: f64) -> Abs {
        if v.is_nan() {
            Abs {
                range: None,
                nan: true,
            }
        } else {
            Abs {
                range: Some((v, v)),
                nan: false,
            }
        }
    }

    /// An interval from a caller's domain; anything malformed means "could be anything".
    pub(crate) fn interval(lo: f64, hi: f64) -> Abs {
        if lo.is_nan() || hi.is_nan() || lo > hi {
            TOP
        } else {
            Abs {
                range: Some((lo, hi)),
                nan: false,
            }
        }
    }

    pub(crate) fn boolean(can_false: bool, can_true: bool) -> Abs {
        let range = match (can_false, can_true) {
            (true, false) => (0.0, 0.0),
            (false, true) => (1.0, 1.0),
            // (false, false) would be an empty domain: be safe and say "either".
            _ => (0.0, 1.0),
        };
        Abs {
            range: Some(range),
            nan: false,
        }
    }

    /// (can be false, can be true) as the evaluator reads it: false is exactly zero.
    pub(crate) fn truth(self) -> (bool, bool) {
        match self.range {
            Some((lo, hi)) => (
                lo <= 0.0 && 0.0 <= hi,
                self.nan || !(lo == 0.0 && hi == 0.0),
            ),
            None => (false, self.nan),
        }
    }

    /// The values of `self` that are false (zero).
    pub(crate) fn falsy(self) -> Abs {
        Abs::point(0.0)
    }

    /// The values of `self` that are true (non-zero); a zero lower bound is raised past zero.
    pub(crate) fn truthy(self) -> Abs {
        let range = self.range.and_then(|(lo, hi)| {
            if lo == 0.0 && hi == 0.0 {
                None
            } else if lo == 0.0 {
                Some((f64::MIN_POSITIVE, hi))
            } else if hi == 0.0 {
                Some((lo, -f64::MIN_POSITIVE))
            } else {
                Some((lo, hi))
            }
        });
        Abs {
            range,
            nan: self.nan,
        }
    }

    pub(crate) fn join(self, other: Abs) -> Abs {
        let range = match (self.range, other.range) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (r, None) | (None, r) => r,
        };
        Abs {
            range,
            nan: self.nan || other.nan,
        }
    }

    pub(crate) fn contains(self, v: f64) -> bool {
        self.range.is_some_and(|(lo, hi)| lo <= v && v <= hi)
    }

    pub(crate) fn has_infinity(self) -> bool {
        self.range
            .is_some_and(|(lo, hi)| lo.is_infinite() || hi.is_infinite())
    }
}
