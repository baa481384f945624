//! Running several versions of a scenario on the same trials, trial by trial.
//!
//! Trial `k` of every version uses the same random key, so with the engine's per-event streams
//! the versions share every draw they can (common random numbers): where they differ, it is the
//! change's doing. Counting each trial's outcomes jointly, rather than each run alone, is what
//! gives the narrow intervals of paired differences.
//!
//! Built on [`engine::fold_trials`]: chunks of trials in a fixed order, so results are the same
//! for any number of threads.

use indicatif::ProgressBar;

use crate::engine::{self, Scratch, Simulator, TrialEnd, TrialKeys};

/// The keys of a chunk's trials, read in order: set up once per chunk rather than once per
/// trial (a fresh key costs a ChaCha8 block).
pub struct KeyReader {
    seed: u64,
    next: u64,
    keys: Option<TrialKeys>,
}

impl KeyReader {
    pub fn new(seed: u64) -> KeyReader {
        KeyReader {
            seed,
            next: 0,
            keys: None,
        }
    }

    /// The key of trial `k` (cheap when `k` follows the previous call's trial).
    #[inline]
    pub fn key(&mut self, k: u64) -> u64 {
        if self.keys.is_none() || self.next != k {
            self.keys = Some(TrialKeys::new(self.seed, k));
        }
        self.next = k + 1;
        match &mut self.keys {
            Some(keys) => keys.next_key(),
            None => engine::trial_key(self.seed, k),
        }
    }
}

/// Several simulators with a scratch each, run one after the other on each trial.
pub struct Versions<'a, 'm> {
    sims: &'a [Simulator<'m>],
    scratch: Vec<Scratch>,
    keys: KeyReader,
    ends: Vec<TrialEnd>,
}

impl<'a, 'm> Versions<'a, 'm> {
    pub fn new(sims: &'a [Simulator<'m>], seed: u64) -> Versions<'a, 'm> {
        Versions {
            sims,
            scratch: sims.iter().map(Simulator::scratch).collect(),
            keys: KeyReader::new(seed),
            ends: Vec::with_capacity(sims.len()),
        }
    }

    /// Runs trial `k` in every version; the ends are in version order.
    pub fn run(&mut self, k: u64) -> &[TrialEnd] {
        let key = self.keys.key(k);
        self.ends.clear();
        for (sim, s) in self.sims.iter().zip(&mut self.scratch) {
            self.ends
                .push(sim.simulate(key, s, &mut engine::NoObserver));
        }
        &self.ends
    }

    /// The final state of version `i` after the last [`Versions::run`].
    pub fn scratch(&self, i: usize) -> &Scratch {
        &self.scratch[i]
    }

    /// The same, writable (evaluating a condition on it uses its stack).
    pub fn scratch_mut(&mut self, i: usize) -> &mut Scratch {
        &mut self.scratch[i]
    }

    pub fn sims(&self) -> &'a [Simulator<'m>] {
        self.sims
    }
}

/// Advances `bar` every so often from a per-trial loop (never per trial: the bar is shared
/// between threads).
#[inline]
pub fn tick(bar: Option<&ProgressBar>, k: u64, n: u64) {
    const EVERY: u64 = 1024;
    if let Some(bar) = bar {
        if (k + 1).is_multiple_of(EVERY) {
            bar.inc(EVERY);
        } else if k + 1 == n {
            bar.inc(n % EVERY);
        }
    }
}
