//! Resolves names and checks types, collecting every error rather than stopping at the first.
//! A sub-expression that already failed has no type (`None`), so one mistake is reported once and
//! not again by every operator above it. It walks the postfix nodes with a stack: no recursion.

use super::error::ExprError;
use super::expected::expected_types;
use super::functions::FUNCTIONS;
use super::postfix::{Arith, Cmp, Func, Node, NodeKind, Span};
use super::scope::{Scope, Symbol};
use super::token::{KEYWORDS, TokenKind};
use super::types::Type;
use super::unknown::{likely_name, sharing_a_word};
use crate::format::suggest::closest;

pub(crate) struct Checker<'a> {
    pub src: &'a str,
    pub scope: &'a dyn Scope,
    pub allow_outcomes: bool,
    /// What the whole expression must give: a number (a probability, a factor, an amount) or a
    /// truth value (a condition).
    pub want: Type,
    pub errors: Vec<ExprError>,
}

/// What the checker knows about one operand on its stack.
#[derive(Clone, Debug)]
struct Operand {
    /// None when the operand already has an error.
    ty: Option<Type>,
    span: Span,
    /// Set for a bare event name, which people sometimes use as a count.
    event: Option<String>,
    /// Set for a bare number literal.
    literal: Option<f64>,
}

impl Checker<'_> {
    /// Checks the whole expression (postfix, as parsed) against the type the caller wants.
    pub(crate) fn check_root(&mut self, nodes: &[Node], want: Type) {
        let mut stack: Vec<Operand> = Vec::new();
        let expected = expected_types(nodes, want);
        for (node, expected) in nodes.iter().zip(expected) {
            let mut operand = Operand {
                ty: None,
                span: node.span.clone(),
                event: None,
                literal: None,
            };
            operand.ty = match &node.kind {
                NodeKind::Bool(_) => Some(Type::Bool),
                NodeKind::Number(v) => {
                    operand.literal = Some(*v);
                    Some(Type::Number)
                }
                NodeKind::Step => Some(Type::Number),
                NodeKind::Name(name) => {
                    if matches!(self.scope.lookup(name), Some(Symbol::Event(_))) {
                        operand.event = Some(name.clone());
                    }
                    self.name(name, &node.span, expected)
                }
                NodeKind::Call {
                    func,
                    arg,
                    arg_span,
                } => self.call(*func, arg, arg_span),
                NodeKind::Apply(f, argc) => {
                    let f = &FUNCTIONS[*f as usize];
                    let args = stack.split_off(stack.len() - *argc as usize);
                    if f.either_type {
                        self.either_type(f.name, args)
                    } else {
                        let mut fits = true;
                        for (i, arg) in args.into_iter().enumerate() {
                            let want = f.params[i.min(f.params.len() - 1)];
                            fits &= self.argument(f.name, arg, want);
                        }
                        // A call with a wrong argument has no type: its one error is the
                        // argument's, not also "compare it" for a value that cannot be.
                        fits.then_some(f.result)
                    }
                }
                NodeKind::Sep(_) => continue,
                NodeKind::Not => {
                    let inner = pop(&mut stack);
                    if inner.ty == Some(Type::Number) {
                        let what = self.describe(&inner.span);
                        self.errors.push(
                            ExprError::new(
                                inner.span.clone(),
                                format!("`not` needs a true/false value, but {what} is a number"),
                            )
                            .with_help(self.compare_help(&inner.span)),
                        );
                    }
                    Some(Type::Bool)
                }
                NodeKind::Neg => {
                    let inner = pop(&mut stack);
                    if inner.ty == Some(Type::Bool) {
                        let what = self.describe(&inner.span);
                        self.errors.push(
                            ExprError::new(
                                inner.span.clone(),
                                format!("`-` needs a number, but {what} is true/false"),
                            )
                            .with_help(
                                count_help(&inner).unwrap_or_else(|| {
                                    let c = self.condition_words(&inner.span);
                                    truth_literal_help(c).unwrap_or_else(|| {
                                        format!(
                                            "the opposite of a true/false value is `not {c}`; as \
                                         a number, write `-if({c}, 1, 0)`"
                                        )
                                    })
                                }),
                            ),
                        );
                    }
                    Some(Type::Number)
                }
                NodeKind::Logic(op) => {
                    let rhs = pop(&mut stack);
                    let lhs = pop(&mut stack);
                    for side in [lhs, rhs] {
                        if side.ty == Some(Type::Number) {
                            let what = self.describe(&side.span);
                            self.errors.push(
                                ExprError::new(
                                    side.span.clone(),
                                    format!(
                                        "`{}` needs a true/false value on both sides, but {what} is a number",
                                        op.word()
                                    ),
                                )
                                .with_help(self.compare_help(&side.span)),
                            );
                        }
                    }
                    Some(Type::Bool)
                }
                NodeKind::Arith(op) => {
                    let rhs = pop(&mut stack);
                    let lhs = pop(&mut stack);
                    let needs = format!("`{}` needs numbers on both sides", op.symbol());
                    // `0.1 * sanctions`: a number while a flag holds, 0 otherwise.
                    let scaled = match (lhs.ty, rhs.ty) {
                        (Some(Type::Number), Some(Type::Bool)) => Some(lhs.span.clone()),
                        (Some(Type::Bool), Some(Type::Number)) => Some(rhs.span.clone()),
                        _ => None,
                    }
                    .filter(|_| *op == Arith::Mul)
                    .map(|number| self.text(&number).trim().to_string())
                    .filter(|number| number.len() <= 40 && !number.contains('\n'));
                    self.require_numbers(&needs, [lhs, rhs], scaled.as_deref());
                    Some(Type::Number)
                }
                NodeKind::Compare(op) => {
                    let rhs = pop(&mut stack);
                    let lhs = pop(&mut stack);
                    match op {
                        Cmp::Eq | Cmp::Ne => {
                            if let (Some(l), Some(r)) = (lhs.ty, rhs.ty)
                                && l != r
                            {
                                let err = self.mixed_equality(&node.span, *op, &lhs, &rhs);
                                self.errors.push(err);
                            }
                        }
                        _ => {
                            let needs = format!("`{}` compares numbers", op.symbol());
                            self.require_numbers(&needs, [lhs, rhs], None);
                        }
                    }
                    Some(Type::Bool)
                }
            };
            stack.push(operand);
        }
        let root = pop(&mut stack);
        let Some(got) = root.ty else { return };
        if got == want {
            return;
        }
        let what = self.describe(&root.span);
        let err = match want {
            Type::Bool => ExprError::new(
                root.span.clone(),
                format!("{what} is a number, but a condition must be true or false"),
            )
            .with_help(self.compare_help(&root.span)),
            Type::Number => ExprError::new(
                root.span.clone(),
                format!("{what} is true/false, but a number is needed here"),
            )
            .with_help(format!(
                "a number that depends on it is written `if({}, 0.2, 0.1)`: the first while it \
                 holds, the second otherwise",
                self.condition_words(&root.span)
            )),
        };
        self.errors.push(err);
    }

    /// `expected`: the type the name's place asks for, if one (see `expected.rs`).
    fn name(&mut self, name: &str, span: &Span, expected: Option<Type>) -> Option<Type> {
        match self.scope.lookup(name) {
            Some(Symbol::Flag(_) | Symbol::Event(_)) => Some(Type::Bool),
            Some(Symbol::Var(_) | Symbol::Param(_)) => Some(Type::Number),
            Some(Symbol::Outcome(_)) if self.allow_outcomes => Some(Type::Bool),
            Some(Symbol::Outcome(_)) => {
                self.errors.push(ExprError::new(
                    span.clone(),
                    format!(
                        "`{name}` is an outcome, and outcome ids are names only in `--given` expressions"
                    ),
                ).with_help("a condition can read the flags, variables and events that make the outcome hold"));
                None
            }
            Some(Symbol::Actor(_)) => {
                self.errors.push(
                    ExprError::new(
                        span.clone(),
                        format!(
                            "`{name}` is an actor; conditions read flags, variables and events"
                        ),
                    )
                    .with_help(format!(
                        "to test what {name} did, name one of its events (those with \
                     `actor = \"{name}\"`) or a flag they set"
                    )),
                );
                None
            }
            None => {
                self.errors.push(self.unknown_name(name, span, expected));
                None
            }
        }
    }

    fn unknown_name(&self, name: &str, span: &Span, expected: Option<Type>) -> ExprError {
        match name.to_ascii_lowercase().as_str() {
            "inf" | "infinity" => {
                return ExprError::new(span.clone(), format!("`{name}` is not a number in brink"))
                    .with_help("numbers must be finite; use a large one instead, e.g. `1e9`");
            }
            "nan" => {
                return ExprError::new(span.clone(), format!("`{name}` is not a number in brink"))
                    .with_help("numbers must be finite, e.g. `0`");
            }
            // `y` and `n` are left to the did-you-mean: in a condition they are likelier
            // names; `true` and `false` are keywords and never unknown.
            word if word.len() > 1
                && let Some(value) = crate::format::suggest::truth_word(word)
                && self.scope.lookup(name).is_none() =>
            {
                let help = if expected == Some(Type::Number) {
                    let one = if value { "1" } else { "0" };
                    format!(
                        "yes and no are `true` and `false`, and a number goes here: write {one} \
                         for `{name}`"
                    )
                } else {
                    format!(
                        "yes and no are `true` and `false`: write `{value}`; a flag alone is \
                         already a test (`war`, `not war`)"
                    )
                };
                return ExprError::unknown(span.clone(), "name", name).with_help(help);
            }
            _ => {}
        }
        // Every name a condition may read, with its type; the keywords that are values alone.
        let mut candidates: Vec<(String, Type)> = (self.scope.names().into_iter())
            .filter_map(|n| {
                let ty = match self.scope.lookup(&n)? {
                    Symbol::Actor(_) => return None,
                    Symbol::Outcome(_) if !self.allow_outcomes => return None,
                    Symbol::Flag(_) | Symbol::Event(_) | Symbol::Outcome(_) => Type::Bool,
                    Symbol::Var(_) | Symbol::Param(_) => Type::Number,
                };
                Some((n, ty))
            })
            .collect();
        candidates.extend(KEYWORDS.iter().filter_map(|(w, k)| match k {
            TokenKind::True | TokenKind::False => Some((w.to_string(), Type::Bool)),
            TokenKind::Step => Some((w.to_string(), Type::Number)),
            _ => None,
        }));
        let names: Vec<String> = candidates.iter().map(|(n, _)| n.clone()).collect();
        let related = sharing_a_word(name, &names);
        let help = match likely_name(name, &candidates, expected) {
            Some(s) => format!("did you mean `{s}`?"),
            // `month > 3`: the time, which conditions read as `step`.
            None if is_time_word(name) => format!(
                "the time in a condition is `step`, the number of the step under way (1 in \
                 the first): write `step` for `{name}`"
            ),
            // A number's expression (format 2) reads parameters and variables: a flag would
            // then fail as "true/false, but a number is needed".
            None if self.want == Type::Number => format!(
                "names are the parameters, variables and event ids declared in the scenario{related}; \
                 to make `{name}` a number, declare it under `[params]` as `{name} = 0.1` (or a \
                 distribution), or under `[variables]` if events change it"
            ),
            // Compared with a number (`tension > 3`): a variable.
            None if expected == Some(Type::Number) => format!(
                "names are the flags, variables and {ids} declared in the scenario{related}; \
                 to make `{name}` a number, declare it under `[variables]` as `{name} = 0`",
                ids = if self.allow_outcomes {
                    "event and outcome ids"
                } else {
                    "event ids"
                }
            ),
            None => format!(
                "names are the flags, variables and {ids} declared in the scenario{related}; \
                 to make `{name}` a flag, declare it under `[flags]` as `{name} = false`",
                // A `given` also reads outcomes.
                ids = if self.allow_outcomes {
                    "event and outcome ids"
                } else {
                    "event ids"
                }
            ),
        };
        ExprError::unknown(span.clone(), "name", name).with_help(help)
    }

    fn call(&mut self, func: Func, arg: &str, span: &Span) -> Option<Type> {
        let f = func.name();
        match self.scope.lookup(arg) {
            Some(Symbol::Event(_)) => return Some(Type::Number),
            Some(other) => {
                // A flag or a variable has no firings: the event that changes it has.
                let help = match other {
                    Symbol::Flag(_) => format!(
                        "`{f}()` reads an event's firings, which a flag does not have: name the \
                         event that sets `{arg}`"
                    ),
                    Symbol::Var(_) => format!(
                        "`{f}()` reads an event's firings, which a variable does not have: name \
                         the event that changes `{arg}`"
                    ),
                    _ => format!("`{f}()` takes the id of an event declared in the scenario"),
                };
                self.errors.push(
                    ExprError::new(
                        span.clone(),
                        format!("`{f}()` takes an event id, but `{arg}` is {}", other.noun()),
                    )
                    .with_help(help),
                )
            }
            None => {
                let events = self
                    .scope
                    .names()
                    .into_iter()
                    .filter(|n| matches!(self.scope.lookup(n), Some(Symbol::Event(_))));
                let err = ExprError::unknown(span.clone(), "event", arg);
                self.errors.push(match closest(arg, events) {
                    Some(s) => err.with_help(format!("did you mean `{s}`?")),
                    None => err.with_help(format!(
                        "`{f}()` takes the id of an event declared in the scenario"
                    )),
                });
            }
        }
        None
    }

    /// An argument of a value function, of the wrong type: an error at the argument. False when
    /// it was reported.
    fn argument(&mut self, name: &str, arg: Operand, want: Type) -> bool {
        let Some(got) = arg.ty.filter(|&t| t != want) else {
            return true;
        };
        let what = self.describe(&arg.span);
        let err = match got {
            Type::Bool => ExprError::new(
                arg.span.clone(),
                format!("`{name}` needs a number, but {what} is true/false"),
            )
            .with_help_opt(count_help(&arg)),
            Type::Number => ExprError::new(
                arg.span.clone(),
                format!("`{name}` needs a true/false value, but {what} is a number"),
            )
            .with_help(self.compare_help(&arg.span)),
        };
        self.errors.push(err);
        false
    }

    /// `if(c, a, b)`: `c` is true/false, `a` and `b` are of one type, the value's.
    fn either_type(&mut self, name: &str, mut args: Vec<Operand>) -> Option<Type> {
        let b = args.pop().expect("three arguments");
        let a = args.pop().expect("three arguments");
        let c = args.pop().expect("three arguments");
        self.argument(name, c, Type::Bool);
        match (a.ty, b.ty) {
            (Some(ta), Some(tb)) if ta != tb => {
                let kind = |t| match t {
                    Type::Bool => "true/false",
                    Type::Number => "a number",
                };
                let (wa, wb) = (self.describe(&a.span), self.describe(&b.span));
                self.errors.push(
                    ExprError::new(
                        b.span.clone(),
                        format!(
                            "`{name}` needs two values of the same kind after the condition, but {wa} is {} and {wb} is {}",
                            kind(ta),
                            kind(tb)
                        ),
                    )
                    .with_help("give both numbers, or both true/false values"),
                );
                None
            }
            (ta, tb) => ta.or(tb),
        }
    }

    /// One error for each operand that is true/false where `needs` (e.g. "`+` needs numbers on
    /// both sides") wants a number. `scaled`: the number the other side multiplies it by.
    fn require_numbers(&mut self, needs: &str, sides: [Operand; 2], scaled: Option<&str>) {
        for side in sides {
            if side.ty == Some(Type::Bool) {
                let what = self.describe(&side.span);
                let c = self.condition_words(&side.span);
                let help = count_help(&side)
                    .or_else(|| truth_literal_help(c))
                    .unwrap_or_else(|| match scaled {
                        Some(x) => format!(
                            "a number while it holds is written `if({c}, {x}, 0)`: {x} while it \
                             holds, 0 otherwise"
                        ),
                        None => format!(
                            "to count it as a number, write `if({c}, 1, 0)`: 1 while it holds, 0 \
                             otherwise"
                        ),
                    });
                self.errors.push(
                    ExprError::new(
                        side.span.clone(),
                        format!("{needs}, but {what} is true/false"),
                    )
                    .with_help(help),
                );
            }
        }
    }

    fn mixed_equality(&self, whole: &Span, op: Cmp, lhs: &Operand, rhs: &Operand) -> ExprError {
        let lhs_bool = lhs.ty == Some(Type::Bool);
        let (bool_side, num_side) = if lhs_bool { (lhs, rhs) } else { (rhs, lhs) };
        let (lw, rw) = (self.describe(&lhs.span), self.describe(&rhs.span));
        let (lt, rt) = if lhs_bool {
            ("true/false", "a number")
        } else {
            ("a number", "true/false")
        };
        let err = ExprError::new(
            whole.clone(),
            format!(
                "`{}` needs two values of the same kind, but {lw} is {lt} and {rw} is {rt}",
                op.symbol()
            ),
        );
        let literal_01 = matches!(num_side.literal, Some(v) if v == 0.0 || v == 1.0);
        let text = self.text(&bool_side.span);
        if literal_01 && text.len() <= 40 && !text.contains('\n') {
            err.with_help(format!(
                "true/false values are not numbers: write `{text}` for true, or `not {text}` for false"
            ))
        } else {
            err
        }
    }

    fn text(&self, span: &Span) -> &str {
        &self.src[span.clone()]
    }

    /// A condition as a fix quotes it: its own words when short, else a placeholder.
    fn condition_words(&self, span: &Span) -> &str {
        Some(self.text(span).trim())
            .filter(|t| t.len() <= 40)
            .unwrap_or("condition")
    }

    /// Quotes a sub-expression for a message, or says "this part" when it is too long to quote.
    fn describe(&self, span: &Span) -> String {
        let text = self.text(span);
        if text.len() <= 40 && !text.contains('\n') {
            format!("`{text}`")
        } else {
            "this part".to_string()
        }
    }

    fn compare_help(&self, span: &Span) -> String {
        let text = self.text(span);
        if text.len() <= 40 && !text.contains('\n') {
            format!("compare it, e.g. `{text} > 0`")
        } else {
            "compare it with a number, e.g. `... > 0`".to_string()
        }
    }
}

/// For an event used as a number: point at `times(e)`.
fn count_help(operand: &Operand) -> Option<String> {
    operand
        .event
        .as_ref()
        .map(|name| format!("to count how often it fired, write `times({name})`"))
}

/// `true` or `false` written where a number goes: the number it stands for.
fn truth_literal_help(text: &str) -> Option<String> {
    let (number, other, other_number) = match text {
        "true" => (1, "false", 0),
        "false" => (0, "true", 1),
        _ => return None,
    };
    Some(format!(
        "`{text}` is not a number: write {number} for it ({other_number} for `{other}`)"
    ))
}

/// The parser emits well-formed postfix, so every operator finds its operands.
fn pop(stack: &mut Vec<Operand>) -> Operand {
    stack.pop().expect("the parser emits well-formed postfix")
}

/// Words for the time that a condition may reach for instead of `step`.
fn is_time_word(name: &str) -> bool {
    // `months_elapsed`, `current_month`: a time word with words that only say which time.
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split('_').filter(|w| !w.is_empty()).collect();
    let filler = |w: &str| {
        matches!(
            w,
            "elapsed"
                | "passed"
                | "current"
                | "number"
                | "num"
                | "count"
                | "total"
                | "so"
                | "far"
                | "since"
                | "start"
                | "of"
                | "the"
                | "now"
                | "n"
        )
    };
    if words.len() > 1
        && words.iter().any(|w| one_time_word(w))
        && words.iter().all(|w| one_time_word(w) || filler(w))
    {
        return true;
    }
    one_time_word(&lower)
}

fn one_time_word(name: &str) -> bool {
    matches!(
        name,
        "month"
            | "months"
            | "time"
            | "t"
            | "year"
            | "years"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "date"
            | "now"
            | "turn"
            | "round"
            | "tick"
            | "period"
            | "quarter"
            | "steps"
    )
}
