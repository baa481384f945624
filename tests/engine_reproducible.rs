//! Reproducibility (cli.md): the same inputs give the same bytes, whatever the thread count;
//! another seed gives other numbers.

use brink::engine::{RunConfig, run};
use brink::model::{Model, load};
use brink::report::{Report, ReportFormat, RunDocument, RunMeta, render};

fn baseline() -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
    load(&path, &[]).expect("the baseline scenario loads").model
}

fn json(model: &Model, trials: u64, seed: u64, threads: usize) -> String {
    let mut cfg = RunConfig::new(trials, seed);
    cfg.threads = Some(threads);
    let result = run(model, &cfg);
    let meta = RunMeta {
        file: Some("scenarios/baseline.toml".into()),
        seed,
        given: None,
    };
    let doc = RunDocument::new(Report::build(model, &result, &meta));
    render(&doc, ReportFormat::Json)
}

#[test]
fn json_bytes_do_not_depend_on_the_thread_count() {
    let m = baseline();
    // Enough trials for many chunks, sketched percentiles and a merge order that matters.
    let one = json(&m, 60_000, 3, 1);
    assert!(
        one.contains("\"approximate\": true"),
        "variables are sketched"
    );
    assert_eq!(one, json(&m, 60_000, 3, 2));
    assert_eq!(one, json(&m, 60_000, 3, 3));
    assert_eq!(one, json(&m, 60_000, 3, 1), "and from one run to the next");
}

#[test]
fn two_seeds_give_different_results() {
    let m = baseline();
    assert_ne!(json(&m, 5_000, 1, 2), json(&m, 5_000, 2, 2));
}
