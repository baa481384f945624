//! `--format html`: every page ends with the scenario's chain (milestones and outcomes) carrying
//! the figures of the run it reports, as the command writes it and as `merge` does (no browser
//! needed).

use crate::html_util;
use crate::shard_util;

use html_util::{CHAIN, chain_section, check_bare_chain, check_chain, node, page, rows};
use serde_json::Value;
use shard_util::{merge, shard_parts, single};

/// Every page's chain as written (no browser needed): run and exact draw the report's figures,
/// compare A's and B's, sweep the baseline's, and sensitivity the scenario's own run on the
/// analysis's trials and seed, which is the analysis's baseline (same outcome counts).
#[test]
fn every_page_ends_with_the_chain_and_its_figures() {
    let json = |args: &str| serde_json::from_str::<Value>(&page(args, "json")).unwrap();
    for args in [
        "run scenarios/baseline.toml --trials 2000 --quiet",
        "run scenarios/baseline.toml --trials 2000 --quiet --given south_korea_sends_arms",
        "exact tests/scenarios/two_chain.toml",
    ] {
        check_chain(&page(args, "html"), CHAIN, &json(args));
    }

    let args = "compare scenarios/baseline.toml scenarios/china_stays_out.toml --trials 2000 \
                --quiet";
    let (html, doc) = (page(args, "html"), json(args));
    let [a, b] = ["A", "B"].map(|side| {
        let heading = format!("The chain of {side}: milestones and outcomes");
        check_chain(&html, &heading, &doc[side.to_lowercase()]);
        let section = chain_section(&html, &heading);
        let note = format!("the figures on it are {side}&#39;s in this comparison.");
        assert!(section.contains(&note), "{section}");
        section
    });
    // Each side's chain is its own: B's China stays out.
    assert!(node(a, "e_china_enters_korea").is_some());
    assert!(node(b, "e_china_enters_korea").is_none());

    let args = "sweep scenarios/baseline.toml --vary events.ceasefire.probability=0.1:0.5:3 \
                --trials 1000 --quiet --set scenario.horizon=20";
    check_chain(
        &page(args, "html"),
        CHAIN,
        &json(args)["baseline"]["report"],
    );

    let run = "run scenarios/baseline.toml --trials 1000 --seed 3 --quiet";
    let base = json(run);
    let args = "sensitivity scenarios/baseline.toml --trials 1000 --seed 3 --top 2 --quiet";
    let html = page(args, "html");
    check_chain(&html, CHAIN, &base);
    assert!(
        chain_section(&html, CHAIN)
            .contains("own run on the analysis&#39;s 1000 trials and seed 3"),
        "{html}"
    );
    for o in rows(&json(args), "outcomes") {
        let r = rows(&base, "outcomes")
            .find(|r| r["id"] == o["id"])
            .unwrap();
        assert_eq!(o["count"], r["count"], "{}", o["id"]);
    }
}

/// Merged pages end with the chain too: a run's and a sweep's with the figures of the single
/// command; a sensitivity analysis's without figures (its parts hold no run of the scenario
/// alone, and merging simulates nothing), which the page says.
#[test]
fn merged_pages_end_with_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let scenario = "scenarios/baseline.toml";
    let sweep: &[&str] = &[
        "--vary",
        "events.ceasefire.probability=0.1:0.5:2",
        "--trials",
        "1000",
        "--seed",
        "6",
    ];
    let trials: &[&str] = &["--trials", "1000", "--seed", "6"];
    for (command, args) in [("run", trials), ("sweep", sweep), ("sensitivity", trials)] {
        let parts = shard_parts(d, command, command, scenario, args, 2);
        let (code, html, err) = merge(d, &parts, &["--format", "html"]);
        assert_eq!(code, 0, "{err}");
        let alone: Value =
            serde_json::from_str(&single(d, command, scenario, args, "json")).unwrap();
        match command {
            "run" => check_chain(&html, CHAIN, &alone),
            "sweep" => check_chain(&html, CHAIN, &alone["baseline"]["report"]),
            _ => {
                let run: Value =
                    serde_json::from_str(&single(d, "run", scenario, args, "json")).unwrap();
                check_bare_chain(&html, CHAIN, &run);
            }
        }
    }
}
