//! `brink graph` on the command line: stdout, `--output`, overrides and errors.

use crate::common;

use common::{brink, root};

fn golden(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/golden").join(name)).unwrap()
}

#[test]
fn prints_dot_by_default() {
    let out = brink()
        .args(["graph", "tests/scenarios/graph_small.toml"])
        .output()
        .unwrap();
    assert_eq!(common::succeeded(&out), golden("graph_small.dot"));
}

#[test]
fn writes_mermaid_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chain.mmd");
    let out = brink()
        .args([
            "graph",
            "tests/scenarios/graph_small.toml",
            "--format",
            "mermaid",
            "--output",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(common::succeeded(&out).is_empty());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        golden("graph_small.mmd")
    );
    // Nothing else is left in the folder (the temporary file was renamed).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn applies_overrides() {
    let out = brink()
        .args([
            "graph",
            "tests/scenarios/graph_small.toml",
            "--set",
            "events.deploy.label=Sends more",
        ])
        .output()
        .unwrap();
    let text = common::succeeded(&out);
    assert!(text.contains(r#""e_deploy" [label="Sends more""#), "{text}");
}

#[test]
fn a_missing_file_fails_with_exit_code_1() {
    let out = brink()
        .args(["graph", "tests/scenarios/no_such_file.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.is_empty());
}

#[test]
fn an_unwritable_output_fails_with_exit_code_1() {
    let out = brink()
        .args(["graph", "tests/scenarios/graph_small.toml", "--output"])
        .arg("/nonexistent-folder/x.dot")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot write /nonexistent-folder/x.dot:"),
        "{stderr}"
    );
}

#[test]
fn milestones_draws_the_reduced_chain() {
    let out = brink()
        .args(["graph", "tests/scenarios/graph_small.toml", "--milestones"])
        .output()
        .unwrap();
    let text = common::succeeded(&out);
    assert_eq!(text, golden("graph_small_milestones.dot"));
    assert!(!text.contains("f_ceasefire"), "{text}");
}
