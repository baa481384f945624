//! Every report format on a small scenario at a fixed seed, compared with reviewed snapshots
//! (tests/snapshots/), and the JSON shape of cli.md.

use brink::engine::{RunConfig, run, trace_with};
use brink::model::{Model, compile_given, load_str};
use brink::report::{
    Report, ReportFormat, RunDocument, RunMeta, StoryMeta, render as render_doc, render_trace,
};

const SCENARIO: &str = r#"
[scenario]
name = "Small escalation"
horizon = 6
start = "2025-11"

[[actors]]
id = "red"
name = "Red"

[[actors]]
id = "blue"
name = "Blue"

[flags]
mobilised = false

[variables]
tension = { initial = 2, min = 0, max = 10, unit = "index" }

[[events]]
id = "mobilise"
actor = "red"
label = "Red mobilises"
probability = 0.3
set = ["mobilised"]
add = { tension = 3 }

[[events]]
id = "incident"
actor = "blue"
label = "A border incident"
when = "mobilised"
probability = { uniform = [0.2, 0.6] }
repeat = true
branches = [
  { weight = 3, label = "contained", add = { tension = 1 } },
  { weight = 1, label = "shots fired", add = { tension = 3 } },
]

[[outcomes]]
id = "war"
label = "War"
when = "tension >= 9"

[[outcomes]]
id = "standoff"
label = "Armed standoff"
when = "mobilised"
terminal = false

[[outcomes]]
id = "calm"
label = "Calm"
"#;

fn model() -> Model {
    load_str("small.toml", SCENARIO, &[]).unwrap().model
}

fn report(given: Option<&str>) -> Report {
    let m = model();
    let mut cfg = RunConfig::new(4000, 1);
    cfg.threads = Some(2);
    cfg.given = given.map(|g| compile_given(&m, g).unwrap());
    let result = run(&m, &cfg);
    let meta = RunMeta {
        file: Some("small.toml".into()),
        seed: 1,
        given: given.map(str::to_string),
    };
    Report::build(&m, &result, &meta)
}

fn render(format: ReportFormat) -> String {
    render_doc(&RunDocument::new(report(None)), format)
}

#[test]
fn table() {
    insta::assert_snapshot!(render(ReportFormat::Table));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(render(ReportFormat::Markdown));
}

#[test]
fn json() {
    insta::assert_snapshot!(render(ReportFormat::Json));
}

#[test]
fn csv() {
    insta::assert_snapshot!(render(ReportFormat::Csv));
}

#[test]
fn given_table() {
    let r = report(Some("war or incident"));
    insta::assert_snapshot!(render_doc(&RunDocument::new(r), ReportFormat::Table));
}

#[test]
fn json_has_the_documented_shape() {
    let v: serde_json::Value = serde_json::from_str(&render(ReportFormat::Json)).unwrap();
    assert_eq!(v["schema_version"], 1);
    for key in [
        "scenario",
        "seed",
        "trials",
        "horizon",
        "overrides",
        "given",
        "outcomes",
        "events",
        "actors",
        "variables",
        "paths",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert!(v.get("exact").is_none(), "exact is omitted when false");
    assert_eq!(v["given"], serde_json::Value::Null);
    let o = &v["outcomes"][0];
    for key in ["id", "label", "probability", "ci95", "count", "step"] {
        assert!(o.get(key).is_some(), "outcome lacks {key}");
    }
    assert_eq!(o["step"]["months"]["median"].as_str().unwrap().len(), 7);
    // A non-terminal outcome has no step.
    assert_eq!(v["outcomes"][1]["step"], serde_json::Value::Null);
    let e = &v["events"][1];
    for key in [
        "id",
        "probability",
        "ci95",
        "mean_times",
        "median_first_step",
        "branches",
    ] {
        assert!(e.get(key).is_some(), "event lacks {key}");
    }
    let b = e["branches"].as_object().unwrap();
    assert_eq!(b.keys().collect::<Vec<_>>(), ["contained", "shots fired"]);
    let sum: f64 = v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["probability"].as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-12);
    assert!(render(ReportFormat::Json).ends_with("}\n"));
}

fn story(format: ReportFormat) -> String {
    let m = model();
    let given = compile_given(&m, "war").unwrap();
    // The first trial (from 0) of seed 1 that ends in war: a full story.
    let k = (0..)
        .find(|&k| trace_with(&m, 1, k, &[], None).end.outcome == 0)
        .unwrap();
    let t = trace_with(&m, 1, k, &[], Some(&given));
    let meta = StoryMeta {
        file: "small.toml".into(),
        given: Some("war".into()),
    };
    render_trace(&m, &t, &meta, format)
}

#[test]
fn trace_text() {
    insta::assert_snapshot!(story(ReportFormat::Table));
}

#[test]
fn trace_markdown() {
    insta::assert_snapshot!(story(ReportFormat::Markdown));
}

#[test]
fn trace_json() {
    insta::assert_snapshot!(story(ReportFormat::Json));
}

#[test]
fn trace_csv() {
    insta::assert_snapshot!(story(ReportFormat::Csv));
}
