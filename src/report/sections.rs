//! The report as titled tables, shared by the formats for people (table, markdown), so that both
//! always say the same thing. Tables are [`Table`]s, and probabilities and intervals are written
//! as in the analysis commands' tables, so `run`, `sweep` and `compare` read alike.

use super::figures::{opt_quantity, percent, percent_ci, percent_exact};
use super::fmt::{bar, num};
use super::shape::{Report, Timing};
use super::when::when;
use crate::report::tabular::Table;

/// Width of the outcome bars, in cells.
const BAR_WIDTH: usize = 20;
/// The bar column's header: its scale, with 50% over the middle cell of [`BAR_WIDTH`].
const BAR_SCALE: &str = "0%       50%    100%";

/// The note under a table with bucketed percentiles, variables' and parameters' alike: both are
/// tallied by `engine::ValueSummary`, whose buckets span a factor of `1 + 2^-7`.
pub const APPROXIMATE: &str =
    "≈ percentiles within 0.4% of the exact value (too many distinct values to keep each)";

pub struct Section {
    pub title: &'static str,
    pub table: Table,
    pub notes: Vec<String>,
}

/// The header lines: what was run, and how (timings only when given).
pub fn header(r: &Report, timing: Option<&Timing>) -> Vec<String> {
    let s = &r.scenario;
    let unit = format!(
        "{} {}{}",
        r.horizon,
        s.time_unit,
        if r.horizon == 1 { "" } else { "s" }
    );
    // An exact report has no seed or trials to show: nothing was sampled.
    let (mut lines, mut run) = if r.exact {
        (
            vec![format!("{} (exact)", s.name)],
            format!("{} · exact, no sampling · horizon {unit}", s.file),
        )
    } else {
        (
            vec![s.name.clone()],
            format!(
                "{} · seed {} · {} trials · horizon {unit}",
                s.file, r.seed, r.trials
            ),
        )
    };
    if let Some(start) = &s.start {
        run.push_str(&format!(" from {start}"));
    }
    lines.push(run);
    if !r.overrides.is_empty() {
        lines.push(format!("overrides: {}", r.overrides.join(", ")));
    }
    if let Some(g) = &r.given {
        let at = g.observed.map_or(String::new(), |s| {
            format!("the file's condition judged at step {s}; ")
        });
        lines.push(format!(
            "given: {} ({at}kept {} of {} trials); probabilities below are conditional on it",
            g.expr, g.kept, r.trials,
        ));
    }
    if let Some(t) = timing {
        lines.push(format!(
            "{} thread{} · {:.2} s · {} trials/s",
            t.threads,
            if t.threads == 1 { "" } else { "s" },
            t.elapsed.as_secs_f64(),
            num(t.trials_per_second(r.trials).round())
        ));
    }
    lines
}

/// A probability and its interval as percentages; an exact one (no interval) to 4 digits.
fn prob_ci(p: f64, c: Option<[f64; 2]>) -> [String; 2] {
    match c {
        Some([lo, hi]) => percent_ci(p, lo, hi).into(),
        None => [percent_exact(p), "exact".into()],
    }
}

/// A probability without an interval: 4 significant digits when exact, else 1 decimal.
fn share(r: &Report, p: f64) -> String {
    if r.exact {
        percent_exact(p)
    } else {
        percent(p)
    }
}

/// A table; its "count" column may go in a narrow terminal.
fn table(header: &[&str], right: &[bool], rows: Vec<Vec<String>>) -> Table {
    let mut g = Table::new(
        header.iter().map(|h| h.to_string()).collect(),
        right.to_vec(),
    );
    g.rows = rows;
    g.drop_order = header
        .iter()
        .position(|h| *h == "count")
        .into_iter()
        .collect();
    g
}

/// One warning line per event or variable whose values were repaired, so that a model that
/// leans on clamping is visible.
fn repair_notes(r: &Report) -> Vec<String> {
    let line = |what: String, counts: &super::shape::Named<u64>| {
        let items: Vec<String> = counts.0.iter().map(|(k, n)| format!("{k} {n}")).collect();
        format!(
            "warning: {what}: values out of range were repaired ({})",
            items.join(", ")
        )
    };
    let events = (r.events.iter())
        .filter_map(|e| Some(line(format!("event `{}`", e.id), e.repairs.as_ref()?)));
    let variables = (r.variables.iter()).filter_map(|v| {
        Some(line(
            format!("the initial value of `{}`", v.id),
            v.repairs.as_ref()?,
        ))
    });
    events.chain(variables).collect()
}

pub fn sections(r: &Report) -> Vec<Section> {
    let mut out = Vec::new();
    let mut outcomes = table(
        &[
            "outcome",
            "label",
            "probability",
            "95% interval",
            "count",
            "when these trials ended",
            BAR_SCALE,
        ],
        &[false, false, true, true, true, false, false],
        r.outcomes
            .iter()
            .map(|o| {
                let [p, ci] = prob_ci(o.probability, o.ci95);
                vec![
                    o.id.clone(),
                    o.label.clone(),
                    p,
                    ci,
                    if r.exact {
                        "–".into()
                    } else {
                        o.count.to_string()
                    },
                    when(r, o),
                    bar(o.probability, BAR_WIDTH),
                ]
            })
            .collect(),
    );
    // A narrow terminal loses the bar, then the count, then the label.
    outcomes.keep_whole(6);
    outcomes.drop_order = vec![6, 4, 1];
    out.push(Section {
        title: "Outcomes",
        table: outcomes,
        notes: vec![],
    });
    out.push(Section {
        title: "Events",
        table: table(
            &[
                "event",
                "actor",
                "fired",
                "95% interval",
                "mean times",
                "median first step",
            ],
            &[false, false, true, true, true, true],
            r.events
                .iter()
                .map(|e| {
                    let [p, ci] = prob_ci(e.probability, e.ci95);
                    vec![
                        e.id.clone(),
                        e.actor.clone(),
                        p,
                        ci,
                        num(e.mean_times),
                        e.median_first_step
                            .map_or_else(|| "–".into(), |s| s.to_string()),
                    ]
                })
                .collect(),
        ),
        notes: repair_notes(r),
    });
    let branches: Vec<Vec<String>> = r
        .events
        .iter()
        .flat_map(|e| {
            e.branches
                .0
                .iter()
                .map(|(label, f)| vec![e.id.clone(), label.clone(), share(r, *f)])
        })
        .collect();
    if !branches.is_empty() {
        out.push(Section {
            title: "Branches (share of each event's firings)",
            table: table(
                &["event", "branch", "share"],
                &[false, false, true],
                branches,
            ),
            notes: vec![],
        });
    }
    out.push(Section {
        title: "Actors",
        table: table(
            &["actor", "name", "acted"],
            &[false, false, true],
            r.actors
                .iter()
                .map(|a| vec![a.id.clone(), a.name.clone(), share(r, a.probability)])
                .collect(),
        ),
        notes: vec![],
    });
    if !r.variables.is_empty() {
        let approx = r.variables.iter().any(|v| v.approximate);
        out.push(Section {
            title: "Variables at the end",
            table: table(
                &["variable", "mean", "p5", "p50", "p95"],
                &[false, true, true, true, true],
                r.variables
                    .iter()
                    .map(|v| {
                        let mark = if v.approximate { " ≈" } else { "" };
                        let unit = v.unit.as_ref().map_or(String::new(), |u| format!(" ({u})"));
                        vec![
                            format!("{}{unit}{mark}", v.id),
                            opt_quantity(v.mean),
                            opt_quantity(v.p5),
                            opt_quantity(v.p50),
                            opt_quantity(v.p95),
                        ]
                    })
                    .collect(),
            ),
            notes: if approx {
                vec![APPROXIMATE.into()]
            } else {
                vec![]
            },
        });
    }
    out.extend(params(r));
    // Only an exact report can lack paths and routes (a run always has the empty path).
    if r.paths.is_empty() {
        return out;
    }
    out.push(routes(r));
    let mut paths = table(
        &["path", "probability", "count", "outcomes given the path"],
        &[false, true, true, false],
        r.paths
            .iter()
            .map(|p| {
                vec![
                    if p.events.is_empty() {
                        "(no event)".into()
                    } else {
                        p.events.join(" → ")
                    },
                    share(r, p.probability),
                    if r.exact {
                        "–".into()
                    } else {
                        p.count.to_string()
                    },
                    p.outcomes
                        .0
                        .iter()
                        .map(|(o, f)| format!("{o} {}", share(r, *f)))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect(),
    );
    paths.wrap_id = true;
    out.push(Section {
        title: "Most frequent escalation paths",
        table: paths,
        notes: if r.paths_approximate {
            vec!["counts from a heavy-hitters summary (over 100 000 distinct paths)".into()]
        } else {
            vec![]
        },
    });
    out
}

/// The routes to each outcome that happened: its top routes, then "no such event" and the rest.
fn routes(r: &Report) -> Section {
    let mut rows = Vec::new();
    // `none` is null for an outcome that never happened; exact reports have no counts.
    for route in r.routes.iter().filter(|x| x.none.is_some()) {
        let count = |share: f64| match r.exact {
            true => "–".to_string(),
            false => ((share * route.count as f64).round() as u64).to_string(),
        };
        let id = &route.outcome;
        for t in &route.top {
            let path = t.events.join(" → ");
            rows.push(vec![id.clone(), path, share(r, t.share), count(t.share)]);
        }
        for (what, part) in [
            ("(none of these events)", route.none),
            ("(other routes)", route.other),
        ] {
            if let Some(part) = part.filter(|&s| s > 0.0) {
                rows.push(vec![id.clone(), what.into(), share(r, part), count(part)]);
            }
        }
    }
    let approx = r.routes.iter().any(|x| x.approximate);
    Section {
        title: match r.milestone_routes {
            true => "Routes to each outcome (milestones in the order they fired)",
            false => "Routes to each outcome (once-only events in the order they fired)",
        },
        table: table(
            &["outcome", "route", "share of the outcome", "count"],
            &[false, false, true, true],
            rows,
        ),
        notes: if approx {
            vec!["counts from a heavy-hitters summary (over 100 000 distinct paths)".into()]
        } else {
            vec![]
        },
    }
}

/// The parameters' section, when the scenario has parameters.
fn params(r: &Report) -> Option<Section> {
    if r.params.is_empty() {
        return None;
    }
    let title = if r.given.is_some() {
        "Parameters over the kept trials (posterior under given)"
    } else {
        "Parameters"
    };
    let mut table = Table::new(
        ["parameter", "declared", "mean", "p5", "p50", "p95"]
            .map(String::from)
            .to_vec(),
        vec![false, false, true, true, true, true],
    );
    table.rows = (r.params.iter())
        .map(|p| {
            let mark = if p.approximate { " ≈" } else { "" };
            let unit = p.unit.as_ref().map_or(String::new(), |u| format!(" ({u})"));
            vec![
                format!("{}{unit}{mark}", p.id),
                p.declared.clone(),
                opt_quantity(p.mean),
                opt_quantity(p.p5),
                opt_quantity(p.p50),
                opt_quantity(p.p95),
            ]
        })
        .collect();
    let approx = r.params.iter().any(|p| p.approximate);
    Some(Section {
        title,
        table,
        notes: approx
            .then(|| APPROXIMATE.to_string())
            .into_iter()
            .collect(),
    })
}
