//! `brink sensitivity`: how much each event's probability moves an outcome.

mod json;
pub mod render;
mod run;
pub mod tornado;

pub use json::{JsonEvent, JsonOutcome, JsonProbability, JsonVariant, describe};
pub use run::{MAX_RANKED, OutcomeSensitivity, Sensitivity, sensitivity};
pub use tornado::{EventEffect, Variant};
