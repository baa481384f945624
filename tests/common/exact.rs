//! Hand-built models for the exact solver's tests: a tiny builder and expression helpers that
//! write `Program`s as op lists, so these tests do not depend on the loader.
#![allow(dead_code)]

use brink::expr::{Op, Program, Reads};
use brink::model::{
    Actor, Branch, Dist, Effects, Event, Flag, Model, Modifier, Outcome, Variable, stream_key,
};

pub fn model(horizon: u32) -> Model {
    Model {
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
        params: vec![],
        events: vec![],
        outcomes: vec![],
        expects: vec![],
        given: None,
        files: vec![],
        digest: String::new(),
        overrides: vec![],
    }
}

pub fn add_flag(m: &mut Model, id: &str, initial: bool) -> u32 {
    m.flags.push(Flag {
        id: id.into(),
        initial,
    });
    (m.flags.len() - 1) as u32
}

pub fn add_var(m: &mut Model, id: &str, initial: f64, min: f64, max: f64) -> u32 {
    m.variables.push(Variable {
        id: id.into(),
        initial,
        min,
        max,
        unit: None,
        initial_num: None,
    });
    (m.variables.len() - 1) as u32
}

/// Adds a once-only event that is always eligible, and returns its index for further setup.
pub fn add_event(m: &mut Model, id: &str, p: f64) -> usize {
    add_event_dist(m, id, Dist::Const(p))
}

pub fn add_event_dist(m: &mut Model, id: &str, probability: Dist) -> usize {
    m.events.push(Event {
        id: id.into(),
        actor: 0,
        label: id.into(),
        when: Program::constant(true),
        probability,
        probability_expr: None,
        over: 1,
        repeat: false,
        milestone: false,
        modifiers: vec![],
        effects: Effects::default(),
        branches: vec![],
        source: None,
        rationale: None,
        tags: vec![],
        stream_key: stream_key(id),
    });
    m.events.len() - 1
}

pub fn add_modifier(m: &mut Model, e: usize, when: Program, factor: f64) {
    m.events[e].modifiers.push(Modifier {
        when,
        factor,
        factor_num: None,
    });
}

pub fn add_branch(m: &mut Model, e: usize, label: &str, weight: f64, effects: Effects) {
    m.events[e].branches.push(Branch {
        weight,
        weight_num: None,
        label: label.into(),
        effects,
    });
}

pub fn adds(v: u32, amount: f64) -> Effects {
    Effects {
        add: vec![(v as usize, Dist::Const(amount))],
        ..Effects::default()
    }
}

pub fn assigns(v: u32, value: f64) -> Effects {
    Effects {
        assign: vec![(v as usize, value)],
        ..Effects::default()
    }
}

pub fn add_outcome(m: &mut Model, id: &str, when: Program, terminal: bool) -> usize {
    m.outcomes.push(Outcome {
        id: id.into(),
        label: id.into(),
        description: None,
        when: Some(when),
        terminal,
        severity: None,
    });
    m.outcomes.len() - 1
}

/// Adds the catch-all outcome (last).
pub fn add_catch_all(m: &mut Model) -> usize {
    m.outcomes.push(Outcome {
        id: "other".into(),
        label: "Anything else".into(),
        description: None,
        when: None,
        terminal: false,
        severity: None,
    });
    m.outcomes.len() - 1
}

/// A program from ops; `reads` derived from the ops.
pub fn prog(source: &str, ops: Vec<Op>) -> Program {
    let mut reads = Reads::default();
    for op in &ops {
        match *op {
            Op::Flag(i) => reads.flags.push(i),
            Op::Var(i) => reads.vars.push(i),
            Op::Fired(e) | Op::Times(e) | Op::First(e) => reads.events.push(e),
            Op::Since(e) => {
                reads.since.push(e);
                reads.step = true;
            }
            Op::Step => reads.step = true,
            _ => {}
        }
    }
    for list in [
        &mut reads.flags,
        &mut reads.vars,
        &mut reads.events,
        &mut reads.since,
    ] {
        list.sort();
        list.dedup();
    }
    Program {
        source: source.into(),
        max_stack: ops.len(),
        ops,
        reads,
    }
}

pub fn fired(e: usize) -> Program {
    prog("fired", vec![Op::Fired(e as u32)])
}

pub fn flag(f: u32) -> Program {
    prog("flag", vec![Op::Flag(f)])
}

/// `var OP value` for a comparison op.
pub fn cmp(v: u32, op: Op, value: f64) -> Program {
    prog("cmp", vec![Op::Var(v), Op::Const(value), op])
}

/// `step > s`.
pub fn step_after(s: u32) -> Program {
    prog("step", vec![Op::Step, Op::Const(s as f64), Op::Gt])
}

pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[track_caller]
pub fn assert_close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9,
        "got {got:.15}, want {want:.15} (difference {:e})",
        got - want
    );
}

pub fn add_actor(m: &mut Model, id: &str, name: &str) -> usize {
    m.actors.push(Actor {
        id: id.into(),
        name: name.into(),
        side: None,
        description: None,
    });
    m.actors.len() - 1
}
