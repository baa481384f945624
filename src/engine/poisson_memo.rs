//! Poisson draws whose rate is computed at each firing (`add = { x = { poisson = "0.02 * troops" } }`).
//! Such a draw inverts the distribution function by a search from 0 whose terms depend on the
//! rate alone (see [`super::sample::sample_once`]), tens of terms for a rate of tens. The rate is
//! mostly the same from one firing to the next (it changes when what it reads does), so the
//! terms of the last rate are kept and searched, and the search goes on from the last kept term
//! when it needs more: the same terms in the same order, so the same draw.
//!
//! Once a rate is drawn from again, a guide table over the kept terms (Chen and Asau, 1974)
//! says where the search may start for each of [`BUCKETS`] equal slices of the uniform: every
//! term before it is passed by every uniform of the slice, so the search from there stops at
//! the same term as the search from 0, after one or two looks instead of a binary search over
//! hundreds of terms. The slices have a power-of-two count, so a uniform's slice and the
//! slice's lower end are exact.
//!
//! A memo lives in the trial's firing buffer (a run's buffer is per thread): the rate, the
//! number of terms kept, the number the guide covers (0: no guide) and the draws from the rate
//! so far; the guide; then each term's (distribution function, probability). A memo holds for
//! its rate whichever trial filled it; an empty one (all 0) holds none, rates being > 0. The
//! counts are kept as the bits of a float, so that reading one is a load.

use super::rng::unit_f64;

/// Terms kept per rate.
const TERMS: usize = 1280;

/// The slices of the uniform that the guide table has (a power of two: see the module docs).
const SLICE_BITS: u32 = 8;
const BUCKETS: usize = 1 << SLICE_BITS;

/// The head of a memo: rate, terms kept, terms the guide covers, drawn from before (1) or not.
const HEAD: usize = 4;

/// The length of a memo in the firing buffer.
pub(super) const LEN: usize = HEAD + BUCKETS + 2 * TERMS;

/// The largest rate drawn by that search; larger ones use the prepared sampler's method (the
/// samplers' own bound between inversion and PTRS).
pub(super) const MAX_RATE: f64 = super::poisson::TABLE_MAX_LAMBDA;

/// A count kept in the buffer of floats: as the bits of one (no conversion either way).
#[inline(always)]
fn count(x: f64) -> usize {
    x.to_bits() as usize
}

#[inline(always)]
fn store(n: usize) -> f64 {
    f64::from_bits(n as u64)
}

/// The draw for rate `lambda` (in (0, [`MAX_RATE`]]) and the uniform of the random word `bits`
/// ([`unit_f64`]), with the memo `memo`.
#[inline(always)]
pub(super) fn draw(memo: &mut [f64], lambda: f64, bits: u64) -> f64 {
    // The common case, inline: the rate of the memo, with a guide, and a draw among the kept
    // terms (as in `draw_memo`).
    let head = &memo[..HEAD];
    if head[0].to_bits() == lambda.to_bits() && count(head[2]) != 0 {
        let u = unit_f64(bits);
        let kept = count(head[1]);
        let from = count(memo[HEAD + (bits >> (64 - SLICE_BITS)) as usize]);
        let (terms, _) = memo[HEAD + BUCKETS..][..2 * kept].as_chunks::<2>();
        let ahead = &terms[from..];
        if let Some(i) = ahead.iter().position(|&[cdf, p]| !(u >= cdf && p > 0.0)) {
            return (from + i) as f64;
        }
    }
    draw_memo(memo, lambda, bits)
}

/// [`draw`] in every case.
#[inline(never)]
fn draw_memo(memo: &mut [f64], lambda: f64, bits: u64) -> f64 {
    let u = unit_f64(bits);
    let (head, rest) = memo[..LEN].split_at_mut(HEAD);
    let (guide, terms) = rest.split_at_mut(BUCKETS);
    let (terms, _) = terms.as_chunks_mut::<2>();
    if head[0].to_bits() != lambda.to_bits() || count(head[1]) == 0 {
        let p = libm::exp(-lambda);
        head.copy_from_slice(&[lambda, store(1), store(0), 0.0]);
        terms[0] = [p, p];
    }
    // A rate drawn from once is often drawn from only once (it reads a value that changes at
    // every firing): the guide waits for a second draw.
    let again = head[3] != 0.0;
    head[3] = 1.0;
    let kept = count(head[1]);
    if again && count(head[2]) == 0 {
        build_guide(guide, &terms[..kept]);
        head[2] = store(kept);
    }
    // The search goes on past a term while this holds, and stops at the first where it fails;
    // it holds for the first terms only (the distribution function grows, and a probability
    // that reached 0 stays 0).
    let passes = |&[cdf, p]: &[f64; 2]| u >= cdf && p > 0.0;
    let at = if count(head[2]) != 0 {
        // The slice that `u` is in, `floor(u * BUCKETS)`: the top bits of its 53.
        let from = count(guide[(bits >> (64 - SLICE_BITS)) as usize]);
        let ahead = &terms[from..kept];
        from + ahead.iter().position(|t| !passes(t)).unwrap_or(ahead.len())
    } else {
        terms[..kept].partition_point(passes)
    };
    if at < kept {
        return at as f64;
    }
    let [mut cdf, mut p] = terms[kept - 1];
    // The number of the last term (`k` counts them exactly, far below 2^53).
    let mut k = (kept - 1) as f64;
    // Each term is kept while there is room; the search goes on in a loop that keeps none.
    for slot in &mut terms[kept..] {
        if !(u >= cdf && p > 0.0) {
            break;
        }
        k += 1.0;
        p *= lambda / k;
        cdf += p;
        *slot = [cdf, p];
    }
    let kept = k as usize + 1;
    head[1] = store(kept);
    if again {
        build_guide(guide, &terms[..kept]);
        head[2] = store(kept);
    }
    while u >= cdf && p > 0.0 {
        k += 1.0;
        p *= lambda / k;
        cdf += p;
    }
    k
}

/// Fills the guide over the kept `terms`: for each slice of the uniform, the first term that
/// some uniform of the slice does not pass (whose distribution function is above the slice's
/// lower end, or whose probability is 0), or the number of terms when every one is passed.
fn build_guide(guide: &mut [f64], terms: &[[f64; 2]]) {
    let mut k = 0;
    for (j, g) in guide.iter_mut().enumerate() {
        // Exact: a power-of-two denominator.
        let lo = j as f64 / BUCKETS as f64;
        while k < terms.len() && terms[k][0] <= lo && terms[k][1] > 0.0 {
            k += 1;
        }
        *g = store(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Stream;
    use crate::engine::sample::{Tables, sample_once};
    use crate::model::Dist;

    /// Every draw with a memo, filled by earlier rates and draws or not, is the sampler's.
    #[test]
    fn draws_equal_the_samplers() {
        let mut memo = vec![0.0; LEN];
        let rates = [
            20.0, 20.0, 0.3, 20.0, 37.5, 37.5, 999.9, MAX_RATE, 745.5, 1e-300, 37.5,
        ];
        for (i, &lambda) in rates.iter().enumerate() {
            for j in 0..400u64 {
                let seed = (i as u64) << 32 | j;
                let want = sample_once(
                    &Dist::Poisson { lambda },
                    Tables::get(),
                    &mut Stream::new(seed),
                );
                let bits = Stream::new(seed).next_u64();
                assert_eq!(
                    draw(&mut memo, lambda, bits),
                    want,
                    "rate {lambda}, seed {seed}"
                );
            }
        }
    }

    /// The search from 0 that the memo stands for.
    fn search(lambda: f64, u: f64) -> f64 {
        let mut p = libm::exp(-lambda);
        let (mut cdf, mut k) = (p, 0.0);
        while u >= cdf && p > 0.0 {
            k += 1.0;
            p *= lambda / k;
            cdf += p;
        }
        k
    }

    /// With a guide, the uniforms where a search could go wrong by one term give the search's
    /// draw: those next to each kept term's distribution function and to each slice's lower end.
    #[test]
    fn guided_draws_equal_the_search_at_the_edges() {
        let mut memo = vec![0.0; LEN];
        // A uniform's random word from its 53 bits.
        let word = |top: u64| top << 11;
        let top = |x: f64| (x * (1u64 << 53) as f64) as u64;
        for lambda in [450.0, 60.0, 2.0, 0.3, 37.5, 999.9, 745.5] {
            // Fills the terms for most uniforms, then builds the guide.
            for u in [0.5, 0.999_999_999, 0.1] {
                let bits = word(top(u));
                assert_eq!(
                    draw(&mut memo, lambda, bits),
                    search(lambda, unit_f64(bits))
                );
            }
            assert_ne!(count(memo[2]), 0, "a guide for rate {lambda}");
            let kept = count(memo[1]);
            let cdfs = (0..kept).map(|k| memo[HEAD + BUCKETS + 2 * k]);
            let slices = (0..BUCKETS).map(|j| j as f64 / BUCKETS as f64);
            let mut tops: Vec<u64> = (cdfs.chain(slices).map(|c| top(c.min(1.0))))
                .flat_map(|t| [t.saturating_sub(1), t, t + 1])
                .filter(|&t| t < 1 << 53)
                .collect();
            tops.push((1 << 53) - 1);
            for t in tops {
                let (bits, u) = (word(t), unit_f64(word(t)));
                assert_eq!(
                    draw(&mut memo, lambda, bits),
                    search(lambda, u),
                    "rate {lambda}, u {u}"
                );
            }
        }
    }
}
