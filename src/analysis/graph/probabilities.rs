//! `brink graph --probabilities`: each event's and outcome's probability from a run written on
//! its node, to the digits the run's report prints (the decimals follow the 95% interval).

use super::{Graph, NodeKind};
use crate::report::Report;
use crate::report::figures::{percent_ci, percent_exact};

impl Graph {
    /// Writes on each event node the chance that the event fired at least once, and on each
    /// outcome node the outcome's probability, as `report` gives them.
    pub fn with_probabilities(mut self, report: &Report) -> Graph {
        let shown = |p: f64, ci: Option<[f64; 2]>| match ci {
            Some([lo, hi]) => percent_ci(p, lo, hi).0,
            None => percent_exact(p),
        };
        for node in &mut self.nodes {
            let id = &node.key[2..];
            node.probability = match node.kind {
                NodeKind::Flag | NodeKind::Variable => None,
                NodeKind::Event => report
                    .events
                    .iter()
                    .find(|e| e.id == id)
                    .map(|e| shown(e.probability, e.ci95)),
                NodeKind::Terminal | NodeKind::Horizon | NodeKind::CatchAll => report
                    .outcomes
                    .iter()
                    .find(|o| o.id == id)
                    .map(|o| shown(o.probability, o.ci95)),
            };
        }
        self
    }
}
