//! Chunked, ordered map-reduce over trials: the one place that knows about threads.
//!
//! Trials are cut into fixed chunks of [`CHUNK_TRIALS`]; workers (a local rayon pool of the
//! requested size) turn chunks into partial results, and the calling thread merges them strictly
//! in chunk order while the pool computes the next batch. Chunking never depends on the thread
//! count and merging never depends on which thread finished first, so any merge, even of floats
//! or sketches, gives the same bits for 1 or 64 threads. Batches bound the memory held in
//! partial results.

use std::ops::Range;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::config::CHUNK_TRIALS;

/// Chunks per worker thread in one batch: enough to balance load, few enough to bound memory.
const CHUNKS_PER_THREAD: u64 = 8;

/// The number of worker threads for a request (`None` or 0: all cores).
pub fn resolve_threads(threads: Option<usize>) -> usize {
    match threads {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// A progress bar on stderr for `n` trials.
pub fn progress_bar(n: u64) -> ProgressBar {
    let bar = ProgressBar::new(n);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {human_pos}/{human_len} trials  {per_sec}  ETA {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Runs `chunk` over the chunks of `0..n` and feeds the results to `merge` in chunk order.
/// `scratch` makes per-worker working memory that `chunk` reuses across chunks.
pub fn drive<A, S>(
    n: u64,
    threads: Option<usize>,
    bar: Option<&ProgressBar>,
    scratch: impl Fn() -> S + Sync,
    chunk: impl Fn(&mut S, Range<u64>) -> A + Sync,
    mut merge: impl FnMut(A),
) where
    A: Send,
{
    let n_chunks = n.div_ceil(CHUNK_TRIALS);
    let range = |c: u64| c * CHUNK_TRIALS..((c + 1) * CHUNK_TRIALS).min(n);
    let work = |s: &mut S, c: u64| {
        let r = range(c);
        let len = r.end - r.start;
        let a = chunk(s, r);
        if let Some(bar) = bar {
            bar.inc(len);
        }
        a
    };
    let threads = resolve_threads(threads);
    let pool = match threads {
        1 => None,
        t => rayon::ThreadPoolBuilder::new().num_threads(t).build().ok(),
    };
    let Some(pool) = pool else {
        let mut s = scratch();
        for c in 0..n_chunks {
            merge(work(&mut s, c));
        }
        return;
    };
    let batch = threads as u64 * CHUNKS_PER_THREAD;
    let mut pending: Vec<A> = Vec::new();
    let mut next = 0;
    while next < n_chunks || !pending.is_empty() {
        let end = (next + batch).min(n_chunks);
        let mut results: Vec<A> = Vec::new();
        pool.in_place_scope(|scope| {
            if next < end {
                let (scratch, work, results) = (&scratch, &work, &mut results);
                scope.spawn(move |_| {
                    *results = (next..end)
                        .into_par_iter()
                        .map_init(scratch, |s, c| work(s, c))
                        .collect();
                });
            }
            // Merge the previous batch on this thread while the pool computes this one.
            for a in pending.drain(..) {
                merge(a);
            }
        });
        pending = results;
        next = end;
    }
}

/// A chunked, fixed-order parallel fold over trials `0..n`, for analysis commands that need
/// their own per-trial accumulators (paired comparisons, rank correlations).
///
/// Each chunk of [`CHUNK_TRIALS`] trials gets a fresh `init()` accumulator, `step` is called for
/// each trial index in order, and the chunk accumulators are merged into the first in chunk
/// order, so the result does not depend on `threads`. Get a trial's random key with
/// [`super::TrialKeys`] (sequentially) or [`super::trial_key`].
pub fn fold_trials<A: Send>(
    n: u64,
    threads: Option<usize>,
    init: impl Fn() -> A + Sync,
    step: impl Fn(&mut A, u64) + Sync,
    merge: impl Fn(&mut A, A),
) -> A {
    let mut acc: Option<A> = None;
    drive(
        n,
        threads,
        None,
        || (),
        |_, r| {
            let mut a = init();
            for k in r {
                step(&mut a, k);
            }
            a
        },
        |a| match &mut acc {
            None => acc = Some(a),
            Some(x) => merge(x, a),
        },
    );
    acc.unwrap_or_else(init)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_visits_every_trial_once_in_chunk_order() {
        let n = 3 * CHUNK_TRIALS + 17;
        for threads in [Some(1), Some(2), Some(3)] {
            let seen = fold_trials(
                n,
                threads,
                Vec::new,
                |v: &mut Vec<u64>, k| v.push(k),
                |a, b| a.extend(b),
            );
            assert_eq!(seen, (0..n).collect::<Vec<_>>(), "{threads:?}");
        }
    }

    #[test]
    fn float_sums_are_identical_for_any_thread_count() {
        let sum = |threads| {
            fold_trials(
                20 * CHUNK_TRIALS,
                threads,
                || 0.0f64,
                |a, k| *a += 1.0 / (k as f64 + 1.0),
                |a, b| *a += b,
            )
        };
        let one = sum(Some(1));
        assert_eq!(one.to_bits(), sum(Some(2)).to_bits());
        assert_eq!(one.to_bits(), sum(Some(5)).to_bits());
    }

    #[test]
    fn zero_trials_give_the_initial_value() {
        assert_eq!(fold_trials(0, None, || 5u32, |_, _| {}, |a, b| *a += b), 5);
    }
}
