//! Commands that sit on top of the engine: sweep, compare, sensitivity, exact and graph.

pub mod compare;
pub mod exact;
pub mod expect;
pub mod graph;
pub mod junit;
pub mod lockstep;
pub mod merge;
pub mod paired;
pub mod precision;
pub mod sensitivity;
pub mod sweep;
pub mod verdict;
