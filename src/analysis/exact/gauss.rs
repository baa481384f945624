//! Gauss-Jacobi quadrature rules by the Golub-Welsch method: the nodes are the eigenvalues of
//! the Jacobi matrix of the orthogonal polynomials, the weights the squared first components of
//! its eigenvectors. Gauss-Legendre is the case of zero exponents.
//!
//! Jacobi weights `(x - a)^ea (b - x)^eb` put the endpoint behaviour of beta and PERT densities
//! into the rule itself, so integrals against them converge fast even when the density is not
//! smooth at the ends of its support.

/// Nodes in `[a, b]` (ascending) and weights summing to 1, for the weight `(x-a)^ea (b-x)^eb`
/// normalised to a probability measure. `ea, eb > -1`, `n >= 1`.
pub fn jacobi_rule(n: usize, a: f64, b: f64, ea: f64, eb: f64) -> Vec<(f64, f64)> {
    // On [-1, 1] the weight is (1 - x)^alpha (1 + x)^beta: alpha belongs to the right end.
    let (alpha, beta) = (eb, ea);
    let ab = alpha + beta;
    let mut diag = vec![0.0; n];
    let mut off = vec![0.0; n];
    for (k, d) in diag.iter_mut().enumerate() {
        let k = k as f64;
        let s = 2.0 * k + ab;
        *d = if k == 0.0 {
            (beta - alpha) / (ab + 2.0)
        } else {
            (beta * beta - alpha * alpha) / (s * (s + 2.0))
        };
    }
    for (k, o) in off.iter_mut().enumerate().take(n.saturating_sub(1)) {
        let k = (k + 1) as f64;
        let s = 2.0 * k + ab;
        // For k = 1 the factor (k + alpha + beta) cancels analytically; cancelling it here
        // avoids 0/0 when alpha + beta = -1.
        let b2 = if k == 1.0 {
            4.0 * (1.0 + alpha) * (1.0 + beta) / ((2.0 + ab) * (2.0 + ab) * (3.0 + ab))
        } else {
            4.0 * k * (k + alpha) * (k + beta) * (k + ab) / (s * s * (s + 1.0) * (s - 1.0))
        };
        *o = b2.sqrt();
    }
    let first = eigen_tridiagonal(&mut diag, &mut off);
    let mut rule: Vec<(f64, f64)> = diag
        .iter()
        .zip(&first)
        .map(|(&x, &z)| (a + (b - a) * (x + 1.0) / 2.0, z * z))
        .collect();
    rule.sort_by(|x, y| x.0.total_cmp(&y.0));
    rule
}

/// Gauss-Hermite nodes and weights (summing to 1) for the normal distribution with `mean` and
/// `sd`: the Jacobi matrix of the probabilists' Hermite polynomials has zeros on the diagonal
/// and `sqrt(k)` beside it.
pub fn hermite_rule(n: usize, mean: f64, sd: f64) -> Vec<(f64, f64)> {
    let mut diag = vec![0.0; n];
    let mut off: Vec<f64> = (1..=n).map(|k| (k as f64).sqrt()).collect();
    let first = eigen_tridiagonal(&mut diag, &mut off);
    let mut rule: Vec<(f64, f64)> = diag
        .iter()
        .zip(&first)
        .map(|(&x, &z)| (mean + sd * x, z * z))
        .collect();
    rule.sort_by(|x, y| x.0.total_cmp(&y.0));
    rule
}

/// Eigenvalues (left in `d`) of the symmetric tridiagonal matrix with diagonal `d` and
/// off-diagonal `e` (`e[i]` joins `i` and `i + 1`; the last entry is ignored), by the implicit
/// QL method; returns the first component of each normalised eigenvector.
fn eigen_tridiagonal(d: &mut [f64], e: &mut [f64]) -> Vec<f64> {
    let n = d.len();
    let mut z = vec![0.0; n];
    if n == 0 {
        return z;
    }
    z[0] = 1.0;
    e[n - 1] = 0.0;
    for l in 0..n {
        for _iteration in 0..100 {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l {
                break;
            }
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = g.hypot(1.0);
            g = d[m] - d[l] + e[l] / (g + r.copysign(g));
            let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
            let mut deflated = false;
            for i in (l..m).rev() {
                let f = s * e[i];
                let b = c * e[i];
                r = f.hypot(g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    deflated = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                let zf = z[i + 1];
                z[i + 1] = s * z[i] + c * zf;
                z[i] = c * z[i] - s * zf;
            }
            if deflated {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
    z
}

#[cfg(test)]
mod tests {
    use super::*;

    fn integrate(rule: &[(f64, f64)], f: impl Fn(f64) -> f64) -> f64 {
        rule.iter().map(|&(x, w)| w * f(x)).sum()
    }

    #[test]
    fn legendre_is_exact_for_polynomials_up_to_degree_2n_minus_1() {
        let rule = jacobi_rule(5, 0.0, 1.0, 0.0, 0.0);
        assert!((integrate(&rule, |_| 1.0) - 1.0).abs() < 1e-14);
        // Mean of x^9 under uniform(0, 1) is 1/10.
        assert!((integrate(&rule, |x| x.powi(9)) - 0.1).abs() < 1e-14);
        // Known 2-point nodes: 1/2 -+ 1/(2 sqrt 3).
        let two = jacobi_rule(2, 0.0, 1.0, 0.0, 0.0);
        assert!((two[0].0 - (0.5 - 0.5 / 3f64.sqrt())).abs() < 1e-15);
        assert!((two[1].1 - 0.5).abs() < 1e-15);
    }

    #[test]
    fn hermite_gives_normal_moments() {
        let rule = hermite_rule(8, 2.0, 0.5);
        assert!((integrate(&rule, |_| 1.0) - 1.0).abs() < 1e-14);
        assert!((integrate(&rule, |x| x) - 2.0).abs() < 1e-14);
        // E[(x - m)^4] = 3 sd^4.
        let m4 = integrate(&rule, |x| (x - 2.0).powi(4));
        assert!((m4 - 3.0 * 0.5f64.powi(4)).abs() < 1e-13, "{m4}");
    }

    #[test]
    fn jacobi_gives_beta_moments() {
        // Beta(2.5, 1.5) on [0, 1]: weight x^1.5 (1 - x)^0.5; mean a / (a + b) = 0.625,
        // E[x^2] = a (a + 1) / ((a + b)(a + b + 1)) = 8.75 / 20 = 0.4375.
        let rule = jacobi_rule(6, 0.0, 1.0, 1.5, 0.5);
        assert!((integrate(&rule, |x| x) - 0.625).abs() < 1e-14);
        assert!((integrate(&rule, |x| x * x) - 0.4375).abs() < 1e-14);
        // Exponents below zero (a U-shaped beta, alpha + beta - 2 = -1.4).
        let rule = jacobi_rule(8, 0.0, 1.0, -0.7, -0.7);
        assert!((integrate(&rule, |x| x) - 0.5).abs() < 1e-14);
        // Beta(0.3, 0.3): E[x^2] = 0.3 * 1.3 / (0.6 * 1.6).
        assert!((integrate(&rule, |x| x * x) - 0.39 / 0.96).abs() < 1e-14);
    }
}
