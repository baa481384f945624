//! `brink sweep --shard I/N` and `brink sensitivity --shard I/N`: the parts of any split (more
//! shards than points or units included: some shards are empty), each run on its own thread
//! count, merge to the unsharded report byte for byte; parts of other work are refused.

use crate::common;
use crate::shard_util;

use std::path::Path;

use shard_util::{as_slurm_task, edit, merge, refused, run_in, shard_parts, single, slurm_array};

const CHAIN: &str = "tests/scenarios/chain24.toml";
const INPUTS: &str = "tests/scenarios/sensitivity_inputs.toml";
const FORMATS: [&str; 3] = ["json", "csv", "markdown"];

/// For each of `cases` (scenario, arguments): the parts of `command` for N in {1, 2, 3, 7},
/// given to merge in reverse order, print the unsharded report in every format.
fn merges_to_single(command: &str, cases: &[(&str, Vec<&str>)]) {
    for (scenario, cmd_args) in cases {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let want: Vec<String> = (FORMATS.iter())
            .map(|f| single(d, command, scenario, cmd_args, f))
            .collect();
        for n in [1, 2, 3, 7] {
            let mut parts = shard_parts(d, "part-", command, scenario, cmd_args, n);
            parts.reverse();
            for (format, want) in FORMATS.iter().zip(&want) {
                let (code, got, err) = merge(d, &parts, &["--format", format]);
                assert_eq!(code, 0, "{err}");
                assert_eq!(
                    &got, want,
                    "{command} {scenario} {cmd_args:?} N={n} {format}"
                );
            }
        }
    }
}

#[test]
fn merged_sweep_parts_equal_the_single_sweep_byte_for_byte() {
    merges_to_single(
        "sweep",
        &[
            // Five points: seven shards leave two empty. 5 000 trials are two chunks, one short.
            (
                CHAIN,
                vec![
                    "--vary",
                    "events.e05.probability=0.2:0.8:5",
                    "--set",
                    "events.e01.probability=0.6",
                    "--trials",
                    "5000",
                    "--seed",
                    "3",
                ],
            ),
            // A grid of two axes under --given: unpaired differences.
            (
                CHAIN,
                vec![
                    "--vary",
                    "events.e00.probability=0.3:0.7:2",
                    "--vary",
                    "events.e02.probability=0.4:0.6:2",
                    "--given",
                    "end",
                    "--trials",
                    "3000",
                    "--seed",
                    "8",
                ],
            ),
            // A list of values out of order: every part and the merge keep the order written.
            (
                CHAIN,
                vec![
                    "--vary",
                    "events.e05.probability=0.7,0.1,0.3",
                    "--trials",
                    "2000",
                    "--seed",
                    "4",
                ],
            ),
        ],
    );
}

#[test]
fn merged_sensitivity_parts_equal_the_single_analysis_byte_for_byte() {
    merges_to_single(
        "sensitivity",
        &[
            // Drawn probabilities (rank correlations) and inputs of every kind.
            (INPUTS, vec!["--trials", "5000", "--seed", "4"]),
            (
                CHAIN,
                vec![
                    "--trials",
                    "3000",
                    "--seed",
                    "2",
                    "--outcome",
                    "end",
                    "--top",
                    "3",
                ],
            ),
        ],
    );
}

const SWEEP: [&str; 6] = [
    "--vary",
    "events.e05.probability=0.2:0.8:3",
    "--trials",
    "3000",
    "--seed",
    "1",
];

/// The parts of a sweep, a run and a sensitivity analysis of the chain, 3 of each.
fn three_of_each(d: &Path) -> [Vec<String>; 3] {
    let run = ["--trials", "3000", "--seed", "1"];
    [
        shard_parts(d, "sweep-", "sweep", CHAIN, &SWEEP, 3),
        shard_parts(d, "run-", "run", CHAIN, &run, 3),
        shard_parts(d, "sens-", "sensitivity", CHAIN, &run, 3),
    ]
}

#[test]
fn parts_of_different_commands_or_sweeps_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [sweep, run, sens] = three_of_each(d);
    assert_eq!(
        refused(d, &[&sweep[0], &run[1], &sweep[2]]),
        "error: parts `sweep-0-of-3.json` and `run-1-of-3.json` are not from the same run: \
         `sweep-0-of-3.json` is a part of `brink sweep`, `run-1-of-3.json` of `brink run`\n\
         help: merge the parts of one command, all written with --shard\n"
    );
    assert_eq!(
        refused(d, &[&sens[0], &sweep[1], &sens[2]]),
        "error: parts `sens-0-of-3.json` and `sweep-1-of-3.json` are not from the same run: \
         `sens-0-of-3.json` is a part of `brink sensitivity`, `sweep-1-of-3.json` of `brink \
         sweep`\nhelp: merge the parts of one command, all written with --shard\n"
    );
    // Another sweep: other points on the same path.
    let mut other = SWEEP;
    other[1] = "events.e05.probability=0.2:0.8:4";
    let other = shard_parts(d, "other-", "sweep", CHAIN, &other, 3);
    assert_eq!(
        refused(d, &[&sweep[0], &other[1], &sweep[2]]),
        "error: parts `sweep-0-of-3.json` and `other-1-of-3.json` are not from the same run: \
         --vary events.e05.probability=0.2:0.8:3 in `sweep-0-of-3.json`, \
         --vary events.e05.probability=0.2:0.8:4 in `other-1-of-3.json`\nhelp: merge the parts \
         of one `brink sweep --shard` (same scenario, --vary, --seed, --trials, --set, --given \
         and N)\n"
    );
    // Another sensitivity analysis: one outcome only.
    let one = shard_parts(
        d,
        "one-",
        "sensitivity",
        CHAIN,
        &["--trials", "3000", "--seed", "1", "--outcome", "end"],
        3,
    );
    assert_eq!(
        refused(d, &[&sens[0], &sens[1], &one[2]]),
        "error: parts `sens-0-of-3.json` and `one-2-of-3.json` are not from the same run: \
         no --outcome in `sens-0-of-3.json`, --outcome end in `one-2-of-3.json`\nhelp: merge \
         the parts of one `brink sensitivity --shard` (same scenario, --outcome, --top, --seed, \
         --trials, --set and N)\n"
    );
    // Another --top, in plain words (QA: `--top Some(3) ... Some(4)`).
    edit(d, &sens[1], "top3.json", |v| v["top"] = 3.into());
    edit(d, &sens[2], "top4.json", |v| v["top"] = 4.into());
    assert_eq!(
        refused(d, &[&sens[0], "top3.json", "top4.json"]),
        "error: parts `sens-0-of-3.json` and `top3.json` are not from the same run: no --top in \
         `sens-0-of-3.json`, --top 3 in `top3.json`\nhelp: merge the parts of one `brink \
         sensitivity --shard` (same scenario, --outcome, --top, --seed, --trials, --set and N)\n"
    );
}

#[test]
fn a_missing_or_repeated_sweep_or_sensitivity_shard_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [sweep, _, sens] = three_of_each(d);
    assert_eq!(
        refused(d, &[&sweep[0], &sweep[2]]),
        "error: shard 1/3 is missing: a merge needs all 3 parts\nhelp: run the missing shard \
         (`brink sweep FILE --shard I/3 --output ...`) and merge again\n"
    );
    assert_eq!(
        refused(d, &[&sens[1]]),
        "error: shards 0/3, 2/3 are missing: a merge needs all 3 parts\nhelp: run the missing \
         shards (`brink sensitivity FILE --shard I/3 --output ...`) and merge again\n"
    );
    assert_eq!(
        refused(d, &[&sweep[0], &sweep[1], &sweep[1], &sweep[2]]),
        "error: shard 1/3 is given twice: `sweep-1-of-3.json` and `sweep-1-of-3.json`\nhelp: \
         give each part once\n"
    );
}

#[test]
fn edited_sweep_and_sensitivity_parts_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [sweep, _, sens] = three_of_each(d);
    let damaged = |part: &str, change: &dyn Fn(&mut serde_json::Value)| {
        edit(d, part, "edited.json", change);
        let mut parts = vec![sweep[0].as_str(), "edited.json", sweep[2].as_str()];
        if part.starts_with("sens") {
            parts = vec![sens[0].as_str(), "edited.json", sens[2].as_str()];
        }
        refused(d, &parts)
    };
    let point = |v: &mut serde_json::Value| v["sweep"]["points"][0]["result"].take();
    assert_eq!(
        damaged(&sweep[1], &|v| {
            v["sweep"]["points"].as_array_mut().unwrap().pop();
        }),
        "error: part `edited.json` (shard 1/3) is damaged: it holds 0 points, shard 1/3 has 1\n\
         help: run that shard again\n"
    );
    assert_eq!(
        damaged(&sweep[1], &|v| {
            let c = &mut v["sweep"]["baseline"]["outcomes"][0]["count"];
            *c = (c.as_u64().unwrap() - 1).into();
            let c = &mut v["sweep"]["baseline"]["outcomes"][1]["count"];
            *c = (c.as_u64().unwrap() + 1).into();
        }),
        "error: part `edited.json` (shard 1/3) is damaged: its baseline differs from the first \
         part's\nhelp: run that shard again\n"
    );
    assert_eq!(
        damaged(&sweep[1], &|v| {
            let d = &mut v["sweep"]["points"][0]["differences"][0]["count"][1];
            *d = (d.as_u64().unwrap() + 1).into();
        }),
        "error: part `edited.json` (shard 1/3) is damaged: point 2: its difference for `end` \
         does not add up\nhelp: run that shard again\n"
    );
    let err = damaged(&sweep[1], &|v| {
        point(v);
    });
    assert!(
        err.starts_with("error: part `edited.json`: not a complete partial result ("),
        "{err}"
    );
    assert_eq!(
        damaged(&sens[1], &|v| {
            v["sensitivity"]["events"].as_array_mut().unwrap().pop();
        }),
        "error: part `edited.json` (shard 1/3) is damaged: it holds 7 events, its shard has 8\n\
         help: run that shard again\n"
    );
    assert_eq!(
        damaged(&sens[1], &|v| {
            let c = &mut v["sensitivity"]["events"][0][0]["counts"][0][0];
            *c = (c.as_u64().unwrap() + 1).into();
        }),
        "error: part `edited.json` (shard 1/3) is damaged: one of its paired tables does not \
         add up to its trials\nhelp: run that shard again\n"
    );
    // Each side still adds up, but a trial left an outcome in A and arrived nowhere in B (QA:
    // accepted, and merged into a wrong swing).
    assert_eq!(
        damaged(&sens[1], &|v| {
            let counts = v["sensitivity"]["events"][0][0]["counts"]
                .as_array_mut()
                .unwrap();
            let c = (counts.iter_mut())
                .find(|c| c[2].as_u64() < c[0].as_u64())
                .expect("an outcome with trials in both runs");
            c[2] = (c[2].as_u64().unwrap() + 1).into();
        }),
        "error: part `edited.json` (shard 1/3) is damaged: one of its paired tables does not \
         add up to its trials\nhelp: run that shard again\n"
    );
}

#[test]
fn sweep_and_sensitivity_shards_need_an_output_and_read_slurm_arrays() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = common::root().join(CHAIN).display().to_string();
    for line in [
        format!("sweep {file} --vary events.e05.probability=0.2:0.8:3 --shard 0/2"),
        format!("sensitivity {file} --shard 0/2"),
    ] {
        let (code, out, err) = run_in(d, &common::words(&line));
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (
                2,
                "",
                "error: --shard needs --output: a shard writes a partial result, not a report\n\
                 help: add `--output part-I.json`, then `brink merge part-*.json`\n"
            ),
            "{line}"
        );
    }
    for (command, extra) in [("sweep", &SWEEP[..2]), ("sensitivity", &[][..])] {
        let line = format!("{command} {file} --trials 3000 --seed 1 --quiet");
        let mut a = shard_util::words_with(&line, extra);
        a.extend(common::words("--shard slurm --output slurm.json"));
        let mut cmd = common::brink();
        cmd.current_dir(d).args(&a);
        let out = as_slurm_task(&mut cmd, &slurm_array("1", "0", "2"))
            .output()
            .unwrap();
        common::succeeded(&out);
        let plain = shard_parts(
            d,
            command,
            command,
            CHAIN,
            &shard_util::words_with("--trials 3000 --seed 1", extra)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            3,
        );
        assert_eq!(
            std::fs::read(d.join("slurm.json")).unwrap(),
            std::fs::read(d.join(&plain[1])).unwrap(),
            "{command}"
        );
    }
}

#[test]
fn a_merged_html_page_differs_only_in_the_command_line_it_shows_and_the_sensitivity_chain() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: [(&str, &str, &[&str]); 2] = [
        ("sweep", CHAIN, &SWEEP),
        ("sensitivity", INPUTS, &["--trials", "3000", "--seed", "4"]),
    ];
    for (command, scenario, cmd_args) in cases {
        let want = single(d, command, scenario, cmd_args, "html");
        let parts = shard_parts(d, command, command, scenario, cmd_args, 3);
        let (code, got, err) = merge(d, &parts, &["--format", "html"]);
        assert_eq!(code, 0, "{err}");
        let file = common::root().join(scenario).display().to_string();
        let single_line = format!(
            "brink {command} {file} --quiet --format html {}",
            cmd_args.join(" ")
        );
        let merge_line = format!("brink merge {} --format html", parts.join(" "));
        assert!(got.contains(&merge_line), "{command}");
        let got = got.replace(&merge_line, &single_line);
        if command == "sweep" {
            assert_eq!(got, want, "{command}");
        } else {
            // The merged chain has no figures: the parts hold no run of the scenario alone
            // (tests/report_html.rs checks that chain).
            assert_eq!(without_chain(&got), without_chain(&want), "{command}");
            assert_ne!(got, want, "{command}");
        }
    }
}

/// An HTML page with its chain section left out.
fn without_chain(page: &str) -> String {
    let at = page.find("<h2>The chain").expect("a chain");
    let end = at + page[at..].find("</section>").unwrap();
    format!("{}{}", &page[..at], &page[end..])
}
