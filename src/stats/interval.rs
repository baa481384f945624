//! An estimate with its 95% interval.

/// An estimate and its 95% interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub estimate: f64,
    pub lo: f64,
    pub hi: f64,
}

impl Interval {
    /// A difference of two proportions measured on no trials: anything from -1 to 1.
    pub const NO_TRIALS: Interval = Interval {
        estimate: 0.0,
        lo: -1.0,
        hi: 1.0,
    };

    /// No difference, known exactly: two runs that agree on every trial.
    pub const ZERO: Interval = Interval {
        estimate: 0.0,
        lo: 0.0,
        hi: 0.0,
    };
}
