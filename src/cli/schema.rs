//! `brink schema`: the JSON Schema of the scenario format, built from the loader's own key tables.

use std::path::Path;

use super::CliError;
use super::output::emit;
use crate::model::json_schema;
use crate::report::ToJson;

pub fn run(output: Option<&Path>) -> Result<i32, CliError> {
    emit(&json_schema::scenario().to_json(), output)?;
    Ok(0)
}
