//! Reading a whole file with a ceiling on what it may hold.
//!
//! A file's size says nothing for a device (`/dev/zero`), a pipe or a file that grows while it is
//! read, so the size is never trusted: at most the limit plus one byte is read, and that extra
//! byte is what tells "too large" from "exactly at the limit". Memory stays bounded by the limit
//! whatever the file is. Scenarios use it with a 10 MB limit; any other input read whole (a
//! partial result, say) can use it with its own.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a bounded read gave no bytes.
#[derive(Debug)]
pub enum ReadError {
    /// The path could not be looked at (missing, no permission on a folder on the way).
    Missing(std::io::Error),
    /// The path is a folder.
    Folder,
    /// More than the limit: `size` when the file's own size said so before reading, `None`
    /// when the read went past the limit (a device, a pipe, a file that grew).
    TooLarge { size: Option<u64> },
    /// Opening or reading failed.
    Read(std::io::Error),
}

/// Reads `path` whole if it holds at most `limit` bytes, whatever kind of file it is.
/// A regular file whose size is already over the limit is refused without reading it.
pub fn read_path(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Missing)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if meta.is_file() && meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
        });
    }
    let file = File::open(path).map_err(ReadError::Read)?;
    // The size is a hint for the buffer only; it may be 0 (a device) or already stale.
    let hint = if meta.is_file() { meta.len() } else { 0 };
    read_with_hint(file, limit, hint)
}

/// Reads `reader` to its end if it yields at most `limit` bytes (standard input, say).
pub fn read_all(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_with_hint(reader, limit, 0)
}

fn read_with_hint(reader: impl Read, limit: u64, hint: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(hint.min(limit).saturating_add(1) as usize);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Read)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None });
    }
    Ok(bytes)
}

/// `10 MB (10485760 bytes)`: a limit as messages show it (whole mebibytes, then exactly).
pub fn describe_limit(limit: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if limit >= MB && limit.is_multiple_of(MB) {
        format!("{} MB ({limit} bytes)", limit / MB)
    } else {
        format!("{limit} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_limit_and_refuses_one_byte_more() {
        assert_eq!(read_all(&b"abcd"[..], 4).unwrap(), b"abcd");
        assert!(matches!(
            read_all(&b"abcde"[..], 4),
            Err(ReadError::TooLarge { size: None })
        ));
        assert_eq!(read_all(&b""[..], 0).unwrap(), b"");
    }

    #[test]
    fn an_endless_reader_stops_after_the_limit_plus_one() {
        // `repeat` never ends: only the limit can stop the read.
        let endless = std::io::repeat(b'x');
        assert!(matches!(
            read_all(endless, 1000),
            Err(ReadError::TooLarge { size: None })
        ));
    }

    #[test]
    fn a_regular_file_over_the_limit_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"0123456789").unwrap();
        assert!(matches!(
            read_path(&path, 9),
            Err(ReadError::TooLarge { size: Some(10) })
        ));
        assert_eq!(read_path(&path, 10).unwrap(), b"0123456789");
        assert!(matches!(read_path(dir.path(), 10), Err(ReadError::Folder)));
        assert!(matches!(
            read_path(&dir.path().join("none"), 10),
            Err(ReadError::Missing(_))
        ));
    }

    #[test]
    fn limits_are_described_in_megabytes_when_whole() {
        assert_eq!(describe_limit(10 * 1024 * 1024), "10 MB (10485760 bytes)");
        assert_eq!(
            describe_limit(256 * 1024 * 1024),
            "256 MB (268435456 bytes)"
        );
        assert_eq!(describe_limit(1000), "1000 bytes");
    }
}
