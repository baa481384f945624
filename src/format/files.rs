//! Reading scenario texts: from disk, standard input or memory, refusing files over the size
//! limit (read at most one byte past it, whatever the file is) and texts that are not UTF-8
//! before anything parses them. Every text read goes into the source map.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::bounded::{self, ReadError};
use super::diagnostic::Diagnostic;
use super::sniff;
use super::source::{FileId, SourceMap, Span};

/// Files larger than this are refused before they are parsed; no more than this plus one byte
/// is ever read.
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
    /// The files that say `format = 1`: what they write must not use a format-2 feature.
    pub format1: Vec<FileId>,
    /// Texts to read instead of the disk, by path as named (a merge loads the scenario the
    /// shards embedded in their parts); a path not here is missing.
    pub preloaded: Option<std::collections::BTreeMap<PathBuf, Vec<u8>>>,
    /// The ids a `remove` took out of a base, with the entry that did: an error about such an
    /// id still being read points there too (see `removed_uses`).
    pub removed: Vec<(String, Span)>,
    /// The base's catch-all replaced by the file's, of another id (see `replaced_catch_all`).
    pub replaced: Vec<super::replaced_catch_all::Replaced>,
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

/// What `-` stands for where a scenario file is expected, and the name it gets in messages.
pub const STDIN_PATH: &str = "-";
pub const STDIN_NAME: &str = "<stdin>";

/// The name a file is shown under: `<stdin>` for `-`, else the path as given.
pub fn shown_name(path: &Path) -> String {
    if path == Path::new(STDIN_PATH) {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a file from disk (or standard input for a `-` on the command line), refusing it if too
/// large or not UTF-8. The text is added to the source map. `None` when it cannot be used (the
/// error is in `state.diags`).
pub fn read_file(state: &mut LoadState, path: &Path, origin: &Origin) -> Option<FileId> {
    // Only the command line means stdin by `-`: in `extends` it is a file named `-`.
    let stdin = origin.span.is_none() && path == Path::new(STDIN_PATH);
    let shown = if stdin {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    let fail = |state: &mut LoadState, message: String, help: Option<String>| {
        let d = match &origin.span {
            Some(span) => Diagnostic::error(span.clone(), message).label("named here"),
            None => Diagnostic::bare_error(message),
        };
        state.diags.push(d.maybe_help(help));
    };
    let from_disk;
    let read = if let Some(files) = &state.preloaded {
        from_disk = files
            .get(path)
            .cloned()
            .ok_or_else(|| ReadError::Missing(std::io::Error::from(std::io::ErrorKind::NotFound)));
        &from_disk
    } else if stdin {
        stdin_bytes()
    } else {
        from_disk = bounded::read_path(path, MAX_FILE_BYTES);
        &from_disk
    };
    let too_large_help =
        || Some("a scenario this large is almost certainly not a scenario file".into());
    let limit = bounded::describe_limit(MAX_FILE_BYTES);
    let bytes = match read {
        Ok(b) => b.clone(),
        Err(ReadError::Folder) => {
            fail(
                state,
                format!("`{shown}` is a folder, not a scenario file"),
                Some(folder_help(path, &shown)),
            );
            return None;
        }
        Err(ReadError::TooLarge { size: Some(size) }) => {
            fail(
                state,
                format!("`{shown}` is too large: {size} bytes, the limit is {limit}"),
                too_large_help(),
            );
            return None;
        }
        Err(ReadError::TooLarge { size: None }) => {
            fail(
                state,
                format!("`{shown}` is too large: reading stopped at the limit of {limit}"),
                too_large_help(),
            );
            return None;
        }
        Err(ReadError::Missing(e)) => {
            fail(
                state,
                format!("cannot read `{shown}`: {}", io_words(e)),
                // Only a base named by `extends` is relative to another file; a file named on
                // the command line is relative to the folder brink runs in.
                Some(match origin.span {
                    _ if e.kind() == std::io::ErrorKind::NotFound
                        && state.preloaded.is_none()
                        && let Some(help) = near_file(
                            path,
                            &written(state, origin, &shown),
                            origin.span.is_some(),
                        ) =>
                    {
                        help
                    }
                    Some(_) => {
                        "check the path; `extends` paths are relative to the file that names them"
                            .into()
                    }
                    None => "check the path; a relative path starts from the folder you run \
                             brink in (e.g. `brink run scenarios/baseline.toml` from the \
                             project's folder)"
                        .into(),
                }),
            );
            return None;
        }
        Err(ReadError::Read(e)) => {
            fail(
                state,
                format!("cannot read `{shown}`: {}", io_words(e)),
                None,
            );
            return None;
        }
    };
    add_text(state, &shown, bytes)
}

/// The path as the user wrote it: on the command line, or in `extends` (relative to its file).
fn written(state: &LoadState, origin: &Origin, shown: &str) -> String {
    match &origin.span {
        Some(span) => state
            .sources
            .slice(span)
            .trim_matches(['"', '\''])
            .to_string(),
        None => shown.to_string(),
    }
}

/// The file meant by a path that names none: the same name with a hidden `.txt` (as Windows and
/// macOS save "plain text"), the name without `.toml`, or a close name in the same folder. The
/// file is named as the user wrote `shown`, with its file name replaced.
fn near_file(path: &Path, shown: &str, in_extends: bool) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    if let Some(help) = same_name_near(path, shown, in_extends) {
        return Some(help);
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let in_folder = |file: &str| Path::new(shown).with_file_name(file).display().to_string();
    if !folder.is_dir() {
        let written = Path::new(shown).parent().unwrap_or(folder);
        let here = match (written.is_relative(), in_extends) {
            (false, _) => "",
            (true, false) => " here",
            (true, true) => " beside this file",
        };
        return Some(format!(
            "there is no folder `{}`{here}; check the path",
            written.display()
        ));
    }
    let entries: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let with_txt = format!("{name}.txt").to_lowercase();
    if let Some(saved) = entries.iter().find(|e| e.to_lowercase() == with_txt) {
        let meant = saved.get(..saved.len().saturating_sub(4)).unwrap_or(name);
        return Some(format!(
            "the file is saved as `{}`: rename it to `{meant}` (your file browser may hide the \
             `.txt`)",
            in_folder(saved)
        ));
    }
    let with_toml = format!("{name}.toml");
    if entries.contains(&with_toml) {
        return Some(format!("did you mean `{}`?", in_folder(&with_toml)));
    }
    let tomls = entries.iter().filter(|e| e.ends_with(".toml"));
    let near = super::suggest::closest(name, tomls)?;
    Some(format!("did you mean `{}`?", in_folder(&near)))
}

/// The file meant by a path whose folders are wrong, found by its name: for `extends`, beside
/// the file that names it or one folder up (`extends = "scenarios/baseline.toml"` in a file of
/// `scenarios/`); on the command line, in a folder below the one written (`baseline.toml` for
/// `scenarios/baseline.toml`).
fn same_name_near(path: &Path, shown: &str, in_extends: bool) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let written = Path::new(shown);
    if in_extends {
        // The folder of the file that names it: `path` is that folder joined with `shown`.
        let own = path.to_str()?.strip_suffix(shown)?;
        let own = Path::new(if own.is_empty() { "." } else { own });
        for (meant, folder) in [
            (name.to_string(), own.to_path_buf()),
            (format!("../{name}"), own.join("..")),
        ] {
            if meant != shown && folder.join(name).is_file() {
                return Some(format!(
                    "a path in `extends` starts from the folder of the file that names it: \
                     write `extends = \"{meant}\"`"
                ));
            }
        }
        return None;
    }
    let folder = match written.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut below: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            // (Not a hidden folder: an editor's or a tool's copy is not the file meant.)
            let visible = !e.file_name().to_string_lossy().starts_with('.');
            (visible && e.path().join(name).is_file()).then(|| {
                written
                    .with_file_name(e.file_name())
                    .join(name)
                    .display()
                    .to_string()
            })
        })
        .collect();
    below.sort();
    let first = below.first()?;
    Some(format!("did you mean `{first}`?"))
}

/// What to give instead of a folder: one of its scenarios, named.
fn folder_help(path: &Path, shown: &str) -> String {
    let mut tomls: Vec<String> = std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    tomls.sort();
    let shown = shown.trim_end_matches('/');
    match tomls.first() {
        Some(first) => format!(
            "name one scenario file in it, such as `{shown}/{first}` ({} there)",
            match tomls.len() {
                1 => "the only one".to_string(),
                n => format!("{n} .toml files"),
            }
        ),
        None => "name a scenario file (`.toml`); this folder has none".into(),
    }
}

/// Standard input, read once (bounded like any file): every `-` of one command sees the same
/// text, since a second read would find it already consumed.
fn stdin_bytes() -> &'static Result<Vec<u8>, ReadError> {
    static STDIN: OnceLock<Result<Vec<u8>, ReadError>> = OnceLock::new();
    STDIN.get_or_init(|| bounded::read_all(std::io::stdin().lock(), MAX_FILE_BYTES))
}

/// Adds a text given as bytes (from disk or a test), checking size and UTF-8.
pub fn add_text(state: &mut LoadState, name: &str, bytes: Vec<u8>) -> Option<FileId> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        state.diags.push(
            Diagnostic::bare_error(format!(
                "`{name}` is too large: {} bytes, the limit is {}",
                bytes.len(),
                bounded::describe_limit(MAX_FILE_BYTES)
            ))
            .help("a scenario this large is almost certainly not a scenario file"),
        );
        return None;
    }
    if let Some((kind, help)) = sniff::binary_kind(&bytes) {
        state.diags.push(
            Diagnostic::bare_error(format!(
                "`{name}` is {kind}: brink reads a scenario as plain UTF-8 text"
            ))
            .help(help),
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

/// An input/output error in plain words (`no such file`, not `No such file or directory (os
/// error 2)`).
pub fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
