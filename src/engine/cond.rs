//! Conditions of the commonest shapes (`true`, `flag`, `not flag`, `event`, `not event`),
//! recognised once so that the hot loop tests them inline instead of running the program.

use crate::expr::{EvalCtx, Op, Program};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cond {
    Const(bool),
    /// Flag `i`, negated when the bool is true.
    Flag(u32, bool),
    /// Event `e` has fired, negated when the bool is true.
    Fired(u32, bool),
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
            _ => Cond::General,
        }
    }

    #[inline]
    pub fn holds(self, p: &Program, ctx: &EvalCtx, stack: &mut Vec<f64>) -> bool {
        match self {
            Cond::General => p.eval_bool(ctx, stack),
            fast => fast.holds_fast(ctx.flags, ctx.times),
        }
    }

    /// The value of a condition that is not [`Cond::General`] (which reads as false here),
    /// from the flags and firing counts alone.
    #[inline]
    pub fn holds_fast(self, flags: &[bool], times: &[u32]) -> bool {
        match self {
            Cond::Const(b) => b,
            Cond::Flag(i, neg) => flags[i as usize] != neg,
            Cond::Fired(e, neg) => (times[e as usize] > 0) != neg,
            Cond::General => false,
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
        let ctx = EvalCtx {
            flags: &flags,
            vars: &[],
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
        ] {
            let p = prog(ops);
            let c = Cond::of(&p);
            assert_eq!(
                c.holds(&p, &ctx, &mut stack),
                p.eval_bool(&ctx, &mut stack),
                "{p:?}"
            );
        }
        assert_eq!(Cond::of(&prog(vec![Op::Step])), Cond::General);
    }
}
