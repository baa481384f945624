//! What identifies the random numbers a run draws and the brink that drew them: reports carry
//! the stream version, and the partial results of shards (see `crate::analysis::merge`) carry
//! both, so that parts of other versions are refused.

/// The version of the random streams: trial `k` of seed `s` draws the same numbers in every
/// brink with the same stream version. Raise it whenever a change moves any draw. Reports carry
/// it so that numbers from different versions are not compared as if they should match, and
/// parts of other versions are refused. Version 2: normals by ziggurat (gamma, Beta and PERT
/// draws follow), Poisson means from 10 to 1000 by tabled inversion, and the per-step chance of
/// an `over` probability from one logarithm.
pub const STREAM_VERSION: u32 = 2;

/// This brink's version, as parts record it.
pub const BRINK_VERSION: &str = env!("CARGO_PKG_VERSION");
