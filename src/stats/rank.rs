//! Spearman's rank correlation with ties (average ranks), and the Pearson correlation it rests on.

/// The ranks of `values` (1-based), ties sharing the average of the ranks they span.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let v = values[order[start]];
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == v {
            end += 1;
        }
        // Positions start..end hold ranks start+1 ..= end; their mean is (start + 1 + end) / 2.
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Pearson's correlation, or `None` when either side does not vary (or fewer than 2 values).
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x[..n].iter().zip(&y[..n]) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

/// Spearman's rank correlation: Pearson's correlation of the average ranks, which is the
/// definition that stays right with ties. `None` when either side is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Spearman's correlation between values whose average ranks are `x_ranks` and a yes/no
/// indicator: the same number as [`spearman`] with the indicator as 0 and 1, without sorting
/// the indicator. Used once per outcome on ranks computed once per event.
pub fn spearman_indicator(x_ranks: &[f64], indicator: impl Fn(usize) -> bool) -> Option<f64> {
    let n = x_ranks.len();
    let ones = (0..n).filter(|&i| indicator(i)).count();
    let zeros = n - ones;
    if n < 2 || ones == 0 || zeros == 0 {
        return None;
    }
    // Tied ranks of the indicator: every 0 has rank (zeros + 1) / 2, every 1 has
    // zeros + (ones + 1) / 2.
    let r0 = (zeros + 1) as f64 / 2.0;
    let r1 = zeros as f64 + (ones + 1) as f64 / 2.0;
    let y: Vec<f64> = (0..n).map(|i| if indicator(i) { r1 } else { r0 }).collect();
    pearson(x_ranks, &y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn average_ranks_share_ties() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 10.0, 30.0, 20.0, 10.0]),
            vec![2.0, 4.5, 2.0, 6.0, 4.5, 2.0]
        );
        assert_eq!(average_ranks(&[]), Vec::<f64>::new());
        assert_eq!(average_ranks(&[3.0, 1.0, 2.0]), vec![3.0, 1.0, 2.0]);
    }

    #[test]
    fn spearman_of_monotone_relations_is_one() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [1.0, 4.0, 9.0, 16.0, 100.0];
        assert!(close(spearman(&x, &y).unwrap(), 1.0, 1e-15));
        let rev: Vec<f64> = y.iter().map(|v| -v).collect();
        assert!(close(spearman(&x, &rev).unwrap(), -1.0, 1e-15));
    }

    #[test]
    fn spearman_with_ties_matches_a_known_value() {
        // Ranks x: 1, 2.5, 2.5, 4; y: 1.5, 1.5, 3, 4. Pearson of the ranks, by hand:
        // dx = -1.5, 0, 0, 1.5; dy = -1, -1, 0.5, 1.5; sxy = 1.5 + 2.25 = 3.75;
        // sxx = 4.5; syy = 4.5 => 3.75 / 4.5.
        let r = spearman(&[1.0, 2.0, 2.0, 3.0], &[5.0, 5.0, 6.0, 7.0]).unwrap();
        assert!(close(r, 3.75 / 4.5, 1e-15), "{r}");
    }

    #[test]
    fn spearman_of_a_constant_is_none() {
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]), None);
        assert_eq!(spearman(&[1.0], &[2.0]), None);
    }

    #[test]
    fn spearman_indicator_matches_the_general_form() {
        let x: Vec<f64> = (0..200u32)
            .map(|k| f64::from((k.wrapping_mul(2_654_435_761) >> 9) % 37))
            .collect();
        let ind = |i: usize| x[i] > 20.0 || i.is_multiple_of(11);
        let y: Vec<f64> = (0..x.len()).map(|i| f64::from(u8::from(ind(i)))).collect();
        let general = spearman(&x, &y).unwrap();
        let fast = spearman_indicator(&average_ranks(&x), ind).unwrap();
        assert!(close(general, fast, 1e-12), "{general} {fast}");
        assert!(general > 0.5, "{general}");
        assert_eq!(spearman_indicator(&average_ranks(&x), |_| true), None);
    }
}
