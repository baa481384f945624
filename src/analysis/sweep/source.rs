//! Where a sweep's scenario comes from ([`Source`], the loader's [`model::Input`]), and the
//! digest of a patched point: the same SHA-256 the loader computes (the files' bytes, then the
//! overrides), so a patched point's report names the scenario exactly as `brink run --set ...`
//! would.

use std::path::Path;

use crate::format::bounded::read_path;
use crate::format::files::MAX_FILE_BYTES;
use crate::model::{self, Model};

pub use crate::model::Input as Source;

/// The bytes of the model's files (a text source stands for the file it names), if they give
/// back the digest the loader computed; else `None` and points are loaded afresh.
pub fn file_bytes(model: &Model, source: &Source<'_>) -> Option<Vec<Vec<u8>>> {
    let bytes: Vec<Vec<u8>> = model
        .files
        .iter()
        .map(|f| match *source {
            Source::Text { name, text } if f.as_path() == Path::new(name) => {
                Ok(text.as_bytes().to_vec())
            }
            Source::Preloaded { files, .. } => files.get(f).cloned().ok_or(()),
            _ => read_path(f, MAX_FILE_BYTES).map_err(|_| ()),
        })
        .collect::<Result<_, _>>()
        .ok()?;
    (model::digest(bytes.iter().map(Vec::as_slice), &model.overrides) == model.digest)
        .then_some(bytes)
}
