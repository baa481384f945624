//! `[params]`: numbers fixed for one trial, shared by every condition that reads them, against
//! closed forms (5 standard errors at fixed seeds); their streams, `--set`, `extends` and
//! `remove`.

use brink::engine::{RunConfig, RunResult, run};
use brink::model::{Model, load, load_str};

const HEAD: &str = "[scenario]\nname = \"test\"\nhorizon = 1\n\n\
    [[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n";

/// Two variables, each a fresh uniform draw on [0, 1] at step 1.
const TWO_UNIFORMS: &str = "[variables]\nx = 0\ny = 0\n\n\
    [[events]]\nid = \"fill_x\"\nactor = \"someone\"\nprobability = 1\n\
    add = { x = { uniform = [0, 1] } }\n\n\
    [[events]]\nid = \"fill_y\"\nactor = \"someone\"\nprobability = 1\n\
    add = { y = { uniform = [0, 1] } }\n\n";

fn model(body: &str, set: &[&str]) -> Model {
    let text = format!("{HEAD}{body}\n\n[[outcomes]]\nid = \"other\"\n");
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    match load_str("test.toml", &text, &set) {
        Ok(loaded) => loaded.model,
        Err(d) => panic!("{}\n{text}", d.render(false)),
    }
}

fn go(m: &Model, n: u64, seed: u64) -> RunResult {
    let mut cfg = RunConfig::new(n, seed);
    cfg.threads = Some(2);
    run(m, &cfg)
}

#[track_caller]
fn share_is(r: &RunResult, outcome: usize, n: u64, p: f64) {
    let got = r.outcomes[outcome].count as f64 / n as f64;
    let se = (p * (1.0 - p) / n as f64).sqrt();
    assert!(
        (got - p).abs() < 5.0 * se,
        "outcome {outcome}: {got} vs {p}"
    );
}

#[test]
fn two_conditions_sharing_a_uniform_parameter_hold_together_with_e_p_squared() {
    // x < p and y < p with p ~ U(0, 1) drawn once per trial: E[p^2] = 1/3, not E[p]^2 = 1/4.
    let m = model(
        &format!(
            "[params]\np = {{ uniform = [0, 1], unit = \"share\" }}\n\n{TWO_UNIFORMS}\
             [[outcomes]]\nid = \"both\"\nterminal = false\nwhen = \"x < p and y < p\"\n"
        ),
        &[],
    );
    let n = 200_000;
    share_is(&go(&m, n, 41), 0, n, 1.0 / 3.0);
}

#[test]
fn a_parameter_defined_from_an_earlier_one() {
    // q = p * p, p ~ U(0, 1): P(x < q) = E[p^2] = 1/3; r = q + 1 >= 1 always.
    let m = model(
        &format!(
            "[params]\np = {{ uniform = [0, 1] }}\nq = \"p * p\"\nr = {{ expr = \"q + 1\" }}\n\n\
             {TWO_UNIFORMS}[[outcomes]]\nid = \"below_q\"\nterminal = false\n\
             when = \"x < q and y < r\"\n"
        ),
        &[],
    );
    let n = 200_000;
    share_is(&go(&m, n, 43), 0, n, 1.0 / 3.0);
}

#[test]
fn conditions_on_parameters_are_judged_per_trial() {
    // `go` is eligible only when p > 0.7 (30% of trials); `high` ends 10% of trials at step 0.
    let m = model(
        "[params]\np = { uniform = [0, 1] }\n\n[flags]\nwent = false\n\n\
         [[events]]\nid = \"go\"\nactor = \"someone\"\nprobability = 1\nwhen = \"p > 0.7\"\n\
         set = [\"went\"]\n\n\
         [[outcomes]]\nid = \"high\"\nwhen = \"p > 0.9\"\n\n\
         [[outcomes]]\nid = \"went_out\"\nwhen = \"went\"\n",
        &[],
    );
    let n = 100_000;
    let r = go(&m, n, 47);
    share_is(&r, 0, n, 0.1);
    share_is(&r, 1, n, 0.2);
    assert!(r.outcomes[0].steps.percentile(100) == Some(0));
}

#[test]
fn set_fixes_or_replaces_a_parameter() {
    let body = format!(
        "[params]\np = {{ uniform = [0, 1] }}\n\n{TWO_UNIFORMS}\
         [[outcomes]]\nid = \"both\"\nterminal = false\nwhen = \"x < p and y < p\"\n"
    );
    let n = 100_000;
    // A number fixes it: 0.5^2.
    share_is(&go(&model(&body, &["params.p=0.5"]), n, 53), 0, n, 0.25);
    // A distribution replaces it: p ~ U(0, 0.5), E[p^2] = 1/12.
    let m = model(&body, &["params.p={ uniform = [0, 0.5] }"]);
    share_is(&go(&m, n, 59), 0, n, 1.0 / 12.0);
    // Text that is not TOML is an expression: 0.3 + 0.3.
    share_is(
        &go(&model(&body, &["params.p=0.3 + 0.3"]), n, 61),
        0,
        n,
        0.36,
    );
}

#[test]
fn a_new_parameter_moves_no_other_draw() {
    // The same scenario with and without parameters: every event fires in the same trials.
    let body = "[[events]]\nid = \"e\"\nactor = \"someone\"\n\
                probability = { uniform = [0.2, 0.6] }\n\n\
                [[events]]\nid = \"f\"\nactor = \"someone\"\nprobability = 0.3\n\n\
                [[outcomes]]\nid = \"e_out\"\nterminal = false\nwhen = \"e\"\n";
    let plain = go(&model(body, &[]), 20_000, 67);
    let with = model(
        &format!("[params]\nk = {{ normal = [0, 1] }}\nj = \"k * 2\"\n\n{body}"),
        &[],
    );
    let with = go(&with, 20_000, 67);
    for e in 0..2 {
        assert_eq!(plain.events[e].fired, with.events[e].fired);
    }
    assert_eq!(plain.outcomes[0].count, with.outcomes[0].count);
}

#[test]
fn extends_keeps_the_base_order_and_remove_drops_a_parameter() {
    let dir = std::env::temp_dir().join(format!("brink-params-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("base.toml"),
        format!(
            "{HEAD}[params]\np = 0.5\nq = \"2 * p\"\nspare = 1\n\n\
             [[outcomes]]\nid = \"big\"\nwhen = \"q > 0.9 and spare > 0\"\n\n\
             [[outcomes]]\nid = \"rest\"\n"
        ),
    )
    .unwrap();
    // The child overrides p (it keeps its place, before q) and adds r after the base's.
    std::fs::write(
        dir.join("child.toml"),
        "extends = \"base.toml\"\nremove = [\"params.spare\"]\n\n\
         [params]\nr = \"q + p\"\np = 0.25\n\n\
         [[outcomes]]\nid = \"big\"\nwhen = \"q > 0.9 or r > 0.7\"\n",
    )
    .unwrap();
    let m = load(&dir.join("child.toml"), &[])
        .map_err(|d| d.render(false))
        .unwrap()
        .model;
    let ids: Vec<&str> = m.params.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p", "q", "r"]);
    // q = 0.5, r = 0.75: `big` holds at step 0 in every trial.
    let r = go(&m, 100, 1);
    assert_eq!(r.outcomes[0].count, 100);
    // Removing a parameter something still reads is an error at the reader.
    std::fs::write(
        dir.join("bad.toml"),
        "extends = \"base.toml\"\nremove = [\"params.p\"]\n",
    )
    .unwrap();
    let err = load(&dir.join("bad.toml"), &[]).unwrap_err().render(false);
    assert!(err.contains("unknown name `p`"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn exact_takes_fixed_and_drawn_parameters() {
    use brink::analysis::exact::{Options, solve};
    // `hit` fires with chance 1/2 a step while k > 1 (k = 2 * 0.75): P(hit by the horizon) = 1/2.
    let body = "[params]\nh = 0.75\nk = \"2 * h\"\n\n\
                [[events]]\nid = \"hit\"\nactor = \"someone\"\nprobability = 0.5\nwhen = \"k > 1\"\n\n\
                [[outcomes]]\nid = \"hit_out\"\nwhen = \"hit\"\n";
    let s = solve(&model(body, &[]), &Options::default()).expect("fixed parameters");
    assert!((s.outcome_probability(0) - 0.5).abs() < 1e-12);
    // Drawn uniform on [0.1, 0.6]: k > 1 when h > 1/2, a fifth of the range, so P(hit) = 0.2 / 2.
    let drawn = model(body, &["params.h={ uniform = [0.1, 0.6] }"]);
    let s = solve(&drawn, &Options::default()).expect("a drawn parameter is integrated");
    assert!(
        (s.outcome_probability(0) - 0.1).abs() < 1e-9,
        "{}",
        s.outcome_probability(0)
    );
}
