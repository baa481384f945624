//! `brink graph --probabilities`: the run's figures on the nodes, the same as `brink run`'s
//! JSON at the same trials and seed (to the digits shown), whatever the thread count; the
//! sampling flags only with it; and every format still parsed by its own tools.

use crate::common;

use std::process::{Command, Stdio};

use brink::report::figures::percent_ci;
use common::{brink, failure, in_ci, json, ok, root};

const SMALL: &str = "tests/scenarios/graph_small.toml";

fn graph(extra: &[&str]) -> String {
    let mut args = vec![
        "graph",
        SMALL,
        "--probabilities",
        "--trials",
        "3000",
        "--seed",
        "11",
    ];
    args.extend(extra);
    ok(&args).0
}

/// The figure a node should show, from the run's JSON row.
fn expected(row: &serde_json::Value) -> String {
    let p = row["probability"].as_f64().unwrap();
    let ci = &row["ci95"];
    percent_ci(p, ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap()).0
}

#[test]
fn the_nodes_show_the_runs_figures() {
    let report = json(&[
        "run", SMALL, "--trials", "3000", "--seed", "11", "--format", "json",
    ]);
    let dot = graph(&["--format", "dot"]);
    let mut seen = 0;
    for (section, prefix) in [("events", "e_"), ("outcomes", "o_")] {
        for row in report[section].as_array().unwrap() {
            let id = row["id"].as_str().unwrap();
            let line = dot
                .lines()
                .find(|l| {
                    l.trim_start()
                        .starts_with(&format!("\"{prefix}{id}\" [label="))
                })
                .unwrap_or_else(|| panic!("no node {id} in {dot}"));
            let label = line.split("label=\"").nth(1).unwrap();
            let label = &label[..label.find("\", shape=").unwrap()];
            let shown = label.rsplit("\\n").next().unwrap();
            assert_eq!(shown, expected(row), "{id}: {line}");
            // And the figure is the probability itself, to its last shown digit.
            let p = row["probability"].as_f64().unwrap() * 100.0;
            let value: f64 = shown.trim_end_matches('%').parse().unwrap();
            let decimals = shown.split('.').nth(1).map_or(0, |d| d.len() - 1) as i32;
            assert!(
                (value - p).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-9,
                "{id}: {shown} vs {p}"
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 6, "three events and three outcomes");
    // Flags and variables carry no figure.
    assert!(
        dot.contains("\"f_ceasefire\" [label=\"ceasefire\", "),
        "{dot}"
    );
}

#[test]
fn the_figures_do_not_depend_on_the_thread_count() {
    let one = graph(&["--format", "svg", "--threads", "1"]);
    let three = graph(&["--format", "svg", "--threads", "3"]);
    assert_eq!(one, three);
    assert!(one.contains("font-weight=\"bold\">"), "{one}");
    // Mermaid puts the figure on a line of its own.
    let mmd = graph(&["--format", "mermaid", "--milestones"]);
    assert!(mmd.contains("  o_war{{\"war<br>"), "{mmd}");
}

#[test]
fn sampling_flags_need_probabilities() {
    let err = failure(&["graph", SMALL, "--trials", "100"], 2);
    assert!(err.contains("--probabilities"), "{err}");
    let err = failure(&["graph", SMALL, "--probabilities", "--trials", "0"], 1);
    assert!(err.contains("--trials 0"), "{err}");
}

#[test]
fn svg_on_the_command_line_is_the_golden_drawing() {
    let (svg, _) = ok(&["graph", SMALL, "--format", "svg"]);
    let golden = std::fs::read_to_string(root().join("tests/golden/graph_small.svg")).unwrap();
    assert_eq!(svg, golden);
}

/// Graphviz output: `dot` on the output with figures, and the baseline's chain with wrapped
/// labels fits 1600 units (it was 5010 pixels wide with labels on one line).
#[test]
fn graphviz_reads_the_figures_and_the_wrapped_chain_is_narrow() {
    if Command::new("dot").arg("-V").output().is_err() {
        assert!(
            !in_ci(),
            "Graphviz is missing in CI: .ci/run should have installed it"
        );
        eprintln!("note: Graphviz `dot` is not installed; skipping (apt-get install graphviz)");
        return;
    }
    let render = |text: &str| {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let svg = common::succeeded(&out).to_string();
        assert!(out.stderr.is_empty(), "{out:?}");
        svg
    };
    let report = json(&[
        "run", SMALL, "--trials", "3000", "--seed", "11", "--format", "json",
    ]);
    let svg = render(&graph(&["--format", "dot"]));
    let war = expected(&report["outcomes"][0]);
    assert!(svg.contains(&format!(">{war}</text>")), "{war}: {svg}");
    let chain = brink()
        .args(["graph", "scenarios/baseline.toml", "--milestones"])
        .output()
        .unwrap();
    let svg = render(&String::from_utf8(chain.stdout).unwrap());
    let width = svg.split("<svg width=\"").nth(1).unwrap();
    let width: f64 = width[..width.find("pt\"").unwrap()].parse().unwrap();
    assert!(
        width <= 1600.0,
        "the baseline's chain is {width} units wide"
    );
}

/// A scenario's own `given` that no trial meets leaves no figure: an error, as for `run`, not
/// nodes labelled `NaN%`.
#[test]
fn a_given_no_trial_meets_is_an_error() {
    let err = failure(
        &[
            "graph",
            "tests/good/full.toml",
            "--probabilities",
            "--trials",
            "200",
            "--set",
            "scenario.given=false",
        ],
        1,
    );
    assert!(err.contains("no trial satisfied given `false`"), "{err}");
}
