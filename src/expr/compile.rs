//! Turns a checked tree into a flat `Program`. `and`/`or` chains become one forward jump per
//! operator, all to the end of the chain; parenthesised chains of the same operator are spliced
//! into the enclosing one, since `a and (b and c)` means the same as `a and b and c`.

use super::ast::{Arith, Cmp, Expr, ExprKind, Logic};
use super::program::{Op, Program, Reads};
use super::scope::{Scope, Symbol};

/// Compiles a tree the checker accepted (so every name resolves with the right kind).
pub(crate) fn emit(src: &str, expr: &Expr, scope: &dyn Scope) -> Program {
    let mut emitter = Emitter {
        scope,
        ops: Vec::new(),
    };
    emitter.expr(expr);
    let ops = emitter.ops;
    Program {
        source: src.to_string(),
        max_stack: max_stack(&ops),
        reads: reads(&ops),
        ops,
    }
}

struct Emitter<'a> {
    scope: &'a dyn Scope,
    ops: Vec<Op>,
}

impl Emitter<'_> {
    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Bool(v) => self.ops.push(Op::Const(if *v { 1.0 } else { 0.0 })),
            ExprKind::Number(v) => self.ops.push(Op::Const(*v)),
            ExprKind::Step => self.ops.push(Op::Step),
            ExprKind::Name(name) => {
                let op = match self.scope.lookup(name) {
                    Some(Symbol::Flag(i)) => Op::Flag(i),
                    Some(Symbol::Var(i)) => Op::Var(i),
                    Some(Symbol::Event(i)) => Op::Fired(i),
                    Some(Symbol::Outcome(i)) => Op::Outcome(i),
                    Some(Symbol::Actor(_)) | None => unreachable!("the checker resolved `{name}`"),
                };
                self.ops.push(op);
            }
            ExprKind::Call { func, arg, .. } => {
                let Some(Symbol::Event(e)) = self.scope.lookup(arg) else {
                    unreachable!("the checker resolved `{arg}` to an event")
                };
                self.ops.push(match func {
                    super::ast::Func::Times => Op::Times(e),
                    super::ast::Func::Since => Op::Since(e),
                });
            }
            ExprKind::Not(inner) => {
                self.expr(inner);
                self.ops.push(Op::Not);
            }
            ExprKind::Neg(inner) => match inner.kind {
                // `-5` is a literal to the author; fold it.
                ExprKind::Number(v) => self.ops.push(Op::Const(-v)),
                _ => {
                    self.expr(inner);
                    self.ops.push(Op::Neg);
                }
            },
            ExprKind::Logic { op, operands } => {
                let mut jumps = Vec::new();
                self.logic(*op, operands, &mut jumps);
                let end = self.ops.len() as u32;
                for at in jumps {
                    self.ops[at] = match op {
                        Logic::And => Op::JumpIfFalseElsePop(end),
                        Logic::Or => Op::JumpIfTrueElsePop(end),
                    };
                }
            }
            ExprKind::Arith { first, rest } => {
                self.expr(first);
                for (op, _, operand) in rest {
                    self.expr(operand);
                    self.ops.push(match op {
                        Arith::Add => Op::Add,
                        Arith::Sub => Op::Sub,
                        Arith::Mul => Op::Mul,
                        Arith::Div => Op::Div,
                    });
                }
            }
            ExprKind::Compare { op, lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
                self.ops.push(match op {
                    Cmp::Eq => Op::Eq,
                    Cmp::Ne => Op::Ne,
                    Cmp::Lt => Op::Lt,
                    Cmp::Le => Op::Le,
                    Cmp::Gt => Op::Gt,
                    Cmp::Ge => Op::Ge,
                });
            }
        }
    }

    /// Emits a chain, recording the positions of its jumps for the caller to patch.
    fn logic(&mut self, op: Logic, operands: &[Expr], jumps: &mut Vec<usize>) {
        for (i, operand) in operands.iter().enumerate() {
            match &operand.kind {
                ExprKind::Logic {
                    op: inner_op,
                    operands: inner,
                } if *inner_op == op => self.logic(op, inner, jumps),
                _ => self.expr(operand),
            }
            if i + 1 < operands.len() {
                jumps.push(self.ops.len());
                // Placeholder; patched once the end of the chain is known.
                self.ops.push(Op::JumpIfFalseElsePop(u32::MAX));
            }
        }
    }
}

/// The stack depth along the path that runs every op; jumps only skip forward to a point where
/// the depth equals the depth at the jump, so this is the exact maximum.
fn max_stack(ops: &[Op]) -> usize {
    let mut depth: usize = 0;
    let mut max = 0;
    for op in ops {
        match op {
            Op::Const(_)
            | Op::Flag(_)
            | Op::Var(_)
            | Op::Fired(_)
            | Op::Times(_)
            | Op::Since(_)
            | Op::Step
            | Op::Outcome(_) => {
                depth += 1;
                max = max.max(depth);
            }
            Op::Not | Op::Neg => {}
            _ => depth = depth.saturating_sub(1),
        }
    }
    max
}

fn reads(ops: &[Op]) -> Reads {
    let mut r = Reads::default();
    for op in ops {
        match *op {
            Op::Flag(i) => r.flags.push(i),
            Op::Var(i) => r.vars.push(i),
            Op::Fired(e) | Op::Times(e) => r.events.push(e),
            Op::Since(e) => {
                r.since.push(e);
                r.step = true;
            }
            Op::Step => r.step = true,
            Op::Outcome(o) => r.outcomes.push(o),
            _ => {}
        }
    }
    for list in [
        &mut r.flags,
        &mut r.vars,
        &mut r.events,
        &mut r.since,
        &mut r.outcomes,
    ] {
        list.sort_unstable();
        list.dedup();
    }
    r
}
