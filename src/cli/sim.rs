//! What the simulating commands share beyond their [`Settings`](crate::engine::Settings):
//! `--given`, compiled against the model, and the refusal of `--given` by the commands that
//! pair trials.

use super::color::stderr_color;
use super::{CliError, SimArgs};
use crate::expr::Program;
use crate::model::{Model, compile_given};

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
    compile_given(model, text)
        .map(Some)
        .map_err(|d| CliError::new(d.render(stderr_color())))
}
