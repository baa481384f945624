//! Checks on the shipped scenarios that a seminar relies on and the engine cannot see: every
//! event says where its claim comes from and why its number was chosen, every variant builds on
//! the baseline and overrides only what exists there, and the seminar kit names every file.
//! Most read the files as plain TOML, so they hold whatever the loader does; the last ones load
//! each file through `brink::model::load`, to see every event as a variant really has it (after
//! `extends`, `remove` and `[set]`) and the expectations that pin what each file shows. The
//! README quotes and the kit's route decomposition are compared with what the binary prints.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Every `*.toml` in `scenarios/`, sorted, with its parsed table.
fn scenario_files() -> Vec<(String, Table)> {
    let mut files: Vec<(String, Table)> = fs::read_dir(scenarios_dir())
        .expect("scenarios/ is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).expect("scenario is UTF-8");
            let table = text
                .parse::<Table>()
                .unwrap_or_else(|err| panic!("{name} is not valid TOML: {err}"));
            (name, table)
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn baseline() -> Table {
    scenario_files()
        .into_iter()
        .find(|(name, _)| name == "baseline.toml")
        .expect("scenarios/baseline.toml exists")
        .1
}

fn array<'a>(table: &'a Table, key: &str) -> &'a [Value] {
    table
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn string<'a>(table: &'a Table, key: &str) -> Option<&'a str> {
    table.get(key).and_then(Value::as_str)
}

fn ids(table: &Table, key: &str) -> Vec<String> {
    array(table, key)
        .iter()
        .map(|entry| {
            string(entry.as_table().expect("entries are tables"), "id")
                .expect("every entry has an id")
                .to_owned()
        })
        .collect()
}

/// Every condition in the file: events' `when`, modifiers' `when`, outcomes' `when`.
fn conditions(table: &Table) -> Vec<String> {
    let mut found = Vec::new();
    for event in array(table, "events") {
        let event = event.as_table().unwrap();
        found.extend(string(event, "when").map(str::to_owned));
        for modifier in array(event, "modifiers") {
            found.extend(string(modifier.as_table().unwrap(), "when").map(str::to_owned));
        }
    }
    for outcome in array(table, "outcomes") {
        found.extend(string(outcome.as_table().unwrap(), "when").map(str::to_owned));
    }
    found
}

fn words(expression: &str) -> BTreeSet<String> {
    expression
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_scenario_has_a_name_and_a_description() {
    let files = scenario_files();
    assert!(files.len() >= 6, "the baseline and at least five variants");
    for (name, table) in &files {
        let scenario = table
            .get("scenario")
            .and_then(Value::as_table)
            .unwrap_or_else(|| panic!("{name}: no [scenario]"));
        for key in ["name", "description"] {
            let value = string(scenario, key).unwrap_or_default();
            assert!(
                !value.trim().is_empty(),
                "{name}: [scenario] {key} is empty"
            );
        }
    }
}

#[test]
fn every_variant_extends_the_baseline() {
    for (name, table) in scenario_files() {
        if name == "baseline.toml" {
            assert!(table.get("extends").is_none(), "the baseline stands alone");
        } else if name == "update_2026.toml" {
            // The update adds evidence to the hindcast, so that it is counted once.
            assert_eq!(
                string(&table, "extends"),
                Some("hindcast_2025.toml"),
                "update_2026.toml should extend hindcast_2025.toml"
            );
        } else {
            assert_eq!(
                string(&table, "extends"),
                Some("baseline.toml"),
                "{name} should extend baseline.toml"
            );
        }
    }
}

#[test]
fn baseline_events_cite_a_source_and_a_rationale() {
    let table = baseline();
    let events = array(&table, "events");
    assert!(!events.is_empty());
    for event in events {
        let event = event.as_table().unwrap();
        let id = string(event, "id").unwrap();
        for key in ["label", "source", "rationale"] {
            let value = string(event, key).unwrap_or_default();
            assert!(!value.trim().is_empty(), "event {id}: no {key}");
        }
        let source = string(event, "source").unwrap();
        let quotes_the_article = source.starts_with("Article: “") && source.contains('”');
        let says_why_added = source.starts_with("Not in the article: ");
        assert!(
            quotes_the_article || says_why_added,
            "event {id}: the source should quote the article (Article: “...”) \
             or start with \"Not in the article: \" and say why, got {source:?}"
        );
    }
}

#[test]
fn baseline_has_the_articles_actors_and_each_acts() {
    let table = baseline();
    let actors: BTreeSet<String> = ids(&table, "actors").into_iter().collect();
    let expected: BTreeSet<String> = [
        "russia",
        "ukraine",
        "north_korea",
        "south_korea",
        "united_states",
        "nato",
        "france",
        "china",
        "japan",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(actors, expected);
    let acting: BTreeSet<String> = array(&table, "events")
        .iter()
        .map(|event| {
            string(event.as_table().unwrap(), "actor")
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(acting, expected, "every actor takes part in some event");
}

#[test]
fn baseline_outcomes_are_in_priority_order_with_the_catch_all_last() {
    let table = baseline();
    assert_eq!(
        ids(&table, "outcomes"),
        [
            "world_war_iii",
            "sino_us_war_in_korea",
            "european_war",
            "france_russia_war",
            "korean_war",
            "negotiated_ceasefire",
            "war_grinds_on"
        ]
    );
    let outcomes = array(&table, "outcomes");
    let (catch_all, others) = outcomes.split_last().unwrap();
    assert!(catch_all.as_table().unwrap().get("when").is_none());
    for outcome in others {
        assert!(outcome.as_table().unwrap().get("when").is_some());
    }
}

#[test]
fn every_baseline_flag_and_variable_is_read_by_a_condition() {
    let table = baseline();
    let read: BTreeSet<String> = conditions(&table).iter().flat_map(|c| words(c)).collect();
    for section in ["flags", "variables"] {
        let declared = table.get(section).and_then(Value::as_table).unwrap();
        for name in declared.keys() {
            assert!(read.contains(name), "{section}.{name} is read by nothing");
        }
    }
}

#[test]
fn variant_overrides_and_removals_name_what_the_baseline_declares() {
    let base = baseline();
    let declared = |kind: &str, id: &str| match kind {
        "flags" | "variables" | "params" => base
            .get(kind)
            .and_then(Value::as_table)
            .is_some_and(|t| t.contains_key(id)),
        "events" | "outcomes" | "actors" => ids(&base, kind).iter().any(|x| x == id),
        "scenario" => true,
        _ => false,
    };
    for (name, table) in scenario_files() {
        let set_paths = table
            .get("set")
            .and_then(Value::as_table)
            .map(|set| set.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default();
        let removed = array(&table, "remove")
            .iter()
            .map(|v| v.as_str().expect("remove holds strings").to_owned());
        for path in set_paths.into_iter().chain(removed) {
            let mut parts = path.split('.');
            let kind = parts.next().unwrap();
            let id = parts.next().unwrap_or_default();
            assert!(
                declared(kind, id),
                "{name}: {path} names nothing in baseline.toml"
            );
        }
    }
}

#[test]
fn the_seminar_kit_names_every_scenario_file() {
    let readme = fs::read_to_string(scenarios_dir().join("README.md")).expect("README.md");
    for (name, _) in scenario_files() {
        assert!(
            readme.contains(&format!("`{name}`")),
            "scenarios/README.md does not mention {name}"
        );
    }
    let exercises = readme
        .split("\n## Exercises\n")
        .nth(1)
        .expect("an Exercises section")
        .split("\n## ")
        .next()
        .unwrap()
        .matches("\n### ")
        .count();
    assert!(exercises >= 6, "at least six exercises, found {exercises}");
}

/// Every shipped scenario as the loader builds it, with its warnings.
fn loaded_scenarios() -> Vec<(String, brink::model::Loaded)> {
    let mut files: Vec<PathBuf> = fs::read_dir(scenarios_dir())
        .expect("scenarios/ is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let loaded = brink::model::load(&path, &[])
                .unwrap_or_else(|diags| panic!("{name} does not load:\n{}", diags.render(false)));
            (name, loaded)
        })
        .collect()
}

#[test]
fn every_scenario_loads_without_warnings() {
    for (name, loaded) in loaded_scenarios() {
        assert!(
            loaded.warnings.is_empty(),
            "{name} has warnings:\n{}",
            loaded.warnings.render(false)
        );
    }
}

#[test]
fn every_event_of_every_scenario_has_a_source_and_a_rationale() {
    for (name, loaded) in loaded_scenarios() {
        assert!(!loaded.model.events.is_empty(), "{name}: no events");
        for event in &loaded.model.events {
            for (key, value) in [("source", &event.source), ("rationale", &event.rationale)] {
                let text = value.as_deref().unwrap_or_default();
                assert!(
                    !text.trim().is_empty(),
                    "{name}: event {} has no {key}",
                    event.id
                );
            }
        }
    }
}

/// A seminar checks a number against its source: a rationale that cites a dated figure names its
/// row in `scenarios/calibration.md`, and every rationale says what anchors it or that it is
/// judgement.
#[test]
fn every_rationale_names_its_calibration_row_or_says_judgement() {
    let dated = |text: &str| {
        text.as_bytes().windows(4).any(|w| {
            (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit)
        })
    };
    for (name, loaded) in loaded_scenarios() {
        for event in &loaded.model.events {
            let text = event.rationale.as_deref().unwrap_or_default();
            let names_row = text.contains("calibration.md");
            assert!(
                names_row || !dated(text),
                "{name}: event {} cites a dated figure without its row in calibration.md",
                event.id
            );
            assert!(
                names_row || text.contains("udgement"),
                "{name}: event {} names no calibration row and does not say it is judgement",
                event.id
            );
        }
    }
}

/// What the expectations of all the files may cost together: `brink test scenarios/` runs inside
/// `cargo test`, and a trial of the baseline takes about 10 microseconds.
const TRIAL_BUDGET: u64 = 600_000;

#[test]
fn every_scenario_pins_what_it_shows_with_narrow_ranges_on_a_budget() {
    let mut total = 0;
    for (name, loaded) in loaded_scenarios() {
        let model = &loaded.model;
        assert!(
            !model.expects.is_empty(),
            "{name}: no [[expect]] says what the scenario is meant to show"
        );
        for expect in &model.expects {
            // A range this wide would pass a broken engine or a typo'd condition: a tenth for a
            // probability, a tenth of the value for a variable's mean.
            let width = match expect.target {
                brink::model::ExpectTarget::VariableMean(_) => 0.1 * expect.hi.abs(),
                _ => 0.1,
            };
            assert!(
                expect.hi - expect.lo <= width,
                "{}: the range [{}, {}] pins nothing",
                expect.location,
                expect.lo,
                expect.hi
            );
            total += expect.trials.unwrap_or(model.trials);
        }
    }
    assert!(
        total <= TRIAL_BUDGET,
        "the expectations run {total} trials in all, over the budget of {TRIAL_BUDGET}"
    );
}

/// The README and the seminar kit quote the start of the baseline's report; results are the same on every
/// computer for a seed, so the quotation must match what brink prints now (`INSTA_UPDATE=always`
/// rewrites it).
#[test]
fn the_readmes_quote_the_baselines_report_as_brink_prints_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brink"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "scenarios/baseline.toml", "--quiet"])
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .expect("brink runs");
    let report = common::succeeded(&out);
    let lines: Vec<&str> = report.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == "Outcomes")
        .expect("an Outcomes section");
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.starts_with('└'))
            .expect("the end of the outcomes table");
    // The first two lines (name, file, seed, trials, horizon), then the outcomes table; the
    // third line holds the machine's threads and speed.
    let quoted = [&lines[..2], &lines[start..=end]];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for readme_path in [scenarios_dir().join("README.md"), root.join("README.md")] {
        let mut readme = fs::read_to_string(&readme_path).expect("README.md");
        if common::bless() {
            readme = requote(&readme, &lines[..3], &lines[start..=end]);
            fs::write(&readme_path, &readme).unwrap();
        }
        for block in quoted {
            let text = block.join("\n");
            assert!(
                readme.contains(&text),
                "{} should quote, as `brink run scenarios/baseline.toml` prints it:\n{text}",
                readme_path.display()
            );
        }
    }
}

/// `readme` with its quotation of the report (the block that begins with the report's first
/// line) replaced by `head` (name, file, machine), a blank line and `table`.
fn requote(readme: &str, head: &[&str], table: &[&str]) -> String {
    let start = readme.find(head[0]).expect("a quotation of the report");
    let end = start
        + readme[start..]
            .find("\n```")
            .expect("the end of the quotation");
    let quote = [head.join("\n"), table.join("\n")].join("\n\n");
    format!("{}{quote}{}", &readme[..start], &readme[end..])
}

/// The run behind the kit's "Where the numbers come from": enough trials that the rarest outcome
/// has a few hundred trials to split into routes.
const ROUTE_TRIALS: &str = "100000";
const ROUTES_BEGIN: &str = "<!-- routes: begin -->\n";
const ROUTES_END: &str = "<!-- routes: end -->\n";

fn percent(share: f64, decimals: usize) -> String {
    format!("{:.*}%", decimals, 100.0 * share)
}

/// Each outcome's routes (milestone sequences) as the JSON report gives them, as a markdown table.
fn routes_table(report: &serde_json::Value) -> String {
    let trials = report["trials"].as_f64().expect("trials");
    let mut out = String::from(
        "| outcome | route (milestones, in the order they happened) | share of the outcome | \
         share of all trials |\n| --- | --- | ---: | ---: |\n",
    );
    for (routes, outcome) in report["routes"]
        .as_array()
        .expect("routes")
        .iter()
        .zip(report["outcomes"].as_array().expect("outcomes"))
    {
        let count = routes["count"].as_f64().expect("count");
        let mut label = format!(
            "`{}` ({} of all trials)",
            outcome["id"].as_str().unwrap(),
            percent(count / trials, 2)
        );
        let mut row = |route: String, share: f64| {
            let of_all = percent(share * count / trials, 2);
            out.push_str(&format!(
                "| {label} | {route} | {} | {of_all} |\n",
                percent(share, 1)
            ));
            label.clear();
        };
        for top in routes["top"].as_array().expect("top") {
            let events: Vec<&str> = top["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap())
                .collect();
            row(events.join(" → "), top["share"].as_f64().unwrap());
        }
        for (key, name) in [("none", "(no milestone)"), ("other", "(other routes)")] {
            let share = routes[key].as_f64().unwrap_or(0.0);
            if share > 0.0 {
                row(name.to_owned(), share);
            }
        }
    }
    out
}

/// "Where the numbers come from", in the README and the kit, decomposes each outcome of the
/// baseline into its routes; the table between its markers must be what a run prints now
/// (`INSTA_UPDATE=always` rewrites it).
#[test]
fn the_kit_decomposes_each_outcome_into_its_routes_as_brink_prints_them() {
    let args = [
        "run",
        "scenarios/baseline.toml",
        "--trials",
        ROUTE_TRIALS,
        "--format",
        "json",
        "--quiet",
    ];
    let table = routes_table(&common::json(&args));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in [scenarios_dir().join("README.md"), root.join("README.md")] {
        let readme = fs::read_to_string(&path).expect("README.md");
        let start =
            readme.find(ROUTES_BEGIN).expect("the routes' begin marker") + ROUTES_BEGIN.len();
        let end = readme.find(ROUTES_END).expect("the routes' end marker");
        if common::bless() {
            fs::write(
                &path,
                format!("{}{table}{}", &readme[..start], &readme[end..]),
            )
            .unwrap();
            continue;
        }
        assert_eq!(
            &readme[start..end],
            table,
            "{} should show the routes of `brink {}` \
             (INSTA_UPDATE=always cargo test --test all scenarios_meta:: rewrites them)",
            path.display(),
            args.join(" ")
        );
    }
}
