//! The largest scenario brink accepts, each refused with its number when exceeded: bounds that
//! keep memory and time predictable for any file.

/// Most events a scenario may declare.
pub const MAX_EVENTS: usize = 10_000;
pub const MAX_HORIZON: i64 = 100_000;
pub const MAX_TRIALS: i64 = 1_000_000_000_000;
