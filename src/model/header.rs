//! `[scenario]` and `[scenario.run]`: the name, the horizon and the run defaults.

use super::limits::{MAX_HORIZON, MAX_TRIALS};
use super::read::Cx;
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::schema;
use crate::format::{Diagnostic, Span};

pub(super) struct Header {
    pub name: String,
    pub description: Option<String>,
    pub source: Option<String>,
    pub time_unit: String,
    pub start: Option<String>,
    pub horizon: u32,
    pub trials: u64,
    pub seed: u64,
}

pub(super) fn scenario(cx: &mut Cx, doc: &ScenarioDoc, root: &Span) -> Option<Header> {
    let Some(node) = &doc.scenario else {
        cx.error(
            Diagnostic::error(root.clone(), "missing `[scenario]` section")
                .label("expected `[scenario]`")
                .help("every scenario starts with `[scenario]`, holding at least `name = \"...\"` and `horizon = 36`"),
        );
        return None;
    };
    let t = node.as_table()?;
    cx.check_keys(t, &schema::SCENARIO, "[scenario]");
    if let Some(f) = t.get("format") {
        cx.integer(f, "`format`", 1, 2, "1 or 2");
    }
    let name = cx
        .required(
            t,
            "name",
            &node.span,
            "[scenario]",
            "name = \"Escalation after the front breaks\"",
        )
        .and_then(|n| cx.string(n, "`name`"));
    let description = cx.opt_string(t, "description", "`description`");
    let source = cx.opt_string(t, "source", "`source`");
    let time_unit = match t.get("time_unit") {
        Some(n) => cx.string(n, "`time_unit`"),
        None => Some("month".to_string()),
    };
    let start = cx.opt_string(t, "start", "`start`");
    let horizon = cx
        .required(t, "horizon", &node.span, "[scenario]", "horizon = 36")
        .and_then(|n| cx.integer(n, "`horizon`", 1, MAX_HORIZON, "between 1 and 100000"));
    let mut trials = Some(10_000);
    let mut seed = Some(0);
    if let Some(run) = t.get("run") {
        match run.as_table() {
            Some(rt) => {
                cx.check_keys(rt, &schema::RUN, "[scenario.run]");
                if let Some(n) = rt.get("trials") {
                    trials = cx
                        .integer(
                            n,
                            "`trials`",
                            1,
                            MAX_TRIALS,
                            "between 1 and 1000000000000 (10^12)",
                        )
                        .map(|v| v as u64);
                }
                if let Some(n) = rt.get("seed") {
                    seed = cx
                        .integer(n, "`seed`", 0, i64::MAX, "between 0 and 2^63 - 1")
                        .map(|v| v as u64);
                }
            }
            None => {
                cx.error(
                    Diagnostic::error(
                        run.span.clone(),
                        format!("`run` must be a table, found {}", run.value.type_name()),
                    )
                    .label("expected a table")
                    .help("write `[scenario.run]` with `trials` and `seed`"),
                );
            }
        }
    }
    Some(Header {
        name: name?,
        description,
        source,
        time_unit: time_unit?,
        start,
        horizon: horizon? as u32,
        trials: trials?,
        seed: seed?,
    })
}
