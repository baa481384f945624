//! `sweep` against its baseline: the scenario's own values as a first row, every point's paired
//! difference from it (exactly nothing at the baseline's own value, the closed form elsewhere),
//! and `--vary` reaching one parameter of a distribution.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use brink::analysis::sweep::{Grid, Role, Source, SweepConfig, SweepPlan, Swept};
use brink::engine::{Settings, Shard};

const HAZARD: &str = "tests/scenarios/analysis_hazard.toml";
const BASELINE: &str = "scenarios/baseline.toml";

fn cfg(trials: u64) -> SweepConfig {
    SweepConfig {
        set: Vec::new(),
        given: None,
        settings: Settings {
            trials: Some(trials),
            seed: Some(5),
            threads: Some(2),
            progress: false,
            shard: None,
        },
    }
}

#[track_caller]
fn json(args: &[&str]) -> serde_json::Value {
    let out = Command::cargo_bin("brink")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    common::succeeded(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn differences_from_the_baseline_are_paired_and_hold_the_closed_form() {
    let g = Grid::parse(&["events.strike.probability=0.1:0.3:3".to_string()]).unwrap();
    let c = cfg(20_000);
    let plan = SweepPlan::new(Source::File(Path::new(HAZARD)), &g, &c).unwrap();
    assert_eq!(plan.baseline_values(), vec![Some(0.1)]);
    let swept = plan.run_with_baseline(|_, _, r| r).unwrap();
    // The first point is the baseline's own value: the same trials end the same way.
    let d = &swept.points[0].differences[0];
    let pairs = d.pairs.unwrap();
    assert_eq!((pairs.a_only, pairs.b_only), (0, 0));
    let i = d.difference();
    assert_eq!((i.lo, i.estimate, i.hi), (0.0, 0.0, 0.0));
    assert_eq!(
        swept.points[0].output.outcomes[0].count,
        swept.baseline.output.outcomes[0].count
    );
    // P(struck in 12 steps) = 1 - (1 - p)^12: the point at 0.3 minus the baseline at 0.1.
    let exact = 0.9_f64.powi(12) - 0.7_f64.powi(12);
    let i = swept.points[2].differences[0].difference();
    assert!(i.lo <= exact && exact <= i.hi, "{i:?} vs {exact}");
    // Raising a chance on common random numbers never un-strikes a trial.
    assert_eq!(swept.points[2].differences[0].pairs.unwrap().a_only, 0);
}

/// The roles each output of `swept` was made with, baseline first.
fn roles(swept: &Swept<Role>) -> Vec<Role> {
    std::iter::once(swept.baseline.output)
        .chain(swept.points.iter().map(|p| p.output))
        .collect()
}

#[test]
fn every_way_of_running_a_sweep_tells_the_baseline_from_a_point_at_its_own_value() {
    // The first point is the scenario's own value: its model equals the baseline's, yet it is
    // point 0, and the baseline is made once, as the baseline.
    let g = Grid::parse(&["events.strike.probability=0.1:0.3:3".to_string()]).unwrap();
    let c = cfg(2_000);
    let plan = SweepPlan::new(Source::File(Path::new(HAZARD)), &g, &c).unwrap();
    let want = [
        Role::Baseline,
        Role::Point(0),
        Role::Point(1),
        Role::Point(2),
    ];
    let swept = plan.run_with_baseline(|role, _, _| role).unwrap();
    assert_eq!(roles(&swept), want);
    let targets = plan.precision_targets(&[]).unwrap();
    let (swept, _) = (plan.run_to_precision((0.5, &targets), |role, _, _| role)).unwrap();
    assert_eq!(roles(&swept), want);
    let parts = (0..2)
        .map(|index| {
            let shard = Shard { index, count: 2 };
            (shard, plan.run_shard(shard).unwrap())
        })
        .collect();
    let swept = plan.assemble(parts, |role, _, _| role).unwrap();
    assert_eq!(roles(&swept), want);
    assert!(Role::Baseline.is_baseline() && !Role::Point(0).is_baseline());
}

#[test]
fn a_distribution_parameter_can_be_swept_and_its_own_value_changes_nothing() {
    // China's backing for Russia is { pert = [0.2, 0.5, 0.8] }: only the mode moves.
    let v = json(&[
        "sweep",
        BASELINE,
        "--vary",
        "events.china_brics_back_russia.probability.pert.1=0.2:0.5:2",
        "--trials",
        "2000",
        "--format",
        "json",
    ]);
    let path = "events.china_brics_back_russia.probability.pert.1";
    assert_eq!(v["baseline"]["values"][path], 0.5);
    assert_eq!(v["points"][1]["values"][path], 0.5);
    // At the file's own mode the point is the baseline, outcome by outcome.
    for d in v["points"][1]["differences"].as_array().unwrap() {
        assert_eq!(d["difference"], 0.0, "{d}");
        assert_eq!(
            (d["only_a"].as_u64(), d["only_b"].as_u64()),
            (Some(0), Some(0))
        );
    }
    assert_eq!(
        v["points"][1]["report"]["outcomes"],
        v["baseline"]["report"]["outcomes"]
    );
    // A lower mode moves something.
    let moved = v["points"][0]["differences"].as_array().unwrap();
    assert!(moved.iter().any(|d| d["difference"] != 0.0));
}

#[test]
fn a_parameter_that_is_not_there_is_a_located_error() {
    let out = Command::cargo_bin("brink")
        .unwrap()
        .env("NO_COLOR", "1")
        .args([
            "sweep",
            BASELINE,
            "--vary",
            "events.china_brics_back_russia.probability.pert.3=0.1:0.2:2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains(
            "`3` in path `events.china_brics_back_russia.probability.pert.3` is not an index"
        ),
        "{e}"
    );
    assert!(e.contains("it has 3 numbers, numbered from 0"), "{e}");
}

/// Where the scenario gives no single number at the swept path, the baseline's row says what it
/// gives: a student sweeping South Korea's chance sees the file's own (a parameter's
/// distribution) beside the points. The CSV leaves the value empty, the JSON writes `null`.
#[test]
fn the_baseline_row_says_what_the_file_writes_where_it_has_no_single_number() {
    let path = "events.south_korea_sends_arms.probability";
    let vary = format!("{path}=0:0.1:3");
    let args = |format: &str| {
        let base = ["sweep", BASELINE, "--vary", &vary, "--trials", "200"];
        let all = [&base[..], &["--format", format]].concat();
        all.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let table = common::stdout(&args("table"));
    let row = (table.lines())
        .find(|l| l.contains("(baseline)"))
        .unwrap_or_else(|| panic!("{table}"));
    let first = row
        .split('┆')
        .next()
        .unwrap()
        .trim_start_matches('│')
        .trim();
    assert_eq!(first, "sk_arms_rate = pert(0.02, 0.06, 0.2) (baseline)");
    let md = common::stdout(&args("markdown"));
    assert!(
        md.contains("| sk_arms_rate = pert(0.02, 0.06, 0.2) (baseline) | "),
        "{md}"
    );
    let csv = common::stdout(&args("csv"));
    let line = csv.lines().nth(1).unwrap();
    assert!(line.starts_with("baseline,,"), "{line}");
    let v = json(&args("json").iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(v["baseline"]["values"][path], serde_json::Value::Null);
}
