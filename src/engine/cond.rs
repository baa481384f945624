//! Conditions of the commonest shapes (`true`, `flag`, `not flag`, `event`, `not event`,
//! `variable <op> number`), recognised once so that the hot loop tests them inline instead of
//! calling into the program's interpreter.

use crate::expr::{EvalCtx, Fast, Op, Program};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cond {
    Const(bool),
    /// Flag `i`, negated when the bool is true.
    Flag(u32, bool),
    /// Event `e` has fired, negated when the bool is true.
    Fired(u32, bool),
    /// Variable `v` compared with a number: the shape of most thresholds and modifiers.
    Var(u32, Cmp, f64),
    /// Anything else: run the program.
    General,
}

impl Cond {
    pub fn of(p: &Program) -> Cond {
        match p.ops.as_slice() {
            [Op::Const(c)] => Cond::Const(*c != 0.0),
            [Op::Flag(i)] => Cond::Flag(*i, false),
            [Op::Flag(i), Op::Not] => Cond::Flag(*i, true),
            [Op::Fired(e)] => Cond::Fired(*e, false),
            [Op::Fired(e), Op::Not] => Cond::Fired(*e, true),
            [Op::Var(v), Op::Const(c), op] => match Cmp::of(*op) {
                Some(cmp) => Cond::Var(*v, cmp, *c),
                None => Cond::General,
            },
            _ => Cond::General,
        }
    }

    /// The value of the condition whose fast form is `p`.
    #[inline]
    pub fn holds(self, p: &Fast, ctx: &EvalCtx, stack: &mut Vec<f64>) -> bool {
        match self {
            Cond::General => p.eval(ctx, stack) != 0.0,
            fast => fast.holds_fast(ctx.flags, ctx.vars, ctx.times),
        }
    }

    /// The value of a condition that is not [`Cond::General`] (which reads as false here),
    /// from the flags, variables and firing counts alone.
    #[inline]
    pub fn holds_fast(self, flags: &[bool], vars: &[f64], times: &[u32]) -> bool {
        match self {
            Cond::Const(b) => b,
            Cond::Flag(i, neg) => flags[i as usize] != neg,
            Cond::Fired(e, neg) => (times[e as usize] > 0) != neg,
            Cond::Var(v, cmp, c) => cmp.holds(vars[v as usize], c),
            Cond::General => false,
        }
    }
}

/// A comparison, as the program's comparison operators compute it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Cmp {
    fn of(op: Op) -> Option<Cmp> {
        Some(match op {
            Op::Lt => Cmp::Lt,
            Op::Le => Cmp::Le,
            Op::Gt => Cmp::Gt,
            Op::Ge => Cmp::Ge,
            Op::Eq => Cmp::Eq,
            Op::Ne => Cmp::Ne,
            _ => return None,
        })
    }

    #[inline]
    fn holds(self, l: f64, r: f64) -> bool {
        match self {
            Cmp::Lt => l < r,
            Cmp::Le => l <= r,
            Cmp::Gt => l > r,
            Cmp::Ge => l >= r,
            Cmp::Eq => l == r,
            Cmp::Ne => l != r,
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
            max_stack: 2,
            reads: Reads::default(),
        }
    }

    #[test]
    fn shapes_agree_with_the_program() {
        let flags = [true, false];
        let times = [0, 3];
        let last = [u32::MAX, 1];
        let vars = [2.5];
        let ctx = EvalCtx {
            flags: &flags,
            vars: &vars,
            params: &[],
            times: &times,
            last_fired: &last,
            first_fired: &last,
            step: 2,
            outcome: u32::MAX,
        };
        let mut stack = Vec::new();
        for ops in [
            vec![Op::Const(1.0)],
            vec![Op::Const(0.0)],
            vec![Op::Flag(0)],
            vec![Op::Flag(1), Op::Not],
            vec![Op::Fired(0)],
            vec![Op::Fired(1)],
            vec![Op::Fired(1), Op::Not],
            vec![Op::Step, Op::Const(1.0), Op::Gt],
            vec![Op::Var(0), Op::Const(2.5), Op::Lt],
            vec![Op::Var(0), Op::Const(2.5), Op::Le],
            vec![Op::Var(0), Op::Const(2.0), Op::Gt],
            vec![Op::Var(0), Op::Const(3.0), Op::Ge],
            vec![Op::Var(0), Op::Const(2.5), Op::Eq],
            vec![Op::Var(0), Op::Const(2.5), Op::Ne],
            vec![Op::Var(0), Op::Const(2.5), Op::Add],
        ] {
            let p = prog(ops);
            let c = Cond::of(&p);
            assert_eq!(
                c.holds(&Fast::new(&p), &ctx, &mut stack),
                p.eval_bool(&ctx, &mut stack),
                "{p:?}"
            );
        }
        assert_eq!(Cond::of(&prog(vec![Op::Step])), Cond::General);
        let ge = prog(vec![Op::Var(0), Op::Const(3.0), Op::Ge]);
        assert_eq!(Cond::of(&ge), Cond::Var(0, Cmp::Ge, 3.0));
    }
}
