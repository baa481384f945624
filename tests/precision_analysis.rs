//! `--precision H` on sweep, sensitivity and compare with a `given`: whole chunks until every
//! target's 95% half-width (a sweep's differences from the baseline, sensitivity's differences
//! and swings, compare's unpaired differences) is at most H, the same bytes on 1 and 2 threads,
//! a run capped one chunk earlier that does not reach H, and the report of a plain run of as
//! many trials beside the precision it says it reached.

use crate::common;

use common::{exits, outputs, words};
use serde_json::Value;

const CHAIN: &str = "tests/scenarios/analysis_chain.toml";
const CHUNK: u64 = 4096;

/// One command run to a precision, and how to read its report.
struct Case {
    /// The command line without `--precision`, `--threads`, `--trials` and `--format`.
    line: String,
    target: f64,
    /// The trials simulated, as the report gives them.
    trials: fn(&Value) -> u64,
    /// Every targeted half-width the report shows.
    halves: fn(&Value) -> Vec<f64>,
}

fn half(ci: &Value) -> f64 {
    (ci[1].as_f64().unwrap() - ci[0].as_f64().unwrap()) / 2.0
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

impl Case {
    /// Stdout of the command with `extra` arguments, as bytes and as JSON.
    fn run(&self, extra: &str) -> (String, Value) {
        let mut args = words(&self.line);
        args.extend(words(extra));
        args.extend(words("--format json --quiet"));
        let (code, out, err) = outputs(&args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        let v = serde_json::from_str(&out).unwrap();
        (out, v)
    }

    /// Checks the acceptance rules and returns the trials reached.
    fn check(&self) -> u64 {
        let h = self.target;
        let (one, v) = self.run(&format!("--precision {h} --threads 1"));
        let (two, _) = self.run(&format!("--precision {h} --threads 2"));
        assert_eq!(one, two, "{}: 1 and 2 threads differ", self.line);
        let trials = (self.trials)(&v);
        assert_eq!(trials % CHUNK, 0, "{trials}");
        assert!(
            trials >= 2 * CHUNK,
            "{trials}: too few chunks to cap one earlier"
        );
        let halves = (self.halves)(&v);
        assert!(!halves.is_empty());
        assert!(max(&halves) <= h, "{}: {halves:?}", self.line);
        assert_eq!(v["precision"]["target"], h);
        assert_eq!(v["precision"]["cap_hit"], false);
        // One chunk fewer as the cap: not reached, and the report says so.
        let fewer = trials - CHUNK;
        let (_, w) = self.run(&format!("--precision {h} --trials {fewer}"));
        assert_eq!((self.trials)(&w), fewer);
        assert_eq!(w["precision"]["cap_hit"], true);
        assert!(max(&(self.halves)(&w)) > h, "{}", self.line);
        // The report is the one of a run of that many trials, plus what was reached.
        let (_, plain) = self.run(&format!("--trials {trials}"));
        let mut v = v;
        v.as_object_mut().unwrap().remove("precision");
        assert_eq!(v, plain, "{}", self.line);
        trials
    }
}

#[test]
fn sweep_runs_every_point_to_the_precision_of_its_differences() {
    let case = Case {
        line: format!("sweep {CHAIN} --vary events.a.probability=0.1:0.3:3 --seed 5"),
        target: 0.01,
        trials: |v| {
            let t = v["baseline"]["report"]["trials"].as_u64().unwrap();
            for p in v["points"].as_array().unwrap() {
                assert_eq!(p["report"]["trials"].as_u64(), Some(t));
            }
            t
        },
        halves: |v| {
            (v["points"].as_array().unwrap().iter())
                .flat_map(|p| p["differences"].as_array().unwrap())
                .map(|d| half(&d["ci95"]))
                .collect()
        },
    };
    let trials = case.check();
    let table = common::stdout(&words(&format!("{} --precision 0.01", case.line)));
    assert!(
        table.contains(&format!(
            "\nprecision: every difference's 95% half-width (escalated, contained) is at most \
             0.01 after {trials} trials per point\n"
        )),
        "{table}"
    );
    let (_, v) = case.run("--precision 0.02 --precision-of escalated");
    assert_eq!(v["precision"]["of"], serde_json::json!(["escalated"]));
}

#[test]
fn sensitivity_runs_every_variant_to_the_precision_of_its_differences_and_swings() {
    let case = Case {
        line: format!("sensitivity {CHAIN} --seed 5"),
        target: 0.01,
        trials: |v| v["trials"].as_u64().unwrap(),
        halves: |v| {
            let mut h = Vec::new();
            for o in v["outcomes"].as_array().unwrap() {
                for e in o["events"].as_array().unwrap() {
                    for variant in ["halved", "doubled", "forced", "removed"] {
                        h.push(half(&e[variant]["ci95"]));
                    }
                }
                h.extend((o["inputs"].as_array().unwrap().iter()).map(|i| half(&i["ci95"])));
            }
            h
        },
    };
    let trials = case.check();
    let table = common::stdout(&words(&format!("{} --precision 0.01", case.line)));
    assert!(
        table.contains(&format!(
            "\nprecision: every difference's and swing's 95% half-width (escalated) is at most \
             0.01 after {trials} trials\n"
        )),
        "{table}"
    );
}

#[test]
fn compare_with_a_given_runs_both_sides_to_the_precision_of_its_unpaired_differences() {
    let case = Case {
        line: format!(
            "compare {CHAIN} {CHAIN} --set-b events.a.probability=0.3 --given a --seed 5"
        ),
        target: 0.01,
        trials: |v| {
            assert_eq!(v["a"]["trials"], v["b"]["trials"]);
            v["a"]["trials"].as_u64().unwrap()
        },
        halves: |v| {
            (v["differences"].as_array().unwrap().iter())
                .map(|d| {
                    // Unpaired: no paired counts.
                    assert_eq!(d["both"], Value::Null);
                    half(&d["ci95"])
                })
                .collect()
        },
    };
    case.check();
}

#[test]
fn precision_of_an_id_the_command_cannot_aim_at_is_an_error() {
    let sweep = format!("sweep {CHAIN} --vary events.a.probability=0.1:0.3:3 --precision 0.01");
    let sensitivity = format!("sensitivity {CHAIN} --precision 0.01");
    for (line, message) in [
        (
            format!("{sweep} --precision-of nope"),
            "error: --precision-of `nope`: no outcome has this id in Two-event chain\n\
             help: the outcomes are `escalated`, `contained`\n",
        ),
        (
            format!("{sweep} --precision-of escalatd"),
            "error: --precision-of `escalatd`: no outcome has this id in Two-event chain\n\
             help: did you mean `escalated`?\n",
        ),
        (
            format!("{sweep} --precision-of a"),
            "error: --precision-of `a`: `a` is an event, and a sweep aims only at differences \
             of outcome probabilities\n\
             help: the outcomes are `escalated`, `contained`\n",
        ),
        (
            format!("{sensitivity} --precision-of b"),
            "error: --precision-of `b`: `b` is an event, and sensitivity aims only at \
             differences of outcome probabilities\n\
             help: the outcomes are `escalated`, `contained`\n",
        ),
        (
            format!("{sensitivity} --precision-of contained"),
            "error: --precision-of `contained`: sensitivity does not study this outcome here \
             (it studies `escalated`)\n\
             help: study it with --outcome contained\n",
        ),
        (
            format!("compare {CHAIN} {CHAIN} --given a --precision 0.01 --precision-of nope"),
            "error: --precision-of `nope`: no outcome or event has this id in A or B\n",
        ),
    ] {
        let (out, err) = exits(&words(&line), 1);
        assert_eq!((out.as_str(), err.as_str()), ("", message), "{line}");
    }
    // --precision-of without --precision is a usage error; a half-width out of range a value
    // refused, as --trials 0 is.
    let vary = "--vary events.a.probability=0.1:0.3:3";
    for line in [
        format!("sweep {CHAIN} {vary} --precision-of escalated"),
        format!("sensitivity {CHAIN} --precision-of escalated"),
    ] {
        exits(&words(&line), 2);
    }
    for line in [
        format!("sweep {CHAIN} {vary} --precision 0.5"),
        format!("sensitivity {CHAIN} --precision 0"),
    ] {
        exits(&words(&line), 1);
    }
}
