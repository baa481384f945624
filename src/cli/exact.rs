use std::path::Path;

use super::{CliError, Format};

pub fn run(
    _file: &Path,
    _max_states: usize,
    _set: &[String],
    _format: Format,
    _output: Option<&Path>,
) -> Result<i32, CliError> {
    Err(CliError::not_implemented("exact"))
}
