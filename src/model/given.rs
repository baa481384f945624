//! Conditions given outside a scenario file: `--given` on the command line, and checking the
//! `set` of each `[[expect]]` against the scenario. The file's own `given` is in
//! `scenario_given.rs`.

use std::sync::Arc;

use super::compile::{self, Meta};
use super::exprs;
use super::never::never_holds;
use super::read::Cx;
use crate::expr::Program;
use crate::expr::{Scope, Symbol};
use crate::format::document::{Node, StrStyle, Value};
use crate::format::overrides;
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::{Diagnostic, Diagnostics, SourceMap, Span};
use crate::model::Model;

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
    let (sources, node) = given_source(expr);
    let mut cx = Cx::new(&sources);
    let program = exprs::condition(&mut cx, &node, &ModelScope(model), true, "`--given`");
    let diags = cx.diags;
    match program {
        Some(p) if diags.is_empty() => Ok(p),
        _ => Err(Diagnostics::new(Arc::new(sources), diags)),
    }
}

/// `--given` for a command that runs the scenario as it is: compiled as [`compile_given`], and
/// refused when no reachable state makes it true, since every trial would be simulated and
/// none kept, however many ran. (A sweep compiles its `--given` anew at each point, whose values
/// may let it hold, and so does not ask.)
pub fn compile_run_given(model: &Model, expr: &str) -> Result<Program, Diagnostics> {
    let program = compile_given(model, expr)?;
    if !never_holds(model, &program) {
        return Ok(program);
    }
    let (sources, node) = given_source(expr);
    let never = Diagnostic::error(node.span, "`--given` can never hold")
        .label("no reachable state of the scenario makes this true")
        .help("no trial would be kept, however many ran; check the names and numbers in it");
    Err(Diagnostics::new(Arc::new(sources), vec![never]))
}

/// The condition text as a source of its own, named `--given`, and its node.
fn given_source(expr: &str) -> (SourceMap, Node) {
    let mut sources = SourceMap::new();
    let file = sources.add("--given", format!("{expr}\n"));
    let node = Node::new(
        Value::String(expr.to_string(), StrStyle::Raw),
        Span::new(file, 0..expr.len()),
    );
    (sources, node)
}

/// Applies each `[[expect]]`'s `set` to a copy of the scenario and checks the result, so a test
/// that breaks the scenario is reported by `check`, located at the override.
pub fn check_expect_sets(
    doc: &ScenarioDoc,
    sources: &SourceMap,
    known: &[Diagnostic],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The scenario without its expectations, copied once: a copy of the whole document for each
    // expectation grew with their number, and thousands of them took minutes.
    let mut bare: Option<ScenarioDoc> = None;
    for e in &doc.expects {
        let Some(set) = e
            .as_table()
            .and_then(|t| t.get("set"))
            .and_then(Node::as_table)
        else {
            continue;
        };
        let flat = crate::format::scenario_doc::set_entries(set);
        // Path errors were already reported when the expectation was read: no copy to make.
        if (flat.iter()).any(|(path, _, _)| overrides::leaf_kind(doc, path).is_none()) {
            continue;
        }
        let bare = bare.get_or_insert_with(|| ScenarioDoc {
            expects: Vec::new(),
            ..doc.clone()
        });
        let mut copy = bare.clone();
        let mut diags = Vec::new();
        for (path, span, value) in flat {
            overrides::apply_node(&mut copy, &path, &span, value, &mut diags);
        }
        debug_assert!(diags.is_empty(), "every path was found above");
        let (_, found) = compile::compile(&copy, sources, Meta::default());
        // The scenario's own errors are not the expectation's, even when the copy, without its
        // pins, tells one in other words (an idless event's id guessed from a pin's condition).
        let same = |a: &Diagnostic, b: &Diagnostic| a.span == b.span && a.message == b.message;
        for d in found {
            if d.is_error() && !known.iter().chain(&out).any(|k| same(k, &d)) {
                out.push(d);
            }
        }
    }
    out
}
