//! The intervals users read: published examples to the printed digits, and calibration — over
//! many seeds, a 95% interval from a real run covers the known truth about 95% of the time.
//!
//! The calibration runs go through the library as `run` and `compare` do (same streams, same
//! pairing), on scenarios whose probabilities are known exactly. For each one the exact coverage
//! of the method at that trial count is computed too (by summing the binomial or multinomial),
//! so a failure says whether the method or the runs are off.

use brink::analysis::compare::compare;
use brink::engine::{self, RunConfig, Sampling};
use brink::model::{self, Model};
use brink::stats::{
    Interval, PairedCounts, PairedSums, independent_difference, paired_difference,
    paired_mean_difference, wilson95,
};

/// Seeds per calibration: the observed coverage of a 95% interval then has a standard error of
/// 0.35 percentage points.
const SEEDS: u64 = 4000;

/// Two independent coins tossed once: `x` (0.3) and `y` (0.2), and a rare event (0.01). The
/// trial ends in `x_alone` when x came up and y did not: 0.3 * 0.8 = 0.24 exactly.
const COINS: &str = r#"
[scenario]
name = "Coins"
horizon = 1

[[actors]]
id = "nature"
name = "Nature"

[[events]]
id = "x"
actor = "nature"
probability = 0.3

[[events]]
id = "y"
actor = "nature"
probability = 0.2

[[events]]
id = "rare"
actor = "nature"
probability = 0.01

[[outcomes]]
id = "x_alone"
label = "x without y"
when = "x and not y"

[[outcomes]]
id = "other"
label = "Anything else"
"#;

fn coins(set: &[&str]) -> Model {
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    model::load_str("coins.toml", COINS, &set).unwrap().model
}

/// Rounds to 4 decimals, as the papers print.
fn printed(i: Interval) -> [f64; 3] {
    [i.estimate, i.lo, i.hi].map(|x| (x * 1e4).round() / 1e4)
}

// ---- published examples ----

#[test]
fn newcombes_paired_example_to_the_printed_digits() {
    // Both 59, only the first 6, only the second 16, neither 80: second minus first.
    let i = paired_difference(59, 6, 16, 80);
    assert_eq!(printed(i), [0.0621, 0.0046, 0.1186]);
    // The same through the counts a run tallies.
    let mut c = PairedCounts::default();
    for (a, b, times) in [(true, true, 59), (true, false, 6), (false, true, 16)] {
        (0..times).for_each(|_| c.add(a, b));
    }
    (0..80).for_each(|_| c.add(false, false));
    assert_eq!(c.difference(), i);
}

#[test]
fn four_trials_of_ten_thousand_in_one_direction_do_not_exclude_zero() {
    // A variant that differs on 4 of 10 000 trials, all one way, on a 2% outcome. An exact
    // McNemar test gives p = 0.125: the interval must contain 0.
    let i = paired_difference(200, 0, 4, 9796);
    assert_eq!(i.estimate, 0.0004);
    assert!(i.lo < 0.0 && i.hi > 0.0, "{i:?}");
    assert_eq!(printed(i)[1..], [-0.0002, 0.0010]);
    let back = paired_difference(200, 4, 0, 9796);
    assert!(back.lo < 0.0 && back.hi > 0.0, "{back:?}");
    // The Wald interval these counts used to get excludes 0: mean +- 1.96 standard errors of
    // the per-trial difference.
    let (mean, second) = (4.0 / 10_000.0, 4.0 / 10_000.0);
    let se = ((second - mean * mean) / 10_000.0_f64).sqrt();
    assert!(mean - 1.96 * se > 0.0);
}

#[test]
fn runs_that_agree_on_every_trial_differ_by_exactly_zero() {
    assert_eq!(paired_difference(137, 0, 0, 863), Interval::ZERO);
    let a = coins(&["events.x.probability={ uniform = [0.2, 0.4] }"]);
    let c = compare(&a, &a, &cfg(5000, 7));
    for d in &c.differences {
        assert_eq!(d.difference(), Interval::ZERO, "{}", d.id);
    }
    let mut sums = PairedSums::default();
    (0..50).for_each(|k| sums.add(f64::from(k), f64::from(k)));
    assert_eq!(sums.difference(), Some(Interval::ZERO));
}

#[test]
fn newcombes_independent_example_to_the_printed_digits() {
    // 56/70 against 48/80 (Newcombe 1998, Statistics in Medicine 17:873, method 10).
    let i = independent_difference(48, 80, 56, 70);
    assert_eq!(printed(i), [0.2, 0.0524, 0.3339]);
}

#[test]
fn paired_t_on_students_sleep_data() {
    // Extra hours of sleep under two drugs in the same 10 patients (Cushny and Peebles, as
    // Student analysed them); R's t.test(paired = TRUE): 1.58 [0.7001142, 2.4598858].
    let d = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];
    let (sum, sum_sq) = (d.iter().sum::<f64>(), d.iter().map(|x| x * x).sum::<f64>());
    let i = paired_mean_difference(10, sum, sum_sq).unwrap();
    assert!((i.estimate - 1.58).abs() < 1e-12);
    assert!(
        (i.lo - 0.700_114_2).abs() < 5e-8 && (i.hi - 2.459_885_8).abs() < 5e-8,
        "{i:?}"
    );
}

// ---- calibration ----

fn cfg(trials: u64, seed: u64) -> Sampling {
    Sampling {
        trials,
        seed,
        threads: Some(1),
        progress: false,
    }
}

/// ln(k!) for k = 0..=n.
fn ln_factorials(n: u64) -> Vec<f64> {
    let mut f = vec![0.0; n as usize + 1];
    for k in 1..=n as usize {
        f[k] = f[k - 1] + (k as f64).ln();
    }
    f
}

/// The exact probability that the Wilson interval of `n` trials covers `p`.
fn wilson_exact_coverage(n: u64, p: f64) -> f64 {
    let f = ln_factorials(n);
    (0..=n)
        .filter(|&k| {
            let [lo, hi] = wilson95(k, n);
            lo <= p && p <= hi
        })
        .map(|k| {
            let (k, m) = (k as usize, (n - k) as usize);
            (f[n as usize] - f[k] - f[m] + k as f64 * p.ln() + m as f64 * (1.0 - p).ln()).exp()
        })
        .sum()
}

/// The exact probability that Newcombe's paired interval of `n` trials covers the true
/// difference, when each trial falls in the cells (both, A only, B only, neither) with
/// probabilities `cells`.
fn paired_exact_coverage(n: u64, cells: [f64; 4]) -> f64 {
    let f = ln_factorials(n);
    let truth = cells[2] - cells[1];
    let ln_cell = |k: u64, p: f64| if k == 0 { 0.0 } else { k as f64 * p.ln() };
    let mut covered = 0.0;
    for b in 0..=n {
        if b > 0 && cells[1] == 0.0 {
            break;
        }
        for c in 0..=n - b {
            for a in 0..=n - b - c {
                let d = n - a - b - c;
                let ln = f[n as usize] - f[a as usize] - f[b as usize] - f[c as usize]
                    + ln_cell(a, cells[0])
                    + ln_cell(b, cells[1])
                    + ln_cell(c, cells[2])
                    + ln_cell(d, cells[3])
                    - f[d as usize];
                let i = paired_difference(a, b, c, d);
                if i.lo <= truth && truth <= i.hi {
                    covered += ln.exp();
                }
            }
        }
    }
    covered
}

/// Asserts that the exact coverage is near nominal (so the scenario is a fair test) and that
/// the coverage observed over the seeds is within 93.5% to 96.5%.
fn assert_calibrated(what: &str, exact: f64, covered: u64) {
    assert!(
        (0.94..=0.96).contains(&exact),
        "{what}: exact coverage {exact}"
    );
    let observed = covered as f64 / SEEDS as f64;
    assert!(
        (0.935..=0.965).contains(&observed),
        "{what}: covered in {covered} of {SEEDS} seeds (exact coverage {exact:.4})"
    );
}

#[test]
fn wilson_intervals_cover_known_probabilities_95_percent_of_the_time() {
    // 800 trials: the exact coverage of Wilson is 95.3% at p = 0.01 (it oscillates with n
    // for a rare outcome: 92.1% at 100 trials, 96.7% at 300) and 94.8% at p = 0.24.
    const N: u64 = 800;
    let model = coins(&[]);
    let rare = model.events.iter().position(|e| e.id == "rare").unwrap();
    let (mut rare_covered, mut common_covered) = (0, 0);
    for seed in 0..SEEDS {
        let cfg = RunConfig {
            threads: Some(1),
            ..RunConfig::new(N, 1_000 + seed)
        };
        let r = engine::run(&model, &cfg);
        let covers = |k: u64, p: f64| {
            let [lo, hi] = wilson95(k, N);
            u64::from(lo <= p && p <= hi)
        };
        rare_covered += covers(r.events[rare].fired, 0.01);
        common_covered += covers(r.outcomes[0].count, 0.24);
    }
    assert_calibrated(
        "rare event, p = 0.01",
        wilson_exact_coverage(N, 0.01),
        rare_covered,
    );
    assert_calibrated(
        "outcome, p = 0.24",
        wilson_exact_coverage(N, 0.24),
        common_covered,
    );
}

#[test]
fn paired_intervals_cover_known_differences_95_percent_of_the_time() {
    const N: u64 = 200;
    let base = coins(&[]);
    // One event probability changed: every trial that ends in x_alone in A does in B too
    // (cells 0.24, 0, 0.04, 0.72).
    let one = coins(&["events.x.probability=0.35"]);
    // Both changed: trials move both ways (cells 0.21, 0.03, 0.07, 0.69).
    let both = coins(&["events.x.probability=0.4", "events.y.probability=0.3"]);
    let pairs = [
        ("x raised", one, [0.24, 0.0, 0.04, 0.72]),
        ("x and y raised", both, [0.21, 0.03, 0.07, 0.69]),
    ];
    for (what, variant, cells) in pairs {
        let truth = cells[2] - cells[1];
        let mut covered = 0;
        let mut pooled = PairedCounts::default();
        for seed in 0..SEEDS {
            let c = compare(&base, &variant, &cfg(N, 5_000 + seed));
            let d = &c.differences[0];
            let i = d.difference();
            covered += u64::from(i.lo <= truth && truth <= i.hi);
            let p = d.pairs.unwrap();
            pooled.trials += p.trials;
            pooled.a_only += p.a_only;
            pooled.b_only += p.b_only;
            pooled.a += p.a;
            pooled.b += p.b;
        }
        // The runs share their draws as assumed: the pooled table matches the cells (within
        // 4 standard errors).
        let got = [
            pooled.both(),
            pooled.a_only,
            pooled.b_only,
            pooled.neither(),
        ];
        let n = pooled.trials as f64;
        for (k, p) in got.iter().zip(cells) {
            let se = (p * (1.0 - p) / n).sqrt();
            assert!(
                (*k as f64 / n - p).abs() <= 4.0 * se + 1e-12,
                "{what}: {got:?} of {n}"
            );
        }
        assert_calibrated(what, paired_exact_coverage(N, cells), covered);
    }
}
