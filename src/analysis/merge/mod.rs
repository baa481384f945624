//! `brink merge`: the partial results of shards (`run`, `sweep` or `sensitivity` with
//! `--shard I/N`) put back together into the report the whole command prints.
//!
//! Parts are refused, never half-used: each must be a complete partial result of this brink,
//! stream version and layout, all of one command's work, every shard exactly once, and each
//! tally must agree with itself and with its shard's share. The scenario comes from the parts
//! (its files' texts, which must give back the digest the shards computed), so a merge needs no
//! scenario file and runs anywhere.

mod assemble;
mod check;
mod part;

pub use assemble::{Merged, merge};
pub use part::{
    Command, MAX_PART_BYTES, NamedPart, PARTIAL_FORMAT, Part, PartFile, PartOf, PartScenario,
    read_part,
};

use crate::analysis::sweep::SweepError;
use crate::format::Diagnostics;

/// Why parts cannot be merged.
#[derive(Debug)]
pub enum MergeError {
    /// The complete message (`error: ...`, and a `help:` line).
    Refused(String),
    /// The scenario of the parts does not load (only with a brink that changed what it
    /// accepts, which the version check rules out).
    Scenario(Diagnostics),
    /// A sweep of the parts cannot be planned again (likewise).
    Sweep(SweepError),
}

impl MergeError {
    pub fn refused(message: impl Into<String>) -> MergeError {
        MergeError::Refused(message.into())
    }
}
