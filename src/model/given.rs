//! Conditions on which trials count: `[scenario] given` and `observed` in the file, `--given` on
//! the command line, and checking the `set` of each `[[expect]]` against the scenario.

use std::sync::Arc;

use super::compile::{self, Meta};
use super::exprs;
use super::read::Cx;
use crate::expr::Program;
use crate::expr::{Scope, Symbol};
use crate::format::document::{Node, StrStyle, Value};
use crate::format::overrides;
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::{Diagnostic, Diagnostics, SourceMap, Span};
use crate::model::Model;
use crate::model::limits::MAX_HORIZON;
use crate::model::names::Names;

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
) -> Option<Option<FileGiven>> {
    let Some(t) = doc.scenario.as_ref().and_then(Node::as_table) else {
        return Some(None);
    };
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

/// Names of a compiled model, for `--given` (outcome ids included).
struct ModelScope<'m>(&'m Model);

impl Scope for ModelScope<'_> {
    fn lookup(&self, name: &str) -> Option<Symbol> {
        let m = self.0;
        fn find<'a>(mut ids: impl Iterator<Item = &'a String>, name: &str) -> Option<u32> {
            ids.position(|id| id == name).map(|i| i as u32)
        }
        find(m.flags.iter().map(|f| &f.id), name)
            .map(Symbol::Flag)
            .or_else(|| find(m.variables.iter().map(|v| &v.id), name).map(Symbol::Var))
            .or_else(|| find(m.params.iter().map(|p| &p.id), name).map(Symbol::Param))
            .or_else(|| find(m.events.iter().map(|e| &e.id), name).map(Symbol::Event))
            .or_else(|| find(m.outcomes.iter().map(|o| &o.id), name).map(Symbol::Outcome))
            .or_else(|| find(m.actors.iter().map(|a| &a.id), name).map(Symbol::Actor))
    }

    fn names(&self) -> Vec<String> {
        let m = self.0;
        m.flags
            .iter()
            .map(|f| f.id.clone())
            .chain(m.variables.iter().map(|v| v.id.clone()))
            .chain(m.params.iter().map(|p| p.id.clone()))
            .chain(m.events.iter().map(|e| e.id.clone()))
            .chain(m.outcomes.iter().map(|o| o.id.clone()))
            .collect()
    }
}

/// Compiles a `--given` condition: outcome ids are allowed (true when the trial ended in that
/// outcome). Errors point into the condition text, shown as the source `--given`.
pub fn compile_given(model: &Model, expr: &str) -> Result<Program, Diagnostics> {
    let mut sources = SourceMap::new();
    let file = sources.add("--given", format!("{expr}\n"));
    let node = Node::new(
        Value::String(expr.to_string(), StrStyle::Raw),
        Span::new(file, 0..expr.len()),
    );
    let mut cx = Cx::new(&sources);
    let program = exprs::condition(&mut cx, &node, &ModelScope(model), true, "`--given`");
    let diags = cx.diags;
    match program {
        Some(p) if diags.is_empty() => Ok(p),
        _ => Err(Diagnostics::new(Arc::new(sources), diags)),
    }
}

/// Applies each `[[expect]]`'s `set` to a copy of the scenario and checks the result, so a test
/// that breaks the scenario is reported by `check`, located at the override.
pub fn check_expect_sets(
    doc: &ScenarioDoc,
    sources: &SourceMap,
    known: &[Diagnostic],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in &doc.expects {
        let Some(set) = e
            .as_table()
            .and_then(|t| t.get("set"))
            .and_then(Node::as_table)
        else {
            continue;
        };
        let mut copy = doc.clone();
        copy.expects.clear();
        let flat = crate::format::scenario_doc::set_entries(set);
        let mut diags = Vec::new();
        for (path, span, value) in flat {
            overrides::apply_node(&mut copy, &path, &span, value, &mut diags);
        }
        let meta = Meta {
            files: Vec::new(),
            digest: String::new(),
            overrides: Vec::new(),
            format1: Vec::new(),
        };
        // Path errors were already reported when the expectation was read.
        if !diags.is_empty() {
            continue;
        }
        let (_, found) = compile::compile(&copy, sources, meta);
        for d in found {
            // The scenario's own errors are not the expectation's.
            if d.is_error() && !known.contains(&d) && !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}
