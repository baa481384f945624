//! Many runs on the same trials, advanced chunk by chunk in lockstep, for a stopping rule that
//! looks at all of them at once (a sweep to a precision: every point must reach it on one
//! shared trial count, so that each point's pairs with the baseline stay pairs).
//!
//! Work goes in items, one lane's chunk each, in chunk order and, within a chunk, in lane
//! order: workers take the next item as soon as they are free (no barrier between rounds, which
//! would idle a core whenever a round splits unevenly), and the results are merged into the
//! lanes strictly in item order, with the rule checked after each chunk boundary. Items past the
//! first boundary where the rule holds are dropped unmerged, so what is merged (and so every
//! byte of what follows) does not depend on the number of threads.

use std::ops::Range;

use indicatif::ProgressBar;

use crate::engine::{CHUNK_TRIALS, drive_items_until};

/// Advances every lane over the chunks of `0..trials` in chunk order until `done` holds at a
/// chunk boundary (checked after the chunk is merged into every lane), else to the end; returns
/// the trials merged. `chunk(l, range)` simulates lane `l`'s trials `range`; `merge` adds such
/// a result to a lane.
pub fn lockstep<L, A: Send>(
    lanes: &mut [L],
    (trials, threads): (u64, Option<usize>),
    bar: Option<&ProgressBar>,
    chunk: impl Fn(usize, Range<u64>) -> A + Sync,
    mut merge: impl FnMut(&mut L, A),
    mut done: impl FnMut(&[L]) -> bool,
) -> u64 {
    let n_chunks = trials.div_ceil(CHUNK_TRIALS);
    let range = |c: u64| c * CHUNK_TRIALS..((c + 1) * CHUNK_TRIALS).min(trials);
    let n_lanes = lanes.len() as u64;
    if n_lanes == 0 {
        // Nothing to run: the rule alone says where it stops.
        return (0..n_chunks)
            .find(|_| done(lanes))
            .map_or(trials, |c| range(c).end);
    }
    let mut merged = trials;
    let mut item = 0u64;
    drive_items_until(
        n_chunks * n_lanes,
        threads,
        || (),
        |_, i| {
            let r = range(i / n_lanes);
            let len = r.end - r.start;
            let a = chunk((i % n_lanes) as usize, r);
            if let Some(bar) = bar {
                bar.inc(len);
            }
            a
        },
        |a| {
            let (c, l) = (item / n_lanes, item % n_lanes);
            item += 1;
            merge(&mut lanes[l as usize], a);
            if l + 1 == n_lanes && done(lanes) {
                merged = range(c).end;
                return false;
            }
            true
        },
    );
    merged
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
