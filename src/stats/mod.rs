//! Statistics that the reports and the analysis commands share: the share of trials and its
//! Wilson interval; the interval of a difference of two proportions, paired (two versions of a
//! scenario run on the same trials) or independent, by Newcombe's hybrid score method; the
//! paired t interval of a difference of means; Spearman's rank correlation with ties; and
//! percentiles by nearest rank; the beta distribution's quantiles.
//!
//! Everything here is a pure function of counts or values and depends on nothing else in the
//! crate, so each formula is tested alone, away from the engine, and presentation never decides
//! a number.

mod beta;
mod interval;
mod mean_difference;
mod newcombe;
mod paired;
mod percentile;
mod proportion;
mod quantile;
mod rank;
mod student_t;

pub use beta::{beta_cdf, beta_quantile};
pub use interval::Interval;
pub use mean_difference::{
    Moments, PairedSums, independent_mean_difference, paired_mean_difference,
};
pub use newcombe::{independent_difference, paired_difference};
pub use paired::{OutcomePairs, PairedCounts};
pub use percentile::{nearest_rank, weighted_quantile};
pub use proportion::{ratio, wilson95};
pub use quantile::{Z95, normal_quantile};
pub use rank::{average_ranks, pearson, spearman, spearman_indicator};
pub use student_t::student_t_quantile;
