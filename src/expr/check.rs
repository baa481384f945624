//! Resolves names and checks types, collecting every error rather than stopping at the first.
//! A sub-expression that already failed has no type (`None`), so one mistake is reported once and
//! not again by every operator above it.

use super::ast::{Cmp, Expr, ExprKind, Func, Span};
use super::error::ExprError;
use super::scope::{Scope, Symbol};
use super::suggest::closest;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Bool,
    Number,
}

pub(crate) struct Checker<'a> {
    pub src: &'a str,
    pub scope: &'a dyn Scope,
    pub allow_outcomes: bool,
    pub errors: Vec<ExprError>,
}

impl Checker<'_> {
    /// Checks the whole expression against the type the caller wants.
    pub(crate) fn check_root(&mut self, expr: &Expr, want: Type) {
        let Some(got) = self.check(expr) else { return };
        if got == want {
            return;
        }
        let what = self.describe(&expr.span);
        let err = match want {
            Type::Bool => ExprError::new(
                expr.span.clone(),
                format!("{what} is a number, but a condition must be true or false"),
            )
            .with_help(self.compare_help(&expr.span)),
            Type::Number => ExprError::new(
                expr.span.clone(),
                format!("{what} is true/false, but a number is needed here"),
            ),
        };
        self.errors.push(err);
    }

    fn check(&mut self, expr: &Expr) -> Option<Type> {
        match &expr.kind {
            ExprKind::Bool(_) => Some(Type::Bool),
            ExprKind::Number(_) | ExprKind::Step => Some(Type::Number),
            ExprKind::Name(name) => self.name(name, &expr.span),
            ExprKind::Call {
                func,
                arg,
                arg_span,
            } => self.call(*func, arg, arg_span),
            ExprKind::Not(inner) => {
                if self.check(inner) == Some(Type::Number) {
                    let what = self.describe(&inner.span);
                    self.errors.push(
                        ExprError::new(
                            inner.span.clone(),
                            format!("`not` needs a true/false value, but {what} is a number"),
                        )
                        .with_help(self.compare_help(&inner.span)),
                    );
                }
                Some(Type::Bool)
            }
            ExprKind::Neg(inner) => {
                if self.check(inner) == Some(Type::Bool) {
                    let what = self.describe(&inner.span);
                    self.errors.push(
                        ExprError::new(
                            inner.span.clone(),
                            format!("`-` needs a number, but {what} is true/false"),
                        )
                        .with_help_opt(self.count_help(inner)),
                    );
                }
                Some(Type::Number)
            }
            ExprKind::Logic { op, operands } => {
                for operand in operands {
                    if self.check(operand) == Some(Type::Number) {
                        let what = self.describe(&operand.span);
                        self.errors.push(
                            ExprError::new(
                                operand.span.clone(),
                                format!(
                                    "`{}` needs a true/false value on both sides, but {what} is a number",
                                    op.word()
                                ),
                            )
                            .with_help(self.compare_help(&operand.span)),
                        );
                    }
                }
                Some(Type::Bool)
            }
            ExprKind::Arith { first, rest } => {
                let first_op = rest.first().map_or("+", |(op, _, _)| op.symbol());
                let operands = std::iter::once((first_op, &**first))
                    .chain(rest.iter().map(|(op, _, e)| (op.symbol(), e)));
                for (symbol, operand) in operands {
                    if self.check(operand) == Some(Type::Bool) {
                        let what = self.describe(&operand.span);
                        self.errors.push(
                            ExprError::new(
                                operand.span.clone(),
                                format!("`{symbol}` needs numbers on both sides, but {what} is true/false"),
                            )
                            .with_help_opt(self.count_help(operand)),
                        );
                    }
                }
                Some(Type::Number)
            }
            ExprKind::Compare { op, lhs, rhs, .. } => {
                let l = self.check(lhs);
                let r = self.check(rhs);
                match op {
                    Cmp::Eq | Cmp::Ne => {
                        if let (Some(l), Some(r)) = (l, r)
                            && l != r
                        {
                            self.errors
                                .push(self.mixed_equality(expr, *op, lhs, l, rhs));
                        }
                    }
                    _ => {
                        for (side, t) in [(lhs, l), (rhs, r)] {
                            if t == Some(Type::Bool) {
                                let what = self.describe(&side.span);
                                self.errors.push(
                                    ExprError::new(
                                        side.span.clone(),
                                        format!(
                                            "`{}` compares numbers, but {what} is true/false",
                                            op.symbol()
                                        ),
                                    )
                                    .with_help_opt(self.count_help(side)),
                                );
                            }
                        }
                    }
                }
                Some(Type::Bool)
            }
        }
    }

    fn name(&mut self, name: &str, span: &Span) -> Option<Type> {
        match self.scope.lookup(name) {
            Some(Symbol::Flag(_) | Symbol::Event(_)) => Some(Type::Bool),
            Some(Symbol::Var(_)) => Some(Type::Number),
            Some(Symbol::Outcome(_)) if self.allow_outcomes => Some(Type::Bool),
            Some(Symbol::Outcome(_)) => {
                self.errors.push(ExprError::new(
                    span.clone(),
                    format!(
                        "`{name}` is an outcome, and outcome ids are names only in `--given` expressions"
                    ),
                ).with_help("a condition can read the flags, variables and events that make the outcome hold"));
                None
            }
            Some(Symbol::Actor(_)) => {
                self.errors.push(ExprError::new(
                    span.clone(),
                    format!("`{name}` is an actor; conditions read flags, variables and events"),
                ));
                None
            }
            None => {
                self.errors.push(self.unknown_name(name, span));
                None
            }
        }
    }

    fn unknown_name(&self, name: &str, span: &Span) -> ExprError {
        match name.to_ascii_lowercase().as_str() {
            "inf" | "infinity" => {
                return ExprError::new(span.clone(), format!("`{name}` is not a number in brink"))
                    .with_help("numbers must be finite; use a large one instead, e.g. `1e9`");
            }
            "nan" => {
                return ExprError::new(span.clone(), format!("`{name}` is not a number in brink"))
                    .with_help("numbers must be finite, e.g. `0`");
            }
            _ => {}
        }
        let mut candidates: Vec<String> = self
            .scope
            .names()
            .into_iter()
            .filter(|n| match self.scope.lookup(n) {
                Some(Symbol::Actor(_)) => false,
                Some(Symbol::Outcome(_)) => self.allow_outcomes,
                _ => true,
            })
            .collect();
        candidates.extend(["true", "false", "step"].map(String::from));
        let help = match closest(name, candidates.iter()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => {
                "names are the flags, variables and event ids declared in the scenario".to_string()
            }
        };
        ExprError::new(span.clone(), format!("unknown name `{name}`")).with_help(help)
    }

    fn call(&mut self, func: Func, arg: &str, span: &Span) -> Option<Type> {
        let f = func.name();
        match self.scope.lookup(arg) {
            Some(Symbol::Event(_)) => return Some(Type::Number),
            Some(other) => self.errors.push(ExprError::new(
                span.clone(),
                format!("`{f}()` takes an event id, but `{arg}` is {}", other.noun()),
            )),
            None => {
                let events = self
                    .scope
                    .names()
                    .into_iter()
                    .filter(|n| matches!(self.scope.lookup(n), Some(Symbol::Event(_))));
                let err = ExprError::new(span.clone(), format!("unknown event `{arg}`"));
                self.errors.push(match closest(arg, events) {
                    Some(s) => err.with_help(format!("did you mean `{s}`?")),
                    None => err.with_help(format!(
                        "`{f}()` takes the id of an event declared in the scenario"
                    )),
                });
            }
        }
        None
    }

    fn mixed_equality(&self, whole: &Expr, op: Cmp, lhs: &Expr, l: Type, rhs: &Expr) -> ExprError {
        let (bool_side, num_side) = if l == Type::Bool {
            (lhs, rhs)
        } else {
            (rhs, lhs)
        };
        let (lw, rw) = (self.describe(&lhs.span), self.describe(&rhs.span));
        let (lt, rt) = if l == Type::Bool {
            ("true/false", "a number")
        } else {
            ("a number", "true/false")
        };
        let err = ExprError::new(
            whole.span.clone(),
            format!(
                "`{}` needs two values of the same kind, but {lw} is {lt} and {rw} is {rt}",
                op.symbol()
            ),
        );
        let literal_01 = matches!(num_side.kind, ExprKind::Number(v) if v == 0.0 || v == 1.0);
        let text = self.text(&bool_side.span);
        if literal_01 && text.len() <= 40 && !text.contains('\n') {
            err.with_help(format!(
                "true/false values are not numbers: write `{text}` for true, or `not {text}` for false"
            ))
        } else {
            err
        }
    }

    fn text(&self, span: &Span) -> &str {
        &self.src[span.clone()]
    }

    /// Quotes a sub-expression for a message, or says "this part" when it is too long to quote.
    fn describe(&self, span: &Span) -> String {
        let text = self.text(span);
        if text.len() <= 40 && !text.contains('\n') {
            format!("`{text}`")
        } else {
            "this part".to_string()
        }
    }

    fn compare_help(&self, span: &Span) -> String {
        let text = self.text(span);
        if text.len() <= 40 && !text.contains('\n') {
            format!("compare it, e.g. `{text} > 0`")
        } else {
            "compare it with a number, e.g. `... > 0`".to_string()
        }
    }

    /// For an event used as a number: point at `times(e)`.
    fn count_help(&self, expr: &Expr) -> Option<String> {
        match &expr.kind {
            ExprKind::Name(name) if matches!(self.scope.lookup(name), Some(Symbol::Event(_))) => {
                Some(format!(
                    "to count how often it fired, write `times({name})`"
                ))
            }
            _ => None,
        }
    }
}
