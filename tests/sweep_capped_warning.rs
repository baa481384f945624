//! `sweep` warns, as `run` does, when a point's values let modifiers lift a chance past 1 (where
//! it is capped): once per point that caps, naming the point. The load warnings it shows are the
//! scenario's own (the baseline's), not those of its first point.

use crate::common;

use common::outputs;

fn sweep_stderr(extra: &[&str]) -> String {
    let mut args = vec![
        "sweep",
        "tests/scenarios/modifiers.toml",
        "--vary",
        "events.late.probability=0.1:0.5:3",
        "--trials",
        "200",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let (code, _, stderr) = outputs(&args);
    assert_eq!(code, Some(0), "{stderr}");
    stderr
}

#[test]
fn a_point_that_caps_a_chance_is_named_once() {
    let stderr = sweep_stderr(&[]);
    // 0.5 × 3 caps at the last point only; the first point (0.1 × 3) does not.
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("`late`")).collect();
    assert_eq!(
        lines,
        [
            "warning: sweep point 3 of 3 (events.late.probability=0.5): the chance of event \
          `late` can exceed 1 with its modifiers: 0.5 × 3 = 1.5 (capped at 1)"
        ],
        "{stderr}"
    );
    // What `run` says at the same value.
    let (_, _, run) = outputs(&[
        "run",
        "tests/scenarios/modifiers.toml",
        "--set",
        "events.late.probability=0.5",
        "--trials",
        "10",
        "--format",
        "json",
    ]);
    assert!(run.contains("0.5 × 3 = 1.5 (capped at 1)"), "{run}");
    // `capped` caps at every point: the load's warning says it once, no point repeats it.
    assert_eq!(
        stderr
            .matches("the chance of event `capped` can exceed 1")
            .count(),
        1,
        "{stderr}"
    );
}

#[test]
fn quiet_silences_it_and_an_uncapped_sweep_says_nothing() {
    assert!(!sweep_stderr(&["--quiet"]).contains("capped at 1"));
    let stderr = sweep_stderr(&[
        "--set",
        "events.late.modifiers.0.factor=1.5",
        "--set",
        "events.capped.modifiers.0.factor=2",
    ]);
    assert!(!stderr.contains("capped at 1"), "{stderr}");
}

#[test]
fn the_warnings_shown_are_the_baselines() {
    // Every point lowers `capped` below the cap; the scenario's own 0.1 × 20 still caps: the
    // baseline's load says so, and no point does.
    let stderr = sweep_stderr(&["--vary", "events.capped.probability=0.01:0.02:2"]);
    assert_eq!(
        stderr.matches("0.1 × 20 = 2 (capped at 1)").count(),
        1,
        "{stderr}"
    );
    assert!(
        !(stderr.lines()).any(|l| l.contains("sweep point") && l.contains("`capped`")),
        "{stderr}"
    );
}

#[test]
fn a_parameter_the_sweep_replaces_is_not_called_unread() {
    // The shipped baseline's `south_korea_sends_arms` reads its probability from the parameter
    // `sk_arms_rate`: replaced at every point, it is read by none, which is the sweep's doing,
    // not the file's. The first point's warnings said "parameter `sk_arms_rate` is never read".
    let (code, _, stderr) = outputs(&[
        "sweep",
        "scenarios/baseline.toml",
        "--vary",
        "events.south_korea_sends_arms.probability=0:0.3:3",
        "--trials",
        "100",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("never read"), "{stderr}");
}
