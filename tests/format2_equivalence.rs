//! The benchmark pair `benches/scenarios/baseline_v1.toml` (format 1) and
//! `baseline_v1_format2.toml` (the same model in format 2: parameters, conditions and factors
//! that read them, Poisson and normal amounts with computed parameters) is one model: every
//! outcome's probability, the share of trials in which each event fired and the mean final
//! value of each variable agree within a few standard errors.
//!
//! The two files draw their uncertain numbers from different streams (a parameter's stream is
//! keyed by its own id, a drawn probability's by its event), so their trials differ; each is run
//! with its own seed, so that the two samples are independent and a two-sample test applies.

use std::path::Path;

use brink::engine::{NoObserver, Simulator, trial_key};
use brink::model::{Model, load};

const TRIALS: u64 = 40_000;
/// A difference beyond this many standard errors fails (about 40 comparisons).
const Z_MAX: f64 = 4.5;

fn model(file: &str, set: &[&str]) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/scenarios")
        .join(file);
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    load(&path, &set).expect("the scenario loads").model
}

/// Per trial of `m` at `seed`: the outcome, which events fired, the final variables.
struct Sample {
    outcomes: Vec<f64>,
    fired: Vec<f64>,
    /// Per variable: (sum, sum of squares).
    vars: Vec<(f64, f64)>,
    n: f64,
}

fn sample(m: &Model, seed: u64) -> Sample {
    let sim = Simulator::new(m, &[]);
    let mut s = sim.scratch();
    let mut out = Sample {
        outcomes: vec![0.0; m.outcomes.len()],
        fired: vec![0.0; m.events.len()],
        vars: vec![(0.0, 0.0); m.variables.len()],
        n: TRIALS as f64,
    };
    for k in 0..TRIALS {
        let end = sim.simulate(trial_key(seed, k), &mut s, &mut NoObserver);
        out.outcomes[end.outcome] += 1.0;
        for (f, &t) in out.fired.iter_mut().zip(s.times()) {
            *f += f64::from(u8::from(t > 0));
        }
        for (acc, &x) in out.vars.iter_mut().zip(s.vars()) {
            acc.0 += x;
            acc.1 += x * x;
        }
    }
    out
}

/// The two-sample z statistic of two shares out of `n` trials each.
fn z_share(a: f64, b: f64, n: f64) -> f64 {
    let (pa, pb) = (a / n, b / n);
    let pooled = (a + b) / (2.0 * n);
    let se = (2.0 * pooled * (1.0 - pooled) / n).sqrt();
    if se == 0.0 { 0.0 } else { (pa - pb) / se }
}

/// The two-sample z statistic of two means from (sum, sum of squares) over `n` trials each.
fn z_mean(a: (f64, f64), b: (f64, f64), n: f64) -> f64 {
    let var = |(s, q): (f64, f64)| (q / n - (s / n).powi(2)).max(0.0) * n / (n - 1.0);
    let se = ((var(a) + var(b)) / n).sqrt();
    if se == 0.0 { 0.0 } else { (a.0 - b.0) / n / se }
}

/// Every comparison between the format-1 file and the format-2 file (with `set` applied to it)
/// whose difference exceeds [`Z_MAX`] standard errors, as `(what, z)`.
fn disagreements(set: &[&str]) -> Vec<(String, f64)> {
    let one = model("baseline_v1.toml", &[]);
    let two = model("baseline_v1_format2.toml", set);
    assert_eq!(one.outcomes.len(), two.outcomes.len());
    assert_eq!(one.events.len(), two.events.len());
    assert_eq!(one.variables.len(), two.variables.len());
    assert!(!two.params.is_empty(), "the format-2 file has parameters");
    let (a, b) = (sample(&one, 11), sample(&two, 12));
    let n = a.n;
    let shares = (one.outcomes.iter().map(|o| format!("outcome {}", o.id)))
        .zip(a.outcomes.iter().zip(&b.outcomes))
        .chain(
            (one.events.iter().map(|e| format!("event {} fired", e.id)))
                .zip(a.fired.iter().zip(&b.fired)),
        )
        .map(|(what, (&x, &y))| (what, z_share(x, y, n)));
    let means = (one.variables.iter().map(|v| format!("mean of {}", v.id)))
        .zip(a.vars.iter().zip(&b.vars))
        .map(|(what, (&x, &y))| (what, z_mean(x, y, n)));
    shares
        .chain(means)
        .filter(|(_, z)| z.abs() > Z_MAX)
        .collect()
}

#[test]
fn the_format2_baseline_is_the_format1_baseline() {
    let differ = disagreements(&[]);
    assert!(differ.is_empty(), "{differ:?}");
}

#[test]
fn a_changed_number_in_the_format2_baseline_is_found() {
    // One parameter changed: more deaths in a month of offensive fighting, and US-brokered talks
    // that help a ceasefire less. The comparison must see each.
    let deaths = disagreements(&["params.offensive_month_deaths=480"]);
    assert!(
        deaths.iter().any(|(what, _)| what == "mean of nk_killed"),
        "{deaths:?}"
    );
    let talks = disagreements(&["params.talks_factor=2.2"]);
    assert!(
        talks
            .iter()
            .any(|(what, _)| what == "outcome negotiated_ceasefire"),
        "{talks:?}"
    );
}
