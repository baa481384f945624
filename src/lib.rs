//! brink: turn an argument about escalation into numbers anyone can check, change and rerun.
//!
//! Data flows one way through the modules:
//!
//! 1. [`format`] reads a scenario file (and the bases it `extends`) into a spanned document and
//!    applies `[set]` and command-line overrides, keeping every value's location for errors.
//! 2. [`model`] checks that document and compiles it into a [`model::Model`]; conditions are
//!    compiled by [`expr`], the small condition language.
//! 3. [`engine`] runs trials (one random stream per trial) in parallel and aggregates them in a
//!    fixed order, so results are bit-identical for any thread count.
//! 4. [`report`] renders results: one file per format.
//!
//! [`analysis`] builds the commands that run the engine many times (sweep, compare, sensitivity,
//! exact, graph), and [`cli`] only wires arguments to all of these. [`stats`] holds the pure
//! statistics (intervals, ranks, percentiles) that the engine, the reports and the analysis use;
//! it depends on nothing else in the crate.

pub mod analysis;
pub mod cli;
pub mod engine;
pub mod expr;
pub mod format;
pub mod model;
pub mod report;
pub mod stats;
