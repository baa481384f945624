//! Speed of `brink exact`: state propagation on scenarios with known answers.
//! Run with `cargo bench --bench exact`.

use std::hint::black_box;
use std::path::Path;

use brink::analysis::exact::{Options, solve};
use brink::model::{Model, load};
use criterion::{Criterion, criterion_group, criterion_main};

fn scenario(name: &str, set: &[&str]) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(name);
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    load(&path, &set).expect("bench scenario loads").model
}

fn bench(c: &mut Criterion) {
    let cases = [
        (
            "gamblers_ruin_3000_steps",
            scenario("gamblers_ruin.toml", &[]),
        ),
        (
            "gamblers_ruin_wide_0_to_200_from_100",
            scenario(
                "gamblers_ruin.toml",
                &[
                    "variables.wealth.max=200",
                    "variables.wealth=100",
                    "outcomes.rich.when=wealth >= 200",
                ],
            ),
        ),
        ("chain_of_24_over_48_steps", scenario("chain24.toml", &[])),
        ("knuth_yao_200_steps", scenario("knuth_yao.toml", &[])),
        (
            "uncertain_uniform_probability",
            scenario("uncertain.toml", &[]),
        ),
    ];
    let options = Options::default();
    for (name, model) in &cases {
        c.bench_function(name, |b| {
            b.iter(|| solve(black_box(model), &options).unwrap())
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
