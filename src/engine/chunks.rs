//! The fixed chunk of trials, the unit of parallel work, of merging and of shards.

/// Chunk size of the parallel runner: trials per independently tallied task. Fixed (never
/// derived from the thread count) so that results do not depend on the number of threads.
pub const CHUNK_TRIALS: u64 = 4096;
