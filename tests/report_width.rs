//! The terminal table fits `COLUMNS` (80 and 100) for every command that reports, without
//! cutting a number: every line fits, and every probability of the JSON report appears, as a
//! percentage with the decimals its interval allows.

use crate::common;

use common::{brink, words};
use serde_json::Value;

const WIDTHS: [usize; 2] = [80, 100];

/// Decimals for a half-width `w` in percent, written out from the rule the docs give.
fn decimals(w: f64) -> usize {
    if w > 0.0 {
        (1.0 - w.log10().floor()).max(0.0) as usize
    } else {
        1
    }
}

fn pct(p: f64, d: usize) -> String {
    format!("{:.d$}%", p * 100.0)
}

/// `p [lo, hi]` as the table must show it.
fn with_ci(p: f64, ci: &Value) -> String {
    let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
    let d = decimals((hi - lo) / 2.0 * 100.0);
    format!("{} [{}, {}]", pct(p, d), pct(lo, d), pct(hi, d))
}

/// Signed unless exactly 0, also when it rounds to 0 (`+0.00`).
fn signed(x: f64, d: usize) -> String {
    let text = format!("{:.d$}", (x * 100.0).abs());
    if x == 0.0 {
        text
    } else if x > 0.0 {
        format!("+{text}")
    } else {
        format!("-{text}")
    }
}

/// A difference and its interval in percentage points, as the table must show them.
fn points(x: f64, ci: &Value) -> [String; 2] {
    let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
    let d = decimals((hi - lo) / 2.0 * 100.0);
    [
        format!("{} pp", signed(x, d)),
        format!("[{}, {}]", signed(lo, d), signed(hi, d)),
    ]
}

#[track_caller]
fn table_at(args: &str, width: usize) -> String {
    let out = brink()
        .args(words(args))
        .env("COLUMNS", width.to_string())
        .output()
        .unwrap();
    let text = common::succeeded(&out).to_string();
    for line in text.lines() {
        assert!(
            line.chars().count() <= width,
            "{args} at {width}: a line of {} characters:\n{line}\n\n{text}",
            line.chars().count()
        );
    }
    text
}

fn json_of(args: &str) -> Value {
    common::json(&[words(args), words("--format json")].concat())
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// Each figure must appear in the table at both widths (a split number would not).
fn check(args: &str, figures: &[String]) {
    assert!(!figures.is_empty(), "{args}: nothing to look for");
    for width in WIDTHS {
        let text = table_at(args, width);
        for figure in figures {
            // A figure and its interval may sit in two columns: look for each part.
            for part in figure.split(" [").map(|p| p.trim_end_matches(']')) {
                assert!(
                    text.contains(part),
                    "{args} at {width}: no `{part}`\n{text}"
                );
            }
        }
    }
}

fn run_figures(report: &Value) -> Vec<String> {
    let rows = report["outcomes"].as_array().unwrap().iter();
    let rows = rows.chain(report["events"].as_array().unwrap());
    rows.map(|r| with_ci(f(&r["probability"]), &r["ci95"]))
        .collect()
}

#[test]
fn run_fits_and_shows_every_probability() {
    let args = "run scenarios/baseline.toml --trials 3000 --quiet";
    check(args, &run_figures(&json_of(args)));
}

#[test]
fn exact_fits_and_shows_four_significant_digits() {
    let args = "exact tests/scenarios/two_chain.toml";
    let report = json_of(args);
    let figures: Vec<String> = report["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let p = f(&o["probability"]) * 100.0;
            let d = (3 - p.abs().log10().floor() as i32).max(0) as usize;
            if p == 0.0 {
                "0%".into()
            } else {
                format!("{p:.d$}%")
            }
        })
        .collect();
    check(args, &figures);
}

#[test]
fn compare_fits_and_shows_every_difference_in_points() {
    let args =
        "compare scenarios/baseline.toml scenarios/china_stays_out.toml --trials 3000 --quiet";
    let c = json_of(args);
    let mut figures = Vec::new();
    for key in ["differences", "event_differences"] {
        for d in c[key].as_array().unwrap() {
            let [x, ci] = points(f(&d["difference"]), &d["ci95"]);
            figures.push(format!("{x} {ci}"));
        }
    }
    check(args, &figures);
}

#[test]
fn sweep_grid_is_stacked_and_shows_every_point() {
    let args = "sweep scenarios/baseline.toml --vary events.ceasefire.probability=0.1:0.5:5 --trials 2000 --quiet";
    let s = json_of(args);
    let mut figures = Vec::new();
    for point in std::iter::once(&s["baseline"]).chain(s["points"].as_array().unwrap()) {
        for o in point["report"]["outcomes"].as_array().unwrap() {
            figures.push(with_ci(f(&o["probability"]), &o["ci95"]));
        }
        for d in point["differences"].as_array().into_iter().flatten() {
            let [x, ci] = points(f(&d["difference"]), &d["ci95"]);
            figures.push(format!("{x} {ci}"));
        }
    }
    check(args, &figures);
}

#[test]
fn sensitivity_fits_and_shows_every_swing() {
    let args = "sensitivity scenarios/baseline.toml --trials 2000 --top 5 --quiet";
    let s = json_of(args);
    let mut figures = Vec::new();
    for o in s["outcomes"].as_array().unwrap() {
        figures.push(with_ci(f(&o["probability"]), &o["ci95"]));
        for i in o["inputs"].as_array().unwrap() {
            // A swing is a width: printed without a sign.
            let [x, ci] = points(f(&i["swing"]), &i["ci95"]);
            figures.push(format!("{x} {ci}").replace('+', ""));
        }
    }
    check(args, &figures);
}

/// Values past 10^15 or below 10^-5 are written in scientific notation in the reports for
/// people (`1.10e300`, not three hundred digits; `2.50e-12`, not eleven zeros), in every
/// command that shows values, at the width of the terminal.
#[test]
fn extreme_values_are_written_in_scientific_notation() {
    let file = "tests/scenarios/extreme_values.toml";
    let plain = |text: &str| {
        let bytes = text.as_bytes();
        let digits = bytes.windows(18).any(|w| w.iter().all(u8::is_ascii_digit));
        digits || text.contains("0.000000")
    };
    let commands = [
        format!("run {file} --trials 200"),
        format!("trace {file} --trial 1"),
        format!("sensitivity {file} --trials 200"),
        format!("sweep {file} --vary variables.huge.initial=1e299:1e301:3 --trials 100"),
    ];
    for args in &commands {
        for format in ["table", "markdown", "html"] {
            if args.starts_with("trace") && format == "html" {
                continue; // `trace` has no HTML
            }
            let args = format!("{args} --format {format}");
            let text = if format == "table" {
                table_at(&args, 100)
            } else {
                common::ok(&words(&args)).0
            };
            assert!(
                !plain(&text),
                "`brink {args}` writes a number plainly:\n{text}"
            );
        }
    }
    let run = table_at(&format!("run {file} --trials 200"), 100);
    for figure in ["e300", "2.50e-12"] {
        assert!(run.contains(figure), "no `{figure}` in:\n{run}");
    }
    let sweep = table_at(&commands[3], 100);
    assert!(sweep.contains("5.05e300"), "{sweep}");
}

/// Header lines wrap at spaces and keep only an interval whole (regression: everything from the
/// first `[` to the last `]` was one unit, so a sweep's legend broke after `each cell: P`).
#[test]
fn header_lines_break_anywhere_but_inside_an_interval() {
    let args = "sweep tests/scenarios/two_chain.toml --vary events.a.probability=0.1:0.3:2 \
                --trials 500 --quiet";
    let text = table_at(args, 100);
    let header: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        header,
        [
            "Sweep: Two-event chain (tests/scenarios/two_chain.toml)",
            "2 points, 500 trials per point, seed 0",
            "each cell: P [95% interval]; for a point, then its difference from the baseline [paired 95%",
            "interval]",
        ]
    );
}
