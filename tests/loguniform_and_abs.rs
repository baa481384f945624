//! The distribution `loguniform` and the function `abs` in simulated runs, against their closed
//! forms (5 standard errors, at fixed seeds so a passing test passes every time).

use brink::engine::{RunConfig, RunResult, run};
use brink::model::{Model, load_str};

fn model(horizon: u32, body: &str) -> Model {
    let text = format!(
        "[scenario]\nname = \"test\"\nhorizon = {horizon}\n\n\
         [[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n{body}\n\n\
         [[outcomes]]\nid = \"other\"\n"
    );
    match load_str("test.toml", &text, &[]) {
        Ok(loaded) => loaded.model,
        Err(d) => panic!("{}\n{text}", d.render(false)),
    }
}

fn go(model: &Model, trials: u64, seed: u64) -> RunResult {
    let mut cfg = RunConfig::new(trials, seed);
    cfg.threads = Some(2);
    run(model, &cfg)
}

fn loguniform_moments(lo: f64, hi: f64) -> (f64, f64) {
    let ln_r = (hi / lo).ln();
    let mean = (hi - lo) / ln_r;
    (mean, (hi * hi - lo * lo) / (2.0 * ln_r) - mean * mean)
}

#[test]
fn a_loguniform_probability_fires_with_its_mean() {
    let m = model(
        1,
        "[[events]]\nid = \"e\"\nactor = \"someone\"\nprobability = { loguniform = [0.02, 0.5] }\n",
    );
    let n = 200_000;
    let fired = go(&m, n, 23).events[0].fired as f64 / n as f64;
    let (p, _) = loguniform_moments(0.02, 0.5);
    let se = (p * (1.0 - p) / n as f64).sqrt();
    assert!((fired - p).abs() < 5.0 * se, "{fired} vs {p}");
}

#[test]
fn a_loguniform_amount_is_drawn_at_each_firing() {
    let m = model(
        10,
        "[variables]\nx = 0\n\n[[events]]\nid = \"rain\"\nactor = \"someone\"\n\
         probability = 1\nrepeat = true\nadd = { x = { loguniform = [1, 100] } }\n",
    );
    let n = 50_000;
    let r = go(&m, n, 29);
    let (mean, var) = loguniform_moments(1.0, 100.0);
    // Ten independent draws: mean 10 m, variance 10 v (one draw reused would give 100 v).
    let got = r.variables[0].mean().unwrap();
    assert!(
        (got - 10.0 * mean).abs() < 5.0 * (10.0 * var / n as f64).sqrt(),
        "{got} vs {}",
        10.0 * mean
    );
}
#[test]
fn abs_in_a_condition_reads_the_distance_from_zero() {
    // x goes down by 1 each step from 0; `abs(x) >= 3` first holds at step 3. A flag may still
    // be called `abs`: the name means the function only before `(`.
    let m = model(
        10,
        "[flags]\nabs = true\n\n[variables]\nx = 0\n\n[[events]]\nid = \"fall\"\nactor = \"someone\"\n\
         probability = 1\nrepeat = true\nadd = { x = -1 }\n\n\
         [[outcomes]]\nid = \"far\"\nwhen = \"abs and abs(x) >= 3 and abs (-2) == 2\"\n",
    );
    let r = go(&m, 100, 1);
    assert_eq!(r.outcomes[0].count, 100);
    let steps = &r.outcomes[0].steps;
    assert_eq!(
        (steps.percentile(1), steps.percentile(100)),
        (Some(3), Some(3))
    );
}
