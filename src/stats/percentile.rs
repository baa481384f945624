//! Percentiles by nearest rank: the smallest value with at least the asked share of the mass at
//! or below it. Counted in integers for trial counts (so "10% of 30" is exactly 3), and over
//! weighted values for the exact solver's probability masses.

/// The 1-based rank of the `pct`-th percentile of `n` values by nearest rank, in integers so that
/// `10% of 30` is exactly 3; `None` when `n` is 0.
pub fn nearest_rank(n: u64, pct: u32) -> Option<u64> {
    if n == 0 {
        return None;
    }
    let rank = (u128::from(pct) * u128::from(n)).div_ceil(100) as u64;
    Some(rank.clamp(1, n))
}

/// The first value, in the order given, at which the cumulative mass reaches `p` of the total;
/// `None` when there is no mass. A relative slack of 1e-12 keeps rounding from moving an exact
/// tie (cumulative mass exactly `p`) one value on.
pub fn weighted_quantile<T: Copy>(
    values: impl Iterator<Item = (T, f64)> + Clone,
    p: f64,
) -> Option<T> {
    let total: f64 = values.clone().map(|(_, m)| m).sum();
    if total <= 0.0 {
        return None;
    }
    let target = p * total - 1e-12 * total;
    let mut cum = 0.0;
    let mut last = None;
    for (v, m) in values {
        cum += m;
        last = Some(v);
        if m > 0.0 && cum >= target {
            return Some(v);
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_is_exact_in_integers() {
        assert_eq!(nearest_rank(30, 10), Some(3));
        assert_eq!(nearest_rank(10, 50), Some(5));
        assert_eq!(nearest_rank(11, 50), Some(6));
        assert_eq!(nearest_rank(1, 5), Some(1));
        assert_eq!(nearest_rank(0, 50), None);
        assert_eq!(nearest_rank(7, 100), Some(7));
    }

    #[test]
    fn weighted_quantile_takes_the_first_value_reaching_p() {
        let d = [(1, 0.25), (2, 0.25), (5, 0.5)];
        let q = |p| weighted_quantile(d.iter().copied(), p);
        assert_eq!(q(0.5), Some(2));
        assert_eq!(q(0.1), Some(1));
        assert_eq!(q(0.9), Some(5));
        assert_eq!(q(1.0), Some(5));
        // Zero-mass values are never the answer, and no mass at all has no percentile.
        let z = [(1, 0.0), (2, 1.0)];
        assert_eq!(weighted_quantile(z.iter().copied(), 0.0), Some(2));
        assert_eq!(weighted_quantile([(1, 0.0)].into_iter(), 0.5), None);
    }
}
