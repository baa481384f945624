use std::path::Path;

use super::{CliError, SimArgs};

pub fn run(_file: &Path, _vary: &[String], _sim: &SimArgs) -> Result<i32, CliError> {
    Err(CliError::not_implemented("sweep"))
}
