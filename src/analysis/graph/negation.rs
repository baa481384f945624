//! Which names a condition reads only through `not`. An arrow from such a name means "while X
//! has not happened", the opposite of "X leads to", so the renderers draw it dashed and
//! labelled "not".
//!
//! The walk runs over the compiled program with a stack of read sets, like evaluation: `not`
//! flips the parity of everything it covers, operators join their operands, and an `and`/`or`
//! jump parks its left operand until the jump target, where it joins the right one.

use crate::expr::{Op, Program};

/// A name a program reads: the same kinds of node as the graph's sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    Flag(u32),
    Var(u32),
    Event(u32),
}

/// Reads with whether each sits under an odd number of `not`s.
type Set = Vec<(Read, bool)>;

/// The names `program` reads only under an odd number of `not`s (each once). A name read both
/// plainly and negated is not among them: part of the condition wants it to have happened.
pub fn negated_only(program: &Program) -> Vec<Read> {
    let ops = &program.ops;
    let mut stack: Vec<Set> = Vec::new();
    let mut parked: Vec<(usize, Set)> = Vec::new();
    for pc in 0..=ops.len() {
        join_parked(&mut stack, &mut parked, pc);
        let Some(&op) = ops.get(pc) else { break };
        let read = match op {
            Op::Flag(i) => Some(Read::Flag(i)),
            Op::Var(i) => Some(Read::Var(i)),
            Op::Fired(e) | Op::Times(e) | Op::Since(e) | Op::First(e) => Some(Read::Event(e)),
            _ => None,
        };
        if let Some(r) = read {
            stack.push(vec![(r, false)]);
            continue;
        }
        match op {
            Op::Const(_) | Op::Param(_) | Op::Step | Op::Outcome(_) => stack.push(Vec::new()),
            Op::Not => {
                if let Some(top) = stack.last_mut() {
                    for (_, negated) in top.iter_mut() {
                        *negated = !*negated;
                    }
                }
            }
            Op::Neg => {}
            Op::Call(_, n) => {
                let at = stack.len().saturating_sub(n as usize);
                let joined: Set = stack.drain(at..).flatten().collect();
                stack.push(joined);
            }
            Op::JumpIfFalseElsePop(to) | Op::JumpIfTrueElsePop(to) => {
                if let Some(top) = stack.pop() {
                    parked.push((to as usize, top));
                }
            }
            // Every binary operator.
            _ => {
                let b = stack.pop().unwrap_or_default();
                if let Some(a) = stack.last_mut() {
                    a.extend(b);
                }
            }
        }
    }
    let all: Set = stack.into_iter().flatten().collect();
    let mut out: Vec<Read> = Vec::new();
    for &(r, negated) in &all {
        if negated && !out.contains(&r) && !all.contains(&(r, false)) {
            out.push(r);
        }
    }
    out
}

/// Joins into the top of the stack every left operand whose jump lands at `pc`.
fn join_parked(stack: &mut [Set], parked: &mut Vec<(usize, Set)>, pc: usize) {
    let mut i = 0;
    while i < parked.len() {
        if parked[i].0 == pc {
            // The left operand goes first, so reads stay in the order they were written.
            let (_, mut set) = parked.swap_remove(i);
            if let Some(top) = stack.last_mut() {
                set.append(top);
                *top = set;
            }
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Read, negated_only};
    use crate::expr::{MapScope, Symbol, Type, compile};

    fn negated(src: &str) -> Vec<Read> {
        let scope = MapScope::new()
            .with("a", Symbol::Flag(0))
            .with("b", Symbol::Flag(1))
            .with("x", Symbol::Var(0))
            .with("war", Symbol::Event(0));
        negated_only(&compile(src, &scope, Type::Bool, false).expect("compiles"))
    }

    #[test]
    fn finds_names_read_only_under_not() {
        assert_eq!(negated("not war"), vec![Read::Event(0)]);
        assert_eq!(negated("a and not b"), vec![Read::Flag(1)]);
        assert_eq!(negated("not a or b"), vec![Read::Flag(0)]);
        assert_eq!(negated("not (a and b)"), vec![Read::Flag(0), Read::Flag(1)]);
        assert_eq!(negated("(a or b) and not (x > 3)"), vec![Read::Var(0)]);
        assert_eq!(negated("a and b and not war"), vec![Read::Event(0)]);
        assert_eq!(negated("not times(war) >= 2"), vec![Read::Event(0)]);
    }

    #[test]
    fn a_double_or_mixed_negation_is_plain() {
        assert_eq!(negated("not not a"), vec![]);
        assert_eq!(negated("a or not a"), vec![]);
        assert_eq!(negated("war and x > 3"), vec![]);
        assert_eq!(negated("not (a and not b)"), vec![Read::Flag(0)]);
    }
}
