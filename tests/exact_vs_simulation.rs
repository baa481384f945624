//! Random small scenarios: the exact solver against the Monte Carlo engine (`brink::engine::run`)
//! and against a plain simulation written straight from docs/language.md, within 5 standard errors on
//! every outcome, event and actor, at fixed seeds.

use crate::common;

use brink::analysis::exact::{Options, Solution, solve};
use brink::engine::{RunConfig, run};
use brink::expr::{Op, Program};
use brink::model::{Dist, Effects, Model};
use common::exact::*;
use common::naive;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

const TRIALS: u64 = 20_000;

#[derive(Clone, Debug)]
enum Cond {
    True,
    Flag(usize),
    NotFlag(usize),
    Fired(usize),
    VarGe(usize, i8),
    StepGt(u8),
    FlagAndFired(usize, usize),
    /// `first(e) <= t`
    FirstLe(usize, u8),
}

#[derive(Clone, Debug)]
struct Fx {
    set: Option<usize>,
    clear: Option<usize>,
    add: Option<(usize, i8)>,
    assign: Option<(usize, i8)>,
}

#[derive(Clone, Debug)]
struct EventSpec {
    actor: usize,
    p: f64,
    uncertain: bool,
    repeat: bool,
    over: u32,
    when: Cond,
    modifier: Option<(Cond, f64)>,
    fx: Fx,
    branches: Vec<(f64, Fx)>,
}

#[derive(Clone, Debug)]
struct Spec {
    flags: Vec<bool>,
    /// (initial, max); min is 0.
    vars: Vec<(i8, i8)>,
    events: Vec<EventSpec>,
    terminal: Vec<Cond>,
    horizon_outcome: Option<Cond>,
    horizon: u32,
}

fn cond() -> impl Strategy<Value = Cond> {
    prop_oneof![
        2 => Just(Cond::True),
        2 => (0..8usize).prop_map(Cond::Flag),
        1 => (0..8usize).prop_map(Cond::NotFlag),
        3 => (0..8usize).prop_map(Cond::Fired),
        2 => (0..8usize, 0..4i8).prop_map(|(v, c)| Cond::VarGe(v, c)),
        1 => (0..5u8).prop_map(Cond::StepGt),
        1 => (0..8usize, 0..8usize).prop_map(|(f, e)| Cond::FlagAndFired(f, e)),
        1 => (0..8usize, 0..5u8).prop_map(|(e, t)| Cond::FirstLe(e, t)),
    ]
}

fn fx() -> impl Strategy<Value = Fx> {
    (
        proptest::option::weighted(0.4, 0..8usize),
        proptest::option::weighted(0.2, 0..8usize),
        proptest::option::weighted(0.5, (0..8usize, -2..3i8)),
        proptest::option::weighted(0.1, (0..8usize, 0..3i8)),
    )
        .prop_map(|(set, clear, add, assign)| Fx {
            set,
            clear,
            add,
            assign,
        })
}

fn event() -> impl Strategy<Value = EventSpec> {
    (
        (0..2usize, 0.05..0.7f64, proptest::bool::weighted(0.15)),
        (
            proptest::bool::weighted(0.4),
            prop_oneof![4 => Just(1u32), 1 => 2..4u32],
        ),
        cond(),
        proptest::option::weighted(0.3, (cond(), prop_oneof![Just(0.5), Just(2.0), Just(3.0)])),
        fx(),
        prop::collection::vec((1.0..4.0f64, fx()), 0..3),
    )
        .prop_map(
            |((actor, p, uncertain), (repeat, over), when, modifier, fx, branches)| EventSpec {
                actor,
                p,
                uncertain,
                repeat,
                over,
                when,
                modifier,
                fx,
                branches,
            },
        )
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(any::<bool>(), 1..4),
        prop::collection::vec((0..3i8, 2..6i8), 0..3),
        prop::collection::vec(event(), 1..5),
        prop::collection::vec(cond(), 1..3),
        proptest::option::of(cond()),
        3..9u32,
    )
        .prop_map(
            |(flags, vars, events, terminal, horizon_outcome, horizon)| Spec {
                flags,
                vars,
                events,
                terminal,
                horizon_outcome,
                horizon,
            },
        )
}

fn build(s: &Spec) -> Model {
    let mut m = model(s.horizon);
    add_actor(&mut m, "other", "Other");
    for (i, &initial) in s.flags.iter().enumerate() {
        add_flag(&mut m, &format!("f{i}"), initial);
    }
    for (i, &(initial, max)) in s.vars.iter().enumerate() {
        add_var(&mut m, &format!("v{i}"), initial as f64, 0.0, max as f64);
    }
    let (nf, nv, ne) = (s.flags.len(), s.vars.len(), s.events.len());
    let program = |c: &Cond| -> Program {
        match *c {
            Cond::True => Program::constant(true),
            Cond::Flag(f) => flag((f % nf) as u32),
            Cond::NotFlag(f) => prog("not f", vec![Op::Flag((f % nf) as u32), Op::Not]),
            Cond::Fired(e) => fired(e % ne),
            Cond::VarGe(v, c) if nv > 0 => cmp((v % nv) as u32, Op::Ge, c as f64),
            Cond::VarGe(..) => Program::constant(false),
            Cond::StepGt(t) => step_after(t as u32),
            Cond::FirstLe(e, t) => prog(
                "first(e) <= t",
                vec![Op::First((e % ne) as u32), Op::Const(t as f64), Op::Le],
            ),
            Cond::FlagAndFired(f, e) => prog(
                "f and e",
                vec![
                    Op::Flag((f % nf) as u32),
                    Op::JumpIfFalseElsePop(3),
                    Op::Fired((e % ne) as u32),
                ],
            ),
        }
    };
    let effects = |x: &Fx| {
        let mut fx = Effects::default();
        fx.set.extend(x.set.map(|f| f % nf));
        fx.clear
            .extend(x.clear.map(|f| f % nf).filter(|f| !fx.set.contains(f)));
        if nv > 0 {
            fx.add
                .extend(x.add.map(|(v, a)| (v % nv, Dist::Const(a as f64))));
            fx.assign.extend(
                x.assign
                    .map(|(v, a)| (v % nv, a as f64))
                    .filter(|(v, _)| !fx.add.iter().any(|(w, _)| w == v)),
            );
        }
        fx
    };
    for (i, e) in s.events.iter().enumerate() {
        let idx = add_event(&mut m, &format!("e{i}"), e.p);
        let ev = &mut m.events[idx];
        if e.uncertain {
            ev.probability = Dist::Uniform {
                lo: e.p / 2.0,
                hi: (e.p * 1.5).min(1.0),
            };
        }
        ev.actor = e.actor;
        ev.repeat = e.repeat;
        ev.over = e.over;
        ev.when = program(&e.when);
        ev.effects = effects(&e.fx);
        if let Some((c, factor)) = &e.modifier {
            let when = program(c);
            add_modifier(&mut m, idx, when, *factor);
        }
        for (i, (w, bfx)) in e.branches.iter().enumerate() {
            let bfx = effects(bfx);
            add_branch(&mut m, idx, &format!("b{i}"), *w, bfx);
        }
    }
    for (i, c) in s.terminal.iter().enumerate() {
        add_outcome(&mut m, &format!("t{i}"), program(c), true);
    }
    if let Some(c) = &s.horizon_outcome {
        add_outcome(&mut m, "h", program(c), false);
    }
    add_catch_all(&mut m);
    m
}

/// Within 5 standard errors. Near 0 and 1 the count is Poisson-like rather than normal, so the
/// variance has a floor of one count: a chance of 1e-7 may show up once in 20 000 trials.
fn agrees(exact: f64, hits: u64, n: u64) -> bool {
    let mc = hits as f64 / n as f64;
    let p = exact.clamp(0.0, 1.0);
    let se = ((p * (1.0 - p)).max(1.0 / n as f64) / n as f64).sqrt();
    (mc - exact).abs() <= 5.0 * se
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        rng_seed: RngSeed::Fixed(20_241_126),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn exact_agrees_with_simulation(s in spec()) {
        let m = build(&s);
        let exact = solve(&m, &Options::default()).expect("small scenarios solve");
        let total: f64 = exact.tally.outcome.iter().sum();
        prop_assert!((total - 1.0).abs() < 1e-9, "outcomes sum to {total}");
        let counts = naive::simulate(&m, TRIALS, 7);
        compare(&m, &exact, "plain simulation", &counts.outcomes, &counts.events, &counts.actors)?;
        let mut cfg = RunConfig::new(TRIALS, 11);
        cfg.threads = Some(1);
        let r = run(&m, &cfg);
        let outcomes: Vec<u64> = r.outcomes.iter().map(|o| o.count).collect();
        let events: Vec<u64> = r.events.iter().map(|e| e.fired).collect();
        compare(&m, &exact, "engine", &outcomes, &events, &r.actors)?;
    }
}

fn compare(
    m: &Model,
    exact: &Solution,
    by: &str,
    outcomes: &[u64],
    events: &[u64],
    actors: &[u64],
) -> Result<(), TestCaseError> {
    for (o, &hits) in outcomes.iter().enumerate() {
        let p = exact.outcome_probability(o);
        prop_assert!(
            agrees(p, hits, TRIALS),
            "outcome {}: exact {p}, {by} {hits}/{TRIALS}",
            m.outcomes[o].id
        );
    }
    for (e, &hits) in events.iter().enumerate() {
        let p = exact.event_probability(e);
        prop_assert!(
            agrees(p, hits, TRIALS),
            "event {}: exact {p}, {by} {hits}/{TRIALS}",
            m.events[e].id
        );
    }
    for (a, &hits) in actors.iter().enumerate() {
        let p = exact.actor_probability(a);
        prop_assert!(
            agrees(p, hits, TRIALS),
            "actor {}: exact {p}, {by} {hits}/{TRIALS}",
            m.actors[a].id
        );
    }
    Ok(())
}

/// Every scenario with a known answer that `exact` solves, against the engine.
#[test]
fn engine_agrees_on_the_known_answer_scenarios() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut checked = 0;
    for path in files {
        let m = brink::model::load(&path, &[]).unwrap().model;
        let Ok(exact) = solve(&m, &Options::default()) else {
            continue;
        };
        let mut cfg = RunConfig::new(TRIALS, 3);
        cfg.threads = Some(1);
        let r = run(&m, &cfg);
        let outcomes: Vec<u64> = r.outcomes.iter().map(|o| o.count).collect();
        let events: Vec<u64> = r.events.iter().map(|e| e.fired).collect();
        if let Err(e) = compare(&m, &exact, "engine", &outcomes, &events, &r.actors) {
            panic!("{}: {e}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} scenarios solved");
}

/// A format-2 scenario as text: parameters (drawn, or defined from an earlier one), computed
/// probabilities, factors, weights, amounts and assigned values, and a drawn factor.
#[derive(Clone, Debug)]
struct Spec2 {
    /// Per parameter: `Some((lo, width))` for a uniform draw, `None` for one defined from the
    /// previous parameter (the first is always drawn).
    params: Vec<Option<(f64, f64)>>,
    flags: Vec<bool>,
    vars: Vec<(u8, u8)>,
    events: Vec<Event2>,
    terminal: Vec<u8>,
    horizon: u32,
}

#[derive(Clone, Debug)]
struct Event2 {
    probability: u8,
    when: u8,
    repeat: bool,
    modifier: Option<(u8, u8)>,
    set: Option<usize>,
    add: Option<(usize, u8)>,
    assign: Option<usize>,
    branches: Vec<(u8, usize)>,
}

fn spec2() -> impl Strategy<Value = Spec2> {
    let event = (
        (0..7u8, 0..9u8, proptest::bool::weighted(0.4)),
        proptest::option::weighted(0.4, (0..9u8, 0..3u8)),
        proptest::option::weighted(0.4, 0..4usize),
        proptest::option::weighted(0.5, (0..4usize, 0..4u8)),
        proptest::option::weighted(0.15, 0..4usize),
        prop::collection::vec((0..3u8, 0..4usize), 0..3),
    )
        .prop_map(
            |((probability, when, repeat), modifier, set, add, assign, branches)| Event2 {
                probability,
                when,
                repeat,
                modifier,
                set,
                add,
                assign,
                branches,
            },
        );
    (
        (0..3usize, (0.05..0.3f64, 0.05..0.3f64)),
        prop::collection::vec(any::<bool>(), 1..4),
        prop::collection::vec((0..3u8, 2..6u8), 1..3),
        prop::collection::vec(event, 1..5),
        prop::collection::vec(0..9u8, 1..3),
        2..7u32,
    )
        .prop_map(
            |((np, (lo, width)), flags, vars, events, terminal, horizon)| Spec2 {
                params: (0..np)
                    .map(|i| (i == 0 || width > 0.2).then_some((lo, width)))
                    .collect(),
                flags,
                vars,
                events,
                terminal,
                horizon,
            },
        )
}

impl Spec2 {
    fn flag(&self, i: usize) -> String {
        format!("f{}", i % self.flags.len())
    }

    fn var(&self, i: usize) -> String {
        format!("v{}", i % self.vars.len())
    }

    fn param(&self, i: usize) -> Option<String> {
        (!self.params.is_empty()).then(|| format!("p{}", i % self.params.len()))
    }

    fn drawn_params(&self) -> usize {
        self.params.iter().filter(|p| p.is_some()).count()
    }

    fn cond(&self, c: u8, at: usize) -> String {
        let ne = self.events.len();
        match c {
            0 | 1 => "true".into(),
            2 => self.flag(at),
            3 => format!("not {}", self.flag(at + 1)),
            4 => format!("e{}", (at + 1) % ne),
            5 => format!("{} >= 2", self.var(at)),
            6 => format!("step > {}", at % 3 + 1),
            7 => format!("first(e{}) <= 2", at % ne),
            _ => match self.param(at) {
                Some(p) => format!("{p} > 0.25"),
                None => "true".into(),
            },
        }
    }

    fn probability(&self, k: u8, at: usize) -> String {
        let v = self.var(at);
        match (k, self.param(at)) {
            (0, _) => format!("{}", 0.1 + 0.1 * (at % 4) as f64),
            (1, Some(p)) => format!("\"{p}\""),
            (2, Some(p)) => format!("\"if({}, {p}, 0.1)\"", self.flag(at)),
            (3, _) => format!("\"min(0.9, 0.1 * {v} + 0.1)\""),
            (4, _) => format!("\"logistic({v} - 2)\""),
            (5, _) => format!("\"0.3 * {v} - 0.2\""),
            _ if at == 0 && self.drawn_params() < 3 => "{ uniform = [0.1, 0.4] }".into(),
            _ => "0.25".into(),
        }
    }

    fn text(&self) -> String {
        let mut t = format!(
            "[scenario]\nname = \"p\"\nhorizon = {}\n\n[[actors]]\nid = \"a\"\nname = \"A\"\n\n",
            self.horizon
        );
        if !self.params.is_empty() {
            t += "[params]\n";
            for (i, p) in self.params.iter().enumerate() {
                t += &match p {
                    Some((lo, w)) => format!("p{i} = {{ uniform = [{lo}, {}] }}\n", lo + w),
                    None => format!("p{i} = \"p{} * 0.5 + 0.1\"\n", i - 1),
                };
            }
        }
        t += "\n[flags]\n";
        for (i, f) in self.flags.iter().enumerate() {
            t += &format!("f{i} = {f}\n");
        }
        t += "\n[variables]\n";
        for (i, (init, max)) in self.vars.iter().enumerate() {
            t += &format!("v{i} = {{ initial = {init}, min = 0, max = {max} }}\n");
        }
        for (i, e) in self.events.iter().enumerate() {
            t += &format!("\n[[events]]\nid = \"e{i}\"\nactor = \"a\"\n");
            let probability = self.probability(e.probability, i);
            let drawn_probability = usize::from(probability.starts_with('{'));
            t += &format!("probability = {probability}\n");
            t += &format!(
                "when = \"{}\"\nrepeat = {}\n",
                self.cond(e.when, i),
                e.repeat
            );
            if let Some((c, f)) = e.modifier {
                let factor = match f {
                    0 => "2".to_string(),
                    1 => format!("\"0.5 * {}\"", self.var(i)),
                    // Three draws at most: parameters, the first event's probability and
                    // its factor.
                    _ if i == 0 && self.drawn_params() + drawn_probability < 3 => {
                        "{ uniform = [0.5, 2] }".to_string()
                    }
                    _ => "0.5".to_string(),
                };
                let when = self.cond(c, i + 1);
                t += &format!("modifiers = [{{ when = \"{when}\", factor = {factor} }}]\n");
            }
            if let Some(f) = e.set {
                t += &format!("set = [\"{}\"]\n", self.flag(f));
            }
            let added = e.add.map(|(v, a)| {
                let amount = match a {
                    0 => "1".to_string(),
                    1 => format!("\"{} * 0.5\"", self.var(v)),
                    2 => format!("\"1 - {}\"", self.var(v)),
                    _ => format!("\"{} + 1\"", self.var(v + 1)),
                };
                t += &format!("add = {{ {} = {amount} }}\n", self.var(v));
                self.var(v)
            });
            if let Some(v) = e
                .assign
                .map(|v| self.var(v))
                .filter(|v| Some(v) != added.as_ref())
            {
                t += &format!("assign = {{ {v} = \"{v} + 2\" }}\n");
            }
            if !e.branches.is_empty() {
                let items: Vec<String> = (e.branches.iter())
                    .map(|&(w, f)| {
                        let weight = match w {
                            0 => "1".to_string(),
                            _ => format!("\"{}\"", self.var(f)),
                        };
                        format!("{{ weight = {weight}, set = [\"{}\"] }}", self.flag(f + 1))
                    })
                    .collect();
                t += &format!("branches = [{}]\n", items.join(", "));
            }
        }
        for (i, &c) in self.terminal.iter().enumerate() {
            t += &format!(
                "\n[[outcomes]]\nid = \"t{i}\"\nwhen = \"{}\"\n",
                self.cond(c, i + 2)
            );
        }
        t + "\n[[outcomes]]\nid = \"rest\"\n"
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        rng_seed: RngSeed::Fixed(20_261_130),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Format-2 scenarios: the exact solver against the engine.
    #[test]
    fn exact_agrees_with_the_engine_on_format_2(s in spec2()) {
        let text = s.text();
        let m = match brink::model::load_str("p.toml", &text, &[]) {
            Ok(l) => l.model,
            Err(d) => panic!("{}\n{text}", d.render(false)),
        };
        let exact = match solve(&m, &Options::default()) {
            Ok(x) => x,
            Err(e) => panic!("{e}\n{text}"),
        };
        let total: f64 = exact.tally.outcome.iter().sum();
        prop_assert!((total - 1.0).abs() < 1e-9, "outcomes sum to {total}");
        let mut cfg = RunConfig::new(TRIALS, 5);
        cfg.threads = Some(1);
        let r = run(&m, &cfg);
        let outcomes: Vec<u64> = r.outcomes.iter().map(|o| o.count).collect();
        let events: Vec<u64> = r.events.iter().map(|e| e.fired).collect();
        compare(&m, &exact, &format!("engine on\n{text}\n"), &outcomes, &events, &r.actors)?;
        // Computed amounts show in the variables: each end mean within 5 standard errors, the
        // standard deviation from the exact distribution.
        for (v, dist) in exact.tally.vars.iter().enumerate().filter(|(_, d)| !d.is_empty()) {
            let mean = exact.variable_stats(v).unwrap().mean;
            let var: f64 = dist.iter().map(|(x, p)| p * (x.get() - mean).powi(2)).sum();
            let se = (var.max(0.0) / TRIALS as f64).sqrt();
            let got = r.variables[v].mean().unwrap();
            prop_assert!(
                (got - mean).abs() <= 5.0 * se + 1e-9,
                "variable v{v}: exact mean {mean}, engine {got}, se {se}\n{text}"
            );
        }
    }
}
