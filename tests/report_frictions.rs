//! Frictions a seminar met, each pinned: a probability of 0 printed as `-0`, a Unicode minus
//! that a spreadsheet does not read as a number, and messages that sent users the wrong way.

mod common;

use common::{failure, stdout};

const NEVER: &str = "tests/scenarios/never_fires.toml";
const HAZARD: &str = "tests/scenarios/hazard.toml";

#[test]
fn an_event_that_can_never_fire_has_probability_zero_not_minus_zero() {
    for format in ["json", "table", "csv", "markdown"] {
        let text = stdout(&["exact", NEVER, "--format", format]);
        assert!(!text.contains("-0"), "{format}: {text}");
        assert!(text.contains("second"), "{format}: {text}");
    }
    let v = common::json(&["exact", NEVER, "--format", "json"]);
    let second = &v["events"][1];
    assert_eq!(second["id"], "second");
    assert!(second["probability"].as_f64().unwrap().is_sign_positive());
    assert_eq!(second["probability"], 0.0);
}

#[test]
fn markdown_and_csv_write_an_ascii_minus() {
    // B strikes less often than A: negative differences.
    let compare = |format: &str| {
        stdout(&[
            "compare",
            HAZARD,
            HAZARD,
            "--set-b",
            "events.strike.probability=0.05",
            "--trials",
            "3000",
            "--format",
            format,
        ])
    };
    let sweep = |format: &str| {
        stdout(&[
            "sensitivity",
            HAZARD,
            "--trials",
            "3000",
            "--format",
            format,
        ])
    };
    for format in ["markdown", "csv", "table"] {
        for text in [compare(format), sweep(format)] {
            assert!(!text.contains('\u{2212}'), "{format}: {text}");
        }
    }
    assert!(
        compare("markdown").contains(" pp | [-"),
        "{}",
        compare("markdown")
    );
}

#[test]
fn a_percentage_in_set_is_answered_with_the_fraction_at_once() {
    let e = failure(
        &["run", HAZARD, "--set", "events.strike.probability=20%"],
        1,
    );
    assert!(e.contains("takes a fraction, not a percentage"), "{e}");
    assert!(e.contains("help: write 0.2\n"), "{e}");
    assert!(!e.contains("quoted"), "no advice to quote: {e}");
}

#[test]
fn set_with_a_space_for_the_equals_sign_hints_at_it() {
    let e = failure(
        &["run", HAZARD, "--set", "events.strike.probability", "0.2"],
        2,
    );
    assert!(e.contains("`--set events.strike.probability=0.2`"), "{e}");
}

#[test]
fn a_bad_vary_path_is_reported_as_vary() {
    let e = failure(
        &[
            "sweep",
            HAZARD,
            "--vary",
            "events.nope.probability=0.1:0.2:2",
            "--trials",
            "10",
        ],
        1,
    );
    assert!(e.contains("--vary:1:1"), "{e}");
    assert!(!e.contains("--set"), "{e}");
    // A bad --set beside a good --vary is still a --set.
    let e = failure(
        &[
            "sweep",
            HAZARD,
            "--set",
            "events.nope.probability=0.1",
            "--vary",
            "events.strike.probability=0.1:0.2:2",
            "--trials",
            "10",
        ],
        1,
    );
    assert!(e.contains("--set:1:1"), "{e}");
}

#[test]
fn a_file_missing_from_the_command_line_does_not_talk_about_extends() {
    let e = failure(&["run", "baseline.toml"], 1);
    assert!(e.contains("cannot read `baseline.toml`"), "{e}");
    assert!(!e.contains("extends"), "{e}");
    assert!(e.contains("folder you run brink in"), "{e}");
}

#[test]
fn an_unknown_name_says_how_to_declare_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("flagless.toml");
    std::fs::write(
        &file,
        "[scenario]\nname = \"x\"\nhorizon = 2\n\n[[actors]]\nid = \"a\"\nname = \"A\"\n\n\
         [[events]]\nid = \"e\"\nactor = \"a\"\nprobability = 0.1\nwhen = \"zzqx\"\n\n\
         [[outcomes]]\nid = \"o\"\n",
    )
    .unwrap();
    let (out, err) = common::exits(&["check", file.to_str().unwrap()], 1);
    let e = out + &err;
    assert!(
        e.contains("declare it under `[flags]` as `zzqx = false`"),
        "{e}"
    );
}

/// Bucketed percentiles say how close they are, as docs/cli.md does (regression: variables said
/// "from a sketch, within 1% of rank", parameters "within 1% of the value"; both come from
/// logarithmic buckets, within 0.4% of the value).
#[test]
fn approximate_percentiles_say_how_close_they_are() {
    let md = stdout(&common::words(
        "run tests/scenarios/format2_analysis.toml --trials 3000 --format markdown",
    ));
    let from = md.find("## Variables at the end").expect("variables");
    let to = md.find("## Routes").expect("routes");
    insta::assert_snapshot!(&md[from..to]);
}
