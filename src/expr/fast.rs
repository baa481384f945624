//! Numeric expressions in the form the engine evaluates them at every re-evaluation and every
//! firing: a tree of small closures, each specialised for its operation and for operands that
//! are a number, a variable or a parameter (and, under `and`, `or` and `not`, a flag or a
//! fired event), built once per run. An interpreter pays a dispatch per operation and per
//! operand (about 35 instructions each); a closure knows what it does.
//!
//! Every operation is the program's own, applied to the same values in the same order, so the
//! results are bit for bit those of [`Program::eval`] (an operation on two numbers is done once
//! when building, which gives the same value; `if` evaluates only the argument it picks, which
//! is the same since evaluation changes nothing; `and`/`or` likewise evaluate their right
//! operand only when the left one does not decide, keeping the left value when it does).
//! Programs too long for the tree's evaluation to recurse safely run as written.

use std::sync::Arc;

use super::functions::FUNCTIONS;
use super::program::{EvalCtx, Op, Program, b, binary, first, since};

/// The longest program built as a tree: its depth, and so the recursion of its evaluation, is
/// at most its length.
const MAX_OPS: usize = 64;

/// The most arguments of a call built as a tree.
const MAX_ARGS: usize = 8;

type Node = Arc<dyn Fn(&EvalCtx) -> f64 + Send + Sync>;

/// An operand while building: the specialised kinds, or any node.
#[derive(Clone)]
enum Part {
    Num(f64),
    Var(u32),
    Param(u32),
    /// Flag `i`, or its negation when the bool is true (a truth value, 0 or 1).
    Flag(u32, bool),
    /// Event `e` has fired, or not when the bool is true.
    Fired(u32, bool),
    Node(Node),
}

#[derive(Clone)]
enum Form {
    Tree(Node),
    Program(Box<Program>),
}

/// A numeric (or bool) program prepared for fast evaluation.
#[derive(Clone)]
pub struct Fast(Form);

impl std::fmt::Debug for Fast {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Form::Tree(_) => f.write_str("Fast(tree)"),
            Form::Program(p) => write!(f, "Fast({:?})", p.source),
        }
    }
}

impl Fast {
    pub fn new(p: &Program) -> Fast {
        match tree(&p.ops) {
            Some(node) => Fast(Form::Tree(node)),
            None => Fast(Form::Program(Box::new(p.clone()))),
        }
    }

    /// The value in `ctx`, as [`Program::eval`] gives it (`stack` is its scratch space).
    #[inline]
    pub fn eval(&self, ctx: &EvalCtx, stack: &mut Vec<f64>) -> f64 {
        match &self.0 {
            Form::Tree(node) => node(ctx),
            Form::Program(p) => p.eval(ctx, stack),
        }
    }
}

/// Runs `$body` with `$g` bound to a getter for the operand `$p` of an `and` or `or`: a flag
/// or a fired event read in place (the commonest operands there), anything else as a node.
macro_rules! truth {
    ($p:expr, |$g:ident| $body:expr) => {
        match $p {
            Part::Flag(i, neg) => {
                let $g = move |c: &EvalCtx| b(c.flags[i as usize] != neg);
                $body
            }
            Part::Fired(e, neg) => {
                let $g = move |c: &EvalCtx| b((c.times[e as usize] > 0) != neg);
                $body
            }
            p => {
                let n = node(p);
                let $g = move |c: &EvalCtx| n(c);
                $body
            }
        }
    };
}

/// The tree of a program, built with a stack of operands; an `and`/`or` (a forward jump) takes
/// the ops up to its target as its right operand, built the same way.
fn tree(ops: &[Op]) -> Option<Node> {
    if ops.len() > MAX_OPS {
        return None;
    }
    Some(node(segment(ops, 0, ops.len())?))
}

/// The one value that `ops[lo..hi]` leaves on the stack, as an operand.
fn segment(ops: &[Op], lo: usize, hi: usize) -> Option<Part> {
    let mut st: Vec<Part> = Vec::new();
    let mut pc = lo;
    while pc < hi {
        let part = match ops[pc] {
            Op::Const(c) => Part::Num(c),
            Op::Var(i) => Part::Var(i),
            Op::Param(i) => Part::Param(i),
            Op::Flag(i) => Part::Flag(i, false),
            Op::Fired(e) => Part::Fired(e, false),
            Op::Times(e) => Part::Node(Arc::new(move |c| c.times[e as usize] as f64)),
            Op::Since(e) => Part::Node(Arc::new(move |c| since(c, e as usize))),
            Op::First(e) => Part::Node(Arc::new(move |c| first(c, e as usize))),
            Op::Step => Part::Node(Arc::new(|c| c.step as f64)),
            Op::Outcome(o) => Part::Node(Arc::new(move |c| b(c.outcome == o))),
            op if op.is_binary() => {
                let r = st.pop()?;
                let l = st.pop()?;
                pair(op, l, r)
            }
            Op::Call(f, argc) => {
                let args = st.split_off(st.len().checked_sub(argc as usize)?);
                Part::Node(call(f, args)?)
            }
            Op::Not => match st.pop()? {
                Part::Flag(i, neg) => Part::Flag(i, !neg),
                Part::Fired(e, neg) => Part::Fired(e, !neg),
                a => {
                    let a = node(a);
                    Part::Node(Arc::new(move |c| b(a(c) == 0.0)))
                }
            },
            Op::Neg => match st.pop()? {
                Part::Num(x) => Part::Num(-x),
                a => {
                    let a = node(a);
                    Part::Node(Arc::new(move |c| -a(c)))
                }
            },
            // The top is kept when the jump is taken, else popped and the ops up to the target
            // give the value: the left operand, or the right one.
            Op::JumpIfFalseElsePop(to) | Op::JumpIfTrueElsePop(to) => {
                let to = to as usize;
                if to <= pc || to > hi {
                    return None;
                }
                let l = st.pop()?;
                let r = segment(ops, pc + 1, to)?;
                let and = matches!(ops[pc], Op::JumpIfFalseElsePop(_));
                let both = truth!(l, |lg| truth!(r, |rg| logic(and, lg, rg)));
                st.push(Part::Node(both));
                pc = to;
                continue;
            }
            _ => return None,
        };
        st.push(part);
        pc += 1;
    }
    match (st.pop(), st.is_empty()) {
        (Some(p), true) => Some(p),
        _ => None,
    }
}

/// `l and r` (`and`), or `l or r`: the left value when it decides, else the right one.
fn logic<L, R>(and: bool, l: L, r: R) -> Node
where
    L: Fn(&EvalCtx) -> f64 + Send + Sync + 'static,
    R: Fn(&EvalCtx) -> f64 + Send + Sync + 'static,
{
    if and {
        Arc::new(move |c| {
            let x = l(c);
            if x == 0.0 { x } else { r(c) }
        })
    } else {
        Arc::new(move |c| {
            let x = l(c);
            if x != 0.0 { x } else { r(c) }
        })
    }
}

/// An operand as a node of its own.
fn node(p: Part) -> Node {
    match p {
        Part::Num(x) => Arc::new(move |_| x),
        Part::Var(i) => Arc::new(move |c| c.vars[i as usize]),
        Part::Param(i) => Arc::new(move |c| c.params[i as usize]),
        Part::Flag(i, neg) => Arc::new(move |c| b(c.flags[i as usize] != neg)),
        Part::Fired(e, neg) => Arc::new(move |c| b((c.times[e as usize] > 0) != neg)),
        Part::Node(n) => n,
    }
}

/// Runs `$body` with `$g` bound to a getter specialised for the kind of operand `$p`.
macro_rules! getter {
    ($p:expr, |$g:ident| $body:expr) => {
        match $p {
            Part::Num(x) => {
                let $g = move |_: &EvalCtx| x;
                $body
            }
            Part::Var(i) => {
                let $g = move |c: &EvalCtx| c.vars[i as usize];
                $body
            }
            Part::Param(i) => {
                let $g = move |c: &EvalCtx| c.params[i as usize];
                $body
            }
            p => {
                let n = node(p);
                let $g = move |c: &EvalCtx| n(c);
                $body
            }
        }
    };
}

/// `l <op> r`; on two numbers, the number.
fn pair(op: Op, l: Part, r: Part) -> Part {
    if let (Part::Num(a), Part::Num(b)) = (&l, &r) {
        return Part::Num(binary(op, *a, *b));
    }
    Part::Node(getter!(l, |lg| getter!(r, |rg| bin(op, lg, rg))))
}

fn bin<L, R>(op: Op, l: L, r: R) -> Node
where
    L: Fn(&EvalCtx) -> f64 + Send + Sync + 'static,
    R: Fn(&EvalCtx) -> f64 + Send + Sync + 'static,
{
    match op {
        Op::Add => Arc::new(move |c| l(c) + r(c)),
        Op::Sub => Arc::new(move |c| l(c) - r(c)),
        Op::Mul => Arc::new(move |c| l(c) * r(c)),
        Op::Div => Arc::new(move |c| l(c) / r(c)),
        Op::Eq => Arc::new(move |c| b(l(c) == r(c))),
        Op::Ne => Arc::new(move |c| b(l(c) != r(c))),
        Op::Lt => Arc::new(move |c| b(l(c) < r(c))),
        Op::Le => Arc::new(move |c| b(l(c) <= r(c))),
        Op::Gt => Arc::new(move |c| b(l(c) > r(c))),
        Op::Ge => Arc::new(move |c| b(l(c) >= r(c))),
        _ => unreachable!("a binary op"),
    }
}

/// `min(l, r)` (`min`) or `max(l, r)`: the table's fold, on two values.
fn fold2<L, R>(min: bool, l: L, r: R) -> Node
where
    L: Fn(&EvalCtx) -> f64 + Send + Sync + 'static,
    R: Fn(&EvalCtx) -> f64 + Send + Sync + 'static,
{
    if min {
        Arc::new(move |c| [l(c), r(c)].into_iter().fold(f64::NAN, libm::fmin))
    } else {
        Arc::new(move |c| [l(c), r(c)].into_iter().fold(f64::NAN, libm::fmax))
    }
}

/// Function `f` of the built-in table on `args` (at most [`MAX_ARGS`]).
fn call(f: u8, args: Vec<Part>) -> Option<Node> {
    let func = &FUNCTIONS[f as usize];
    if let ("min" | "max", [l, r]) = (func.name, args.as_slice()) {
        let (l, r) = (l.clone(), r.clone());
        let min = func.name == "min";
        return Some(getter!(l, |lg| getter!(r, |rg| fold2(min, lg, rg))));
    }
    let mut args: Vec<Node> = args.into_iter().map(node).collect();
    Some(match (func.name, args.len()) {
        ("if", 3) => {
            let (no, yes, cond) = (args.pop()?, args.pop()?, args.pop()?);
            Arc::new(move |c| if cond(c) != 0.0 { yes(c) } else { no(c) })
        }
        (_, 1) => {
            let (eval, a) = (func.eval, args[0].clone());
            Arc::new(move |c| eval(&[a(c)]))
        }
        (_, n) if n <= MAX_ARGS => {
            let eval = func.eval;
            Arc::new(move |c| {
                let mut vals = [0.0; MAX_ARGS];
                for (v, a) in vals.iter_mut().zip(&args) {
                    *v = a(c);
                }
                eval(&vals[..n])
            })
        }
        _ => return None,
    })
}
