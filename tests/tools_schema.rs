//! The JSON Schema of the scenario format: the shipped copy is what `brink schema` prints, every
//! shipped and test scenario satisfies it, and files with shape errors fail it as they fail
//! `brink check`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const SHIPPED: &str = "schema/scenario.schema.json";

fn brink() -> Command {
    Command::cargo_bin("brink").expect("the binary is built")
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(SHIPPED).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is itself valid")
}

/// A scenario as JSON, the way an editor's TOML server hands it to the schema.
fn as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn schema_errors(v: &jsonschema::Validator, path: &Path) -> Vec<String> {
    v.iter_errors(&as_json(path))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_shipped_schema_is_what_brink_schema_prints() {
    let out = brink().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let shipped = std::fs::read_to_string(SHIPPED).unwrap();
    assert!(
        shipped == String::from_utf8(out.stdout).unwrap(),
        "{SHIPPED} is out of date: run `brink schema --output {SHIPPED}`"
    );
}

#[test]
fn every_shipped_and_test_scenario_satisfies_the_schema() {
    let v = validator();
    let mut files = Vec::new();
    for dir in [
        "scenarios",
        "tests/scenarios",
        "tests/good",
        "tests/good/bases",
        "tests/expect/pass",
        "tests/junit",
    ] {
        files.extend(toml_files(dir));
    }
    files.retain(|f| !f.ends_with("tests/junit/broken.toml"));
    assert!(files.len() >= 25, "{files:?}");
    for file in &files {
        let errors = schema_errors(&v, file);
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

/// A file the loader refuses for its shape: the schema must refuse it too.
fn rejected_by_both(v: &jsonschema::Validator, file: &str, what: &str) {
    let errors = schema_errors(v, Path::new(file));
    assert!(
        errors.iter().any(|e| e.contains(what)),
        "{file}: expected a schema error mentioning {what:?}, got {errors:#?}"
    );
    let out = brink().args(["check", file]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "brink check {file}");
}

#[test]
fn a_misspelt_key_a_probability_of_1_5_and_a_quoted_number_are_rejected_by_both() {
    let v = validator();
    rejected_by_both(&v, "tests/schema/misspelt_key.toml", "probabilty");
    rejected_by_both(&v, "tests/schema/probability_above_one.toml", "1.5");
    rejected_by_both(&v, "tests/schema/string_for_number.toml", "\"3\"");
    // The same file without the mistake passes both.
    assert!(schema_errors(&v, Path::new("tests/schema/valid.toml")).is_empty());
    let out = brink()
        .args(["check", "tests/schema/valid.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn shape_errors_of_the_error_corpus_are_rejected_by_the_schema() {
    let v = validator();
    for name in [
        "unknown_top_key",
        "unknown_scenario_key",
        "unknown_run_key",
        "unknown_event_key",
        "unknown_outcome_key",
        "unknown_variable_key",
        "probability_above_one",
        "wrong_type_horizon_string",
        "wrong_type_flag",
        "wrong_type_when_bool",
        "wrong_type_actors_table",
        "horizon_zero",
        "horizon_too_large",
        "trials_too_large",
        "over_zero",
        "factor_negative",
        "weight_not_positive",
        "invalid_identifier",
        "reserved_word_id",
        "unknown_distribution",
        "distribution_two_keys",
        "normal_as_probability",
        "format_newer",
        "param_poisson",
        "param_bad_distribution",
    ] {
        let file = format!("tests/bad/{name}.toml");
        assert!(
            !schema_errors(&v, Path::new(&file)).is_empty(),
            "{file} passes the schema"
        );
    }
}

#[test]
fn the_schema_accepts_the_format_numbers_the_loader_accepts() {
    let v = validator();
    let valid = std::fs::read_to_string("tests/schema/valid.toml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for format in 0..=3 {
        let text = valid.replace("[scenario]\n", &format!("[scenario]\nformat = {format}\n"));
        let path = dir.path().join(format!("format_{format}.toml"));
        std::fs::write(&path, text).unwrap();
        let by_schema = schema_errors(&v, &path).is_empty();
        let out = brink().arg("check").arg(&path).output().unwrap();
        let by_check = out.status.code() == Some(0);
        assert_eq!(by_schema, by_check, "format = {format}");
    }
}
