//! The condition language of docs/language.md: a lexer, a parser, a type checker that resolves
//! names to indices, and a compiler to a flat program that the engine evaluates millions of times.
//!
//! Errors carry byte ranges inside the expression string; the loader maps them back to the file.
//! [`Program::may_be`] evaluates a program over sets of states, for `check`'s warnings.

mod abs;
mod abstract_eval;
mod check;
mod comparisons;
mod compile;
mod dashed;
mod error;
mod expected;
mod fast;
mod functions;
mod lexer;
mod outcome_compared;
mod parser;
mod postfix;
mod program;
mod scope;
mod token;
mod types;
mod unexpected;
mod unknown;

#[cfg(test)]
mod tests;

pub use abstract_eval::{Domain, EventDomain};
pub use comparisons::{Comparison, Subject, comparisons};
pub use error::ExprError;
pub use fast::Fast;
pub use parser::MAX_DEPTH;
pub use program::{EvalCtx, Op, Program, Reads};
pub use scope::{MapScope, Scope, Symbol};
pub use types::Type;

/// The words ids may not use, because conditions give them a meaning (the lexer's keywords).
/// Function names other than `times` and `since` are not among them: they mean a function only
/// right before `(`.
pub fn reserved_words() -> impl Iterator<Item = &'static str> {
    token::KEYWORDS.iter().map(|(word, _)| *word)
}

/// The names `src` reads (not the functions it calls), in order, repeats kept; none if it does
/// not lex. For guesses about the file around a condition, not for checking it.
pub fn names_in(src: &str) -> Vec<&str> {
    let Ok(tokens) = lexer::lex(src) else {
        return Vec::new();
    };
    (tokens.iter().enumerate())
        .filter(|(i, t)| {
            t.kind == token::TokenKind::Ident
                && tokens
                    .get(i + 1)
                    .is_none_or(|n| n.kind != token::TokenKind::LParen)
        })
        .map(|(_, t)| &src[t.span.clone()])
        .collect()
}

/// The first call in `src` of a function that format 1 does not have, as (byte range of its
/// name, name): a file that says `format = 1` may not use it.
pub fn format2_call(src: &str) -> Option<(std::ops::Range<usize>, &'static str)> {
    functions::format2_call(src)
}

/// Lex, parse, resolve, type-check (the whole expression must have type `want`) and compile.
/// `allow_outcomes`: outcome ids are names only in `--given` expressions; elsewhere using one is
/// an error saying so. Returns all errors found: the first syntax error if there is one, else
/// every name and type error. Never panics, and no pass recurses, so any input is safe.
pub fn compile(
    src: &str,
    scope: &dyn Scope,
    want: Type,
    allow_outcomes: bool,
) -> Result<Program, Vec<ExprError>> {
    let noun = match want {
        Type::Bool => "condition",
        Type::Number => "expression",
    };
    let tokens = lexer::lex(src).map_err(|e| vec![e])?;
    let dashed = dashed::dashed_names(src, &tokens, scope);
    if !dashed.is_empty() {
        return Err(dashed);
    }
    if allow_outcomes {
        let compared = outcome_compared::outcome_compared(src, &tokens, scope);
        if !compared.is_empty() {
            return Err(compared);
        }
    }
    let nodes = parser::parse(src, &tokens, noun).map_err(|e| vec![e])?;
    let mut checker = check::Checker {
        src,
        scope,
        allow_outcomes,
        want,
        errors: Vec::new(),
    };
    checker.check_root(&nodes, want);
    if !checker.errors.is_empty() {
        return Err(checker.errors);
    }
    Ok(compile::emit(src, &nodes, scope))
}
