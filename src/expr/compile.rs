//! Turns checked postfix nodes into a flat `Program`: one op per node, plus a forward jump for
//! each `and`/`or`. A jump that lands on a jump of the same kind is then threaded to its final
//! target, so `a or b or c` jumps straight to the end from every operand.

use super::postfix::{Arith, Cmp, Func, Logic, Node, NodeKind};
use super::program::{Op, Program, Reads};
use super::scope::{Scope, Symbol};

/// Compiles nodes the checker accepted (so every name resolves with the right kind).
pub(crate) fn emit(src: &str, nodes: &[Node], scope: &dyn Scope) -> Program {
    let mut ops: Vec<Op> = Vec::with_capacity(nodes.len());
    // Positions of the jumps whose `and`/`or` is not closed yet.
    let mut open_jumps: Vec<usize> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let op = match &node.kind {
            NodeKind::Bool(v) => Op::Const(if *v { 1.0 } else { 0.0 }),
            NodeKind::Number(v) => Op::Const(*v),
            NodeKind::Step => Op::Step,
            NodeKind::Name(name) => match scope.lookup(name) {
                Some(Symbol::Flag(i)) => Op::Flag(i),
                Some(Symbol::Var(i)) => Op::Var(i),
                Some(Symbol::Param(i)) => Op::Param(i),
                Some(Symbol::Event(i)) => Op::Fired(i),
                Some(Symbol::Outcome(i)) => Op::Outcome(i),
                Some(Symbol::Actor(_)) | None => unreachable!("the checker resolved `{name}`"),
            },
            NodeKind::Call { func, arg, .. } => {
                let Some(Symbol::Event(e)) = scope.lookup(arg) else {
                    unreachable!("the checker resolved `{arg}` to an event")
                };
                match func {
                    Func::Times => Op::Times(e),
                    Func::Since => Op::Since(e),
                    Func::First => Op::First(e),
                }
            }
            NodeKind::Apply(f, argc) => Op::Call(*f, *argc),
            NodeKind::Not => Op::Not,
            NodeKind::Neg => {
                // `-5` is a literal to the author; fold it.
                if let (Some(NodeKind::Number(v)), Some(Op::Const(_))) =
                    (i.checked_sub(1).map(|p| &nodes[p].kind), ops.last())
                {
                    *ops.last_mut().expect("matched above") = Op::Const(-v);
                    continue;
                }
                Op::Neg
            }
            NodeKind::Sep(logic) => {
                open_jumps.push(ops.len());
                // Target patched when the matching `Logic` node arrives.
                match logic {
                    Logic::And => Op::JumpIfFalseElsePop(u32::MAX),
                    Logic::Or => Op::JumpIfTrueElsePop(u32::MAX),
                }
            }
            NodeKind::Logic(_) => {
                let at = open_jumps.pop().expect("a Sep before each Logic");
                let end = ops.len() as u32;
                ops[at] = match ops[at] {
                    Op::JumpIfFalseElsePop(_) => Op::JumpIfFalseElsePop(end),
                    _ => Op::JumpIfTrueElsePop(end),
                };
                continue;
            }
            NodeKind::Arith(a) => match a {
                Arith::Add => Op::Add,
                Arith::Sub => Op::Sub,
                Arith::Mul => Op::Mul,
                Arith::Div => Op::Div,
            },
            NodeKind::Compare(c) => match c {
                Cmp::Eq => Op::Eq,
                Cmp::Ne => Op::Ne,
                Cmp::Lt => Op::Lt,
                Cmp::Le => Op::Le,
                Cmp::Gt => Op::Gt,
                Cmp::Ge => Op::Ge,
            },
        };
        ops.push(op);
    }
    thread_jumps(&mut ops);
    Program {
        source: src.to_string(),
        max_stack: max_stack(&ops),
        reads: reads(&ops),
        ops,
    }
}

/// A jump landing on a jump of the same kind arrives with the same value on top, so that jump
/// is taken too: go straight to its target. Backwards, so targets are already threaded.
fn thread_jumps(ops: &mut [Op]) {
    for i in (0..ops.len()).rev() {
        ops[i] = match (ops[i], ops.get(target(ops[i]))) {
            (Op::JumpIfFalseElsePop(_), Some(&Op::JumpIfFalseElsePop(t))) => {
                Op::JumpIfFalseElsePop(t)
            }
            (Op::JumpIfTrueElsePop(_), Some(&Op::JumpIfTrueElsePop(t))) => Op::JumpIfTrueElsePop(t),
            (op, _) => op,
        };
    }
}

fn target(op: Op) -> usize {
    match op {
        Op::JumpIfFalseElsePop(t) | Op::JumpIfTrueElsePop(t) => t as usize,
        _ => usize::MAX,
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
            | Op::Param(_)
            | Op::Fired(_)
            | Op::Times(_)
            | Op::Since(_)
            | Op::First(_)
            | Op::Step
            | Op::Outcome(_) => {
                depth += 1;
                max = max.max(depth);
            }
            Op::Not | Op::Neg => {}
            Op::Call(_, argc) => depth -= *argc as usize - 1,
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
            Op::Param(i) => r.params.push(i),
            Op::Fired(e) | Op::Times(e) | Op::First(e) => r.events.push(e),
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
        &mut r.params,
        &mut r.events,
        &mut r.since,
        &mut r.outcomes,
    ] {
        list.sort_unstable();
        list.dedup();
    }
    r
}
