//! Renders an [`ExactReport`] as a table, Markdown, JSON or a tidy CSV.
//!
//! Interim, until the shared report of `brink run` lands (see `report`).

use std::fmt::Write;
use std::time::Duration;

use comfy_table::{Table, presets};

use super::report::ExactReport;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Table,
    Markdown,
}

fn prob(p: f64) -> String {
    format!("{p:.6}")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

fn num(v: f64) -> String {
    // Short for round values, six significant digits otherwise.
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{v}")
    } else {
        format!("{v:.6}")
    }
}

/// The table (for a terminal) or Markdown (for a handout); `elapsed` goes in the footer.
pub fn text(r: &ExactReport, style: Style, elapsed: Option<Duration>) -> String {
    let md = style == Style::Markdown;
    let mut out = String::new();
    let cell = |s: &str| {
        if md {
            s.replace('|', "\\|")
        } else {
            s.to_string()
        }
    };
    let table = |header: Vec<&str>, rows: Vec<Vec<String>>| {
        let mut t = Table::new();
        t.load_style(if md {
            presets::ASCII_MARKDOWN
        } else {
            presets::UTF8_FULL_CONDENSED
        });
        t.set_header(header);
        for row in rows {
            t.add_row(row.iter().map(|c| cell(c)).collect::<Vec<_>>());
        }
        t.to_string()
    };
    let heading = |out: &mut String, title: &str| {
        if md {
            let _ = writeln!(out, "\n## {title}\n");
        } else {
            let _ = writeln!(out, "\n{title}");
        }
    };

    if md {
        let _ = writeln!(out, "# {} (exact)\n", cell(&r.scenario.name));
        let _ = writeln!(out, "- file: `{}`", r.scenario.file);
        let _ = writeln!(out, "- horizon: {} steps", r.horizon);
    } else {
        let _ = writeln!(out, "{} (exact)", r.scenario.name);
        let _ = writeln!(
            out,
            "file: {}  horizon: {} steps",
            r.scenario.file, r.horizon
        );
    }
    if !r.overrides.is_empty() {
        let _ = writeln!(
            out,
            "{}overrides: {}",
            if md { "- " } else { "" },
            r.overrides.join(", ")
        );
    }

    heading(&mut out, "Outcomes");
    let rows = r
        .outcomes
        .iter()
        .map(|o| {
            vec![
                o.id.clone(),
                o.label.clone(),
                prob(o.probability),
                opt(o.step.map(|s| s.median)),
                opt(o.step.map(|s| s.p10)),
                opt(o.step.map(|s| s.p90)),
            ]
        })
        .collect();
    let header = vec![
        "outcome",
        "label",
        "probability",
        "median step",
        "p10",
        "p90",
    ];
    let _ = writeln!(out, "{}", table(header, rows));

    heading(&mut out, "Events");
    let rows = r
        .events
        .iter()
        .map(|e| {
            let branches: Vec<String> = e
                .branches
                .0
                .iter()
                .map(|(l, s)| format!("{l}: {}", prob(*s)))
                .collect();
            vec![
                e.id.clone(),
                prob(e.probability),
                num(e.mean_times),
                opt(e.median_first_step),
                branches.join(", "),
            ]
        })
        .collect();
    let header = vec![
        "event",
        "fires",
        "mean times",
        "median first step",
        "branches",
    ];
    let _ = writeln!(out, "{}", table(header, rows));

    heading(&mut out, "Actors");
    let rows = r
        .actors
        .iter()
        .map(|a| vec![a.id.clone(), a.name.clone(), prob(a.probability)])
        .collect();
    let _ = writeln!(out, "{}", table(vec!["actor", "name", "acts"], rows));

    if !r.variables.is_empty() {
        heading(&mut out, "Variables at the end");
        let rows = r
            .variables
            .iter()
            .map(|v| vec![v.id.clone(), num(v.mean), num(v.p5), num(v.p50), num(v.p95)])
            .collect();
        let header = vec!["variable", "mean", "p5", "p50", "p95"];
        let _ = writeln!(out, "{}", table(header, rows));
    }

    let mut notes = vec![format!(
        "exact: no sampling, no intervals; peak {} distinct states",
        r.notes.peak_states
    )];
    if let Some(e) = elapsed {
        notes[0].push_str(&format!(", {:.3} s", e.as_secs_f64()));
    }
    if let Some(i) = &r.notes.integration {
        notes.push(i.clone());
    }
    if !r.notes.untracked.is_empty() {
        notes.push(format!(
            "not tracked (no condition reads them, so they cannot change a probability): {}",
            r.notes.untracked.join(", ")
        ));
    }
    let _ = writeln!(out);
    for n in notes {
        let _ = writeln!(out, "{}{n}", if md { "- " } else { "" });
    }
    out
}

pub fn json(r: &ExactReport) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("plain data serializes");
    s.push('\n');
    s
}

/// One long tidy table: `section,id,metric,value`.
pub fn csv(r: &ExactReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut row = |section: &str, id: &str, metric: &str, value: String| {
        let _ = w.write_record([section, id, metric, &value]);
    };
    row("section", "id", "metric", "value".into());
    row("scenario", "", "name", r.scenario.name.clone());
    row("scenario", "", "file", r.scenario.file.clone());
    row("scenario", "", "digest", r.scenario.digest.clone());
    row("scenario", "", "horizon", r.horizon.to_string());
    row("scenario", "", "exact", "true".into());
    for o in &r.overrides {
        row("scenario", "", "override", o.clone());
    }
    for o in &r.outcomes {
        row("outcome", &o.id, "probability", o.probability.to_string());
        if let Some(s) = o.step {
            row("outcome", &o.id, "step_median", s.median.to_string());
            row("outcome", &o.id, "step_p10", s.p10.to_string());
            row("outcome", &o.id, "step_p90", s.p90.to_string());
        }
    }
    for e in &r.events {
        row("event", &e.id, "probability", e.probability.to_string());
        row("event", &e.id, "mean_times", e.mean_times.to_string());
        if let Some(s) = e.median_first_step {
            row("event", &e.id, "median_first_step", s.to_string());
        }
        for (label, share) in &e.branches.0 {
            row(
                "event",
                &e.id,
                &format!("branch:{label}"),
                share.to_string(),
            );
        }
    }
    for a in &r.actors {
        row("actor", &a.id, "probability", a.probability.to_string());
    }
    for v in &r.variables {
        row("variable", &v.id, "mean", v.mean.to_string());
        row("variable", &v.id, "p5", v.p5.to_string());
        row("variable", &v.id, "p50", v.p50.to_string());
        row("variable", &v.id, "p95", v.p95.to_string());
    }
    let bytes = w.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}
