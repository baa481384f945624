//! The partial results that `run`, `sweep` and `sensitivity` write with `--shard I/N`, for
//! `brink merge`.

use std::path::Path;

use super::output::emit;
use super::{CliError, SimArgs};
use crate::analysis::merge::{Command, Part, PartOf, PartScenario};
use crate::analysis::precision::{DEFAULT_CAP, Precision};
use crate::analysis::sensitivity::SensitivityPart;
use crate::analysis::sweep::{SweepPart, SweepPlan};
use crate::engine::{Sampling, Settings, Shard};
use crate::format::files::STDIN_PATH;
use crate::model::Model;

/// The validated settings of `sim` and `--shard`, refusing a shard that cannot work: one
/// without `--output`, or reading the scenario from standard input.
pub fn shard_settings(
    file: &Path,
    shard: Option<&str>,
    sim: &SimArgs,
) -> Result<Settings, CliError> {
    let settings = sim.settings_with_shard(shard)?;
    if settings.shard.is_some() && sim.output.is_none() {
        return Err(CliError::usage(
            "error: --shard needs --output: a shard writes a partial result, not a report\n\
             help: add `--output part-I.json`, then `brink merge part-*.json`",
        ));
    }
    if let (Some(_), Some(format)) = (settings.shard, sim.format) {
        return Err(CliError::usage(format!(
            "error: --shard writes a partial result, not a report: --format {} would not be \
             used\nhelp: leave --format out here, and give it to `brink merge`",
            format.name()
        )));
    }
    if settings.shard.is_some() && file == Path::new(STDIN_PATH) {
        return Err(CliError::usage(
            "error: --shard cannot read the scenario from standard input: every shard must \
             read the same scenario\n\
             help: save the scenario to a file and give its path to every shard",
        ));
    }
    Ok(settings)
}

/// The settings of a command that takes both `--shard` and `--precision`: the two exclude each
/// other, and a precision run's cap is `--trials`, else a fixed one (never the file's count).
pub fn sampling_settings(
    file: &Path,
    shard: Option<&str>,
    precision: Option<&Precision>,
    sim: &SimArgs,
) -> Result<Settings, CliError> {
    let mut settings = shard_settings(file, shard, sim)?;
    if settings.shard.is_some() && precision.is_some() {
        return Err(CliError::usage(
            "error: --precision cannot be used with --shard: each shard would stop on its own\n\
             help: choose the trial count with --trials, or run without --shard",
        ));
    }
    if precision.is_some() {
        settings.trials = Some(settings.trials.unwrap_or(DEFAULT_CAP));
    }
    Ok(settings)
}

/// What identifies a shard's work: the command, the scenario of `model` (named `file` in
/// reports, its files' texts kept), `seed`, `trials`, and `sim`'s overrides and `--given`.
pub fn part_of(
    command: Command,
    file: String,
    model: &Model,
    (seed, trials): (u64, u64),
    sim: &SimArgs,
) -> Result<PartOf, CliError> {
    let scenario =
        PartScenario::of(model, file).map_err(|e| CliError::new(format!("error: {e}")))?;
    Ok(PartOf {
        command,
        scenario,
        seed,
        trials,
        overrides: sim.set.clone(),
        given: sim.given.clone(),
        vary: Vec::new(),
        outcome: None,
        top: None,
    })
}

/// Writes the part of `of` for `shard`, its tallies added by `fill`, to `--output`.
pub fn write_part(
    of: PartOf,
    shard: Shard,
    fill: impl FnOnce(&mut Part),
    sim: &SimArgs,
) -> Result<i32, CliError> {
    let mut part = Part::new(of, shard);
    fill(&mut part);
    emit(&part.to_json(), sim.output.as_deref())?;
    Ok(0)
}

/// Writes a sweep shard's part: the baseline names the scenario, with the common `--set`.
pub fn write_sweep_part(
    plan: &SweepPlan,
    file: &Path,
    vary: &[String],
    shard: Shard,
    tallies: SweepPart,
    sim: &SimArgs,
) -> Result<i32, CliError> {
    let name = file.display().to_string();
    let model = plan.baseline_model();
    let of = PartOf {
        vary: vary.to_vec(),
        ..part_of(
            Command::Sweep,
            name,
            model,
            (plan.seed(), plan.trials()),
            sim,
        )?
    };
    write_part(of, shard, |p| p.sweep = Some(tallies), sim)
}

/// Writes a sensitivity analysis shard's part, with `--outcome` and `--top`.
pub fn write_sensitivity_part(
    model: &Model,
    file: &Path,
    (outcome, top): (Option<&str>, Option<usize>),
    cfg: &Sampling,
    shard: Shard,
    tallies: SensitivityPart,
    sim: &SimArgs,
) -> Result<i32, CliError> {
    let name = file.display().to_string();
    let of = PartOf {
        outcome: outcome.map(String::from),
        top,
        ..part_of(
            Command::Sensitivity,
            name,
            model,
            (cfg.seed, cfg.trials),
            sim,
        )?
    };
    write_part(of, shard, |p| p.sensitivity = Some(tallies), sim)
}
