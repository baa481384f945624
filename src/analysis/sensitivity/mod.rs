//! `brink sensitivity`: how much each event's probability moves an outcome.

pub mod render;
pub mod run;
pub mod tornado;

pub use tornado::{EventEffect, Variant};
