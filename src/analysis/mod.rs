//! Commands that sit on top of the engine: sweep, compare, sensitivity, exact and graph.

pub mod exact;
pub mod expect;
pub mod graph;
pub mod sensitivity;
pub mod stats;
pub mod sweep;
pub mod tabular;
