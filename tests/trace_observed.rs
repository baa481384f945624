//! `brink trace` on a scenario whose `given` is judged at its `observed` step: the story says
//! the condition is judged at that step, not "at the end" (where it may well not hold).

use crate::common;

use common::stdout;

/// `calm` holds until `storm` fires, which it does at step 2: true at step 1, false at the end.
const SCENARIO: &str = r#"
[scenario]
name = "Observed early"
format = 2
horizon = 3
start = "2026-01"
observed = 1
given = "not storm"

[[actors]]
id = "sky"
name = "Sky"

[[events]]
id = "storm"
actor = "sky"
probability = 1
when = "step >= 2"

[[outcomes]]
id = "rest"
"#;

#[test]
fn the_condition_is_judged_at_the_observed_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("observed.toml");
    std::fs::write(&file, SCENARIO).unwrap();
    let file = file.to_str().unwrap();
    let text = stdout(&["trace", file, "--trial", "0"]);
    assert!(
        text.contains(
            "The condition `not storm` holds at step 1 (2026-02), the step the scenario judges \
             it at (`observed = 1`)."
        ),
        "{text}"
    );
    assert!(!text.contains("at the end"), "{text}");
    let v = common::json(&["trace", file, "--trial", "0", "--format", "json"]);
    assert_eq!(v["given"]["observed"], 1);
    assert_eq!(v["given"]["holds"], true);
    // With a `--given` too: each part is said to be judged where it is.
    let text = stdout(&["trace", file, "--given", "storm"]);
    assert!(
        text.contains(
            "The condition `(not storm) and (storm)` holds (the scenario's `given` at step 1 \
             (2026-02), its `observed` step; `--given` at the end)."
        ),
        "{text}"
    );
}

#[test]
fn without_observed_it_is_judged_at_the_end() {
    let text = stdout(&[
        "trace",
        "tests/scenarios/two_chain.toml",
        "--given",
        "b",
        "--seed",
        "3",
    ]);
    assert!(
        text.contains("The condition `b` holds at the end."),
        "{text}"
    );
    let v = common::json(&[
        "trace",
        "tests/scenarios/two_chain.toml",
        "--given",
        "b",
        "--seed",
        "3",
        "--format",
        "json",
    ]);
    assert!(v["given"].get("observed").is_none(), "{}", v["given"]);
}
