//! `--precision H` on run and compare: whole chunks until every target's 95% half-width is at
//! most H, the same bytes on any thread count, and a run capped one chunk earlier does not reach
//! H.

use crate::common;

use assert_cmd::Command;

const BASELINE: &str = "scenarios/baseline.toml";
const CHUNK: u64 = 4096;

fn brink(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("brink")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

#[track_caller]
fn json(args: &[&str]) -> (Vec<u8>, serde_json::Value) {
    let out = brink(args);
    common::succeeded(&out);
    let v = serde_json::from_slice(&out.stdout).unwrap();
    (out.stdout, v)
}

/// The largest half-width among the listed ids (outcomes and events).
fn widest(v: &serde_json::Value, ids: &[&str]) -> f64 {
    ["outcomes", "events"]
        .iter()
        .flat_map(|list| v[list].as_array().unwrap())
        .filter(|row| ids.contains(&row["id"].as_str().unwrap()))
        .map(|row| (row["ci95"][1].as_f64().unwrap() - row["ci95"][0].as_f64().unwrap()) / 2.0)
        .fold(0.0, f64::max)
}

fn outcome_ids(v: &serde_json::Value) -> Vec<String> {
    (v["outcomes"].as_array().unwrap().iter())
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn precision_is_reached_on_whole_chunks_the_same_on_any_thread_count() {
    let h = "0.006";
    let args = |threads: &'static str| {
        vec![
            "run",
            BASELINE,
            "--precision",
            h,
            "--seed",
            "4",
            "--threads",
            threads,
            "--format",
            "json",
        ]
    };
    let (one, v) = json(&args("1"));
    let (two, _) = json(&args("2"));
    assert_eq!(one, two, "1 and 2 threads differ");
    let trials = v["trials"].as_u64().unwrap();
    assert_eq!(trials % CHUNK, 0, "{trials}");
    let ids = outcome_ids(&v);
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert!(widest(&v, &ids) <= 0.006, "{}", widest(&v, &ids));
    assert_eq!(v["precision"]["target"], 0.006);
    assert_eq!(v["precision"]["cap_hit"], false);
    assert_eq!(v["precision"]["of"].as_array().unwrap().len(), ids.len());
    // One chunk fewer, as the cap: not reached.
    let cap = (trials - CHUNK).to_string();
    let (_, w) = json(&[
        "run",
        BASELINE,
        "--precision",
        h,
        "--seed",
        "4",
        "--trials",
        &cap,
        "--format",
        "json",
    ]);
    assert_eq!(w["trials"].as_u64(), Some(trials - CHUNK));
    assert_eq!(w["precision"]["cap_hit"], true);
    assert!(widest(&w, &ids) > 0.006);
}

#[test]
fn precision_of_one_event_and_the_report_says_so() {
    let (_, v) = json(&[
        "run",
        BASELINE,
        "--precision",
        "0.01",
        "--precision-of",
        "ceasefire",
        "--seed",
        "4",
        "--format",
        "json",
    ]);
    assert_eq!(v["precision"]["of"], serde_json::json!(["ceasefire"]));
    assert!(widest(&v, &["ceasefire"]) <= 0.01);
    let table = String::from_utf8(
        brink(&[
            "run",
            BASELINE,
            "--precision",
            "0.01",
            "--precision-of",
            "ceasefire",
        ])
        .stdout,
    )
    .unwrap();
    assert!(
        table.contains("precision: every 95% half-width of ceasefire is at most 0.01 after"),
        "{table}"
    );
}

#[test]
fn bad_targets_are_errors() {
    let out = brink(&[
        "run",
        BASELINE,
        "--precision",
        "0.01",
        "--precision-of",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("--precision-of `nope`: no outcome or event"),
        "{e}"
    );
    for h in ["0", "0.5", "-1", "x"] {
        let out = brink(&["run", BASELINE, "--precision", h]);
        assert_eq!(out.status.code(), Some(1), "{h}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "error: --precision {h}: give a half-width between 0 and 0.5, neither included\n\
                 help: a fraction: 0.005 is half a percentage point\n"
            )
        );
    }
    let out = brink(&["run", BASELINE, "--precision-of", "ceasefire"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The largest half-width of the paired differences named.
fn widest_difference(v: &serde_json::Value, list: &str, ids: &[&str]) -> f64 {
    (v[list].as_array().unwrap().iter())
        .filter(|d| ids.is_empty() || ids.contains(&d["id"].as_str().unwrap()))
        .map(|d| (d["ci95"][1].as_f64().unwrap() - d["ci95"][0].as_f64().unwrap()) / 2.0)
        .fold(0.0, f64::max)
}

#[test]
fn compare_runs_to_a_precision_of_its_paired_differences() {
    fn args<'a>(threads: &'a str, cap: Option<&'a str>) -> Vec<&'a str> {
        let mut a = vec![
            "compare",
            BASELINE,
            BASELINE,
            "--set-b",
            "events.ceasefire.probability=0.3",
            "--precision",
            "0.008",
            "--seed",
            "3",
            "--threads",
            threads,
            "--format",
            "json",
        ];
        if let Some(cap) = cap {
            a.extend(["--trials", cap]);
        }
        a
    }
    let (one, v) = json(&args("1", None));
    let (two, _) = json(&args("2", None));
    assert_eq!(one, two, "1 and 2 threads differ");
    let trials = v["a"]["trials"].as_u64().unwrap();
    assert_eq!(trials % CHUNK, 0);
    assert!(widest_difference(&v, "differences", &[]) <= 0.008);
    assert_eq!(v["precision"]["cap_hit"], false);
    let cap = (trials - CHUNK).to_string();
    let (_, w) = json(&args("2", Some(&cap)));
    assert_eq!(w["precision"]["cap_hit"], true);
    assert!(widest_difference(&w, "differences", &[]) > 0.008);
    // An event as the target.
    let (_, e) = json(&[
        "compare",
        BASELINE,
        BASELINE,
        "--set-b",
        "events.ceasefire.probability=0.3",
        "--precision",
        "0.01",
        "--precision-of",
        "ceasefire",
        "--format",
        "json",
    ]);
    assert_eq!(e["precision"]["of"], serde_json::json!(["ceasefire"]));
    assert!(widest_difference(&e, "event_differences", &["ceasefire"]) <= 0.01);
}

/// A `given` that no trial meets stops a run to a precision after the first million trials
/// (whole chunks: 1 003 520), on any thread count, instead of running on to the cap of 10^8.
#[test]
fn a_given_that_keeps_nothing_stops_a_precision_run_early() {
    let file = "tests/precision/never_kept.toml";
    let stop = "(0 of 1003520 trials kept)\n\
                help: a run to a precision stops when none of the first 1000000 trials is \
                kept; check the condition\n";
    for threads in ["1", "2"] {
        let cases: [(&[&str], String); 3] = [
            (
                &["run", file, "--precision", "0.01", "--threads", threads],
                format!("error: no trial satisfied given `likely and not likely` {stop}"),
            ),
            (
                &[
                    "compare",
                    file,
                    file,
                    "--precision",
                    "0.01",
                    "--threads",
                    threads,
                ],
                format!("error: no trial of A satisfied `likely and not likely` {stop}"),
            ),
            (
                &[
                    "sweep",
                    file,
                    "--vary",
                    "events.likely.probability=0.1:0.2:2",
                    "--precision",
                    "0.01",
                    "--threads",
                    threads,
                ],
                format!(
                    "error: --given or the scenario's given kept none of the trials at sweep \
                     point 1 of 2 (events.likely.probability=0.1)\n{}",
                    &stop[stop.find("help").unwrap()..]
                ),
            ),
        ];
        for (args, expected) in cases {
            let out = brink(args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert_eq!(String::from_utf8_lossy(&out.stderr), expected, "{args:?}");
        }
    }
}
