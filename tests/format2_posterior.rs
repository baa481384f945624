//! The parameters section: each parameter's distribution over the kept trials, which under
//! `given` is the posterior (Bayes by rejection), and its shards merging to the single run's
//! bytes.

use crate::common;

use brink::engine::{RunConfig, run};
use brink::model::{Model, load_str};
use brink::report::{Report, RunMeta};

/// `p` uniform on [0, 1]; at step 1, `x` becomes a fresh uniform draw, so "x < p" is an event
/// of chance `p` in one step.
fn scenario(given: &str) -> String {
    format!(
        "[scenario]\nname = \"bayes\"\nhorizon = 2\n{given}\n\n\
         [params]\np = {{ uniform = [0, 1], unit = \"share\" }}\n\n\
         [variables]\nx = 0\n\n\
         [[actors]]\nid = \"someone\"\nname = \"Someone\"\n\n\
         [[events]]\nid = \"draw\"\nactor = \"someone\"\nprobability = 1\n\
         add = {{ x = {{ uniform = [0, 1] }} }}\n\n\
         [[outcomes]]\nid = \"hit\"\nterminal = false\nwhen = \"x < p\"\n\n\
         [[outcomes]]\nid = \"miss\"\n"
    )
}

fn report(given: &str, n: u64) -> Report {
    let m: Model = match load_str("bayes.toml", &scenario(given), &[]) {
        Ok(l) => l.model,
        Err(d) => panic!("{}", d.render(false)),
    };
    let mut cfg = RunConfig::new(n, 17);
    cfg.threads = Some(2);
    Report::build(&m, &run(&m, &cfg), &RunMeta::default())
}

#[track_caller]
fn near(got: Option<f64>, want: f64, tol: f64) {
    let got = got.expect("a value");
    assert!(
        (got - want).abs() < tol,
        "{got} vs {want} (tolerance {tol})"
    );
}

#[test]
fn without_given_the_parameters_section_shows_the_prior() {
    let n = 100_000;
    let r = report("", n);
    let p = &r.params[0];
    assert_eq!((p.id.as_str(), p.declared.as_str()), ("p", "uniform(0, 1)"));
    // Uniform: mean 1/2 (sd 1/sqrt(12)), percentiles at their own levels.
    let se = (1.0 / 12.0f64).sqrt() / (n as f64).sqrt();
    near(p.mean, 0.5, 5.0 * se);
    near(p.p5, 0.05, 0.01);
    near(p.p50, 0.5, 0.01);
    near(p.p95, 0.95, 0.01);
}

#[test]
fn under_given_the_parameters_section_shows_the_posterior() {
    // Given that the event of chance p happened, p is Beta(2, 1): density 2p, mean 2/3,
    // percentile q at sqrt(q). Judged at the end or at step 1, the same.
    let n = 200_000;
    for given in ["given = \"x < p\"", "given = \"x < p\"\nobserved = 1"] {
        let r = report(given, n);
        let kept = r.given.as_ref().expect("given").kept;
        let sd = (1.0f64 / 18.0).sqrt();
        let p = &r.params[0];
        near(p.mean, 2.0 / 3.0, 5.0 * sd / (kept as f64).sqrt());
        near(p.p5, 0.05f64.sqrt(), 0.01);
        near(p.p50, 0.5f64.sqrt(), 0.01);
        near(p.p95, 0.95f64.sqrt(), 0.01);
    }
}

#[test]
fn a_scenario_without_params_has_no_parameters_field() {
    let text = "[scenario]\nname = \"plain\"\nhorizon = 1\n[[actors]]\nid = \"a\"\nname = \"A\"\n\
                [[events]]\nid = \"e\"\nactor = \"a\"\nprobability = 0.5\n\
                [[outcomes]]\nid = \"other\"\n";
    let m = load_str("plain.toml", text, &[]).unwrap().model;
    let r = Report::build(&m, &run(&m, &RunConfig::new(100, 1)), &RunMeta::default());
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("\"params\""), "{json}");
}

#[test]
fn shards_of_a_conditioned_run_with_parameters_merge_to_the_single_run_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bayes.toml");
    std::fs::write(&file, scenario("given = \"x < p\"\nobserved = 1")).unwrap();
    let f = file.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["run", f, "--trials", "70000", "--seed", "5", "--quiet"];
        args.extend_from_slice(extra);
        let out = common::brink().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let mut parts = Vec::new();
    for i in [2, 0, 1] {
        let part = dir.path().join(format!("part-{i}.json"));
        run(&[
            "--shard",
            &format!("{i}/3"),
            "--output",
            part.to_str().unwrap(),
        ]);
        parts.push(part);
    }
    for format in ["json", "csv", "markdown"] {
        let single = run(&["--format", format]);
        let out = common::brink()
            .arg("merge")
            .args(&parts)
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), single, "{format}");
        assert!(
            format != "json" || single.contains("\"params\""),
            "{single}"
        );
    }
}
