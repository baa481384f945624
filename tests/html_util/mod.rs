//! Helpers of the HTML page tests (`use crate::html_util;`): a command's page, and
//! a JSON report's figures as the page prints them, and the checks of a page's chain.

use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{self, words};

pub fn decimals(w: f64) -> usize {
    if w > 0.0 {
        (1.0 - w.log10().floor()).max(0.0) as usize
    } else {
        1
    }
}

/// `p [lo, hi]` in percent as the page prints it, from a JSON probability and interval.
pub fn with_ci(p: &Value, ci: &Value) -> [String; 2] {
    let (p, lo, hi) = (
        p.as_f64().unwrap(),
        ci[0].as_f64().unwrap(),
        ci[1].as_f64().unwrap(),
    );
    let d = decimals((hi - lo) / 2.0 * 100.0);
    let f = |x: f64| format!("{:.d$}%", x * 100.0);
    [f(p), format!("[{}, {}]", f(lo), f(hi))]
}

pub fn rows<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v[key].as_array().into_iter().flatten()
}

/// `brink ARGS --format FORMAT`'s stdout.
pub fn page(args: &str, format: &str) -> String {
    common::stdout(&[words(args), vec!["--format".into(), format.into()]].concat())
}

pub const CHAIN: &str = "The chain: milestones and outcomes";

/// The section of `html` (a page as written, or as the browser loaded it) headed `heading`:
/// one drawing, and no drawing after it but other chains (the page ends with its chains).
pub fn chain_section<'a>(html: &'a str, heading: &str) -> &'a str {
    let at = html
        .find(&format!("<h2>{heading}</h2>"))
        .unwrap_or_else(|| panic!("no `{heading}` in the page"));
    let section = &html[at..at + html[at..].find("</section>").expect("the section ends")];
    assert_eq!(section.matches("<svg").count(), 1, "{section}");
    let rest = &html[at..];
    assert_eq!(
        rest.matches("<svg").count(),
        rest.matches("<h2>The chain").count(),
        "a drawing after `{heading}`"
    );
    section
}

/// The box of node `key` in a chain section, if drawn.
pub fn node<'a>(section: &'a str, key: &str) -> Option<&'a str> {
    let at = section.find(&format!("data-key=\"{key}\""))?;
    Some(&section[at..at + section[at..].find("</g>").unwrap()])
}

/// The chain under `heading` carries `report`'s figures (a run report's JSON): a box for every
/// outcome and for the milestone events, each with the figure the report gives (as `brink graph
/// --probabilities` writes it), also in the text that stands in for the drawing.
pub fn check_chain(html: &str, heading: &str, report: &Value) {
    let section = chain_section(html, heading);
    let figure = |r: &Value| match r["ci95"].as_array() {
        Some(_) => with_ci(&r["probability"], &r["ci95"])[0].clone(),
        None => brink::report::figures::percent_exact(r["probability"].as_f64().unwrap()),
    };
    let mut drawn = 0;
    for (prefix, key) in [("o_", "outcomes"), ("e_", "events")] {
        for r in rows(report, key) {
            let id = r["id"].as_str().unwrap();
            let Some(b) = node(section, &format!("{prefix}{id}")) else {
                assert_eq!(prefix, "e_", "{heading}: no box for outcome {id}");
                continue;
            };
            let f = figure(r);
            assert!(
                b.contains(&format!(">{f}</tspan>")),
                "{heading}: {f} not in {b}"
            );
            assert!(
                section.contains(&format!(" ({f})")),
                "{heading}: {f} not said"
            );
            drawn += 1;
        }
    }
    assert!(
        drawn > rows(report, "outcomes").count(),
        "{heading}: no event drawn"
    );
}

/// The chain under `heading` draws every outcome of `report` without a figure, and says so.
pub fn check_bare_chain(html: &str, heading: &str, report: &Value) {
    let section = chain_section(html, heading);
    for o in rows(report, "outcomes") {
        let key = format!("o_{}", o["id"].as_str().unwrap());
        assert!(node(section, &key).is_some(), "no box {key}");
    }
    // The last line of a box with a figure is bold; no box has one.
    let bold = |t: &str| t[..t.find('>').unwrap()].contains("bold");
    assert!(!section.split("<tspan").skip(1).any(bold), "{section}");
    assert!(section.contains("Drawn without figures"), "{section}");
}

/// Whether chromium runs; if not, fails under `BRINK_CI` or says what to install.
pub fn chromium() -> bool {
    let found = Command::new("chromium")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("BRINK_CI").is_none(),
            "`chromium` is missing: install the Debian package chromium"
        );
        eprintln!("skipped: `chromium` is missing; install the Debian package chromium");
    }
    found
}
