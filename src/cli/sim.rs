//! What the simulating commands share beyond their [`Settings`](crate::engine::Settings):
//! `--given`, compiled against the model, and the refusal of `--given` by the commands that
//! pair trials.

use super::color::stderr_color;
use super::{CliError, SimArgs};
use crate::engine::RunResult;
use crate::expr::Program;
use crate::format::suggest::did_you_mean;
use crate::model::{Model, combined_given, compile_run_given};

/// `--given` does not apply to a command that pairs trials: conditioning would keep different
/// trials in each version, and the pairs would no longer match.
pub fn refuse_given(sim: &SimArgs, command: &str) -> Result<(), CliError> {
    match &sim.given {
        Some(g) => Err(CliError::new(format!(
            "error: `brink {command}` does not take --given (`{g}`)\n\
             note: {command} pairs trial k of every version; conditioning would keep different \
             trials in each, and the pairs would no longer match\n\
             help: use `brink run --given`, `brink compare --given` or `brink sweep --given`"
        ))),
        None => Ok(()),
    }
}

/// `--given` compiled against `model` (outcome ids allowed); its errors point into the text.
pub fn given(model: &Model, sim: &SimArgs) -> Result<Option<Program>, CliError> {
    let Some(text) = &sim.given else {
        return Ok(None);
    };
    compile_run_given(model, text)
        .map(Some)
        .map_err(|d| CliError::new(d.render(stderr_color())))
}

/// The index of the outcome `--outcome ID` names; an error with the outcomes (or the nearest
/// name) when there is none.
pub fn outcome_index(model: &Model, id: &str) -> Result<usize, CliError> {
    let ids = || model.outcomes.iter().map(|o| o.id.as_str());
    if let Some(i) = ids().position(|o| o == id) {
        return Ok(i);
    }
    let mut msg = format!("error: --outcome `{id}`: no such outcome in {}", model.name);
    match did_you_mean(id, ids()) {
        Some(hint) => msg.push_str(&format!("\nhelp: {hint}")),
        None => msg.push_str(&format!(
            "\nhelp: the outcomes are {}",
            ids()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    Err(CliError::new(msg))
}

/// The help under "no trial satisfied" when more trials could find one.
pub const MORE_TRIALS: &str = "help: check the condition, or run more trials";

/// An error when a `given` (the file's, or `--given`) kept no trial: there is nothing to
/// report on. `help` is the line under it (see [`MORE_TRIALS`]).
pub fn some_kept(
    model: &Model,
    cli: Option<&str>,
    result: &RunResult,
    help: &str,
) -> Result<(), CliError> {
    match combined_given(model, cli) {
        Some((g, observed)) if result.kept == 0 => {
            let at = observed.map_or(String::new(), |s| format!(" at step {s}"));
            let which = if model.given.is_some() {
                "given"
            } else {
                "--given"
            };
            Err(CliError::new(format!(
                "error: no trial satisfied {which} `{g}`{at} (0 of {} trials kept)\n{help}",
                result.trials
            )))
        }
        _ => Ok(()),
    }
}
