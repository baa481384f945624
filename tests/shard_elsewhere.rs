//! Parts carry their scenario's texts: `brink merge` needs no scenario file, so parts merge in
//! another folder (or on another machine) to the same bytes, even once the scenario is gone or
//! changed; a part whose scenario text was edited is refused, and so are parts of shards that
//! ran on different versions of the scenario.

use crate::common;
use crate::shard_util;

use std::path::Path;

use shard_util::{edit, merge, refused, run_in, words_with};

/// A scenario that extends a base in a subfolder, in `dir`; shards name it by a relative path.
fn extended(dir: &Path) {
    std::fs::create_dir(dir.join("base")).unwrap();
    std::fs::copy(
        common::root().join("tests/scenarios/analysis_chain.toml"),
        dir.join("base/base.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("child.toml"),
        "extends = \"base/base.toml\"\n\n[scenario]\nname = \"Child chain\"\nhorizon = 12\n",
    )
    .unwrap();
}

/// Runs `line` in `dir`, which must succeed; its stdout.
fn ok_in(dir: &Path, line: &str) -> String {
    let (code, out, err) = run_in(dir, &words_with(line, &[]));
    assert_eq!(code, 0, "{line}: {err}");
    out
}

const COMMANDS: [&str; 3] = [
    "run child.toml --trials 9000 --seed 3 --quiet",
    "sweep child.toml --vary events.a.probability=0.1:0.5:3 --trials 5000 --seed 3 --quiet",
    "sensitivity child.toml --trials 5000 --seed 3 --quiet",
];

#[test]
fn parts_merge_in_another_folder_once_the_scenario_is_gone() {
    let (here, there) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (h, t) = (here.path(), there.path());
    extended(h);
    let mut want = Vec::new();
    for (c, line) in COMMANDS.iter().enumerate() {
        for format in ["json", "csv", "markdown"] {
            want.push(ok_in(h, &format!("{line} --format {format}")));
        }
        for i in 0..3 {
            ok_in(h, &format!("{line} --shard {i}/3 --output p{c}-{i}.json"));
            std::fs::rename(
                h.join(format!("p{c}-{i}.json")),
                t.join(format!("p{c}-{i}.json")),
            )
            .unwrap();
        }
    }
    // The scenario changes, then goes: the parts still hold what the shards ran.
    std::fs::write(h.join("base/base.toml"), "not a scenario").unwrap();
    drop(here);
    let mut got = Vec::new();
    for c in 0..COMMANDS.len() {
        let parts: Vec<String> = (0..3).map(|i| format!("p{c}-{i}.json")).collect();
        for format in ["json", "csv", "markdown"] {
            let (code, out, err) = merge(t, &parts, &["--format", format]);
            assert_eq!(code, 0, "{err}");
            got.push(out);
        }
    }
    assert_eq!(got, want);
}

#[test]
fn an_edited_scenario_text_or_a_scenario_changed_between_shards_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    extended(d);
    let run = COMMANDS[0];
    for i in 0..3 {
        ok_in(d, &format!("{run} --shard {i}/3 --output p{i}.json"));
    }
    // The base's text in part 1 edited: it no longer gives the digest.
    edit(d, "p1.json", "edited.json", |v| {
        let text = v["scenario"]["files"][0]["text"].as_str().unwrap();
        v["scenario"]["files"][0]["text"] = text.replace("0.3", "0.4").into();
    });
    assert_eq!(
        refused(d, &["p0.json", "edited.json", "p2.json"]),
        "error: part `edited.json`: not a complete partial result (its scenario's text does not \
         give its digest)\nhelp: a truncated or edited part cannot be merged; run that shard \
         again\n"
    );
    // The scenario edited on disk before shard 2 ran: another digest.
    let base = std::fs::read_to_string(d.join("base/base.toml")).unwrap();
    std::fs::write(d.join("base/base.toml"), base.replace("0.3", "0.4")).unwrap();
    ok_in(d, &format!("{run} --shard 2/3 --output late.json"));
    let err = refused(d, &["p0.json", "p1.json", "late.json"]);
    assert!(
        err.starts_with(
            "error: parts `p0.json` and `late.json` are not from the same run: they ran other \
             scenario texts (a scenario of digest "
        ),
        "{err}"
    );
}
