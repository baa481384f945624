use std::path::Path;

use super::{CliError, GraphFormat};

pub fn run(
    _file: &Path,
    _format: GraphFormat,
    _set: &[String],
    _output: Option<&Path>,
) -> Result<i32, CliError> {
    Err(CliError::not_implemented("graph"))
}
