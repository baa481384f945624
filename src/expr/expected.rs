//! The type each node's context asks of it (`not x`: true/false; `x >= 3`: a number), worked out
//! before the checker resolves names, so that an unknown name's did-you-mean can prefer names of
//! that type: `not ceasefire_signed` means the event `ceasefire`, not the parameter
//! `ceasefire_rate`. A loop over the postfix nodes with a stack of their indices, as every pass.

use super::functions::FUNCTIONS;
use super::postfix::{Cmp, Node, NodeKind};
use super::types::Type;

/// For each node, the type its operator (or, for the root, the caller) wants of it; `None` where
/// either type fits (`a == b`, `if`'s values) or the node is not an operand.
pub(crate) fn expected_types(nodes: &[Node], want: Type) -> Vec<Option<Type>> {
    let mut expected = vec![None; nodes.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let (arity, wants) = match &node.kind {
            NodeKind::Sep(_) => continue,
            NodeKind::Not => (1, Some(Type::Bool)),
            NodeKind::Neg => (1, Some(Type::Number)),
            NodeKind::Logic(_) => (2, Some(Type::Bool)),
            NodeKind::Arith(_) => (2, Some(Type::Number)),
            NodeKind::Compare(Cmp::Eq | Cmp::Ne) => {
                // Either type, but both sides of one: `x == true` wants a yes/no `x`.
                let right = stack.pop();
                let left = stack.pop();
                if let (Some(left), Some(right)) = (left, right) {
                    expected[left] = own_type(&nodes[right].kind);
                    expected[right] = own_type(&nodes[left].kind);
                }
                stack.push(i);
                continue;
            }
            NodeKind::Compare(_) => (2, Some(Type::Number)),
            NodeKind::Apply(f, argc) => {
                let f = &FUNCTIONS[*f as usize];
                let at = stack.len().saturating_sub(usize::from(*argc));
                for (k, arg) in stack.drain(at..).enumerate() {
                    // `if(c, a, b)`: a condition, then two values of either type.
                    expected[arg] = match (f.either_type, k) {
                        (true, 0) => Some(Type::Bool),
                        (true, _) => None,
                        _ => Some(f.params[k.min(f.params.len() - 1)]),
                    };
                }
                stack.push(i);
                continue;
            }
            NodeKind::Bool(_)
            | NodeKind::Number(_)
            | NodeKind::Name(_)
            | NodeKind::Step
            | NodeKind::Call { .. } => (0, None),
        };
        for _ in 0..arity {
            if let Some(operand) = stack.pop() {
                expected[operand] = wants;
            }
        }
        stack.push(i);
    }
    if let Some(root) = stack.pop() {
        expected[root] = Some(want);
    }
    expected
}

/// The type a node has whatever its names turn out to be: a literal's, an operator's result;
/// `None` for a name, or `if(...)`, whose type is its values'.
fn own_type(kind: &NodeKind) -> Option<Type> {
    match kind {
        NodeKind::Bool(_) | NodeKind::Not | NodeKind::Logic(_) | NodeKind::Compare(_) => {
            Some(Type::Bool)
        }
        NodeKind::Number(_)
        | NodeKind::Neg
        | NodeKind::Arith(_)
        | NodeKind::Step
        | NodeKind::Call { .. } => Some(Type::Number),
        NodeKind::Apply(f, _) => {
            let f = &FUNCTIONS[*f as usize];
            (!f.either_type).then_some(f.result)
        }
        NodeKind::Name(_) | NodeKind::Sep(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{lexer, parser};

    /// The expected type of every name in `src`, in order.
    fn names(src: &str, want: Type) -> Vec<(String, Option<Type>)> {
        let tokens = lexer::lex(src).unwrap();
        let nodes = parser::parse(src, &tokens, "condition").unwrap();
        let expected = expected_types(&nodes, want);
        (nodes.iter().zip(expected))
            .filter_map(|(n, t)| match &n.kind {
                NodeKind::Name(name) => Some((name.clone(), t)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn each_name_gets_the_type_its_operator_asks_for() {
        let (b, n) = (Some(Type::Bool), Some(Type::Number));
        let s = |x: &str| x.to_string();
        assert_eq!(
            names("not a and b >= c + d or (e == f)", Type::Bool),
            [
                (s("a"), b),
                (s("b"), n),
                (s("c"), n),
                (s("d"), n),
                (s("e"), None),
                (s("f"), None)
            ]
        );
        // `==` wants one type of both sides: the other side's, where it shows.
        assert_eq!(
            names("a == true and b != 2 * c and d == (e > 1)", Type::Bool),
            [
                (s("a"), b),
                (s("b"), n),
                (s("c"), n),
                (s("d"), b),
                (s("e"), n)
            ]
        );
        assert_eq!(names("step == a", Type::Bool), [(s("a"), n)]);
        assert_eq!(names("a", Type::Bool), [(s("a"), b)]);
        assert_eq!(names("a", Type::Number), [(s("a"), n)]);
        assert_eq!(names("-a * 2", Type::Number), [(s("a"), n)]);
        // A function's arguments: `min` wants numbers, `if` a condition then either type.
        assert_eq!(
            names("min(a, b) > 1", Type::Bool),
            [(s("a"), n), (s("b"), n)]
        );
        assert_eq!(
            names("if(a, b, c)", Type::Number),
            [(s("a"), b), (s("b"), None), (s("c"), None)]
        );
    }
}
