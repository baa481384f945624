//! The shared simulation options as the analysis commands (sweep, compare, sensitivity) use
//! them: checked trial count and seed, threads, whether to draw a progress bar, and writing the
//! result to stdout or atomically to a file.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{CliError, SimArgs};
use crate::model::MAX_TRIALS;

/// The checked options; `None` means "the scenario's own".
#[derive(Clone, Debug)]
pub struct Opts {
    pub trials: Option<u64>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    /// A terminal is watching stderr and `--quiet` was not given.
    pub progress: bool,
}

pub fn opts(sim: &SimArgs) -> Result<Opts, CliError> {
    let trials = match sim.trials {
        Some(n) if n == 0 || n > MAX_TRIALS as u64 => {
            return Err(CliError::new(format!(
                "error: --trials {n}: use a number from 1 to {MAX_TRIALS}"
            )));
        }
        t => t,
    };
    let seed = match sim.seed.as_deref().map(str::trim) {
        None => None,
        Some("random") => {
            let s: u64 = rand::random();
            eprintln!("seed: {s}");
            Some(s)
        }
        Some(text) => Some(text.parse::<u64>().map_err(|_| {
            CliError::new(format!(
                "error: --seed `{text}` is not a seed\nhelp: give a whole number from 0 to {}, \
                 or `random` to draw one",
                u64::MAX
            ))
        })?),
    };
    Ok(Opts {
        trials,
        seed,
        threads: sim.threads,
        progress: !sim.quiet && std::io::stderr().is_terminal(),
    })
}

/// `--given` does not apply to a command that pairs trials: conditioning would keep different
/// trials in each version, and the pairs would no longer match.
pub fn refuse_given(sim: &SimArgs, command: &str) -> Result<(), CliError> {
    match &sim.given {
        Some(g) => Err(CliError::new(format!(
            "error: `brink {command}` does not take --given (`{g}`)\n\
             note: {command} pairs trial k of every version; conditioning would keep different \
             trials in each, and the pairs would no longer match\n\
             help: use `brink run --given` on each scenario, or `brink sweep --given`"
        ))),
        None => Ok(()),
    }
}

/// Prints `text` on stdout, or writes it to `output` atomically (a temporary file in the same
/// folder, then a rename), so an interrupted run never leaves half a report.
pub fn emit(text: &str, output: Option<&Path>) -> Result<(), CliError> {
    let Some(path) = output else {
        let mut out = std::io::stdout().lock();
        return match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            Ok(()) => Ok(()),
            // A closed pipe (`| head`) is not a failure of the command.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(CliError::new(format!("error: cannot write to stdout: {e}"))),
        };
    };
    let fail =
        |e: std::io::Error| CliError::new(format!("error: cannot write `{}`: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.flush().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// The run report of `result` as JSON (the shape of `brink run --format json`).
// TEMPORARY until the report module lands: outcomes only.
pub fn run_report_json(
    model: &crate::model::Model,
    result: &crate::engine::RunResult,
    seed: u64,
    given: Option<&str>,
) -> serde_json::Value {
    use crate::analysis::stats::wilson;
    let n = result.kept;
    let outcomes: Vec<serde_json::Value> = model
        .outcomes
        .iter()
        .zip(&result.outcomes)
        .map(|(o, t)| {
            let (lo, hi) = wilson(t.count, n);
            serde_json::json!({
                "id": o.id, "label": o.label,
                "probability": if n == 0 { 0.0 } else { t.count as f64 / n as f64 },
                "ci95": [lo, hi], "count": t.count,
            })
        })
        .collect();
    serde_json::json!({
        "schema_version": 1,
        "scenario": { "name": model.name, "file": model.files.first(), "digest": model.digest },
        "seed": seed, "trials": result.trials, "horizon": model.horizon,
        "overrides": model.overrides,
        "given": given.map(|g| serde_json::json!({ "expr": g, "kept": result.kept })),
        "outcomes": outcomes,
    })
}
