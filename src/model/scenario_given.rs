//! `[scenario] given` and `observed`: the trials a scenario itself keeps, and how that joins a
//! command-line `--given` in reports.

use super::exprs;
use super::keys::read_as_meant;
use super::limits::MAX_HORIZON;
use super::names::Names;
use super::read::Cx;
use super::spans::Spans;
use crate::expr::Program;
use crate::format::Diagnostic;
use crate::format::document::Node;
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::schema;
use crate::model::Model;

/// `[scenario] given`, with `observed`: the scenario keeps only the trials in which `program`
/// holds, judged on the state at the end of step `observed` (a trial that ended before it is
/// dropped), or on the end state without `observed`, like `--given`.
#[derive(Clone, Debug)]
pub struct FileGiven {
    /// The condition as written.
    pub expr: String,
    pub program: Program,
    pub observed: Option<u32>,
}

/// The condition a run keeps trials by: the file's `given` and a command-line `--given`, as
/// `(file) and (command line)` or whichever exists, with the file's `observed` step.
pub fn combined_given(model: &Model, cli: Option<&str>) -> Option<(String, Option<u32>)> {
    let file = model.given.as_ref();
    let expr = match (file, cli) {
        (Some(f), Some(c)) => format!("({}) and ({c})", f.expr),
        (Some(f), None) => f.expr.clone(),
        (None, Some(c)) => c.to_string(),
        (None, None) => return None,
    };
    Some((expr, file.and_then(|f| f.observed)))
}

/// Reads `given` and `observed` from `[scenario]`: `None` after an error, `Some(None)` when the
/// file has no `given`. `horizon` is `None` when it was itself wrong (then only its limit
/// bounds `observed`).
pub(super) fn read(
    cx: &mut Cx,
    doc: &ScenarioDoc,
    names: &Names,
    horizon: Option<u32>,
    spans: &mut Spans,
) -> Option<Option<FileGiven>> {
    let Some(t) = doc.scenario.as_ref().and_then(Node::as_table) else {
        return Some(None);
    };
    // `[scenario]`'s reader tells a misspelt `given`; here it is read as one.
    let t = &read_as_meant(t, &schema::SCENARIO);
    let (given, observed) = (t.get("given"), t.get("observed"));
    for (node, key) in [(given, "given"), (observed, "observed")] {
        if let Some(n) = node {
            cx.needs_format2(&n.span, &format!("`{key}` in `[scenario]`"));
        }
    }
    let max = horizon.map_or(MAX_HORIZON, i64::from);
    let observed = match observed {
        Some(n) => Some(cx.integer(
            n,
            "`observed`",
            0,
            max,
            &format!("between 0 and {max} (the horizon)"),
        )? as u32),
        None => None,
    };
    let Some(node) = given else {
        if let Some(s) = observed {
            let n = t.get("observed").expect("read above");
            cx.error(
                Diagnostic::error(
                    n.span.clone(),
                    "`observed` says at which step `given` is judged, but `[scenario]` has no `given`",
                )
                .label("nothing to judge at this step")
                .help(format!(
                    "add the condition seen by step {s}, e.g. `given = \"not ceasefire\"`; \
                     `given = \"true\"` keeps the trials that had not ended before step {s}"
                )),
            );
            return None;
        }
        return Some(None);
    };
    let program = exprs::condition(cx, node, names, true, "`given`")?;
    spans.scenario_given = Some(node.span.clone());
    if let (Some(s), false) = (observed, program.reads.outcomes.is_empty()) {
        cx.error(
            Diagnostic::error(
                node.span.clone(),
                format!(
                    "`given` is judged at step {s} (`observed`), before the trial has an \
                     outcome, but it names an outcome"
                ),
            )
            .label("reads an outcome")
            .help("name the flags, variables and events that make the outcome hold, or drop `observed` to judge `given` on the end state"),
        );
        return None;
    }
    Some(Some(FileGiven {
        expr: program.source.clone(),
        program,
        observed,
    }))
}
