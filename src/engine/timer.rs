//! When a condition that reads time (`step`, `since(e)`) can next change its value.
//!
//! Without this, a trial with such a condition walks step by step and re-evaluates it at every
//! step. Most time conditions compare `step` or `since(e)` with a number (`step >= 2`,
//! `since(breakthrough) <= 6`): such a comparison, the other inputs fixed, changes its value at
//! one or two known steps, so the condition only needs a look at those steps (or when one of its
//! other inputs changes, which the dependency lists already report). A condition that uses time
//! in any other way (`step * 2 > x`) is looked at every step, as before.

use crate::expr::{Op, Program};

use super::hazard::NEVER;

/// `step <cmp> k` (`event` is `None`) or `since(event) <cmp> k`, in either operand order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Atom {
    event: Option<u32>,
    k: f64,
}

/// How a condition (or a set of conditions) depends on time.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum TimeUse {
    /// Only through comparisons of time with numbers.
    Atoms(Vec<Atom>),
    /// In some other way: look every step.
    EveryStep,
}

fn is_comparison(op: Op) -> bool {
    matches!(op, Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Eq | Op::Ne)
}

/// The time comparisons of `programs` (empty if none reads time), or `EveryStep`.
pub(super) fn time_use<'p>(programs: impl IntoIterator<Item = &'p Program>) -> TimeUse {
    let mut atoms = Vec::new();
    for p in programs {
        let ops = &p.ops;
        let jump_targets: Vec<usize> = ops
            .iter()
            .filter_map(|op| match op {
                Op::JumpIfFalseElsePop(to) | Op::JumpIfTrueElsePop(to) => Some(*to as usize),
                _ => None,
            })
            .collect();
        for (i, op) in ops.iter().enumerate() {
            let event = match op {
                Op::Step => None,
                Op::Since(e) => Some(*e),
                _ => continue,
            };
            let after = (ops.get(i + 1), ops.get(i + 2));
            let around = (i.checked_sub(1).map(|j| ops[j]), ops.get(i + 1));
            let k = match (after, around) {
                ((Some(Op::Const(k)), Some(&cmp)), _) if is_comparison(cmp) => *k,
                // `k <cmp> step`: unless a jump lands on `step`, `k` is what it is compared with.
                (_, (Some(Op::Const(k)), Some(&cmp)))
                    if is_comparison(cmp) && !jump_targets.contains(&i) =>
                {
                    k
                }
                _ => return TimeUse::EveryStep,
            };
            atoms.push(Atom { event, k });
        }
    }
    TimeUse::Atoms(atoms)
}

/// The first step after `t` at which a condition with these time comparisons may change value,
/// given when each event last fired (`NEVER` if it has not: `since` is then infinite until it
/// fires, and the firing itself triggers a new look). `NEVER` if no such step.
pub(super) fn next_change(atoms: &[Atom], t: u32, last_fired: &[u32]) -> u32 {
    let mut next = NEVER;
    for a in atoms {
        let base = match a.event {
            None => 0,
            Some(e) => match last_fired[e as usize] {
                NEVER => continue,
                last => last,
            },
        };
        // `x <cmp> k` over whole x changes value only where x crosses floor(k) or floor(k) + 1.
        let floor = a.k.floor();
        for x in [floor, floor + 1.0] {
            let step = f64::from(base) + x;
            if step > f64::from(t) && step < f64::from(next) {
                next = step as u32;
            }
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{EvalCtx, MapScope, Symbol, Type, compile};

    fn program(src: &str) -> Program {
        let scope = MapScope::new()
            .with("a", Symbol::Flag(0))
            .with("x", Symbol::Var(0))
            .with("e", Symbol::Event(0));
        compile(src, &scope, Type::Bool, true).expect("compiles")
    }

    /// The steps in 0..=60 at which `src` differs from the step before, evaluated directly.
    fn changes(src: &str, last: u32) -> Vec<u32> {
        let p = program(src);
        let (flags, vars, times, last_fired) = ([true], [3.0], [1], [last]);
        let at = |step| {
            let ctx = EvalCtx {
                flags: &flags,
                vars: &vars,
                times: &times,
                params: &[],
                last_fired: &last_fired,
                first_fired: &last_fired,
                step,
                outcome: u32::MAX,
            };
            p.eval_bool(&ctx, &mut Vec::new())
        };
        (1..=60).filter(|&s| at(s) != at(s - 1)).collect()
    }

    #[test]
    fn the_next_change_is_never_later_than_the_real_one() {
        let sources = [
            "step >= 2",
            "step > 2.5",
            "step < 7",
            "step == 12",
            "step != 12",
            "12 <= step",
            "a and since(e) <= 6",
            "since(e) > 3 or step >= 40",
            "not (since(e) < 0.5)",
            "x >= 2 and 30 > step",
        ];
        for src in sources {
            let TimeUse::Atoms(atoms) = time_use([&program(src)]) else {
                panic!("`{src}` compares time with numbers")
            };
            for last in [0, 5, 20] {
                let real = changes(src, last);
                for t in 0..60 {
                    let next = next_change(&atoms, t, &[last]);
                    let want = real.iter().copied().find(|&s| s > t).unwrap_or(NEVER);
                    assert!(next <= want, "`{src}`, last {last}, t {t}: {next} > {want}");
                }
            }
        }
    }

    #[test]
    fn other_uses_of_time_are_looked_at_every_step() {
        for src in ["step * 2 > x", "x < step", "since(e) + 1 > 3", "-step < -3"] {
            assert_eq!(time_use([&program(src)]), TimeUse::EveryStep, "`{src}`");
        }
        assert_eq!(time_use([&program("a")]), TimeUse::Atoms(vec![]));
    }

    #[test]
    fn an_event_that_never_fired_gives_no_change_until_it_fires() {
        let TimeUse::Atoms(atoms) = time_use([&program("since(e) <= 6")]) else {
            panic!("atoms")
        };
        assert_eq!(next_change(&atoms, 3, &[NEVER]), NEVER);
        assert_eq!(next_change(&atoms, 3, &[2]), 8);
        assert_eq!(next_change(&atoms, 8, &[2]), 9);
        assert_eq!(next_change(&atoms, 9, &[2]), NEVER);
    }
}
