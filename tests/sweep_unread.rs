//! `sweep` refuses a path no trial reads (an entry's text, an outcome's `severity`): every point
//! would repeat the baseline's numbers, a table of 0.0 pp that reads like a finding. The help
//! names a number of the same entry that the trials do read.

use crate::common;

use common::failure;

const SCENARIO: &str = r#"
[scenario]
name = "Unread paths"
horizon = 5

[params]
resolve = { value = 1, unit = "factor", rationale = "a guess" }

[flags]
struck = false

[variables]
tension = { initial = 1, min = 0, max = 10, unit = "level" }

[[actors]]
id = "north"
name = "North"

[[actors]]
id = "south"
name = "South"
side = "west"

[[events]]
id = "talk"
actor = "north"
label = "Talks"
probability = 0.1

[[events]]
id = "strike"
actor = "south"
label = "A strike"
probability = "0.1 * resolve"
tags = ["force"]

[[events.branches]]
label = "hard"
weight = 1
set = ["struck"]

[[events.branches]]
label = "soft"
weight = 1

[[outcomes]]
id = "war"
label = "War"
when = "struck"
severity = 3

[[outcomes]]
id = "peace"
label = "Peace"
"#;

fn refusal(path: &str, values: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("unread.toml");
    std::fs::write(&file, SCENARIO).unwrap();
    failure(
        &[
            "sweep".as_ref(),
            file.as_os_str(),
            "--vary".as_ref(),
            format!("{path}={values}").as_ref(),
            "--trials".as_ref(),
            "100".as_ref(),
        ],
        1,
    )
}

#[test]
fn a_text_or_severity_path_is_refused_with_a_number_of_its_entry() {
    let cases = [
        ("events.strike.label", "`events.strike.probability`"),
        (
            "events.strike.branches.0.label",
            "the branch's weight, `events.strike.branches.0.weight`",
        ),
        (
            "actors.south.side",
            "the chance of one of its events, `events.strike.probability`",
        ),
        (
            "outcomes.war.severity",
            "the chance of an event its `when` reads, `events.strike.probability`",
        ),
        (
            "outcomes.peace.label",
            "`scenario.horizon` or `events.talk.probability`",
        ),
        (
            "variables.tension.unit",
            "its starting value, `variables.tension`",
        ),
        (
            "params.resolve.rationale",
            "the parameter itself, `params.resolve`",
        ),
        (
            "scenario.name",
            "`scenario.horizon` or `events.talk.probability`",
        ),
    ];
    for (path, help) in cases {
        let key = path.rsplit('.').next().unwrap();
        assert_eq!(
            refusal(path, "1,2"),
            format!(
                "error: --vary `{path}` cannot be swept: no trial reads `{key}`, so every point \
                 would repeat the baseline's numbers\n\
                 help: vary a number the trials read, such as {help}\n"
            ),
        );
    }
}

#[test]
fn a_bad_id_in_an_unread_path_is_told_as_a_bad_path_first() {
    let e = refusal("events.strik.label", "1,2");
    assert!(e.contains("unknown event `strik`"), "{e}");
    assert!(!e.contains("no trial reads"), "{e}");
}
