use std::path::PathBuf;

use super::{CliError, Format};

pub fn run(
    _paths: &[PathBuf],
    _trials: Option<u64>,
    _threads: Option<usize>,
    _format: Format,
    _quiet: bool,
) -> Result<i32, CliError> {
    Err(CliError::not_implemented("test"))
}
