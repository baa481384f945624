//! `brink sweep`: one run per point of a grid of parameter values, on the same seed and trial
//! streams at every point, so the differences between points are the parameters' doing and not
//! the dice's.

mod error;
pub mod grid;
mod html;
pub mod patch;
mod precision;
pub mod render;
mod role;
mod run;
mod shard;
mod source;
mod unread;
mod value;
pub mod vary;
mod warn;

pub use error::{BASELINE, SweepError};
pub use grid::{Grid, MAX_POINTS};
pub use precision::Reached;
pub use role::Role;
pub use run::{Baseline, Point, SweepConfig, SweepPlan, Swept, sweep};
pub use shard::{PointPart, SweepPart};
pub use source::Source;
pub use value::value_at;
pub use vary::{Points, Vary, VaryError};
