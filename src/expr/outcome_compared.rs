//! `outcome == european_war` in a `--given`: other tools name the end state with a variable, but
//! here an outcome's id is a test by itself. Read as written, `outcome` is an unknown name and the
//! id perhaps a second one; told as one error with the condition meant.

use super::error::ExprError;
use super::scope::{Scope, Symbol};
use super::token::{Token, TokenKind};
use crate::format::suggest::closest;

/// The words taken for "the trial's outcome".
const WORDS: [&str; 4] = ["outcome", "result", "end", "end_state"];

/// Each `outcome == ID` (or `!=`, or the other way round) in `tokens`, when `outcome` is not a
/// declared name and ID is an outcome's id or close to one, as one error.
pub(crate) fn outcome_compared(src: &str, tokens: &[Token], scope: &dyn Scope) -> Vec<ExprError> {
    let text = |t: &Token| &src[t.span.clone()];
    let is_word = |t: &Token| {
        t.kind == TokenKind::Ident
            && WORDS.contains(&text(t).to_lowercase().as_str())
            && scope.lookup(text(t)).is_none()
    };
    let outcomes: Vec<String> = (scope.names().into_iter())
        .filter(|n| matches!(scope.lookup(n), Some(Symbol::Outcome(_))))
        .collect();
    let mut errors = Vec::new();
    for w in tokens.windows(3) {
        let (left, op, right) = (&w[0], &w[1], &w[2]);
        if !matches!(op.kind, TokenKind::Eq | TokenKind::Ne) {
            continue;
        }
        let (word, id) = match (is_word(left), is_word(right)) {
            (true, false) => (left, right),
            (false, true) => (right, left),
            _ => continue,
        };
        if id.kind != TokenKind::Ident {
            continue;
        }
        let not = if op.kind == TokenKind::Ne { "not " } else { "" };
        let span = left.span.start..right.span.end;
        let help = if outcomes.iter().any(|o| o == text(id)) {
            format!("write `{not}{}` for `{}`", text(id), &src[span.clone()])
        } else if let Some(near) = closest(text(id), outcomes.iter()) {
            format!("write `{not}{near}` for `{}`", &src[span.clone()])
        } else if outcomes.is_empty() {
            continue;
        } else {
            const SHOWN: usize = 8;
            let mut ids: Vec<String> = (outcomes.iter().take(SHOWN))
                .map(|o| format!("`{not}{o}`"))
                .collect();
            if outcomes.len() > SHOWN {
                ids.push(format!("or one of {} more", outcomes.len() - SHOWN));
            }
            format!("each outcome is a test by its id: {}", ids.join(", "))
        };
        errors.push(
            ExprError::new(
                span,
                format!(
                    "`{}` is not a name: an outcome is tested by its id alone",
                    text(word)
                ),
            )
            .with_help(help),
        );
    }
    errors
}
