//! Compiled programs compute what docs/language.md says.

use super::super::{Op, Reads, Type, compile};
use super::{State, num, program, scope, truth};

fn zero() -> State {
    State::default()
}

#[test]
fn arithmetic_precedence_and_associativity() {
    let s = zero();
    for (src, want) in [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),
        ("10 - (4 - 3)", 9.0),
        ("16 / 4 / 2", 2.0),
        ("16 / (4 / 2)", 8.0),
        ("2 * 3 + 4 * 5", 26.0),
        ("-2 * 3", -6.0),
        ("2 * -3", -6.0),
        ("- -2", 2.0),
        ("-(1 + 2)", -3.0),
        ("1 - -1", 2.0),
        ("2.5e2 + 0.5", 250.5),
        ("1e3 / 1E3", 1.0),
        ("7 - 2 + 1", 6.0),
        ("8 / 2 * 4", 16.0),
        // Arguments that only look like a thousands-grouped number keep their meaning.
        ("max(1,500)", 500.0),
        ("max(5, 000)", 5.0),
        ("min(10,50)", 10.0),
        ("max(1.5,000)", 1.5),
    ] {
        assert_eq!(num(src, &s), want, "{src}");
    }
}

#[test]
fn variables_step_times_since() {
    let s = State {
        vars: vec![3.0, -2.0, 7.5],
        times: vec![4, 0],
        last_fired: vec![6, u32::MAX],
        step: 9,
        ..State::default()
    };
    assert_eq!(num("x * y + tension", &s), 1.5);
    assert_eq!(num("step", &s), 9.0);
    assert_eq!(num("times(offensive)", &s), 4.0);
    assert_eq!(num("times(ceasefire)", &s), 0.0);
    assert_eq!(num("since(offensive)", &s), 3.0);
    // Never fired: infinity, so `since(e) >= 3` alone holds; the spec's idiom guards it.
    assert_eq!(num("since(ceasefire)", &s), f64::INFINITY);
    assert!(truth("since(ceasefire) >= 3", &s));
    assert!(!truth("ceasefire and since(ceasefire) >= 3", &s));
    assert!(truth("offensive and since(offensive) >= 3", &s));
    assert!(!truth("offensive and since(offensive) >= 4", &s));
    // An event's name is "fired at least once".
    assert!(truth("offensive", &s));
    assert!(!truth("ceasefire", &s));
}

#[test]
fn comparisons() {
    let s = State {
        vars: vec![2.0, 3.0, 3.0],
        ..State::default()
    };
    for (src, want) in [
        ("x < y", true),
        ("y < x", false),
        ("y < tension", false),
        ("x <= y", true),
        ("y <= tension", true),
        ("y <= x", false),
        ("x > y", false),
        ("y > x", true),
        ("y >= tension", true),
        ("x >= y", false),
        ("y == tension", true),
        ("x == y", false),
        ("x != y", true),
        ("y != tension", false),
        ("true == true", true),
        ("true != false", true),
        ("a == b", true),
        ("(x < y) == (y < x)", false),
        ("x + 1 == y", true),
    ] {
        assert_eq!(truth(src, &s), want, "{src}");
    }
}

/// Every logical form against a reference, over all 8 assignments of a, b, c.
#[test]
// The references are written the way the expressions read, not minimised.
#[allow(clippy::nonminimal_bool)]
fn logic_precedence_against_truth_tables() {
    type F = fn(bool, bool, bool) -> bool;
    let cases: [(&str, F); 12] = [
        ("a and b", |a, b, _| a && b),
        ("a or b", |a, b, _| a || b),
        ("not a", |a, _, _| !a),
        ("a or b and c", |a, b, c| a || (b && c)),
        ("a and b or c", |a, b, c| (a && b) || c),
        ("(a or b) and c", |a, b, c| (a || b) && c),
        ("not a and b", |a, b, _| !a && b),
        ("not (a and b)", |a, b, _| !(a && b)),
        ("not not a", |a, _, _| a),
        ("not a or not b and c", |a, b, c| !a || (!b && c)),
        ("a and (b or c) and not (a and c)", |a, b, c| {
            a && (b || c) && !(a && c)
        }),
        ("a or (b or c) or a", |a, b, c| a || b || c),
    ];
    for (src, reference) in cases {
        for bits in 0..8u8 {
            let (a, b, c) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0);
            let s = State {
                flags: vec![a, b, c],
                ..State::default()
            };
            assert_eq!(truth(src, &s), reference(a, b, c), "{src} with {a} {b} {c}");
        }
    }
}

#[test]
fn not_binds_looser_than_comparisons() {
    let s = State {
        vars: vec![2.0, 0.0, 0.0],
        ..State::default()
    };
    // not (x == 1), not (not x) == 1 which would not type-check anyway.
    assert!(truth("not x == 1", &s));
    assert!(!truth("not x + 1 > 2", &s));
    assert!(truth("not x > 5 and a == false", &s));
}

#[test]
fn and_or_short_circuit_with_absolute_jumps() {
    let p = program("a and b and c", Type::Bool);
    assert_eq!(
        p.ops,
        vec![
            Op::Flag(0),
            Op::JumpIfFalseElsePop(5),
            Op::Flag(1),
            Op::JumpIfFalseElsePop(5),
            Op::Flag(2)
        ]
    );
    let p = program("x > 1 or b", Type::Bool);
    assert_eq!(
        p.ops,
        vec![
            Op::Var(0),
            Op::Const(1.0),
            Op::Gt,
            Op::JumpIfTrueElsePop(5),
            Op::Flag(1)
        ]
    );
    // A parenthesised chain of the same operator is spliced into the outer one.
    let p = program("a or (b or c)", Type::Bool);
    assert_eq!(
        p.ops,
        vec![
            Op::Flag(0),
            Op::JumpIfTrueElsePop(5),
            Op::Flag(1),
            Op::JumpIfTrueElsePop(5),
            Op::Flag(2)
        ]
    );
    // Mixed: the inner `and` jumps to its own end.
    let p = program("(a and b) or c", Type::Bool);
    assert_eq!(
        p.ops,
        vec![
            Op::Flag(0),
            Op::JumpIfFalseElsePop(3),
            Op::Flag(1),
            Op::JumpIfTrueElsePop(5),
            Op::Flag(2)
        ]
    );
}

#[test]
fn short_circuit_skips_the_right_side() {
    // The right side would read a variable out of range; short-circuiting never reaches it.
    let mut scope = scope();
    scope.insert("far", super::super::Symbol::Var(1000));
    let p = compile("a and far > 1", &scope, Type::Bool, false).unwrap();
    assert!(!p.eval_bool(&State::default().ctx(), &mut Vec::new()));
    let p = compile("not a or far > 1", &scope, Type::Bool, false).unwrap();
    assert!(p.eval_bool(&State::default().ctx(), &mut Vec::new()));
}

#[test]
fn ieee_semantics() {
    let s = State {
        vars: vec![1.0, 0.0, 0.0],
        ..State::default()
    };
    assert_eq!(num("x / 0", &s), f64::INFINITY);
    assert_eq!(num("-x / 0", &s), f64::NEG_INFINITY);
    assert!(num("y / 0", &s).is_nan());
    assert!(num("x / 0 - x / 0", &s).is_nan());
    // Every comparison with NaN is false except `!=`.
    for op in ["==", "<", "<=", ">", ">="] {
        assert!(!truth(&format!("y / 0 {op} 1"), &s), "{op}");
        assert!(!truth(&format!("1 {op} y / 0"), &s), "{op}");
        assert!(!truth(&format!("y / 0 {op} y / 0"), &s), "{op}");
    }
    assert!(truth("y / 0 != y / 0", &s));
    assert!(truth("y / 0 != 1", &s));
    assert!(truth("not (y / 0 > 1)", &s));
    // `==` is exact.
    assert!(!truth("0.1 + 0.2 == 0.3", &s));
    assert!(truth("x / 0 == 2 * (x / 0)", &s));
    assert!(truth("x / 0 > 1e308", &s));
}

#[test]
fn outcomes_in_given_expressions() {
    let mut s = State::default();
    assert!(!truth("win", &s));
    s.outcome = 0;
    assert!(truth("win", &s));
    assert!(truth("win and not a", &s));
}

#[test]
fn reads_are_sorted_and_deduplicated() {
    let p = program(
        "c and a and x > times(offensive) or since(ceasefire) > y and a and offensive",
        Type::Bool,
    );
    assert_eq!(
        p.reads,
        Reads {
            flags: vec![0, 2],
            vars: vec![0, 1],
            params: vec![],
            events: vec![0],
            since: vec![1],
            step: true,
            outcomes: vec![],
        }
    );
    let p = program("step > 3 or win", Type::Bool);
    assert!(p.reads.step);
    assert_eq!(p.reads.outcomes, vec![0]);
    assert!(!program("a", Type::Bool).reads.step);
}

#[test]
fn abs_is_the_distance_from_zero() {
    let s = State {
        vars: vec![3.0, -2.0, 7.5],
        ..State::default()
    };
    assert_eq!(num("abs(y)", &s), 2.0);
    assert_eq!(num("abs (x - tension)", &s), 4.5);
    assert_eq!(num("abs(abs(y) - 5) * 2", &s), 6.0);
    assert_eq!(num("-abs(y)", &s), -2.0);
    assert!(num("abs(0 / 0)", &s).is_nan());
    assert_eq!(num("abs(-1 / 0)", &s), f64::INFINITY);
    assert!(truth("abs(y) == 2 and not abs(x) < 3", &s));
}

#[test]
fn max_stack_is_exact() {
    for (src, want) in [
        ("a", 1),
        ("a and b or c", 1),
        ("1 + 2 * 3 > 0", 3),
        ("x + y + tension > 0", 2),
        ("1 + (2 + (3 + 4)) > 0", 4),
        ("a or x + (y + 1) > 2", 3),
        ("not (x > 1) and ((x - 1) * (y - 2) > 0)", 3),
        ("abs(x) + abs(y - 1) > 0", 3),
    ] {
        assert_eq!(program(src, Type::Bool).max_stack, want, "{src}");
    }
}

#[test]
fn source_is_kept_verbatim_and_negative_literals_fold() {
    let p = program("  a\n and b ", Type::Bool);
    assert_eq!(p.source, "  a\n and b ");
    let p = program("-5", Type::Number);
    assert_eq!(p.ops, vec![Op::Const(-5.0)]);
    let p = program("- -5", Type::Number);
    assert_eq!(p.ops, vec![Op::Const(-5.0), Op::Neg]);
    assert_eq!(num("- -5", &zero()), 5.0);
}

/// `x <op> number` and `not a` take a shortcut past the stack machine: it must agree with the
/// same comparison written so that the shortcut does not apply (`0 + x <op> number`).
#[test]
fn shortcuts_agree_with_the_stack_machine() {
    for x in [-1.0, 2.0, 2.5, 3.0, 1e9] {
        let state = State {
            vars: vec![x, 0.0, 0.0],
            ..State::default()
        };
        for op in ["<", "<=", ">", ">=", "==", "!="] {
            let short = program(&format!("x {op} 2.5"), Type::Bool);
            assert_eq!(short.ops.len(), 3, "`x {op} 2.5` has the shortcut's shape");
            let long = format!("0 + x {op} 2.5");
            assert!(
                program(&long, Type::Bool).ops.len() > 3,
                "`{long}` takes the long way"
            );
            assert_eq!(
                short.eval_bool(&state.ctx(), &mut Vec::new()),
                truth(&long, &state),
                "x = {x}, op {op}"
            );
        }
    }
    for a in [false, true] {
        let state = State {
            flags: vec![a, false, false],
            ..State::default()
        };
        assert_eq!(truth("not a", &state), !a);
    }
}
