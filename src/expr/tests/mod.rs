//! End-to-end tests of `compile`: evaluation, error messages, limits and abstract evaluation.

mod abstract_eval;
mod depth;
mod errors;
mod eval;
mod fast;
mod functions;
mod habits;
mod types;

use super::{EvalCtx, MapScope, Program, Symbol, Type, compile};

/// Flags a b c; variables x y tension; events offensive ceasefire; an outcome and an actor.
pub(super) fn scope() -> MapScope {
    MapScope::new()
        .with("a", Symbol::Flag(0))
        .with("b", Symbol::Flag(1))
        .with("c", Symbol::Flag(2))
        .with("x", Symbol::Var(0))
        .with("y", Symbol::Var(1))
        .with("tension", Symbol::Var(2))
        .with("k", Symbol::Param(0))
        .with("offensive", Symbol::Event(0))
        .with("ceasefire", Symbol::Event(1))
        .with("win", Symbol::Outcome(0))
        .with("russia", Symbol::Actor(0))
}

/// A concrete state to evaluate against.
#[derive(Clone, Debug)]
pub(super) struct State {
    pub flags: Vec<bool>,
    pub vars: Vec<f64>,
    pub params: Vec<f64>,
    pub times: Vec<u32>,
    pub last_fired: Vec<u32>,
    pub first_fired: Vec<u32>,
    pub step: u32,
    pub outcome: u32,
}

impl Default for State {
    fn default() -> State {
        State {
            flags: vec![false; 3],
            vars: vec![0.0; 3],
            params: vec![1.5],
            times: vec![0; 2],
            last_fired: vec![u32::MAX; 2],
            first_fired: vec![u32::MAX; 2],
            step: 0,
            outcome: u32::MAX,
        }
    }
}

impl State {
    pub fn ctx(&self) -> EvalCtx<'_> {
        EvalCtx {
            flags: &self.flags,
            vars: &self.vars,
            params: &self.params,
            times: &self.times,
            last_fired: &self.last_fired,
            first_fired: &self.first_fired,
            step: self.step,
            outcome: self.outcome,
        }
    }
}

pub(super) fn program(src: &str, want: Type) -> Program {
    match compile(src, &scope(), want, true) {
        Ok(p) => p,
        Err(e) => panic!("`{src}` should compile, got {e:?}"),
    }
}

pub(super) fn num(src: &str, state: &State) -> f64 {
    program(src, Type::Number).eval(&state.ctx(), &mut Vec::new())
}

pub(super) fn truth(src: &str, state: &State) -> bool {
    program(src, Type::Bool).eval_bool(&state.ctx(), &mut Vec::new())
}
