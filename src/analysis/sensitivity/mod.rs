//! `brink sensitivity`: how much each number of the scenario moves an outcome.

mod html;
pub mod inputs;
mod job_run;
mod json;
mod precision;
mod readers;
pub mod render;
mod run;
mod shard;
pub mod swing;
mod tally;
pub mod tornado;
mod versions;

pub use inputs::Input;
pub use json::{JsonEvent, JsonOutcome, JsonProbability, JsonVariant, describe};
pub use precision::{sensitivity_to_precision, targets as precision_targets};
pub use run::{MAX_RANKED, OutcomeSensitivity, Sensitivity, sensitivity};
pub use shard::{SensitivityPart, merge_sensitivity, sensitivity_shard};
pub use swing::InputEffect;
pub use tornado::{EventEffect, Variant};
