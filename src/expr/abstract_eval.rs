//! Evaluation over sets of states, for `check`'s warnings ("this event can never become eligible",
//! "this outcome can never hold"). Numbers are intervals plus a may-be-NaN bit, bools are the pair
//! (can be false, can be true). The answer over-approximates: it may say "maybe" when the truth is
//! "never", but never "never" when some state in the domain makes it happen.

use super::abs::{Abs, FULL, TOP};
use super::functions::FUNCTIONS;
use super::program::{Op, Program};

/// The states an expression may be evaluated in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Domain {
    /// Per flag: (can be false, can be true).
    pub flags: Vec<(bool, bool)>,
    /// Per variable: the closed interval its value stays in.
    pub vars: Vec<(f64, f64)>,
    /// Per parameter: the closed interval its value lies in (none: any number, or NaN).
    pub params: Vec<(f64, f64)>,
    pub events: Vec<EventDomain>,
    /// The closed interval of steps.
    pub step: (f64, f64),
    /// Per outcome: whether a trial can end in it (empty: any may).
    pub outcomes: Vec<bool>,
}

/// What is known about one event.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventDomain {
    pub can_fire: bool,
    /// Most times it can have fired; infinity if unbounded.
    pub max_times: f64,
    /// It has surely fired already (at least once).
    pub has_fired: bool,
}

fn neg(x: Abs) -> Abs {
    Abs {
        range: x.range.map(|(lo, hi)| (-hi, -lo)),
        nan: x.nan,
    }
}

fn arith(op: Op, x: Abs, y: Abs) -> Abs {
    let nan_in = x.nan || y.nan;
    let (Some((a, b)), Some((c, d))) = (x.range, y.range) else {
        // NaN combined with anything is NaN; no non-NaN values come out.
        return Abs {
            range: None,
            nan: nan_in,
        };
    };
    let f = |p: f64, q: f64| match op {
        Op::Add => p + q,
        Op::Sub => p - q,
        Op::Mul => p * q,
        _ => p / q,
    };
    // NaN can only come from inf - inf (at endpoints, seen in the corners), 0 * inf and 0 / 0 or
    // inf / inf; when it can, give up on the range too.
    let special_nan = match op {
        Op::Mul => (x.contains(0.0) && y.has_infinity()) || (y.contains(0.0) && x.has_infinity()),
        Op::Div => y.contains(0.0) || (x.has_infinity() && y.has_infinity()),
        _ => false,
    };
    if special_nan {
        return Abs {
            range: FULL,
            nan: true,
        };
    }
    let corners = [f(a, c), f(a, d), f(b, c), f(b, d)];
    if corners.iter().any(|v| v.is_nan()) {
        return Abs {
            range: FULL,
            nan: true,
        };
    }
    let lo = corners.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Abs {
        range: Some((lo, hi)),
        nan: nan_in,
    }
}

fn compare(op: Op, x: Abs, y: Abs) -> Abs {
    let (mut can_false, mut can_true) = (false, false);
    if x.nan || y.nan {
        if op == Op::Ne {
            can_true = true;
        } else {
            can_false = true;
        }
    }
    if let (Some((a, b)), Some((c, d))) = (x.range, y.range) {
        let overlap = a <= d && c <= b;
        let same_point = a == b && c == d && a == c;
        let (t, f) = match op {
            Op::Lt => (a < d, b >= c),
            Op::Le => (a <= d, b > c),
            Op::Gt => (b > c, a <= d),
            Op::Ge => (b >= c, a < d),
            Op::Eq => (overlap, !same_point),
            _ => (!same_point, overlap),
        };
        can_true |= t;
        can_false |= f;
    }
    Abs::boolean(can_false, can_true)
}

impl Program {
    /// Whether the program can be false and whether it can be true in some state of `dom`.
    /// Sound: if some state in `dom` makes it true, the second answer is `true` (same for false).
    pub fn may_be(&self, dom: &Domain) -> (bool, bool) {
        self.over(dom).map_or((true, true), Abs::truth)
    }

    /// The values a numeric program can take in some state of `dom`: a closed interval (`None`
    /// when only NaN can come out) and whether NaN can. Sound: every value some state gives is
    /// inside, so a range within bounds shows the program stays within them.
    pub fn number_range(&self, dom: &Domain) -> (Option<(f64, f64)>, bool) {
        self.over(dom).map_or((FULL, true), |a| (a.range, a.nan))
    }

    /// The program's result over `dom`; `None` when the evaluation gives up.
    fn over(&self, dom: &Domain) -> Option<Abs> {
        const UNSURE: Option<Abs> = None;
        let n = self.ops.len();
        // States arriving at each op by a jump, joined.
        let mut pending: Vec<Option<Vec<Abs>>> = vec![None; n + 1];
        let mut cur: Option<Vec<Abs>> = Some(Vec::with_capacity(self.max_stack));
        for pc in 0..=n {
            if let Some(arriving) = pending[pc].take() {
                cur = match cur {
                    None => Some(arriving),
                    Some(stack) => match join_stacks(stack, &arriving) {
                        Some(s) => Some(s),
                        None => return UNSURE,
                    },
                };
            }
            if pc == n {
                break;
            }
            let Some(stack) = cur.as_mut() else { continue };
            let op = self.ops[pc];
            let pushed = match op {
                Op::Const(c) => Abs::point(c),
                Op::Flag(i) => match dom.flags.get(i as usize) {
                    Some(&(f, t)) => Abs::boolean(f, t),
                    None => Abs::boolean(true, true),
                },
                Op::Var(i) => match dom.vars.get(i as usize) {
                    Some(&(lo, hi)) => Abs::interval(lo, hi),
                    None => TOP,
                },
                Op::Param(i) => match dom.params.get(i as usize) {
                    Some(&(lo, hi)) => Abs::interval(lo, hi),
                    None => TOP,
                },
                Op::Fired(e) => match dom.events.get(e as usize) {
                    Some(ev) => Abs::boolean(!ev.has_fired, ev.can_fire),
                    None => Abs::boolean(true, true),
                },
                Op::Times(e) => match dom.events.get(e as usize) {
                    Some(ev) if !ev.can_fire => Abs::point(0.0),
                    Some(ev) if ev.max_times >= 1.0 && ev.has_fired => {
                        Abs::interval(1.0, ev.max_times)
                    }
                    Some(ev) if ev.max_times >= 0.0 => Abs::interval(0.0, ev.max_times),
                    _ => Abs::interval(0.0, f64::INFINITY),
                },
                Op::Since(e) => match dom.events.get(e as usize) {
                    Some(ev) if !ev.can_fire => Abs::point(f64::INFINITY),
                    _ => Abs::interval(0.0, f64::INFINITY),
                },
                Op::First(e) => match dom.events.get(e as usize) {
                    Some(ev) if !ev.can_fire => Abs::point(f64::INFINITY),
                    Some(ev) if ev.has_fired => Abs::interval(0.0, dom.step.1.max(0.0)),
                    _ => Abs::interval(0.0, f64::INFINITY),
                },
                Op::Step => Abs::interval(dom.step.0, dom.step.1),
                Op::Outcome(o) => Abs::boolean(true, dom.outcomes.get(o as usize) != Some(&false)),
                Op::Call(f, argc) => {
                    let f = &FUNCTIONS[f as usize];
                    let Some(at) = stack.len().checked_sub(argc as usize) else {
                        return UNSURE;
                    };
                    let v = (f.over_sets)(&stack[at..]);
                    stack.truncate(at);
                    v
                }
                Op::Not | Op::Neg => {
                    let Some(top) = stack.last_mut() else {
                        return UNSURE;
                    };
                    *top = if op == Op::Not {
                        let (f, t) = top.truth();
                        Abs::boolean(t, f)
                    } else {
                        neg(*top)
                    };
                    continue;
                }
                Op::JumpIfFalseElsePop(to) | Op::JumpIfTrueElsePop(to) => {
                    let to = to as usize;
                    let Some(&top) = stack.last() else {
                        return UNSURE;
                    };
                    if to <= pc || to > n {
                        return UNSURE;
                    }
                    let (can_false, can_true) = top.truth();
                    let jumps_on_false = matches!(op, Op::JumpIfFalseElsePop(_));
                    let (jump, fall) = if jumps_on_false {
                        (can_false, can_true)
                    } else {
                        (can_true, can_false)
                    };
                    if jump {
                        let mut taken = stack.clone();
                        *taken.last_mut().expect("checked above") = if jumps_on_false {
                            top.falsy()
                        } else {
                            top.truthy()
                        };
                        pending[to] = match pending[to].take() {
                            None => Some(taken),
                            Some(other) => match join_stacks(other, &taken) {
                                Some(s) => Some(s),
                                None => return UNSURE,
                            },
                        };
                    }
                    if fall {
                        stack.pop();
                    } else {
                        cur = None;
                    }
                    continue;
                }
                binary => {
                    let (Some(y), Some(x)) = (stack.pop(), stack.pop()) else {
                        return UNSURE;
                    };
                    match binary {
                        Op::Add | Op::Sub | Op::Mul | Op::Div => arith(binary, x, y),
                        _ => compare(binary, x, y),
                    }
                }
            };
            stack.push(pushed);
        }
        match cur.as_deref() {
            Some([result]) => Some(*result),
            _ => UNSURE,
        }
    }
}

fn join_stacks(mut a: Vec<Abs>, b: &[Abs]) -> Option<Vec<Abs>> {
    if a.len() != b.len() {
        return None;
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x = x.join(*y);
    }
    Some(a)
}
