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
    /// Parameters drawn from a distribution: not integrated yet.
    UncertainParams { params: Vec<String> },
    /// Numbers computed from the state or drawn per trial, as id paths.
    ComputedNumbers { places: Vec<String> },
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
            ExactError::UncertainParams { params } => {
                let names: Vec<String> = params.iter().map(|p| format!("`{p}`")).collect();
                let (what, are) = if names.len() == 1 {
                    ("parameter", "is drawn from a distribution")
                } else {
                    ("parameters", "are drawn from distributions")
                };
                write!(
                    f,
                    "the {what} {} {are}, which `brink exact` does not integrate over yet\n  \
                     help: fix each with --set params.ID=VALUE, or use `brink run`",
                    names.join(", ")
                )
            }
            ExactError::ComputedNumbers { places } => {
                let names: Vec<String> = places.iter().map(|p| format!("`{p}`")).collect();
                write!(
                    f,
                    "`brink exact` does not yet handle numbers computed from the state or drawn \
                     once per trial: {}\n  \
                     help: fix each with --set PATH=NUMBER, or use `brink run`",
                    names.join(", ")
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
