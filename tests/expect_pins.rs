//! `[[expect]]` pins of format 2: `holds` (the probability that a condition holds at the end) and
//! `variable` with `mean`, against closed forms (5 standard errors), under the block's and the
//! file's `given`, and in `brink test`'s JUnit output.

use crate::common;

use brink::analysis::expect::{ExpectResult, run_file};
use brink::engine::Settings;

/// `a` (0.3) and `b` (0.5) independent in one step; `x` gets a uniform draw on [0, 10].
fn scenario(scenario_given: &str, expects: &str) -> String {
    format!(
        "[scenario]\nname = \"pins\"\nhorizon = 1\n{scenario_given}\n\n\
         [scenario.run]\ntrials = 40000\nseed = 3\n\n\
         [variables]\nx = 0\n\n\
         [[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n\
         [[events]]\nid = \"a\"\nactor = \"someone\"\nprobability = 0.3\n\n\
         [[events]]\nid = \"b\"\nactor = \"someone\"\nprobability = 0.5\n\n\
         [[events]]\nid = \"draw\"\nactor = \"someone\"\nprobability = 1\n\
         add = {{ x = {{ uniform = [0, 10] }} }}\n\n\
         [[outcomes]]\nid = \"both\"\nterminal = false\nwhen = \"a and b\"\n\n\
         [[outcomes]]\nid = \"other\"\n\n{expects}"
    )
}

const PINS: &str = "[[expect]]\nholds = \"a and b\"\nprobability = [0.13, 0.17]\n\n\
    [[expect]]\nholds = \"b\"\ngiven = \"a\"\nprobability = [0.45, 0.55]\n\n\
    [[expect]]\nvariable = \"x\"\nmean = [4.8, 5.2]\n\n\
    [[expect]]\nholds = \"both or x > 5\"\nprobability = [0.0, 1.0]\n\n\
    [[expect]]\nvariable = \"x\"\nmean = [0, 1]\n";

fn results(dir: &tempfile::TempDir, scenario_given: &str) -> Vec<ExpectResult> {
    let path = dir.path().join("pins.toml");
    std::fs::write(&path, scenario(scenario_given, PINS)).unwrap();
    run_file(&path, Settings::default())
        .unwrap_or_else(|d| panic!("{}", d.render(false)))
        .0
}

#[track_caller]
fn near(r: &ExpectResult, want: f64, sd: f64) {
    let got = r.estimate.expect("judged");
    let se = sd / (r.kept as f64).sqrt();
    assert!((got - want).abs() < 5.0 * se, "{}: {got} vs {want}", r.id);
}

#[test]
fn holds_and_variable_means_match_their_closed_forms() {
    let dir = tempfile::tempdir().unwrap();
    let r = results(&dir, "");
    let bern = |p: f64| (p * (1.0 - p)).sqrt();
    assert_eq!((r[0].kind, r[0].id.as_str()), ("holds", "a and b"));
    near(&r[0], 0.15, bern(0.15));
    // Under the block's `given = "a"`: P(b | a) = 1/2 over the kept trials.
    near(&r[1], 0.5, bern(0.5));
    assert!(r[1].kept < r[1].trials);
    assert_eq!(r[2].kind, "variable");
    near(&r[2], 5.0, 10.0 / 12f64.sqrt());
    // An outcome id in `holds` means "ended in it": P(a and b, or x > 5) = 0.15 + 0.85 / 2.
    near(&r[3], 0.15 + 0.85 * 0.5, bern(0.575));
    assert!(r[..4].iter().all(|e| e.passed), "{r:?}");
    // A mean outside its range fails, with the estimate shown.
    assert!(!r[4].passed && r[4].estimate.unwrap() > 4.0);
}

#[test]
fn expectations_run_under_the_files_given() {
    let dir = tempfile::tempdir().unwrap();
    let r = results(&dir, "given = \"x > 5\"");
    // Kept: x > 5, so x is uniform on [5, 10]; `a and b` is independent of it.
    near(&r[0], 0.15, (0.15f64 * 0.85).sqrt());
    near(&r[2], 7.5, 5.0 / 12f64.sqrt());
    assert!(!r[2].passed);
}

#[test]
fn junit_names_the_new_pins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pins.toml");
    std::fs::write(&path, scenario("", PINS)).unwrap();
    let out = common::brink()
        .args([
            "test",
            path.to_str().unwrap(),
            "--format",
            "junit",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.contains("holds `a and b`"), "{xml}");
    assert!(xml.contains("variable `x` mean: estimate"), "{xml}");
}
