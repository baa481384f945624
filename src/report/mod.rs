//! Rendering results. Every command's result is a [`Document`] (or, for check and test, a
//! [`Verdict`]); each format is one file holding its trait and its rendering of the run report
//! (`table.rs`, `markdown.rs`, `csv.rs`, and `json.rs`, which serves every document through
//! `Serialize`). The run [`Report`] is the JSON shape built from a run's tallies; the story of
//! one trial is a document of its own.

mod build;
mod by_step;
mod charts;
mod check;
mod csv;
mod document;
pub mod figures;
pub mod fit;
pub(crate) mod fmt;
mod html;
mod json;
mod markdown;
mod params;
mod routes;
mod run_document;
mod sections;
mod shape;
mod story;
mod table;
pub mod tabular;
mod when;

pub use build::{RunMeta, TOP_PATHS, unique_labels};
pub use by_step::{ByStep, DENSE_MAX_HORIZON};
pub use charts::{Bar, Line, bars, lines, number_tick};
pub use check::{CheckDocument, Checked};
pub use csv::ToCsv;
pub use document::{Document, ReportFormat, Verdict, VerdictFormat, render, render_verdict};
pub use html::{HtmlSection, ToHtml, command_line, escape as escape_html, page, shell_word};
pub use json::ToJson;
pub use markdown::ToMarkdown;
pub use params::{ParamRow, declared as declared_param};
pub use routes::{TOP_ROUTES, route_events, routes};
pub use run_document::{Assumption, Drawing, Footer, RunDocument, assumptions};
pub use shape::*;
pub use story::{Story, StoryMeta, render_trace, story};
pub use table::ToTable;
