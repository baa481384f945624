//! TEMPORARY stand-in for `brink::expr::compile` until the expression module is merged.
//! Handles `true`, `false`, names, `not`, `and`, `or`, parentheses and `name OP number`.
#![allow(dead_code)]

use crate::expr::{Op, Program, Reads};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    Flag(u32),
    Var(u32),
    Event(u32),
    Outcome(u32),
    Actor(u32),
}

pub trait Scope {
    fn lookup(&self, name: &str) -> Option<Symbol>;
    fn names(&self) -> Vec<String>;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Bool,
    Number,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub span: std::ops::Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

pub struct Domain {
    pub flags: Vec<(bool, bool)>,
    pub vars: Vec<(f64, f64)>,
    pub events: Vec<EventDomain>,
    pub step: (f64, f64),
}

pub struct EventDomain {
    pub can_fire: bool,
    pub max_times: f64,
}

pub trait MayBe {
    fn may_be(&self, dom: &Domain) -> (bool, bool);
}

impl MayBe for Program {
    fn may_be(&self, dom: &Domain) -> (bool, bool) {
        match self.ops.as_slice() {
            [Op::Const(c)] => (*c == 0.0, *c != 0.0),
            [Op::Flag(i)] => dom.flags[*i as usize],
            [Op::Fired(e)] => (true, dom.events[*e as usize].can_fire),
            _ => (true, true),
        }
    }
}

pub fn compile(
    src: &str,
    scope: &dyn Scope,
    _want: Type,
    allow_outcomes: bool,
) -> Result<Program, Vec<ExprError>> {
    let toks: Vec<(usize, &str)> = tokens(src);
    if toks.is_empty() {
        return Err(vec![ExprError {
            span: 0..src.len(),
            message: "empty expression".into(),
            help: None,
        }]);
    }
    let mut p = P {
        toks,
        i: 0,
        ops: Vec::new(),
        reads: Reads::default(),
        scope,
        allow_outcomes,
        errors: Vec::new(),
        len: src.len(),
    };
    p.or();
    if p.i < p.toks.len() {
        let (at, t) = p.toks[p.i];
        p.errors.push(ExprError {
            span: at..at + t.len(),
            message: format!("unexpected `{t}`"),
            help: match t {
                "&&" => Some("write `and`".into()),
                "||" => Some("write `or`".into()),
                _ => None,
            },
        });
    }
    if !p.errors.is_empty() {
        return Err(p.errors);
    }
    Ok(Program {
        source: src.to_string(),
        max_stack: p.ops.len() + 1,
        ops: p.ops,
        reads: p.reads,
    })
}

fn tokens(src: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                i += 1;
            }
        } else if i + 1 < b.len()
            && matches!(&src[i..i + 2], "==" | "!=" | "<=" | ">=" | "&&" | "||")
        {
            i += 2;
        } else {
            i += src[i..].chars().next().map_or(1, char::len_utf8);
        }
        out.push((start, &src[start..i]));
    }
    out
}

struct P<'a> {
    toks: Vec<(usize, &'a str)>,
    i: usize,
    ops: Vec<Op>,
    reads: Reads,
    scope: &'a dyn Scope,
    allow_outcomes: bool,
    errors: Vec<ExprError>,
    len: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.i).map(|t| t.1)
    }
    fn or(&mut self) {
        self.and();
        while self.peek() == Some("or") {
            self.i += 1;
            self.and();
            self.ops.push(Op::Add);
            self.ops.push(Op::Const(0.0));
            self.ops.push(Op::Ne);
        }
    }
    fn and(&mut self) {
        self.not();
        while self.peek() == Some("and") {
            self.i += 1;
            self.not();
            self.ops.push(Op::Mul);
        }
    }
    fn not(&mut self) {
        if self.peek() == Some("not") {
            self.i += 1;
            self.not();
            self.ops.push(Op::Not);
        } else {
            self.cmp();
        }
    }
    fn cmp(&mut self) {
        self.atom();
        let op = match self.peek() {
            Some("==") => Op::Eq,
            Some("!=") => Op::Ne,
            Some("<") => Op::Lt,
            Some("<=") => Op::Le,
            Some(">") => Op::Gt,
            Some(">=") => Op::Ge,
            _ => return,
        };
        self.i += 1;
        self.atom();
        self.ops.push(op);
    }
    fn atom(&mut self) {
        let Some(&(at, t)) = self.toks.get(self.i) else {
            self.errors.push(ExprError {
                span: self.len..self.len,
                message: "unexpected end of expression".into(),
                help: None,
            });
            return;
        };
        self.i += 1;
        match t {
            "(" => {
                self.or();
                if self.peek() == Some(")") {
                    self.i += 1;
                }
            }
            "true" => self.ops.push(Op::Const(1.0)),
            "false" => self.ops.push(Op::Const(0.0)),
            "step" => {
                self.reads.step = true;
                self.ops.push(Op::Step)
            }
            _ if t.as_bytes()[0].is_ascii_digit() => match t.parse::<f64>() {
                Ok(v) => self.ops.push(Op::Const(v)),
                Err(_) => self.errors.push(ExprError {
                    span: at..at + t.len(),
                    message: format!("bad number `{t}`"),
                    help: None,
                }),
            },
            _ => match self.scope.lookup(t) {
                Some(Symbol::Flag(i)) => {
                    self.reads.flags.push(i);
                    self.ops.push(Op::Flag(i))
                }
                Some(Symbol::Var(i)) => {
                    self.reads.vars.push(i);
                    self.ops.push(Op::Var(i))
                }
                Some(Symbol::Event(i)) => {
                    self.reads.events.push(i);
                    self.ops.push(Op::Fired(i))
                }
                Some(Symbol::Outcome(i)) if self.allow_outcomes => {
                    self.reads.outcomes.push(i);
                    self.ops.push(Op::Outcome(i))
                }
                _ => self.errors.push(ExprError {
                    span: at..at + t.len(),
                    message: format!("unknown name `{t}`"),
                    help: crate::format::suggest::did_you_mean(
                        t,
                        self.scope.names().iter().map(String::as_str),
                    ),
                }),
            },
        }
    }
}
