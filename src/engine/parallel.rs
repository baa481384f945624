//! Chunked, ordered map-reduce over trials: the one place that knows about threads.
//!
//! Trials are cut into fixed chunks of [`CHUNK_TRIALS`]; workers (a local rayon pool of the
//! requested size) turn chunks into partial results, and the calling thread merges them strictly
//! in chunk order while the workers compute the next ones. Chunking never depends on the thread
//! count and merging never depends on which thread finished first, so any merge, even of floats
//! or sketches, gives the same bits for 1 or 64 threads. Workers run at most a few chunks ahead
//! of the merge, which bounds the memory held in partial results.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use indicatif::{HumanCount, ProgressBar, ProgressStyle};

use super::config::CHUNK_TRIALS;

/// The number of worker threads for a request (`None` or 0: all cores).
pub fn resolve_threads(threads: Option<usize>) -> usize {
    match threads {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// The most worker threads a run starts, whatever is asked: far more than any machine's cores,
/// and few enough that starting them cannot exhaust the system's threads or memory.
pub const MAX_THREADS: usize = 1024;

/// The worker threads that work on `items` chunks for a request: never more than the chunks (a
/// thread without a chunk would only start, wait and stop) nor [`MAX_THREADS`]. Results do not
/// depend on it.
pub fn threads_for(threads: Option<usize>, items: u64) -> usize {
    let items = usize::try_from(items).unwrap_or(usize::MAX);
    resolve_threads(threads).min(items).clamp(1, MAX_THREADS)
}

/// A pool of `threads` workers, or `None` for one thread (or when the pool cannot be built):
/// the caller then works on its own thread, which gives the same results.
pub fn pool(threads: usize) -> Option<rayon::ThreadPool> {
    (threads > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .ok()
        })
        .flatten()
}

/// A progress bar on stderr for `n` trials. The rate is a whole number of trials a second
/// (indicatif's own `{per_sec}` shows four decimals: `161,674.8297/s`).
pub fn progress_bar(n: u64) -> ProgressBar {
    let bar = ProgressBar::new(n);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} trials  {rate}  ETA {eta}")
    {
        bar.set_style(style.with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{} trials/s", HumanCount(state.per_sec().round() as u64));
            },
        ));
    }
    bar
}

/// Runs `chunk` over the chunks of `0..n` and feeds the results to `merge` in chunk order,
/// stopping after the first merge that returns `false`: the chunks merged are then chunks
/// `0..=c` whatever the number of threads (work begun on later chunks is dropped), so a stopping
/// rule checked at each chunk boundary gives the same result on any thread count. `scratch`
/// makes per-worker working memory that `chunk` reuses across chunks.
///
/// Workers take chunks in order from a shared counter and send each result to the calling
/// thread, which merges them in chunk order as they complete. There is no barrier between
/// groups of chunks (a barrier idles a core whenever a group splits unevenly), and at most a
/// few results wait to be merged: a worker starts a chunk only a few chunks ahead of the merge.
pub fn drive_until<A, S>(
    n: u64,
    threads: Option<usize>,
    bar: Option<&ProgressBar>,
    scratch: impl Fn() -> S + Sync,
    chunk: impl Fn(&mut S, Range<u64>) -> A + Sync,
    merge: impl FnMut(A) -> bool,
) where
    A: Send,
{
    let all = 0..n.div_ceil(CHUNK_TRIALS);
    drive_chunks_until(n, all, threads, bar, scratch, chunk, merge);
}

/// [`drive_until`] over the chunks `chunks` of `0..n` only (a shard of a run), merged in chunk
/// order.
pub fn drive_chunks_until<A, S>(
    n: u64,
    chunks: Range<u64>,
    threads: Option<usize>,
    bar: Option<&ProgressBar>,
    scratch: impl Fn() -> S + Sync,
    chunk: impl Fn(&mut S, Range<u64>) -> A + Sync,
    merge: impl FnMut(A) -> bool,
) where
    A: Send,
{
    let first = chunks.start;
    let n_chunks = chunks.end.saturating_sub(first);
    // Chunk `c` of the shard is chunk `first + c` of the run.
    let range = |c: u64| (first + c) * CHUNK_TRIALS..((first + c + 1) * CHUNK_TRIALS).min(n);
    let work = |s: &mut S, c: u64| {
        let r = range(c);
        let len = r.end - r.start;
        let a = chunk(s, r);
        if let Some(bar) = bar {
            bar.inc(len);
        }
        a
    };
    drive_items_until(n_chunks, threads, scratch, work, merge);
}

/// Runs `work` over the items `0..n` and feeds the results to `merge` in item order, stopping
/// after the first merge that returns `false`, as [`drive_until`] does with chunks: an item is
/// any unit of work whose results must be merged in a fixed order (a chunk of trials, or one
/// run's chunk among several runs advanced together).
pub fn drive_items_until<A, S>(
    n: u64,
    threads: Option<usize>,
    scratch: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, u64) -> A + Sync,
    mut merge: impl FnMut(A) -> bool,
) where
    A: Send,
{
    let threads = threads_for(threads, n);
    let Some(pool) = pool(threads) else {
        let mut s = scratch();
        for c in 0..n {
            if !merge(work(&mut s, c)) {
                return;
            }
        }
        return;
    };
    let next = AtomicU64::new(0);
    let gate = Gate::new(threads as u64 * WINDOW_PER_THREAD);
    let (tx, rx) = mpsc::channel::<(u64, A)>();
    pool.in_place_scope(|scope| {
        for _ in 0..threads {
            let (tx, next, gate, scratch, work) = (tx.clone(), &next, &gate, &scratch, &work);
            scope.spawn(move |_| {
                let _stop_all = StopOnPanic(gate);
                let mut s = scratch();
                loop {
                    let c = next.fetch_add(1, Ordering::Relaxed);
                    // The gate says stop, or a send fails, only when the merging side or
                    // another worker panicked: then stop too.
                    if c >= n || !gate.wait_for(c) || tx.send((c, work(&mut s, c))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Results arrive in the order they finish; merge them in chunk order.
        let _stop_on_exit = StopOnDrop(&gate);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        'results: for (c, a) in rx {
            waiting.insert(c, a);
            while let Some(a) = waiting.remove(&due) {
                let go_on = merge(a);
                due += 1;
                gate.advance(due);
                if !go_on {
                    // Dropping the receiver and stopping the gate end the workers.
                    break 'results;
                }
            }
        }
    });
}

/// Items a worker may start ahead of the merge, per worker: bounds the results that wait.
const WINDOW_PER_THREAD: u64 = 4;

/// Lets a worker start item `c` only once the merge has reached `c - window`, so the results
/// waiting to be merged stay few whatever the scheduler does.
struct Gate {
    window: u64,
    /// The next chunk to merge, or `u64::MAX` once the workers must stop.
    due: Mutex<u64>,
    moved: Condvar,
}

impl Gate {
    fn new(window: u64) -> Gate {
        Gate {
            window,
            due: Mutex::new(0),
            moved: Condvar::new(),
        }
    }

    /// Waits until chunk `c` may start; `false` if the workers must stop.
    fn wait_for(&self, c: u64) -> bool {
        let mut due = self.due.lock().unwrap_or_else(|e| e.into_inner());
        while *due != u64::MAX && c >= *due + self.window {
            due = self.moved.wait(due).unwrap_or_else(|e| e.into_inner());
        }
        *due != u64::MAX
    }

    /// The merge has reached chunk `due`.
    fn advance(&self, due: u64) {
        let mut d = self.due.lock().unwrap_or_else(|e| e.into_inner());
        // Once stopped, stay stopped.
        if *d != u64::MAX {
            *d = due;
        }
        drop(d);
        self.moved.notify_all();
    }

    /// Tells every worker to stop.
    fn stop(&self) {
        *self.due.lock().unwrap_or_else(|e| e.into_inner()) = u64::MAX;
        self.moved.notify_all();
    }
}

/// Stops the workers when the merging side ends, normally or by a panic, so that none waits
/// forever.
struct StopOnDrop<'g>(&'g Gate);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Stops the other workers when a worker panics: the chunk it held will never be merged, so
/// they would wait at the gate forever. The pool then passes the panic on.
struct StopOnPanic<'g>(&'g Gate);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
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
    fold_trials_until(n, threads, init, step, merge, |_| false)
}

/// [`fold_trials`], stopping at the first chunk boundary where `done` holds for the chunks
/// merged so far (see [`drive_until`]): the same chunks on any number of threads.
pub fn fold_trials_until<A: Send>(
    n: u64,
    threads: Option<usize>,
    init: impl Fn() -> A + Sync,
    step: impl Fn(&mut A, u64) + Sync,
    merge: impl Fn(&mut A, A),
    mut done: impl FnMut(&A) -> bool,
) -> A {
    let mut acc: Option<A> = None;
    drive_until(
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
        |a| {
            let total = match &mut acc {
                None => acc.insert(a),
                Some(x) => {
                    merge(x, a);
                    x
                }
            };
            !done(total)
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
        for threads in [Some(1), Some(2), Some(3), Some(8)] {
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
    #[should_panic(expected = "merge failed")]
    fn a_panic_while_merging_stops_the_workers() {
        fold_trials(
            200 * CHUNK_TRIALS,
            Some(2),
            || 0u64,
            |a, _| *a += 1,
            |_, _| panic!("merge failed"),
        );
    }

    #[test]
    #[should_panic(expected = "chunk failed")]
    fn a_panic_in_a_worker_stops_the_run() {
        drive_until(
            200 * CHUNK_TRIALS,
            Some(2),
            None,
            || (),
            |_, r| assert!(r.start != 5 * CHUNK_TRIALS, "chunk failed"),
            |_| true,
        );
    }

    #[test]
    fn a_stop_keeps_exactly_the_chunks_up_to_it_on_any_thread_count() {
        let n = 50 * CHUNK_TRIALS;
        for threads in [Some(1), Some(2), Some(4)] {
            // Stop once 7 chunks are in: trials 0..7 chunks, in order, and nothing after.
            let seen = fold_trials_until(
                n,
                threads,
                Vec::new,
                |v: &mut Vec<u64>, k| v.push(k),
                |a, b| a.extend(b),
                |v| v.len() as u64 >= 7 * CHUNK_TRIALS,
            );
            assert_eq!(
                seen,
                (0..7 * CHUNK_TRIALS).collect::<Vec<_>>(),
                "{threads:?}"
            );
        }
    }

    #[test]
    fn no_more_threads_than_chunks_nor_the_ceiling() {
        assert_eq!(threads_for(Some(100_000), 1), 1);
        assert_eq!(threads_for(Some(100_000), 0), 1);
        assert_eq!(threads_for(Some(3), 10), 3);
        assert_eq!(threads_for(Some(100_000), u64::MAX), MAX_THREADS);
    }

    #[test]
    fn zero_trials_give_the_initial_value() {
        assert_eq!(fold_trials(0, None, || 5u32, |_, _| {}, |a, b| *a += b), 5);
    }
}
