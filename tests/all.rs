//! Every integration test, in one test binary: each `tests/*.rs` file is a module here, and
//! `common/`, `shard_util/`, `html_util/` and `files_common/` are the helpers they share.
//!
//! Why one binary (`autotests = false` in Cargo.toml): as 71 binaries, each linked the library
//! and its dependencies and compiled the engine's generic code again; on 2 cores they took the
//! last 194 s of a fresh 632 s `cargo test --no-run`, the one binary takes 54-63 s (407 s in
//! all, with the dependencies optimised less, see Cargo.toml). Run one file's tests with
//! `cargo test --test all FILE::`, for instance `cargo test --test all check_props::`.
//!
//! The modules' tests run side by side in one process: a test must not depend on a fixed path or
//! on the process's environment (each makes its own temporary folder and sets variables on the
//! commands it starts, not on itself).

mod common;
#[cfg(unix)] // the file tests that use it are unix-only
mod files_common;
mod html_util;
mod shard_util;

mod analysis_cli;
mod analysis_compare;
mod analysis_format2_numbers;
mod analysis_sensitivity;
mod analysis_sweep;
mod architecture;
mod check_cli;
mod check_corpus;
mod check_limits;
mod check_never_agrees;
mod check_props;
mod cli_formats;
mod cli_settings;
mod cli_snapshots;
mod cli_stdin_terminal;
mod compare_events_variables;
mod docs_commands;
mod engine_calendar_paths;
mod engine_report;
mod engine_reproducible;
mod engine_semantics;
mod engine_shared_scratch;
mod engine_trace;
mod exact_cli;
mod exact_closed_forms;
mod exact_format2;
mod exact_vs_simulation;
mod exact_when_and_routes;
mod expect_pins;
mod files_output;
mod files_read;
mod format2_equivalence;
mod format2_functions;
mod format2_given;
mod format2_milestones;
mod format2_numbers;
mod format2_params;
mod format2_posterior;
mod graph_cli;
mod graph_golden;
mod graph_probabilities;
mod graph_svg;
mod loguniform_and_abs;
mod model_load;
mod precision;
mod precision_analysis;
mod report_by_step;
mod report_csv;
mod report_frictions;
mod report_html;
mod report_html_chain;
mod report_html_print;
mod report_routes;
mod report_when;
mod report_width;
mod run_cli;
mod scenarios_meta;
mod sensitivity_inputs;
mod sensitivity_swing;
mod shard_cluster;
mod shard_elsewhere;
mod shard_merge;
mod shard_sweep;
mod stats_intervals;
mod sweep_baseline;
mod sweep_capped_warning;
mod sweep_unread;
mod test_cli;
mod tools_junit;
mod tools_schema;
mod tools_shell;
mod trace_observed;
mod trace_search;

/// Every `tests/*.rs` file is a module here: with `autotests = false`, a file left out would
/// never be compiled or run, and nothing else would say so.
#[test]
fn every_test_file_is_a_module_of_this_binary() {
    use std::collections::BTreeSet;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let this = std::fs::read_to_string(dir.join("all.rs")).expect("tests/all.rs");
    let declared: BTreeSet<&str> = this
        .lines()
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        .collect();
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("tests/")
        .map(|e| e.expect("an entry of tests/").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .filter(|name| name != "all")
        .collect();
    assert!(files.len() >= 70, "only {} test files found", files.len());
    let missing: Vec<&String> = files
        .iter()
        .filter(|f| !declared.contains(f.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "tests/all.rs does not declare {missing:?}: add `mod NAME;` for each, or they never run"
    );
}
