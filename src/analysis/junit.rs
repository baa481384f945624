//! `brink test` results as JUnit XML, the format CI systems (GitHub, GitLab, Jenkins) display as
//! test results. One test suite per scenario file, one test case per `[[expect]]` block.
//!
//! The XML is written by `quick-junit` (the crate cargo-nextest uses), so escaping and the
//! element layout follow what JUnit readers expect. No times or timestamps are written: the same
//! inputs give the same bytes.

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::expect::ExpectResult;
use super::verdict::{FileVerdict, TestDocument};

/// The JUnit XML document for the verdict's files, in order.
pub fn render(doc: &TestDocument) -> String {
    let mut report = Report::new("brink test");
    for file in &doc.files {
        report.add_test_suite(suite(file));
    }
    let mut text = report
        .to_string()
        .expect("an in-memory JUnit report always serializes");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn suite(file: &FileVerdict) -> TestSuite {
    let mut suite = TestSuite::new(file.file.as_str());
    if let Some(error) = &file.error {
        // A file that does not load is one errored case, so CI shows it among the results.
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status
            .set_message("the file has errors")
            .set_type("scenario error")
            .set_description(error);
        let mut case = TestCase::new(format!("{}: load", file.file), status);
        case.set_classname(file.file.as_str());
        suite.add_test_case(case);
        return suite;
    }
    suite.add_test_cases(file.expectations.iter().map(|e| case(&file.file, e)));
    suite
}

/// A test case: named by the block's location and target, carrying the numbers as properties
/// and, when it fails, a message with the estimate against the range.
fn case(file: &str, e: &ExpectResult) -> TestCase {
    let status = match (&e.error, e.passed) {
        (Some(error), _) => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
            s.set_message("the expectation could not be judged")
                .set_type("expectation error")
                .set_description(format!("{error}\n{}", how(e)));
            s
        }
        (None, true) => TestCaseStatus::success(),
        (None, false) => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(format!(
                "{} `{}`{}: estimate {} outside [{}, {}]",
                e.kind,
                e.id,
                if e.kind == "variable" { " mean" } else { "" },
                estimate(e),
                e.range[0],
                e.range[1]
            ))
            .set_type("expectation failed")
            .set_description(how(e));
            s
        }
    };
    let mut case = TestCase::new(format!("{} {} `{}`", e.location, e.kind, e.id), status);
    case.set_classname(file);
    case.add_properties([
        Property::new("estimate", estimate(e)),
        Property::new("lo", e.range[0].to_string()),
        Property::new("hi", e.range[1].to_string()),
        Property::new("trials", e.trials.to_string()),
        Property::new("seed", e.seed.to_string()),
        Property::new("kept", e.kept.to_string()),
    ]);
    case
}

fn estimate(e: &ExpectResult) -> String {
    e.estimate
        .map_or_else(|| "none".to_string(), |p| p.to_string())
}

/// How the expectation was run, so a failure can be reproduced from the CI page alone.
fn how(e: &ExpectResult) -> String {
    let mut lines = vec![
        format!("observed: {}", estimate(e)),
        format!("expected: [{}, {}]", e.range[0], e.range[1]),
        format!("trials: {}", e.trials),
        format!("seed: {}", e.seed),
    ];
    if let Some(given) = &e.given {
        lines.push(format!("given: {given} ({} trials kept)", e.kept));
    }
    for set in &e.set {
        lines.push(format!("set: {set}"));
    }
    lines.join("\n")
}
