//! A name written with `-` for `_` (`war-in-korea`, `first(captured-or_defect)`): the language
//! reads a subtraction of unknown names, so each part would be its own error, and a word such as
//! `or` a syntax error. Or with spaces (`first(russian breakthrough)`): two names in a row, a
//! syntax error. When the words joined with `_` (or run together: a space typed inside a word)
//! are a declared name, that is the one error. A `\n` escape inside a name in a TOML string is a
//! line break between its words, told the same way.

use super::error::ExprError;
use super::scope::Scope;
use super::token::{Token, TokenKind};

/// The names in `tokens` written with `-` or spaces between their words, each as one error.
pub(crate) fn dashed_names(src: &str, tokens: &[Token], scope: &dyn Scope) -> Vec<ExprError> {
    let text = |t: &Token| &src[t.span.clone()];
    let word = |t: &Token| {
        let w = text(t);
        w.starts_with(|c: char| c.is_ascii_alphabetic())
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let touching = |a: &Token, b: &Token| a.span.end == b.span.start;
    let mut errors = Vec::new();
    // The words from token `from` to token `to` as one name, if it is declared.
    let mut one_name = |from: &Token, to: &Token, why: &str| {
        let span = from.span.start..to.span.end;
        let words: Vec<&str> = src[span.clone()]
            .split([' ', '\t', '\n', '\r', '-'])
            .filter(|w| !w.is_empty())
            .collect();
        // Joined with `_`, or run together (a space typed inside a word: `nk_sends_mor e_troops`).
        let (joined, run_together) = (words.join("_"), words.concat());
        let help = if scope.lookup(&joined).is_some() {
            format!("ids join their words with `_`: write `{joined}`")
        } else if scope.lookup(&run_together).is_some() {
            format!("write `{run_together}`")
        } else {
            return;
        };
        errors.push(
            ExprError::new(
                span.clone(),
                format!(
                    "`{}` is not a name: {why}",
                    src[span.clone()].replace('\n', "\\n")
                ),
            )
            .with_help(if src[span].contains('\n') {
                format!("a `\\n` in a string is a line break; {help}")
            } else {
                help
            }),
        );
    };
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while word(&tokens[i])
            && j + 2 < tokens.len()
            && tokens[j + 1].kind == TokenKind::Minus
            && touching(&tokens[j], &tokens[j + 1])
            && touching(&tokens[j + 1], &tokens[j + 2])
            && word(&tokens[j + 2])
        {
            j += 2;
        }
        // Words with spaces between (`russian breakthrough`): two names in a row never read.
        let mut k = i;
        while j == i
            && k + 1 < tokens.len()
            && tokens[k].kind == TokenKind::Ident
            && tokens[k + 1].kind == TokenKind::Ident
            && src[tokens[k].span.end..tokens[k + 1].span.start]
                .chars()
                .all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        {
            k += 1;
        }
        if k > i {
            let broken = src[tokens[i].span.start..tokens[k].span.end].contains('\n');
            let why = if broken {
                "a name has no line breaks"
            } else {
                "a name has no spaces"
            };
            one_name(&tokens[i], &tokens[k], why);
            i = k + 1;
            continue;
        }
        // A subtraction of names that all exist stays one (`a-b` beside a name `a_b`).
        let parts_known = (i..=j).step_by(2).all(|k| {
            tokens[k].kind == TokenKind::Ident && scope.lookup(text(&tokens[k])).is_some()
        });
        if j > i && !parts_known {
            one_name(&tokens[i], &tokens[j], "`-` subtracts");
        }
        i = j + 1;
    }
    errors
}
