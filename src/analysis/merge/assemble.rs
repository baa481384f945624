//! The parts of one command's work, checked and put together: a run's tallies absorbed in
//! shard order, a sweep's points and a sensitivity analysis's rows concatenated.

use std::path::PathBuf;

use super::MergeError;
use super::check::{every_shard_once, same_run};
use super::part::{Command, NamedPart, Part, read_part};
use crate::analysis::sensitivity::{Sensitivity, merge_sensitivity};
use crate::analysis::sweep::render::{Row, SweepDocument};
use crate::analysis::sweep::{Grid, Source, SweepConfig, SweepPlan};
use crate::engine::{RunResult, Settings, Shard};
use crate::format::files::STDIN_PATH;
use crate::model::{self, Model, compile_given};
use crate::report::{ReportFormat, RunMeta};

/// Why a part without its command's tallies is damaged (reading a part checks it has them).
const NO_TALLIES: &str = "it holds no tallies of its command";

/// The parts put together, ready to print.
#[derive(Debug)]
pub enum Merged {
    Run {
        model: Box<Model>,
        result: Box<RunResult>,
        meta: RunMeta,
    },
    /// Its rows made for the format asked for, and the baseline scenario (whose chain the
    /// HTML page draws).
    Sweep {
        doc: Box<SweepDocument>,
        baseline: Box<Model>,
    },
    Sensitivity {
        model: Box<Model>,
        result: Sensitivity,
        file: String,
        seed: u64,
        top: Option<usize>,
    },
}

/// Reads, checks and merges the parts at `paths` (at least one); a sweep's rows are made for
/// `format`.
pub fn merge(paths: &[PathBuf], format: ReportFormat) -> Result<Merged, MergeError> {
    if paths.is_empty() {
        return Err(MergeError::refused("error: no part to merge"));
    }
    let stdin = paths.iter().filter(|p| p.as_os_str() == STDIN_PATH).count();
    if stdin > 1 {
        return Err(MergeError::refused(format!(
            "error: `-` (standard input) is given {stdin} times: it holds one part\nhelp: give \
             the other parts as files"
        )));
    }
    let parts: Vec<NamedPart> = paths
        .iter()
        .map(|p| read_part(p))
        .collect::<Result<_, _>>()?;
    let first = &parts[0];
    for p in &parts[1..] {
        same_run(first, p)?;
    }
    let shards = every_shard_once(&parts)?;
    // Which part is damaged, by its position in shard order.
    let named: Vec<&NamedPart> = shards.values().copied().collect();
    // What the parts share is read from shard 0, not from the first part named: parts run from
    // two copies of one scenario (same digest, other paths) merge to the same bytes in any order.
    let f = &named[0].part;
    let damaged = |(i, why): (usize, String)| {
        let p = named[i];
        MergeError::refused(format!(
            "error: part `{}` (shard {}) is damaged: {why}\nhelp: run that shard again",
            p.name, p.shard
        ))
    };
    // brink runs at most MAX_TRIALS trials, and every count of a trial's tally but the repairs
    // (checked below) is bounded by the trials times the steps: no such sum can overflow.
    if !(1..=model::MAX_TRIALS as u64).contains(&f.trials) {
        return Err(damaged((
            0,
            format!(
                "it is a part of a run of {} trials; brink runs 1 to {}",
                f.trials,
                model::MAX_TRIALS
            ),
        )));
    }
    match f.command {
        Command::Run => {
            let model = load(f, &f.overrides)?;
            if let Some(g) = &f.given {
                compile_given(&model, g).map_err(MergeError::Scenario)?;
            }
            let mut result = RunResult::new(&model);
            for (i, p) in named.iter().enumerate() {
                let r = p.part.result.as_ref().ok_or((i, NO_TALLIES.to_string()));
                let r = r.map_err(damaged)?;
                run_fits(&model, r, p.shard, f.trials).map_err(|why| damaged((i, why)))?;
                if result.repairs_overflow(r) {
                    let why = "its repair counts are more than the parts' total can hold";
                    return Err(damaged((i, why.into())));
                }
                result.absorb(r);
            }
            let meta = RunMeta {
                file: Some(f.scenario.file.clone()),
                seed: f.seed,
                given: f.given.clone(),
            };
            Ok(Merged::Run {
                model: Box::new(model),
                result: Box::new(result),
                meta,
            })
        }
        Command::Sweep => {
            let grid = Grid::parse(&f.vary).map_err(|e| MergeError::refused(e.to_string()))?;
            let cfg = SweepConfig {
                set: f.overrides.clone(),
                given: f.given.clone(),
                settings: Settings {
                    trials: Some(f.trials),
                    seed: Some(f.seed),
                    ..Settings::default()
                },
            };
            let (path, files) = f.scenario.texts();
            let source = Source::Preloaded {
                path: &path,
                files: &files,
            };
            let plan = SweepPlan::new(source, &grid, &cfg).map_err(MergeError::Sweep)?;
            let meta = RunMeta {
                file: Some(f.scenario.file.clone()),
                seed: f.seed,
                given: f.given.clone(),
            };
            let sweep_parts = tallies(&named, |p| p.sweep.clone()).map_err(damaged)?;
            let swept = plan
                .assemble(sweep_parts, |role, model, result| {
                    let report = format == ReportFormat::Json || role.is_baseline();
                    Row::new(report, model, &result, &meta)
                })
                .map_err(damaged)?;
            Ok(Merged::Sweep {
                doc: Box::new(SweepDocument::new(
                    &plan,
                    f.scenario.file.clone(),
                    f.overrides.clone(),
                    f.given.clone(),
                    swept,
                )),
                baseline: Box::new(plan.baseline_model().clone()),
            })
        }
        Command::Sensitivity => {
            let model = load(f, &f.overrides)?;
            let outcomes = match &f.outcome {
                Some(id) => vec![
                    (model.outcomes.iter())
                        .position(|o| &o.id == id)
                        .ok_or_else(|| {
                            MergeError::refused(format!("error: no outcome `{id}` in the scenario"))
                        })?,
                ],
                None => (0..model.catch_all()).collect(),
            };
            let parts = tallies(&named, |p| p.sensitivity.clone()).map_err(damaged)?;
            let result = merge_sensitivity(&model, &outcomes, f.trials, parts).map_err(damaged)?;
            Ok(Merged::Sensitivity {
                file: f.scenario.file.clone(),
                seed: f.seed,
                top: f.top,
                model: Box::new(model),
                result,
            })
        }
    }
}

/// The scenario of `part` with `overrides`, from the texts it holds.
fn load(part: &Part, overrides: &[String]) -> Result<Model, MergeError> {
    let (path, files) = part.scenario.texts();
    let files = &files;
    model::Input::Preloaded { path: &path, files }
        .load_model(overrides)
        .map_err(MergeError::Scenario)
}

/// Each part's tallies of its command, with its shard, in shard order.
fn tallies<T>(
    parts: &[&NamedPart],
    of: impl Fn(&Part) -> Option<T>,
) -> Result<Vec<(Shard, T)>, (usize, String)> {
    (parts.iter().enumerate())
        .map(|(i, p)| Ok((p.shard, of(&p.part).ok_or((i, NO_TALLIES.to_string()))?)))
        .collect()
}

/// `Ok` when `r` is shard `shard`'s share of a run of `trials` trials of `model`.
fn run_fits(model: &Model, r: &RunResult, shard: Shard, trials: u64) -> Result<(), String> {
    let want = shard.trials(trials);
    if r.trials != want {
        return Err(format!(
            "it holds {} trials, shard {shard} has {want}",
            r.trials
        ));
    }
    r.inconsistency(model).map_or(Ok(()), Err)
}
