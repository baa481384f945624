//! The warnings of format.md section 8: things that load and run but are probably mistakes.

use super::compile::Compiled;
use crate::format::Diagnostic;

pub fn check(compiled: &Compiled) -> Vec<Diagnostic> {
    let _ = compiled;
    Vec::new()
}
