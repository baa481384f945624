//! Tokens of the condition language, each with the byte range it covers.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum TokenKind {
    /// A lowercase identifier `[a-z][a-z0-9_]*`, or a word the checker reports (`Tension`, `_x`).
    Ident,
    Number(f64),
    True,
    False,
    And,
    Or,
    Not,
    Step,
    Times,
    Since,
    LParen,
    /// Only between the arguments of a function call; elsewhere the lexer refuses it.
    Comma,
    RParen,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub span: Range<usize>,
}

/// Words the language reserves; identifiers may not use them.
pub(crate) const KEYWORDS: [(&str, TokenKind); 8] = [
    ("and", TokenKind::And),
    ("or", TokenKind::Or),
    ("not", TokenKind::Not),
    ("true", TokenKind::True),
    ("false", TokenKind::False),
    ("step", TokenKind::Step),
    ("times", TokenKind::Times),
    ("since", TokenKind::Since),
];

pub(crate) fn keyword(word: &str) -> Option<TokenKind> {
    KEYWORDS
        .iter()
        .find(|(k, _)| *k == word)
        .map(|(_, kind)| *kind)
}
