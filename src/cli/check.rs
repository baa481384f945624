use std::path::PathBuf;

use super::{CliError, Format};

pub fn run(_files: &[PathBuf], _format: Format) -> Result<i32, CliError> {
    Err(CliError::not_implemented("check"))
}
