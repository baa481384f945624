//! `brink schema`: the JSON Schema of the scenario format, built from the loader's own key tables.

use std::path::Path;

use super::CliError;
use super::output::{emit, json_text};
use crate::format::json_schema;

pub fn run(output: Option<&Path>) -> Result<i32, CliError> {
    emit(&json_text(&json_schema::scenario()), output)?;
    Ok(0)
}
