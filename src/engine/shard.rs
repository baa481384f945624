//! Splitting a run into shards that any batch system can schedule (the partial result each shard
//! writes is in `partial.rs`).
//!
//! A run of `trials` trials has `C` fixed chunks of [`CHUNK_TRIALS`]; shard `I` of `N` runs the
//! chunks `floor(C*I/N)..floor(C*(I+1)/N)` (possibly none). Chunks, random streams and tallies do
//! not depend on which machine runs them, and every tally merges in any order, so the parts of
//! all `N` shards merged give the tally of the whole run, bit for bit. A part names the run it
//! belongs to (the scenario's digest, seed, trials, overrides, given, shard, brink's version and
//! the stream version), so parts of different runs are never mixed.

use std::fmt;
use std::ops::Range;

use super::chunks::CHUNK_TRIALS;

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
        self.share(trials.div_ceil(CHUNK_TRIALS))
    }

    /// This shard's share of `len` items (a run's chunks, a sweep's points, a sensitivity
    /// analysis's units): `floor(len*I/N)..floor(len*(I+1)/N)`, possibly empty.
    pub fn share(&self, len: u64) -> Range<u64> {
        let at = |i: u64| (u128::from(len) * u128::from(i) / u128::from(self.count)) as u64;
        at(self.index)..at(self.index + 1)
    }

    /// [`Shard::share`] of a list's indices.
    pub fn share_of(&self, len: usize) -> Range<usize> {
        let r = self.share(len as u64);
        r.start as usize..r.end as usize
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
