//! A precedence-climbing parser. Each binary level loops over its operator to build one flat
//! chain, so only parentheses and prefix operators make it recurse, and those are counted against
//! the nesting limit before recursing: no input can overflow the stack.
//!
//! Levels, loosest first: `or`, `and`, `not`, comparisons (not chained), `+ -`, `* /`, unary `-`.

use super::ast::{Arith, Cmp, Expr, ExprKind, Func, Logic, Span};
use super::error::ExprError;
use super::token::{Token, TokenKind};

/// The deepest nesting of parentheses and prefix operators (format.md section 1).
pub const MAX_DEPTH: usize = 256;

/// Boxed so that the recursion's frames stay small.
type PResult<T> = Result<T, Box<ExprError>>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Or,
    And,
    Not,
    Cmp,
    Add,
    Mul,
    Unary,
}

/// Parses a whole expression. `noun` ("condition" or "expression") names it in messages.
pub(crate) fn parse(src: &str, tokens: &[Token], noun: &'static str) -> Result<Expr, ExprError> {
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
        depth: 0,
        noun,
    };
    let result = p.parse_expr(Level::Or).and_then(|e| match p.peek() {
        None => Ok(e),
        Some(tok) if tok.kind == TokenKind::RParen => Err(Box::new(ExprError::new(
            tok.span.clone(),
            "this `)` has no matching `(`",
        ))),
        Some(_) => Err(p.expected_operator(false)),
    });
    result.map_err(|e| *e)
}

struct Parser<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    /// Current nesting of parentheses and prefix operators.
    depth: usize,
    noun: &'static str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_kind(&self) -> Option<TokenKind> {
        self.peek().map(|t| t.kind)
    }

    fn bump(&mut self) -> Token {
        let tok = self.tokens[self.pos].clone();
        self.pos += 1;
        tok
    }

    fn text(&self, span: &Span) -> &str {
        &self.src[span.clone()]
    }

    fn enter(&mut self, tok: &Token) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Box::new(
                ExprError::new(
                    tok.span.clone(),
                    format!("the {} is nested more than {MAX_DEPTH} deep", self.noun),
                )
                .with_help("each `(`, `not` and unary `-` adds a level; simplify it"),
            ));
        }
        Ok(())
    }

    fn parse_expr(&mut self, min: Level) -> PResult<Expr> {
        let mut lhs = self.parse_prefix(min)?;
        while let Some(kind) = self.peek_kind() {
            lhs = match kind {
                TokenKind::Or if min <= Level::Or => self.logic_chain(lhs, Logic::Or)?,
                TokenKind::And if min <= Level::And => self.logic_chain(lhs, Logic::And)?,
                TokenKind::Plus | TokenKind::Minus if min <= Level::Add => {
                    self.arith_chain(lhs, Level::Add)?
                }
                TokenKind::Star | TokenKind::Slash if min <= Level::Mul => {
                    self.arith_chain(lhs, Level::Mul)?
                }
                k if cmp_op(k).is_some() && min <= Level::Cmp => self.comparison(lhs)?,
                _ => break,
            };
        }
        Ok(lhs)
    }

    fn logic_chain(&mut self, first: Expr, op: Logic) -> PResult<Expr> {
        let (token, next) = match op {
            Logic::Or => (TokenKind::Or, Level::And),
            Logic::And => (TokenKind::And, Level::Not),
        };
        let mut operands = vec![first];
        while self.peek_kind() == Some(token) {
            self.bump();
            operands.push(self.parse_expr(next)?);
        }
        let span = operands[0].span.start..operands[operands.len() - 1].span.end;
        Ok(Expr {
            span,
            kind: ExprKind::Logic { op, operands },
        })
    }

    fn arith_chain(&mut self, first: Expr, level: Level) -> PResult<Expr> {
        let mut rest = Vec::new();
        loop {
            let op = match (level, self.peek_kind()) {
                (Level::Add, Some(TokenKind::Plus)) => Arith::Add,
                (Level::Add, Some(TokenKind::Minus)) => Arith::Sub,
                (Level::Mul, Some(TokenKind::Star)) => Arith::Mul,
                (Level::Mul, Some(TokenKind::Slash)) => Arith::Div,
                _ => break,
            };
            let op_span = self.bump().span;
            let next = if level == Level::Add {
                Level::Mul
            } else {
                Level::Unary
            };
            rest.push((op, op_span, self.parse_expr(next)?));
        }
        let end = rest.last().map_or(first.span.end, |(_, _, e)| e.span.end);
        Ok(Expr {
            span: first.span.start..end,
            kind: ExprKind::Arith {
                first: Box::new(first),
                rest,
            },
        })
    }

    fn comparison(&mut self, lhs: Expr) -> PResult<Expr> {
        let op_tok = self.bump();
        let op = cmp_op(op_tok.kind).expect("caller checked");
        let rhs = self.parse_expr(Level::Add)?;
        if let Some(op2) = self.peek_kind().and_then(cmp_op) {
            let op2_span = self.bump().span;
            let err = ExprError::new(op2_span, "comparisons can't be chained");
            let help = match self.parse_expr(Level::Add) {
                Ok(third) => {
                    let parts = [&lhs.span, &rhs.span, &third.span].map(|s| self.text(s));
                    if parts.iter().all(|p| p.len() <= 40 && !p.contains('\n')) {
                        format!(
                            "compare two values at a time: `{} {} {} and {} {} {}`",
                            parts[0],
                            op.symbol(),
                            parts[1],
                            parts[1],
                            op2.symbol(),
                            parts[2]
                        )
                    } else {
                        CHAIN_HELP.to_string()
                    }
                }
                Err(_) => CHAIN_HELP.to_string(),
            };
            return Err(Box::new(err.with_help(help)));
        }
        Ok(Expr {
            span: lhs.span.start..rhs.span.end,
            kind: ExprKind::Compare {
                op,
                op_span: op_tok.span,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
        })
    }

    /// Prefix operators are read in a loop, so `not not ... a` does not recurse per `not`.
    fn parse_prefix(&mut self, min: Level) -> PResult<Expr> {
        let (token, operand_level) = match self.peek_kind() {
            Some(TokenKind::Not) if min <= Level::Not => (TokenKind::Not, Level::Cmp),
            Some(TokenKind::Minus) => (TokenKind::Minus, Level::Unary),
            _ => return self.parse_primary(),
        };
        let mut starts = Vec::new();
        while self.peek_kind() == Some(token) {
            let tok = self.bump();
            self.enter(&tok)?;
            starts.push(tok.span.start);
        }
        let mut expr = if operand_level == Level::Unary {
            self.parse_primary()?
        } else {
            self.parse_expr(operand_level)?
        };
        self.depth -= starts.len();
        for start in starts.into_iter().rev() {
            let inner = Box::new(expr);
            let span = start..inner.span.end;
            let kind = if token == TokenKind::Not {
                ExprKind::Not(inner)
            } else {
                ExprKind::Neg(inner)
            };
            expr = Expr { span, kind };
        }
        Ok(expr)
    }

    fn parse_primary(&mut self) -> PResult<Expr> {
        let Some(tok) = self.peek().cloned() else {
            let prev = &self.tokens[self.pos - 1].span;
            return Err(Box::new(ExprError::new(
                prev.clone(),
                format!("expected a value after `{}`", self.text(prev)),
            )));
        };
        let leaf = |kind| {
            Ok(Expr {
                span: tok.span.clone(),
                kind,
            })
        };
        match tok.kind {
            TokenKind::Number(v) => {
                self.bump();
                leaf(ExprKind::Number(v))
            }
            TokenKind::True | TokenKind::False => {
                self.bump();
                leaf(ExprKind::Bool(tok.kind == TokenKind::True))
            }
            TokenKind::Step => {
                self.bump();
                leaf(ExprKind::Step)
            }
            TokenKind::Ident => {
                self.bump();
                if self.peek_kind() == Some(TokenKind::LParen) {
                    return Err(Box::new(self.unknown_function(&tok.span)));
                }
                leaf(ExprKind::Name(self.text(&tok.span).to_string()))
            }
            TokenKind::Times => self.call(Func::Times),
            TokenKind::Since => self.call(Func::Since),
            TokenKind::LParen => {
                self.bump();
                self.enter(&tok)?;
                let mut inner = self.parse_expr(Level::Or)?;
                match self.peek_kind() {
                    Some(TokenKind::RParen) => {
                        let close = self.bump();
                        inner.span = tok.span.start..close.span.end;
                    }
                    None => {
                        return Err(Box::new(
                            ExprError::new(tok.span.clone(), "this `(` is never closed")
                                .with_help("add a `)`"),
                        ));
                    }
                    Some(_) => return Err(self.expected_operator(true)),
                }
                self.depth -= 1;
                Ok(inner)
            }
            TokenKind::Not => {
                let prev = &self.tokens[self.pos - 1].span;
                Err(Box::new(
                    ExprError::new(
                        tok.span.clone(),
                        format!("`not` can't come after `{}`", self.text(prev)),
                    )
                    .with_help(
                        "put `not` and what it applies to in parentheses, e.g. `x == (not y)`",
                    ),
                ))
            }
            _ => {
                let found = self.text(&tok.span);
                let message = match self.pos.checked_sub(1).map(|i| &self.tokens[i].span) {
                    Some(prev) => {
                        format!(
                            "expected a value after `{}`, found `{found}`",
                            self.text(prev)
                        )
                    }
                    None => format!("expected a value, found `{found}`"),
                };
                Err(Box::new(ExprError::new(tok.span.clone(), message)))
            }
        }
    }

    /// `times(e)` / `since(e)`: the argument must be one bare event id.
    fn call(&mut self, func: Func) -> PResult<Expr> {
        let name_tok = self.bump();
        let name = func.name();
        let usage = format!("`{name}()` takes an event id, e.g. `{name}(offensive)`");
        if self.peek_kind() != Some(TokenKind::LParen) {
            return Err(Box::new(ExprError::new(
                name_tok.span,
                format!("`{name}` needs an event id in parentheses, e.g. `{name}(offensive)`"),
            )));
        }
        let open = self.bump();
        let arg_start = self.pos;
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
            return Err(Box::new(
                ExprError::new(open.span, "this `(` is never closed").with_help("add a `)`"),
            ));
        };
        let arg = &self.tokens[arg_start..close];
        let close_end = self.tokens[close].span.end;
        if let [tok] = arg
            && tok.kind == TokenKind::Ident
        {
            self.pos = close + 1;
            return Ok(Expr {
                span: name_tok.span.start..close_end,
                kind: ExprKind::Call {
                    func,
                    arg: self.text(&tok.span).to_string(),
                    arg_span: tok.span.clone(),
                },
            });
        }
        let span = match arg {
            [] => open.span.start..close_end,
            [first, .., last] => first.span.start..last.span.end,
            [only] => only.span.clone(),
        };
        Err(Box::new(ExprError::new(span, usage)))
    }

    fn unknown_function(&self, span: &Span) -> ExprError {
        let name = self.text(span);
        let err = ExprError::new(span.clone(), format!("`{name}` is not a function"));
        match super::suggest::closest(name, ["times", "since"].into_iter()) {
            Some(s) => err.with_help(format!("did you mean `{s}`?")),
            None => err.with_help("the functions are `times(e)` and `since(e)`"),
        }
    }

    /// A value was complete but the next token does not continue it.
    fn expected_operator(&self, in_parens: bool) -> Box<ExprError> {
        let tok = &self.tokens[self.pos];
        let found = self.text(&tok.span);
        let message = if in_parens {
            format!("expected an operator or `)`, found `{found}`")
        } else {
            format!(
                "expected an operator or the end of the {}, found `{found}`",
                self.noun
            )
        };
        let starts_value = matches!(
            tok.kind,
            TokenKind::Ident
                | TokenKind::Number(_)
                | TokenKind::True
                | TokenKind::False
                | TokenKind::Step
                | TokenKind::Times
                | TokenKind::Since
                | TokenKind::Not
                | TokenKind::LParen
        );
        let err = ExprError::new(tok.span.clone(), message);
        Box::new(if starts_value {
            err.with_help("join conditions with `and` or `or`")
        } else {
            err
        })
    }
}

const CHAIN_HELP: &str = "compare two values at a time and join the comparisons with `and`";

fn cmp_op(kind: TokenKind) -> Option<Cmp> {
    Some(match kind {
        TokenKind::Eq => Cmp::Eq,
        TokenKind::Ne => Cmp::Ne,
        TokenKind::Lt => Cmp::Lt,
        TokenKind::Le => Cmp::Le,
        TokenKind::Gt => Cmp::Gt,
        TokenKind::Ge => Cmp::Ge,
        _ => return None,
    })
}
