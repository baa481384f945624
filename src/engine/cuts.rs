//! Where a variable's readers can change their minds.
//!
//! Most conditions read a variable as `variable <op> number` (`tension >= 7`). Such a condition
//! keeps its value while the variable moves without crossing the number, so a change that crosses
//! none of the numbers its readers compare it with re-evaluates nothing: in the baseline a count of
//! casualties moves every month, and past its thresholds it used to re-evaluate two events' whole
//! set of modifiers every month for the same answer. The comparisons are kept per reader, so a
//! crossing re-evaluates only the readers that compare with the number crossed. A reader that
//! reads a variable any other way (arithmetic, compared with another variable) is re-evaluated at
//! every change of it, as before.

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

/// One reader of a variable: its id in the dependency lists, and its comparisons with the
/// variable, or `None` when it reads the variable some other way.
#[derive(Clone, Debug)]
struct Reader {
    id: u32,
    cuts: Option<Box<[Cut]>>,
}

/// Per variable and per reader: the comparisons that reader makes with the variable. A change
/// re-evaluates only the readers whose own comparisons it crosses: `tension` crossing 7 leaves a
/// reader of `tension >= 8` alone.
///
/// Each list is a slice of its own rather than a range of a flat buffer: walking it then needs
/// no bounds checks, and a firing that moves a variable walks two of them.
#[derive(Clone, Debug, Default)]
pub struct Cuts {
    /// Per variable, its readers.
    readers: Vec<Box<[Reader]>>,
    /// Per variable, the numbers every reader compares it with, distinct and sorted; `None` if
    /// one reads it otherwise (see [`Cuts::bracket`]).
    any: Vec<Option<Box<[f64]>>>,
}

/// The comparisons of `programs` with variable `v`, or `None` when one reads it otherwise (or
/// none reads it at all: the reader was listed for a reason this module does not see).
fn cuts_of<'p>(v: u32, programs: impl IntoIterator<Item = &'p Program>) -> Option<Vec<Cut>> {
    let mut cuts = Vec::new();
    let mut seen = false;
    for p in programs {
        let ops = &p.ops;
        for (j, op) in ops.iter().enumerate() {
            if *op != Op::Var(v) {
                continue;
            }
            seen = true;
            // A program is a stack machine: `Var, Const, cmp` compares exactly those two.
            match (ops.get(j + 1), ops.get(j + 2)) {
                (
                    Some(&Op::Const(c)),
                    Some(&cmp @ (Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Eq | Op::Ne)),
                ) => {
                    let cut = Cut { op: cmp, c };
                    if !cuts.contains(&cut) {
                        cuts.push(cut);
                    }
                }
                _ => return None,
            }
        }
    }
    seen.then_some(cuts)
}

impl Cuts {
    /// The cuts of `n_vars` variables, whose readers are `readers` (per variable, in the order
    /// the dependency lists hold them); `programs(id)` gives every condition of reader `id`.
    pub fn new<'p>(
        n_vars: usize,
        readers: impl Fn(usize) -> &'p [u32],
        programs: impl Fn(u32) -> Vec<&'p Program>,
    ) -> Cuts {
        let mut out = Cuts::default();
        for v in 0..n_vars {
            let mut any: Option<Vec<f64>> = Some(Vec::new());
            let mut list = Vec::new();
            for &id in readers(v) {
                let cuts = cuts_of(v as u32, programs(id));
                match (&cuts, &mut any) {
                    (Some(cuts), Some(any)) => any.extend(cuts.iter().map(|c| c.c)),
                    (None, _) => any = None,
                    (Some(_), None) => {}
                }
                let cuts = cuts.map(Vec::into_boxed_slice);
                list.push(Reader { id, cuts });
            }
            out.readers.push(list.into_boxed_slice());
            out.any.push(any.map(|mut points| {
                points.sort_by(f64::total_cmp);
                points.dedup_by(|a, b| a == b);
                points.into_boxed_slice()
            }));
        }
        out
    }

    /// The values around `x` that every reader of variable `v` compares as it compares `x`,
    /// as an open interval `(lo, hi)`: a move of `v` from `x` to a value inside it changes no
    /// condition (empty, `(x, x)` or NaN, when `x` is one of the numbers or a reader reads `v`
    /// some other way). A trial keeps the interval of each variable's value, so that most
    /// changes cost two comparisons.
    pub fn bracket(&self, v: usize, x: f64) -> (f64, f64) {
        let Some(points) = &self.any[v] else {
            return (f64::NAN, f64::NAN);
        };
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for &c in points {
            if c < x {
                lo = lo.max(c);
            } else if c > x {
                hi = hi.min(c);
            } else {
                return (x, x);
            }
        }
        if x.is_nan() { (x, x) } else { (lo, hi) }
    }

    /// The readers of variable `v` that may see a different value after it moved from `old` to
    /// `new`, in the order of the dependency lists (the rare case: see [`Cuts::bracket`]). An
    /// iterator rather than a callback: a callback would borrow the trial, whose address must
    /// not reach a function that is not inlined (see `slices.rs`).
    #[inline]
    pub fn crossed(&self, v: usize, old: f64, new: f64) -> impl Iterator<Item = u32> + '_ {
        self.readers[v]
            .iter()
            .filter(move |r| {
                r.cuts
                    .as_ref()
                    .is_none_or(|cuts| cuts.iter().any(|c| c.holds(old) != c.holds(new)))
            })
            .map(|r| r.id)
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

    /// The readers of every variable that `crossed` marks, for reader programs `progs` (reader
    /// `i` is `progs[i]`, and reads every variable).
    fn marked(progs: &[&Program], n_vars: usize, v: usize, old: f64, new: f64) -> Vec<u32> {
        let ids: Vec<u32> = (0..progs.len() as u32).collect();
        let cuts = Cuts::new(n_vars, |_| &ids, |id| vec![progs[id as usize]]);
        let mut out = Vec::new();
        // As a trial does it: only a move out of the old value's bracket looks at the readers.
        let (lo, hi) = cuts.bracket(v, old);
        if !(new > lo && new < hi) {
            out.extend(cuts.crossed(v, old, new));
        }
        out
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
        let both = [&a, &b];
        let none: Vec<u32> = Vec::new();
        assert_eq!(marked(&both, 2, 0, 3.0, 6.5), none);
        assert_eq!(marked(&both, 2, 0, 6.5, 7.0), [0]);
        assert_eq!(marked(&both, 2, 0, 7.0, 8.9), none);
        assert_eq!(marked(&both, 2, 0, 8.9, 9.0), [1]);
        assert_eq!(marked(&both, 2, 0, 6.0, 9.5), [0, 1]);
        assert_eq!(marked(&both, 2, 0, 9.0, 100.0), none);
        // `a` does not read variable 1: it is marked (conservatively), `b` only on a crossing.
        assert_eq!(marked(&both, 2, 1, 1.0, 2.0), [0, 1]);
        assert_eq!(marked(&both, 2, 1, 1.0, 3.0), [0]);
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
        assert_eq!(marked(&[&a], 1, 0, 1.0, 1.5), [0]);
        for v in 1..3 {
            assert_eq!(marked(&[&b], 3, v, 1.0, 1.5), [0], "variable {v}");
        }
    }

    /// Every comparison at every pair of values around its number (equal, just below, just
    /// above, NaN): a reader is marked exactly when one of its comparisons changes value.
    #[test]
    fn marks_exactly_the_readers_whose_comparisons_change() {
        let ops = [Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Eq, Op::Ne];
        let progs: Vec<Program> = (ops.iter().enumerate())
            .map(|(i, &op)| prog(vec![Op::Var(0), Op::Const(2.0 + (i % 2) as f64), op]))
            .collect();
        let refs: Vec<&Program> = progs.iter().collect();
        let values = [-0.0, 0.0, 1.5, 2.0, 2.5, 3.0, 3.5, f64::NAN, f64::INFINITY];
        for &old in &values {
            for &new in &values {
                let want: Vec<u32> = (0..ops.len() as u32)
                    .filter(|&i| {
                        let c = Cut {
                            op: ops[i as usize],
                            c: 2.0 + (i % 2) as f64,
                        };
                        c.holds(old) != c.holds(new)
                    })
                    .collect();
                assert_eq!(marked(&refs, 1, 0, old, new), want, "{old} -> {new}");
            }
        }
    }
}
