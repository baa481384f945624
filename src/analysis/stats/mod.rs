//! Small statistics the analysis commands share: the interval of a paired difference of two
//! proportions and of an independent one (to show what pairing buys), and Spearman's rank
//! correlation with ties. The Wilson interval of one proportion is the run report's.
//!
//! Everything here is a pure function of counts or values, so each formula is tested alone,
//! away from the engine.

mod interval;
mod paired;
mod rank;

pub use interval::Interval;
pub use paired::{OutcomePairs, PairedCounts, independent_difference, paired_difference};
pub use rank::{average_ranks, pearson, spearman, spearman_indicator};
