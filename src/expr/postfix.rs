//! The parsed form: the expression in postfix order (operands before their operator), as the
//! parser's operator stack emits it. Every later pass (checking, compiling) is a loop over this
//! list with a small value stack, so no pass recurses and no input can overflow the native stack,
//! however deeply nested or however long. Each node keeps the span of the whole sub-expression it
//! completes, parentheses included, for error messages.

use std::ops::Range;

pub(crate) type Span = Range<usize>;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub kind: NodeKind,
    /// The sub-expression this node completes, including any parentheses around it.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Logic {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    Times,
    Since,
    First,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum NodeKind {
    Bool(bool),
    Number(f64),
    /// A name still to be resolved by the checker.
    Name(String),
    Step,
    /// `times(e)`, `since(e)` or `first(e)`; `arg_span` covers the event id.
    Call {
        func: Func,
        arg: String,
        arg_span: Span,
    },
    /// A value function of [`super::functions::FUNCTIONS`] (by index), applied to the given
    /// number of operands.
    Apply(u8, u8),
    /// Unary operators: one operand.
    Not,
    Neg,
    /// Sits between the left and right operands of an `and`/`or`, where the short-circuit jump
    /// goes; the matching `Logic` node closes the most recent unclosed `Sep`.
    Sep(Logic),
    /// Binary operators: two operands.
    Logic(Logic),
    Arith(Arith),
    Compare(Cmp),
}

impl Arith {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Arith::Add => "+",
            Arith::Sub => "-",
            Arith::Mul => "*",
            Arith::Div => "/",
        }
    }
}

impl Cmp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

impl Logic {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Logic::And => "and",
            Logic::Or => "or",
        }
    }
}

impl Func {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Func::Times => "times",
            Func::Since => "since",
            Func::First => "first",
        }
    }
}
