//! `brink run --shard I/N` and `brink merge`: the parts of any split, each run on its own thread
//! count, merge to the single run's report byte for byte; and every part that does not belong
//! is refused with a message naming it.

use crate::common;
use crate::shard_util;

use std::path::{Path, PathBuf};

use brink::engine::{CHUNK_TRIALS, STREAM_VERSION};
use common::{brink, root};
use shard_util::{as_slurm_task, edit, merge, refused, run_in, shard_parts, single, slurm_array};

const BASELINE: &str = "scenarios/baseline.toml";
const CHAIN: &str = "tests/scenarios/chain24.toml";

/// Five chunks, the last one short: 7 shards leave two of them empty.
const TRIALS: u64 = 4 * CHUNK_TRIALS + 1_233;

/// Writes the `n` parts of a run (`run_args` after the scenario) into `dir`, shard `i` on
/// `i % 3 + 1` threads; returns their file names.
fn shards(dir: &Path, scenario: &str, run_args: &[&str], n: u64) -> Vec<String> {
    shards_named(dir, "part-", scenario, run_args, n)
}

/// [`shards`] with names starting `prefix`.
fn shards_named(
    dir: &Path,
    prefix: &str,
    scenario: &str,
    run_args: &[&str],
    n: u64,
) -> Vec<String> {
    shard_parts(dir, prefix, "run", scenario, run_args, n)
}

#[test]
fn merged_parts_equal_the_single_run_byte_for_byte() {
    let trials = TRIALS.to_string();
    let cases: [(&str, Vec<&str>); 3] = [
        (BASELINE, vec!["--trials", &trials, "--seed", "11"]),
        (CHAIN, vec!["--trials", &trials, "--seed", "5"]),
        (
            BASELINE,
            vec![
                "--trials",
                &trials,
                "--seed",
                "2",
                "--given",
                "south_korea_sends_arms",
                "--set",
                "events.ceasefire.probability=0.1",
            ],
        ),
    ];
    for (scenario, run_args) in &cases {
        let dir = tempfile::tempdir().unwrap();
        let formats = ["json", "csv", "markdown"];
        let want: Vec<String> = formats
            .iter()
            .map(|f| single(dir.path(), "run", scenario, run_args, f))
            .collect();
        for n in [1, 2, 3, 7] {
            let mut parts = shards(dir.path(), scenario, run_args, n);
            // The order of the parts on the command line does not matter.
            parts.reverse();
            for (format, want) in formats.iter().zip(&want) {
                let (code, got, err) = merge(dir.path(), &parts, &["--format", format]);
                assert_eq!(code, 0, "{err}");
                assert_eq!(&got, want, "{scenario} {run_args:?} N={n} {format}");
            }
        }
    }
}

#[test]
fn shards_are_contiguous_chunks_and_may_be_empty() {
    let dir = tempfile::tempdir().unwrap();
    let trials = TRIALS.to_string();
    let parts = shards(dir.path(), CHAIN, &["--trials", &trials, "--seed", "1"], 7);
    let held: Vec<u64> = parts
        .iter()
        .map(|p| {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.path().join(p)).unwrap()).unwrap();
            v["result"]["trials"].as_u64().unwrap()
        })
        .collect();
    // 5 chunks over 7 shards: floor(5*i/7) .. floor(5*(i+1)/7), so shards 0 and 3 are empty.
    let c = CHUNK_TRIALS;
    assert_eq!(held, [0, c, c, 0, c, c, TRIALS - 4 * c]);
    let (code, out, _) = merge(dir.path(), &parts, &["--format", "table"]);
    assert_eq!(code, 0);
    // The table has no timing line: the shards' time was spent elsewhere.
    assert!(!out.contains("trials/s"), "{out}");
    assert!(out.contains(&format!("seed 1 · {TRIALS} trials")), "{out}");
}

/// A scenario with far more distinct paths than the exact limit: twenty independent events
/// firing in any order.
fn many_paths(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "[scenario]\nname = \"many paths\"\nhorizon = 6\n\n[[actors]]\nid = \"a\"\nname = \"A\"\n",
    );
    for e in 0..20 {
        text.push_str(&format!(
            "\n[[events]]\nid = \"e{e:02}\"\nactor = \"a\"\nprobability = 0.1\n"
        ));
    }
    text.push_str("\n[[outcomes]]\nid = \"end\"\n");
    let path = dir.join("many.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_overflowing_path_summary_differs_only_in_path_counts_marked_approximate() {
    let dir = tempfile::tempdir().unwrap();
    let file = many_paths(dir.path()).display().to_string();
    let run_args = ["--trials", "400000", "--seed", "9"];
    let whole: serde_json::Value =
        serde_json::from_str(&single(dir.path(), "run", &file, &run_args, "json")).unwrap();
    let parts = shards(dir.path(), &file, &run_args, 3);
    let (code, out, err) = merge(dir.path(), &parts, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let merged: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(whole["paths_approximate"], true);
    assert_eq!(merged["paths_approximate"], true);
    // The routes are counted from the paths, so they are approximate with them.
    assert_eq!(merged["routes"][0]["approximate"], true);
    let without_paths = |v: &serde_json::Value| {
        let mut v = v.clone();
        let o = v.as_object_mut().unwrap();
        o.remove("paths");
        o.remove("routes");
        v
    };
    assert_eq!(without_paths(&merged), without_paths(&whole));
}

/// Three parts of the chain, 0/3 1/3 2/3, in a fresh folder.
fn three_parts() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let trials = TRIALS.to_string();
    let parts = shards(dir.path(), CHAIN, &["--trials", &trials, "--seed", "1"], 3);
    (dir, parts)
}

#[test]
fn a_missing_or_repeated_shard_is_named() {
    let (dir, _) = three_parts();
    let d = dir.path();
    assert_eq!(
        refused(d, &["part-0-of-3.json", "part-2-of-3.json"]),
        "error: shard 1/3 is missing: a merge needs all 3 parts\nhelp: run the missing shard \
         (`brink run FILE --shard I/3 --output ...`) and merge again\n"
    );
    assert_eq!(
        refused(d, &["part-1-of-3.json"]),
        "error: shards 0/3, 2/3 are missing: a merge needs all 3 parts\nhelp: run the missing \
         shards (`brink run FILE --shard I/3 --output ...`) and merge again\n"
    );
    let trials = TRIALS.to_string();
    let one = shards_named(d, "many-", CHAIN, &["--trials", &trials, "--seed", "1"], 1);
    edit(d, &one[0], "of-40.json", |v| v["shard"] = "3/40".into());
    assert_eq!(
        refused(d, &["of-40.json"]),
        "error: shards 0/40, 1/40, 2/40, 4/40, 5/40, 6/40, 7/40, 8/40, 9/40, 10/40, and 29 more \
         are missing: a merge needs all 40 parts\nhelp: run the missing shards (`brink run FILE \
         --shard I/40 --output ...`) and merge again\n"
    );
    std::fs::copy(d.join("part-1-of-3.json"), d.join("copy.json")).unwrap();
    assert_eq!(
        refused(
            d,
            &[
                "part-0-of-3.json",
                "part-1-of-3.json",
                "copy.json",
                "part-2-of-3.json"
            ]
        ),
        "error: shard 1/3 is given twice: `part-1-of-3.json` and `copy.json`\nhelp: give each \
         part once\n"
    );
}

#[test]
fn parts_of_another_run_are_refused_naming_the_field_and_both_files() {
    let (dir, _) = three_parts();
    let d = dir.path();
    let trials = TRIALS.to_string();
    // Another seed.
    let other = shards_named(d, "seed2-", CHAIN, &["--trials", &trials, "--seed", "2"], 3);
    std::fs::rename(d.join(&other[1]), d.join("seed2.json")).unwrap();
    assert_eq!(
        refused(d, &["part-0-of-3.json", "seed2.json", "part-2-of-3.json"]),
        "error: parts `part-0-of-3.json` and `seed2.json` are not from the same run: --seed 1 in \
         `part-0-of-3.json`, --seed 2 in `seed2.json`\nhelp: merge the parts of one `brink run \
         --shard` (same scenario, --seed, --trials, --set, --given and N)\n"
    );
    // Another scenario (a foreign part).
    let foreign = shards_named(
        d,
        "base-",
        BASELINE,
        &["--trials", &trials, "--seed", "1"],
        3,
    );
    std::fs::rename(d.join(&foreign[2]), d.join("foreign.json")).unwrap();
    let err = refused(d, &["part-0-of-3.json", "part-1-of-3.json", "foreign.json"]);
    assert!(
        err.starts_with(
            "error: parts `part-0-of-3.json` and `foreign.json` are not from the same run: \
             they ran other scenario texts (a scenario of digest "
        ),
        "{err}"
    );
    // Another --set (named, though it changes the digest too) and another --given, in plain
    // words (QA: `given None in ..., Some("e01") in ...`).
    let set = ["--set", "events.e01.probability=0.5"];
    let other = shards_named(
        d,
        "set-",
        CHAIN,
        &[&["--trials", &trials, "--seed", "1"][..], &set].concat(),
        3,
    );
    assert_eq!(
        refused(d, &["part-0-of-3.json", &other[1]]),
        "error: parts `part-0-of-3.json` and `set-1-of-3.json` are not from the same run: no \
         --set in `part-0-of-3.json`, --set events.e01.probability=0.5 in `set-1-of-3.json`\n\
         help: merge the parts of one `brink run --shard` (same scenario, --seed, --trials, \
         --set, --given and N)\n"
    );
    edit(d, "part-1-of-3.json", "given.json", |v| {
        v["given"] = serde_json::json!("e01 and not e02")
    });
    assert_eq!(
        refused(d, &["part-0-of-3.json", "given.json"]),
        "error: parts `part-0-of-3.json` and `given.json` are not from the same run: no --given \
         in `part-0-of-3.json`, --given \"e01 and not e02\" in `given.json`\nhelp: merge the \
         parts of one `brink run --shard` (same scenario, --seed, --trials, --set, --given and \
         N)\n"
    );
    // Another split.
    let two = shards_named(d, "two-", CHAIN, &["--trials", &trials, "--seed", "1"], 2);
    assert_eq!(
        refused(d, &["part-0-of-3.json", &two[1]]),
        "error: parts `part-0-of-3.json` and `two-1-of-2.json` are not from the same run: \
         --shard I/3 in `part-0-of-3.json`, --shard I/2 in `two-1-of-2.json`\nhelp: merge the \
         parts of one `brink run --shard` (same scenario, --seed, --trials, --set, --given and \
         N)\n"
    );
}

#[test]
fn truncated_edited_and_other_version_parts_are_refused() {
    let (dir, _) = three_parts();
    let d = dir.path();
    let text = std::fs::read(d.join("part-1-of-3.json")).unwrap();
    std::fs::write(d.join("cut.json"), &text[..text.len() / 2]).unwrap();
    let err = refused(d, &["part-0-of-3.json", "cut.json", "part-2-of-3.json"]);
    assert!(
        err.starts_with("error: part `cut.json`: not a complete partial result (EOF while parsing")
            && err.ends_with(
                ")\nhelp: a truncated or edited part cannot be merged; run that shard again\n"
            ),
        "{err}"
    );
    // One outcome count raised: the counts no longer add up to the trials kept.
    edit(d, "part-1-of-3.json", "edited.json", |v| {
        let c = &mut v["result"]["outcomes"][0]["count"];
        *c = (c.as_u64().unwrap() + 1).into();
    });
    // Shard 1/3 of 5 chunks holds chunks 1 and 2.
    let kept = 2 * CHUNK_TRIALS;
    assert_eq!(
        refused(d, &["part-0-of-3.json", "edited.json", "part-2-of-3.json"]),
        format!(
            "error: part `edited.json` (shard 1/3) is damaged: its outcome counts add up to {}, \
             not the {kept} trials kept\nhelp: run that shard again\n",
            kept + 1
        )
    );
    // A count of firings no sum can hold (QA: merged, wrapping around to a small number).
    edit(d, "part-1-of-3.json", "times.json", |v| {
        v["result"]["events"][0]["times"] = u64::MAX.into();
    });
    let part: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("part-1-of-3.json")).unwrap()).unwrap();
    let fired = &part["result"]["events"][0]["fired"];
    for parts in [
        ["part-0-of-3.json", "times.json", "part-2-of-3.json"],
        ["times.json", "part-0-of-3.json", "part-2-of-3.json"],
    ] {
        assert_eq!(
            refused(d, &parts),
            format!(
                "error: part `times.json` (shard 1/3) is damaged: the counts of event `e00` do \
                 not agree: `times`, 18446744073709551615, is not between `fired`, {fired}, and \
                 once a step in those trials\nhelp: run that shard again\n"
            )
        );
    }
    // Trials and kept raised together: no longer the shard's share of the run.
    edit(d, "part-1-of-3.json", "more.json", |v| {
        v["result"]["trials"] = 5.into();
    });
    assert_eq!(
        refused(d, &["part-0-of-3.json", "more.json", "part-2-of-3.json"]),
        format!(
            "error: part `more.json` (shard 1/3) is damaged: it holds 5 trials, shard 1/3 has \
             {kept}\nhelp: run that shard again\n"
        )
    );
    // Every part claiming a run past brink's limit, so that their counts could add up past
    // what a count holds (review: such a sum was the one left to check at merge time).
    for name in ["part-0-of-3.json", "part-1-of-3.json", "part-2-of-3.json"] {
        edit(d, name, &format!("huge-{name}"), |v| {
            v["trials"] = (u64::MAX / 2).into();
        });
    }
    assert_eq!(
        refused(
            d,
            &[
                "huge-part-0-of-3.json",
                "huge-part-1-of-3.json",
                "huge-part-2-of-3.json"
            ]
        ),
        format!(
            "error: part `huge-part-0-of-3.json` (shard 0/3) is damaged: it is a part of a run \
             of {} trials; brink runs 1 to 1000000000000\nhelp: run that shard again\n",
            u64::MAX / 2
        )
    );
    // Repairs can be counted several times a step, so no trial count bounds them: their sums
    // are checked (review: two edited parts wrapped around).
    for name in ["part-0-of-3.json", "part-1-of-3.json"] {
        edit(d, name, &format!("repairs-{name}"), |v| {
            v["result"]["events"][0]["repairs"] = serde_json::json!({ "clamped": u64::MAX, "zeroed": 0, "no_branch": 0, "add_zero": 0, "unchanged": 0 });
        });
    }
    assert_eq!(
        refused(
            d,
            &[
                "repairs-part-0-of-3.json",
                "repairs-part-1-of-3.json",
                "part-2-of-3.json"
            ]
        ),
        "error: part `repairs-part-1-of-3.json` (shard 1/3) is damaged: its repair counts are \
         more than the parts' total can hold\nhelp: run that shard again\n"
    );
    // A variable's initial value is clamped at most once a trial; this scenario has none.
    edit(d, "part-1-of-3.json", "clamped.json", |v| {
        v["result"]["initial_clamped"] = serde_json::json!([1]);
    });
    assert_eq!(
        refused(d, &["part-0-of-3.json", "clamped.json", "part-2-of-3.json"]),
        "error: part `clamped.json` (shard 1/3) is damaged: its clamped initial values do not \
         fit its variables and trials\nhelp: run that shard again\n"
    );
    let version = env!("CARGO_PKG_VERSION");
    for (field, value, shown) in [
        (
            "brink_version",
            serde_json::json!("0.0.1"),
            format!("brink 0.0.1 (stream version {STREAM_VERSION},"),
        ),
        // Parts written before the faster samplers (stream version 1) drew other numbers.
        (
            "stream_version",
            serde_json::json!(1),
            "(stream version 1,".to_string(),
        ),
        (
            "stream_version",
            serde_json::json!(99),
            "stream version 99".to_string(),
        ),
    ] {
        edit(d, "part-1-of-3.json", "old.json", |v| {
            v[field] = value.clone()
        });
        let err = refused(d, &["part-0-of-3.json", "old.json", "part-2-of-3.json"]);
        assert!(err.contains(&shown), "{err}");
        assert!(
            err.contains(&format!(
                "this is brink {version} (stream version {STREAM_VERSION}, partial format 2)\nhelp: merge with \
                 the brink that ran the shards, or run every shard with this one\n"
            )),
            "{err}"
        );
        assert!(
            err.starts_with("error: part `old.json`: written by brink"),
            "{err}"
        );
    }
}

/// `-` is standard input, as for a scenario (QA: "part <stdin>: cannot read it: No such file or
/// directory"), once only.
#[test]
fn a_part_can_come_from_standard_input_once() {
    let (dir, parts) = three_parts();
    let d = dir.path();
    let (code, want, err) = merge(d, &parts, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let from_stdin = |args: &[&str]| {
        let out = brink()
            .current_dir(d)
            .args(args)
            .write_stdin(std::fs::read(d.join(&parts[0])).unwrap())
            .output()
            .unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (out.status.code(), text(out.stdout), text(out.stderr))
    };
    let args = ["merge", "-", &parts[1], &parts[2], "--format", "json"];
    assert_eq!(from_stdin(&args), (Some(0), want, String::new()));
    assert_eq!(
        from_stdin(&["merge", "-", &parts[1], "-"]),
        (
            Some(1),
            String::new(),
            "error: `-` (standard input) is given 2 times: it holds one part\nhelp: give the \
             other parts as files\n"
                .to_string()
        )
    );
}

/// A part that is not there is told in plain words (was "No such file or directory (os error
/// 2)").
#[test]
fn a_missing_part_is_no_such_file() {
    let (dir, parts) = three_parts();
    let missing = [parts[0].clone(), "part-9.json".to_string()];
    let (code, out, err) = merge(dir.path(), &missing, &[]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            1,
            "",
            "error: part `part-9.json`: cannot read it: no such file\n"
        )
    );
}

/// A report or any other JSON is not a part, and is not "written by brink null" (QA).
#[test]
fn a_file_that_is_not_a_part_says_so() {
    let (dir, _) = three_parts();
    let d = dir.path();
    std::fs::write(d.join("empty.json"), "{}").unwrap();
    std::fs::write(
        d.join("report.json"),
        r#"{"schema_version": 2, "trials": 10}"#,
    )
    .unwrap();
    for name in ["empty.json", "report.json"] {
        assert_eq!(
            refused(d, &["part-0-of-3.json", name]),
            format!(
                "error: part `{name}`: not a partial result of brink (no `brink_partial` in \
                 it)\nhelp: merge the files that `brink run`, `brink sweep` or `brink \
                 sensitivity` write with `--shard I/N --output FILE`\n"
            )
        );
    }
}

#[test]
fn a_part_over_256_mb_is_refused_without_reading_it() {
    let (dir, _) = three_parts();
    let d = dir.path();
    let big = std::fs::File::create(d.join("big.json")).unwrap();
    big.set_len(256 * 1024 * 1024 + 1).unwrap(); // sparse: no disk used
    let want = |name: &str| {
        format!(
            "error: part `{name}`: larger than the limit of 256 MB (268435456 bytes): a partial \
             result holds one tally per shard, never this much\nhelp: is it the --output of \
             `brink run --shard`?\n"
        )
    };
    assert_eq!(
        refused(d, &["part-0-of-3.json", "big.json"]),
        want("big.json")
    );
    // A device has no size to check: reading stops at the limit.
    assert_eq!(refused(d, &["/dev/zero"]), want("/dev/zero"));
}

#[test]
fn shard_flags_that_cannot_work_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = root().join(CHAIN).display().to_string();
    let cases = [
        (
            format!("run {file} --shard 0/2"),
            "error: --shard needs --output: a shard writes a partial result, not a report\n\
             help: add `--output part-I.json`, then `brink merge part-*.json`\n",
        ),
        (
            format!("run {file} --shard 0/2 --seed random --output p.json"),
            "error: --shard with --seed random: every shard must draw from the same seed\n\
             help: give the seed as a number (`--seed 7`), the same for every shard\n",
        ),
        (
            "run - --shard 0/2 --output p.json".to_string(),
            "error: --shard cannot read the scenario from standard input: every shard must read \
             the same scenario\n\
             help: save the scenario to a file and give its path to every shard\n",
        ),
        // QA: the format was silently ignored.
        (
            format!("run {file} --shard 0/2 --format csv --output p.json"),
            "error: --shard writes a partial result, not a report: --format csv would not be \
             used\nhelp: leave --format out here, and give it to `brink merge`\n",
        ),
        (
            format!("run {file} --shard 2/2 --output p.json"),
            "error: --shard `2/2`: I must be from 0 to N - 1\nhelp: give the shard as I/N with \
             0 <= I < N (`--shard 0/4` is the first of four), or `slurm` inside a Slurm job \
             array\n",
        ),
    ];
    for (line, want) in cases {
        let (code, out, err) = run_in(dir.path(), &common::words(&line));
        assert_eq!((code, out.as_str(), err.as_str()), (2, "", want), "{line}");
    }
    assert!(!dir.path().join("p.json").exists());
}

#[test]
fn shard_slurm_reads_the_job_array_variables() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = root().join(CHAIN).display().to_string();
    let slurm = |vars: &[(String, String)], out: &str| {
        let mut cmd = brink();
        cmd.current_dir(d).args(common::words(&format!(
            "run {file} --trials 9000 --seed 4 --quiet --shard slurm --output {out}"
        )));
        let o = as_slurm_task(&mut cmd, vars).output().unwrap();
        (o.status.code(), String::from_utf8(o.stderr).unwrap())
    };
    assert_eq!(
        slurm(&slurm_array("1", "0", "2"), "slurm.json"),
        (Some(0), String::new())
    );
    let (code, _, err) = run_in(
        d,
        &common::words(&format!(
            "run {file} --trials 9000 --seed 4 --quiet --shard 1/3 --output plain.json"
        )),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read(d.join("slurm.json")).unwrap(),
        std::fs::read(d.join("plain.json")).unwrap()
    );
    assert_eq!(
        slurm(&slurm_array("2", "1", "3"), "x.json"),
        (
            Some(2),
            "error: --shard slurm: the job array's tasks are 1 to 3 (3 tasks); shards need tasks \
             0 to N - 1 (SLURM_ARRAY_TASK_MIN = 0 and SLURM_ARRAY_TASK_MAX = \
             SLURM_ARRAY_TASK_COUNT - 1)\nhelp: submit with `sbatch --array=0-2` (no step, no \
             gaps)\n"
                .to_string()
        )
    );
    // One failed task submitted again (`--array=5`): Slurm says 1 task, numbered 5 to 5. The
    // fix is the explicit shard, not `--array=0-0` (QA).
    let again: Vec<(String, String)> = (slurm_array("5", "5", "5").into_iter())
        .map(|(k, v)| match k.as_str() {
            "SLURM_ARRAY_TASK_COUNT" => (k, "1".to_string()),
            _ => (k, v),
        })
        .collect();
    assert_eq!(
        slurm(&again, "x.json"),
        (
            Some(2),
            "error: --shard slurm: the job array has one task, number 5 (`--array=5`), which \
             does not say how many shards the run has\nhelp: to run shard 5 again, give it with \
             the run's shard count N: `--shard 5/N` (in `sbatch --wrap`, or in a copy of the \
             script); to run the whole run in one job, leave out --shard\n"
                .to_string()
        )
    );
    // Shard 0 submitted again (`--array=0`) is not shard 0 of 1, which would run every trial
    // on one node and then be refused by merge (review).
    let zero: Vec<(String, String)> = (slurm_array("0", "0", "0").into_iter())
        .map(|(k, v)| match k.as_str() {
            "SLURM_ARRAY_TASK_COUNT" => (k, "1".to_string()),
            _ => (k, v),
        })
        .collect();
    let (code, err) = slurm(&zero, "x.json");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("`--shard 0/N`"), "{err}");
    assert_eq!(
        slurm(&slurm_array("1", "0", "4"), "x.json").0,
        Some(2),
        "a stepped array (0-4:2) has 3 tasks but ids up to 4"
    );
    assert_eq!(
        slurm(&[], "x.json"),
        (
            Some(2),
            "error: --shard slurm: SLURM_ARRAY_TASK_ID is not set\nhelp: run it as a task of a \
             Slurm job array (`sbatch --array=0-K`), or give --shard I/N\n"
                .to_string()
        )
    );
    assert!(!d.join("x.json").exists());
}

/// Regression: parts run from two copies of one scenario (the same text, so the same digest)
/// merged to a report that named whichever copy was given first.
#[test]
fn parts_from_two_copies_merge_alike_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(CHAIN)).unwrap();
    for copy in ["a.toml", "b.toml"] {
        std::fs::write(dir.path().join(copy), &text).unwrap();
    }
    let trials = TRIALS.to_string();
    let mut parts = Vec::new();
    for (i, copy) in ["a.toml", "b.toml"].iter().enumerate() {
        let name = format!("p{i}.json");
        let line = format!("run {copy} --quiet --shard {i}/2 --trials {trials} --output {name}");
        let (code, _, err) = run_in(dir.path(), &common::words(&line));
        assert_eq!(code, 0, "{line}: {err}");
        parts.push(name);
    }
    let (code, forward, err) = merge(dir.path(), &parts, &["--format", "markdown"]);
    assert_eq!(code, 0, "{err}");
    parts.reverse();
    let (code, backward, err) = merge(dir.path(), &parts, &["--format", "markdown"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(forward, backward);
    assert!(
        forward.contains("a.toml"),
        "shard 0's file names the run:\n{forward}"
    );
}
