//! The functions of format 2 (`first`, `min`, `max`, `clamp`, `if`, `logistic`, ...) in
//! simulated runs and in the exact solver, against closed forms (simulation within 5 standard
//! errors at fixed seeds, the exact solver to 1e-9).

use brink::analysis::exact::{Options, solve};
use brink::engine::{RunConfig, run};
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

/// The simulated share of each outcome agrees with `want` within 5 standard errors, and the
/// exact solver's with `want` to 1e-9.
#[track_caller]
fn agrees(m: &Model, want: &[f64], seed: u64) {
    let n = 100_000;
    let mut cfg = RunConfig::new(n, seed);
    cfg.threads = Some(2);
    let r = run(m, &cfg);
    let exact = solve(m, &Options::default()).expect("solvable");
    for (o, &p) in want.iter().enumerate() {
        let got = r.outcomes[o].count as f64 / n as f64;
        let se = (p * (1.0 - p) / n as f64).sqrt().max(1e-12);
        assert!((got - p).abs() < 5.0 * se, "outcome {o}: {got} vs {p}");
        let e = exact.outcome_probability(o);
        assert!((e - p).abs() < 1e-9, "exact outcome {o}: {e} vs {p}");
    }
}

#[test]
fn first_reads_the_step_of_the_first_firing() {
    // `hit` may fire at every step with chance 1/2; `first(hit) <= 3` at the horizon holds when
    // it fired in one of the first three steps: 1 - (1/2)^3. Its later firings do not move it.
    let m = model(
        6,
        "[[events]]\nid = \"hit\"\nactor = \"someone\"\nprobability = 0.5\nrepeat = true\n\n\
         [[outcomes]]\nid = \"early\"\nterminal = false\nwhen = \"first(hit) <= 3\"\n\n\
         [[outcomes]]\nid = \"late\"\nterminal = false\nwhen = \"first(hit) > 3 and hit\"\n",
    );
    agrees(&m, &[0.875, 0.125 - 0.5f64.powi(6), 0.5f64.powi(6)], 3);
}

#[test]
fn first_of_a_once_only_event() {
    // A once-only event with chance 0.3 a step: it fired by step 2 with 1 - 0.7^2.
    let m = model(
        5,
        "[[events]]\nid = \"hit\"\nactor = \"someone\"\nprobability = 0.3\n\n\
         [[outcomes]]\nid = \"early\"\nterminal = false\nwhen = \"first(hit) <= 2\"\n",
    );
    agrees(&m, &[1.0 - 0.49, 0.49], 5);
}

#[test]
fn min_max_clamp_if_and_logistic_in_conditions() {
    // x counts the firings of `up` (chance 1/2 in each of 4 steps): Binomial(4, 1/2).
    // `three` holds exactly at x = 3 (4/16); `two_or_four` at x = 2 or 4 (7/16), through
    // `if` and `logistic` (logistic(0) = 0.5). A flag may be called `max`.
    let m = model(
        4,
        "[flags]\nmax = true\n\n[variables]\nx = 0\n\n\
         [[events]]\nid = \"up\"\nactor = \"someone\"\nprobability = 0.5\nrepeat = true\n\
         add = { x = 1 }\n\n\
         [[outcomes]]\nid = \"three\"\nterminal = false\n\
         when = \"max and max(x, 1) >= 3 and min(x, 10, 0 / 0) <= 3 and clamp(x, 0, 2) == 2\"\n\n\
         [[outcomes]]\nid = \"two_or_four\"\nterminal = false\n\
         when = \"if(x >= 2, logistic(x - 2) >= 0.5, false)\"\n",
    );
    agrees(&m, &[4.0 / 16.0, 7.0 / 16.0, 5.0 / 16.0], 7);
}

#[test]
fn sqrt_exp_and_ln_in_conditions() {
    // x = Binomial(2, 1/2) again by an event; sqrt(x) > 1 <=> x = 2, exp(ln(x)) == x for x > 0.
    let m = model(
        2,
        "[variables]\nx = 0\n\n\
         [[events]]\nid = \"up\"\nactor = \"someone\"\nprobability = 0.5\nrepeat = true\n\
         add = { x = 1 }\n\n\
         [[outcomes]]\nid = \"two\"\nterminal = false\nwhen = \"sqrt(x) > 1.4 and exp(ln(x)) > 1.9\"\n\n\
         [[outcomes]]\nid = \"none\"\nterminal = false\nwhen = \"ln(x) < -1e300\"\n",
    );
    agrees(&m, &[0.25, 0.25, 0.5], 11);
}

#[test]
fn first_of_a_repeatable_event_read_only_through_first() {
    // Regression: the exact solver did not track whether a repeatable event read only through
    // `first(e)` had fired, so `first(e)` stayed infinite there.
    let m = model(
        3,
        "[[events]]\nid = \"hit\"\nactor = \"someone\"\nprobability = 0.05\nrepeat = true\n\n\
         [[outcomes]]\nid = \"early\"\nwhen = \"first(hit) <= 1\"\n",
    );
    agrees(&m, &[0.05, 0.95], 13);
}
