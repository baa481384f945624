//! Raw sampling flags turned into the one validated [`Settings`] every simulating command uses
//! (run, trace, sweep, compare, sensitivity, test): the same checks and the same messages
//! everywhere. What a flag leaves open is decided later, against the scenario, by
//! [`Settings::resolve`].

use std::io::IsTerminal;
use std::path::Path;

use super::{CliError, Format, SimArgs};
use crate::engine::{Settings, Shard};
use crate::model::MAX_TRIALS;

/// The sampling flags as typed; `seed` may be `random`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flags<'a> {
    pub trials: Option<u64>,
    pub seed: Option<&'a str>,
    pub threads: Option<usize>,
    pub quiet: bool,
    /// `--shard I/N` or `--shard slurm` (`run`, `sweep` and `sensitivity`).
    pub shard: Option<&'a str>,
    /// `--output`, checked before any work.
    pub output: Option<&'a Path>,
}

impl SimArgs {
    /// The report format: `--format`, else the one `--output`'s extension names, else a table.
    pub fn format(&self) -> Format {
        super::by_extension::chosen(self.format, self.output.as_deref())
    }

    /// The validated settings of these options.
    pub fn settings(&self) -> Result<Settings, CliError> {
        settings(Flags {
            trials: self.trials,
            seed: self.seed.as_deref(),
            threads: self.threads,
            quiet: self.quiet,
            shard: None,
            output: self.output.as_deref(),
        })
    }

    /// The validated settings of these options and `--shard`.
    pub fn settings_with_shard(&self, shard: Option<&str>) -> Result<Settings, CliError> {
        settings(Flags {
            trials: self.trials,
            seed: self.seed.as_deref(),
            threads: self.threads,
            quiet: self.quiet,
            shard,
            output: self.output.as_deref(),
        })
    }
}

/// `--shard`: `I/N`, or `slurm` for the task of a Slurm job array.
fn shard(text: &str) -> Result<Shard, CliError> {
    if text.trim() == "slurm" {
        return slurm_shard(|name| std::env::var(name).ok());
    }
    Shard::parse(text.trim()).map_err(|why| {
        CliError::usage(format!(
            "error: --shard {why}\nhelp: give the shard as I/N with 0 <= I < N (`--shard 0/4` \
             is the first of four), or `slurm` inside a Slurm job array"
        ))
    })
}

/// The shard of this task of a Slurm job array, from the variables Slurm sets: the array must
/// number its tasks 0 to N - 1 (`--array=0-K`), so that the task ids are the shards.
pub fn slurm_shard(var: impl Fn(&str) -> Option<String>) -> Result<Shard, CliError> {
    let get = |name: &str| -> Result<u64, CliError> {
        let value = var(name).ok_or_else(|| {
            CliError::usage(format!(
                "error: --shard slurm: {name} is not set\nhelp: run it as a task of a Slurm \
                 job array (`sbatch --array=0-K`), or give --shard I/N"
            ))
        })?;
        value.trim().parse().map_err(|_| {
            CliError::usage(format!(
                "error: --shard slurm: {name}=`{value}` is not a number"
            ))
        })
    };
    let (id, count) = (get("SLURM_ARRAY_TASK_ID")?, get("SLURM_ARRAY_TASK_COUNT")?);
    let (min, max) = (get("SLURM_ARRAY_TASK_MIN")?, get("SLURM_ARRAY_TASK_MAX")?);
    // One task numbered K (`--array=K`): a failed shard submitted again. Its N is not in the
    // environment; read as shard 0 of 1, task 0 would run the whole run on one node, and merge
    // would refuse its part. Nobody shards a run into one part.
    if count == 1 {
        return Err(CliError::usage(format!(
            "error: --shard slurm: the job array has one task, number {id} (`--array={id}`), \
             which does not say how many shards the run has\nhelp: to run shard {id} again, \
             give it with the run's shard count N: `--shard {id}/N` (in `sbatch --wrap`, or \
             in a copy of the script); to run the whole run in one job, leave out --shard"
        )));
    }
    if min != 0 || count == 0 || max != count - 1 {
        return Err(CliError::usage(format!(
            "error: --shard slurm: the job array's tasks are {min} to {max} ({count} tasks); \
             shards need tasks 0 to N - 1 (SLURM_ARRAY_TASK_MIN = 0 and \
             SLURM_ARRAY_TASK_MAX = SLURM_ARRAY_TASK_COUNT - 1)\nhelp: submit with \
             `sbatch --array=0-{}` (no step, no gaps)",
            count.max(1) - 1
        )));
    }
    Shard::parse(&format!("{id}/{count}"))
        .map_err(|why| CliError::usage(format!("error: --shard slurm: SLURM_ARRAY_TASK_ID {why}")))
}

/// Checks `--trials`, `--seed`, `--threads` and that `--output` can be written (drawing and
/// printing a seed for `--seed random`); the progress bar shows when a terminal watches stderr and `--quiet` was not given.
pub fn settings(flags: Flags) -> Result<Settings, CliError> {
    let trials = match flags.trials {
        Some(n) if n == 0 || n > MAX_TRIALS as u64 => {
            return Err(CliError::new(format!(
                "error: --trials {n}: use a number from 1 to {MAX_TRIALS}"
            )));
        }
        t => t,
    };
    let shard = flags.shard.map(shard).transpose()?;
    if shard.is_some() && flags.seed.map(str::trim) == Some("random") {
        return Err(CliError::usage(
            "error: --shard with --seed random: every shard must draw from the same seed\n\
             help: give the seed as a number (`--seed 7`), the same for every shard",
        ));
    }
    // Before the seed is drawn and printed: a command that cannot write its result stops here.
    super::output::check_writable(flags.output)?;
    let seed = match flags.seed.map(str::trim) {
        None => None,
        Some("random") => {
            let s: u64 = rand::random();
            super::output::note(&format!("seed: {s}\n"));
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
        shard,
    })
}
