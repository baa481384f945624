//! Engine throughput (trials per second), single-threaded and on all cores:
//! - a synthetic chain of 24 events (event i eligible once event i-1 fired, p = 0.5 each,
//!   horizon 48, terminal when event 23 fires), against a hand-written specialized loop of the
//!   same chain (one ChaCha8 stream per trial, one draw per step), the bar to meet;
//! - the shipped baseline scenario, when it exists: a run, and a sensitivity analysis at the
//!   file's default trial count on every core;
//! - `benches/scenarios/baseline_v1.toml`, the baseline as it was when the samplers were made
//!   faster (kept so that the figure stays comparable while the shipped baseline changes): a run
//!   on one thread, and a sensitivity analysis at the file's default trial count on every core.
//!
//! `cargo bench --bench engine`; kept short (small samples, a few seconds each).

use std::time::Duration;

use brink::analysis::sensitivity::sensitivity;
use brink::engine::{RunConfig, Settings, run};
use brink::model::{Model, load, load_str};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

const TRIALS: u64 = 200_000;

/// The chain as a scenario: event i eligible once event i-1 fired, terminal when the last fires.
fn chain(n: u32, p: f64, horizon: u32) -> Model {
    let mut text = format!(
        "[scenario]\nname = \"chain\"\nhorizon = {horizon}\n\n\
         [[actors]]\nid = \"someone\"\nname = \"Someone\"\n"
    );
    for i in 0..n {
        text.push_str(&format!(
            "\n[[events]]\nid = \"e{i:02}\"\nactor = \"someone\"\nprobability = {p}\n"
        ));
        if i > 0 {
            text.push_str(&format!("when = \"e{:02}\"\n", i - 1));
        }
    }
    text.push_str(&format!(
        "\n[[outcomes]]\nid = \"end\"\nwhen = \"e{:02}\"\n\n[[outcomes]]\nid = \"other\"\n",
        n - 1
    ));
    load_str("chain.toml", &text, &[])
        .expect("the chain scenario loads")
        .model
}

/// The chain as a specialised loop: per trial a ChaCha8 stream, one draw per step compared with
/// an integer threshold. Returns the number of trials that reached the end.
fn reference_chain(trials: u64, seed: u64) -> u64 {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    let threshold = u64::MAX / 2; // p = 0.5
    let mut ended = 0;
    for k in 0..trials {
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(k);
        let mut next = 0;
        for _step in 1..=48 {
            if rng.next_u64() < threshold {
                next += 1;
                if next == 24 {
                    ended += 1;
                    break;
                }
            }
        }
    }
    ended
}

fn bench_chain(c: &mut Criterion) {
    let model = chain(24, 0.5, 48);
    let mut g = c.benchmark_group("chain24");
    g.throughput(Throughput::Elements(TRIALS));
    g.bench_function("simulate_only", |b| {
        let sim = brink::engine::Simulator::new(&model, &[]);
        let mut s = sim.scratch();
        b.iter(|| {
            let mut keys = brink::engine::TrialKeys::new(7, 0);
            let mut ended = 0;
            for _ in 0..TRIALS {
                let end = sim.simulate(keys.next_key(), &mut s, &mut brink::engine::NoObserver);
                ended += (end.outcome == 0) as u64;
            }
            ended
        })
    });
    g.bench_function("reference_loop", |b| b.iter(|| reference_chain(TRIALS, 7)));
    bench_threads(&mut g, &model);
    g.finish();
}

/// `run` on one thread, two, and all cores.
fn bench_threads(g: &mut BenchmarkGroup<'_, WallTime>, model: &Model) {
    let mut counts = vec![1, 2, brink::engine::resolve_threads(None)];
    counts.sort_unstable();
    counts.dedup();
    for threads in counts {
        g.bench_with_input(
            BenchmarkId::new("engine_threads", threads),
            &threads,
            |b, &t| {
                let mut cfg = RunConfig::new(TRIALS, 7);
                cfg.threads = Some(t);
                b.iter(|| run(model, &cfg))
            },
        );
    }
}

fn bench_baseline_v1(c: &mut Criterion) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/scenarios/baseline_v1.toml");
    let model = load_baseline(&path).expect("benches/scenarios/baseline_v1.toml loads");
    let mut g = c.benchmark_group("baseline_v1");
    g.throughput(Throughput::Elements(TRIALS));
    g.bench_function("run_1_thread", |b| {
        let mut cfg = RunConfig::new(TRIALS, 7);
        cfg.threads = Some(1);
        b.iter(|| run(&model, &cfg))
    });
    bench_sensitivity(&mut g, &model);
    g.finish();
}

/// A sensitivity analysis as `brink sensitivity FILE` runs it: the file's trial count, every
/// outcome but the catch-all, every core.
fn bench_sensitivity(g: &mut BenchmarkGroup<'_, WallTime>, model: &Model) {
    g.throughput(Throughput::Elements(model.trials));
    g.bench_function("sensitivity_default_trials", |b| {
        let outcomes: Vec<usize> = (0..model.catch_all()).collect();
        let cfg = Settings::default().resolve(model);
        b.iter(|| sensitivity(model, &outcomes, &cfg))
    });
}

fn bench_baseline(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
    let Some(model) = load_baseline(&path) else {
        eprintln!(
            "skipping the baseline benchmark: {} is missing or does not load",
            path.display()
        );
        return;
    };
    let mut g = c.benchmark_group("baseline");
    g.throughput(Throughput::Elements(TRIALS));
    bench_threads(&mut g, &model);
    bench_sensitivity(&mut g, &model);
    g.finish();
}

/// The baseline scenario, if it is there.
fn load_baseline(path: &std::path::Path) -> Option<Model> {
    load(path, &[]).ok().map(|l| l.model)
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
    targets = bench_chain, bench_baseline, bench_baseline_v1
}
criterion_main!(benches);
