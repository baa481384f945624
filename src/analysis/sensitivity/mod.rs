//! `brink sensitivity`: how much each number of the scenario moves an outcome.

mod html;
pub mod inputs;
mod json;
pub mod render;
mod run;
pub mod swing;
pub mod tornado;

pub use inputs::Input;
pub use json::{JsonEvent, JsonOutcome, JsonProbability, JsonVariant, describe};
pub use run::{MAX_RANKED, OutcomeSensitivity, Sensitivity, sensitivity};
pub use swing::InputEffect;
pub use tornado::{EventEffect, Variant};
