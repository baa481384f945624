//! `brink run FILE`: the Monte Carlo run and its summary report.

use std::path::Path;
use std::time::Instant;

use super::load::load_scenario;
use super::page::emit_document;
use super::partial::{part_of, sampling_settings, write_part};
use super::sim::{MORE_TRIALS, given, some_kept};
use super::{CliError, Format, SimArgs};
use crate::analysis::graph;
use crate::analysis::merge::Command;
use crate::analysis::precision::{NONE_KEPT_HELP, Precision, run_to_precision};
use crate::engine::{self, CHUNK_TRIALS, RunConfig, threads_for};
use crate::format::files::shown_name;
use crate::report::{Footer, Report, RunDocument, RunMeta, Timing, assumptions};

pub fn run(
    file: &Path,
    precision: Option<&Precision>,
    shard: Option<&str>,
    sim: &SimArgs,
) -> Result<i32, CliError> {
    let settings = sampling_settings(file, shard, precision, sim)?;
    let loaded = load_scenario(file, &sim.set, sim.quiet)?;
    let model = &loaded.model;
    let cfg = RunConfig::sampled(settings.resolve(model), given(model, sim)?);
    if let Some(shard) = settings.shard {
        let result = engine::run_chunks(model, &cfg, shard.chunks(cfg.trials));
        let of = part_of(
            Command::Run,
            shown_name(file),
            model,
            (cfg.seed, cfg.trials),
            sim,
        )?;
        return write_part(of, shard, |p| p.result = Some(result), sim);
    }
    let start = Instant::now();
    let (result, reached) = match precision {
        Some(p) => {
            let (r, info) = run_to_precision(model, &cfg, p)
                .map_err(|e| CliError::new(format!("error: {e}")))?;
            (r, Some(info))
        }
        None => (engine::run(model, &cfg), None),
    };
    let elapsed = start.elapsed();
    let help = match precision {
        Some(_) => NONE_KEPT_HELP,
        None => MORE_TRIALS,
    };
    some_kept(model, sim.given.as_deref(), &result, help)?;
    let meta = RunMeta {
        file: Some(shown_name(file)),
        seed: cfg.seed,
        given: sim.given.clone(),
    };
    let footer = reached.as_ref().map(|p| {
        let line = if p.cap_hit {
            format!(
                "precision: the cap of {} trials came first; a 95% half-width of {} is still \
                 above {}",
                result.trials,
                p.of.join(", "),
                p.target
            )
        } else {
            format!(
                "precision: every 95% half-width of {} is at most {} after {} trials",
                p.of.join(", "),
                p.target,
                result.trials
            )
        };
        Footer {
            table: vec![line.clone()],
            markdown: vec![line],
        }
    });
    let mut report = Report::build(model, &result, &meta);
    report.precision = reached;
    let chain = (sim.format() == Format::Html).then(|| graph::chain(model, Some(&report)));
    let doc = RunDocument {
        chain,
        timing: Some(Timing {
            threads: threads_for(cfg.threads, cfg.trials.div_ceil(CHUNK_TRIALS)),
            elapsed,
        }),
        footer,
        assumptions: assumptions(model),
        ..RunDocument::new(report)
    };
    emit_document(&doc, sim.format(), sim.output.as_deref())?;
    Ok(0)
}
