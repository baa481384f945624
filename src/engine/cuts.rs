//! Where a variable's readers can change their minds.
//!
//! Most conditions read a variable as `variable <op> number` (`tension >= 7`). Such a condition
//! keeps its value while the variable moves without crossing the number, so a change that crosses
//! none of the numbers its readers compare it with re-evaluates nothing: in the baseline a count of
//! casualties moves every month, and past its thresholds it used to re-evaluate two events' whole
//! set of modifiers every month for the same answer. A variable read any other way (arithmetic,
//! compared with another variable) re-evaluates its readers at every change, as before.

use crate::expr::{Op, Program};

/// A comparison with a constant, `variable <op> c`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cut {
    op: Op,
    c: f64,
}

impl Cut {
    #[inline]
    fn holds(self, x: f64) -> bool {
        match self.op {
            Op::Lt => x < self.c,
            Op::Le => x <= self.c,
            Op::Gt => x > self.c,
            Op::Ge => x >= self.c,
            Op::Eq => x == self.c,
            _ => x != self.c,
        }
    }
}

/// Per variable: the comparisons its readers make, or `None` when some reader reads it otherwise.
#[derive(Clone, Debug, Default)]
pub struct Cuts {
    vars: Vec<Option<Vec<Cut>>>,
}

impl Cuts {
    /// The cuts of `n_vars` variables read by `programs` (every condition that is tracked).
    pub fn new<'p>(n_vars: usize, programs: impl IntoIterator<Item = &'p Program>) -> Cuts {
        let mut vars = vec![Some(Vec::new()); n_vars];
        for p in programs {
            let ops = &p.ops;
            for (j, op) in ops.iter().enumerate() {
                let Op::Var(v) = *op else { continue };
                let cut = match (ops.get(j + 1), ops.get(j + 2)) {
                    (
                        Some(&Op::Const(c)),
                        Some(&cmp @ (Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Eq | Op::Ne)),
                    ) => Some(Cut { op: cmp, c }),
                    _ => None,
                };
                // A program is a stack machine: `Var, Const, cmp` compares exactly those two.
                let slot = &mut vars[v as usize];
                match (cut, slot.as_mut()) {
                    (Some(cut), Some(cuts)) if !cuts.contains(&cut) => cuts.push(cut),
                    (Some(_), _) => {}
                    (None, _) => *slot = None,
                }
            }
        }
        Cuts { vars }
    }

    /// Whether a reader of variable `v` may see a different value after it moved from `old` to
    /// `new`.
    #[inline]
    pub fn crossed(&self, v: usize, old: f64, new: f64) -> bool {
        match &self.vars[v] {
            None => true,
            Some(cuts) => cuts.iter().any(|c| c.holds(old) != c.holds(new)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::Reads;

    fn prog(ops: Vec<Op>) -> Program {
        Program {
            source: String::new(),
            ops,
            max_stack: 3,
            reads: Reads::default(),
        }
    }

    #[test]
    fn thresholds_are_crossed_or_not() {
        let a = prog(vec![Op::Var(0), Op::Const(7.0), Op::Ge]);
        let b = prog(vec![
            Op::Var(0),
            Op::Const(9.0),
            Op::Lt,
            Op::JumpIfFalseElsePop(6),
            Op::Var(1),
            Op::Const(2.0),
            Op::Eq,
        ]);
        let cuts = Cuts::new(2, [&a, &b]);
        assert!(!cuts.crossed(0, 3.0, 6.5));
        assert!(cuts.crossed(0, 6.5, 7.0));
        assert!(!cuts.crossed(0, 7.0, 8.9));
        assert!(cuts.crossed(0, 8.9, 9.0));
        assert!(!cuts.crossed(0, 9.0, 100.0));
        assert!(cuts.crossed(1, 1.0, 2.0));
        assert!(!cuts.crossed(1, 1.0, 3.0));
    }

    #[test]
    fn other_reads_always_count() {
        // `x + 1 >= 7`, and `x` compared with another variable.
        let a = prog(vec![
            Op::Var(0),
            Op::Const(1.0),
            Op::Add,
            Op::Const(7.0),
            Op::Ge,
        ]);
        let b = prog(vec![Op::Var(1), Op::Var(2), Op::Lt]);
        let cuts = Cuts::new(3, [&a, &b]);
        for v in 0..3 {
            assert!(cuts.crossed(v, 1.0, 1.5), "variable {v}");
        }
    }
}
