//! Frictions a seminar met, each pinned: a probability of 0 printed as `-0`, a Unicode minus
//! that a spreadsheet does not read as a number, and messages that sent users the wrong way.

use crate::common;

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
fn a_variable_given_as_a_table_in_set_gets_a_path_per_key() {
    let e = failure(
        &[
            "run",
            "tests/scenarios/gamblers_ruin.toml",
            "--set",
            "variables.wealth={ initial = 3, max = 9 }",
        ],
        1,
    );
    assert!(
        e.contains("error: `variables.wealth` sets the variable's initial value, a number"),
        "{e}"
    );
    assert!(
        e.contains(
            "help: to change the variable's keys, give each its own path: `--set \
             variables.wealth.initial=3`, `--set variables.wealth.max=9`\n"
        ),
        "{e}"
    );
}

/// A text written in quotes on the command line, as in a file's `[set]`: the label shows
/// without them (it showed `"Open war"` in every report), and a condition is read inside them
/// (it was refused: "unexpected character"), its errors located there.
#[test]
fn a_quoted_text_in_set_is_the_text_inside_the_quotes() {
    let base = "tests/bad/bases/base.toml";
    let md = stdout(&[
        "run",
        base,
        "--trials",
        "100",
        "--format",
        "markdown",
        "--set",
        "outcomes.war_out.label=\"Open war\"",
    ]);
    assert!(md.contains("| war_out | Open war | "), "{md}");
    let (_, err) = common::exits(
        &["check", base, "--set", "events.escalate.when='not war'"],
        0,
    );
    assert!(
        err.contains("warning: variable `tension` is never read"),
        "{err}"
    );
    let e = failure(
        &["run", base, "--set", "events.escalate.when=\"not wr\""],
        1,
    );
    assert!(e.contains("unknown name `wr`\n  ┌─ --set:1:27\n"), "{e}");
}

#[test]
fn yes_in_set_is_answered_with_true() {
    for (value, fixed) in [("yes", "true"), ("Off", "false"), ("True", "true")] {
        let set = format!("events.strike.repeat={value}");
        let e = failure(&["run", HAZARD, "--set", &set], 1);
        let help = format!(
            "help: write `true` or `false`, in lower case: `events.strike.repeat={fixed}`\n"
        );
        assert!(e.contains(&help), "{e}");
    }
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
fn a_scenario_named_without_a_command_gets_the_command_to_write() {
    let e = failure(&[HAZARD, "--trials", "10"], 2);
    assert!(
        e.ends_with(&format!(
            "help: name the command first, as in `brink run {HAZARD} --trials 10` (or `check`, \
             `trace`, `sensitivity`...; `brink --help` lists them)\n"
        )),
        "{e}"
    );
}

#[test]
fn slips_clap_names_but_does_not_explain_get_the_command_to_write() {
    let e = failure(&["run", HAZARD, HAZARD, "--trials", "10"], 2);
    assert!(
        e.ends_with(&format!(
            "help: `run` takes one scenario; to run two side by side on the same random streams: \
             `brink compare {HAZARD} {HAZARD}`\n"
        )),
        "{e}"
    );
    let e = failure(&["run", HAZARD, "--given", "struck", "and", "struck"], 2);
    assert!(
        e.ends_with(
            "help: a condition of several words goes in quotes, as one argument: `--given \
             \"struck and struck\"`\n"
        ),
        "{e}"
    );
    let e = failure(&["sweep", HAZARD, "--trials", "10"], 2);
    assert!(e.contains("--vary <VARY>"), "{e}");
    assert!(
        e.ends_with(
            "help: `--vary PATH=VALUES` says what a sweep changes: `--vary \
             events.ID.probability=0.1:0.5:5` (FROM:TO:N points) or `--vary \
             variables.NAME=1,2,4` (a list); several `--vary` make a grid\n"
        ),
        "{e}"
    );
}

/// Help asked for is no slip: `sweep --help` (which has no `--vary`) printed the sweep hint
/// under the help.
#[test]
fn help_asked_for_gets_no_hint() {
    for args in [
        &["sweep", "--help"][..],
        &["sweep", HAZARD, "-h"],
        &["sensitivity", HAZARD, "--help"],
        &["--version"],
    ] {
        let (code, out, err) = common::outputs(args);
        assert_eq!((code, err.as_str()), (Some(0), ""), "{args:?}");
        assert!(!out.contains("help: "), "{args:?}: {out}");
    }
}

/// A one-letter option as other tools have (`-o`): clap refuses it (exit 2) and suggests `--`;
/// the hint under it names the long option, with the value given.
#[test]
fn a_one_letter_option_gets_its_long_name_under_the_error() {
    let e = failure(&["run", HAZARD, "-o", "r.csv"], 2);
    assert!(
        e.starts_with("error: unexpected argument '-o' found"),
        "{e}"
    );
    assert!(
        e.ends_with("\nhelp: brink's options have long names only: `--output r.csv`\n"),
        "{e}"
    );
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
    // From the project's folder, the shipped file of that name is the one meant.
    let e = failure(&["run", "baseline.toml"], 1);
    assert!(e.contains("cannot read `baseline.toml`"), "{e}");
    assert!(!e.contains("extends"), "{e}");
    assert!(e.contains("did you mean `scenarios/baseline.toml`?"), "{e}");
    let e = failure(&["run", "zzqx_nowhere.toml"], 1);
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

/// A difference whose interval end rounds to 0 without being 0 keeps the end's sign (regression:
/// the table showed `+0.12 pp [0.00, +0.26]` for a lower end of +2.04e-05); an exact 0 has none.
#[test]
fn an_interval_end_that_rounds_to_zero_keeps_its_sign() {
    let md = stdout(&common::words(
        "sweep scenarios/baseline.toml --vary events.ceasefire.probability=0.05:0.5:4 \
         --trials 5000 --seed 7 --format markdown",
    ));
    let row = md
        .lines()
        .find(|l| l.starts_with("| 0.05 |"))
        .expect("a row");
    assert_eq!(
        row,
        "| 0.05 | 0.94% [0.71%, 1.25%] +0.12 pp [+0.00, +0.26] \
         | 2.36% [1.97%, 2.82%] -0.06 pp [-0.17, +0.04] \
         | 1.88% [1.54%, 2.30%] +0.32 pp [+0.16, +0.51] \
         | 2.46% [2.07%, 2.93%] +0.84 pp [+0.59, +1.13] \
         | 1.68% [1.36%, 2.08%] 0.00 pp [-0.10, +0.10] \
         | 37.3% [35.9%, 38.6%] -29.1 pp [-30.3, -27.8] \
         | 53.4% [52.0%, 54.8%] +27.9 pp [+26.6, +29.1] |"
    );
}
