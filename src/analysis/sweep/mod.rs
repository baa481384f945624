//! `brink sweep`: one run per point of a grid of parameter values, on the same seed and trial
//! streams at every point, so the differences between points are the parameters' doing and not
//! the dice's.

pub mod grid;
pub mod patch;
pub mod render;
pub mod run;
pub mod vary;

pub use grid::{Grid, MAX_POINTS};
pub use vary::{Vary, VaryError};
