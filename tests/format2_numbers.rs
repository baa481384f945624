//! Format-2 numbers in the places of format 1's numbers: probabilities, factors and weights that
//! are expressions or drawn once per trial, computed `add` amounts and `assign` values, drawn or
//! computed initial values; start-of-step semantics, repairs and streams. Each answer is a closed
//! form, met within 5 standard errors at a fixed seed, or an exact count.

use brink::engine::{RunConfig, RunResult, run};
use brink::model::{Model, load_str};

const HEAD: &str = "[scenario]\nname = \"test\"\nhorizon = HORIZON\n\n\
    [[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n";

fn model(horizon: u32, body: &str) -> Model {
    let text = format!(
        "{}{body}\n\n[[outcomes]]\nid = \"other\"\n",
        HEAD.replace("HORIZON", &horizon.to_string())
    );
    match load_str("test.toml", &text, &[]) {
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
fn share_is(r: &RunResult, outcome: usize, p: f64) {
    let n = r.kept;
    let got = r.outcomes[outcome].count as f64 / n as f64;
    let se = (p * (1.0 - p) / n as f64).sqrt().max(1e-9);
    assert!(
        (got - p).abs() < 5.0 * se,
        "outcome {outcome}: {got} vs {p}"
    );
}

fn event(id: &str, rest: &str) -> String {
    format!("[[events]]\nid = \"{id}\"\nactor = \"someone\"\n{rest}\n\n")
}

fn outcome(id: &str, when: &str) -> String {
    format!("[[outcomes]]\nid = \"{id}\"\nterminal = false\nwhen = \"{when}\"\n\n")
}

#[test]
fn a_probability_read_from_a_uniform_parameter_fires_by_t_with_e_of_1_minus_q_to_the_t() {
    // P(fire by 3) = E[1 - (1 - p)^3] = 1 - 1/4 for p ~ U(0, 1).
    let m = model(
        3,
        &format!(
            "[params]\np = {{ uniform = [0, 1] }}\n\n{}{}",
            event("e", "probability = \"p\""),
            outcome("fired", "e")
        ),
    );
    share_is(&go(&m, 200_000, 3), 0, 0.75);
}

#[test]
fn a_hazard_that_grows_with_a_counter_another_event_increments() {
    // c is 0, 1, 2 at the start of steps 1, 2, 3: chances 0, 0.1, 0.2.
    let m = model(
        3,
        &format!(
            "[variables]\nc = 0\n\n{}{}{}",
            event("tick", "probability = 1\nrepeat = true\nadd = { c = 1 }"),
            event("e", "probability = \"0.1 * c\""),
            outcome("fired", "e")
        ),
    );
    share_is(&go(&m, 200_000, 5), 0, 1.0 - 0.9 * 0.8);
}

#[test]
fn two_adds_reading_the_variable_they_write_see_the_start_of_the_step_in_either_order() {
    // Both add a tenth of x as it stood when the step began: 10 + 1 + 1, not 10 + 1 + 1.1.
    for order in [["a", "b"], ["b", "a"]] {
        let events: String = order
            .iter()
            .map(|id| event(id, "probability = 1\nadd = { x = \"x * 0.1\" }"))
            .collect();
        let m = model(
            1,
            &format!(
                "[variables]\nx = 10\n\n{events}{}",
                outcome("twelve", "x == 12")
            ),
        );
        share_is(&go(&m, 1000, 1), 0, 1.0);
    }
}

#[test]
fn a_factor_drawn_once_per_trial_holds_for_every_step_of_the_trial() {
    // q = 0.5 f with f ~ U(0, 2), so q ~ U(0, 1): P(fire by 2) = 1 - E[(1 - q)^2] = 2/3
    // (a factor drawn afresh every step would give 3/4).
    let m = model(
        2,
        &format!(
            "{}{}",
            event(
                "e",
                "probability = 0.5\nmodifiers = [{ when = \"true\", factor = { uniform = [0, 2] } }]"
            ),
            outcome("fired", "e")
        ),
    );
    share_is(&go(&m, 200_000, 7), 0, 2.0 / 3.0);
}

#[test]
fn a_computed_factor_reads_the_state_at_each_eligible_step() {
    // The factor is c + 1 (c counts steps before): chances 0.1, 0.2 at steps 1, 2.
    let m = model(
        2,
        &format!(
            "[variables]\nc = 0\n\n{}{}{}",
            event("tick", "probability = 1\nrepeat = true\nadd = { c = 1 }"),
            event(
                "e",
                "probability = 0.1\nmodifiers = [{ when = \"true\", factor = \"c + 1\" }]"
            ),
            outcome("fired", "e")
        ),
    );
    share_is(&go(&m, 200_000, 9), 0, 1.0 - 0.9 * 0.8);
}

#[test]
fn a_weight_drawn_once_per_trial_gives_branch_shares_of_its_expectation() {
    // w ~ U(0, 1) against 1: P(first branch) = E[w / (w + 1)] = 1 - ln 2.
    let m = model(
        1,
        &format!(
            "[flags]\nfirst = false\n\n{}{}",
            event(
                "e",
                "probability = 1\nbranches = [{ weight = { uniform = [0, 1] }, set = [\"first\"] }, \
                 { weight = 1 }]"
            ),
            outcome("first_branch", "first")
        ),
    );
    share_is(&go(&m, 200_000, 11), 0, 1.0 - std::f64::consts::LN_2);
}

#[test]
fn a_computed_weight_reads_the_start_of_the_step() {
    // x = 3 when the step starts (the other event's assign applies first in file order).
    let m = model(
        1,
        &format!(
            "[variables]\nx = 3\n\n[flags]\nfirst = false\n\n{}{}{}",
            event("reset", "probability = 1\nassign = { x = 0 }"),
            event(
                "e",
                "probability = 1\nbranches = [{ weight = \"x\", set = [\"first\"] }, { weight = 1 }]"
            ),
            outcome("first_branch", "first")
        ),
    );
    share_is(&go(&m, 200_000, 13), 0, 0.75);
}

#[test]
fn a_poisson_amount_whose_rate_is_an_expression() {
    // 100 troops: casualties ~ Poisson(2), P(none) = e^-2.
    let m = model(
        1,
        &format!(
            "[variables]\ntroops = 100\ncasualties = 0\n\n{}{}",
            event(
                "fight",
                "probability = 1\nadd = { casualties = { poisson = \"0.02 * troops\" } }"
            ),
            outcome("none", "casualties == 0")
        ),
    );
    share_is(&go(&m, 200_000, 15), 0, (-2.0f64).exp());
}

#[test]
fn a_normal_amount_with_parameters_read_from_params() {
    // N(1, 2): P(x > 1) = 1/2 and P(x > 3) = P(Z > 1).
    let m = model(
        1,
        &format!(
            "[params]\nm = 1\ns = 2\n\n[variables]\nx = 0\n\n{}{}",
            event(
                "e",
                "probability = 1\nadd = { x = { normal = [\"m\", \"s\"] } }"
            ),
            outcome("above", "x > 3")
        ),
    );
    share_is(&go(&m, 200_000, 17), 0, 0.158_655_253_9);
}

#[test]
fn an_assign_value_computed_from_the_state() {
    let m = model(
        1,
        &format!(
            "[variables]\nx = 4\ny = 0\n\n{}{}",
            event("e", "probability = 1\nassign = { y = \"max(x, 2) * 2\" }"),
            outcome("eight", "y == 8")
        ),
    );
    share_is(&go(&m, 1000, 19), 0, 1.0);
}

#[test]
fn a_drawn_initial_value_is_clamped_to_the_bounds_and_counted() {
    // U(0, 10) clamped to [0, 5]: half the trials start at 5.
    let m = model(
        1,
        &format!(
            "[variables]\nx = {{ initial = {{ uniform = [0, 10] }}, min = 0, max = 5 }}\n\n{}",
            outcome("at_max", "x == 5")
        ),
    );
    let r = go(&m, 100_000, 21);
    share_is(&r, 0, 0.5);
    assert_eq!(r.initial_clamped, vec![r.outcomes[0].count]);
}

#[test]
fn an_initial_value_computed_from_parameters() {
    // x = 2p, p ~ U(0, 1): P(x < 0.5) = 1/4.
    let m = model(
        1,
        &format!(
            "[params]\np = {{ uniform = [0, 1] }}\n\n[variables]\nx = \"2 * p\"\n\n{}",
            outcome("low", "x < 0.5")
        ),
    );
    share_is(&go(&m, 200_000, 23), 0, 0.25);
}

#[test]
fn repairs_are_counted_exactly() {
    // `always` is eligible at each of 5 steps with probability 2 (clamped); `late` is eligible
    // from step 3 and fires there (1 clamped step); `negative` has a holding factor of -1 at
    // every step (zeroed, never fires); `nobranch` fires once with both weights 0; `bad_rate`
    // adds a Poisson with a negative rate; `inf` adds 1/0.
    let n = 1000;
    let m = model(
        5,
        &format!(
            "[variables]\nx = 0\nz = 0\n\n{}{}{}{}{}{}",
            event("always", "probability = \"2\"\nrepeat = true"),
            event("late", "probability = \"1.5\"\nwhen = \"step >= 3\""),
            event(
                "negative",
                "probability = 0.5\nmodifiers = [{ when = \"true\", factor = \"-1\" }]"
            ),
            event(
                "nobranch",
                "probability = 1\nbranches = [{ weight = \"z\" }, { weight = \"z * 2\" }]"
            ),
            event(
                "bad_rate",
                "probability = 1\nadd = { x = { poisson = \"z - 1\" } }"
            ),
            event("inf", "probability = 1\nadd = { z = \"1 / z\" }"),
        ),
    );
    let r = go(&m, n, 25);
    let rep = |e: usize| r.events[e].repairs;
    assert_eq!(rep(0).clamped, 5 * n);
    assert_eq!(rep(1).clamped, n);
    assert_eq!((rep(2).zeroed, r.events[2].fired), (5 * n, 0));
    assert_eq!(
        (rep(3).no_branch, r.events[3].branches.iter().sum::<u64>()),
        (n, 0)
    );
    assert_eq!(rep(4).add_zero, n);
    assert_eq!(rep(5).unchanged, n);
    assert_eq!(
        r.events[0].repairs.zeroed + r.events[1].repairs.unchanged,
        0
    );
    // A firing without a branch is counted as such: the tally is whole for `merge`'s checks,
    // which find a branch count raised in an edited part.
    assert_eq!(r.inconsistency(&m), None);
    let mut edited = r.clone();
    edited.events[3].branches[0] += 1;
    assert_eq!(
        edited.inconsistency(&m).as_deref(),
        Some(
            "the counts of event `nobranch` do not agree: its branch counts and firings without \
             a branch add up to 1001, not its 1000 firings (`times`)"
        )
    );
}

#[test]
fn a_new_parameter_or_event_moves_no_other_draw() {
    let body = |extra: &str| {
        format!(
            "[params]\np = {{ uniform = [0, 1] }}\n{extra}\n[variables]\nx = 0\n\n{}{}{}",
            event(
                "e",
                "probability = \"p\"\nrepeat = true\nmodifiers = [{ when = \"true\", factor = { uniform = [0.5, 1] } }]\n\
                 add = { x = { poisson = \"p * 3\" } }"
            ),
            event(
                "f",
                "probability = 0.3\nbranches = [{ weight = { loguniform = [0.1, 1] }, add = { x = 1 } }, { weight = 1 }]"
            ),
            outcome("high", "x > 10")
        )
    };
    let a = go(&model(6, &body("")), 20_000, 27);
    let extra = "q = { normal = [0, 1] }\n";
    let b = go(
        &model(
            6,
            &format!("{}{}", body(extra), event("g", "probability = \"q * q\"")),
        ),
        20_000,
        27,
    );
    assert_eq!(a.outcomes[0].count, b.outcomes[0].count);
    for e in 0..2 {
        assert_eq!(
            (a.events[e].times, &a.events[e].branches),
            (b.events[e].times, &b.events[e].branches)
        );
    }
}

#[test]
fn the_json_report_lists_only_the_repairs_that_happened_and_the_table_warns() {
    let text = format!(
        "{}[variables]\nx = {{ initial = {{ uniform = [0, 2] }}, max = 1 }}\n\n{}{}{}",
        HEAD.replace("HORIZON", "3"),
        event("over", "probability = \"x + 1\"\nrepeat = true"),
        event("fine", "probability = 0.5"),
        "[[outcomes]]\nid = \"high\"\nterminal = false\nwhen = \"x >= 1\"\n\n\
         [[outcomes]]\nid = \"other\"\n"
    );
    let dir = std::env::temp_dir().join(format!("brink-repairs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("repairs.toml");
    std::fs::write(&file, text).unwrap();
    let brink = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_brink"))
            .args(["run", "--trials", "1000", "--format", format])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&brink("json")).unwrap();
    // Every trial's probability x + 1 >= 1 is out of range only when x > 0: all 3 steps.
    let over = &json["events"][0]["repairs"];
    let clamped = over["clamped"].as_u64().unwrap();
    assert_eq!(over.as_object().unwrap().len(), 1, "{over}");
    assert_eq!(clamped % 3, 0);
    assert!(json["events"][1].get("repairs").is_none());
    let high = json["outcomes"][0]["count"].as_u64().unwrap();
    assert_eq!(
        json["variables"][0]["repairs"]["clamped"].as_u64(),
        Some(high)
    );
    let table = brink("table");
    assert!(
        table.contains(&format!(
            "warning: event `over`: values out of range were repaired (clamped {clamped})"
        )),
        "{table}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_probability_that_reads_step_changes_every_step_and_over_applies_to_its_value() {
    // 0.1 t at step t: 1 - 0.9 * 0.8 * 0.7. With `over = 2`, each value p becomes
    // 1 - sqrt(1 - p) per step.
    let by_step = model(
        3,
        &format!(
            "{}{}",
            event("e", "probability = \"0.1 * step\""),
            outcome("fired", "e")
        ),
    );
    share_is(&go(&by_step, 200_000, 29), 0, 1.0 - 0.9 * 0.8 * 0.7);
    let over = model(
        2,
        &format!(
            "[params]\np = 0.75\n\n{}{}",
            event("e", "probability = \"p\"\nover = 2"),
            outcome("fired", "e")
        ),
    );
    share_is(&go(&over, 200_000, 31), 0, 0.75);
}

#[test]
fn set_replaces_a_number_by_an_expression_or_a_distribution() {
    let text = format!(
        "{}[variables]\nx = 1\n\n{}{}[[outcomes]]\nid = \"other\"\n",
        HEAD.replace("HORIZON", "3"),
        event(
            "e",
            "probability = 0.5\nmodifiers = [{ when = \"true\", factor = 1 }]"
        ),
        outcome("fired", "e")
    );
    let set = [
        "events.e.probability=0.1 * step".to_string(),
        "events.e.modifiers.0.factor={ uniform = [1, 1] }".to_string(),
        "variables.x=2 * 1".to_string(),
    ];
    let m = load_str("test.toml", &text, &set).unwrap().model;
    assert_eq!(
        m.number_places(),
        ["variables.x.initial", "events.e.probability",]
    );
    share_is(&go(&m, 200_000, 33), 0, 1.0 - 0.9 * 0.8 * 0.7);
}

#[test]
fn the_shipped_baseline_tallies_whole_branches() {
    // Every firing of an event with branches takes one: `merge` holds a part to that.
    let m = brink::model::load(std::path::Path::new("scenarios/baseline.toml"), &[])
        .expect("loads")
        .model;
    let r = go(&m, 2000, 3);
    assert_eq!(r.inconsistency(&m), None);
    let e = (m.events.iter())
        .position(|e| !e.branches.is_empty())
        .expect("an event with branches");
    let mut edited = r.clone();
    edited.events[e].branches[0] += 1;
    assert_eq!(
        edited.inconsistency(&m),
        Some(format!(
            "the counts of event `{}` do not agree: its branch counts add up to {}, not its {} \
             firings (`times`)",
            m.events[e].id,
            r.events[e].times + 1,
            r.events[e].times
        ))
    );
}
