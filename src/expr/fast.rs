//! Numeric expressions in the form the engine evaluates them at every re-evaluation and every
//! firing. A number in a scenario is mostly one value (`tension`), one operation on two values
//! (`0.02 * troops`), or a few operations: evaluated as such directly, and the rest as code in
//! which an operation whose right operand is a value takes it itself (`x + 1` is one step, not
//! three), on a small fixed stack instead of a growing one.
//!
//! Every operation is the program's own, applied to the same values in the same order, so the
//! results are bit for bit those of [`Program::eval`]. Programs with `and`/`or` (jumps) or a
//! deep stack are run as written.

use super::functions::FUNCTIONS;
use super::program::{EvalCtx, Op, Program, binary, load};

/// The deepest stack the code form keeps; deeper programs run as written.
const DEPTH: usize = 8;

/// One step of the code form.
#[derive(Clone, Copy, Debug)]
enum Ins {
    /// Push a value ([`Op::is_leaf`]).
    Push(Op),
    /// `top = top <op> value`: a binary op whose right operand is a value.
    With(Op, Op),
    /// A binary op on the two values on top.
    Bin(Op),
    /// Function `f` of the built-in table on the top `n` values.
    Call(u8, u8),
    Not,
    Neg,
}

#[derive(Clone, Debug)]
enum Form {
    /// One value.
    Value(Op),
    /// `left <op> right`, both values.
    Pair(Op, Op, Op),
    Code(Box<[Ins]>),
    Program(Box<Program>),
}

/// A numeric (or bool) program prepared for fast evaluation.
#[derive(Clone, Debug)]
pub struct Fast(Form);

impl Fast {
    pub fn new(p: &Program) -> Fast {
        let jumps = (p.ops.iter())
            .any(|op| matches!(op, Op::JumpIfFalseElsePop(_) | Op::JumpIfTrueElsePop(_)));
        if jumps || p.max_stack > DEPTH || p.ops.is_empty() {
            return Fast(Form::Program(Box::new(p.clone())));
        }
        Fast(match p.ops.as_slice() {
            [v] if v.is_leaf() => Form::Value(*v),
            [l, r, op] if l.is_leaf() && r.is_leaf() && op.is_binary() => Form::Pair(*l, *op, *r),
            ops => Form::Code(code(ops).into_boxed_slice()),
        })
    }

    /// The value in `ctx`, as [`Program::eval`] gives it (`stack` is its scratch space).
    #[inline]
    pub fn eval(&self, ctx: &EvalCtx, stack: &mut Vec<f64>) -> f64 {
        match &self.0 {
            Form::Value(v) => load(*v, ctx),
            Form::Pair(l, op, r) => binary(*op, load(*l, ctx), load(*r, ctx)),
            Form::Code(code) => run(code, ctx),
            Form::Program(p) => p.eval(ctx, stack),
        }
    }
}

/// The code form of jump-free ops: a value followed by a binary op becomes one step.
fn code(ops: &[Op]) -> Vec<Ins> {
    let mut out: Vec<Ins> = Vec::with_capacity(ops.len());
    for &op in ops {
        let ins = match op {
            v if v.is_leaf() => Ins::Push(v),
            op if op.is_binary() => match out.last() {
                Some(&Ins::Push(v)) => {
                    out.pop();
                    Ins::With(op, v)
                }
                _ => Ins::Bin(op),
            },
            Op::Call(f, n) => Ins::Call(f, n),
            Op::Not => Ins::Not,
            Op::Neg => Ins::Neg,
            Op::JumpIfFalseElsePop(_) | Op::JumpIfTrueElsePop(_) => {
                unreachable!("programs with jumps run as written")
            }
            _ => unreachable!("every op is a value, a binary op, a call, not or neg"),
        };
        out.push(ins);
    }
    out
}

fn run(code: &[Ins], ctx: &EvalCtx) -> f64 {
    let mut st = [0.0; DEPTH];
    // The number of values on the stack.
    let mut n = 0;
    for &ins in code {
        match ins {
            Ins::Push(v) => {
                st[n] = load(v, ctx);
                n += 1;
            }
            Ins::With(op, v) => st[n - 1] = binary(op, st[n - 1], load(v, ctx)),
            Ins::Bin(op) => {
                n -= 1;
                st[n - 1] = binary(op, st[n - 1], st[n]);
            }
            Ins::Call(f, argc) => {
                let at = n - argc as usize;
                st[at] = (FUNCTIONS[f as usize].eval)(&st[at..n]);
                n = at + 1;
            }
            Ins::Not => st[n - 1] = if st[n - 1] == 0.0 { 1.0 } else { 0.0 },
            Ins::Neg => st[n - 1] = -st[n - 1],
        }
    }
    // A checked program leaves its value alone on the stack.
    st[0]
}
