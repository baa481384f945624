//! The nesting limit, and proof that neither deep nesting nor long flat chains can overflow the
//! stack: everything runs on a thread with a 256 KiB stack.

use super::super::{MAX_DEPTH, Type, compile};
use super::{State, scope};

/// Runs `f` on a thread with a small stack; a stack overflow aborts the test process.
fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic")
}

fn depth_error(src: String) -> (std::ops::Range<usize>, String) {
    small_stack(move || {
        let errs = compile(&src, &scope(), Type::Bool, false).unwrap_err();
        assert_eq!(errs.len(), 1);
        (errs[0].span.clone(), errs[0].message.clone())
    })
}

const MESSAGE: &str = "the condition is nested more than 256 deep";

#[test]
fn parentheses_up_to_the_limit() {
    let ok = format!("{}a{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    small_stack(move || compile(&ok, &scope(), Type::Bool, false).expect("256 deep is allowed"));
    let bad = format!(
        "{}a{}",
        "(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(depth_error(bad), (256..257, MESSAGE.to_string()));
}

#[test]
fn prefix_operators_count_as_nesting() {
    let ok = format!("{}a", "not ".repeat(MAX_DEPTH));
    small_stack(move || compile(&ok, &scope(), Type::Bool, false).expect("256 deep is allowed"));
    let bad = format!("{}a", "not ".repeat(MAX_DEPTH + 1));
    assert_eq!(depth_error(bad), (1024..1027, MESSAGE.to_string()));
    let mixed = format!("{}x{} > 0", "-(".repeat(128), ")".repeat(128));
    small_stack(move || compile(&mixed, &scope(), Type::Bool, false).expect("256 deep is allowed"));
    let bad = format!("{}x{} > 0", "-(".repeat(129), ")".repeat(129));
    assert_eq!(depth_error(bad).1, MESSAGE);
}

#[test]
fn huge_nesting_gives_one_clean_error() {
    let n = 100_000;
    assert_eq!(depth_error("(".repeat(n)).1, MESSAGE);
    assert_eq!(
        depth_error(format!("{}a{}", "(".repeat(n), ")".repeat(n))).1,
        MESSAGE
    );
    assert_eq!(depth_error(format!("{}a", "not ".repeat(n))).1, MESSAGE);
    assert_eq!(depth_error(format!("{}x > 1", "-".repeat(n))).1, MESSAGE);
    assert_eq!(depth_error(format!("{}x > 1", "- ".repeat(n))).1, MESSAGE);
    assert_eq!(depth_error("(not -".repeat(n)).1, MESSAGE);
}

/// The deepest valid input makes every level recurse: `a or b and c == x + y * (...)`.
#[test]
fn worst_case_valid_nesting_fits_a_small_stack() {
    let mut src = String::from("x");
    for _ in 0..MAX_DEPTH {
        src = format!("y * (a or b and x == y + x * {src} > 1 - x)");
    }
    // Mixed bool/number: only the structure matters, but keep it well-typed enough to compile
    // through the checker and the compiler too.
    let mut typed = String::from("x");
    // Three levels (`-`, `(`, `(`) per round.
    for _ in 0..MAX_DEPTH / 3 {
        typed = format!("y * -(x + y * (1 - {typed}))");
    }
    let typed = format!("a or b and {typed} > 1 or c");
    small_stack(move || {
        let errs = compile(&src, &scope(), Type::Bool, false).unwrap_err();
        assert!(errs.iter().all(|e| !e.message.contains("nested")));
        let p = compile(&typed, &scope(), Type::Bool, false).expect("compiles");
        let s = State::default();
        assert!(!p.eval_bool(&s.ctx(), &mut Vec::new()));
        let _ = p.may_be(&super::abstract_eval::wide_domain());
    });
}

#[test]
fn long_flat_chains_are_not_deep() {
    let n = 50_000;
    let or_chain = vec!["a"; n].join(" or ") + " or b";
    let and_chain = vec!["a"; n].join(" and ");
    let sum = vec!["x"; n].join(" + ") + " > 0";
    let mixed = (0..n)
        .map(|i| ["a", "b and c", "x * y - x / 2 + 1 > 0", "not c"][i % 4])
        .collect::<Vec<_>>()
        .join(" or ");
    small_stack(move || {
        let s = State {
            flags: vec![false, true, false],
            vars: vec![1.0, 2.0, 0.0],
            ..State::default()
        };
        let p = compile(&or_chain, &scope(), Type::Bool, false).unwrap();
        assert!(p.eval_bool(&s.ctx(), &mut Vec::new()));
        assert_eq!(p.max_stack, 1);
        assert_eq!(p.may_be(&super::abstract_eval::wide_domain()), (true, true));
        let p = compile(&and_chain, &scope(), Type::Bool, false).unwrap();
        assert!(!p.eval_bool(&s.ctx(), &mut Vec::new()));
        let p = compile(&sum, &scope(), Type::Bool, false).unwrap();
        assert!(p.eval_bool(&s.ctx(), &mut Vec::new()));
        assert_eq!(p.max_stack, 2);
        let p = compile(&mixed, &scope(), Type::Bool, false).unwrap();
        assert!(p.eval_bool(&s.ctx(), &mut Vec::new()));
        // Errors in a long chain are all found, without deep recursion either.
        let bad = vec!["x"; n].join(" or ");
        let errs = compile(&bad, &scope(), Type::Bool, false).unwrap_err();
        assert_eq!(errs.len(), n);
    });
}
