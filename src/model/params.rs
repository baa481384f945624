//! `[params]`: named numbers fixed for the whole of one trial. A parameter is a number, a
//! distribution drawn once per trial, or an expression over the parameters declared before it,
//! so that one uncertain quantity (a "risk appetite") can move several chances together.
//!
//! They are drawn in file order before anything else in a trial, each from its own stream, so
//! adding one reshuffles no other draw. An expression may read only earlier parameters: a
//! parameter is fixed before the first step, when no flag, variable or event has a value yet.

use super::dist::{self, Use};
use super::names::Names;
use super::read::Cx;
use crate::expr::{self, EvalCtx, ExprError, Program, Scope, Symbol, Type};
use crate::format::Diagnostic;
use crate::format::document::{Node, Table, Value};
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::schema;
use crate::model::Dist;

#[derive(Clone, Debug)]
pub struct Param {
    pub id: String,
    pub value: ParamValue,
    pub unit: Option<String>,
    pub source: Option<String>,
    pub rationale: Option<String>,
    /// A hash of `params.ID`: keys this parameter's draw.
    pub stream_key: u64,
}

#[derive(Clone, Debug)]
pub enum ParamValue {
    /// A number (`Dist::Const`) or a distribution drawn once per trial.
    Dist(Dist),
    /// An expression over earlier parameters.
    Expr(Program),
}

/// The value of a parameter's expression, given the parameters before it (all it may read).
pub fn eval_over_params(e: &Program, params: &[f64], stack: &mut Vec<f64>) -> f64 {
    e.eval(&EvalCtx::over_params(params), stack)
}

/// The parameters' values when none is drawn (numbers, and expressions over them), else the
/// ids of the drawn ones.
pub fn fixed_values(params: &[Param]) -> Result<Vec<f64>, Vec<String>> {
    let drawn: Vec<String> = params
        .iter()
        .filter(|p| matches!(p.value, ParamValue::Dist(d) if d.as_const().is_none()))
        .map(|p| p.id.clone())
        .collect();
    if !drawn.is_empty() {
        return Err(drawn);
    }
    let mut values = Vec::with_capacity(params.len());
    let mut stack = Vec::new();
    for p in params {
        let v = match &p.value {
            ParamValue::Dist(d) => d.as_const().unwrap_or(f64::NAN),
            ParamValue::Expr(e) => eval_over_params(e, &values, &mut stack),
        };
        values.push(v);
    }
    Ok(values)
}

/// The keys of the table form that give the value.
pub(super) use schema::PARAM_VALUE_KEYS as VALUE_KEYS;

/// Reads every parameter of `doc`, in order; `None` for one with an error (reported).
pub(super) fn read(cx: &mut Cx, doc: &ScenarioDoc, names: &Names) -> Vec<Option<Param>> {
    let mut files_told = Vec::new();
    let mut out = Vec::with_capacity(doc.params.entries.len());
    for (i, e) in doc.params.entries.iter().enumerate() {
        if !files_told.contains(&e.key_span.file) {
            files_told.push(e.key_span.file);
            cx.needs_format2(&e.key_span, "`[params]`");
        }
        let what = format!("parameter `{}`", e.key);
        let scope = Earlier {
            names,
            upto: i as u32,
            initial: false,
        };
        let (value, table) = match &e.value.value {
            Value::Table(t) => (table_value(cx, &e.value, t, &what, &scope), Some(t)),
            _ => (plain_value(cx, &e.value, &what, &scope), None),
        };
        let text = |cx: &mut Cx, key: &str| {
            table.and_then(|t| cx.opt_string(t, key, &format!("`{key}` of {what}")))
        };
        let (unit, source, rationale) =
            (text(cx, "unit"), text(cx, "source"), text(cx, "rationale"));
        out.push(value.map(|value| Param {
            stream_key: super::stream_key(&format!("params.{}", e.key)),
            id: e.key.clone(),
            value,
            unit,
            source,
            rationale,
        }));
    }
    out
}

/// `x = 2.5`, `x = "2 * y"`.
fn plain_value(cx: &mut Cx, node: &Node, what: &str, scope: &Earlier) -> Option<ParamValue> {
    match &node.value {
        Value::String(..) => expression(cx, node, what, scope).map(ParamValue::Expr),
        _ => {
            dist::read(cx, node, &format!("the value of {what}"), Use::Param).map(ParamValue::Dist)
        }
    }
}

/// `x = { pert = [...], unit = "..." }`, `x = { value = 2 }`, `x = { expr = "..." }`.
fn table_value(
    cx: &mut Cx,
    node: &Node,
    t: &Table,
    what: &str,
    scope: &Earlier,
) -> Option<ParamValue> {
    let t = &cx.check_keys(t, &schema::PARAM, what);
    let given: Vec<_> = t
        .entries
        .iter()
        .filter(|e| VALUE_KEYS.contains(&e.key.as_str()))
        .collect();
    let unknown = t
        .entries
        .iter()
        .any(|e| schema::PARAM.field(&e.key).is_none());
    let [e] = given.as_slice() else {
        if given.is_empty() && unknown {
            // The unknown key, reported above, was meant as the value.
            return None;
        }
        cx.error(
            Diagnostic::error(
                node.span.clone(),
                format!(
                    "{what} needs exactly one of `value`, `expr` or a distribution, found {}",
                    given.len()
                ),
            )
            .label("expected one value")
            .help("write for example `{ pert = [0.01, 0.025, 0.06], unit = \"share\" }`"),
        );
        return None;
    };
    match e.key.as_str() {
        "value" => cx
            .number(&e.value, &format!("the `value` of {what}"))
            .map(|v| ParamValue::Dist(Dist::Const(v))),
        "expr" => expression(cx, &e.value, what, scope).map(ParamValue::Expr),
        _ => {
            let mut one = Table::default();
            one.insert((*e).clone());
            let single = Node::new(Value::Table(one), node.span.clone());
            dist::read(cx, &single, &format!("the value of {what}"), Use::Param)
                .map(ParamValue::Dist)
        }
    }
}

/// A parameter's expression: a number over the parameters declared before it.
pub(super) fn expression(cx: &mut Cx, node: &Node, what: &str, scope: &Earlier) -> Option<Program> {
    let Value::String(src, style) = &node.value else {
        cx.wrong_type(
            node,
            &format!("the `expr` of {what}"),
            "an expression in a string",
            None,
        );
        return None;
    };
    let errors = match expr::compile(src, scope, Type::Number, false) {
        Ok(p) if p.reads.step => vec![ExprError::new(
            0..src.len(),
            if scope.initial {
                "`step` changes during a trial, but an initial value is set before it starts"
            } else {
                "`step` changes during a trial, but a parameter is fixed for the whole trial"
            },
        )],
        Ok(p) => return Some(p),
        Err(errors) => errors,
    };
    for e in errors {
        let e = scope.explain(e);
        let span = super::exprs::locate(cx, node, *style, &e);
        cx.error(
            Diagnostic::error(span, format!("in {what}: {}", e.message))
                .maybe_help(e.help.clone())
                .about_unknown(e.unknown.clone()),
        );
    }
    None
}

/// The names a parameter's expression may read: the parameters before it. A variable's
/// initial value reads the same way (every parameter, with `initial` set).
pub(super) struct Earlier<'a> {
    pub(super) names: &'a Names,
    pub(super) upto: u32,
    /// For a variable's initial value: the messages say so.
    pub(super) initial: bool,
}

impl Scope for Earlier<'_> {
    fn lookup(&self, name: &str) -> Option<Symbol> {
        match self.names.lookup(name) {
            Some(Symbol::Param(j)) if j < self.upto => Some(Symbol::Param(j)),
            _ => None,
        }
    }

    fn names(&self) -> Vec<String> {
        // After an error (a refused id) the declared list may be shorter than the file's.
        let all = &self.names.params;
        all[..all.len().min(self.upto as usize)].to_vec()
    }
}

impl Earlier<'_> {
    /// An "unknown name" that is declared, but is not an earlier parameter, gets the reason.
    pub(super) fn explain(&self, e: ExprError) -> ExprError {
        let Some(name) = e.unknown.as_deref() else {
            return e;
        };
        let (message, help) = match self.names.lookup(name) {
            Some(Symbol::Param(_)) => (
                format!(
                    "a parameter can read only parameters declared before it, and `{name}` is not"
                ),
                format!("move `{name}` above it in `[params]`"),
            ),
            Some(sym) if self.initial => (
                format!(
                    "an initial value can read only parameters, but `{name}` is {}",
                    sym.noun()
                ),
                "initial values are set before the first step, from the parameters alone"
                    .to_string(),
            ),
            Some(sym) => (
                format!(
                    "a parameter can read only other parameters, but `{name}` is {}",
                    sym.noun()
                ),
                "a parameter is fixed before the first step; read it in a condition instead"
                    .to_string(),
            ),
            None => return e,
        };
        ExprError::new(e.span, message).with_help(help)
    }
}
