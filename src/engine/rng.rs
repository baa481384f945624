//! Random streams: one key per trial, and cheap sub-streams per event.
//!
//! Trial `k`'s key is the `k`-th `u64` of a ChaCha8 stream keyed by the run's seed, so any trial
//! can be replayed alone (`trace`) by seeking, while a chunk of trials reads its keys in order.
//! Inside a trial, each event draws from sub-streams keyed by (trial key, the event's
//! `stream_key`, purpose): SplitMix64 sequences, whose whole state is one word (the seed plus a
//! constant per draw taken), so a draw costs an addition and two multiply-xorshift rounds and no
//! state has to be set up per trial. Keying by event and purpose gives common random numbers:
//! two scenarios that differ in one event's parameters see the same draws for every other event,
//! and the same thresholds for that event too.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// What a sub-stream is for. Separate purposes keep, for example, the branch draws of an event
/// unchanged when its probability changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The once-per-trial draw of a distribution-valued probability.
    Probability,
    /// Exponential firing thresholds, drawn in sequence, one per firing.
    Threshold,
    /// Branch choices and `add` amounts, a fresh sequence per firing.
    Effects,
    /// The once-per-trial draw of a parameter (keyed by `params.ID`).
    Param,
}

impl Purpose {
    fn tag(self) -> u64 {
        match self {
            Purpose::Probability => 0x5851_f42d_4c95_7f2d,
            Purpose::Threshold => 0x1405_7b7e_f767_814f,
            Purpose::Effects => 0x2545_f491_4f6c_dd1d,
            Purpose::Param => 0x9e6c_63d0_676a_9a99,
        }
    }
}

/// SplitMix64's output function: a bijective, well-mixing map on `u64`.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The seed of an event's sub-stream for one purpose in one trial.
#[inline]
pub fn substream_seed(trial_key: u64, stream_key: u64, purpose: Purpose) -> u64 {
    mix64(trial_key ^ stream_key ^ purpose.tag())
}

/// Output `i` (from 0) of the SplitMix64 sequence that starts at `seed`: what a [`Stream`]
/// draws, by random access (the tests check the one against the other).
#[cfg(test)]
pub fn splitmix_at(seed: u64, i: u64) -> u64 {
    mix64(seed.wrapping_add(i.wrapping_add(1).wrapping_mul(GAMMA)))
}

/// A uniform in [0, 1) with 53 random bits.
#[inline]
pub fn unit_f64(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform in (0, 1]: safe to take the logarithm of.
#[inline]
pub fn unit_f64_open0(x: u64) -> f64 {
    ((x >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A sequential SplitMix64 stream, for samplers that need an unknown number of uniforms.
///
/// It keeps SplitMix64's own state, `seed + n * GAMMA` after `n` draws, rather than the seed
/// and a count: a draw then adds the constant instead of multiplying by it (the draws are those
/// of `splitmix_at`, the tests' random-access definition, either way).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stream {
    state: u64,
}

impl Stream {
    /// The stream that starts from `seed` (or goes on from a [`Stream::state`]).
    #[inline(always)]
    pub fn new(seed: u64) -> Stream {
        Stream { state: seed }
    }

    /// The stream of a firing: the `n`-th (from 0) of those whose effects draw from `seed`.
    #[inline(always)]
    pub fn firing(seed: u64, n: u64) -> Stream {
        Stream::new(mix64(seed ^ n))
    }

    /// Where the stream stands: [`Stream::new`] of it takes the stream up from here.
    #[inline(always)]
    pub fn state(&self) -> u64 {
        self.state
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix64(self.state)
    }

    /// A uniform in [0, 1).
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        unit_f64(self.next_u64())
    }

    /// A uniform in (0, 1].
    #[inline]
    pub fn uniform_open0(&mut self) -> f64 {
        unit_f64_open0(self.next_u64())
    }
}

fn chacha_for(seed: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    ChaCha8Rng::from_seed(key)
}

/// The keys of trials `start, start + 1, ...` of a run, read in order.
pub struct TrialKeys {
    rng: ChaCha8Rng,
}

impl TrialKeys {
    pub fn new(seed: u64, start: u64) -> TrialKeys {
        let mut rng = chacha_for(seed);
        // A u64 is two 32-bit words of the stream.
        rng.set_word_pos(u128::from(start) * 2);
        TrialKeys { rng }
    }

    #[inline]
    pub fn next_key(&mut self) -> u64 {
        self.rng.next_u64()
    }
}

/// The key of trial `k` alone (costs a ChaCha8 block; use [`TrialKeys`] for runs of trials).
pub fn trial_key(seed: u64, trial: u64) -> u64 {
    TrialKeys::new(seed, trial).next_key()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_access_matches_sequential_keys() {
        let mut keys = TrialKeys::new(7, 0);
        let seq: Vec<u64> = (0..200).map(|_| keys.next_key()).collect();
        for k in [0u64, 1, 31, 32, 33, 63, 64, 65, 199] {
            assert_eq!(trial_key(7, k), seq[k as usize], "trial {k}");
        }
        let mut mid = TrialKeys::new(7, 37);
        assert_eq!(mid.next_key(), seq[37]);
        assert_eq!(mid.next_key(), seq[38]);
    }

    #[test]
    fn seeds_give_different_keys() {
        assert_ne!(trial_key(0, 0), trial_key(1, 0));
        assert_ne!(trial_key(0, 0), trial_key(0, 1));
    }

    #[test]
    fn stream_matches_random_access() {
        let mut s = Stream::new(99);
        for i in 0..10 {
            assert_eq!(s.next_u64(), splitmix_at(99, i));
        }
    }

    #[test]
    fn unit_ranges() {
        assert_eq!(unit_f64(0), 0.0);
        assert!(unit_f64(u64::MAX) < 1.0);
        assert!(unit_f64_open0(0) > 0.0);
        assert_eq!(unit_f64_open0(u64::MAX), 1.0);
    }
}
