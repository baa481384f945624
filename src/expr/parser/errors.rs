//! The parser's errors: each names what came instead of what was expected, and says how to
//! write it (the forms people bring from other languages, sentences, `if`, chained comparisons).

use super::super::error::ExprError;
use super::super::functions;
use super::super::postfix::{Cmp, Span};
use super::super::token::{Token, TokenKind};
use super::{Binary, Parser, Pending};

impl Parser<'_> {
    /// A call with the wrong number of arguments: `span` covers the extra ones, or the call.
    pub(super) fn arity(&self, f: &functions::Function, span: Span, found: usize) -> ExprError {
        let n = f.params.len();
        let noun = if n == 1 { "argument" } else { "arguments" };
        let or_more = if f.variadic { " or more" } else { "" };
        ExprError::new(
            span,
            format!("`{}` takes {n}{or_more} {noun}, found {found}", f.name),
        )
        .with_help(format!("write `{}`", f.usage))
    }

    /// A value was expected; `found` is what came instead (None at the end).
    pub(super) fn missing_value(&self, found: Option<&Token>) -> ExprError {
        let prev = self.pos.checked_sub(1).map(|i| &self.tokens[i].span);
        let Some(tok) = found else {
            let prev = prev.expect("a non-empty token list");
            let err = ExprError::new(
                prev.clone(),
                format!("expected a value after `{}`", self.text(prev)),
            );
            return match self.cut_short_help(prev) {
                Some(help) => err.with_help(help),
                None => err,
            };
        };
        if tok.kind == TokenKind::Not
            && let Some(prev) = prev
        {
            return ExprError::new(
                tok.span.clone(),
                format!("`not` can't come after `{}`", self.text(prev)),
            )
            .with_help("put `not` and what it applies to in parentheses, e.g. `x == (not y)`");
        }
        // A `)` too many before a value (`not )truce`): told as such, not as the value it
        // stands for. (At the end, `a and )`, the value is what is missing.)
        let too_many = tok.kind == TokenKind::RParen
            && self.pos + 1 < self.tokens.len()
            && self.depth_before(self.tokens.len()) < 0;
        if too_many && self.depth_before(self.pos) <= 0 {
            return self.unmatched_close(tok);
        }
        let found = self.text(&tok.span);
        let message = match prev {
            Some(prev) => format!(
                "expected a value after `{}`, found `{found}`",
                self.text(prev)
            ),
            None => format!("expected a value, found `{found}`"),
        };
        let err = ExprError::new(tok.span.clone(), message);
        if too_many {
            return err.with_help("there is one `)` more than `(`: leave this one out");
        }
        if tok.kind == TokenKind::Plus {
            // A sign people write for a gain (`"+1"`); brink has only the minus sign.
            return err.with_help("leave out the `+`: a number without a sign is positive (`1`; `-1` for a negative one)");
        }
        // An operator with nothing on its left: the start of a condition cut off (a line
        // deleted above `and ...`), or two operators in a row.
        let example = match tok.kind {
            TokenKind::And => "war and siege",
            TokenKind::Or => "war or siege",
            TokenKind::Eq | TokenKind::Ne | TokenKind::Lt | TokenKind::Le => "tension < 5",
            TokenKind::Gt | TokenKind::Ge => "tension >= 5",
            TokenKind::Star | TokenKind::Slash => "0.04 * troops",
            _ => return err,
        };
        match prev {
            None => err.with_help(format!(
                "`{found}` needs a value on its left too, as in `{example}`: is the start missing?"
            )),
            Some(prev) => err.with_help(format!(
                "two operators in a row (`{}`): leave one out, or write a value between them",
                self.text(&(prev.start..tok.span.end))
            )),
        }
    }

    /// The fix for a condition that ends on an operator (`tension >`, `war and`, `not`): what
    /// comes after it, in the author's own words so far.
    fn cut_short_help(&self, last: &Span) -> Option<String> {
        let op = self.text(last);
        // A long condition is not quoted whole: the example then starts with a name of its own.
        let short = Some(self.src[..last.end].trim()).filter(|s| s.len() <= 40);
        let so_far = |name: &str| short.map_or(format!("{name} {op}"), str::to_string);
        let kind = &self.tokens[self.pos.checked_sub(1)?].kind;
        Some(match kind {
            TokenKind::Not => {
                format!("`{op}` goes before the condition it turns round, as in `not ceasefire`")
            }
            TokenKind::And | TokenKind::Or => format!(
                "write the condition after `{op}` too, as in `{} siege`, or leave `{op}` out",
                so_far("war")
            ),
            TokenKind::Eq
            | TokenKind::Ne
            | TokenKind::Lt
            | TokenKind::Le
            | TokenKind::Gt
            | TokenKind::Ge => format!(
                "write what `{op}` compares with, as in `{} 5`",
                so_far("tension")
            ),
            TokenKind::Plus | TokenKind::Minus | TokenKind::Star | TokenKind::Slash => {
                format!(
                    "write the number after `{op}`, as in `{} 2`",
                    so_far("troops")
                )
            }
            _ => return None,
        })
    }

    /// The name just before the current token, for a fix written in the author's words
    /// (`example` when something else stands there).
    fn name_before<'s>(&'s self, example: &'s str) -> &'s str {
        (self.pos.checked_sub(1))
            .map(|i| &self.tokens[i])
            .filter(|t| t.kind == TokenKind::Ident)
            .map_or(example, |t| self.text(&t.span))
    }

    /// How many `(` are open before token `at`, less the `)` that closed none (negative when
    /// there are more `)` than `(`).
    fn depth_before(&self, at: usize) -> isize {
        self.tokens[..at].iter().fold(0, |depth, t| match t.kind {
            TokenKind::LParen => depth + 1,
            TokenKind::RParen => depth - 1,
            _ => depth,
        })
    }

    /// A `)` that closes nothing: a function's name run into its argument when its `(` was
    /// lost (`firstceasefire)`), or a `(` missing or a `)` too many elsewhere.
    pub(super) fn unmatched_close(&self, tok: &Token) -> ExprError {
        let err = ExprError::new(tok.span.clone(), "this `)` has no matching `(`");
        let before = self.name_before("");
        // (The event functions only: `minimum)` is not `min(imum)`.)
        let mut events = functions::names().take(functions::EVENT_FUNCTIONS.len());
        let run_in = events.find_map(|f| {
            let arg = before.strip_prefix(f)?;
            arg.starts_with(|c: char| c.is_alphabetic())
                .then_some((f, arg))
        });
        match run_in {
            Some((f, arg)) => err.with_help(format!("write `{f}({arg})`")),
            None => err.with_help("leave it out, or write the `(` it closes"),
        }
    }

    pub(super) fn unknown_function(&self, span: &Span) -> ExprError {
        let name = self.text(span);
        let err = ExprError::new(span.clone(), format!("`{name}` is not a function"));
        // `fired(offensive)`: an event's id alone already says it has fired.
        let fired = [
            "fired",
            "has_fired",
            "happened",
            "occurred",
            "occured",
            "triggered",
        ];
        if fired.contains(&name.to_ascii_lowercase().as_str()) {
            let arg = match self.tokens.get(self.pos + 2..self.pos + 4) {
                Some([arg, close])
                    if arg.kind == TokenKind::Ident && close.kind == TokenKind::RParen =>
                {
                    self.text(&arg.span)
                }
                _ => "offensive",
            };
            return err.with_help(format!(
                "an event's id alone is true once it has fired: write `{arg}`; `times({arg})` \
                 counts its firings"
            ));
        }
        // `uniform(0.1, 0.3)`: a distribution is a value of its own, written as a table.
        // (A parameter's value keys after `value` and `expr` are the distributions.)
        let distributions = &crate::format::schema::PARAM_VALUE_KEYS[2..];
        let lower = name.to_ascii_lowercase();
        if distributions.contains(&lower.as_str()) {
            let args = self.call_arguments().unwrap_or("...");
            let table = format!("`{{ {lower} = [{args}] }}`");
            // A condition is never a value of its own: only the parameter route applies.
            return err.with_help(if self.noun == "condition" {
                format!(
                    "a distribution is written as a table, not called: put {table} as a \
                     parameter under `[params]` and name the parameter in the condition"
                )
            } else {
                format!(
                    "a distribution is written as a table, not called: {table} as the whole \
                     value, or as a parameter under `[params]` that the expression names"
                )
            });
        }
        match crate::format::suggest::closest(name, functions::names()) {
            Some(s) => err.with_help(format!("did you mean `{s}`?")),
            None => err.with_help(format!("the functions are {}", functions::usage_list())),
        }
    }

    /// The text between the `(` after the name at `self.pos` and the `)` that closes it.
    fn call_arguments(&self) -> Option<&str> {
        let open = self.tokens.get(self.pos + 1)?;
        if open.kind != TokenKind::LParen {
            return None;
        }
        let mut depth = 0usize;
        for tok in &self.tokens[self.pos + 2..] {
            match tok.kind {
                TokenKind::LParen => depth += 1,
                TokenKind::RParen if depth == 0 => {
                    let args = self.src[open.span.end..tok.span.start].trim();
                    return (!args.is_empty()).then_some(args);
                }
                TokenKind::RParen => depth -= 1,
                _ => {}
            }
        }
        None
    }

    /// A value was complete but the next token, `tok` (at `self.pos`), neither continues nor
    /// closes it.
    pub(super) fn expected_operator(&self, tok: &Token) -> ExprError {
        let found = self.text(&tok.span);
        let in_parens = self
            .pending
            .iter()
            .any(|p| matches!(p, Pending::Paren(_) | Pending::Call { .. }));
        let message = if in_parens {
            format!("expected an operator or `)`, found `{found}`")
        } else {
            format!(
                "expected an operator or the end of the {}, found `{found}`",
                self.noun
            )
        };
        let err = ExprError::new(tok.span.clone(), message);
        // `tension between 3 and 5`, as a database query writes it.
        if found.eq_ignore_ascii_case("between") {
            let name = self.name_before("tension");
            let (lo, hi) = match &self.tokens[self.pos + 1..] {
                [a, and, b, ..] if and.kind == TokenKind::And => {
                    (self.text(&a.span), self.text(&b.span))
                }
                _ => ("3", "5"),
            };
            return err.with_help(format!(
                "brink has no `between`: compare twice, `{name} >= {lo} and {name} <= {hi}`"
            ));
        }
        if let Some(help) = self.words_help(tok) {
            return err.with_help(help);
        }
        if let Some(help) = self.grouped_digits_help(tok) {
            return err.with_help(help);
        }
        // `war is true`, `tension is not 3`: `is` is written `==`, `is not` `!=`.
        if found == "is" {
            let not = (self.tokens.get(self.pos + 1)).is_some_and(|t| t.kind == TokenKind::Not);
            let name = self.name_before("war");
            let value = self.tokens.get(self.pos + 1 + usize::from(not));
            let truth = value.is_some_and(|t| matches!(t.kind, TokenKind::True | TokenKind::False));
            // Only `is true` says a flag: `tension is 5` compares a number.
            let (op, words) = if not { ("!=", "is not") } else { ("==", "is") };
            let falsy = value.is_some_and(|t| t.kind == TokenKind::False);
            return err.with_help(match value {
                Some(_) if truth && not && falsy => {
                    format!("write `!=` for \"is not\"; a flag alone is already a test: `{name}`")
                }
                Some(_) if truth && not => {
                    format!("write `!=` for \"is not\", or `not` before a flag: `not {name}`")
                }
                Some(_) if truth && falsy => format!(
                    "write `==` for \"is\"; a flag alone is already a test, and `not` turns it: \
                     `not {name}`"
                ),
                Some(_) if truth => {
                    format!("write `==` for \"is\"; a flag alone is already a test: `{name}`")
                }
                Some(v) => format!(
                    "write `{op}` for \"{words}\": `{name} {op} {}`",
                    self.text(&v.span)
                ),
                None => format!("write `{op}` for \"{words}\""),
            });
        }
        match tok.kind {
            TokenKind::Ident
            | TokenKind::Number(_)
            | TokenKind::True
            | TokenKind::False
            | TokenKind::Step
            | TokenKind::Times
            | TokenKind::Since
            | TokenKind::Not
            | TokenKind::LParen => err.with_help("join conditions with `and` or `or`"),
            _ => err,
        }
    }

    /// `max(5,000)` is valid, the maximum of 5 and 0, but it was meant as five thousand: a
    /// number, a comma and a group of three digits that starts with `0`, with no space
    /// between, is refused with both readings. (`max(1,500)` may well mean two numbers, and
    /// passes.)
    pub(super) fn thousands_in_call(&self, comma: &Token) -> Result<(), ExprError> {
        let digits = |t: &Token, len: std::ops::RangeInclusive<usize>| {
            matches!(t.kind, TokenKind::Number(_))
                && len.contains(&t.span.len())
                && self.text(&t.span).bytes().all(|b| b.is_ascii_digit())
        };
        let (Some(first), Some(group)) = (
            self.pos.checked_sub(1).map(|i| &self.tokens[i]),
            self.tokens.get(self.pos + 1),
        ) else {
            return Ok(());
        };
        let grouped = digits(first, 1..=3)
            && digits(group, 3..=3)
            && self.text(&group.span).starts_with('0')
            && first.span.end == comma.span.start
            && comma.span.end == group.span.start;
        if !grouped {
            return Ok(());
        }
        // The whole run of `,ddd` groups: `1,000,000`.
        let mut end = group.span.end;
        let mut i = self.pos + 2;
        while let (Some(c), Some(g)) = (self.tokens.get(i), self.tokens.get(i + 1))
            && c.kind == TokenKind::Comma
            && c.span.start == end
            && g.span.start == c.span.end
            && digits(g, 3..=3)
        {
            end = g.span.end;
            i += 2;
        }
        let written = self.text(&(first.span.start..end));
        let plain = written.replace(',', "");
        let apart = written.replace(',', ", ");
        Err(ExprError::new(
            first.span.start..end,
            format!("`{written}` reads as numbers apart, a comma between each"),
        )
        .with_help(format!(
            "a number is written without a thousands separator: `{plain}`; for numbers apart, \
             put a space after each comma: `{apart}`"
        )))
    }

    /// A number written with its thousands apart (`5 000`, `2 500 000`), which reads as numbers
    /// one after another, or with a word for its size (`1.2 million`): `tok` is what follows the
    /// first number.
    fn grouped_digits_help(&self, tok: &Token) -> Option<String> {
        let first = &self.tokens[self.pos.checked_sub(1)?];
        let number = |t: &Token| matches!(t.kind, TokenKind::Number(_));
        if !number(first) {
            return None;
        }
        if tok.kind == TokenKind::Ident {
            // `1.2 million`
            let written = format!("{} {}", self.text(&first.span), self.text(&tok.span));
            return crate::format::written::multiplier_help(&written);
        }
        if !number(tok) {
            return None;
        }
        // The numbers that follow each other with only spaces between them, from `first` on.
        let mut end = tok.span.end;
        for next in &self.tokens[self.pos + 1..] {
            let gap = &self.src[end..next.span.start];
            if !number(next) || !gap.bytes().all(|b| b == b' ') {
                break;
            }
            end = next.span.end;
        }
        let text = self.src[first.span.start..end].split_whitespace();
        crate::format::written::space_grouped_help(&text.collect::<Vec<_>>().join(" "))
    }

    /// Bare words one after another: `if x > 1` (the `when` is already the "if"), or a sentence
    /// such as `Russia breaks the front` written where the ids of flags and events belong.
    fn words_help(&self, tok: &Token) -> Option<String> {
        let i = self.pos;
        let prev = &self.tokens[i.checked_sub(1)?];
        if tok.kind != TokenKind::Ident || prev.kind != TokenKind::Ident {
            return None;
        }
        let first = self.text(&prev.span);
        if i == 1 && matches!(first.to_lowercase().as_str(), "if" | "when" | "while") {
            let rest = self.text(&(tok.span.start..self.tokens.last()?.span.end));
            return Some(format!(
                "leave out `{first}`: the {} is what follows it, `{rest}`",
                self.noun
            ));
        }
        let words = self.tokens.iter().all(|t| t.kind == TokenKind::Ident);
        let article = if self.noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        (words && self.tokens.len() >= 3).then(|| {
            format!(
                "this reads as a sentence: {article} {} is made of the ids of flags, variables \
                 and events, as in `war and tension > 5`; a description goes in `label`",
                self.noun
            )
        })
    }

    /// `a < b < c`: suggest `a < b and b < c`, quoting the three operands when they are short.
    pub(super) fn chained(&self, first: Cmp, second: Cmp, tok: &Token) -> ExprError {
        let err = ExprError::new(tok.span.clone(), "comparisons can't be chained");
        let n = self.operands.len();
        let lhs = &self.out[self.operands[n - 2]].span;
        let mid = &self.out[self.operands[n - 1]].span;
        // The third operand runs to the next `and`, `or`, comparison or unmatched `)`.
        let mut level = 0usize;
        let mut end = None;
        for t in &self.tokens[self.pos + 1..] {
            match t.kind {
                TokenKind::LParen => level += 1,
                TokenKind::RParen if level == 0 => break,
                TokenKind::RParen => level -= 1,
                TokenKind::And | TokenKind::Or if level == 0 => break,
                k if level == 0 && matches!(Binary::of(k), Some(Binary::Cmp(_))) => break,
                _ => {}
            }
            end = Some(t.span.end);
        }
        let rhs = end.map(|end| self.tokens[self.pos + 1].span.start..end);
        let quotable = |s: &str| s.len() <= 40 && !s.contains('\n');
        match rhs {
            Some(rhs) if [lhs, mid, &rhs].iter().all(|s| quotable(self.text(s))) => {
                let (l, m, r) = (self.text(lhs), self.text(mid), self.text(&rhs));
                err.with_help(format!(
                    "compare two values at a time: `{l} {} {m} and {m} {} {r}`",
                    first.symbol(),
                    second.symbol()
                ))
            }
            _ => err.with_help("compare two values at a time and join the comparisons with `and`"),
        }
    }
}
