//! Statistics that the reports and the analysis commands share: the share of trials and its
//! Wilson interval, the interval of a difference of two proportions (paired and independent),
//! Spearman's rank correlation with ties, and percentiles by nearest rank.
//!
//! Everything here is a pure function of counts or values and depends on nothing else in the
//! crate, so each formula is tested alone, away from the engine, and presentation never decides
//! a number.

mod interval;
mod paired;
mod percentile;
mod proportion;
mod quantile;
mod rank;

pub use interval::Interval;
pub use paired::{OutcomePairs, PairedCounts, independent_difference, paired_difference};
pub use percentile::{nearest_rank, weighted_nearest_rank};
pub use proportion::{ratio, wilson95};
pub use quantile::Z95;
pub use rank::{average_ranks, pearson, spearman, spearman_indicator};
