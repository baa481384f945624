//! `trace --given EXPR` and `trace --outcome ID`: the first trial from `--trial` on whose end
//! satisfies them, how many trials were passed over, and an error when none of the run's
//! trials does. (`trace` used to accept `--given` and tell trial K whatever its end.)

use crate::common;

use common::{failure, json, stdout};
use serde_json::Value;

const BASELINE: &str = "scenarios/baseline.toml";

fn trace(extra: &[&str]) -> Value {
    let mut args = vec!["trace", BASELINE, "--format", "json"];
    args.extend_from_slice(extra);
    json(&args)
}

fn outcome_of(k: u64) -> String {
    let t = trace(&["--trial", &k.to_string()]);
    t["end"]["outcome"].as_str().unwrap().to_string()
}

#[test]
fn given_finds_the_first_trial_that_satisfies_it() {
    let expr = "korean_war or world_war_iii";
    let t = trace(&["--given", expr, "--trial", "3"]);
    let k = t["trial"].as_u64().unwrap();
    assert_eq!(t["given"]["holds"], true, "{t}");
    assert_eq!(t["passed_over"].as_u64().unwrap(), k - 3);
    assert!(k > 3, "the baseline's trial 3 is not a Korean or world war");
    for j in 3..k {
        let o = outcome_of(j);
        assert!(o != "korean_war" && o != "world_war_iii", "trial {j}: {o}");
    }
    assert!(["korean_war", "world_war_iii"].contains(&t["end"]["outcome"].as_str().unwrap()));
}

#[test]
fn outcome_finds_the_first_trial_that_ended_in_it() {
    let t = trace(&["--outcome", "negotiated_ceasefire", "--trial", "5"]);
    let k = t["trial"].as_u64().unwrap();
    assert_eq!(t["end"]["outcome"], "negotiated_ceasefire");
    assert_eq!(t["passed_over"].as_u64().unwrap(), k - 5);
    for j in 5..k {
        assert_ne!(outcome_of(j), "negotiated_ceasefire", "trial {j}");
    }
    // The table says which trial and how many were passed over.
    let text = stdout(&[
        "trace",
        BASELINE,
        "--outcome",
        "negotiated_ceasefire",
        "--trial",
        "5",
    ]);
    let n = k - 5;
    let want = format!("trial {k} with seed 2024");
    assert!(text.contains(&want), "{text}");
    let want =
        format!("the first trial from trial 5 that ended in `negotiated_ceasefire` ({n} trial");
    assert!(text.contains(&want), "{text}");
}

#[test]
fn a_plain_trace_is_unchanged() {
    let t = trace(&["--trial", "4"]);
    assert_eq!(t["trial"], 4);
    assert!(t.get("passed_over").is_none(), "{t}");
}

#[test]
fn none_within_the_runs_trials_is_an_error() {
    let e = failure(
        &[
            "trace",
            "tests/scenarios/hazard.toml",
            "--set",
            "events.strike.probability=0.00001",
            "--outcome",
            "hit",
            "--trials",
            "50",
            "--quiet",
        ],
        1,
    );
    assert!(
        e.starts_with("error: no trial found: none of trials 0 to 49 ended in `hit`"),
        "{e}"
    );
    // An outcome no trial can end in is told before any search: more trials would not help.
    let e = failure(
        &[
            "trace",
            "tests/scenarios/hazard.toml",
            "--set",
            "events.strike.probability=0",
            "--outcome",
            "hit",
            "--quiet",
        ],
        1,
    );
    assert_eq!(
        e,
        "error: no trial can end in `hit`: no state the scenario can reach makes its `when` true\n\
         help: check the names and numbers in `strike`; more trials or another seed would not \
         find one\n"
    );
    // So is one an earlier outcome is always chosen before (the warning "is shadowed").
    let e = failure(
        &[
            "trace",
            "tests/warn/outcome_shadowed_at_the_horizon.toml",
            "--outcome",
            "big_war",
            "--quiet",
        ],
        1,
    );
    assert_eq!(
        e,
        "error: no trial can end in `big_war`: outcomes are checked in file order, and `any_war` \
         before it holds whenever this does\n\
         help: reorder the outcomes, or make their conditions differ; more trials or another seed \
         would not find one\n"
    );
    let e = failure(
        &[
            "trace",
            BASELINE,
            "--given",
            "korean_war",
            "--trial",
            "20000",
        ],
        1,
    );
    assert!(
        e.contains("--trial 20000 is not among the run's 10000 trials"),
        "{e}"
    );
    let e = failure(&["trace", BASELINE, "--outcome", "world_war"], 1);
    assert!(e.contains("did you mean `world_war_iii`?"), "{e}");
}
