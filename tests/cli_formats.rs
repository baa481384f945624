//! One rendering path: every command's result renders in each format it offers, through one
//! exporter per format, and a command refuses (exit 2, from the argument parser) a format it
//! does not render instead of quietly printing something else.

use crate::common;

const SCENARIO: &str = "tests/expect/pass/geometric.toml";

use common::outputs as brink;

#[test]
fn check_and_test_refuse_the_formats_they_do_not_render() {
    // `test` also writes JUnit XML for CI; `check` has no results a CI test page would list.
    for (command, offered) in [("check", "table, json"), ("test", "table, json, junit")] {
        for format in ["markdown", "csv"] {
            let (code, stdout, stderr) = brink(&[command, SCENARIO, "--format", format]);
            assert_eq!(code, Some(2), "{command} --format {format}: {stderr}");
            assert_eq!(stdout, "", "{command} --format {format}");
            assert!(
                stderr.contains(&format!("invalid value '{format}' for '--format")),
                "{stderr}"
            );
            assert!(
                stderr.contains(&format!("[possible values: {offered}]")),
                "{stderr}"
            );
        }
    }
}

#[test]
fn check_and_test_still_render_table_and_json() {
    let (code, stdout, _) = brink(&["check", SCENARIO, "--format", "table"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, format!("{SCENARIO}: ok\n"));
    let (code, stdout, _) = brink(&["check", SCENARIO, "--format", "json"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, "[]\n");

    let (code, stdout, _) = brink(&["test", SCENARIO, "--format", "json", "--trials", "2000"]);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("test JSON parses");
    assert_eq!(code, Some(if v["failed"] == 0 { 0 } else { 1 }));
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["files"][0]["file"], SCENARIO);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["failed", "files", "passed", "schema_version", "streams"]
    );
}

/// `--format JSON` is `--format json`: the case of a format's name is no mistake to refuse.
/// `md` (the extension, the name most tools take) is `markdown`.
#[test]
fn a_format_is_named_in_any_case() {
    for (command, lower, upper) in [
        ("run", "json", "JSON"),
        ("run", "markdown", "Markdown"),
        ("run", "markdown", "md"),
        ("trace", "markdown", "MD"),
        ("check", "json", "Json"),
    ] {
        let trials = ["--trials", "500", "--quiet"];
        let extra: &[&str] = if command == "check" { &[] } else { &trials };
        let with = |format: &str| {
            let mut args = vec![command, SCENARIO, "--format", format];
            args.extend(extra);
            brink(&args)
        };
        let (code, out, err) = with(upper);
        assert_eq!(code, Some(0), "{command} --format {upper}: {err}");
        assert_eq!((code, out), {
            let (c, o, _) = with(lower);
            (c, o)
        });
    }
}

/// A broken file's diagnostics in JSON, each tagged with the file named on the command line.
#[test]
fn check_json_tags_each_diagnostic_with_the_checked_file() {
    let bad = std::fs::read_dir("tests/bad")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .min()
        .expect("a bad scenario");
    let bad = bad.to_str().unwrap();
    let (code, stdout, stderr) = brink(&["check", SCENARIO, bad, "--format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(stderr, "", "JSON mode prints no rendered diagnostics");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let list = v.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|d| d["checked"] == bad && d["severity"].is_string())
    );
}

/// The simulating and solving commands, with small settings.
fn document_commands() -> Vec<Vec<&'static str>> {
    let sim = [
        "--trials",
        "600",
        "--seed",
        "5",
        "--threads",
        "2",
        "--quiet",
    ];
    let with = |head: &[&'static str]| {
        let mut v = head.to_vec();
        v.extend(sim);
        v
    };
    vec![
        with(&["run", SCENARIO]),
        with(&["trace", SCENARIO, "--trial", "2"]),
        with(&[
            "sweep",
            SCENARIO,
            "--vary",
            "events.strike.probability=0.1:0.3:3",
        ]),
        with(&[
            "compare",
            SCENARIO,
            SCENARIO,
            "--set-b",
            "scenario.horizon=4",
        ]),
        with(&["sensitivity", SCENARIO]),
        vec!["exact", SCENARIO],
    ]
}

#[test]
fn every_document_renders_each_format_in_its_own_way() {
    for args in document_commands() {
        let out = |format: &str| {
            let mut a = args.clone();
            a.extend(["--format", format]);
            let (code, stdout, stderr) = brink(&a);
            assert_eq!(code, Some(0), "{a:?}: {stderr}");
            assert!(stdout.ends_with('\n'), "{a:?}");
            stdout
        };
        let (table, markdown, json, csv) = (out("table"), out("markdown"), out("json"), out("csv"));
        // No format falls back to another.
        let all = [&table, &markdown, &json, &csv];
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                assert_ne!(x, y, "{args:?}: two formats give the same text");
            }
        }
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON parses");
        assert!(v.is_object(), "{args:?}");
        assert!(markdown.starts_with('#'), "{args:?}: {markdown}");
        let header = csv.lines().next().unwrap();
        assert!(
            !header.contains(' ') && header.contains(','),
            "{args:?}: {header}"
        );
        // The table is the one with box-drawn tables (the trace tells its story in lines).
        if args[0] != "trace" {
            assert!(table.contains('─'), "{args:?}: {table}");
        }
    }
}

/// `--output` writes exactly what stdout would show, for every document kind.
#[test]
fn output_files_hold_the_same_bytes_as_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for (i, args) in document_commands().into_iter().enumerate() {
        let path = dir.path().join(format!("{i}.json"));
        let mut a = args.clone();
        a.extend(["--format", "json"]);
        let (_, stdout, _) = brink(&a);
        a.extend(["--output", path.to_str().unwrap()]);
        let (code, to_stdout, stderr) = brink(&a);
        assert_eq!(code, Some(0), "{stderr}");
        assert_eq!(to_stdout, "");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout, "{args:?}");
    }
}

/// Without `--format`, `--output`'s extension names the format (`handout.html` is the page);
/// `--format` wins, an extension the command does not render is its default, and a shard's
/// partial result stays brink's JSON.
#[test]
fn an_output_files_extension_names_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let written = |args: &[&str], file: &str| {
        let path = dir.path().join(file);
        let mut a = args.to_vec();
        a.extend(["--output", path.to_str().unwrap()]);
        let (code, stdout, stderr) = brink(&a);
        assert_eq!((code, stdout.as_str()), (Some(0), ""), "{a:?}: {stderr}");
        std::fs::read_to_string(&path).unwrap()
    };
    let shown = |args: &[&str], format: &str| {
        let mut a = args.to_vec();
        a.extend(["--format", format]);
        let (code, stdout, stderr) = brink(&a);
        assert_eq!(code, Some(0), "{a:?}: {stderr}");
        stdout
    };
    for args in document_commands() {
        for (file, format) in [("r.html", "html"), ("r.md", "markdown"), ("r.CSV", "csv")] {
            if args[0] == "trace" && format == "html" {
                continue;
            }
            assert_eq!(
                written(&args, file),
                shown(&args, format),
                "{args:?} {file}"
            );
        }
        assert_eq!(written(&args, "r.json"), shown(&args, "json"), "{args:?}");
        // (A table's timing line is the one thing that differs between two runs.)
        let untimed = |t: String| -> Vec<String> {
            (t.lines().filter(|l| !l.contains(" trials/s")))
                .map(String::from)
                .collect()
        };
        assert_eq!(
            untimed(written(&args, "r.out")),
            untimed(shown(&args, "table")),
            "{args:?}"
        );
        let mut csv = args.clone();
        csv.extend(["--format", "csv"]);
        assert_eq!(written(&csv, "r.json"), shown(&args, "csv"), "{args:?}");
    }
    // The trace has no page: `.html` is its default, a table.
    let trace = ["trace", SCENARIO, "--quiet"];
    assert_eq!(written(&trace, "t.html"), shown(&trace, "table"));
    let graph = ["graph", SCENARIO];
    assert_eq!(written(&graph, "g.svg"), shown(&graph, "svg"));
    assert_eq!(written(&graph, "g.mmd"), shown(&graph, "mermaid"));
    let test = ["test", SCENARIO, "--quiet"];
    let junit = written(&test, "results.xml");
    assert!(junit.starts_with("<?xml"), "{junit}");
    let part = written(&["run", SCENARIO, "--shard", "0/2", "--quiet"], "part.json");
    assert!(part.starts_with("{\"brink_partial\""), "{part}");
    written(
        &["run", SCENARIO, "--shard", "1/2", "--quiet"],
        "part1.json",
    );
    let parts = ["part.json", "part1.json"].map(|p| dir.path().join(p));
    let merge = [
        "merge",
        parts[0].to_str().unwrap(),
        parts[1].to_str().unwrap(),
    ];
    assert_eq!(written(&merge, "whole.md"), shown(&merge, "markdown"));
}

/// A file named for one format that gets another is written, as asked, with a warning: the
/// name says JSON and a reader opens it as JSON (QA: `--format csv --output r.json` said nothing).
#[test]
fn a_file_named_for_another_format_gets_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = |args: &[&str], file: &str| {
        let path = dir.path().join(file);
        let mut a = args.to_vec();
        a.extend(["--output", path.to_str().unwrap()]);
        let (code, _, stderr) = brink(&a);
        assert_eq!(code, Some(0), "{a:?}: {stderr}");
        stderr.replace(&format!("{}/", dir.path().display()), "")
    };
    let run = ["run", SCENARIO, "--quiet"];
    let csv = ["run", SCENARIO, "--quiet", "--format", "csv"];
    assert_eq!(
        stderr(&csv, "r.json"),
        "warning: `r.json` will hold `--format csv`, but its extension names `json`\n\
         help: name the file `r.csv`, or leave out `--format` to write `json`\n"
    );
    assert_eq!(
        stderr(&["trace", SCENARIO, "--quiet"], "t.html"),
        "warning: `trace` has no `html` format: `t.html` will hold `table`\nhelp: the formats \
         of `trace` are `table`, `markdown`, `json`, `csv`; `--format` chooses one\n"
    );
    assert_eq!(
        stderr(&["test", SCENARIO, "--quiet"], "r.csv"),
        "warning: `test` has no `csv` format: `r.csv` will hold `table`\nhelp: the formats \
         of `test` are `table`, `json`, `junit`; `--format` chooses one\n"
    );
    // Quiet: a name that agrees, a `.txt` (any text), an extension no format has, a shard's part.
    assert_eq!(stderr(&csv, "r.csv"), "");
    assert_eq!(stderr(&csv, "r.txt"), "");
    assert_eq!(stderr(&run, "r.html"), "");
    assert_eq!(stderr(&run, "r.out"), "");
    assert_eq!(stderr(&["graph", SCENARIO, "--format", "svg"], "g.png"), "");
    assert_eq!(
        stderr(&["run", SCENARIO, "--quiet", "--shard", "0/2"], "p.csv"),
        ""
    );
}

/// `trace` renders no HTML: its help does not offer it, and clap refuses it before any work
/// (QA: listed in `trace --help`, refused after the search).
#[test]
fn trace_offers_and_takes_only_the_formats_it_renders() {
    let (code, help, _) = brink(&["trace", "--help"]);
    assert_eq!(code, Some(0));
    let line = help
        .lines()
        .find(|l| l.contains("possible values"))
        .unwrap_or_default();
    assert!(
        line.contains("[possible values: table, markdown, json, csv]"),
        "{help}"
    );
    let (code, stdout, stderr) = brink(&["trace", SCENARIO, "--format", "html"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""), "{stderr}");
    assert!(
        stderr.contains("[possible values: table, markdown, json, csv]"),
        "{stderr}"
    );
}
