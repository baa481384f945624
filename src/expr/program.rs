//! The compiled form of an expression: a flat stack program over `f64` values (a bool is 0 or 1).
//!
//! A flat program beats walking a tree: no pointer chasing, and the common conditions (one flag,
//! `a and not b`) are a handful of ops. `and` and `or` short-circuit with forward jumps.

use super::functions::FUNCTIONS;

/// One instruction. Indices refer to the model's flags, variables, events and outcomes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// Push a number (or a bool as 0.0 / 1.0).
    Const(f64),
    /// Push flag `i` as 0.0 / 1.0.
    Flag(u32),
    /// Push variable `i`.
    Var(u32),
    /// Push parameter `i`.
    Param(u32),
    /// Push 1.0 if event `e` has fired at least once.
    Fired(u32),
    /// Push the number of times event `e` has fired.
    Times(u32),
    /// Push `step - last step at which e fired`, or infinity if it never fired.
    Since(u32),
    /// Push the step at which event `e` first fired, or infinity if it never fired.
    First(u32),
    /// Push the current step.
    Step,
    /// Push 1.0 if the trial ended in outcome `o` (only in `--given` expressions).
    Outcome(u32),
    /// Replace the top `n` arguments with the value of function `f` of the built-in table:
    /// `Call(f, n)`.
    Call(u8, u8),
    Not,
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `and`: if the top is false, jump to the absolute index (keeping it); else pop it.
    JumpIfFalseElsePop(u32),
    /// `or`: if the top is true, jump to the absolute index (keeping it); else pop it.
    JumpIfTrueElsePop(u32),
}

/// What an expression reads, so the engine re-evaluates it only when one of these changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reads {
    pub flags: Vec<u32>,
    pub vars: Vec<u32>,
    /// Parameters: fixed for a trial, so they never make an expression change value in it.
    pub params: Vec<u32>,
    /// Events read through their name (fired) or `times(e)`.
    pub events: Vec<u32>,
    /// Events read through `since(e)`; these also make the expression depend on `step`.
    pub since: Vec<u32>,
    /// True when the value can change with time alone (`step` or `since`).
    pub step: bool,
    pub outcomes: Vec<u32>,
}

/// A compiled expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// The expression as the author wrote it (for reports, traces and graphs).
    pub source: String,
    pub ops: Vec<Op>,
    /// The largest stack depth evaluation can reach.
    pub max_stack: usize,
    pub reads: Reads,
}

/// The state an expression is evaluated against. Slices are indexed like the model's lists.
#[derive(Clone, Copy, Debug)]
pub struct EvalCtx<'a> {
    pub flags: &'a [bool],
    pub vars: &'a [f64],
    /// The parameters' values in this trial.
    pub params: &'a [f64],
    pub times: &'a [u32],
    /// Step at which each event last fired; `u32::MAX` when it never fired.
    pub last_fired: &'a [u32],
    /// Step at which each repeatable event first fired; `u32::MAX` when it has not, and for
    /// once-only events, whose first firing is their last.
    pub first_fired: &'a [u32],
    pub step: u32,
    /// The outcome the trial ended in, for `--given`; `u32::MAX` while running.
    pub outcome: u32,
}

impl<'a> EvalCtx<'a> {
    /// A context with the parameters only: for expressions that read nothing else.
    pub fn over_params(params: &'a [f64]) -> EvalCtx<'a> {
        EvalCtx {
            flags: &[],
            vars: &[],
            params,
            times: &[],
            last_fired: &[],
            first_fired: &[],
            step: 0,
            outcome: u32::MAX,
        }
    }
}

impl Program {
    /// A program that always yields `value` (the default `when = "true"`).
    /// The program that always gives the number `value`.
    pub fn number(value: f64) -> Program {
        Program {
            source: format!("{value}"),
            ops: vec![Op::Const(value)],
            max_stack: 1,
            reads: Reads::default(),
        }
    }

    pub fn constant(value: bool) -> Program {
        Program {
            source: if value { "true" } else { "false" }.to_string(),
            ops: vec![Op::Const(if value { 1.0 } else { 0.0 })],
            max_stack: 1,
            reads: Reads::default(),
        }
    }

    /// Reads each parameter that `values` gives (`Some`) as that number: the same value, so
    /// the same results, with no parameter read. Whether anything changed.
    pub fn fix_params(&mut self, values: &[Option<f64>]) -> bool {
        let fixed = |i: u32| values.get(i as usize).copied().flatten();
        if !self.reads.params.iter().any(|&i| fixed(i).is_some()) {
            return false;
        }
        for op in &mut self.ops {
            if let Op::Param(i) = *op
                && let Some(v) = fixed(i)
            {
                *op = Op::Const(v);
            }
        }
        self.reads.params.retain(|&i| fixed(i).is_none());
        true
    }

    /// Evaluates a bool-typed program.
    #[inline]
    pub fn eval_bool(&self, ctx: &EvalCtx, stack: &mut Vec<f64>) -> bool {
        self.eval(ctx, stack) != 0.0
    }

    /// Evaluates the program; `stack` is scratch space reused across calls.
    #[inline]
    pub fn eval(&self, ctx: &EvalCtx, stack: &mut Vec<f64>) -> f64 {
        // Fast paths for the shapes most conditions have.
        match self.ops.as_slice() {
            [Op::Const(c)] => return *c,
            [Op::Flag(i)] => return b(ctx.flags[*i as usize]),
            [Op::Fired(e)] => return b(ctx.times[*e as usize] > 0),
            [Op::Flag(i), Op::Not] => return b(!ctx.flags[*i as usize]),
            // `variable <op> number`, the shape of most thresholds and modifiers.
            [Op::Var(i), Op::Const(c), cmp] => {
                let (l, r) = (ctx.vars[*i as usize], *c);
                match cmp {
                    Op::Lt => return b(l < r),
                    Op::Le => return b(l <= r),
                    Op::Gt => return b(l > r),
                    Op::Ge => return b(l >= r),
                    Op::Eq => return b(l == r),
                    Op::Ne => return b(l != r),
                    _ => {}
                }
            }
            _ => {}
        }
        stack.clear();
        let ops = &self.ops;
        let mut pc = 0;
        while pc < ops.len() {
            match ops[pc] {
                Op::Const(c) => stack.push(c),
                Op::Flag(i) => stack.push(b(ctx.flags[i as usize])),
                Op::Var(i) => stack.push(ctx.vars[i as usize]),
                Op::Param(i) => stack.push(ctx.params[i as usize]),
                Op::Fired(e) => stack.push(b(ctx.times[e as usize] > 0)),
                Op::Times(e) => stack.push(ctx.times[e as usize] as f64),
                Op::Since(e) => stack.push(since(ctx, e as usize)),
                Op::First(e) => stack.push(first(ctx, e as usize)),
                Op::Step => stack.push(ctx.step as f64),
                Op::Outcome(o) => stack.push(b(ctx.outcome == o)),
                Op::Call(f, argc) => {
                    let f = &FUNCTIONS[f as usize];
                    let at = stack.len() - argc as usize;
                    let v = (f.eval)(&stack[at..]);
                    stack.truncate(at);
                    stack.push(v);
                }
                Op::Not => {
                    let top = stack.last_mut().expect("type-checked program");
                    *top = b(*top == 0.0);
                }
                Op::Neg => {
                    let top = stack.last_mut().expect("type-checked program");
                    *top = -*top;
                }
                Op::JumpIfFalseElsePop(to) => {
                    if *stack.last().expect("type-checked program") == 0.0 {
                        pc = to as usize;
                        continue;
                    }
                    stack.pop();
                }
                Op::JumpIfTrueElsePop(to) => {
                    if *stack.last().expect("type-checked program") != 0.0 {
                        pc = to as usize;
                        continue;
                    }
                    stack.pop();
                }
                op => {
                    let r = stack.pop().expect("type-checked program");
                    let l = stack.last_mut().expect("type-checked program");
                    *l = binary(op, *l, r);
                }
            }
            pc += 1;
        }
        stack.pop().unwrap_or(0.0)
    }
}

impl Op {
    /// Whether the op combines the two values on top of the stack.
    pub(crate) fn is_binary(self) -> bool {
        matches!(
            self,
            Op::Add
                | Op::Sub
                | Op::Mul
                | Op::Div
                | Op::Eq
                | Op::Ne
                | Op::Lt
                | Op::Le
                | Op::Gt
                | Op::Ge
        )
    }
}

/// `l op r` for a binary op ([`Op::is_binary`]).
#[inline(always)]
pub(crate) fn binary(op: Op, l: f64, r: f64) -> f64 {
    match op {
        Op::Add => l + r,
        Op::Sub => l - r,
        Op::Mul => l * r,
        Op::Div => l / r,
        Op::Eq => b(l == r),
        Op::Ne => b(l != r),
        Op::Lt => b(l < r),
        Op::Le => b(l <= r),
        Op::Gt => b(l > r),
        Op::Ge => b(l >= r),
        _ => unreachable!("non-binary ops are handled above"),
    }
}

/// `since(e)`: the steps since event `e` last fired, infinity if it never did.
#[inline]
pub(crate) fn since(ctx: &EvalCtx, e: usize) -> f64 {
    let last = ctx.last_fired[e];
    if last == u32::MAX {
        f64::INFINITY
    } else {
        ctx.step as f64 - last as f64
    }
}

/// `first(e)`: see [`EvalCtx::first_fired`].
pub(crate) fn first(ctx: &EvalCtx, e: usize) -> f64 {
    if ctx.times[e] == 0 {
        f64::INFINITY
    } else if ctx.first_fired[e] != u32::MAX {
        ctx.first_fired[e] as f64
    } else {
        ctx.last_fired[e] as f64
    }
}

#[inline]
pub(crate) fn b(v: bool) -> f64 {
    if v { 1.0 } else { 0.0 }
}
