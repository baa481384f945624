//! The engine's fast form of a program gives bit for bit the program's own value.

use super::super::{Fast, Type};
use super::{State, program};

/// Expressions of every shape the fast form builds (values, pairs, numbers folded, each
/// operator and function, `and`/`or`) and of those it leaves to the program (very long ones).
const NUMBERS: &[&str] = &[
    "x",
    "k",
    "2.5",
    "step",
    "times(offensive)",
    "since(offensive)",
    "first(ceasefire)",
    "0.02 * x",
    "x * 0.02",
    "x + y",
    "x - y - tension",
    "x / y",
    "k * x / (1 + y)",
    "1 / (1 + times(offensive))",
    "min(0.5, k * 0.4 * (1 + tension))",
    "max(tension - 1, 0)",
    "min(x, y)",
    "max(k, 2)",
    "min(2, x)",
    "max(y, k * x)",
    "min(x, y, tension)",
    "max(x, y, tension, k)",
    "clamp(x, y, tension)",
    "abs(y) + sqrt(x) + exp(y) + ln(x) + logistic(tension)",
    "if(a, x, y)",
    "if(x > y and not b, x * 2, -y)",
    "-x",
    "-(x + 2 * 3)",
    "2 * 3 + 4",
    "- -x",
    "if(a or b or c, 1, 2)",
];

const BOOLS: &[&str] = &[
    "a",
    "not a",
    "x > 1",
    "x >= y",
    "x < y",
    "x <= 0",
    "x == y",
    "x != y",
    "times(offensive) > 2",
    "not (x > 1)",
    "offensive",
    "a and b",
    "a or x > 2",
    "since(offensive) >= 3",
    "win",
    "not win and step > 4",
    "a and b and c",
    "a or b or c",
    "(a or b) and (c or x > 2)",
    "(a and b) or (c and not a) or x == y",
    "not (a and b) or c",
    "x > 1 and (y < 0 or (tension >= 7.5 and not c))",
    "a and (b or c) and since(offensive) <= 6",
    "if(a and b, 1, 0) > 0 or c",
    // Flags and fired events read in place by `and`/`or`, negated or not.
    "not not a",
    "not offensive and a",
    "a and not offensive",
    "not a or not b",
    "not (not a and b)",
    "offensive or win",
    "not win or (offensive and not c)",
    "if(not a, 1, 0) > 0",
];

fn states() -> Vec<State> {
    let specials = [
        (3.0, -2.0, 7.5),
        (0.0, -0.0, 0.0),
        (f64::NAN, 1.0, -1.0),
        (f64::INFINITY, f64::NEG_INFINITY, 1e308),
        (1e-310, 5e-324, -7.25),
    ];
    let mut out = Vec::new();
    for (i, &(x, y, tension)) in specials.iter().enumerate() {
        out.push(State {
            flags: vec![i % 2 == 0, i % 3 == 0, i == 4],
            vars: vec![x, y, tension],
            params: vec![0.5 + i as f64],
            times: vec![i as u32, 0],
            last_fired: vec![if i == 0 { u32::MAX } else { 2 }, u32::MAX],
            first_fired: vec![u32::MAX, u32::MAX],
            step: 3 + i as u32,
            outcome: if i == 2 { 0 } else { u32::MAX },
        });
    }
    out
}

fn same(src: &str, want: Type) {
    let p = program(src, want);
    let fast = Fast::new(&p);
    let long = p.ops.len() > 64;
    assert_eq!(
        format!("{fast:?}") == "Fast(tree)",
        !long,
        "`{src}` as {fast:?}"
    );
    for s in states() {
        let (a, b) = (
            p.eval(&s.ctx(), &mut Vec::new()),
            fast.eval(&s.ctx(), &mut Vec::new()),
        );
        assert_eq!(a.to_bits(), b.to_bits(), "`{src}` in {s:?}: {a} vs {b}");
    }
}

#[test]
fn fast_form_gives_the_programs_value() {
    for src in NUMBERS {
        same(src, Type::Number);
    }
    for src in BOOLS {
        same(src, Type::Bool);
    }
}

#[test]
fn long_programs_give_the_programs_value() {
    // Longer than the tree the fast form builds: run as written.
    let long = vec!["x"; 100].join(" + ");
    same(&long, Type::Number);
    let nested = format!("{}x{}", "(1 + ".repeat(40), ")".repeat(40));
    same(&nested, Type::Number);
}
