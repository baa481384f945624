//! `sensitivity` as a library, on a two-event chain whose answers are known in closed form.

use brink::analysis::sensitivity::Variant;
use brink::analysis::sensitivity::sensitivity;
use brink::engine::{NoObserver, Sampling, Simulator, TrialKeys};
use brink::model::{self, Model};
use brink::stats;

const CHAIN: &str = include_str!("scenarios/analysis_chain.toml");

fn load(set: &[&str]) -> Model {
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    model::load_str("chain.toml", CHAIN, &set).unwrap().model
}

fn cfg(trials: u64, threads: usize) -> Sampling {
    Sampling {
        trials,
        seed: 4,
        threads: Some(threads),
        progress: false,
    }
}

/// P(b fired by the horizon): `a` fires first at step t, then `b` has h - t steps.
fn chain(pa: f64, pb: f64, h: i32) -> f64 {
    (1..=h)
        .map(|t| (1.0 - pa).powi(t - 1) * pa * (1.0 - (1.0 - pb).powi(h - t)))
        .sum()
}

fn variant(p: f64, v: Variant) -> f64 {
    match v {
        Variant::Halved => p / 2.0,
        Variant::Doubled => (2.0 * p).min(1.0),
        Variant::Forced => 1.0,
        Variant::Removed => 0.0,
    }
}

fn within(est: f64, p: f64, n: u64) -> bool {
    let se = (p * (1.0 - p) / n as f64).sqrt().max(1.0 / n as f64);
    (est - p).abs() <= 5.0 * se
}

#[test]
fn the_chain_matches_its_closed_form_under_every_variant() {
    let (pa, pb, h) = (0.2, 0.3, 10);
    let model = load(&[]);
    let n = 20_000;
    let s = sensitivity(&model, &[0], &cfg(n, 2));
    assert_eq!(s.outcomes.len(), 1);
    let out = &s.outcomes[0];
    let base = chain(pa, pb, h);
    assert!(within(out.count as f64 / n as f64, base, n));
    assert_eq!(out.effects.len(), 2);
    for eff in &out.effects {
        for v in Variant::ALL {
            let exact = match model.events[eff.event].id.as_str() {
                "a" => chain(variant(pa, v), pb, h),
                _ => chain(pa, variant(pb, v), h),
            };
            let (p, diff) = eff.get(v);
            assert!(within(p, exact, n), "{} {v:?}: {p} vs {exact}", eff.event);
            assert!(diff.lo <= diff.estimate && diff.estimate <= diff.hi);
            let d = p - out.count as f64 / n as f64;
            assert!((diff.estimate - d).abs() < 1e-12);
        }
        assert!(!eff.doubled_capped);
        assert_eq!(eff.rank_correlation, None);
    }
    // Removing either event makes escalation impossible: exactly, on every trial.
    for eff in &out.effects {
        assert_eq!(eff.get(Variant::Removed).0, 0.0);
    }
    // Largest swing first.
    assert!(out.effects[0].swing() >= out.effects[1].swing());
}

#[test]
fn doubling_past_one_is_capped_and_marked() {
    let model = load(&["events.b.probability=0.7"]);
    let s = sensitivity(&model, &[0], &cfg(8000, 2));
    let b = s.outcomes[0].effects.iter().find(|e| e.event == 1).unwrap();
    assert!(b.doubled_capped);
    // Doubled and forced are the same model when 2p >= 1: identical on every trial.
    assert_eq!(b.get(Variant::Doubled), b.get(Variant::Forced));
    assert!(within(b.get(Variant::Doubled).0, chain(0.2, 1.0, 10), 8000));
}

#[test]
fn a_drawn_probability_gets_its_rank_correlation() {
    let model = load(&["events.a.probability={ uniform = [0.05, 0.5] }"]);
    let n = 10_000;
    let s = sensitivity(&model, &[0, 1], &cfg(n, 2));
    // Recompute the correlation directly from the baseline's trials.
    let sim = Simulator::new(&model, &[]);
    let mut scratch = sim.scratch();
    let mut keys = TrialKeys::new(4, 0);
    let mut drawn = Vec::new();
    let mut escalated = Vec::new();
    for _ in 0..n {
        let end = sim.simulate(keys.next_key(), &mut scratch, &mut NoObserver);
        drawn.push(scratch.drawn_probability(0).unwrap());
        escalated.push(if end.outcome == 0 { 1.0 } else { 0.0 });
    }
    let expected = stats::spearman(&drawn, &escalated).unwrap();
    let a = |o: usize| {
        s.outcomes[o]
            .effects
            .iter()
            .find(|e| e.event == 0)
            .unwrap()
            .clone()
    };
    let got = a(0).rank_correlation.unwrap();
    assert!((got - expected).abs() < 1e-12, "{got} {expected}");
    assert!(got > 0.2, "{got}");
    // The catch-all is the complement: the opposite correlation.
    assert!((a(1).rank_correlation.unwrap() + got).abs() < 1e-12);
    // b's probability is declared: no correlation.
    let b = s.outcomes[0].effects.iter().find(|e| e.event == 1).unwrap();
    assert_eq!(b.rank_correlation, None);
    // Halving a drawn value: integrate the closed form over the uniform.
    let mean = |f: &dyn Fn(f64) -> f64| {
        let k = 2000;
        (0..k)
            .map(|i| f(0.05 + 0.45 * (i as f64 + 0.5) / k as f64))
            .sum::<f64>()
            / k as f64
    };
    let exact = mean(&|p| chain(p / 2.0, 0.3, 10));
    assert!(within(a(0).get(Variant::Halved).0, exact, n));
}

#[test]
fn results_do_not_depend_on_threads() {
    let model = load(&["events.a.probability={ beta = [2, 5] }"]);
    let one = sensitivity(&model, &[0], &cfg(9000, 1));
    let two = sensitivity(&model, &[0], &cfg(9000, 2));
    assert_eq!(one.outcomes[0].effects, two.outcomes[0].effects);
    assert_eq!(one.outcomes[0].count, two.outcomes[0].count);
}

#[test]
fn many_events_span_several_batches() {
    // Twelve independent hazards, each enough to end the trial; the one in the second batch is
    // by far the strongest, so it leads the tornado.
    let mut text = String::from(
        "[scenario]\nname = \"many\"\nhorizon = 2\n[[actors]]\nid = \"x\"\nname = \"X\"\n",
    );
    for i in 0..12 {
        let p = if i == 10 { 0.5 } else { 0.01 };
        text.push_str(&format!(
            "[[events]]\nid = \"e{i}\"\nactor = \"x\"\nprobability = {p}\n"
        ));
    }
    let cond: Vec<String> = (0..12).map(|i| format!("e{i}")).collect();
    text.push_str(&format!(
        "[[outcomes]]\nid = \"hit\"\nlabel = \"Hit\"\nwhen = \"{}\"\n[[outcomes]]\nid = \"miss\"\nlabel = \"Miss\"\n",
        cond.join(" or ")
    ));
    let model = model::load_str("many.toml", &text, &[]).unwrap().model;
    let s = sensitivity(&model, &[0], &cfg(4000, 2));
    let effects = &s.outcomes[0].effects;
    assert_eq!(effects.len(), 12);
    // Forcing any event makes "hit" certain.
    for e in effects {
        assert_eq!(e.get(Variant::Forced).0, 1.0, "e{}", e.event);
    }
    assert_eq!(effects[0].event, 10);
    let p_miss = 0.5f64.powi(2) * 0.99f64.powi(22);
    let removed = effects[0].get(Variant::Removed).0;
    let exact = 1.0 - 0.99f64.powi(22);
    assert!(within(removed, exact, 4000), "{removed} {exact}");
    assert!(within(
        s.outcomes[0].count as f64 / 4000.0,
        1.0 - p_miss,
        4000
    ));
    assert!(effects.windows(2).all(|w| w[0].swing() >= w[1].swing()));
}
