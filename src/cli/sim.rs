//! The shared simulation options turned into what `run` and `trace` need: the engine's
//! [`RunConfig`] (trials and seed defaulting to the scenario's, `--given` compiled against the
//! model) and the report format; and the checked trial count, seed, threads and progress bar
//! that every simulating command (run, trace, sweep, compare, sensitivity) shares.

use std::io::IsTerminal;

use super::color::stderr_color;
use super::{CliError, Format, SimArgs};
use crate::analysis::paired::PairedConfig;
use crate::engine::RunConfig;
use crate::expr::Program;
use crate::model::{MAX_TRIALS, Model, compile_given};
use crate::report::ReportFormat;

/// The checked options; `None` means "the scenario's own".
#[derive(Clone, Debug)]
pub struct Opts {
    pub trials: Option<u64>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    /// A terminal is watching stderr and `--quiet` was not given.
    pub progress: bool,
}

/// Checks `--trials`, `--seed` and `--threads` (drawing and printing a seed for `--seed random`).
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
    if sim.threads == Some(0) {
        return Err(CliError::new(
            "error: --threads 0: give at least one thread (or leave it out for all cores)",
        ));
    }
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

/// The report format of a `--format` value.
pub fn report_format(f: Format) -> ReportFormat {
    match f {
        Format::Table => ReportFormat::Table,
        Format::Markdown => ReportFormat::Markdown,
        Format::Json => ReportFormat::Json,
        Format::Csv => ReportFormat::Csv,
    }
}

/// `--given` compiled against `model` (outcome ids allowed); its errors point into the text.
pub fn given(model: &Model, sim: &SimArgs) -> Result<Option<Program>, CliError> {
    let Some(text) = &sim.given else {
        return Ok(None);
    };
    compile_given(model, text)
        .map(Some)
        .map_err(|d| CliError::new(d.render(stderr_color())))
}

/// The trials, seed, threads and progress bar the options ask for: command-line trials and
/// seed win over the scenario's `[scenario.run]`.
pub fn sim_config(model: &Model, o: &Opts) -> PairedConfig {
    PairedConfig {
        trials: o.trials.unwrap_or(model.trials),
        seed: o.seed.unwrap_or(model.seed),
        threads: o.threads,
        progress: o.progress,
    }
}

/// The run of `model` the options ask for (see [`sim_config`]), `--given` compiled.
pub fn run_config(model: &Model, sim: &SimArgs, o: &Opts) -> Result<RunConfig, CliError> {
    let p = sim_config(model, o);
    Ok(RunConfig {
        trials: p.trials,
        seed: p.seed,
        threads: p.threads,
        given: given(model, sim)?,
        progress: p.progress,
        adjust: Vec::new(),
    })
}
