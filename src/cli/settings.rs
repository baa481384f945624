//! Raw sampling flags turned into the one validated [`Settings`] every simulating command uses
//! (run, trace, sweep, compare, sensitivity, test): the same checks and the same messages
//! everywhere. What a flag leaves open is decided later, against the scenario, by
//! [`Settings::resolve`].

use std::io::IsTerminal;

use super::{CliError, SimArgs};
use crate::engine::Settings;
use crate::model::MAX_TRIALS;

/// The sampling flags as typed; `seed` may be `random`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flags<'a> {
    pub trials: Option<u64>,
    pub seed: Option<&'a str>,
    pub threads: Option<usize>,
    pub quiet: bool,
}

impl SimArgs {
    /// The validated settings of these options.
    pub fn settings(&self) -> Result<Settings, CliError> {
        settings(Flags {
            trials: self.trials,
            seed: self.seed.as_deref(),
            threads: self.threads,
            quiet: self.quiet,
        })
    }
}

/// Checks `--trials`, `--seed` and `--threads` (drawing and printing a seed for `--seed
/// random`); the progress bar shows when a terminal watches stderr and `--quiet` was not given.
pub fn settings(flags: Flags) -> Result<Settings, CliError> {
    let trials = match flags.trials {
        Some(n) if n == 0 || n > MAX_TRIALS as u64 => {
            return Err(CliError::new(format!(
                "error: --trials {n}: use a number from 1 to {MAX_TRIALS}"
            )));
        }
        t => t,
    };
    let seed = match flags.seed.map(str::trim) {
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
    if flags.threads == Some(0) {
        return Err(CliError::new(
            "error: --threads 0: give at least one thread (or leave it out for all cores)",
        ));
    }
    Ok(Settings {
        trials,
        seed,
        threads: flags.threads,
        progress: !flags.quiet && std::io::stderr().is_terminal(),
    })
}
