//! `brink graph FILE --format dot|mermaid|svg [--milestones] [--probabilities]`: the
//! escalation chain as a graph, on stdout or written atomically to `--output`. With
//! `--probabilities` the scenario is run first (same trials and seed as `brink run`, so the
//! numbers are the run's).

use std::path::Path;

use super::load::load_scenario;
use super::output::{check_writable, emit};
use super::settings::{Flags, settings};
use super::sim::{MORE_TRIALS, some_kept};
use super::{CliError, GraphFormat};
use crate::analysis::graph::{Graph, render_dot, render_mermaid, render_svg};
use crate::engine::{self, RunConfig};
use crate::format::files::shown_name;
use crate::report::{Report, RunMeta};

/// The sampling flags of `--probabilities`.
pub struct RunFlags {
    pub trials: Option<u64>,
    pub seed: Option<String>,
    pub threads: Option<usize>,
}

pub fn run(
    file: &Path,
    format: GraphFormat,
    set: &[String],
    output: Option<&Path>,
    milestones: bool,
    probabilities: Option<RunFlags>,
) -> Result<i32, CliError> {
    // Flags are checked before the scenario is read, as for `run`.
    let settings = match &probabilities {
        Some(f) => Some(settings(Flags {
            trials: f.trials,
            seed: f.seed.as_deref(),
            threads: f.threads,
            quiet: false,
            shard: None,
            output,
        })?),
        None => {
            check_writable(output)?;
            None
        }
    };
    let loaded = load_scenario(file, set, false)?;
    let model = &loaded.model;
    let mut graph = if milestones {
        Graph::milestones(model)
    } else {
        Graph::new(model)
    };
    if let Some(settings) = settings {
        let cfg = RunConfig::sampled(settings.resolve(model), None);
        let result = engine::run(model, &cfg);
        // A scenario's own `given` that no trial met leaves no figure to write.
        some_kept(model, None, &result, MORE_TRIALS)?;
        let meta = RunMeta {
            file: Some(shown_name(file)),
            seed: cfg.seed,
            given: None,
        };
        graph = graph.with_probabilities(&Report::build(model, &result, &meta));
    }
    let text = match format {
        GraphFormat::Dot => render_dot(&graph),
        GraphFormat::Mermaid => render_mermaid(&graph),
        GraphFormat::Svg => render_svg(&graph),
    };
    emit(&text, output)?;
    Ok(0)
}
