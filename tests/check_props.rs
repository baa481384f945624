//! Mutation testing of the loader: valid scenarios with bytes, lines and tokens deleted,
//! duplicated or replaced, numbers swapped for `nan`, huge or negative values. Whatever comes
//! in, loading returns `Ok` or `Err` with rendered diagnostics; it never panics. What loads is
//! also run for a few trials: format 2's expressions are evaluated only then.
//!
//! The last property takes fewer mutants through the binary itself, every command that reads a
//! scenario: what a student's broken edit meets in a seminar is the command line, whose reports,
//! graphs, traces and solvers each walk the model their own way.

use crate::check_never_agrees::judge;
use crate::common;
use crate::common::guard;

use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// A number from the environment variable `name`, else `fixed`: CI runs the fixed seeds and
/// counts; a sweep sets other ones (`BRINK_PROPS_SEED=7 BRINK_PROPS_CASES=1000000 cargo test
/// --release --test all never_panic`). A value that is not a number stops the test, saying so.
fn explore(name: &str, fixed: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v}: not a whole number")),
        Err(_) => fixed,
    }
}

/// Valid scenarios to mutate (extends-free, so they load from memory).
const SEEDS: &[&str] = &[
    include_str!("good/full.toml"),
    include_str!("good/chain.toml"),
    include_str!("warn/same_step_conflicting_writes.toml"),
    include_str!("warn/modifier_product_exceeds_one.toml"),
    include_str!("good/format2_features.toml"),
    include_str!("good/format2_numbers.toml"),
    include_str!("good/format2_given.toml"),
];

/// Replacements for a token: the values most likely to hit an edge.
const REPLACEMENTS: &[&str] = &[
    "nan",
    "-inf",
    "inf",
    "1e400",
    "-1",
    "0",
    "1",
    "2",
    "0.5",
    "-0.0",
    "9223372036854775808",
    "18446744073709551616",
    "1e308",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "true",
    "[[",
    "]]",
    "{ uniform = [1, 0] }",
    "{ normal = [0, 1] }",
    "\"(((((((((\"",
    "\"a and\"",
    "\"step > nan\"",
    "'''",
    "\"\"\"",
    "\\",
    "=",
    ".",
    "#",
    "\n",
    "[scenario]",
    "[[outcomes]]",
    "id = \"x\"",
    "é",
    "\u{0}",
    "\"first(x)\"",
    "\"max(1)\"",
    "\"if(true, 1, false)\"",
    "\"min(appetite, step)\"",
    "{ loguniform = [0, 1] }",
    "{ expr = \"nope\" }",
    "{ value = 1, pert = [0, 1, 2] }",
    "milestone = true",
    "[params]",
    "format = 1",
    "{ poisson = \"1e300 * count\" }",
    "{ normal = [\"nan\", \"-1\"] }",
    "\"1 / 0\"",
    "\"0 / 0\"",
    "\"exp(1000)\"",
    "\"-exp(1000)\"",
    "\"ln(0)\"",
    "\"sqrt(-1)\"",
    "\"times(nope)\"",
    "\"first(probe) <= 2\"",
    "\"logistic(-1e308)\"",
    "\"if(count > 1, 1e300, -1e300)\"",
    "given = \"first(probe) > 100\"",
    "given = \"false\"",
    "observed = 0",
    "observed = 100000",
    "repeat = true",
    // What copied text and other habits bring (the syntax errors' fixes read around them).
    "\u{a0}",
    "\u{2009}",
    "\u{feff}",
    "“",
    "„x“",
    "11 000",
    "1,000,000",
    "2.5k",
    "0.9.1",
    "1.e5",
    "--3",
    "007",
    "True",
    "[events]",
    "[[event]]",
    "[[events.branches]]",
    "per month probability = 0.1 # x",
    "nk troops = 11000",
];

#[derive(Clone, Debug)]
enum Op {
    DeleteBytes { at: f64, len: usize },
    DuplicateBytes { at: f64, len: usize },
    ReplaceByte { at: f64, byte: u8 },
    DeleteLine { at: f64 },
    DuplicateLine { at: f64 },
    SwapLines { a: f64, b: f64 },
    ReplaceToken { at: f64, with: usize },
    ReplaceNumber { nth: usize, with: usize },
}

fn op() -> impl Strategy<Value = Op> {
    let f = 0.0..1.0f64;
    prop_oneof![
        (f.clone(), 1..40usize).prop_map(|(at, len)| Op::DeleteBytes { at, len }),
        (f.clone(), 1..40usize).prop_map(|(at, len)| Op::DuplicateBytes { at, len }),
        (f.clone(), any::<u8>()).prop_map(|(at, byte)| Op::ReplaceByte { at, byte }),
        f.clone().prop_map(|at| Op::DeleteLine { at }),
        f.clone().prop_map(|at| Op::DuplicateLine { at }),
        (f.clone(), f.clone()).prop_map(|(a, b)| Op::SwapLines { a, b }),
        (f.clone(), 0..REPLACEMENTS.len()).prop_map(|(at, with)| Op::ReplaceToken { at, with }),
        (0..40usize, 0..REPLACEMENTS.len()).prop_map(|(nth, with)| Op::ReplaceNumber { nth, with }),
    ]
}

fn index(at: f64, len: usize) -> usize {
    ((at * len as f64) as usize).min(len.saturating_sub(1))
}

/// Applies one mutation to raw bytes (which may stop being UTF-8: that is part of the test).
fn apply(bytes: &mut Vec<u8>, op: &Op) {
    if bytes.is_empty() {
        return;
    }
    let n = bytes.len();
    match *op {
        Op::DeleteBytes { at, len } => {
            let i = index(at, n);
            bytes.drain(i..(i + len).min(n));
        }
        Op::DuplicateBytes { at, len } => {
            let i = index(at, n);
            let chunk: Vec<u8> = bytes[i..(i + len).min(n)].to_vec();
            bytes.splice(i..i, chunk);
        }
        Op::ReplaceByte { at, byte } => bytes[index(at, n)] = byte,
        Op::DeleteLine { .. } | Op::DuplicateLine { .. } | Op::SwapLines { .. } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let m = lines.len();
            match *op {
                Op::DeleteLine { at } => {
                    lines.remove(index(at, m));
                }
                Op::DuplicateLine { at } => {
                    let i = index(at, m);
                    let line = lines[i].clone();
                    lines.insert(i, line);
                }
                Op::SwapLines { a, b } => lines.swap(index(a, m), index(b, m)),
                _ => unreachable!(),
            }
            *bytes = lines.join(&b'\n');
        }
        Op::ReplaceToken { at, with } => {
            // A token: a run of identifier or number characters around the chosen byte.
            let is_tok = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-';
            let mut i = index(at, n);
            while i < n && !is_tok(bytes[i]) {
                i += 1;
            }
            if i == n {
                return;
            }
            let (mut s, mut e) = (i, i);
            while s > 0 && is_tok(bytes[s - 1]) {
                s -= 1;
            }
            while e < n && is_tok(bytes[e]) {
                e += 1;
            }
            bytes.splice(s..e, REPLACEMENTS[with].bytes());
        }
        Op::ReplaceNumber { nth, with } => replace_number(bytes, nth, REPLACEMENTS[with]),
    }
}

/// Replaces the nth number literal (one not inside an identifier) by `with`.
fn replace_number(bytes: &mut Vec<u8>, nth: usize, with: &str) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let b = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'_')
        {
            let s = i;
            while i < b.len()
                && (b[i].is_ascii_digit() || matches!(b[i], b'.' | b'_' | b'e' | b'E'))
            {
                i += 1;
            }
            if count == nth {
                bytes.splice(s..i.min(bytes.len()), with.bytes());
                return;
            }
            count += 1;
        }
        i += 1;
    }
}

/// A scratch file for mutations that are not UTF-8 (they can only come from disk).
fn scratch() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
        .path()
}

/// Loads the mutant `bytes` under the watchdog: a hang fails the case, showing the mutant.
fn check(bytes: &[u8]) {
    let owned = bytes.to_vec();
    let what = format!("loading the mutant:\n{}", String::from_utf8_lossy(bytes));
    guard::within(guard::CASE, what, move || load_and_run(&owned));
}

fn load_and_run(bytes: &[u8]) {
    let result = match std::str::from_utf8(bytes) {
        Ok(text) => brink::model::load_str("m.toml", text, &[]),
        Err(_) => {
            let path = scratch().join("m.toml");
            std::fs::write(&path, bytes).expect("write");
            brink::model::load(&path, &[])
        }
    };
    match result {
        Ok(loaded) => {
            assert_eq!(loaded.warnings.error_count(), 0);
            // A few trials: every expression is evaluated, and none may panic or hang; and
            // every "never" the warnings say holds in them.
            let run = brink::engine::run(&loaded.model, &brink::engine::RunConfig::new(8, 1));
            let warnings = loaded.warnings.render(false);
            for line in warnings.lines().filter(|l| l.starts_with("warning: ")) {
                if let Some(Err(why)) = judge(&loaded.model, &run, line) {
                    panic!("{line}: {why}\n{warnings}");
                }
            }
            assert!(
                loaded
                    .model
                    .outcomes
                    .last()
                    .is_some_and(|o| o.when.is_none())
            );
        }
        Err(diags) => {
            assert!(diags.error_count() > 0, "refused without an error");
            let text = diags.render(false);
            assert!(text.contains("error"), "{text}");
            let _ = diags.to_json();
        }
    }
}

/// How long a failure is shrunk: a hang takes `guard::CASE` per try, and each leaves a thread
/// spinning, so shrinking one is bounded (a panic shrinks in well under this).
const SHRINK_MS: u32 = 180_000;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: explore("BRINK_PROPS_CASES", 10_000) as u32,
        // Fixed, so that CI is reproducible; `BRINK_PROPS_SEED` explores other cases.
        rng_seed: RngSeed::Fixed(explore("BRINK_PROPS_SEED", 20_261_130)),
        failure_persistence: None,
        max_shrink_time: SHRINK_MS,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_scenarios_never_panic(seed in 0..SEEDS.len(), ops in prop::collection::vec(op(), 1..5)) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for op in &ops {
            apply(&mut bytes, op);
        }
        check(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: explore("BRINK_PROPS_CASES", 2_000) as u32,
        rng_seed: RngSeed::Fixed(explore("BRINK_PROPS_SEED", 20_261_131)),
        failure_persistence: None,
        max_shrink_time: SHRINK_MS,
        ..ProptestConfig::default()
    })]

    /// Overrides from the command line: random paths and values never panic either.
    #[test]
    fn random_overrides_never_panic(
        path in prop::sample::select(vec![
            "scenario.horizon", "scenario.name", "scenario.run.trials", "scenario.run.seed",
            "flags.ceasefire", "variables.tension", "variables.tension.max", "variables.troops.min",
            "events.talks.probability", "events.russian_breakthrough.modifiers.0.factor",
            "events.russian_breakthrough.modifiers.7.when", "events.nato_response.branches.1.weight",
            "events.truce.when", "events.truce.assign.tension", "outcomes.frozen.when",
            "outcomes.status_quo.terminal", "actors.nato.name", "events", "scenario", "variables.x.y.z",
            "params.appetite", "params.double", "params.nope", "params", "events.incident.milestone",
        ]),
        value in prop::sample::select(REPLACEMENTS.to_vec()),
    ) {
        let set = vec![format!("{path}={value}")];
        let seed = if path.starts_with("params") || path.contains("incident") { SEEDS[4] } else { SEEDS[0] };
        let what = format!("loading with --set {}", set[0]);
        guard::within(guard::CASE, what, move || match brink::model::load_str("full.toml", seed, &set) {
            Ok(l) => { let _ = l.warnings.render(false); }
            Err(d) => { assert!(d.error_count() > 0); let _ = d.render(false); }
        });
    }
}

/// Expressions at the edges; with the plain numbers that open `REPLACEMENTS`, they keep the
/// file valid TOML, so that most mutants load and run.
const EDGE_EXPRESSIONS: &[&str] = &[
    "1e308",
    "\"1 / 0\"",
    "\"0 / 0\"",
    "\"exp(1000)\"",
    "\"-exp(1000)\"",
    "\"ln(0)\"",
    "\"sqrt(-1)\"",
    "\"1e300 * count\"",
];

/// The edge values swapped for numbers in the format-2 property.
fn edge_numbers() -> Vec<&'static str> {
    let plain = REPLACEMENTS.iter().take_while(|r| !r.starts_with('9'));
    plain.chain(EDGE_EXPRESSIONS).copied().collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: explore("BRINK_PROPS_CASES", 3_000) as u32,
        rng_seed: RngSeed::Fixed(explore("BRINK_PROPS_SEED", 20_261_132)),
        failure_persistence: None,
        max_shrink_time: SHRINK_MS,
        ..ProptestConfig::default()
    })]

    /// Format 2's computed numbers at the edges: loading refuses them or the engine repairs
    /// them; a run never panics.
    #[test]
    fn format2_numbers_at_the_edges_never_panic(
        seed in 4..SEEDS.len(),
        swaps in prop::collection::vec((0..40usize, prop::sample::select(edge_numbers())), 1..4),
    ) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for (nth, with) in swaps {
            replace_number(&mut bytes, nth, with);
        }
        check(&bytes);
    }
}

/// Scenarios for the command-line property: the mutation seeds, the shipped baseline (format 2,
/// the file students edit) and a variant that extends it, and scenarios small enough for
/// `exact` to solve.
fn command_seeds() -> Vec<&'static str> {
    let more = [
        include_str!("../scenarios/baseline.toml"),
        include_str!("scenarios/gamblers_ruin.toml"),
        include_str!("scenarios/uncertain.toml"),
        include_str!("scenarios/format2_analysis.toml"),
        include_str!("scenarios/sensitivity_inputs.toml"),
        // `extends` is read relative to the file: baseline.toml is copied beside it.
        include_str!("../scenarios/south_korea_arms.toml"),
    ];
    SEEDS.iter().copied().chain(more).collect()
}

/// A directory holding the shipped baseline, for the mutants that extend it.
fn command_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let baseline = include_str!("../scenarios/baseline.toml");
        std::fs::write(dir.path().join("baseline.toml"), baseline).expect("write");
        dir
    })
    .path()
}

const FORMATS: &[&str] = &["table", "markdown", "json", "csv", "html"];

/// Runs `brink ARGS` on the mutant at `file`: it must end within the time limit with 0 or 1
/// (2 is for command lines that do not parse, and these all parse), say why when it fails,
/// and never panic. Returns whether it succeeded.
fn command_ends_cleanly(args: &[&str], bytes: &[u8]) -> bool {
    let out = common::brink()
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("brink runs");
    let err = String::from_utf8_lossy(&out.stderr);
    let said = format!("{}{err}", String::from_utf8_lossy(&out.stdout));
    let shown = || {
        format!(
            "`brink {}` on:\n{}\n{err}",
            args.join(" "),
            String::from_utf8_lossy(bytes)
        )
    };
    assert!(!err.contains("panicked"), "panic: {}", shown());
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?} (killed after 60 s if none): {}",
        shown()
    );
    if code == Some(1) {
        // A scenario test that fails says so in its report; anything else, on stderr.
        let why = if args[0] == "test" {
            &said[..]
        } else {
            &err[..]
        };
        assert!(
            why.contains("error") || why.contains("FAIL"),
            "failed silently: {}",
            shown()
        );
    }
    code == Some(0)
}

/// A mutation that mostly keeps the file loadable, so that the other commands get to run: a
/// number swapped for an edge value, a line deleted, duplicated or swapped, or one quoted name
/// swapped for another of the file's (unknown names, self-references, cycles).
#[derive(Clone, Debug)]
enum Gentle {
    Number(usize, &'static str),
    Line(Op),
    Name { at: f64, from: f64 },
}

fn gentle() -> impl Strategy<Value = Gentle> {
    let f = 0.0..1.0f64;
    prop_oneof![
        3 => (0..60usize, prop::sample::select(edge_numbers()))
            .prop_map(|(nth, with)| Gentle::Number(nth, with)),
        1 => f.clone().prop_map(|at| Gentle::Line(Op::DeleteLine { at })),
        1 => f.clone().prop_map(|at| Gentle::Line(Op::DuplicateLine { at })),
        1 => (f.clone(), f.clone()).prop_map(|(a, b)| Gentle::Line(Op::SwapLines { a, b })),
        2 => (f.clone(), f).prop_map(|(at, from)| Gentle::Name { at, from }),
    ]
}

/// The byte ranges of the quoted names (`"an_id"`) in `bytes`.
fn quoted_names(bytes: &[u8]) -> Vec<(usize, usize)> {
    let is_name = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_';
    let mut names = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let end = bytes[i + 1..]
                .iter()
                .position(|b| !is_name(b))
                .map(|n| i + 1 + n);
            if let Some(e) = end.filter(|&e| e > i + 1 && bytes[e] == b'"') {
                names.push((i + 1, e));
                i = e;
            }
        }
        i += 1;
    }
    names
}

fn apply_gentle(bytes: &mut Vec<u8>, g: &Gentle) {
    match g {
        Gentle::Number(nth, with) => replace_number(bytes, *nth, with),
        Gentle::Line(op) => apply(bytes, op),
        Gentle::Name { at, from } => {
            let names = quoted_names(bytes);
            if names.is_empty() {
                return;
            }
            let (s, e) = names[index(*at, names.len())];
            let (fs, fe) = names[index(*from, names.len())];
            let name = bytes[fs..fe].to_vec();
            bytes.splice(s..e, name);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        // About a third load and go through every command: some 30 seconds in all.
        cases: explore("BRINK_PROPS_CASES", 300) as u32,
        rng_seed: RngSeed::Fixed(explore("BRINK_PROPS_SEED", 20_261_202)),
        failure_persistence: None,
        max_shrink_time: SHRINK_MS,
        ..ProptestConfig::default()
    })]

    /// Every command on mutants: `check`, then, for what loads, `run`, `trace`, `graph` (with
    /// and without probabilities), `test`, `sensitivity` and `exact`, each report format in
    /// turn. None panics, hangs or fails without a message.
    #[test]
    fn mutated_scenarios_through_every_command(
        seed in 0..command_seeds().len(),
        ops in prop::collection::vec(gentle(), 1..4),
        pick in 0..FORMATS.len(),
    ) {
        let mut bytes = command_seeds()[seed].as_bytes().to_vec();
        for op in &ops {
            apply_gentle(&mut bytes, op);
        }
        let path = command_dir().join("m.toml");
        std::fs::write(&path, &bytes).expect("write");
        let file = path.to_str().expect("UTF-8 temp path");
        if !command_ends_cleanly(&["check", file], &bytes) {
            return Ok(());
        }
        let format = FORMATS[pick];
        let graph = ["dot", "mermaid", "svg"][pick % 3];
        let few = ["--trials", "40", "--threads", "1", "--quiet"];
        let with = |args: &[&'static str]| -> Vec<&str> {
            let mut all = args.to_vec();
            all.push(file);
            all
        };
        for args in [
            [&with(&["run"])[..], &few, &["--format", format]].concat(),
            [&with(&["trace", "--trial", "3"])[..], &few, &["--format", FORMATS[pick % 4]]].concat(),
            [&with(&["graph", "--format", graph])[..]].concat(),
            [&with(&["graph", "--probabilities", "--format", graph])[..], &few[..4]].concat(),
            [&with(&["test"])[..], &["--trials", "200", "--threads", "1", "--quiet"]].concat(),
            [&with(&["sensitivity"])[..], &few, &["--format", format]].concat(),
            [&with(&["exact", "--max-states", "20000"])[..], &["--format", format]].concat(),
        ] {
            command_ends_cleanly(&args, &bytes);
        }
    }
}
