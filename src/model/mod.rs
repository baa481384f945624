//! Checking a scenario document and compiling it into a [`Model`].

mod types;

pub use types::*;
