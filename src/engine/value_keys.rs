//! The keys under which end values are counted (floats as order-keeping integers), their
//! buckets, and the bin a value or bucket is counted in: shared by a chunk's batch
//! ([`super::value_batch`]) and the run's summary ([`super::values`]).

use serde::{Deserialize, Serialize};

/// Distinct values kept exactly before switching to buckets.
pub const EXACT_MAX_DISTINCT: usize = 1024;

/// Mantissa bits kept by a bucket.
const BUCKET_BITS: u32 = 7;

/// A key that orders finite floats like the floats (and `-0.0` with `0.0`).
#[inline]
pub(super) fn key(x: f64) -> u64 {
    let bits = (x + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

#[inline]
pub(super) fn unkey(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// The key of the middle of the bucket of the value keyed `k`.
pub(super) fn snap_key(k: u64) -> u64 {
    key(snap(unkey(k)))
}

/// The middle of `x`'s bucket (zero and non-finite values are their own bucket).
pub(super) fn snap(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let low = 52 - BUCKET_BITS;
    f64::from_bits((x.to_bits() & !((1u64 << low) - 1)) | 1 << (low - 1))
}

/// A value's (or bucket's) count and the keys of the extreme values in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Bin {
    pub(super) count: u64,
    pub(super) lo: u64,
    pub(super) hi: u64,
}

impl Bin {
    pub(super) fn new(k: u64, count: u64) -> Bin {
        Bin {
            count,
            lo: k,
            hi: k,
        }
    }

    pub(super) fn add(&mut self, b: Bin) {
        self.count += b.count;
        self.lo = self.lo.min(b.lo);
        self.hi = self.hi.max(b.hi);
    }
}
