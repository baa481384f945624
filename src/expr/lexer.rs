//! Splits an expression into tokens. Characters from other languages' operators (`&&`, `!`, `=`)
//! and keywords in the wrong case get an error that names the brink spelling, because these are
//! the slips scenario authors actually make.

use super::error::ExprError;
use super::token::{Token, TokenKind, keyword};
use super::unexpected;
use crate::format::written::{self, Reading};

/// Tokenizes `src`, stopping at the first error.
pub(crate) fn lex(src: &str) -> Result<Vec<Token>, ExprError> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    // For each open `(`: whether it opens a call (follows a word), where `,` separates arguments.
    let mut parens: Vec<bool> = Vec::new();
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        let start = i;
        let mut single = |kind: TokenKind, len: usize| {
            tokens.push(Token {
                kind,
                span: start..start + len,
            });
            len
        };
        i += match c {
            b' ' | b'\t' | b'\n' | b'\r' => 1,
            b'(' => {
                let call = tokens
                    .last()
                    .is_some_and(|t: &Token| t.kind == TokenKind::Ident);
                parens.push(call);
                tokens.push(Token {
                    kind: TokenKind::LParen,
                    span: start..start + 1,
                });
                1
            }
            b')' => {
                parens.pop();
                single(TokenKind::RParen, 1)
            }
            b',' if parens.last() == Some(&true) => single(TokenKind::Comma, 1),
            b'+' => single(TokenKind::Plus, 1),
            b'-' => single(TokenKind::Minus, 1),
            b'*' => single(TokenKind::Star, 1),
            b'/' => single(TokenKind::Slash, 1),
            b'=' if next == Some(b'=') => single(TokenKind::Eq, 2),
            b'!' if next == Some(b'=') => single(TokenKind::Ne, 2),
            b'<' if next == Some(b'=') => single(TokenKind::Le, 2),
            b'>' if next == Some(b'=') => single(TokenKind::Ge, 2),
            b'<' if next == Some(b'>') => return Err(foreign(start..start + 2, "<>", "`!=`")),
            b'<' => single(TokenKind::Lt, 1),
            b'>' => single(TokenKind::Gt, 1),
            b'=' if next == Some(b'<') => return Err(foreign(start..start + 2, "=<", "`<=`")),
            b'=' if next == Some(b'>') => return Err(foreign(start..start + 2, "=>", "`>=`")),
            b'=' => {
                return Err(
                    ExprError::new(start..start + 1, "`=` is not an operator in brink")
                        .with_help("to test whether two values are equal, write `==`"),
                );
            }
            b'&' | b'|' => {
                let len = if next == Some(c) { 2 } else { 1 };
                let word = if c == b'&' { "`and`" } else { "`or`" };
                return Err(foreign(start..start + len, &src[start..start + len], word));
            }
            b'!' => return Err(foreign(start..start + 1, "!", "`not`, e.g. `not a`")),
            b'0'..=b'9' => number(src, start, &mut tokens)?,
            b'.' if next.is_some_and(|n| n.is_ascii_digit()) => number(src, start, &mut tokens)?,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => word(src, start, &mut tokens)?,
            _ => return Err(unexpected::unexpected(src, start)),
        };
    }
    Ok(tokens)
}

fn foreign(span: std::ops::Range<usize>, op: &str, instead: &str) -> ExprError {
    ExprError::new(span, format!("`{op}` is not an operator in brink"))
        .with_help(format!("write {instead}"))
}

/// A word: a keyword, an identifier, or a keyword written in the wrong case (an error here).
/// Other words that are not valid identifiers (`Tension`, `_x`) become `Ident` tokens so that the
/// checker can report them as unknown names with a suggestion.
fn word(src: &str, start: usize, tokens: &mut Vec<Token>) -> Result<usize, ExprError> {
    let len = src[start..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let text = &src[start..start + len];
    let span = start..start + len;
    let kind = match keyword(text) {
        Some(kind) => kind,
        None => {
            let lower = text.to_ascii_lowercase();
            if keyword(&lower).is_some() {
                return Err(
                    ExprError::new(span, format!("`{text}` must be written in lowercase"))
                        .with_help(format!("write `{lower}`")),
                );
            }
            TokenKind::Ident
        }
    };
    tokens.push(Token { kind, span });
    Ok(len)
}

/// A number `[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`. The whole run of number-like characters is
/// taken first, so `1_000`, `5.`, `1.2.3` and `3x` are reported whole rather than split.
fn number(src: &str, start: usize, tokens: &mut Vec<Token>) -> Result<usize, ExprError> {
    let bytes = src.as_bytes();
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        let sign_after_exponent = (b == b'+' || b == b'-')
            && end > start
            && matches!(bytes[end - 1], b'e' | b'E')
            && bytes[start].is_ascii_digit()
            && bytes[start..end - 1]
                .iter()
                .all(|c| c.is_ascii_digit() || *c == b'.');
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || sign_after_exponent {
            end += 1;
        } else {
            break;
        }
    }
    let text = &src[start..end];
    let span = start..end;
    if !written::is_plain_number(text) {
        let help = written::malformed_number_help(text, Reading::Expression);
        return Err(
            ExprError::new(span, format!("`{text}` is not a valid number")).with_help_opt(help),
        );
    }
    let value: f64 = match text.parse() {
        Ok(v) => v,
        Err(_) => {
            return Err(ExprError::new(
                span,
                format!("`{text}` is not a valid number"),
            ));
        }
    };
    if !value.is_finite() {
        return Err(ExprError::new(span, format!("`{text}` is too large"))
            .with_help("numbers must be at most about 1.8e308"));
    }
    tokens.push(Token {
        kind: TokenKind::Number(value),
        span,
    });
    Ok(end - start)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        lex(src).unwrap().into_iter().map(|t| t.kind).collect()
    }

    /// The span, message and help of the error lexing `src`.
    pub(in crate::expr) fn err(src: &str) -> (std::ops::Range<usize>, String, Option<String>) {
        let e = lex(src).unwrap_err();
        (e.span, e.message, e.help)
    }

    #[test]
    fn a_table_or_list_in_quotes_is_told_to_lose_them() {
        let help = |src: &str| err(src).2.unwrap();
        assert_eq!(
            help("{ initial = 5, max = 10 } "),
            "a table in `{ }` goes without quotes around it: `{ initial = 5, max = 10 }`"
        );
        assert_eq!(
            help("[0.01, 0.2]"),
            "a list in `[ ]` goes without quotes around it: `[0.01, 0.2]`"
        );
        // Brackets inside an expression group as `( )` do.
        assert_eq!(help("2 * [a + 1]"), "an expression groups with `( )`");
        assert_eq!(help("{ a"), "an expression groups with `( )`");
    }

    #[test]
    fn a_note_inside_the_quotes_goes_after_them() {
        assert_eq!(
            err("tension > 2   # in a crisis").2.as_deref(),
            Some("a note goes after the closing quote: `\"tension > 2\" # in a crisis`")
        );
    }

    #[test]
    fn operators_and_words() {
        use TokenKind::*;
        assert_eq!(
            kinds("a and not b or (x <= 1.5e3) != true"),
            vec![
                Ident,
                And,
                Not,
                Ident,
                Or,
                LParen,
                Ident,
                Le,
                Number(1500.0),
                RParen,
                Ne,
                True
            ]
        );
        assert_eq!(
            kinds("1<2>3>=4==5+6-7*8/9"),
            vec![
                Number(1.0),
                Lt,
                Number(2.0),
                Gt,
                Number(3.0),
                Ge,
                Number(4.0),
                Eq,
                Number(5.0),
                Plus,
                Number(6.0),
                Minus,
                Number(7.0),
                Star,
                Number(8.0),
                Slash,
                Number(9.0)
            ]
        );
        assert_eq!(
            kinds("step times since false"),
            vec![Step, Times, Since, False]
        );
        assert_eq!(
            kinds("2e-3 1E+2 0.25"),
            vec![Number(0.002), Number(100.0), Number(0.25)]
        );
        assert_eq!(kinds("  \n\t "), vec![]);
    }

    #[test]
    fn spans_are_byte_ranges() {
        let t = lex("ab  <= 12").unwrap();
        assert_eq!(t[0].span, 0..2);
        assert_eq!(t[1].span, 4..6);
        assert_eq!(t[2].span, 7..9);
    }

    #[test]
    fn foreign_operators() {
        let help = |s: &str| Some(s.to_string());
        assert_eq!(
            err("a && b"),
            (
                2..4,
                "`&&` is not an operator in brink".into(),
                help("write `and`")
            )
        );
        assert_eq!(
            err("a & b"),
            (
                2..3,
                "`&` is not an operator in brink".into(),
                help("write `and`")
            )
        );
        assert_eq!(
            err("a || b"),
            (
                2..4,
                "`||` is not an operator in brink".into(),
                help("write `or`")
            )
        );
        assert_eq!(
            err("!a"),
            (
                0..1,
                "`!` is not an operator in brink".into(),
                help("write `not`, e.g. `not a`")
            )
        );
        assert_eq!(
            err("a = 1"),
            (
                2..3,
                "`=` is not an operator in brink".into(),
                help("to test whether two values are equal, write `==`")
            )
        );
        assert_eq!(err("a => 1").2, help("write `>=`"));
        assert_eq!(err("a =< 1").2, help("write `<=`"));
        assert_eq!(err("a <> 1").2, help("write `!=`"));
        assert!(lex("a != b").is_ok());
    }

    #[test]
    fn keywords_in_the_wrong_case() {
        for (bad, good) in [
            ("AND", "and"),
            ("Or", "or"),
            ("NOT", "not"),
            ("True", "true"),
            ("FALSE", "false"),
            ("Step", "step"),
        ] {
            let src = format!("x {bad} y");
            assert_eq!(
                err(&src),
                (
                    2..2 + bad.len(),
                    format!("`{bad}` must be written in lowercase"),
                    Some(format!("write `{good}`"))
                )
            );
        }
        // Other capitalised words are left for the checker's unknown-name suggestion.
        assert_eq!(
            kinds("Tension _x"),
            vec![TokenKind::Ident, TokenKind::Ident]
        );
    }

    #[test]
    fn malformed_numbers() {
        let cases: [(&str, std::ops::Range<usize>, &str, Option<&str>); 9] = [
            (
                "x > .5",
                4..6,
                "`.5` is not a valid number",
                Some("write `0.5`"),
            ),
            (
                "x > 5.",
                4..6,
                "`5.` is not a valid number",
                Some("write `5.0` or `5`"),
            ),
            (
                "x > 1_000",
                4..9,
                "`1_000` is not a valid number",
                Some("write the number without separators: `1000`"),
            ),
            (
                "x > 1e",
                4..6,
                "`1e` is not a valid number",
                Some("an exponent needs digits, e.g. `1e3`"),
            ),
            (
                "x > 1e+ 3",
                4..7,
                "`1e+` is not a valid number",
                Some("an exponent needs digits, e.g. `1e3`"),
            ),
            (
                "x > 1.2.3",
                4..9,
                "`1.2.3` is not a valid number",
                Some(
                    "a number has at most one `.`, and none in its exponent (`1.5e3`, not `1e1.5`)",
                ),
            ),
            (
                "3x > 1",
                0..2,
                "`3x` is not a valid number",
                Some(
                    "write the number alone, without the `x`: `3`; to multiply by a name, `*`: `3 * x`",
                ),
            ),
            (
                "x > 1e999",
                4..9,
                "`1e999` is too large",
                Some("numbers must be at most about 1.8e308"),
            ),
            (
                "x > 1e-999 + 1e",
                13..15,
                "`1e` is not a valid number",
                Some("an exponent needs digits, e.g. `1e3`"),
            ),
        ];
        for (src, span, msg, help) in cases {
            assert_eq!(
                err(src),
                (span, msg.to_string(), help.map(String::from)),
                "{src}"
            );
        }
        // `3-1` is a subtraction, not a malformed exponent.
        assert_eq!(kinds("3-1").len(), 3);
    }
}
