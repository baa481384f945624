//! Poisson draws whose rate is computed at each firing (`add = { x = { poisson = "0.02 * troops" } }`).
//! Such a draw inverts the distribution function by a search from 0 whose terms depend on the
//! rate alone (see [`super::sample::sample_once`]), tens of terms for a rate of tens. The rate is
//! mostly the same from one firing to the next (it changes when what it reads does), so the
//! terms of the last rate are kept and searched, and the search goes on from the last kept term
//! when it needs more: the same terms in the same order, so the same draw.
//!
//! A memo lives in the trial's firing buffer (a run's buffer is per thread): the rate, the
//! number of terms kept, then each term's (distribution function, probability). A memo holds
//! for its rate whichever trial filled it; an empty one (all 0) holds none, rates being > 0.

/// Terms kept per rate.
const TERMS: usize = 1280;

/// The length of a memo in the firing buffer.
pub(super) const LEN: usize = 2 + 2 * TERMS;

/// The largest rate drawn by that search; larger ones use the prepared sampler's method (the
/// samplers' own bound between inversion and PTRS).
pub(super) const MAX_RATE: f64 = super::poisson::TABLE_MAX_LAMBDA;

/// The draw for rate `lambda` (in (0, [`MAX_RATE`]]) and uniform `u`, with the memo `memo`.
pub(super) fn draw(memo: &mut [f64], lambda: f64, u: f64) -> f64 {
    let (head, terms) = memo[..LEN].split_at_mut(2);
    let (terms, _) = terms.as_chunks_mut::<2>();
    if head[0].to_bits() != lambda.to_bits() || head[1] == 0.0 {
        let p = libm::exp(-lambda);
        head.copy_from_slice(&[lambda, 1.0]);
        terms[0] = [p, p];
    }
    let kept = head[1] as usize;
    // The search goes on past a term while this holds, and stops at the first where it fails;
    // it holds for the first terms only (the distribution function grows, and a probability
    // that reached 0 stays 0).
    let at = terms[..kept].partition_point(|&[cdf, p]| u >= cdf && p > 0.0);
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
    head[1] = k + 1.0;
    while u >= cdf && p > 0.0 {
        k += 1.0;
        p *= lambda / k;
        cdf += p;
    }
    k
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
                let u = Stream::new(seed).uniform();
                assert_eq!(
                    draw(&mut memo, lambda, u),
                    want,
                    "rate {lambda}, seed {seed}"
                );
            }
        }
    }
}
