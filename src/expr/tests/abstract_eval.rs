//! `may_be` is sound: it never says "cannot" about a result some state in the domain produces.

use super::super::{Domain, EventDomain, Type, compile};
use super::{State, program, scope};
use proptest::prelude::*;

/// Every flag either way, variables anywhere, events unbounded.
pub(super) fn wide_domain() -> Domain {
    Domain {
        flags: vec![(true, true); 3],
        vars: vec![(f64::MIN, f64::MAX); 3],
        params: vec![(1.5, 1.5)],
        events: vec![
            EventDomain {
                can_fire: true,
                max_times: f64::INFINITY,
                has_fired: false,
            };
            2
        ],
        step: (0.0, 100.0),
        outcomes: Vec::new(),
    }
}

fn may_be(src: &str, dom: &Domain) -> (bool, bool) {
    program(src, Type::Bool).may_be(dom)
}

#[test]
fn precise_where_it_matters() {
    let mut dom = wide_domain();
    dom.vars[0] = (0.0, 5.0);
    dom.flags[0] = (true, false);
    dom.events[1] = EventDomain {
        can_fire: false,
        max_times: 0.0,
        has_fired: false,
    };
    dom.step = (0.0, 12.0);
    assert_eq!(may_be("x > 10", &dom), (true, false));
    assert_eq!(may_be("x <= 5", &dom), (false, true));
    assert_eq!(may_be("x >= 0 and x <= 5", &dom), (false, true));
    assert_eq!(may_be("a", &dom), (true, false));
    assert_eq!(may_be("a and b", &dom), (true, false));
    assert_eq!(may_be("a or x > 6", &dom), (true, false));
    assert_eq!(may_be("not a or b", &dom), (false, true));
    assert_eq!(may_be("b or true", &dom), (false, true));
    assert_eq!(may_be("ceasefire", &dom), (true, false));
    assert_eq!(may_be("times(ceasefire) > 0", &dom), (true, false));
    assert_eq!(may_be("since(ceasefire) < 3", &dom), (true, false));
    assert_eq!(
        may_be("ceasefire and since(ceasefire) >= 3", &dom),
        (true, false)
    );
    assert_eq!(may_be("step > 24", &dom), (true, false));
    assert_eq!(
        may_be("offensive and since(offensive) >= 3", &dom),
        (true, true)
    );
    assert_eq!(may_be("x * 2 + 1 > 11", &dom), (true, false));
    assert_eq!(may_be("-x > 0", &dom), (true, false));
    dom.vars[1] = (-5.0, 3.0);
    assert_eq!(may_be("abs(y) < 0", &dom), (true, false));
    assert_eq!(may_be("abs(y) <= 5", &dom), (false, true));
    assert_eq!(may_be("abs(y) > 4", &dom), (true, true));
    assert_eq!(may_be("abs(x - 10) >= 5", &dom), (false, true));
    // x in [0, 5], y in [-5, 3].
    assert_eq!(may_be("sqrt(x) <= sqrt(5)", &dom), (false, true));
    assert_eq!(may_be("sqrt(y) >= 0", &dom), (true, true));
    assert_eq!(may_be("exp(y) > 0", &dom), (false, true));
    assert_eq!(may_be("ln(x) <= ln(5)", &dom), (false, true));
    assert_eq!(
        may_be("logistic(y) < 1 and logistic(y) > 0", &dom),
        (false, true)
    );
    assert_eq!(may_be("min(x, y) <= 3", &dom), (false, true));
    assert_eq!(may_be("max(x, y) >= 0", &dom), (false, true));
    assert_eq!(may_be("max(x, y) > 5", &dom), (true, false));
    assert_eq!(
        may_be("clamp(y, 0, 1) >= 0 and clamp(y, 0, 1) <= 1", &dom),
        (false, true)
    );
    assert_eq!(may_be("if(a, x, 10) == 10", &dom), (false, true));
    assert_eq!(may_be("if(not a, x, 10) > 5", &dom), (true, false));
    assert_eq!(may_be("first(ceasefire) < 1e9", &dom), (true, false));
    assert_eq!(may_be("first(offensive) <= 12", &dom), (true, true));
    // The parameter k is 1.5 throughout.
    assert_eq!(may_be("k * 2 == 3", &dom), (false, true));
    dom.params.clear();
    assert_eq!(may_be("k * 2 == 3", &dom), (true, true));
    assert_eq!(may_be("true", &dom), (false, true));
    assert_eq!(may_be("false", &dom), (true, false));
}

#[test]
fn nan_and_infinity_are_never_ruled_out_wrongly() {
    let mut dom = wide_domain();
    dom.vars[0] = (0.0, 1.0);
    dom.vars[1] = (-1.0, 1.0);
    // x / y can be NaN (0 / 0), so `!=` can hold even against itself.
    assert_eq!(may_be("x / y != x / y", &dom), (true, true));
    assert!(may_be("x / y == x / y", &dom).0);
    // 1 / y can be infinite.
    assert!(may_be("1 / y > 1e308", &dom).1);
    assert!(may_be("1 / y < -1e308", &dom).1);
    // inf - inf is NaN.
    dom.step = (0.0, 0.0);
    let s = State::default();
    let p = program("since(offensive) - since(offensive) != 0", Type::Bool);
    assert!(p.eval_bool(&s.ctx(), &mut Vec::new()));
    assert!(p.may_be(&dom).1);
    // 0 * inf is NaN.
    let p = program("x * since(offensive) == x * since(offensive)", Type::Bool);
    assert!(!p.eval_bool(&s.ctx(), &mut Vec::new()));
    assert!(p.may_be(&dom).0);
}

#[test]
fn malformed_domains_mean_anything() {
    let dom = Domain::default();
    assert_eq!(may_be("a and x > 1 and offensive", &dom), (true, true));
    let mut dom = wide_domain();
    dom.vars[0] = (5.0, 1.0);
    dom.flags[0] = (false, false);
    assert_eq!(may_be("x > 100", &dom), (true, true));
    assert_eq!(may_be("a", &dom), (true, true));
}

// Random well-typed expressions over flags a, b, variables x, y, events and step.
fn number() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        Just("step".to_string()),
        Just("times(offensive)".to_string()),
        Just("since(offensive)".to_string()),
        Just("since(ceasefire)".to_string()),
        Just("first(offensive)".to_string()),
        Just("k".to_string()),
        Just("first(ceasefire)".to_string()),
        prop::sample::select(vec!["0", "1", "2.5", "3", "1e308"]).prop_map(String::from),
    ];
    leaf.prop_recursive(3, 16, 2, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/"]),
                inner.clone()
            )
                .prop_map(|(l, op, r)| format!("({l} {op} {r})")),
            inner.clone().prop_map(|e| format!("-({e})")),
            inner.clone().prop_map(|e| format!("abs({e})")),
            (
                prop::sample::select(vec!["sqrt", "exp", "ln", "logistic"]),
                inner.clone()
            )
                .prop_map(|(f, e)| format!("{f}({e})")),
            (
                prop::sample::select(vec!["min", "max"]),
                prop::collection::vec(inner.clone(), 2..4)
            )
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(x, lo, hi)| format!("clamp({x}, {lo}, {hi})")),
            (inner.clone(), inner.clone(), inner)
                .prop_map(|(c, p, q)| format!("if({c} > 1, {p}, {q})")),
        ]
    })
}

fn boolean() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("a".to_string()),
        Just("b".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        Just("offensive".to_string()),
        Just("ceasefire".to_string()),
        (
            number(),
            prop::sample::select(vec!["==", "!=", "<", "<=", ">", ">="]),
            number()
        )
            .prop_map(|(l, op, r)| format!("({l} {op} {r})")),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["and", "or", "==", "!="]),
                inner.clone()
            )
                .prop_map(|(l, op, r)| format!("({l} {op} {r})")),
            inner.clone().prop_map(|e| format!("(not {e})")),
            (inner.clone(), inner.clone(), inner)
                .prop_map(|(p, q, r)| format!("({p} or {q} and {r})")),
        ]
    })
}

/// A flag domain and a value inside it.
fn flag() -> impl Strategy<Value = ((bool, bool), bool)> {
    prop_oneof![
        any::<bool>().prop_map(|v| ((true, true), v)),
        Just(((true, false), false)),
        Just(((false, true), true)),
    ]
}

/// An interval and a point inside it (often an endpoint, where mistakes hide).
fn var() -> impl Strategy<Value = ((f64, f64), f64)> {
    let ends = prop::sample::select(vec![-1e308, -3.0, -1.0, 0.0, 0.5, 1.0, 2.5, 3.0, 1e308]);
    (ends.clone(), ends, 0..4u8, 0.0..1.0f64).prop_map(|(p, q, pick, t)| {
        let (lo, hi) = if p <= q { (p, q) } else { (q, p) };
        let v = match pick {
            0 => lo,
            1 => hi,
            _ => (lo + t * (hi - lo)).clamp(lo, hi),
        };
        ((lo, hi), v)
    })
}

/// An event domain and a history inside it, given the current step.
fn event() -> impl Strategy<Value = (EventDomain, u32, u32)> {
    (
        any::<bool>(),
        prop::sample::select(vec![1.0, 2.0, f64::INFINITY]),
        0..4u32,
        0..20u32,
        any::<bool>(),
    )
        .prop_map(|(can_fire, max_times, times, back, has_fired)| {
            // "Surely fired" only for an event that can fire.
            let has_fired = has_fired && can_fire;
            let dom = EventDomain {
                can_fire,
                max_times,
                has_fired,
            };
            let times = if !can_fire {
                0
            } else if max_times.is_finite() {
                times.min(max_times as u32)
            } else {
                times
            };
            let times = if has_fired { times.max(1) } else { times };
            (dom, times, back)
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
 cases: 2000,
 rng_seed: proptest::test_runner::RngSeed::Fixed(20261133),
 ..ProptestConfig::default()
 })]

    #[test]
    fn may_be_allows_every_concrete_result(
        src in boolean(),
        flags in prop::collection::vec(flag(), 3),
        vars in prop::collection::vec(var(), 3),
        events in prop::collection::vec(event(), 2),
        step_lo in 0..10u32,
        step_len in 0..10u32,
        step_pick in 0..10u32,
    ) {
        let p = compile(&src, &scope(), Type::Bool, false).expect("generated well-typed");
        let step = step_lo + step_pick.min(step_len);
        let dom = Domain {
            flags: flags.iter().map(|f| f.0).collect(),
            vars: vars.iter().map(|v| v.0).collect(),
            params: vec![(1.5, 1.5)],
            events: events.iter().map(|e| e.0).collect(),
            step: (step_lo as f64, (step_lo + step_len) as f64),
            outcomes: Vec::new(),
        };
        let state = State {
            flags: flags.iter().map(|f| f.1).collect(),
            vars: vars.iter().map(|v| v.1).collect(),
            params: vec![1.5],
            times: events.iter().map(|e| e.1).collect(),
            last_fired: events
                .iter()
                .map(|e| if e.1 == 0 { u32::MAX } else { step.saturating_sub(e.2) })
                .collect(),
            first_fired: events
                .iter()
                .map(|e| if e.1 < 2 { u32::MAX } else { step.saturating_sub(2 * e.2) })
                .collect(),
            step,
            outcome: u32::MAX,
        };
        let concrete = p.eval_bool(&state.ctx(), &mut Vec::new());
        let (can_false, can_true) = p.may_be(&dom);
        prop_assert!(
            if concrete { can_true } else { can_false },
            "`{}` is {} in {:?} but may_be says {:?} over {:?}",
            src, concrete, state, (can_false, can_true), dom
        );
    }
}
