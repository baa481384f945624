//! Rendering results: the [`Report`] (the JSON shape of cli.md, built from a run's tallies) and
//! one [`Exporter`] per format (table, markdown, json, csv), plus the story of one trial.

mod build;
mod csv;
mod exporter;
mod fmt;
mod json;
mod markdown;
mod sections;
mod shape;
mod story;
mod table;
pub mod tabular;

pub use build::{RunMeta, TOP_PATHS, unique_labels};
pub use exporter::{Exporter, ReportFormat, exporter};
pub use shape::*;
pub use story::{StoryMeta, render_trace};
