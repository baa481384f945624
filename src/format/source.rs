//! The texts diagnostics point into: every scenario file read, plus pseudo-files for command-line
//! overrides (`--set`) and conditions (`--given`), so that every error has a location.

use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

/// Index of a text in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub(crate) u32);

/// A byte range inside one text of a [`SourceMap`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span { file, range }
    }

    /// A span of `len` bytes starting `offset` bytes into this one.
    pub fn sub(&self, offset: usize, len: usize) -> Span {
        let start = self.range.start + offset;
        Span::new(self.file, start..start + len)
    }
}

/// One loaded text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name shown in diagnostics: a path as given, or `--set`, `--given`.
    pub name: String,
    pub text: String,
    /// Byte offsets of line starts, built on first use: most files never need a diagnostic, and
    /// a file of millions of short lines would otherwise pay for the table up front. `u32`
    /// halves it; texts are bounded far below 4 GiB by the reader.
    line_starts: std::sync::OnceLock<Vec<u32>>,
}

impl SourceFile {
    fn new(name: String, text: String) -> SourceFile {
        SourceFile {
            name,
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let offset = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| offset(i + 1)))
                .collect()
        })
    }

    fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts().get(line).map(|&s| s as usize)
    }

    fn line_index(&self, byte: usize) -> usize {
        let byte = u32::try_from(byte).unwrap_or(u32::MAX);
        match self.line_starts().binary_search(&byte) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = self.line_start(line)?;
        let end = self.line_start(line + 1).unwrap_or(self.text.len());
        Some(start..end)
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// All texts of one load, in the order they were read.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile::new(name.into(), text.into()));
        FileId((self.files.len() - 1) as u32)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn name(&self, id: FileId) -> &str {
        &self.get(id).name
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.get(id).text
    }

    /// The text a span covers (empty if the span does not fit the text).
    pub fn slice(&self, span: &Span) -> &str {
        self.text(span.file).get(span.range.clone()).unwrap_or("")
    }

    pub fn line_col(&self, file: FileId, byte: usize) -> LineCol {
        let f = self.get(file);
        let byte = byte.min(f.text.len());
        let line = f.line_index(byte);
        let start = f.line_start(line).unwrap_or(0);
        let column = f
            .text
            .get(start..byte)
            .map(|s| s.chars().count())
            .unwrap_or(byte - start);
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// `file:line:col` of the start of a span.
    pub fn location(&self, span: &Span) -> String {
        let lc = self.line_col(span.file, span.range.start);
        format!("{}:{}:{}", self.name(span.file), lc.line, lc.column)
    }
}

impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.files
            .get(id.0 as usize)
            .map(|f| f.name.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.files
            .get(id.0 as usize)
            .map(|f| f.text.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        let f = self
            .files
            .get(id.0 as usize)
            .ok_or(FilesError::FileMissing)?;
        Ok(f.line_index(byte_index.min(f.text.len())))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let f = self
            .files
            .get(id.0 as usize)
            .ok_or(FilesError::FileMissing)?;
        f.line_range(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: f.line_starts().len() - 1,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let mut map = SourceMap::new();
        let id = map.add("a.toml", "x = 1\né = \"b\"\n");
        assert_eq!(map.line_col(id, 0), LineCol { line: 1, column: 1 });
        // `=` on line 2 comes after a two-byte character.
        assert_eq!(map.line_col(id, 9), LineCol { line: 2, column: 3 });
        assert_eq!(map.location(&Span::new(id, 6..7)), "a.toml:2:1");
        // Past the end clamps rather than panics.
        assert_eq!(map.line_col(id, 999).line, 3);
    }
}
