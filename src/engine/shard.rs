//! Splitting a run into shards that any batch system can schedule, and the partial result each
//! shard writes.
//!
//! A run of `trials` trials has `C` fixed chunks of [`CHUNK_TRIALS`]; shard `I` of `N` runs the
//! chunks `floor(C*I/N)..floor(C*(I+1)/N)` (possibly none). Chunks, random streams and tallies do
//! not depend on which machine runs them, and every tally merges in any order, so the parts of
//! all `N` shards merged give the tally of the whole run, bit for bit. A part names the run it
//! belongs to (the scenario's digest, seed, trials, overrides, given, shard, brink's version and
//! the stream version), so parts of different runs are never mixed.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::config::CHUNK_TRIALS;
use super::result::RunResult;

/// The version of the random streams: trial `k` of seed `s` draws the same numbers in every
/// brink with the same stream version. Raise it whenever a change moves any draw.
pub const STREAM_VERSION: u32 = 1;

/// The version of the partial result's layout.
pub const PARTIAL_FORMAT: u32 = 1;

/// Shard `index` of `count` (`index < count`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// `I/N` with `0 <= I < N`; the error says what is wrong, for a message.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| format!("`{text}` is not I/N"))?;
        let num = |s: &str| {
            s.trim()
                .parse::<u64>()
                .map_err(|_| format!("`{text}` is not I/N"))
        };
        let (index, count) = (num(i)?, num(n)?);
        if count == 0 || index >= count {
            return Err(format!("`{text}`: I must be from 0 to N - 1"));
        }
        Ok(Shard { index, count })
    }

    /// The chunks of a run of `trials` trials that this shard runs.
    pub fn chunks(&self, trials: u64) -> Range<u64> {
        let c = u128::from(trials.div_ceil(CHUNK_TRIALS));
        let at = |i: u64| (c * u128::from(i) / u128::from(self.count)) as u64;
        at(self.index)..at(self.index + 1)
    }

    /// How many of the run's trials this shard runs.
    pub fn trials(&self, trials: u64) -> u64 {
        let r = self.chunks(trials);
        (r.end * CHUNK_TRIALS).min(trials) - (r.start * CHUNK_TRIALS).min(trials)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The scenario of a partial result: as the report names it, where to read it again, and the
/// digest that says it is the same text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialScenario {
    pub file: String,
    pub path: String,
    pub digest: String,
}

/// What one shard writes: one tally for all its trials, and what identifies the run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Partial {
    pub brink_partial: u32,
    pub brink_version: String,
    pub stream_version: u32,
    pub scenario: PartialScenario,
    pub seed: u64,
    pub trials: u64,
    pub overrides: Vec<String>,
    pub given: Option<String>,
    /// `I/N`.
    pub shard: String,
    pub result: RunResult,
}

/// This brink's version, as parts record it.
pub const BRINK_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_chunk_once_in_order() {
        for trials in [1, CHUNK_TRIALS, 3 * CHUNK_TRIALS + 5, 100 * CHUNK_TRIALS] {
            for count in [1, 2, 3, 7, 200] {
                let mut next = 0;
                let mut total = 0;
                for index in 0..count {
                    let s = Shard { index, count };
                    let r = s.chunks(trials);
                    assert_eq!(r.start, next);
                    next = r.end;
                    total += s.trials(trials);
                }
                assert_eq!(next, trials.div_ceil(CHUNK_TRIALS));
                assert_eq!(total, trials);
            }
        }
    }

    #[test]
    fn shards_are_parsed_strictly() {
        assert_eq!(Shard::parse("2/7"), Ok(Shard { index: 2, count: 7 }));
        assert_eq!(Shard::parse("0/1").unwrap().to_string(), "0/1");
        for bad in ["3/3", "1/0", "x/2", "2", "-1/3", "1/2/3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
