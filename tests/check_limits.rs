//! Hostile input: every case is refused (or loaded) with a clear error, never a panic or a hang.
//! Inputs are generated here rather than checked in (some are megabytes). Each test runs under
//! the watchdog (`common::guard`): a hang fails it, named, within minutes.

use crate::common::guard;
use crate::files_common;

use brink::model::{load, load_str};
use files_common::{SMALL_MEMORY, brink, outputs};

const HEAD: &str =
    "[scenario]\nname = \"x\"\nhorizon = 3\n\n[[actors]]\nid = \"a\"\nname = \"A\"\n";
const TAIL: &str = "\n[[outcomes]]\nid = \"rest\"\n";

/// Loads `text`, expects a refusal, and returns the rendered errors.
fn refused(text: &str) -> String {
    match load_str("t.toml", text, &[]) {
        Ok(_) => panic!("loaded, but should be refused"),
        Err(d) => {
            assert!(d.error_count() > 0);
            d.render(false)
        }
    }
}

/// `n` events `e0`, `e1`, ... of `actor`, each with probability 0.1.
fn events(n: usize, actor: &str) -> String {
    (0..n)
        .map(|i| format!("\n[[events]]\nid = \"e{i}\"\nactor = \"{actor}\"\nprobability = 0.1\n"))
        .collect()
}

fn event(id: &str, when: &str) -> String {
    format!("\n[[events]]\nid = \"{id}\"\nactor = \"a\"\nprobability = 0.5\nwhen = \"{when}\"\n")
}

#[test]
fn deeply_nested_arrays_and_tables() {
    guard::test(|| {
        let n = 100_000;
        let arrays = format!("{HEAD}v = {}{}\n", "[".repeat(n), "]".repeat(n));
        assert!(refused(&arrays).contains("TOML syntax"));
        let tables = format!("{HEAD}v = {}1{}\n", "{ a = ".repeat(n), " }".repeat(n));
        assert!(refused(&tables).contains("TOML syntax"));
        let dotted = format!("{HEAD}{}b = 1\n", "a.".repeat(n));
        assert!(refused(&dotted).contains("TOML syntax"));
        let headers = format!("[{}b]\nx = 1\n", "a.".repeat(n));
        assert!(refused(&headers).contains("TOML syntax"));
    })
}

#[test]
fn deeply_nested_condition() {
    guard::test(|| {
        let n = 100_000;
        let when = format!("{}true{}", "(".repeat(n), ")".repeat(n));
        let text = format!("{HEAD}{}{TAIL}", event("e", &when));
        let out = refused(&text);
        assert!(out.contains("t.toml:"), "{out}");
        let nots = format!("{}true", "not ".repeat(n));
        refused(&format!("{HEAD}{}{TAIL}", event("e", &nots)));
    })
}

#[test]
fn files_over_ten_megabytes_are_refused_before_parsing() {
    guard::test(|| {
        let big = format!("{HEAD}# {}\n{TAIL}", "x".repeat(10 * 1024 * 1024));
        let out = refused(&big);
        assert!(out.contains("is too large"), "{out}");
        assert!(out.contains("10 MB"), "{out}");

        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.toml");
        std::fs::write(&path, &big).expect("write");
        let err = load(&path, &[]).expect_err("refused");
        assert!(err.render(false).contains("is too large"));
    })
}

#[test]
fn binary_garbage_and_invalid_utf8() {
    guard::test(|| {
        let garbage: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("garbage.toml");
        std::fs::write(&path, &garbage).expect("write");
        let out = load(&path, &[]).expect_err("refused").render(false);
        assert!(
            out.contains("not valid UTF-8") || out.contains("not a text scenario"),
            "{out}"
        );

        let mut bytes = HEAD.as_bytes().to_vec();
        bytes.extend_from_slice(b"x = \"\xff\xfe\"\n");
        std::fs::write(&path, &bytes).expect("write");
        let out = load(&path, &[]).expect_err("refused").render(false);
        assert!(
            out.contains(&format!("invalid byte at offset {}", HEAD.len() + 5)),
            "{out}"
        );
    })
}

#[test]
fn empty_and_whitespace_files() {
    guard::test(|| {
        for text in ["", "   \n\n", "# only a comment\n"] {
            let out = refused(text);
            assert!(
                out.contains("empty") || out.contains("missing `[scenario]`"),
                "{out}"
            );
        }
    })
}

#[test]
fn nan_and_inf_everywhere() {
    guard::test(|| {
        for bad in ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "1e400"] {
            let text = format!(
                "{HEAD}\n[variables]\nv = {{ initial = 0, max = {bad} }}\n{}{TAIL}",
                event("e", "v > 0")
            );
            let out = refused(&text);
            assert!(
                out.contains("not allowed") || out.contains("too large"),
                "{bad}: {out}"
            );
            let text = format!(
                "{HEAD}\n[[events]]\nid = \"e\"\nactor = \"a\"\nprobability = {bad}\n{TAIL}"
            );
            refused(&text);
        }
        // Inside a condition, the expression language refuses them too.
        refused(&format!("{HEAD}{}{TAIL}", event("e", "step > inf")));
    })
}

#[test]
fn too_many_events() {
    guard::test(|| {
        let out = refused(&format!("{HEAD}{}{TAIL}", events(10_001, "a")));
        assert!(
            out.contains("too many events: 10001, the limit is 10000"),
            "{out}"
        );
    })
}

#[test]
fn a_long_valid_chain_checks_quickly() {
    guard::test(|| {
        // 10 000 events, each eligible once the previous one fired: the reachability fixed point
        // must not be quadratic in passes.
        let mut text = format!("{HEAD}{}", event("e0", "true"));
        for i in 1..10_000 {
            text.push_str(&event(&format!("e{i}"), &format!("e{}", i - 1)));
        }
        text.push_str("\n[[outcomes]]\nid = \"end\"\nwhen = \"e9999\"\n");
        text.push_str(TAIL);
        let loaded =
            load_str("t.toml", &text, &[]).unwrap_or_else(|d| panic!("{}", d.render(false)));
        assert_eq!(loaded.model.events.len(), 10_000);
        assert!(
            loaded.warnings.is_empty(),
            "{}",
            loaded.warnings.render(false)
        );
    })
}

#[test]
fn extends_cycles_and_missing_bases() {
    guard::test(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "extends = \"a.toml\"\n[scenario]\nname = \"self\"\n").expect("write");
        let out = load(&a, &[]).expect_err("refused").render(false);
        assert!(out.contains("`extends` cycle"), "{out}");

        let b = dir.path().join("b.toml");
        std::fs::write(&b, "extends = \"sub/none.toml\"\n").expect("write");
        let out = load(&b, &[]).expect_err("refused").render(false);
        assert!(
            out.contains("cannot read") && out.contains("none.toml"),
            "{out}"
        );

        let out = load(&dir.path().join("missing.toml"), &[])
            .expect_err("refused")
            .render(false);
        assert!(
            out.contains("cannot read") && out.contains("no such file"),
            "{out}"
        );

        let out = load(dir.path(), &[]).expect_err("refused").render(false);
        assert!(out.contains("is a folder"), "{out}");
    })
}

#[test]
fn many_errors_are_bounded() {
    guard::test(|| {
        // Thousands of wrong names: every one is reported up to a cap, quickly.
        let mut text = HEAD.to_string();
        for i in 0..5_000 {
            text.push_str(&format!(
            "[[events]]\nid = \"e{i}\"\nactor = \"nobody{i}\"\nprobability = 0.1\nwhen = \"x{i} and y{i}\"\nset = [\"z{i}\"]\n"
        ));
        }
        text.push_str(TAIL);
        let err = load_str("t.toml", &text, &[]).expect_err("refused");
        assert!(err.items.len() <= 1000, "{}", err.items.len());
        // The summaries count every error found, not only those shown: one per unknown actor at
        // least (the expressions of a file past the cap are not checked).
        assert!(err.error_count() >= 5_000, "{}", err.error_count());
        let shown = err.items.iter().filter(|d| d.is_error()).count();
        assert_eq!(err.not_shown, err.error_count() - shown);
        let more = format!("{} more errors not shown", err.not_shown);
        assert!(err.render(false).contains(&more), "{more}");
        assert_eq!(
            err.error_summary(),
            format!("{} errors ({shown} shown)", err.error_count())
        );
    })
}

#[test]
fn a_file_of_unknown_set_paths_is_refused_quickly() {
    guard::test(|| {
        // A `[set]` table a file long: each path is compared once (no scan of the entries before
        // it) and only the errors that are shown get a did-you-mean; both were quadratic, minutes.
        let mut text = format!("{HEAD}{}{TAIL}\n[set]\n", event("e", "true"));
        for i in 0..50_000 {
            text.push_str(&format!("\"events.e.probability{i}\" = 0.1\n"));
        }
        text.push_str("\"events.e.probability\" = 0.2\nevents.e.probability = 0.3\n");
        let err = load_str("t.toml", &text, &[]).expect_err("refused");
        let out = err.render(false);
        assert!(
            out.contains("the closest valid path is `events.e.probability`"),
            "{out}"
        );
        assert!(out.contains("more errors not shown"), "{out}");
        let dup = load_str(
        "t.toml",
        &format!(
            "{HEAD}{}{TAIL}\n[set]\n\"events.e.probability\" = 0.2\nevents.e.probability = 0.3\n",
            event("e", "true")
        ),
        &[],
    )
    .expect_err("refused")
    .render(false);
        assert!(
            dup.contains("`events.e.probability` is set twice in `[set]`"),
            "{dup}"
        );
    })
}

#[test]
fn thousands_of_expectations_with_a_set_load_quickly() {
    guard::test(|| {
        // Each `[[expect]]` set is checked on a copy of the scenario: the copy and the lookup of
        // each path's kind copied the whole document, expectations included (15 s for 5 000).
        let mut text = format!("{HEAD}[flags]\nx = false\n{}{TAIL}", event("e", "not x"));
        for _ in 0..5_000 {
            text.push_str(
            "\n[[expect]]\noutcome = \"rest\"\nprobability = [0, 1]\nset = { \"flags.x\" = true }\n",
        );
        }
        let loaded = load_str("t.toml", &text, &[]).expect("loads");
        assert_eq!(loaded.model.expects.len(), 5_000);
        // Unknown paths are reported once, where the expectations are read (no copy is checked).
        let unknown = text.replace("\"flags.x\" = true", "\"flags.y\" = true");
        let err = load_str("t.toml", &unknown, &[]).expect_err("refused");
        assert!(
            err.render(false).contains("unknown path `flags.y`"),
            "{}",
            err.render(false)
        );
        // A set that breaks the scenario is still found, in every expectation that has it.
        let broken = text.replace("\"flags.x\" = true", "\"flags.x\" = 3");
        let err = load_str("t.toml", &broken, &[]).expect_err("refused");
        assert!(
            err.render(false)
                .contains("flag `x` must be `true` or `false`, found an integer"),
            "{}",
            err.render(false)
        );
    })
}

/// `base.toml` in `dir`: a scenario of `n` events `e0`, `e1`, ...
fn write_base(dir: &std::path::Path, n: usize) {
    let base = format!("{HEAD}{}{TAIL}", events(n, "a"));
    std::fs::write(dir.join("base.toml"), base).expect("write");
}

/// `child.toml` in `dir`, extending `base.toml` and removing `entries` (quoted, `, ` between).
fn write_child(dir: &std::path::Path, entries: &str) -> std::path::PathBuf {
    let child = dir.join("child.toml");
    let text = format!("extends = \"base.toml\"\nremove = [{entries}]\n");
    std::fs::write(&child, text).expect("write");
    child
}

#[test]
fn a_child_that_removes_thousands_of_entries_loads_quickly() {
    guard::test(|| {
        // `remove` listed every name of the base for a did-you-mean at each entry it removed (4.7 s
        // for 10 000); it is only wanted for an entry the base does not have.
        let dir = tempfile::tempdir().expect("temp dir");
        let n = 10_000;
        write_base(dir.path(), n);
        let names: Vec<String> = (1..n).map(|i| format!("\"events.e{i}\"")).collect();
        let child = write_child(dir.path(), &names.join(", "));
        let loaded = load(&child, &[]).expect("loads");
        assert_eq!(loaded.model.events.len(), 1);
        let more = format!("{}, \"events.e1\", \"events.x0\"", names.join(", "));
        let child = write_child(dir.path(), &more);
        let out = load(&child, &[]).expect_err("refused").render(false);
        assert!(
            out.contains("cannot remove `events.e1`: the base has no such entry"),
            "{out}"
        );
        assert!(out.contains("did you mean `events.e0`?"), "{out}");
    })
}

#[test]
fn thousands_of_unknown_removals_get_a_did_you_mean_only_first() {
    guard::test(|| {
        // Each unknown entry of `remove` searched every name of the base: 10 000 on a 10 000-entry
        // base took 6.7 s. As for unknown paths, only the first errors get the search; the rest keep
        // the general help.
        let dir = tempfile::tempdir().expect("temp dir");
        let n = 2_000;
        write_base(dir.path(), n);
        let names: Vec<String> = (0..n).map(|i| format!("\"events.x{i}\"")).collect();
        let child = write_child(dir.path(), &names.join(", "));
        let err = load(&child, &[]).expect_err("refused");
        let helps: Vec<&str> = err
            .items
            .iter()
            .filter(|d| d.message.starts_with("cannot remove"))
            .map(|d| d.help.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(helps.len(), 500, "the errors shown");
        assert_eq!(err.error_count(), n);
        assert!(
            helps[0].starts_with("did you mean `events.e0`"),
            "{}",
            helps[0]
        );
        assert!(helps[19].starts_with("did you mean"), "{}", helps[19]);
        for help in &helps[20..] {
            assert!(help.starts_with("entries are named `actors.ID`"), "{help}");
        }
    })
}

#[test]
fn thousands_of_unknown_set_paths_on_a_large_scenario_are_refused_quickly() {
    guard::test(|| {
        // Each unknown path searched every valid path of the scenario for the closest: 10 000 of
        // them on 10 000 events ran for hours. The first ones get the search, the rest are counted.
        let mut text = HEAD.to_string();
        for i in 0..2_000 {
            text.push_str(&event(&format!("e{i}"), "true"));
        }
        text.push_str(TAIL);
        let sets: Vec<String> = (0..2_000)
            .map(|i| format!("events.x{i}.probability=0.2"))
            .collect();
        let out = load_str("t.toml", &text, &sets)
            .expect_err("refused")
            .render(false);
        assert!(out.contains("the closest valid path is `events."), "{out}");
        assert!(out.contains("1500 more errors not shown"), "{out}");
    })
}

/// A sensitivity analysis of a scenario of hundreds of events holds one batch of versions per
/// thread, not every version at once: it finishes under 512 MB of address space. Every version
/// held at once, memory grew with the square of the events: 1.2 GB for this file, 4.7 GB with
/// 600 events. Each event's probability is a parameter and its modifier's factor is drawn, so
/// that the analysis has versions of every kind: adjusted events, and inputs whose versions are
/// changed copies of the scenario.
#[test]
fn a_sensitivity_analysis_of_many_events_runs_in_little_memory() {
    guard::test(|| {
        let n = 300;
        let mut text = format!("{HEAD}\n[params]\n");
        for p in 0..20 {
            text.push_str(&format!("r{p} = {{ uniform = [0.01, 0.05] }}\n"));
        }
        for i in 0..n {
            text.push_str(&format!(
                "\n[[events]]\nid = \"e{i}\"\nactor = \"a\"\nprobability = \"r{}\"\n\
             modifiers = [{{ when = \"step > 1\", factor = {{ uniform = [1, 2] }} }}]\n",
                i % 20
            ));
        }
        text.push_str("\n[[outcomes]]\nid = \"hit\"\nwhen = \"e0\"\n");
        text.push_str(TAIL);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("many.toml");
        std::fs::write(&path, text).unwrap();
        let args = ["sensitivity", path.to_str().unwrap(), "--trials", "10"];
        let args = [&args[..], &["--threads", "2", "--format", "json"]].concat();
        let (stdout, stderr, code) = outputs(&brink(&args, SMALL_MEMORY).output().unwrap());
        assert_eq!(code, Some(0), "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let hit = &json["outcomes"][0];
        assert_eq!(hit["id"], "hit");
        // Every event's row, every parameter's and every drawn factor's.
        assert_eq!(hit["events"].as_array().map(Vec::len), Some(n));
        assert_eq!(hit["inputs"].as_array().map(Vec::len), Some(20 + n));
    })
}
