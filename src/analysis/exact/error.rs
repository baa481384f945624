//! Why a scenario cannot be solved exactly. Each message names what is in the way and what to do.

use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum ExactError {
    /// More distinct states than `--max-states` at one step.
    TooManyStates { max: usize, step: u32 },
    /// An `add` amount drawn from a distribution at each firing.
    RandomAmount {
        event: String,
        /// The branch label, when the amount is in a branch.
        branch: Option<String>,
        variable: String,
        /// "normal", "uniform", "Poisson", ...
        kind: &'static str,
    },
    /// Uncertain probabilities whose integral did not settle, or too many of them.
    Quadrature { events: Vec<String>, reason: String },
    /// Numbers drawn once per trial (besides event probabilities) whose integral did not
    /// settle, or too many of them; as `--set` paths.
    Draws { places: Vec<String>, reason: String },
    /// The scenario keeps only the trials that satisfy `[scenario] given`.
    Given { expr: String, observed: Option<u32> },
}

impl fmt::Display for ExactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExactError::TooManyStates { max, step } => write!(
                f,
                "more than {max} distinct states at step {step}: the exact computation stops \
                 here rather than run out of memory\n  \
                 help: raise --max-states, shorten the horizon with --set scenario.horizon=N, \
                 or use `brink run`"
            ),
            ExactError::RandomAmount {
                event,
                branch,
                variable,
                kind,
            } => {
                let place = match branch {
                    Some(b) => format!("event `{event}`, branch \"{b}\""),
                    None => format!("event `{event}`"),
                };
                let why = if *kind == "Poisson" {
                    "its values are unbounded, so the states cannot be listed exactly"
                } else {
                    "its values are continuous, so the states cannot be listed exactly"
                };
                write!(
                    f,
                    "{place}: `add` to `{variable}` draws a {kind} amount at each firing; \
                     {why}\n  \
                     help: `brink exact` needs constant amounts; use `brink run` for this scenario"
                )
            }
            ExactError::Draws { places, reason } => {
                let names: Vec<String> = places.iter().map(|p| format!("`{p}`")).collect();
                write!(
                    f,
                    "cannot integrate over the numbers drawn once per trial ({}): {reason}\n  \
                     help: fix some of them to a number (--set {}=NUMBER), or use `brink run`",
                    names.join(", "),
                    places.first().map_or("PATH", String::as_str)
                )
            }
            ExactError::Given { expr, observed } => {
                let when = match observed {
                    Some(s) => format!(" at step {s}"),
                    None => String::new(),
                };
                write!(
                    f,
                    "the scenario keeps only the trials in which `{expr}` holds{when} (`given` in \
                     `[scenario]`), and `brink exact` cannot condition: whether a trial is kept \
                     is known only after its firings have been counted\n  \
                     help: use `brink run`, which keeps the trials that satisfy it"
                )
            }
            ExactError::Quadrature { events, reason } => {
                let names: Vec<String> = events.iter().map(|e| format!("`{e}`")).collect();
                write!(
                    f,
                    "cannot integrate over the uncertain probabilities of {}: {reason}\n  \
                     help: give these events fixed probabilities (--set events.ID.probability=P), \
                     or use `brink run`",
                    names.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for ExactError {}
