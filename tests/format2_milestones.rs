//! `milestone = true`: when a scenario marks any milestone, escalation paths are built from the
//! milestones only (a repeatable one at its first firing), so background events do not split
//! the paths.

use brink::engine::{RunConfig, RunResult, run};
use brink::model::{Model, load_str};

fn model(body: &str) -> Model {
    let text = format!(
        "[scenario]\nname = \"test\"\nhorizon = 3\n\n\
         [[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n{body}\n\n\
         [[outcomes]]\nid = \"other\"\n"
    );
    match load_str("test.toml", &text, &[]) {
        Ok(loaded) => loaded.model,
        Err(d) => panic!("{}\n{text}", d.render(false)),
    }
}

fn go(m: &Model, n: u64) -> RunResult {
    let mut cfg = RunConfig::new(n, 31);
    cfg.threads = Some(2);
    run(m, &cfg)
}

/// The paths of a run as event ids, with their counts.
fn paths(m: &Model, r: &RunResult) -> Vec<(Vec<String>, u64)> {
    let names: Vec<&str> = m.events.iter().map(|e| e.id.as_str()).collect();
    r.paths
        .top(100, &names)
        .iter()
        .map(|p| {
            let ids = p.events.iter().map(|&e| names[e as usize].to_string());
            (ids.collect(), p.count)
        })
        .collect()
}

// `a` fires at step 1, `pulse` (repeatable) at steps 2 and 3, `b` at step 3; the background
// event `noise` fires at step 1 with chance 1/2.
const EVENTS: &str = "\
[[events]]\nid = \"a\"\nactor = \"someone\"\nprobability = 1\nMA\n\n\
[[events]]\nid = \"noise\"\nactor = \"someone\"\nprobability = 0.5\nwhen = \"step == 1\"\n\n\
[[events]]\nid = \"pulse\"\nactor = \"someone\"\nprobability = 1\nrepeat = true\nwhen = \"a\"\nMP\n\n\
[[events]]\nid = \"b\"\nactor = \"someone\"\nprobability = 1\nwhen = \"pulse\"\nMB\n";

#[test]
fn milestones_alone_make_the_paths() {
    let body = EVENTS
        .replace("MA", "milestone = true")
        .replace("MP", "milestone = true")
        .replace("MB", "milestone = true");
    let m = model(&body);
    let n = 4000;
    let r = go(&m, n);
    // One path whatever `noise` did; `pulse` once, at its first firing.
    assert_eq!(
        paths(&m, &r),
        vec![(vec!["a".into(), "pulse".into(), "b".into()], n)]
    );
}

#[test]
fn without_milestones_background_events_split_the_paths() {
    let body = EVENTS.replace("MA", "").replace("MP", "").replace("MB", "");
    let m = model(&body);
    let n = 4000;
    let r = go(&m, n);
    let mut got = paths(&m, &r);
    got.sort();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, vec!["a", "b"]);
    assert_eq!(got[1].0, vec!["a", "noise", "b"]);
    // `noise` fired in about half the trials (5 standard errors).
    let share = got[1].1 as f64 / n as f64;
    assert!(
        (share - 0.5).abs() < 5.0 * (0.25 / n as f64).sqrt(),
        "{share}"
    );
}

#[test]
fn a_milestone_among_others_keeps_only_itself() {
    // Only `b` is a milestone: the once-only `a` and `noise` leave the paths.
    let body = EVENTS
        .replace("MA", "")
        .replace("MP", "")
        .replace("MB", "milestone = true");
    let m = model(&body);
    let n = 1000;
    let r = go(&m, n);
    assert_eq!(paths(&m, &r), vec![(vec!["b".into()], n)]);
}
