//! "Shadowed by implication": does one condition hold whenever another does? Decided exactly by
//! trying every case when both conditions are built from flags, event names, and comparisons of
//! a variable or parameter with numbers (up to [`MAX_CASES`] cases): each flag and event is true
//! or false, and each variable or parameter takes one value per stretch between the numbers it
//! is compared with (and each number itself), which covers every way the comparisons can come
//! out. Anything else (arithmetic, `times`, `step`, functions) is not decided: no warning.

use crate::expr::{EvalCtx, Op, Program};
use crate::model::Model;

/// About 20 true-or-false atoms.
const MAX_CASES: usize = 1 << 20;

/// A numeric name: a variable or a parameter.
#[derive(Clone, Copy, PartialEq)]
enum Num {
    Var(u32),
    Param(u32),
}

/// True when `later` can hold and `earlier` holds in every case where it does.
pub(super) fn implies(m: &Model, later: &Program, earlier: &Program) -> bool {
    let (Some(a), Some(b)) = (atoms(later), atoms(earlier)) else {
        return false;
    };
    let mut unique: Vec<Op> = Vec::new();
    for x in a.bools.into_iter().chain(b.bools) {
        if !unique.contains(&x) {
            unique.push(x);
        }
    }
    let consts: Vec<f64> = {
        let mut c: Vec<f64> = a.consts.into_iter().chain(b.consts).collect();
        c.sort_by(f64::total_cmp);
        c.dedup();
        c
    };
    let mut nums: Vec<Num> = Vec::new();
    for n in a.nums.into_iter().chain(b.nums) {
        if !nums.contains(&n) {
            nums.push(n);
        }
    }
    // One value per stretch between the numbers, and each number itself.
    let mut values = vec![consts.first().map_or(0.0, |c| c - 1.0)];
    for (i, &c) in consts.iter().enumerate() {
        values.push(c);
        values.push(consts.get(i + 1).map_or(c + 1.0, |next| (c + next) / 2.0));
    }
    let mut cases = 1usize;
    for _ in &unique {
        cases = cases.saturating_mul(2);
    }
    for _ in &nums {
        cases = cases.saturating_mul(values.len());
    }
    if cases > MAX_CASES {
        return false;
    }
    let mut flags = vec![false; m.flags.len()];
    let mut vars = vec![0.0; m.variables.len()];
    let mut params = vec![0.0; m.params.len()];
    let mut times = vec![0u32; m.events.len()];
    let never = vec![u32::MAX; m.events.len()];
    let mut stack = Vec::new();
    let mut satisfiable = false;
    for case in 0..cases {
        let mut k = case;
        for x in &unique {
            let on = k % 2 == 1;
            k /= 2;
            match *x {
                Op::Flag(i) => flags[i as usize] = on,
                Op::Fired(e) => times[e as usize] = u32::from(on),
                _ => unreachable!("only flags and events are true-or-false atoms"),
            }
        }
        for n in &nums {
            let v = values[k % values.len()];
            k /= values.len();
            match *n {
                Num::Var(i) => vars[i as usize] = v,
                Num::Param(i) => params[i as usize] = v,
            }
        }
        let ctx = EvalCtx {
            flags: &flags,
            vars: &vars,
            params: &params,
            times: &times,
            last_fired: &never,
            first_fired: &never,
            step: 0,
            outcome: u32::MAX,
        };
        if later.eval_bool(&ctx, &mut stack) {
            satisfiable = true;
            if !earlier.eval_bool(&ctx, &mut stack) {
                return false;
            }
        }
    }
    satisfiable
}

/// What a decidable condition is built from.
struct Atoms {
    bools: Vec<Op>,
    nums: Vec<Num>,
    consts: Vec<f64>,
}

/// The atoms of `p`, or `None` when it is not built only from flags, events, and comparisons
/// of a variable or parameter with a number.
fn atoms(p: &Program) -> Option<Atoms> {
    let ops = &p.ops;
    let cmp = |i: usize| {
        matches!(
            ops.get(i),
            Some(Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge)
        )
    };
    let is_const = |i: usize| matches!(ops.get(i), Some(Op::Const(_)));
    let mut out = Atoms {
        bools: Vec::new(),
        nums: Vec::new(),
        consts: Vec::new(),
    };
    for (i, op) in ops.iter().enumerate() {
        match *op {
            Op::Flag(_) | Op::Fired(_) => out.bools.push(*op),
            Op::Var(_) | Op::Param(_) => {
                // `x < 5` or `5 < x`, nothing else.
                let compared =
                    (is_const(i + 1) && cmp(i + 2)) || (i > 0 && is_const(i - 1) && cmp(i + 1));
                if !compared {
                    return None;
                }
                out.nums.push(match *op {
                    Op::Var(v) => Num::Var(v),
                    Op::Param(v) => Num::Param(v),
                    _ => unreachable!(),
                });
            }
            Op::Const(c) => {
                if !c.is_finite() {
                    return None;
                }
                out.consts.push(c);
            }
            Op::Not
            | Op::Eq
            | Op::Ne
            | Op::Lt
            | Op::Le
            | Op::Gt
            | Op::Ge
            | Op::JumpIfFalseElsePop(_)
            | Op::JumpIfTrueElsePop(_) => {}
            _ => return None,
        }
    }
    Some(out)
}
