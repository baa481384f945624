//! The run report as a document (`brink run`, `brink exact`): the [`Report`], plus what only
//! the formats for people show: the timing, and lines under the report (the exact solver's
//! work).

use serde::Serialize;

use super::shape::{Report, Timing};
use crate::model::Model;

/// A run report ready for any format. Its JSON is the report alone.
#[derive(Clone, Debug)]
pub struct RunDocument {
    pub report: Report,
    /// Shown in the table's header; reproducible formats leave it out.
    pub timing: Option<Timing>,
    /// Lines under the table and the Markdown.
    pub footer: Option<Footer>,
    /// What the scenario says about each event (the HTML report shows it beside the numbers).
    pub assumptions: Vec<Assumption>,
    /// The chain drawn with the run's figures on it, for the HTML report. Drawing is analysis
    /// on top of the report, so the command that builds the document supplies it.
    pub chain: Option<Drawing>,
}

/// A drawing as SVG, with the text that stands in for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    pub svg: String,
    pub alt: String,
}

/// An event's source and rationale as the scenario gives them, and whether it is a milestone.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Assumption {
    pub id: String,
    pub milestone: bool,
    pub source: Option<String>,
    pub rationale: Option<String>,
}

/// The assumptions of every event of `model`, in the model's order.
pub fn assumptions(model: &Model) -> Vec<Assumption> {
    model
        .events
        .iter()
        .map(|e| Assumption {
            id: e.id.clone(),
            milestone: e.milestone,
            source: e.source.clone(),
            rationale: e.rationale.clone(),
        })
        .collect()
}

/// Lines printed under a report, in the two forms for people.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Footer {
    /// For a terminal (may say how long this machine took).
    pub table: Vec<String>,
    /// For a handout: the figures without timings, as a list.
    pub markdown: Vec<String>,
}

impl RunDocument {
    /// The report with no timing and no footer.
    pub fn new(report: Report) -> RunDocument {
        RunDocument {
            report,
            timing: None,
            footer: None,
            assumptions: Vec::new(),
            chain: None,
        }
    }
}

impl Serialize for RunDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report.serialize(s)
    }
}
