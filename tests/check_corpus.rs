//! The check corpus, compared with the exact text an author sees:
//! - every `tests/bad/*.toml` is refused, and its rendered errors equal `NAME.stderr`;
//! - every `tests/warn/*.toml` loads, and its rendered warnings equal `NAME.stderr`;
//! - every `tests/good/*.toml` loads without any diagnostic.
//!
//! A `NAME.set` file beside a scenario holds command-line overrides, one `PATH=VALUE` a line.
//! `INSTA_UPDATE=always cargo test --test all check_corpus::` rewrites the expected files (the one
//! bless switch, see tests/README.md): read every changed message before committing it.

use crate::common;
use crate::common::guard;

use std::fs;
use std::path::{Path, PathBuf};

pub(crate) fn scenarios(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

pub(crate) fn overrides(path: &Path) -> Vec<String> {
    fs::read_to_string(path.with_extension("set"))
        .map(|t| {
            t.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Loads the corpus file at `path` with its overrides; a hang fails the test, naming the file.
fn load(path: &Path) -> Result<brink::model::Loaded, brink::format::Diagnostics> {
    let (owned, set) = (path.to_path_buf(), overrides(path));
    let what = format!("loading {}", path.display());
    guard::within(guard::CASE, what, move || brink::model::load(&owned, &set))
}

/// Compares `actual` with `NAME.stderr` beside the scenario (see [`common::expect_file`]).
fn compare(path: &Path, actual: &str) -> Option<String> {
    common::expect_file(&path.with_extension("stderr"), actual)
}

#[test]
fn bad_files_are_refused_with_exact_messages() {
    let files = scenarios("tests/bad");
    assert!(
        files.len() >= 30,
        "the corpus has {} bad files",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        match load(path) {
            Ok(_) => failures.push(format!("{}: loaded, but should be refused", path.display())),
            Err(diags) => {
                assert!(
                    diags.error_count() > 0,
                    "{}: Err without errors",
                    path.display()
                );
                failures.extend(compare(path, &diags.render(false)));
            }
        }
    }
    common::assert_no_differences(&failures);
}

#[test]
fn warn_files_load_with_exact_warnings() {
    let mut failures = Vec::new();
    for path in scenarios("tests/warn") {
        match load(&path) {
            Ok(loaded) => {
                if loaded.warnings.warning_count() == 0 {
                    failures.push(format!("{}: no warning", path.display()));
                }
                failures.extend(compare(&path, &loaded.warnings.render(false)));
            }
            Err(diags) => failures.push(format!(
                "{}: refused\n{}",
                path.display(),
                diags.render(false)
            )),
        }
    }
    common::assert_no_differences(&failures);
}

#[test]
fn good_files_load_cleanly() {
    let mut failures = Vec::new();
    for path in scenarios("tests/good") {
        match load(&path) {
            Ok(loaded) if loaded.warnings.is_empty() => {}
            Ok(loaded) => failures.push(format!(
                "{}: warnings\n{}",
                path.display(),
                loaded.warnings.render(false)
            )),
            Err(diags) => failures.push(format!(
                "{}: refused\n{}",
                path.display(),
                diags.render(false)
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
