//! Where a command's result goes: stdout, or a file written atomically (a temporary file in the
//! same folder, synced, then renamed), so an interrupted command never leaves half a report.
//! Every command writes through [`emit`].

use std::io::Write;
use std::path::Path;

use super::CliError;

/// Prints `text` on stdout, or writes it to `output` atomically.
pub fn emit(text: &str, output: Option<&Path>) -> Result<(), CliError> {
    let Some(path) = output else {
        let mut out = std::io::stdout().lock();
        return match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            // A closed pipe (`| head`) is the reader's choice, not a failure of the command.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(CliError::new(format!("error: cannot write to stdout: {e}")))
            }
            _ => Ok(()),
        };
    };
    let fail =
        |e: std::io::Error| CliError::new(format!("error: cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
