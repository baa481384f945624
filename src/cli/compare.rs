use std::path::Path;

use super::{CliError, SimArgs};

pub fn run(_a: &Path, _b: &Path, _set_b: &[String], _sim: &SimArgs) -> Result<i32, CliError> {
    Err(CliError::not_implemented("compare"))
}
