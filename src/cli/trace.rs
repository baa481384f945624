//! `brink trace FILE --trial K`: the story of trial K, the same trial K as `brink run` with the
//! same seed. With `--given EXPR` or `--outcome ID`, the story of the first trial from K on whose
//! end satisfies them, found among the run's trials, so that an example of a rare outcome is one
//! command away.

use std::path::Path;

use super::load::load_scenario;
use super::output::emit;
use super::sim::{given, outcome_index};
use super::{CliError, SimArgs};
use crate::engine::{find_trial, trace_with};
use crate::format::files::shown_name;
use crate::model::{Model, NeverChosen, combined_given, outcome_never_chosen};
use crate::report::{ReportFormat, StoryMeta, render_trace};

pub fn run(
    file: &Path,
    (trial, outcome): (u64, Option<&str>),
    format: ReportFormat,
    sim: &SimArgs,
) -> Result<i32, CliError> {
    let settings = sim.settings()?;
    let loaded = load_scenario(file, &sim.set, sim.quiet)?;
    let model = &loaded.model;
    let sampling = settings.resolve(model);
    let seed = sampling.seed;
    let given = given(model, sim)?;
    let wanted = outcome.map(|id| outcome_index(model, id)).transpose()?;
    if let Some((o, never)) = wanted.and_then(|o| Some((o, outcome_never_chosen(model, o)?))) {
        return Err(CliError::new(never_found(model, o, never)));
    }
    let searching = given.is_some() || wanted.is_some();
    let found = if searching {
        let bound = (trial, sampling.trials);
        match find_trial(model, seed, bound, given.as_ref(), wanted) {
            Some(k) => k,
            None => {
                return Err(CliError::new(not_found(
                    trial,
                    sampling.trials,
                    sim,
                    outcome,
                )));
            }
        }
    } else {
        trial
    };
    let trace = trace_with(model, seed, found, &[], given.as_ref());
    // The file's own `given` too: the story says whether this trial was kept, and when.
    let combined = combined_given(model, sim.given.as_deref());
    let meta = StoryMeta {
        file: shown_name(file),
        observed: combined.as_ref().and_then(|(_, observed)| *observed),
        given: combined.map(|(expr, _)| expr),
        given_cli: sim.given.is_some(),
        outcome: outcome.map(String::from),
        passed_over: searching.then(|| found - trial),
    };
    let text = render_trace(model, &trace, &meta, format);
    emit(&text, sim.output.as_deref())?;
    Ok(0)
}

/// What was searched for, in the user's words.
fn wanted(sim: &SimArgs, outcome: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(o) = outcome {
        parts.push(format!("ended in `{o}`"));
    }
    if let Some(g) = &sim.given {
        parts.push(format!("satisfied `{g}` at the end"));
    }
    parts.join(" and ")
}

fn not_found(from: u64, trials: u64, sim: &SimArgs, outcome: Option<&str>) -> String {
    let what = wanted(sim, outcome);
    let said = if from < trials {
        format!("none of trials {from} to {} {what}", trials - 1)
    } else {
        format!(
            "--trial {from} is not among the run's {trials} trials (0 to {})",
            trials.max(1) - 1
        )
    };
    format!(
        "error: no trial found: {said}\n\
         help: the search covers the trials `brink run` would simulate; raise --trials, or try \
         another --seed"
    )
}

/// Why the search for an outcome no trial can end in is not made.
fn never_found(model: &Model, o: usize, never: NeverChosen) -> String {
    let id = &model.outcomes[o].id;
    match never {
        NeverChosen::NeverHolds => {
            let when = model.outcomes[o]
                .when
                .as_ref()
                .map_or("", |p| p.source.as_str());
            format!(
                "error: no trial can end in `{id}`: no state the scenario can reach makes its \
                 `when` true\nhelp: check the names and numbers in `{when}`; more trials or \
                 another seed would not find one"
            )
        }
        NeverChosen::Shadowed(shadow) => format!(
            "error: no trial can end in `{id}`: outcomes are checked in file order, and {}\n\
             help: reorder the outcomes, or make their conditions differ; more trials or another \
             seed would not find one",
            shadow.reason(model)
        ),
    }
}
