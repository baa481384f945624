//! The command line of `sweep`, `compare` and `sensitivity`: exit codes, formats, files.

use crate::common;

use common::{brink, failure, json, stdout, words};

const HAZARD: &str = "tests/scenarios/analysis_hazard.toml";
const CHAIN: &str = "tests/scenarios/analysis_chain.toml";

// ---- sweep ----

#[test]
fn sweep_json_has_one_report_per_point() {
    let v = json(&[
        "sweep",
        HAZARD,
        "--vary",
        "events.strike.probability=0.1:0.3:3",
        "--trials",
        "2000",
        "--format",
        "json",
    ]);
    assert_eq!(v["schema_version"], 2);
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 3);
    for (pt, p) in points.iter().zip([0.1f64, 0.2, 0.3]) {
        assert_eq!(pt["values"]["events.strike.probability"], p);
        let report = &pt["report"];
        assert_eq!(report["trials"], 2000);
        assert_eq!(report["seed"], 3);
        assert_eq!(
            report["overrides"][0],
            format!("events.strike.probability={p}")
        );
        let struck = report["outcomes"][0]["probability"].as_f64().unwrap();
        let exact = 1.0 - (1.0 - p).powi(12);
        assert!((struck - exact).abs() < 0.05, "{p}: {struck} vs {exact}");
    }
}

#[test]
fn sweep_point_reports_equal_run_reports() {
    // A point's report is the report `run --set` gives, digest included.
    let v = json(&[
        "sweep",
        HAZARD,
        "--vary",
        "events.strike.probability=0.1:0.2:2",
        "--trials",
        "1000",
        "--format",
        "json",
    ]);
    let run = json(&[
        "run",
        HAZARD,
        "--set",
        "events.strike.probability=0.2",
        "--trials",
        "1000",
        "--format",
        "json",
    ]);
    assert_eq!(v["points"][1]["report"], run);
}

#[test]
fn sweep_json_values_keep_the_vary_order() {
    let text = stdout(&[
        "sweep",
        HAZARD,
        "--vary",
        "scenario.horizon=2:4:2",
        "--vary",
        "events.strike.probability=0.1:0.2:2",
        "--trials",
        "100",
        "--format",
        "json",
    ]);
    let h = text.find("\"scenario.horizon\"").unwrap();
    let p = text.find("\"events.strike.probability\"").unwrap();
    assert!(h < p, "{text}");
}

#[test]
fn sweep_table_markdown_and_csv() {
    let args = |f: &str| {
        words(&format!(
            "sweep {HAZARD} --vary events.strike.probability=0.1:0.3:3 \
             --vary scenario.horizon=6:12:2 --trials 1000 --format {f}"
        ))
    };
    let table = stdout(&args("table"));
    assert!(table.starts_with("Sweep: Geometric hazard"), "{table}");
    assert!(
        table.contains("6 points, 1000 trials per point, seed 3"),
        "{table}"
    );
    let md = stdout(&args("markdown"));
    assert!(md.contains("| events.strike.probability | scenario.horizon | struck | spared |"));
    let csv = stdout(&args("csv"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "point,events.strike.probability,scenario.horizon,outcome,probability,ci95_low,ci95_high,count,kept,\
         difference,difference_ci95_low,difference_ci95_high,both,only_a,only_b"
    );
    // The baseline (the file's own 0.1 and 12), then six points.
    assert_eq!(lines.len(), 1 + 7 * 2);
    assert!(
        lines[1].starts_with("baseline,0.1,12,struck,"),
        "{}",
        lines[1]
    );
    assert!(lines[3].starts_with("0,0.1,6,struck,"), "{}", lines[3]);
}

#[test]
fn sweep_refusals() {
    let e = failure(
        &["sweep", HAZARD, "--vary", "events.strike.probability=0:1"],
        1,
    );
    assert!(
        e.contains("expected FROM:TO:N or V1,V2,... after `=`, found 2 parts"),
        "{e}"
    );
    let e = failure(
        &[
            "sweep",
            HAZARD,
            "--vary",
            "events.strike.probability=0.5:1.5:3",
        ],
        1,
    );
    assert_eq!(
        e,
        "error: --vary `events.strike.probability=0.5:1.5:3`: point 3 of 3 is 1.5, which does \
         not fit: a probability must be between 0 and 1\n"
    );
    let e = failure(
        &[
            "sweep",
            HAZARD,
            "--vary",
            "events.strik.probability=0.1:0.2:2",
        ],
        1,
    );
    assert!(e.contains("events.strike.probability"), "{e}");
    assert!(
        e.contains("refused at sweep point 1 of 2 (events.strik.probability=0.1)"),
        "{e}"
    );
    // A point that kept none of a few trials, though more might keep one.
    let e = failure(
        &[
            "sweep",
            HAZARD,
            "--vary",
            "events.strike.probability=0.0001:0.1:2",
            "--given",
            "struck",
            "--trials",
            "10",
        ],
        1,
    );
    assert_eq!(
        e,
        "error: --given or the scenario's given kept none of the trials at sweep point 1 of 2 \
         (events.strike.probability=0.0001)\nhelp: loosen the condition, or run more trials\n"
    );
    // A point whose values let the condition never hold says so: more trials would not help.
    // The outcome `struck` needs the event `strike`, which cannot fire at that point.
    for given in ["strike", "struck"] {
        for extra in [&[][..], &["--precision", "0.01"]] {
            let mut args = vec![
                "sweep",
                HAZARD,
                "--vary",
                "events.strike.probability=0:0.1:2",
                "--given",
                given,
            ];
            args.extend_from_slice(extra);
            assert_eq!(
                failure(&args, 1),
                "error: --given or the scenario's given kept none of the trials at sweep point 1 \
                 of 2 (events.strike.probability=0)\nhelp: with these values no state the \
                 scenario can reach makes the condition true, so more trials would keep none; \
                 sweep values where it can hold\n",
                "{args:?}"
            );
        }
    }
    let e = failure(
        &["sweep", HAZARD, "--vary", "scenario.run.trials=10:20:2"],
        1,
    );
    assert!(
        e.starts_with("error: --vary `scenario.run.trials` cannot be swept"),
        "{e}"
    );
    // clap's own refusal: --vary is required.
    failure(&["sweep", HAZARD], 2);
}

#[test]
fn sweep_writes_its_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sweep.csv");
    let out = brink()
        .args([
            "sweep",
            HAZARD,
            "--vary",
            "events.strike.probability=0.1:0.2:2",
            "--trials",
            "500",
            "--format",
            "csv",
            "--output",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(common::succeeded(&out).is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("point,events.strike.probability,"));
    // Nothing else left in the folder (no temporary file).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

// ---- compare ----

#[test]
fn compare_with_itself_is_exactly_zero() {
    let v = json(&[
        "compare", HAZARD, HAZARD, "--trials", "3000", "--format", "json",
    ]);
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["a"]["outcomes"], v["b"]["outcomes"]);
    for d in v["differences"].as_array().unwrap() {
        assert_eq!(d["difference"], 0.0);
        assert_eq!(d["ci95"], serde_json::json!([0.0, 0.0]));
        assert_eq!(d["only_in"], serde_json::Value::Null);
        // The paired table: every trial agrees.
        let both = d["both"].as_u64().unwrap();
        assert_eq!(both as f64, d["a"].as_f64().unwrap() * 3000.0);
        assert_eq!(
            (d["only_a"].as_u64(), d["only_b"].as_u64()),
            (Some(0), Some(0))
        );
    }
}

#[test]
fn compare_set_b_changes_b_only_and_uses_the_seed_of_a() {
    let v = json(&[
        "compare",
        HAZARD,
        HAZARD,
        "--set-b",
        "events.strike.probability=0.2",
        "--trials",
        "3000",
        "--format",
        "json",
    ]);
    assert_eq!(v["a"]["seed"], 3);
    assert_eq!(v["b"]["seed"], 3);
    assert_eq!(v["a"]["overrides"], serde_json::json!([]));
    assert_eq!(
        v["b"]["overrides"],
        serde_json::json!(["events.strike.probability=0.2"])
    );
    let d = &v["differences"][0];
    assert_eq!(d["id"], "struck");
    let exact = 0.9f64.powi(12) - 0.8f64.powi(12);
    let (lo, hi) = (
        d["ci95"][0].as_f64().unwrap(),
        d["ci95"][1].as_f64().unwrap(),
    );
    assert!(lo <= exact && exact <= hi, "[{lo}, {hi}] vs {exact}");
    // The paired counts add up to each side's share, and the difference is theirs.
    let count = |k: &str| d[k].as_u64().unwrap() as f64;
    let (both, only_a, only_b) = (count("both"), count("only_a"), count("only_b"));
    assert_eq!((both + only_a) / 3000.0, d["a"].as_f64().unwrap());
    assert_eq!((both + only_b) / 3000.0, d["b"].as_f64().unwrap());
    assert!(only_b > 100.0, "{d}");
    assert_eq!(
        d["difference"].as_f64().unwrap(),
        (only_b - only_a) / 3000.0
    );
    // The same B run alone gives the same report.
    let run_b = json(&[
        "run",
        HAZARD,
        "--set",
        "events.strike.probability=0.2",
        "--trials",
        "3000",
        "--format",
        "json",
    ]);
    assert_eq!(v["b"], run_b);
    // B left out: A compared with itself under the change, the same report.
    let one_file = json(&[
        "compare",
        HAZARD,
        "--set-b",
        "events.strike.probability=0.2",
        "--trials",
        "3000",
        "--format",
        "json",
    ]);
    assert_eq!(one_file, v);
}

#[test]
fn compare_formats_and_refusals() {
    let args = |f: &str| {
        words(&format!(
            "compare {HAZARD} {CHAIN} --trials 1000 --seed 5 --format {f}"
        ))
    };
    let table = stdout(&args("table"));
    assert!(table.contains("1000 paired trials, seed 5"), "{table}");
    assert!(table.contains("only in A"), "{table}");
    assert!(table.contains("probability 0 in the other"), "{table}");
    let csv = stdout(&args("csv"));
    assert_eq!(
        csv.lines().next(),
        Some("id,probability_a,probability_b,difference,ci95_low,ci95_high,only_in")
    );
    assert!(csv.contains("\nescalated,0,"), "{csv}");
    assert!(stdout(&args("markdown")).contains("| outcome | P(A) | P(B) |"));
    let e = failure(&["compare", HAZARD, HAZARD, "--given", "no_such_thing"], 1);
    assert!(e.contains("no_such_thing"), "{e}");
    let e = failure(&["compare", HAZARD, "missing.toml"], 1);
    assert!(e.contains("missing.toml"), "{e}");
    assert_eq!(
        failure(&["compare", HAZARD], 2),
        format!(
            "error: compare needs a second scenario, or a change to the first\nhelp: `brink \
             compare {HAZARD} OTHER.toml`, or `brink compare {HAZARD} --set-b \
             events.strike.probability=0.3` to compare it with itself under a change\n"
        )
    );
}

// ---- sensitivity ----

#[test]
fn sensitivity_json_shape() {
    let v = json(&["sensitivity", CHAIN, "--trials", "4000", "--format", "json"]);
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["trials"], 4000);
    assert_eq!(v["seed"], 11);
    let outcomes = v["outcomes"].as_array().unwrap();
    // Every outcome but the catch-all.
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0]["id"], "escalated");
    let events = outcomes[0]["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    for e in events {
        assert_eq!(e["removed"]["probability"], 0.0);
        assert_eq!(e["rrw"], serde_json::Value::Null);
        assert_eq!(e["doubled"]["capped"], false);
        assert_eq!(e["rank_correlation"], serde_json::Value::Null);
        assert!(e["raw"].as_f64().unwrap() > 1.0);
    }
    assert!(events[0]["swing"].as_f64() >= events[1]["swing"].as_f64());
}

#[test]
fn sensitivity_outcome_and_refusals() {
    let v = json(&[
        "sensitivity",
        CHAIN,
        "--outcome",
        "contained",
        "--trials",
        "1000",
        "--format",
        "json",
    ]);
    assert_eq!(v["outcomes"][0]["id"], "contained");
    let e = failure(&["sensitivity", CHAIN, "--outcome", "escalate"], 1);
    assert_eq!(
        e,
        "error: --outcome `escalate`: no such outcome in Two-event chain\n\
         help: did you mean `escalated`?\n"
    );
    let e = failure(&["sensitivity", CHAIN, "--given", "a"], 1);
    assert!(
        e.starts_with("error: `brink sensitivity` does not take --given"),
        "{e}"
    );
    let e = failure(&["sensitivity", CHAIN, "--seed", "x"], 1);
    assert!(e.starts_with("error: --seed `x` is not a seed"), "{e}");
    let e = failure(&["sensitivity", CHAIN, "--trials", "0"], 1);
    assert!(e.starts_with("error: --trials 0"), "{e}");
}

#[test]
fn sensitivity_table_markdown_csv() {
    let args = |f: &str| {
        words(&format!(
            "sensitivity {CHAIN} --trials 2000 --set events.b.probability=0.6 --format {f}"
        ))
    };
    let table = stdout(&args("table"));
    assert!(table.contains("escalated (Escalated): P = "), "{table}");
    assert!(
        table.contains("* capped: doubling reached a bound"),
        "{table}"
    );
    assert!(
        table.contains("│ events.b.probability ┆ 0.3 ┆   1* ┆"),
        "{table}"
    );
    assert!(
        table.contains("overrides: events.b.probability=0.6"),
        "{table}"
    );
    let md = stdout(&args("markdown"));
    assert!(md.contains("### escalated (Escalated)"), "{md}");
    let csv = stdout(&args("csv"));
    assert_eq!(csv.lines().next(), Some("outcome,event,metric,value"));
    assert!(csv.contains("\nescalated,b,doubled_capped,1\n"), "{csv}");
    assert!(csv.contains("\nescalated,a,doubled_capped,0\n"), "{csv}");
    assert!(
        csv.contains("\nescalated,events.b.probability,capped,1\n"),
        "{csv}"
    );
}

#[test]
fn random_seed_is_printed() {
    let out = brink()
        .args([
            "sensitivity",
            CHAIN,
            "--trials",
            "100",
            "--seed",
            "random",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    common::succeeded(&out);
    let err = String::from_utf8(out.stderr).unwrap();
    let seed: u64 = err.trim().strip_prefix("seed: ").unwrap().parse().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["seed"], seed);
}

#[test]
fn sweep_point_reports_equal_run_reports_under_given() {
    // With --given, a point's report is still `run --set --given`'s: the same kept trials.
    let v = json(&[
        "sweep",
        HAZARD,
        "--vary",
        "scenario.horizon=3:6:2",
        "--given",
        "struck",
        "--trials",
        "500",
        "--format",
        "json",
    ]);
    let run = json(&[
        "run",
        HAZARD,
        "--set",
        "scenario.horizon=6",
        "--given",
        "struck",
        "--trials",
        "500",
        "--format",
        "json",
    ]);
    assert_eq!(run["given"]["expr"], "struck");
    assert_eq!(v["points"][1]["report"], run);
}
