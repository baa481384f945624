//! Where a command's result goes: stdout (no `--output`, or `--output -`), or the path given.
//!
//! A regular file (or a new path) is replaced atomically: a temporary file in the same folder,
//! synced, then renamed over it, so an interrupted command, a full disk or a size limit never
//! leaves half a report and the previous one stays whole. A symbolic link is followed and the
//! file it points to is replaced the same way (the link stays). Anything else (`/dev/null`, a
//! FIFO, a terminal, `/dev/stdout`) is written in place: renaming over it would replace the
//! device or pipe with a regular file. Every command writes through [`emit`].

use std::ffi::OsString;
use std::fs::{File, OpenOptions, Permissions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use super::CliError;

/// Prints `text` on stdout, or writes it to `output` (see the module docs).
pub fn emit(text: &str, output: Option<&Path>) -> Result<(), CliError> {
    match output {
        Some(path) if path != Path::new("-") => {
            write_path(path, text.as_bytes()).map_err(|cause| {
                CliError::new(format!("error: cannot write {}: {cause}", path.display()))
            })
        }
        _ => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not a failure of the command.
                Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(CliError::new(format!(
                    "error: cannot write to stdout: {}",
                    words(&e)
                ))),
                _ => Ok(()),
            }
        }
    }
}

/// Checks, before any work, that [`emit`] will be able to write to `output`, so that a long
/// simulation does not end in "cannot write": the folder of a file must exist and take a new
/// file. Nothing is created or truncated (a probe file beside the target is made and removed).
pub fn check_writable(output: Option<&Path>) -> Result<(), CliError> {
    let Some(path) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(());
    };
    probe(path).map_err(|(cause, missing)| {
        let help = match missing {
            Some(dir) => format!(
                "create the folder (`mkdir -p {}`), or give --output a path in a folder that \
                 exists",
                crate::report::shell_word(&dir.to_string_lossy())
            ),
            None => "give --output the path of a file you can write".into(),
        };
        CliError::new(format!(
            "error: cannot write {}: {cause}\nhelp: nothing was run; {help}",
            path.display()
        ))
    })
}

/// Why `path` cannot be written, and the folder when it is missing.
fn probe(path: &Path) -> Result<(), (String, Option<PathBuf>)> {
    let target = follow_links(path).map_err(|e| (e, None))?;
    if target.starts_with("/proc") {
        return Ok(());
    }
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(("it is a folder".into(), None)),
        // A device, FIFO or socket is opened when written: opening a FIFO now would wait.
        Ok(meta) if !meta.is_file() => Ok(()),
        Err(e) if e.kind() != ErrorKind::NotFound => Err((words(&e), None)),
        _ => {
            let dir = folder_of(&target);
            match Temp::create(dir, &target) {
                Ok(_probe) => Ok(()),
                Err(e) if e.kind() == ErrorKind::NotFound => Err((
                    format!("the folder {} does not exist", dir.display()),
                    Some(dir.to_path_buf()),
                )),
                // The report is written to a new file in the folder, then renamed over the
                // target: a writable file in a folder that takes no new file cannot be written.
                Err(e) if e.kind() == ErrorKind::PermissionDenied => Err((
                    format!(
                        "brink cannot create files in the folder {} ({})",
                        dir.display(),
                        words(&e)
                    ),
                    None,
                )),
                Err(e) => Err((words(&e), None)),
            }
        }
    }
}

/// The folder a file is written in (`.` for a bare name).
fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Prints `text` on stderr (diagnostics, warnings, progress) as `eprint!` would, but a stderr
/// that cannot be written (closed by `2>&1 | head`, or a full disk) is not a reason to stop the
/// command or to panic: the result on stdout or in `--output` still matters.
pub fn note(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Writes `bytes` to `path`; the error is the cause in words (the caller names the path).
fn write_path(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let target = follow_links(path)?;
    // `/proc/self/fd/N` (where `/dev/stdout` leads) is a descriptor the shell opened: write to it.
    if target.starts_with("/proc") {
        return write_in_place(&target, bytes);
    }
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => replace(&target, bytes, Some(meta.permissions())),
        Ok(meta) if meta.is_dir() => Err("it is a folder".into()),
        Ok(meta) => write_special(&target, &meta, bytes),
        Err(e) if e.kind() == ErrorKind::NotFound => replace(&target, bytes, None),
        Err(e) => Err(words(&e)),
    }
}

/// The path that symbolic links at the end of `path` lead to (links inside the folders on the
/// way are the kernel's business: a rename in the final folder goes through them). A dangling
/// link leads to the file it names, which is then created.
fn follow_links(path: &Path) -> Result<PathBuf, String> {
    let mut current = path.to_path_buf();
    // Linux's own limit on links followed in one lookup.
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.is_symlink());
        if !is_link || current.starts_with("/proc") {
            return Ok(current);
        }
        let link = std::fs::read_link(&current).map_err(|e| words(&e))?;
        current = match current.parent() {
            Some(dir) if link.is_relative() => dir.join(link),
            _ => link,
        };
    }
    Err("too many levels of symbolic links".into())
}

/// A device, FIFO or socket: written directly, never renamed over.
fn write_special(target: &Path, meta: &std::fs::Metadata, bytes: &[u8]) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if meta.file_type().is_socket() {
            let mut stream =
                std::os::unix::net::UnixStream::connect(target).map_err(|e| words(&e))?;
            return ignore_closed_pipe(stream.write_all(bytes));
        }
    }
    let _ = meta;
    write_in_place(target, bytes)
}

/// Opens `target` as it is and writes to it (truncating a regular file behind `/dev/stdout`, as a
/// shell's `>` would; devices and pipes ignore the truncation).
fn write_in_place(target: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut file = OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(target)
        .map_err(|e| words(&e))?;
    ignore_closed_pipe(file.write_all(bytes).and_then(|()| file.flush()))
}

/// A reader that went away (`--output fifo` read by `head`) is its choice, as on stdout.
fn ignore_closed_pipe(result: std::io::Result<()>) -> Result<(), String> {
    match result {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(words(&e)),
        _ => Ok(()),
    }
}

/// Replaces (or creates) the regular file `target` atomically, with the permissions it had, or
/// for a new file those the user's umask gives.
fn replace(target: &Path, bytes: &[u8], keep: Option<Permissions>) -> Result<(), String> {
    let dir = folder_of(target);
    let mut tmp = Temp::create(dir, target).map_err(|e| match e.kind() {
        ErrorKind::NotFound => format!("the folder {} does not exist", dir.display()),
        _ => words(&e),
    })?;
    if let Some(perms) = keep {
        tmp.file.set_permissions(perms).map_err(|e| words(&e))?;
    }
    tmp.file.write_all(bytes).map_err(|e| words(&e))?;
    tmp.file.sync_all().map_err(|e| words(&e))?;
    std::fs::rename(&tmp.path, target).map_err(|e| words(&e))?;
    tmp.renamed = true;
    Ok(())
}

/// The temporary file beside the target; removed when dropped unless it was renamed over it,
/// so a failed write (a full disk) leaves nothing behind.
struct Temp {
    path: PathBuf,
    file: File,
    renamed: bool,
}

impl Temp {
    fn create(dir: &Path, target: &Path) -> std::io::Result<Temp> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let stem = target.file_name().unwrap_or_default();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let mut name = OsString::from(".");
            name.push(stem);
            name.push(format!(".{}-{n}.tmp", std::process::id()));
            let path = dir.join(name);
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            // The kernel applies the umask to this mode, as it would for any new file.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
            match options.open(&path) {
                Ok(file) => {
                    return Ok(Temp {
                        path,
                        file,
                        renamed: false,
                    });
                }
                // Left by a process with our id that was killed; try the next name.
                Err(e) if e.kind() == ErrorKind::AlreadyExists && attempts < 100 => {}
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The cause of an I/O error in plain words, without the "(os error N)" tail.
fn words(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::StorageFull => "no space left on the disk".into(),
        ErrorKind::FileTooLarge => "the file would exceed the file size limit".into(),
        ErrorKind::QuotaExceeded => "the disk quota is used up".into(),
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        ErrorKind::NotADirectory => "a part of the path is not a folder".into(),
        ErrorKind::IsADirectory => "it is a folder".into(),
        _ => {
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text.to_string(),
            }
        }
    }
}
