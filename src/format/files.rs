//! Reading scenario texts: from disk or memory, refusing files over the size limit and texts
//! that are not UTF-8 before anything parses them. Every text read goes into the source map.

use std::path::{Path, PathBuf};

use super::diagnostic::Diagnostic;
use super::source::{FileId, SourceMap, Span};

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// What loading files produced so far.
#[derive(Default)]
pub struct LoadState {
    pub sources: SourceMap,
    pub diags: Vec<Diagnostic>,
    /// The files read, bases first, with their text's id (the digest covers them in this order).
    pub files: Vec<(PathBuf, FileId)>,
    /// Canonical paths of the files being loaded, innermost last: a repeat is a cycle.
    pub(super) stack: Vec<(PathBuf, String)>,
}

impl LoadState {
    pub fn new() -> LoadState {
        LoadState::default()
    }
}

/// Where a file name came from: the command line, or an `extends` value in another file.
#[derive(Clone)]
pub struct Origin {
    pub span: Option<Span>,
}

/// Reads a file from disk, refusing it if too large or not UTF-8. The text is added to the
/// source map. `None` when it cannot be used (the error is in `state.diags`).
pub fn read_file(state: &mut LoadState, path: &Path, origin: &Origin) -> Option<FileId> {
    let shown = path.display().to_string();
    let fail = |state: &mut LoadState, message: String, help: Option<String>| {
        let d = match &origin.span {
            Some(span) => Diagnostic::error(span.clone(), message).label("named here"),
            None => Diagnostic::bare_error(message),
        };
        state.diags.push(d.maybe_help(help));
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            fail(
                state,
                format!("`{shown}` is a folder, not a scenario file"),
                None,
            );
            return None;
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            fail(
                state,
                format!(
                    "`{shown}` is too large: {} bytes, the limit is 10 MB ({MAX_FILE_BYTES} bytes)",
                    meta.len()
                ),
                Some("a scenario this large is almost certainly not a scenario file".into()),
            );
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            fail(
                state,
                format!("cannot read `{shown}`: {}", io_words(&e)),
                Some(
                    "check the path; `extends` paths are relative to the file that names them"
                        .into(),
                ),
            );
            return None;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            fail(
                state,
                format!("cannot read `{shown}`: {}", io_words(&e)),
                None,
            );
            return None;
        }
    };
    add_text(state, &shown, bytes)
}

/// Adds a text given as bytes (from disk or a test), checking size and UTF-8.
pub fn add_text(state: &mut LoadState, name: &str, bytes: Vec<u8>) -> Option<FileId> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        state.diags.push(
            Diagnostic::bare_error(format!(
                "`{name}` is too large: {} bytes, the limit is 10 MB ({MAX_FILE_BYTES} bytes)",
                bytes.len()
            ))
            .help("a scenario this large is almost certainly not a scenario file"),
        );
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(state.sources.add(name, text)),
        Err(e) => {
            // Keep the valid prefix so the error can show the line; offsets before the bad byte
            // are unchanged by the lossy conversion.
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let id = state.sources.add(name, text);
            state.diags.push(
                Diagnostic::error(
                    Span::new(id, at..at),
                    format!("`{name}` is not valid UTF-8: invalid byte at offset {at}"),
                )
                .label("invalid UTF-8 starts here")
                .help("save the file as UTF-8 text"),
            );
            None
        }
    }
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
