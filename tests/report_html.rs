//! `--format html` in a real browser: every HTML report (run, exact, compare, sweep,
//! sensitivity) is opened from `file://` by Debian's headless chromium with networking
//! disabled (a proxy that refuses every connection). The page must raise no console message,
//! make no request of its own (chromium's network log names each request's initiator; the
//! page's are those from its `file://` origin), draw its charts, and show the JSON report's
//! numbers to the printed precision; the run report must also print to PDF. A control page
//! with a request and a console error proves that the checks catch both.
//!
//! The test never installs anything: without chromium it prints what to install and passes,
//! except under `BRINK_CI`, where a missing browser fails (`.ci/run` installs it).

use crate::common;
use crate::html_util;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{brink, words};
use html_util::{CHAIN, check_chain, chromium, decimals, page, rows, with_ci};
use serde_json::Value;

/// What chromium saw of a page: the DOM after loading, its console lines, and the URLs the
/// page itself requested.
struct Visit {
    dom: String,
    console: Vec<String>,
    requests: Vec<String>,
}

fn headless(dir: &Path, extra: &[String], page: &Path) -> (String, String) {
    let profile = tempfile::tempdir_in(dir).unwrap();
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--proxy-server=127.0.0.1:9",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    (
        common::succeeded(&out).to_string(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn visit(page: &Path) -> Visit {
    let dir = page.parent().unwrap();
    let net = dir.join(format!(
        "{}.netlog.json",
        page.file_name().unwrap().to_string_lossy()
    ));
    let (dom, log) = headless(
        dir,
        &[
            "--dump-dom".into(),
            format!("--log-net-log={}", net.display()),
        ],
        page,
    );
    let netlog = std::fs::read_to_string(&net).unwrap_or_default();
    // A request's key names the origin that asked for it: `... file:// file:// URL` for the page.
    let requests = netlog
        .match_indices("_dk_file:// file:// ")
        .map(|(i, m)| {
            netlog[i + m.len()..]
                .split('"')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .chain(
            netlog
                .match_indices("\"initiator\":\"null\"")
                .map(|_| "from null".into()),
        )
        .collect();
    let console = log
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(String::from)
        .collect();
    Visit {
        dom,
        console,
        requests,
    }
}

/// `brink ARGS --format html` written to `dir/name.html`, and the JSON of the same command.
fn render(dir: &Path, name: &str, args: &str) -> (PathBuf, Value) {
    let path = dir.join(format!("{name}.html"));
    let out = brink()
        .args(words(args))
        .args(["--format", "html", "--output"])
        .arg(&path)
        .output()
        .unwrap();
    common::succeeded(&out);
    let json = common::json(&[words(args), words("--format json")].concat());
    (path, json)
}

/// Signed unless exactly 0, also when it rounds to 0 (`+0.00`).
fn signed(x: f64, d: usize) -> String {
    let text = format!("{:.d$}", (x * 100.0).abs());
    match () {
        _ if x == 0.0 => text,
        _ if x > 0.0 => format!("+{text}"),
        _ => format!("-{text}"),
    }
}

/// A difference in percentage points with its interval, as the page prints it.
fn points(x: &Value, ci: &Value) -> String {
    let (x, lo, hi) = (
        x.as_f64().unwrap(),
        ci[0].as_f64().unwrap(),
        ci[1].as_f64().unwrap(),
    );
    let d = decimals((hi - lo) / 2.0 * 100.0);
    format!("{} pp [{}, {}]", signed(x, d), signed(lo, d), signed(hi, d))
}

/// A swing (a width, so no sign) in percentage points with its interval, as the page prints it.
fn swing(x: &Value, ci: &Value) -> String {
    points(x, ci).replace('+', "")
}

/// The figures of a run report: outcomes and events with their intervals.
fn run_figures(report: &Value) -> Vec<String> {
    rows(report, "outcomes")
        .chain(rows(report, "events"))
        .filter(|r| !r["ci95"].is_null())
        .flat_map(|r| with_ci(&r["probability"], &r["ci95"]))
        .collect()
}

fn check_page(page: &Path, charts: usize, figures: &[String]) {
    let v = visit(page);
    assert!(
        v.console.is_empty(),
        "{}: console: {:?}",
        page.display(),
        v.console
    );
    assert!(
        v.requests.is_empty(),
        "{}: requests: {:?}",
        page.display(),
        v.requests
    );
    let svgs = v.dom.matches("<svg").count();
    assert!(
        svgs >= charts,
        "{}: {svgs} charts, wanted {charts}",
        page.display()
    );
    assert!(v.dom.contains("role=\"img\"") && v.dom.contains("<figcaption>"));
    assert!(!figures.is_empty());
    for f in figures {
        // A figure and its interval may sit in two cells: look for each part.
        for part in f.split(" [").map(|p| p.trim_end_matches(']')) {
            assert!(
                v.dom.contains(part),
                "{}: no `{part}` of `{f}`",
                page.display()
            );
        }
    }
}

#[test]
fn every_html_report_loads_offline_with_its_charts_and_the_json_numbers() {
    if !chromium() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    let (page, json) = render(
        d,
        "run",
        "run scenarios/baseline.toml --trials 3000 --quiet",
    );
    check_page(&page, 3, &run_figures(&json));
    check_chain(&visit(&page).dom, CHAIN, &json);
    // It prints: a PDF comes out.
    let pdf = d.join("run.pdf");
    headless(d, &[format!("--print-to-pdf={}", pdf.display())], &page);
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
        "{} bytes",
        bytes.len()
    );

    let (page, json) = render(d, "exact", "exact tests/scenarios/two_chain.toml");
    let four_digits = |p: &Value| {
        let p = p.as_f64().unwrap() * 100.0;
        let dd = (3 - p.abs().log10().floor() as i32).max(0) as usize;
        format!("{p:.dd$}%")
    };
    // The outcomes, and the routes to them (exact shares, as the page prints them).
    let mut exact: Vec<String> = rows(&json, "outcomes")
        .map(|o| four_digits(&o["probability"]))
        .collect();
    let routes: Vec<String> = (rows(&json, "routes").flat_map(|r| rows(r, "top")))
        .map(|t| four_digits(&t["share"]))
        .collect();
    assert!(!routes.is_empty());
    exact.extend(routes);
    check_page(&page, 3, &exact);
    check_chain(&visit(&page).dom, CHAIN, &json);
    assert!(visit(&page).dom.contains("Routes to each outcome"));

    let args =
        "compare scenarios/baseline.toml scenarios/china_stays_out.toml --trials 3000 --quiet";
    let (page, json) = render(d, "compare", args);
    let diffs: Vec<String> = rows(&json, "differences")
        .chain(rows(&json, "event_differences"))
        .map(|r| points(&r["difference"], &r["ci95"]))
        .collect();
    check_page(&page, 3, &diffs);
    let dom = visit(&page).dom;
    check_chain(&dom, "The chain of A: milestones and outcomes", &json["a"]);
    check_chain(&dom, "The chain of B: milestones and outcomes", &json["b"]);

    let args = "sweep scenarios/baseline.toml --vary events.ceasefire.probability=0.1:0.5:3 \
                --trials 2000 --quiet";
    let (page, json) = render(d, "sweep", args);
    let outcomes: Vec<String> = std::iter::once(&json["baseline"])
        .chain(rows(&json, "points"))
        .flat_map(|p| rows(&p["report"], "outcomes"))
        .map(|o| with_ci(&o["probability"], &o["ci95"]).join(" "))
        .collect();
    check_page(&page, 2, &outcomes);
    check_chain(&visit(&page).dom, CHAIN, &json["baseline"]["report"]);

    let args = "sensitivity scenarios/baseline.toml --trials 2000 --top 4 --quiet";
    let (page, json) = render(d, "sensitivity", args);
    let swings: Vec<String> = rows(&json, "outcomes")
        .flat_map(|o| rows(o, "inputs"))
        .map(|i| swing(&i["swing"], &i["ci95"]))
        .collect();
    check_page(
        &page,
        json["outcomes"].as_array().unwrap().len() + 1,
        &swings,
    );
    let base = common::json(&words(
        "run scenarios/baseline.toml --trials 2000 --quiet --format json",
    ));
    check_chain(&visit(&page).dom, CHAIN, &base);
}

#[test]
fn the_checks_catch_a_request_and_a_console_error() {
    if !chromium() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><img src=\"https://example.com/x.png\">\
         <script>console.error(\"boom\")</script></body></html>",
    )
    .unwrap();
    let v = visit(&page);
    assert!(
        v.requests.iter().any(|r| r.contains("example.com")),
        "{:?}",
        v.requests
    );
    assert!(
        v.console.iter().any(|l| l.contains("boom")),
        "{:?}",
        v.console
    );
}

#[test]
fn the_same_inputs_give_the_same_bytes_and_no_request_to_anywhere() {
    let args = words("run tests/scenarios/two_chain.toml --trials 500 --format html");
    let (a, b) = (common::stdout(&args), common::stdout(&args));
    assert_eq!(a, b);
    for bad in [
        "<script",
        "<link",
        "@import",
        "url(",
        "src=\"http",
        "href=\"http",
    ] {
        assert!(!a.contains(bad), "`{bad}` in the page");
    }
    assert!(a.contains("brink run tests/scenarios/two_chain.toml --trials 500 --format html"));
}

/// Every page, its chains included, has the same bytes on 1 and 2 threads (but for the command
/// line it shows).
#[test]
fn every_page_has_the_same_bytes_on_any_thread_count() {
    let base = "scenarios/baseline.toml";
    for args in [
        format!("run {base} --trials 1000"),
        format!("compare {base} scenarios/china_stays_out.toml --trials 1000"),
        format!("sweep {base} --vary events.ceasefire.probability=0.1:0.5:3 --trials 500"),
        format!("sensitivity {base} --trials 500 --top 3"),
    ] {
        let [one, two] = ["1", "2"].map(|t| {
            let html = page(&format!("{args} --quiet --threads {t}"), "html");
            html.replace(&format!("--threads {t}"), "--threads N")
        });
        assert!(one.contains("<h2>The chain"), "{args}");
        assert!(one == two, "{args}: the pages differ");
    }
}

/// A page's structure: its text with each chart's drawing left out (plotters' SVG is pinned by
/// its own tests and by the browser test above, the chain's by tests/graph_svg.rs).
fn structure(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg") {
        out.push_str(&rest[..i]);
        out.push_str("<svg>…</svg>");
        rest = rest[i..].split_once("</svg>").map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    out
}

#[test]
fn html_structure_snapshot() {
    let html = page("run tests/scenarios/two_chain.toml --trials 500", "html");
    insta::assert_snapshot!(structure(&html));
}

/// The analysis pages' structure, each ending with its chain section(s).
#[test]
fn html_structure_snapshots_of_compare_sweep_and_sensitivity() {
    let two = "tests/scenarios/two_chain.toml";
    for (name, args) in [
        (
            "compare",
            format!("compare {two} {two} --set-b events.b.probability=0.6 --trials 500"),
        ),
        (
            "sweep",
            format!("sweep {two} --vary events.a.probability=0.1:0.3:2 --trials 500"),
        ),
        ("sensitivity", format!("sensitivity {two} --trials 500")),
    ] {
        insta::assert_snapshot!(
            format!("html_structure_{name}"),
            structure(&page(&args, "html"))
        );
    }
}

/// The cells of the table under `<h2>{heading}</h2>` in a page: the header, then each row,
/// as text (break hints left out).
fn html_table(html: &str, heading: &str) -> Vec<Vec<String>> {
    let at = html.find(&format!("<h2>{heading}</h2>")).expect(heading);
    let section = &html[at..at + html[at..].find("</table>").unwrap()];
    section
        .split("<tr>")
        .skip(1)
        .map(|row| {
            // Header cells are `<th`, the others `<td`: no other tag in a row starts so.
            row.replace("<th", "<td")
                .split("<td")
                .skip(1)
                .map(|cell| {
                    let text = &cell[cell.find('>').unwrap() + 1..];
                    text[..text.find("</t").unwrap()].replace("<wbr>", "")
                })
                .collect()
        })
        .collect()
}

/// The page's events table has every column of the table report's, with the same figures
/// (regression: it had left out "mean times" and "median first step"), and adds the label,
/// source and rationale.
#[test]
fn the_events_table_has_the_report_figures_and_the_assumptions() {
    for args in [
        "run scenarios/baseline.toml --trials 2000 --seed 7",
        "exact tests/scenarios/two_chain.toml",
    ] {
        let html = page(args, "html");
        let markdown = page(args, "markdown");
        let ours = html_table(&html, "Events and the assumptions behind them");
        let theirs: Vec<Vec<String>> = markdown
            .split("\n## Events\n\n")
            .nth(1)
            .unwrap()
            .lines()
            .take_while(|l| l.starts_with('|'))
            .filter(|l| !l.starts_with("| ---"))
            .map(|l| {
                l.trim_matches('|')
                    .split(" | ")
                    .map(|c| c.trim().to_string())
                    .collect()
            })
            .collect();
        assert_eq!(ours.len(), theirs.len(), "{args}");
        assert_eq!(
            ours[0],
            [
                "event",
                "label",
                "actor",
                "fired",
                "95% interval",
                "mean times",
                "median first step",
                "source",
                "rationale"
            ],
            "{args}"
        );
        for (row, numbers) in ours.iter().zip(&theirs) {
            let without: Vec<&String> = (row.iter().enumerate())
                .filter(|(i, _)| ![1, 7, 8].contains(i))
                .map(|(_, c)| c)
                .collect();
            assert_eq!(without, numbers.iter().collect::<Vec<_>>(), "{args}");
        }
    }
    // The baseline's events carry their assumptions.
    let html = page("run scenarios/baseline.toml --trials 200", "html");
    let rows = html_table(&html, "Events and the assumptions behind them");
    assert!(
        rows[1..]
            .iter()
            .any(|r| !r[7].is_empty() && !r[8].is_empty())
    );
}

#[test]
fn trace_has_no_html_format() {
    let (_, err) = common::exits(
        &words("trace tests/scenarios/two_chain.toml --format html"),
        2,
    );
    assert!(
        err.contains("invalid value 'html' for '--format <FORMAT>'")
            && err.contains("[possible values: table, markdown, json, csv]"),
        "{err}"
    );
}

/// A sweep over a list of values out of order draws each outcome's line from left to right
/// (drawn in the order given, it doubled back); the table keeps the order given.
#[test]
fn a_swept_list_is_drawn_in_order_of_its_values() {
    let html = page(
        "sweep tests/scenarios/two_chain.toml --vary events.a.probability=0.3,0.05,0.1 --trials 300",
        "html",
    );
    // The outcome lines are the chart's thick polylines through three points (the legend's
    // samples have two).
    let lines: Vec<Vec<f64>> = html
        .split("<polyline ")
        .skip(1)
        .filter(|l| l.contains("stroke-width=\"2\""))
        .map(|l| {
            let points = l.split("points=\"").nth(1).unwrap();
            let points = &points[..points.find('"').unwrap()];
            (points.split_whitespace())
                .map(|xy| xy.split(',').next().unwrap().parse().unwrap())
                .collect()
        })
        .filter(|xs: &Vec<f64>| xs.len() == 3)
        .collect();
    assert!(!lines.is_empty(), "{html}");
    for xs in &lines {
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    }
    let rows: Vec<String> = html_table(&html, "Points")
        .iter()
        .skip(2)
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(rows, ["0.3", "0.05", "0.1"]);
}
