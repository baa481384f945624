//! Format-2 numbers in the engine: a scenario whose probabilities, factors, weights, amounts and
//! assigned values are expressions or per-trial draws (`benches/scenarios/format2_numbers.toml`),
//! run on one thread; beside it the same scenario with every such number replaced by a constant,
//! the cost of the machinery alone being the difference, and its format-1 equivalent
//! (`benches/scenarios/format1_numbers.toml`: the same events with constant numbers), which the
//! constant format-2 version should match per trial.
//!
//! Beside them, a true equivalent pair: `baseline_v1.toml` and the same model written in format
//! 2 (`baseline_v1_format2.toml`: parameters, conditions and factors that read them, computed
//! Poisson and normal amounts), which `tests/format2_equivalence.rs` shows to be one model.
//!
//! `cargo bench --bench numbers` (a few seconds per figure).

use std::time::Duration;

use brink::engine::{RunConfig, run};
use brink::model::{Model, load};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const TRIALS: u64 = 100_000;
/// The baseline's trials cost about ten times the small scenario's.
const BASELINE_TRIALS: u64 = 10_000;

fn model(set: &[&str]) -> Model {
    model_of("format2_numbers.toml", set)
}

fn model_of(file: &str, set: &[&str]) -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/scenarios")
        .join(file);
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    load(&path, &set).expect("the bench scenario loads").model
}

fn bench_numbers(c: &mut Criterion) {
    let computed = model(&[]);
    let constant = model(&[
        "params.appetite=1",
        "variables.tension.initial=2",
        "variables.troops=1000",
        "events.deploy.probability=0.05",
        "events.deploy.modifiers.0.factor=2",
        "events.deploy.modifiers.1.factor=0.5",
        "events.deploy.add.troops=200",
        "events.fight.add.casualties=20",
        "events.fight.branches.0.weight=2",
        "events.fight.branches.0.add.tension=1",
        "events.fight.branches.1.weight=1.5",
        "events.fight.branches.1.assign.tension=1",
    ]);
    assert!(
        constant.number_places().is_empty(),
        "{:?}",
        constant.number_places()
    );
    let format1 = model_of("format1_numbers.toml", &[]);
    let mut g = c.benchmark_group("format2_numbers");
    g.throughput(Throughput::Elements(TRIALS));
    let models = [
        ("computed", &computed),
        ("constant", &constant),
        ("format1", &format1),
    ];
    for (name, m) in models {
        g.bench_function(name, |b| {
            let mut cfg = RunConfig::new(TRIALS, 7);
            cfg.threads = Some(1);
            b.iter(|| run(m, &cfg))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("baseline_v1_formats");
    g.throughput(Throughput::Elements(BASELINE_TRIALS));
    let pair = [
        ("format1", model_of("baseline_v1.toml", &[])),
        ("format2", model_of("baseline_v1_format2.toml", &[])),
    ];
    for (name, m) in &pair {
        g.bench_function(*name, |b| {
            let mut cfg = RunConfig::new(BASELINE_TRIALS, 7);
            cfg.threads = Some(1);
            b.iter(|| run(m, &cfg))
        });
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_numbers
}
criterion_main!(benches);
