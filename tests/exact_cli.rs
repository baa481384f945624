//! `brink exact` on the command line: every format, `--output`, `--max-states` and refusals.

use crate::common;

use common::{brink, stdout};

#[test]
fn table_shows_outcomes_and_the_work_done() {
    let text = stdout(&["exact", "tests/scenarios/gamblers_ruin.toml"]);
    assert!(
        text.starts_with(
            "Gambler's ruin (exact)\n\
             tests/scenarios/gamblers_ruin.toml · exact, no sampling · horizon 3000 months\n"
        ),
        "{text}"
    );
    // The shared table: no interval and no count, since nothing was sampled.
    let ruin = text.lines().find(|l| l.starts_with("│ ruin ")).unwrap();
    let cells: Vec<&str> = ruin.split(['│', '┆']).map(str::trim).collect();
    assert_eq!(
        cells[1..6],
        ["ruin", "ruin", "70.00%", "exact", "–"],
        "{text}"
    );
    // Four significant digits however small (scientific below a thousandth of a percent).
    assert!(text.contains("┆ 0%") || text.contains("e-"), "{text}");
    // Paths as a run shows them, without counts: no once-only event, so the empty path only.
    let path = text
        .lines()
        .find(|l| l.starts_with("│ (no event) "))
        .unwrap();
    assert!(
        path.contains(" 100.0% ┆     – ┆ ruin 70.00%, rich 30.00%"),
        "{text}"
    );
    // The footer comes after the shared table.
    assert!(
        text.contains("\n\nexact: no sampling, no intervals; peak 6 distinct states, "),
        "{text}"
    );
}

#[test]
fn json_has_the_report_shape_and_no_timings() {
    let args = ["exact", "tests/scenarios/binomial.toml", "--format", "json"];
    let (a, b) = (stdout(&args), stdout(&args));
    assert_eq!(a, b, "the same inputs give the same bytes");
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["exact"], true);
    assert_eq!(v["horizon"], 20);
    assert_eq!(v["scenario"]["name"], "Binomial at the horizon");
    let none = &v["outcomes"][0];
    assert_eq!(none["id"], "none");
    assert!((none["probability"].as_f64().unwrap() - 0.7f64.powi(20)).abs() < 1e-15);
    assert!(none["ci95"].is_null());
    assert!(none["step"].is_null());
    let success = &v["events"][0];
    assert!((success["mean_times"].as_f64().unwrap() - 6.0).abs() < 1e-12);
    assert_eq!(success["median_first_step"], 2);
    assert_eq!(v["variables"][0]["p50"], 6.0);
    assert_eq!(v["variables"][0]["approximate"], false);
    // Nothing sampled: zeros, and counts of 0 in the paths and routes.
    assert_eq!(
        (&v["seed"], &v["trials"], &none["count"]),
        (&0.into(), &0.into(), &0.into())
    );
    assert_eq!(v["paths"][0]["events"], serde_json::json!([]));
    assert_eq!(v["paths"][0]["count"], 0);
    assert_eq!(v["routes"][0]["count"], 0);
    assert_eq!(v["routes"][0]["none"], 1.0);
    assert_eq!(success["actor"], "someone");
}

#[test]
fn markdown_and_csv() {
    let md = stdout(&[
        "exact",
        "tests/scenarios/hazard.toml",
        "--format",
        "markdown",
    ]);
    assert!(md.starts_with("# Geometric hazard (exact)\n"), "{md}");
    assert!(
        md.contains("\n| hit | hit | 87.84% | exact | – | half of these by step 6 (a quarter by step 3, three quarters by step 11) |"),
        "{md}"
    );
    assert!(
        md.ends_with("\n\n- exact: no sampling, no intervals; peak 2 distinct states\n"),
        "{md}"
    );
    let csv = stdout(&["exact", "tests/scenarios/hazard.toml", "--format", "csv"]);
    assert!(csv.starts_with("section,id,metric,step,value\n"), "{csv}");
    assert!(csv.contains("\noutcome,hit,probability,,0.878423"), "{csv}");
    assert!(csv.contains("\nrun,,exact,,true\n"), "{csv}");
    assert!(!csv.contains(",seed,") && !csv.contains(",count,"), "{csv}");
}

#[test]
fn overrides_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.json");
    let out = stdout(&[
        "exact",
        "tests/scenarios/hazard.toml",
        "--set",
        "events.strike.probability=0.5",
        "--set",
        "scenario.horizon=2",
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(out.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["outcomes"][0]["probability"], 0.75);
    assert_eq!(v["overrides"].as_array().unwrap().len(), 2);
}

#[test]
fn too_many_states_exits_1_with_a_clear_message() {
    let out = brink()
        .args([
            "exact",
            "tests/scenarios/binomial.toml",
            "--max-states",
            "5",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: tests/scenarios/binomial.toml: more than 5 distinct states at step 5: the \
         exact computation stops here rather than run out of memory\n  \
         help: raise --max-states, shorten the horizon with --set scenario.horizon=N, or use \
         `brink run`\n"
    );
}

#[test]
fn random_amounts_exit_1_naming_the_event() {
    let out = brink()
        .args(["exact", "tests/scenarios/random_amount.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(
            "error: tests/scenarios/random_amount.toml: event `battle`, branch \"heavy\": \
             `add` to `losses` draws a normal amount"
        ),
        "{err}"
    );
}

/// A scenario read from standard input is `<stdin>` in the error, as in every other command
/// (QA: `error: -: event ...`).
#[test]
fn a_scenario_from_standard_input_is_named_stdin() {
    let scenario = std::fs::read("tests/scenarios/random_amount.toml").unwrap();
    let out = brink()
        .args(["exact", "-"])
        .write_stdin(scenario)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: <stdin>: event `battle`, branch \"heavy\": `add` to `losses`"),
        "{err}"
    );
}

#[test]
fn untracked_variables_are_listed_with_null_statistics_and_named_in_the_footer() {
    let base = [
        "exact",
        "tests/scenarios/random_amount.toml",
        "--set",
        "outcomes.costly.when=battle",
    ];
    let json = stdout(&[&base[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let losses = &v["variables"][0];
    assert_eq!(losses["id"], "losses");
    for stat in ["mean", "p5", "p50", "p95"] {
        assert!(losses[stat].is_null(), "{stat}: {json}");
    }
    let table = stdout(&base);
    assert!(
        table.contains("│ losses   ┆    – ┆  – ┆   – ┆   – │"),
        "{table}"
    );
    assert!(
        table.ends_with(
            "\nnot tracked (no condition reads them, so they cannot change a probability): \
             losses\n"
        ),
        "{table}"
    );
}

/// The corpus of scenarios `exact` refuses (tests/exact_refused): each `NAME.toml` exits 1 with
/// exactly the message in `NAME.stderr`, naming what is in the way and why.
#[test]
fn refusals_say_what_is_in_the_way_and_why() {
    let dir = std::path::Path::new("tests/exact_refused");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for file in files {
        let out = brink()
            .args(["exact", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        assert!(out.stdout.is_empty());
        let want = std::fs::read_to_string(file.with_extension("stderr")).unwrap();
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            want,
            "{}",
            file.display()
        );
    }
}
