//! `brink trace FILE --trial K`: the story of trial K, the same trial K as `brink run` with the
//! same seed.

use std::path::Path;

use super::load::load_scenario;
use super::output::emit;
use super::sim::given;
use super::{CliError, SimArgs};
use crate::engine::trace_with;
use crate::report::{StoryMeta, render_trace};

pub fn run(file: &Path, trial: u64, sim: &SimArgs) -> Result<i32, CliError> {
    let settings = sim.settings()?;
    let loaded = load_scenario(file, &sim.set, sim.quiet)?;
    let model = &loaded.model;
    let seed = settings.resolve(model).seed;
    let given = given(model, sim)?;
    let trace = trace_with(model, seed, trial, &[], given.as_ref());
    let meta = StoryMeta {
        file: file.display().to_string(),
        given: sim.given.clone(),
    };
    let text = render_trace(model, &trace, &meta, sim.format.into());
    emit(&text, sim.output.as_deref())?;
    Ok(0)
}
