//! Quantiles of the reference distributions behind the 95% intervals.

/// The normal quantile for a two-sided 95% interval: the 0.975 quantile of the standard normal.
pub const Z95: f64 = 1.959_963_984_540_054;
