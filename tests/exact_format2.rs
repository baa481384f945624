//! The exact solver on format-2 scenarios with known answers: parameters (drawn ones integrated
//! out, shared ones moving events together), expressions evaluated per state with the start-of-
//! step rule and the engine's repairs, drawn factors, weights and initial values; to 1e-9.

use brink::analysis::exact::{ExactError, Options, Solution, solve};
use brink::model::{Model, load_str};

const HEAD: &str = "[scenario]\nname = \"f2\"\nhorizon = HORIZON\n\n\
    [[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n";

fn model(horizon: u32, body: &str) -> Model {
    let text = format!(
        "{}{body}\n\n[[outcomes]]\nid = \"other\"\n",
        HEAD.replace("HORIZON", &horizon.to_string())
    );
    match load_str("f2.toml", &text, &[]) {
        Ok(loaded) => loaded.model,
        Err(d) => panic!("{}\n{text}", d.render(false)),
    }
}

fn exact(m: &Model) -> Solution {
    match solve(m, &Options::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

fn refused(m: &Model) -> String {
    match solve(m, &Options::default()) {
        Ok(_) => panic!("should be refused"),
        Err(e) => e.to_string(),
    }
}

#[track_caller]
fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9,
        "got {got:.15}, want {want:.15} (difference {:e})",
        got - want
    );
}

fn event(id: &str, rest: &str) -> String {
    format!("[[events]]\nid = \"{id}\"\nactor = \"someone\"\n{rest}\n\n")
}

fn outcome(id: &str, when: &str) -> String {
    format!("[[outcomes]]\nid = \"{id}\"\nwhen = \"{when}\"\n\n")
}

#[test]
fn two_events_sharing_a_uniform_parameter_fire_together_by_its_square() {
    // P(both) = E[p^2] = Var + mean^2 = 0.6^2 / 12 + 0.25, not E[p]^2 = 0.25.
    let body = format!(
        "[params]\np = {{ uniform = [0.2, 0.8] }}\n\n{}{}{}",
        event("a", "probability = \"p\""),
        event("b", "probability = \"p\""),
        outcome("both", "a and b"),
    );
    let s = exact(&model(1, &body));
    close(s.outcome_probability(0), 0.28);
    close(s.event_probability(0), 0.5);
    close(s.event_probability(1), 0.5);
    let i = s.integration.as_ref().expect("integrated");
    assert_eq!(i.others, vec!["params.p".to_string()]);
    assert!(i.events.is_empty());
    // A PERT parameter: E[p^2] from the Beta(3, 3) moments on [0, 1]: 0.5^2 + 1/28.
    let body = body.replace("uniform = [0.2, 0.8]", "pert = [0, 0.5, 1]");
    close(
        exact(&model(1, &body)).outcome_probability(0),
        0.25 + 1.0 / 28.0,
    );
}

#[test]
fn a_parameter_defined_from_an_earlier_one() {
    // q = p / 2 with p uniform on [0, 1]: P(a within 2 steps) = 1 - E[(1 - p/2)^2]
    // = E[p] - E[p^2] / 4 = 1/2 - 1/12.
    let body = format!(
        "[params]\np = {{ uniform = [0, 1] }}\nq = \"p / 2\"\n\n{}",
        event("a", "probability = \"q\"")
    );
    close(exact(&model(2, &body)).event_probability(0), 5.0 / 12.0);
    // A condition on the derived parameter jumps where p crosses 0.6 (q > 0.3): the rule is cut
    // there, so the integral is exact: P(b) = P(p > 0.6) = 0.4.
    let body = format!(
        "{body}{}",
        event("b", "probability = 1\nwhen = \"q > 0.3\"")
    );
    close(exact(&model(2, &body)).event_probability(1), 0.4);
}

#[test]
fn a_hazard_that_grows_with_a_counter_another_event_increments() {
    // `tick` adds 1 to c in every step; `hit` reads c as it stood at the start of the step, so
    // its chance in step t is 0.1 (t - 1): P(no hit in 5 steps) = 1 * 0.9 * 0.8 * 0.7 * 0.6.
    let body = format!(
        "[variables]\nc = 0\n\n{}{}{}",
        event("tick", "probability = 1\nrepeat = true\nadd = { c = 1 }"),
        event("hit", "probability = \"0.1 * c\""),
        outcome("hit_out", "hit"),
    );
    let s = exact(&model(5, &body));
    close(s.outcome_probability(0), 1.0 - 0.3024);
    // The hit ends the trial, so c at the end is the step of the hit, or 5.
    let mean: f64 = (1..=5)
        .map(|t| {
            let survive: f64 = (1..t).map(|k| 1.0 - 0.1 * (k - 1) as f64).product();
            survive * 0.1 * (t - 1) as f64 * t as f64
        })
        .sum::<f64>()
        + 0.3024 * 5.0;
    close(s.variable_stats(0).expect("tracked").mean, mean);
}

#[test]
fn an_add_that_reads_its_variable_sees_the_start_of_the_step() {
    // In step 1 `grow` adds a tenth of x as it stood when the step began (1), whatever `push`
    // (earlier or later in the file) adds in the same step: 10 + 5 + 1 = 16, not 16.5 or 15.5.
    for (first, second) in [("push", "grow"), ("grow", "push")] {
        let fx = |id: &str| {
            if id == "push" {
                event("push", "probability = 1\nadd = { x = 5 }")
            } else {
                event("grow", "probability = 1\nadd = { x = \"x * 0.1\" }")
            }
        };
        let body = format!(
            "[variables]\nx = 10\n\n{}{}{}",
            fx(first),
            fx(second),
            outcome("sixteen", "x == 16"),
        );
        let s = exact(&model(1, &body));
        close(s.outcome_probability(0), 1.0);
        close(s.variable_stats(0).unwrap().mean, 16.0);
    }
}

#[test]
fn functions_in_probabilities() {
    let body = format!(
        "[flags]\non = true\n\n[variables]\nx = 0.1\n\n{}{}{}{}{}{}",
        event("by_if", "probability = \"if(on, 0.3, 0.1)\""),
        event("by_logistic", "probability = \"logistic(ln(3))\""),
        event("by_clamp", "probability = \"clamp(1.5, 0, 0.25)\""),
        event("by_min", "probability = \"min(0.2, 0.4, x)\""),
        event("by_max", "probability = \"max(0.05, 0.35)\""),
        event(
            "by_both",
            "probability = \"clamp(x * 3, min(x, 0.5), max(x, 0.2))\""
        ),
    );
    let s = exact(&model(1, &body));
    for (e, p) in [0.3, 0.75, 0.25, 0.1, 0.35, 0.2].into_iter().enumerate() {
        close(s.event_probability(e), p);
    }
}

#[test]
fn probabilities_out_of_range_are_repaired_like_the_engine() {
    // 1.5 is clamped to 1, -0.5 to 0, NaN (0/0) counts as 0; with `over = 2` the clamped 1
    // stays a sure thing; a factor below 0 counts as 0.
    let body = format!(
        "[variables]\nx = 0.75\n\n{}{}{}{}{}",
        event("above", "probability = \"2 * x\""),
        event("below", "probability = \"x - 1.25\""),
        event("nan", "probability = \"0 / (x - x)\""),
        event("above_over", "probability = \"2 * x\"\nover = 2"),
        event(
            "negative_factor",
            "probability = 0.5\nmodifiers = [{ when = \"true\", factor = \"x - 1\" }]"
        ),
    );
    let s = exact(&model(3, &body));
    for (e, p) in [1.0, 0.0, 0.0, 1.0, 0.0].into_iter().enumerate() {
        close(s.event_probability(e), p);
    }
    // The chance clamps step by step: 0.4 * x with x growing by 1 a step is 0.4, 0.8, then
    // 1.2, clamped to 1 in step 3.
    let body = format!(
        "[variables]\nx = 1\n\n{}{}",
        event("tick", "probability = 1\nrepeat = true\nadd = { x = 1 }"),
        event("hit", "probability = \"0.4 * x\""),
    );
    close(
        exact(&model(2, &body)).event_probability(1),
        1.0 - 0.6 * 0.2,
    );
    close(exact(&model(3, &body)).event_probability(1), 1.0);
}

#[test]
fn all_zero_branch_weights_fire_the_event_without_a_branch() {
    let body = format!(
        "[flags]\nown = false\nfirst = false\nsecond = false\n\n[variables]\nw = 0\n\n{}{}",
        event(
            "split",
            "probability = 1\nset = [\"own\"]\n\
             branches = [{ weight = \"w\", set = [\"first\"] }, { weight = \"w * 2\", set = [\"second\"] }]"
        ),
        outcome("own_only", "own and not first and not second"),
    );
    let s = exact(&model(1, &body));
    close(s.outcome_probability(0), 1.0);
    assert_eq!(s.branch_shares(0), vec![0.0, 0.0]);
    // With w = 1 the branches share 1 : 2.
    let s = exact(&model(1, &body.replace("w = 0", "w = 1")));
    close(s.outcome_probability(0), 0.0);
    let shares = s.branch_shares(0);
    close(shares[0], 1.0 / 3.0);
    close(shares[1], 2.0 / 3.0);
}

#[test]
fn a_flag_named_max_and_the_function_max() {
    let body = format!(
        "[flags]\nmax = true\n\n{}",
        event(
            "a",
            "probability = \"if(max, max(0.1, 0.4), 0)\"\nwhen = \"max\""
        )
    );
    close(exact(&model(1, &body)).event_probability(0), 0.4);
}

#[test]
fn drawn_factors_weights_and_initial_values_are_integrated() {
    // Factor f uniform on [0, 2] on a chance of 1/4 (never capped): over 2 steps
    // 1 - E[(1 - f/4)^2] = E[f]/2 - E[f^2]/16 = 1/2 - 1/12.
    let body = event(
        "a",
        "probability = 0.25\nmodifiers = [{ when = \"true\", factor = { uniform = [0, 2] } }]",
    );
    close(exact(&model(2, &body)).event_probability(0), 5.0 / 12.0);
    // Weight w uniform on [0, 2] against 1: E[w / (w + 1)] = 1 - ln(3) / 2.
    let body = format!(
        "[flags]\nfirst = false\n\n{}{}",
        event(
            "split",
            "probability = 1\n\
             branches = [{ weight = { uniform = [0, 2] }, set = [\"first\"] }, { weight = 1 }]"
        ),
        outcome("first_out", "first"),
    );
    close(
        exact(&model(1, &body)).outcome_probability(0),
        1.0 - 3f64.ln() / 2.0,
    );
    // An initial value drawn uniform on [0, 10], clamped into [0, 8]: the mean of x is
    // E[min(u, 8)] = (8^2 / 2 + 8 * 2) / 10 = 4.8; the hazard 0.05 x over one step has mean
    // 0.24. The clamp at 8 is a kink: the rule needs the cut there to settle.
    let body = format!(
        "[variables]\nx = {{ initial = {{ uniform = [0, 10] }}, min = 0, max = 8 }}\n\n{}",
        event("hit", "probability = \"0.05 * x\""),
    );
    let s = exact(&model(1, &body));
    close(s.event_probability(0), 0.24);
    close(s.variable_stats(0).unwrap().mean, 4.8);
}

#[test]
fn a_normal_parameter_is_integrated_by_gauss_hermite() {
    // p ~ normal(0.3, 0.05) used as a probability: P(a in 2 steps) = 2 E[p] - E[p^2] with
    // E[p^2] = 0.09 + 0.0025 (the tails beyond [0, 1], clamped, weigh less than 1e-9).
    let body = format!(
        "[params]\np = {{ normal = [0.3, 0.05] }}\n\n{}",
        event("a", "probability = \"p\"")
    );
    close(exact(&model(2, &body)).event_probability(0), 0.6 - 0.0925);
}

#[test]
fn what_exact_refuses_is_named_with_the_reason() {
    let body = format!(
        "[variables]\ntroops = 100\n\n{}{}",
        event(
            "battle",
            "probability = 1\nadd = { troops = { poisson = \"0.02 * troops\" } }"
        ),
        outcome("many", "troops > 120"),
    );
    assert_eq!(
        refused(&model(2, &body)),
        "event `battle`: `add` to `troops` draws a Poisson amount at each firing; its values are \
         unbounded, so the states cannot be listed exactly\n  \
         help: `brink exact` needs constant amounts; use `brink run` for this scenario"
    );
    let text = format!(
        "{}{}\n[[outcomes]]\nid = \"other\"\n",
        HEAD.replace("HORIZON", "2\ngiven = \"not a\"\nobserved = 1"),
        event("a", "probability = 0.5")
    );
    let conditioned = load_str("f2.toml", &text, &[]).unwrap().model;
    assert_eq!(
        refused(&conditioned),
        "the scenario keeps only the trials in which `not a` holds at step 1 (`given` in \
         `[scenario]`), and `brink exact` cannot condition: whether a trial is kept is known \
         only after its firings have been counted\n  \
         help: use `brink run`, which keeps the trials that satisfy it"
    );
    let too_many = format!(
        "[params]\na = {{ uniform = [0, 1] }}\nb = {{ uniform = [0, 1] }}\n\
         c = {{ uniform = [0, 1] }}\nd = {{ uniform = [0, 1] }}\n\n{}",
        event("e", "probability = \"a * b * c * d\"")
    );
    let err = refused(&model(1, &too_many));
    assert_eq!(
        err,
        "cannot integrate over the numbers drawn once per trial (`params.a`, `params.b`, \
         `params.c`, `params.d`): 4 numbers drawn at once need 69632 solutions (one per \
         combination of their quadrature nodes) for the first two refinements, more than the \
         20000 allowed\n  \
         help: fix some of them to a number (--set params.a=NUMBER), or use `brink run`"
    );
    assert!(matches!(
        solve(&model(1, &too_many), &Options::default()),
        Err(ExactError::Draws { .. })
    ));
}

#[test]
fn the_report_shows_each_parameter_from_its_distribution() {
    let body = format!(
        "[params]\np = {{ uniform = [0.2, 0.6], unit = \"share\" }}\nq = \"p / 2\"\nk = 3\n\
         r = \"1 - p\"\ns = {{ normal = [1, 0.5] }}\nt = \"p * s\"\n\n{}",
        event(
            "e",
            "probability = \"q\"\nwhen = \"k > 2 and r > 0 and t > -10\""
        )
    );
    let m = model(2, &body);
    let solution = match solve(&m, &Options::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let report = brink::analysis::exact::report::report(&m, &solution, "f2.toml");
    let row = |id: &str| report.params.iter().find(|p| p.id == id).unwrap().clone();
    let figures = |id: &str| {
        let r = row(id);
        [r.mean, r.p5, r.p50, r.p95].map(|x| x.expect(id))
    };
    let want = [
        [0.4, 0.22, 0.4, 0.58],
        [0.2, 0.11, 0.2, 0.29],
        [3.0; 4],
        [0.6, 0.42, 0.6, 0.78],
    ];
    for (id, want) in ["p", "q", "k", "r"].into_iter().zip(want) {
        for (got, want) in figures(id).into_iter().zip(want) {
            close(got, want);
        }
    }
    assert_eq!(row("p").declared, "uniform(0.2, 0.6)");
    assert_eq!(row("p").unit.as_deref(), Some("share"));
    // normal(1, 0.5): p5 = 1 - 1.644853627 / 2.
    let s = figures("s");
    close(s[0], 1.0);
    assert!(
        (s[1] - (1.0 - 0.5 * 1.644_853_626_951)).abs() < 1e-6,
        "{s:?}"
    );
    // Two drawn parameters feed `t`: no figures rather than a guess.
    assert_eq!(row("t").mean, None);
    // 1 - E[(1 - q)^2] = 2 E[q] - E[q^2], q = p / 2: E[q^2] = 0.2^2 + Var(p) / 4.
    close(solution.event_probability(0), 0.4 - (0.04 + 0.16 / 48.0));
}
