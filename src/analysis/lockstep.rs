//! Many runs on the same trials, advanced chunk by chunk in lockstep, for a stopping rule that
//! looks at all of them at once (a sweep to a precision: every point must reach it on one
//! shared trial count, so that each point's pairs with the baseline stay pairs).
//!
//! Work goes in rounds: every lane's next few chunks are simulated in parallel, then merged
//! into the lanes strictly in chunk order, with the rule checked after each chunk boundary.
//! Chunks past the first boundary where the rule holds are dropped unmerged, so what is merged
//! (and so every byte of what follows) depends neither on the number of threads nor on the
//! size of a round.

use std::ops::Range;

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::engine::{self, CHUNK_TRIALS, resolve_threads};

/// Advances every lane over the chunks of `0..trials` in chunk order until `done` holds at a
/// chunk boundary (checked after the chunk is merged into every lane), else to the end; returns
/// the trials merged. `chunk(l, range)` simulates lane `l`'s trials `range`; `merge` adds such
/// a result to a lane.
pub fn lockstep<L, A: Send>(
    lanes: &mut [L],
    (trials, threads): (u64, Option<usize>),
    bar: Option<&ProgressBar>,
    chunk: impl Fn(usize, Range<u64>) -> A + Sync,
    merge: impl Fn(&mut L, A),
    mut done: impl FnMut(&[L]) -> bool,
) -> u64 {
    let threads = resolve_threads(threads);
    let n_chunks = trials.div_ceil(CHUNK_TRIALS);
    let n_lanes = lanes.len().max(1);
    // Enough chunks per round to give every thread work.
    let per_round = (threads.div_ceil(n_lanes) as u64).max(1);
    let range = |c: u64| c * CHUNK_TRIALS..((c + 1) * CHUNK_TRIALS).min(trials);
    let pool = engine::pool(threads);
    let mut start = 0;
    while start < n_chunks {
        let end = (start + per_round).min(n_chunks);
        let work: Vec<(u64, usize)> = (start..end)
            .flat_map(|c| (0..lanes.len()).map(move |l| (c, l)))
            .collect();
        let one = |&(c, l): &(u64, usize)| {
            let r = range(c);
            let len = r.end - r.start;
            let a = chunk(l, r);
            if let Some(bar) = bar {
                bar.inc(len);
            }
            a
        };
        let results: Vec<A> = match &pool {
            Some(pool) => pool.install(|| work.par_iter().map(one).collect()),
            None => work.iter().map(one).collect(),
        };
        let mut results = results.into_iter();
        for c in start..end {
            for lane in lanes.iter_mut() {
                if let Some(a) = results.next() {
                    merge(lane, a);
                }
            }
            if done(lanes) {
                return range(c).end;
            }
        }
        start = end;
    }
    trials
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lanes that count their trials' indices: the rule sees every lane at the same boundary,
    /// and where it stops does not depend on the threads.
    #[test]
    fn stops_at_the_first_boundary_whatever_the_threads() {
        let run = |threads, lanes: usize| {
            let mut sums = vec![0u64; lanes];
            let mut seen = Vec::new();
            let n = lockstep(
                &mut sums,
                (10 * CHUNK_TRIALS + 5, Some(threads)),
                None,
                |l, r| r.map(|k| k * (l as u64 + 1)).sum::<u64>(),
                |s, a| *s += a,
                |s| {
                    seen.push(s.to_vec());
                    s[0] >= 3 * CHUNK_TRIALS * CHUNK_TRIALS
                },
            );
            (n, sums, seen)
        };
        let (n, sums, seen) = run(1, 3);
        // Trials 0..k sum to k(k-1)/2: the first boundary past 3 C^2 is chunk 3's end.
        assert_eq!(n, 3 * CHUNK_TRIALS);
        let total = n * (n - 1) / 2;
        assert_eq!(sums, vec![total, 2 * total, 3 * total]);
        assert_eq!(seen.len(), 3);
        for threads in [2, 3, 7] {
            for lanes in [1, 3, 8] {
                let (n2, s2, seen2) = run(threads, lanes);
                let (n1, s1, seen1) = run(1, lanes);
                assert_eq!((n2, s2, seen2), (n1, s1, seen1), "{threads} {lanes}");
            }
        }
        // Never done: every trial, the short last chunk included.
        let mut sums = vec![0u64; 2];
        let n = lockstep(
            &mut sums,
            (2 * CHUNK_TRIALS + 5, Some(2)),
            None,
            |_, r| r.end - r.start,
            |s, a| *s += a,
            |_| false,
        );
        assert_eq!(
            (n, sums),
            (2 * CHUNK_TRIALS + 5, vec![2 * CHUNK_TRIALS + 5; 2])
        );
    }
}
