//! The syntax tree. Chains of one operator (`a or b or c`, `x + y - z`) are flat lists, so a
//! 50 000-term chain is one node with 50 000 children: tree depth, and so the recursion depth of
//! every pass over the tree, is bounded by the nesting depth (at most 256), not by the length.

use std::ops::Range;

pub(crate) type Span = Range<usize>;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Expr {
    /// The source covered, including any parentheses around it.
    pub span: Span,
    pub kind: ExprKind,
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
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ExprKind {
    Bool(bool),
    Number(f64),
    /// A name still to be resolved by the checker.
    Name(String),
    Step,
    /// `times(e)` or `since(e)`; `arg_span` covers the event id.
    Call {
        func: Func,
        arg: String,
        arg_span: Span,
    },
    Not(Box<Expr>),
    Neg(Box<Expr>),
    /// `operands[0] op operands[1] op ...`, at least two operands.
    Logic {
        op: Logic,
        operands: Vec<Expr>,
    },
    /// `first op1 rest[0] op2 rest[1] ...`, evaluated left to right; each op keeps its span.
    Arith {
        first: Box<Expr>,
        rest: Vec<(Arith, Span, Expr)>,
    },
    Compare {
        op: Cmp,
        op_span: Span,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
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
        }
    }
}
