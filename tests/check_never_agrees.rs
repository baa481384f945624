//! Every "never" that `check` says is borne out by a run: an event that can never become
//! eligible or a milestone that can never fire has fired in no trial, an outcome that can never
//! hold or is shadowed ended none, a `given` that can never hold kept none, and a variable an add
//! can never change ended every trial at its bound. The warnings stand on an over-approximation
//! that is meant to be sound; this holds it to the engine, on every scenario the project ships or
//! tests.

use std::path::PathBuf;

use crate::check_corpus::{overrides, scenarios};
use brink::engine::{self, RunConfig, RunResult};
use brink::model::Model;

fn files() -> Vec<PathBuf> {
    ["scenarios", "tests/warn", "tests/good", "benches/scenarios"]
        .into_iter()
        .flat_map(scenarios)
        .collect()
}

/// The id between the first pair of backquotes after `prefix`.
fn named<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix)?.split('`').next()
}

fn index(ids: impl Iterator<Item = String>, id: &str) -> usize {
    ids.into_iter()
        .position(|i| i == id)
        .unwrap_or_else(|| panic!("`{id}` is not in the model"))
}

/// What a run says of one warning; `None` for a warning that claims no "never". (The mutants
/// of `check_props` are judged by it too, on their few trials.)
pub(crate) fn judge(m: &Model, run: &RunResult, line: &str) -> Option<Result<(), String>> {
    let event = |id: &str| index(m.events.iter().map(|e| e.id.clone()), id);
    if let Some(id) = named(line, "warning: event `")
        .filter(|_| line.contains("can never become"))
        .or_else(|| named(line, "warning: milestone `").filter(|_| line.contains("can never fire")))
    {
        let fired = run.events[event(id)].fired;
        return Some(
            (fired == 0)
                .then_some(())
                .ok_or(format!("`{id}` fired in {fired} trials")),
        );
    }
    let never_ends = |l: &str| l.ends_with("can never hold") || l.contains("` is shadowed: ");
    if let Some(id) = named(line, "warning: outcome `").filter(|_| never_ends(line)) {
        let o = index(m.outcomes.iter().map(|o| o.id.clone()), id);
        let count = run.outcomes[o].count;
        return Some(
            (count == 0)
                .then_some(())
                .ok_or(format!("`{id}` held in {count} trials")),
        );
    }
    if line == "warning: `given` can never hold" {
        let kept = run.kept;
        return Some(
            (kept == 0)
                .then_some(())
                .ok_or(format!("given kept {kept} trials")),
        );
    }
    let (_, rest) = line
        .split_once(" only lowers `")
        .or_else(|| line.split_once(" only raises `"))?;
    let id = rest.split('`').next()?;
    let v = index(m.variables.iter().map(|v| v.id.clone()), id);
    let var = &m.variables[v];
    let bound = if line.contains(" only lowers `") {
        var.min
    } else {
        var.max
    };
    let ends = run.variables[v].percentiles(&[0, 100]);
    // No value at all when no trial was kept.
    let stuck = ends.iter().all(|x| x.is_none_or(|x| x == bound));
    Some(
        stuck
            .then_some(())
            .ok_or(format!("`{id}` ended in {ends:?}, not always at {bound}")),
    )
}

#[test]
fn every_never_that_check_says_is_borne_out_by_a_run() {
    let (mut judged, mut failures) = (0, Vec::new());
    for path in files() {
        let loaded = brink::model::load(&path, &overrides(&path))
            .unwrap_or_else(|d| panic!("{}: {}", path.display(), d.render(false)));
        let warnings = loaded.warnings.render(false);
        let claims: Vec<&str> = warnings
            .lines()
            .filter(|l| l.starts_with("warning: "))
            .collect();
        if claims.is_empty() {
            continue;
        }
        let run = engine::run(&loaded.model, &RunConfig::new(4000, 11));
        for line in claims {
            match judge(&loaded.model, &run, line) {
                Some(Ok(())) => judged += 1,
                Some(Err(why)) => failures.push(format!("{}: {line}: {why}", path.display())),
                None => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The corpus has at least this many "never" warnings: fewer means the messages changed and
    // this test no longer reads them.
    assert!(judged >= 18, "only {judged} warnings judged");
}
