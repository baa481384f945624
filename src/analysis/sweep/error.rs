//! Why a sweep could not run.

use crate::format::Diagnostics;

/// The `point` of an error at the baseline (the scenario with the common overrides only).
pub const BASELINE: usize = usize::MAX;

/// Why a sweep could not run.
#[derive(Debug)]
pub enum SweepError {
    /// The scenario, at point `point` (0-based) with `overrides`, did not load or the `--given`
    /// did not compile.
    Load {
        point: usize,
        overrides: Vec<String>,
        diagnostics: Diagnostics,
    },
    /// A value of an axis does not fit its field.
    Value {
        /// The `--vary` argument's path and points, as `PATH=FROM:TO:N` or `PATH=V1,V2,...`.
        axis: String,
        value: f64,
        /// 1-based position of the value on its axis, and the axis's length.
        index: usize,
        n: usize,
        message: String,
    },
    /// A path a sweep cannot vary.
    Path { path: String, message: String },
    /// `--given` kept no trial at a point; `precision`: in a sweep to a precision, which stops
    /// when none of the first million trials is kept; `never`: no trial at that point could be.
    NoneKept {
        point: usize,
        overrides: Vec<String>,
        precision: bool,
        never: bool,
    },
}
