//! "When these trials ended" in the table and Markdown: the quartile months (or steps) of each
//! terminal outcome in plain words, "judged at the end" for the others, and a bar with a scale.

use crate::common;

use common::{json, stdout};
use serde_json::Value;

const HAZARD: &str = "tests/scenarios/hazard.toml";

/// The first step at which `by_step` reaches `share` of its last value.
fn quartile(by_step: &Value, share: f64) -> usize {
    let v: Vec<f64> = (by_step.as_array().unwrap().iter())
        .map(|x| x.as_f64().unwrap())
        .collect();
    let last = *v.last().unwrap();
    v.iter().position(|&x| x >= share * last).unwrap()
}

#[test]
fn terminal_outcomes_say_by_when_a_quarter_half_and_three_quarters_ended() {
    let args = |f: &str| ["run", HAZARD, "--trials", "3000", "--format", f].map(String::from);
    let r = json(&args("json"));
    let hit = &r["outcomes"][0];
    let [q1, q2, q3] = [0.25, 0.5, 0.75].map(|s| quartile(&hit["by_step"], s));
    // The half is the JSON's median step (both by nearest rank).
    assert_eq!(q2 as u64, hit["step"]["median"].as_u64().unwrap());
    assert!(q1 <= q2 && q2 <= q3 && q1 < q3, "{q1} {q2} {q3}");
    let want =
        format!("half of these by step {q2} (a quarter by step {q1}, three quarters by step {q3})");
    for format in ["table", "markdown"] {
        let text = stdout(&args(format));
        assert!(text.contains(&want), "{format}: {text}");
        assert!(text.contains("judged at the end (step 20)"), "{text}");
        assert!(
            text.contains("0%       50%    100%"),
            "the bar's scale: {text}"
        );
        for jargon in ["p10", "p90", "at the horizon"] {
            assert!(!text.contains(jargon), "{format} says {jargon}: {text}");
        }
    }
}

#[test]
fn with_a_calendar_start_in_months() {
    let text = stdout(&[
        "run",
        "scenarios/baseline.toml",
        "--trials",
        "2000",
        "--quiet",
    ]);
    assert!(text.contains("judged at the end (2027-11)"), "{text}");
    let line = text.lines().find(|l| l.contains("world_war_iii")).unwrap();
    let words: Vec<&str> = line.split_whitespace().collect();
    let months: Vec<&str> = words
        .iter()
        .map(|w| w.trim_matches(|c| c == '(' || c == ')' || c == ','))
        .filter(|w| w.len() == 7 && w.as_bytes()[4] == b'-')
        .collect();
    assert_eq!(months.len(), 3, "{line}");
    assert!(line.contains("half of these by 20"), "{line}");
    // half, then a quarter, then three quarters: in calendar order q1 <= q2 <= q3.
    assert!(months[1] <= months[0] && months[0] <= months[2], "{line}");
}

#[test]
fn exact_says_it_in_the_same_words() {
    let text = stdout(&["exact", HAZARD, "--format", "markdown"]);
    let r = json(&["exact", HAZARD, "--format", "json"]);
    let q = |s| quartile(&r["outcomes"][0]["by_step"], s);
    let want = format!(
        "half of these by step {} (a quarter by step {}, three quarters by step {})",
        q(0.5),
        q(0.25),
        q(0.75)
    );
    assert!(text.contains(&want), "{text}");
}
