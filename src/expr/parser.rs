//! An operator-precedence (shunting-yard) parser with explicit stacks: it never recurses, so the
//! only limit on nesting is the language's own (256), checked as `(`, `not` and unary `-` are
//! pushed. It emits postfix nodes (see `postfix`).
//!
//! Levels, loosest first: `or`, `and`, `not`, comparisons (not chained), `+ -`, `* /`, unary `-`.
//! Binary operators are left-associative: an incoming operator first reduces every stacked
//! operator of the same or a tighter level.

use super::error::ExprError;
use super::functions;
use super::postfix::{Arith, Cmp, Func, Logic, Node, NodeKind, Span};
use super::token::{Token, TokenKind};

mod errors;

/// The deepest nesting of parentheses and prefix operators (docs/language.md).
pub const MAX_DEPTH: usize = 256;

type Level = u8;
const OR: Level = 0;
const AND: Level = 1;
const NOT: Level = 2;
const CMP: Level = 3;
const ADD: Level = 4;
const MUL: Level = 5;
const NEG: Level = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Binary {
    Logic(Logic),
    Cmp(Cmp),
    Arith(Arith),
}

impl Binary {
    fn of(kind: TokenKind) -> Option<Binary> {
        Some(match kind {
            TokenKind::Or => Binary::Logic(Logic::Or),
            TokenKind::And => Binary::Logic(Logic::And),
            TokenKind::Eq => Binary::Cmp(Cmp::Eq),
            TokenKind::Ne => Binary::Cmp(Cmp::Ne),
            TokenKind::Lt => Binary::Cmp(Cmp::Lt),
            TokenKind::Le => Binary::Cmp(Cmp::Le),
            TokenKind::Gt => Binary::Cmp(Cmp::Gt),
            TokenKind::Ge => Binary::Cmp(Cmp::Ge),
            TokenKind::Plus => Binary::Arith(Arith::Add),
            TokenKind::Minus => Binary::Arith(Arith::Sub),
            TokenKind::Star => Binary::Arith(Arith::Mul),
            TokenKind::Slash => Binary::Arith(Arith::Div),
            _ => return None,
        })
    }

    fn level(self) -> Level {
        match self {
            Binary::Logic(Logic::Or) => OR,
            Binary::Logic(Logic::And) => AND,
            Binary::Cmp(_) => CMP,
            Binary::Arith(Arith::Add | Arith::Sub) => ADD,
            Binary::Arith(Arith::Mul | Arith::Div) => MUL,
        }
    }
}

/// An entry of the operator stack.
#[derive(Clone, Debug)]
enum Pending {
    Binary(Binary),
    /// `not` or unary `-`, starting at byte `start`.
    Prefix {
        not: bool,
        start: usize,
    },
    Paren(Span),
    /// A call of value function `func` whose name starts at byte `start`; its arguments are
    /// the operands from index `first` on.
    Call {
        func: u8,
        start: usize,
        open: Span,
        first: usize,
    },
}

impl Pending {
    fn level(&self) -> Option<Level> {
        match self {
            Pending::Binary(b) => Some(b.level()),
            Pending::Prefix { not: true, .. } => Some(NOT),
            Pending::Prefix { not: false, .. } => Some(NEG),
            Pending::Paren(_) | Pending::Call { .. } => None,
        }
    }
}

/// Parses a whole expression into postfix nodes. `noun` ("condition" or "expression") names it
/// in messages.
pub(crate) fn parse(
    src: &str,
    tokens: &[Token],
    noun: &'static str,
) -> Result<Vec<Node>, ExprError> {
    if tokens.is_empty() {
        let help = if noun == "condition" {
            "write `true` for always, or a condition such as `tension > 5`"
        } else {
            "write a number or a formula such as `tension * 2`"
        };
        return Err(ExprError::new(0..src.len(), format!("the {noun} is empty")).with_help(help));
    }
    let mut p = Parser {
        src,
        tokens,
        pos: 0,
        out: Vec::with_capacity(tokens.len()),
        operands: Vec::new(),
        pending: Vec::new(),
        depth: 0,
        noun,
    };
    p.run()?;
    Ok(p.out)
}

struct Parser<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    out: Vec<Node>,
    /// For each complete operand not yet consumed, the index in `out` of its last node.
    operands: Vec<usize>,
    pending: Vec<Pending>,
    /// Parentheses and prefix operators on `pending`.
    depth: usize,
    noun: &'static str,
}

impl Parser<'_> {
    fn run(&mut self) -> Result<(), ExprError> {
        loop {
            self.operand()?;
            // After an operand: `)`s, then a binary operator or the end.
            loop {
                let Some(tok) = self.tokens.get(self.pos).cloned() else {
                    return self.finish();
                };
                if tok.kind == TokenKind::RParen {
                    self.close_paren(&tok)?;
                    self.pos += 1;
                    continue;
                }
                if tok.kind == TokenKind::Comma {
                    self.next_argument(&tok)?;
                    self.pos += 1;
                    break;
                }
                let Some(op) = Binary::of(tok.kind) else {
                    return Err(self.expected_operator(&tok));
                };
                self.reduce_for(op, &tok)?;
                if let Binary::Logic(l) = op {
                    let lhs = self.out[*self.operands.last().expect("an operand")]
                        .span
                        .clone();
                    self.out.push(Node {
                        kind: NodeKind::Sep(l),
                        span: lhs,
                    });
                }
                self.pending.push(Pending::Binary(op));
                self.pos += 1;
                break;
            }
        }
    }

    /// Reads prefix operators and `(`s, then one primary value.
    fn operand(&mut self) -> Result<(), ExprError> {
        loop {
            let Some(tok) = self.tokens.get(self.pos).cloned() else {
                return Err(self.missing_value(None));
            };
            match tok.kind {
                TokenKind::Not => {
                    let allowed = match self.pending.last() {
                        None | Some(Pending::Paren(_) | Pending::Call { .. }) => true,
                        Some(p) => p.level().is_some_and(|l| l <= NOT),
                    };
                    if !allowed {
                        return Err(self.missing_value(Some(&tok)));
                    }
                    self.enter(&tok)?;
                    self.pending.push(Pending::Prefix {
                        not: true,
                        start: tok.span.start,
                    });
                }
                TokenKind::Minus => {
                    self.enter(&tok)?;
                    self.pending.push(Pending::Prefix {
                        not: false,
                        start: tok.span.start,
                    });
                }
                TokenKind::LParen => {
                    self.enter(&tok)?;
                    self.pending.push(Pending::Paren(tok.span.clone()));
                }
                TokenKind::Ident
                    if self.tokens.get(self.pos + 1).map(|t| t.kind) == Some(TokenKind::LParen)
                        && self.text(&tok.span) == Func::First.name() =>
                {
                    return self.call(Func::First);
                }
                TokenKind::Ident
                    if self.tokens.get(self.pos + 1).map(|t| t.kind) == Some(TokenKind::LParen) =>
                {
                    let Some((func, f)) = functions::find(self.text(&tok.span)) else {
                        return Err(self.unknown_function(&tok.span));
                    };
                    let open = self.tokens[self.pos + 1].clone();
                    self.enter(&open)?;
                    if let Some(close) = self
                        .tokens
                        .get(self.pos + 2)
                        .filter(|t| t.kind == TokenKind::RParen)
                    {
                        return Err(self.arity(f, open.span.start..close.span.end, 0));
                    }
                    self.pending.push(Pending::Call {
                        func,
                        start: tok.span.start,
                        open: open.span,
                        first: self.operands.len(),
                    });
                    self.pos += 1;
                }
                _ => return self.primary(tok),
            }
            self.pos += 1;
        }
    }

    fn primary(&mut self, tok: Token) -> Result<(), ExprError> {
        let kind = match tok.kind {
            TokenKind::Number(v) => NodeKind::Number(v),
            TokenKind::True => NodeKind::Bool(true),
            TokenKind::False => NodeKind::Bool(false),
            TokenKind::Step => NodeKind::Step,
            TokenKind::Ident => NodeKind::Name(self.text(&tok.span).to_string()),
            TokenKind::Times => return self.call(Func::Times),
            TokenKind::Since => return self.call(Func::Since),
            _ => return Err(self.missing_value(Some(&tok))),
        };
        self.pos += 1;
        self.emit(kind, tok.span);
        Ok(())
    }

    fn emit(&mut self, kind: NodeKind, span: Span) {
        self.operands.push(self.out.len());
        self.out.push(Node { kind, span });
    }

    fn text(&self, span: &Span) -> &str {
        &self.src[span.clone()]
    }

    fn enter(&mut self, tok: &Token) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(
                tok.span.clone(),
                format!("the {} is nested more than {MAX_DEPTH} deep", self.noun),
            )
            .with_help("each `(`, `not` and unary `-` adds a level; simplify it"));
        }
        Ok(())
    }

    /// Pops the top pending operator and emits its node.
    fn reduce(&mut self) {
        let top = self.pending.pop().expect("caller checked");
        let rhs = self.operands.pop().expect("an operand per operator");
        let end = self.out[rhs].span.end;
        let (kind, start) = match top {
            Pending::Binary(op) => {
                let lhs = self
                    .operands
                    .pop()
                    .expect("two operands per binary operator");
                let kind = match op {
                    Binary::Logic(l) => NodeKind::Logic(l),
                    Binary::Cmp(c) => NodeKind::Compare(c),
                    Binary::Arith(a) => NodeKind::Arith(a),
                };
                (kind, self.out[lhs].span.start)
            }
            Pending::Prefix { not, start } => {
                self.depth -= 1;
                (if not { NodeKind::Not } else { NodeKind::Neg }, start)
            }
            Pending::Paren(_) | Pending::Call { .. } => {
                unreachable!("parentheses are popped by `)`")
            }
        };
        self.emit(kind, start..end);
    }

    /// Before pushing `op`: reduce every pending operator that binds at least as tightly.
    fn reduce_for(&mut self, op: Binary, tok: &Token) -> Result<(), ExprError> {
        while let Some(level) = self.pending.last().and_then(Pending::level) {
            if level < op.level() {
                break;
            }
            if let (Some(Pending::Binary(Binary::Cmp(first))), Binary::Cmp(second)) =
                (self.pending.last(), op)
            {
                return Err(self.chained(*first, second, tok));
            }
            self.reduce();
        }
        Ok(())
    }

    fn close_paren(&mut self, tok: &Token) -> Result<(), ExprError> {
        loop {
            match self.pending.last() {
                None => return Err(self.unmatched_close(tok)),
                Some(Pending::Paren(open)) => {
                    let start = open.start;
                    self.pending.pop();
                    self.depth -= 1;
                    let inner = *self.operands.last().expect("an operand inside");
                    self.out[inner].span = start..tok.span.end;
                    return Ok(());
                }
                Some(&Pending::Call {
                    func, start, first, ..
                }) => {
                    self.pending.pop();
                    self.depth -= 1;
                    let f = &functions::FUNCTIONS[func as usize];
                    let args = self.operands.len() - first;
                    let n = f.params.len();
                    if args > u8::MAX as usize {
                        let at = self.out[self.operands[first]].span.start;
                        return Err(ExprError::new(
                            at..tok.span.start,
                            format!("`{}` takes at most 255 arguments, found {args}", f.name),
                        ));
                    }
                    if args < n || (args > n && !f.variadic) {
                        let extra = self
                            .operands
                            .get(first + f.params.len())
                            .map(|&i| self.out[i].span.start);
                        let last = self.out[*self.operands.last().expect("an argument")]
                            .span
                            .end;
                        return Err(self.arity(f, extra.unwrap_or(start)..last, args));
                    }
                    self.operands.truncate(first);
                    self.emit(NodeKind::Apply(func, args as u8), start..tok.span.end);
                    return Ok(());
                }
                Some(_) => self.reduce(),
            }
        }
    }

    fn finish(&mut self) -> Result<(), ExprError> {
        while let Some(top) = self.pending.last() {
            if let Pending::Paren(open) | Pending::Call { open, .. } = top {
                return Err(
                    ExprError::new(open.clone(), "this `(` is never closed").with_help("add a `)`")
                );
            }
            self.reduce();
        }
        debug_assert_eq!(self.operands.len(), 1);
        Ok(())
    }

    /// `times(e)` / `since(e)` / `first(e)`: the argument must be one bare event id.
    fn call(&mut self, func: Func) -> Result<(), ExprError> {
        let name_tok = self.tokens[self.pos].clone();
        let name = func.name();
        if self.tokens.get(self.pos + 1).map(|t| t.kind) != Some(TokenKind::LParen) {
            return Err(ExprError::new(
                name_tok.span,
                format!("`{name}` needs an event id in parentheses, e.g. `{name}(offensive)`"),
            ));
        }
        let open = self.tokens[self.pos + 1].clone();
        let arg_start = self.pos + 2;
        // Find the matching `)` so a bad argument is underlined whole.
        let mut level = 0usize;
        let mut close = None;
        for (i, t) in self.tokens.iter().enumerate().skip(arg_start) {
            match t.kind {
                TokenKind::LParen => level += 1,
                TokenKind::RParen if level == 0 => {
                    close = Some(i);
                    break;
                }
                TokenKind::RParen => level -= 1,
                _ => {}
            }
        }
        let Some(close) = close else {
            return Err(
                ExprError::new(open.span, "this `(` is never closed").with_help("add a `)`")
            );
        };
        let arg = &self.tokens[arg_start..close];
        let close_end = self.tokens[close].span.end;
        if let [tok] = arg
            && tok.kind == TokenKind::Ident
        {
            self.pos = close + 1;
            let kind = NodeKind::Call {
                func,
                arg: self.text(&tok.span).to_string(),
                arg_span: tok.span.clone(),
            };
            self.emit(kind, name_tok.span.start..close_end);
            return Ok(());
        }
        let span = match arg {
            [] => open.span.start..close_end,
            [first, .., last] => first.span.start..last.span.end,
            [only] => only.span.clone(),
        };
        let err = ExprError::new(
            span,
            format!("`{name}()` takes an event id, e.g. `{name}(offensive)`"),
        );
        // `first()war)`: the `(` typed as a `)`, the id after it.
        match (arg, self.tokens.get(close + 1..close + 3)) {
            ([], Some([id, shut]))
                if id.kind == TokenKind::Ident && shut.kind == TokenKind::RParen =>
            {
                Err(err.with_help(format!("write `{name}({})`", self.text(&id.span))))
            }
            _ => Err(err),
        }
    }

    /// `,` between two arguments: the argument before it is complete.
    fn next_argument(&mut self, tok: &Token) -> Result<(), ExprError> {
        loop {
            match self.pending.last() {
                Some(Pending::Call { .. }) => return self.thousands_in_call(tok),
                Some(Pending::Paren(_)) | None => {
                    return Err(ExprError::new(tok.span.clone(), "unexpected character `,`")
                        .with_help("join conditions with `and` or `or`"));
                }
                Some(_) => self.reduce(),
            }
        }
    }
}
