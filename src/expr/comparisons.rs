//! The comparisons of one name, or one `times(e)`, with one number in a condition (`tension >
//! 10`, `-5 <= x`, `times(talks) >= 2`), each with its text: what `check` judges part by part
//! against the declared bounds, where the condition as a whole may go either way (`war or
//! tension > 10` on a level up to 10 is true when `war` is, but its second part never holds).

use super::lexer;
use super::parser;
use super::postfix::{Cmp, Func, NodeKind};

/// What is compared with a number.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    /// A variable, parameter or other name.
    Name(String),
    /// `times(e)`, the number of times event `e` has fired.
    Times(String),
}

/// `subject cmp number`, as written (a number on the left is turned round).
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The comparison as written in the condition.
    pub text: String,
    pub subject: Subject,
    cmp: Cmp,
    number: f64,
}

impl Comparison {
    /// (can be false, can be true) for a subject anywhere in `[lo, hi]`.
    pub fn may_be(&self, (lo, hi): (f64, f64)) -> (bool, bool) {
        let c = self.number;
        let eq = (!(lo == c && hi == c), lo <= c && c <= hi);
        match self.cmp {
            Cmp::Lt => (hi >= c, lo < c),
            Cmp::Le => (hi > c, lo <= c),
            Cmp::Gt => (lo <= c, hi > c),
            Cmp::Ge => (lo < c, hi >= c),
            Cmp::Eq => eq,
            Cmp::Ne => (eq.1, eq.0),
        }
    }
}

/// A value on the parse stack: a subject, a number, or anything else.
enum Item {
    Subject(Subject),
    Number(f64),
    Other,
}

/// Every comparison of a subject with a number in `src`, in order; none if it does not parse.
pub fn comparisons(src: &str) -> Vec<Comparison> {
    let Ok(tokens) = lexer::lex(src) else {
        return Vec::new();
    };
    let Ok(nodes) = parser::parse(src, &tokens, "condition") else {
        return Vec::new();
    };
    let mut stack: Vec<Item> = Vec::new();
    let mut found = Vec::new();
    for node in &nodes {
        let pops = match &node.kind {
            NodeKind::Name(name) => {
                stack.push(Item::Subject(Subject::Name(name.clone())));
                continue;
            }
            NodeKind::Call {
                func: Func::Times,
                arg,
                ..
            } => {
                stack.push(Item::Subject(Subject::Times(arg.clone())));
                continue;
            }
            NodeKind::Number(v) => {
                stack.push(Item::Number(*v));
                continue;
            }
            NodeKind::Neg => {
                if let Some(Item::Number(v)) = stack.last_mut() {
                    *v = -*v;
                    continue;
                }
                1
            }
            NodeKind::Compare(cmp) => {
                let (right, left) = (stack.pop(), stack.pop());
                let turned = match (left, right) {
                    (Some(Item::Subject(subject)), Some(Item::Number(number))) => {
                        Some((subject, *cmp, number))
                    }
                    (Some(Item::Number(number)), Some(Item::Subject(subject))) => {
                        Some((subject, turned_round(*cmp), number))
                    }
                    _ => None,
                };
                if let Some((subject, cmp, number)) = turned {
                    let text = src.get(node.span.clone()).unwrap_or_default();
                    found.push(Comparison {
                        text: unwrapped(text).to_string(),
                        subject,
                        cmp,
                        number,
                    });
                }
                stack.push(Item::Other);
                continue;
            }
            NodeKind::Bool(_) | NodeKind::Step | NodeKind::Call { .. } => 0,
            NodeKind::Apply(_, argc) => usize::from(*argc),
            NodeKind::Not => 1,
            NodeKind::Sep(_) => continue,
            NodeKind::Logic(_) | NodeKind::Arith(_) => 2,
        };
        stack.truncate(stack.len().saturating_sub(pops));
        stack.push(Item::Other);
    }
    found
}

/// `text` without the parentheses around it as a whole: `(x > 5)` is `x > 5`.
fn unwrapped(mut text: &str) -> &str {
    loop {
        text = text.trim();
        let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) else {
            return text;
        };
        // `(a) > (b)` starts and ends with one, but they are not a pair.
        let mut depth = 0i32;
        for ch in inner.chars() {
            depth += match ch {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            if depth < 0 {
                return text;
            }
        }
        text = inner;
    }
}

/// `5 < x` is `x > 5`.
fn turned_round(cmp: Cmp) -> Cmp {
    match cmp {
        Cmp::Lt => Cmp::Gt,
        Cmp::Le => Cmp::Ge,
        Cmp::Gt => Cmp::Lt,
        Cmp::Ge => Cmp::Le,
        same => same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(src: &str, range: (f64, f64)) -> Vec<(String, (bool, bool))> {
        (comparisons(src).into_iter())
            .map(|c| (c.text.clone(), c.may_be(range)))
            .collect()
    }

    #[test]
    fn finds_each_comparison_of_a_name_with_a_number() {
        let found = judged("war or (tension > 10) and 3 <= tension", (0.0, 10.0));
        assert_eq!(
            found,
            [
                ("tension > 10".to_string(), (true, false)),
                ("3 <= tension".to_string(), (true, true)),
            ]
        );
        assert_eq!(
            judged("tension >= -5 and not (tension == 11)", (0.0, 10.0)),
            [
                ("tension >= -5".to_string(), (false, true)),
                ("tension == 11".to_string(), (true, false)),
            ]
        );
        // Arithmetic on either side, or two names, is not such a comparison.
        assert!(judged("tension + 1 > 10 or tension > troops", (0.0, 10.0)).is_empty());
        assert!(judged("max(tension, 2) > 10 or since(go) > 2", (0.0, 10.0)).is_empty());
        let times = comparisons("war or 2 <= times(go)");
        assert_eq!(times[0].subject, Subject::Times("go".into()));
        assert_eq!(times[0].may_be((0.0, 1.0)), (true, false));
        assert!(judged("tension >", (0.0, 10.0)).is_empty());
        assert_eq!(judged("((x) > (5))", (0.0, 1.0))[0].0, "(x) > (5)");
    }

    #[test]
    fn each_operator_is_judged_at_and_beyond_the_bounds() {
        let at = |src: &str| comparisons(src)[0].may_be((0.0, 10.0));
        assert_eq!(at("x < 0"), (true, false));
        assert_eq!(at("x <= 0"), (true, true));
        assert_eq!(at("x > 10"), (true, false));
        assert_eq!(at("x >= 10"), (true, true));
        assert_eq!(at("x >= 0"), (false, true));
        assert_eq!(at("x != 11"), (false, true));
        assert_eq!(at("x == 5"), (true, true));
        assert_eq!(at("0 > x"), (true, false));
        assert_eq!(comparisons("x == 3")[0].may_be((3.0, 3.0)), (false, true));
        assert_eq!(
            comparisons("x > -1")[0].may_be((0.0, f64::INFINITY)),
            (false, true)
        );
    }
}
