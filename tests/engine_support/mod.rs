//! Hand-built models for engine tests: a tiny expression tree compiled to `Program`s, and a
//! model builder with sensible defaults (one actor, a catch-all outcome added last).
#![allow(dead_code)]

use brink::expr::{Op, Program, Reads};
use brink::model::{
    Actor, Branch, Dist, Effects, Event, Flag, Model, Modifier, Outcome, Variable, stream_key,
};

/// An expression; compile with [`X::program`].
#[derive(Clone, Debug)]
pub enum X {
    Num(f64),
    Bool(bool),
    Flag(u32),
    Var(u32),
    Fired(u32),
    Times(u32),
    Since(u32),
    Step,
    Outcome(u32),
    Not(Box<X>),
    And(Box<X>, Box<X>),
    Or(Box<X>, Box<X>),
    Bin(Op, Box<X>, Box<X>),
}

pub fn num(x: f64) -> X {
    X::Num(x)
}
pub fn flag(i: u32) -> X {
    X::Flag(i)
}
pub fn var(i: u32) -> X {
    X::Var(i)
}
pub fn fired(e: u32) -> X {
    X::Fired(e)
}
pub fn times(e: u32) -> X {
    X::Times(e)
}
pub fn since(e: u32) -> X {
    X::Since(e)
}
pub fn step() -> X {
    X::Step
}
pub fn outcome(o: u32) -> X {
    X::Outcome(o)
}
pub fn not(a: X) -> X {
    X::Not(Box::new(a))
}
pub fn and(a: X, b: X) -> X {
    X::And(Box::new(a), Box::new(b))
}
pub fn or(a: X, b: X) -> X {
    X::Or(Box::new(a), Box::new(b))
}
pub fn bin(op: Op, a: X, b: X) -> X {
    X::Bin(op, Box::new(a), Box::new(b))
}
pub fn ge(a: X, b: X) -> X {
    bin(Op::Ge, a, b)
}
pub fn le(a: X, b: X) -> X {
    bin(Op::Le, a, b)
}
pub fn eq(a: X, b: X) -> X {
    bin(Op::Eq, a, b)
}
pub fn lt(a: X, b: X) -> X {
    bin(Op::Lt, a, b)
}

fn push<T: PartialEq + Copy>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

impl X {
    fn emit(&self, ops: &mut Vec<Op>, reads: &mut Reads, depth: usize, max: &mut usize) {
        *max = (*max).max(depth + 1);
        match self {
            X::Num(x) => ops.push(Op::Const(*x)),
            X::Bool(b) => ops.push(Op::Const(if *b { 1.0 } else { 0.0 })),
            X::Flag(i) => {
                push(&mut reads.flags, *i);
                ops.push(Op::Flag(*i))
            }
            X::Var(i) => {
                push(&mut reads.vars, *i);
                ops.push(Op::Var(*i))
            }
            X::Fired(e) => {
                push(&mut reads.events, *e);
                ops.push(Op::Fired(*e))
            }
            X::Times(e) => {
                push(&mut reads.events, *e);
                ops.push(Op::Times(*e))
            }
            X::Since(e) => {
                push(&mut reads.since, *e);
                reads.step = true;
                ops.push(Op::Since(*e))
            }
            X::Step => {
                reads.step = true;
                ops.push(Op::Step)
            }
            X::Outcome(o) => {
                push(&mut reads.outcomes, *o);
                ops.push(Op::Outcome(*o))
            }
            X::Not(a) => {
                a.emit(ops, reads, depth, max);
                ops.push(Op::Not)
            }
            X::And(a, b) | X::Or(a, b) => {
                a.emit(ops, reads, depth, max);
                let jump = ops.len();
                ops.push(Op::Const(0.0)); // patched below
                b.emit(ops, reads, depth, max);
                let to = ops.len() as u32;
                ops[jump] = if matches!(self, X::And(..)) {
                    Op::JumpIfFalseElsePop(to)
                } else {
                    Op::JumpIfTrueElsePop(to)
                };
            }
            X::Bin(op, a, b) => {
                a.emit(ops, reads, depth, max);
                b.emit(ops, reads, depth + 1, max);
                ops.push(*op)
            }
        }
    }

    pub fn program(&self) -> Program {
        let mut ops = Vec::new();
        let mut reads = Reads::default();
        let mut max = 0;
        self.emit(&mut ops, &mut reads, 0, &mut max);
        Program {
            source: format!("{self:?}"),
            ops,
            max_stack: max,
            reads,
        }
    }
}

/// Builds a model step by step; indices are returned in declaration order.
pub struct Builder {
    pub m: Model,
    catch_all: &'static str,
}

impl Builder {
    pub fn new(horizon: u32) -> Builder {
        Builder {
            m: Model {
                name: "test".into(),
                description: None,
                source: None,
                time_unit: "month".into(),
                start: None,
                calendar: None,
                horizon,
                trials: 10_000,
                seed: 0,
                actors: vec![Actor {
                    id: "someone".into(),
                    name: "Someone".into(),
                    side: None,
                    description: None,
                }],
                flags: vec![],
                variables: vec![],
                events: vec![],
                outcomes: vec![],
                expects: vec![],
                files: vec!["test.toml".into()],
                digest: "0".repeat(64),
                overrides: vec![],
            },
            catch_all: "other",
        }
    }

    pub fn actor(&mut self, id: &str) -> usize {
        self.m.actors.push(Actor {
            id: id.into(),
            name: id.into(),
            side: None,
            description: None,
        });
        self.m.actors.len() - 1
    }

    pub fn flag(&mut self, id: &str, initial: bool) -> u32 {
        self.m.flags.push(Flag {
            id: id.into(),
            initial,
        });
        self.m.flags.len() as u32 - 1
    }

    pub fn var(&mut self, id: &str, initial: f64, min: f64, max: f64) -> u32 {
        self.m.variables.push(Variable {
            id: id.into(),
            initial,
            min,
            max,
            unit: None,
        });
        self.m.variables.len() as u32 - 1
    }

    /// An event with probability `p`, always eligible, once only, no effects.
    pub fn event(&mut self, id: &str, p: Dist) -> &mut Event {
        self.m.events.push(Event {
            id: id.into(),
            actor: 0,
            label: id.into(),
            when: Program::constant(true),
            probability: p,
            over: 1,
            repeat: false,
            modifiers: vec![],
            effects: Effects::default(),
            branches: vec![],
            source: None,
            rationale: None,
            tags: vec![],
            stream_key: stream_key(id),
        });
        self.m.events.last_mut().unwrap()
    }

    pub fn outcome(&mut self, id: &str, when: X, terminal: bool) -> u32 {
        self.m.outcomes.push(Outcome {
            id: id.into(),
            label: id.into(),
            description: None,
            when: Some(when.program()),
            terminal,
            severity: None,
        });
        self.m.outcomes.len() as u32 - 1
    }

    pub fn build(mut self) -> Model {
        self.m.outcomes.push(Outcome {
            id: self.catch_all.into(),
            label: self.catch_all.into(),
            description: None,
            when: None,
            terminal: false,
            severity: None,
        });
        self.m
    }
}

pub fn p(x: f64) -> Dist {
    Dist::Const(x)
}

pub fn modifier(when: X, factor: f64) -> Modifier {
    Modifier {
        when: when.program(),
        factor,
    }
}

pub fn branch(weight: f64, label: &str, effects: Effects) -> Branch {
    Branch {
        weight,
        label: label.into(),
        effects,
    }
}

pub fn sets(flags: &[u32]) -> Effects {
    Effects {
        set: flags.iter().map(|&f| f as usize).collect(),
        ..Effects::default()
    }
}

/// True when `x` lies within 5 standard errors of a binomial proportion `p` over `n` trials.
pub fn within_5se(count: u64, n: u64, p: f64) -> bool {
    let est = count as f64 / n as f64;
    let se = (p * (1.0 - p) / n as f64).sqrt().max(1e-12);
    (est - p).abs() <= 5.0 * se
}

#[track_caller]
pub fn assert_prob(count: u64, n: u64, p: f64, what: &str) {
    let est = count as f64 / n as f64;
    assert!(
        within_5se(count, n, p),
        "{what}: {est} ({count}/{n}) is more than 5 standard errors from {p}"
    );
}
