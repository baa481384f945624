//! Long lines cut to what a diagnostic marks: the renderer prints every marked line whole, so
//! 500 errors in a `remove` list written on one 200 KB line printed 81 MB (and one error in a
//! file written as one line printed the whole file).
//!
//! A diagnostic with a mark on a line wider than [`LONG_LINE`] columns is rendered from an
//! [`Excerpt`]: for each file where it marks such a line, a small text of only the lines it
//! marks, each long one cut to a window around its marks with `…` where it was cut (twice for
//! marks far apart), and the lines between arranged so that the renderer shows one line between
//! two marked ones and a break for more, as it does for the file. Line numbers and columns are
//! those of the real file. Other files, and every other diagnostic, render from the
//! file itself, unchanged.
//!
//! Lines are measured in terminal columns, as the renderer lays them out: in bytes, a line of
//! Cyrillic (two bytes a letter) was cut at half the width of an English one, and a Korean
//! description counted as long at a little over a hundred letters.

use std::collections::BTreeMap;
use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};
use unicode_width::UnicodeWidthChar;

use super::source::{FileId, SourceMap, Span};

/// A line wider than this (in columns, without its line break) is cut.
pub const LONG_LINE: usize = 320;
/// Columns shown before the first mark on a cut line.
const BEFORE: usize = 40;
/// Columns shown of a cut line, from where its window starts.
const SHOWN: usize = 120;
const CUT: &str = "…";

/// The texts a diagnostic is rendered from when it marks a long line.
pub struct Excerpt<'a> {
    map: &'a SourceMap,
    cut: Vec<CutFile>,
}

/// One file's marked lines, cut.
struct CutFile {
    id: FileId,
    text: String,
    lines: Vec<Piece>,
}

/// One line of a [`CutFile`]'s text: where it is in that text and in the real file.
struct Piece {
    /// Where the line starts in the excerpt's text, and where its real content begins there
    /// (after a `…`).
    start: usize,
    content: usize,
    /// The real line's number (from 1) and the real bytes shown (none for the empty lines that
    /// stand for a break).
    number: usize,
    real: Range<usize>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt for marks at `spans`, or `None` when none lies on a long line (the
    /// diagnostic then renders from the files as they are).
    pub fn of(map: &'a SourceMap, spans: &[&Span]) -> Option<Excerpt<'a>> {
        let mut files: Vec<FileId> = Vec::new();
        for s in spans {
            if !files.contains(&s.file) && spans_long_line(map, s) {
                files.push(s.file);
            }
        }
        if files.is_empty() {
            return None;
        }
        let cut = files
            .into_iter()
            .map(|id| {
                let marks: Vec<&Span> = spans.iter().copied().filter(|s| s.file == id).collect();
                CutFile::new(map, id, &marks)
            })
            .collect();
        Some(Excerpt { map, cut })
    }

    /// Where byte `byte` of `file` is in the text this excerpt renders.
    pub fn map_byte(&self, file: FileId, byte: usize) -> usize {
        match self.file(file) {
            Some(f) => f.to_excerpt(self.map, byte),
            None => byte,
        }
    }

    fn file(&self, id: FileId) -> Option<&CutFile> {
        self.cut.iter().find(|f| f.id == id)
    }
}

/// Whether any line `span` touches is long.
fn spans_long_line(map: &SourceMap, span: &Span) -> bool {
    let text = map.text(span.file);
    let start = span.range.start.min(text.len());
    let end = span.range.end.clamp(start, text.len());
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    let from = before.rfind('\n').map_or(0, |i| i + 1);
    let to = after.find('\n').map_or(text.len(), |i| end + i);
    text[from..to].split('\n').any(is_long)
}

/// Whether `line` is wider than [`LONG_LINE`] columns (measured no further than that).
fn is_long(line: &str) -> bool {
    // No character is wider than its bytes are many: a short line in bytes is short.
    line.len() > LONG_LINE && first_columns(line, LONG_LINE) < line.len()
}

/// A character's columns; a control character (a tab) counts as one.
fn columns(c: char) -> usize {
    c.width().unwrap_or(1)
}

/// The bytes of `s` that fill its first `n` columns (all of it when narrower).
fn first_columns(s: &str, n: usize) -> usize {
    let mut width = 0;
    for (i, c) in s.char_indices() {
        width += columns(c);
        if width > n {
            return i;
        }
    }
    s.len()
}

/// Where the last `n` columns of `s` start (0 when it is narrower).
fn last_columns(s: &str, n: usize) -> usize {
    let mut width = 0;
    for (i, c) in s.char_indices().rev() {
        width += columns(c);
        if width > n {
            return i + c.len_utf8();
        }
    }
    0
}

impl CutFile {
    fn new(map: &SourceMap, id: FileId, marks: &[&Span]) -> CutFile {
        let text = map.text(id);
        let clamp = |b: usize| b.min(text.len());
        // The lines marked, each with the marks' positions on it.
        let mut lines: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for span in marks {
            let (start, end) = (
                clamp(span.range.start),
                clamp(span.range.end.max(span.range.start)),
            );
            let (first, last) = (line_of(map, id, start), line_of(map, id, end));
            for number in first..=last {
                lines.entry(number).or_default();
            }
            for b in [start, end] {
                lines.entry(line_of(map, id, b)).or_default().push(b);
            }
        }
        let mut out = String::new();
        let mut pieces = Vec::new();
        let mut last = None;
        for (number, positions) in lines {
            // As the renderer shows a file: one line between two shown is shown, more are
            // a break (two empty lines here make it one).
            match last {
                Some(l) if number == l + 2 => {
                    push_line(map, id, l + 1, Vec::new(), &mut out, &mut pieces);
                }
                Some(l) if number > l + 2 => {
                    for gap in [l + 1, l + 2] {
                        pieces.push(Piece {
                            start: out.len(),
                            content: out.len(),
                            number: gap,
                            real: 0..0,
                        });
                        out.push('\n');
                    }
                }
                _ => {}
            }
            last = Some(number);
            push_line(map, id, number, positions, &mut out, &mut pieces);
        }
        CutFile {
            id,
            text: out,
            lines: pieces,
        }
    }

    /// Where real byte `byte` is in this excerpt's text (clamped to the part shown).
    fn to_excerpt(&self, map: &SourceMap, byte: usize) -> usize {
        let number = line_of(map, self.id, byte);
        // The window that holds it (one does: see `windows`), else the line's last.
        let mut on_line = self.lines.iter().filter(|p| p.number == number);
        let piece = on_line
            .clone()
            .find(|p| p.real.contains(&byte) || p.real.end == byte)
            .or_else(|| on_line.next_back());
        match piece {
            Some(p) => p.content + byte.clamp(p.real.start, p.real.end) - p.real.start,
            None => 0,
        }
    }

    /// The line of the excerpt's text that holds excerpt byte `byte`.
    fn line_index(&self, byte: usize) -> usize {
        self.lines
            .partition_point(|p| p.start <= byte)
            .saturating_sub(1)
    }
}

/// Appends real line `number` of file `id` to an excerpt's text, cut around `marks`.
fn push_line(
    map: &SourceMap,
    id: FileId,
    number: usize,
    marks: Vec<usize>,
    out: &mut String,
    pieces: &mut Vec<Piece>,
) {
    let text = map.text(id);
    let line = line_content(map, id, number);
    for real in windows(text, line.clone(), marks) {
        let start = out.len();
        if real.start > line.start {
            out.push_str(CUT);
        }
        let content = out.len();
        out.push_str(&text[real.clone()]);
        if real.end < line.end {
            out.push_str(CUT);
        }
        out.push('\n');
        pieces.push(Piece {
            start,
            content,
            number,
            real,
        });
    }
}

/// The real line number (from 1) of byte `byte` of file `id`.
fn line_of(map: &SourceMap, id: FileId, byte: usize) -> usize {
    Files::line_index(map, id, byte).map_or(1, |i| i + 1)
}

/// The bytes of line `number` (from 1) of file `id`, without its line break.
fn line_content(map: &SourceMap, id: FileId, number: usize) -> Range<usize> {
    let text = map.text(id);
    let Ok(range) = Files::line_range(map, id, number - 1) else {
        return text.len()..text.len();
    };
    let line = &text[range.clone()];
    let kept = line.trim_end_matches('\n').trim_end_matches('\r').len();
    range.start..range.start + kept
}

/// The parts of `line` shown: all of a short line; of a long one, [`SHOWN`] columns from a little
/// before its first mark, and again for each mark past that window (two marks far apart on one
/// line show as two cuts of it), on character boundaries.
fn windows(text: &str, line: Range<usize>, mut marks: Vec<usize>) -> Vec<Range<usize>> {
    if !is_long(&text[line.clone()]) {
        return vec![line];
    }
    if marks.is_empty() {
        marks.push(line.start);
    }
    marks.sort_unstable();
    let mut out: Vec<Range<usize>> = Vec::new();
    for mark in marks {
        if out.last().is_some_and(|w| w.end >= mark) {
            continue;
        }
        let mark = boundary(text, mark.clamp(line.start, line.end));
        let from = line.start + last_columns(&text[line.start..mark], BEFORE);
        let from = out.last().map_or(from, |w| from.max(w.end));
        let to = from + first_columns(&text[from..line.end], SHOWN);
        out.push(from..to);
    }
    out
}

/// The nearest character boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Files::name(self.map, id)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        match self.file(id) {
            Some(f) => Ok(&f.text),
            None => Files::source(self.map, id),
        }
    }

    fn line_index(&'a self, id: FileId, byte: usize) -> Result<usize, FilesError> {
        match self.file(id) {
            Some(f) => Ok(f.line_index(byte)),
            None => Files::line_index(self.map, id, byte),
        }
    }

    fn line_number(&'a self, id: FileId, line: usize) -> Result<usize, FilesError> {
        match self.file(id) {
            Some(f) => Ok(f.lines.get(line).map_or(0, |p| p.number)),
            None => Files::line_number(self.map, id, line),
        }
    }

    fn column_number(&'a self, id: FileId, line: usize, byte: usize) -> Result<usize, FilesError> {
        match self.file(id) {
            Some(f) => {
                let Some(p) = f.lines.get(line) else {
                    return Ok(1);
                };
                let real = p.real.start + byte.saturating_sub(p.content);
                Ok(self.map.line_col(id, real.min(p.real.end)).column)
            }
            None => Files::column_number(self.map, id, line, byte),
        }
    }

    fn line_range(&'a self, id: FileId, line: usize) -> Result<Range<usize>, FilesError> {
        match self.file(id) {
            Some(f) => {
                let p = f.lines.get(line).ok_or(FilesError::LineTooLarge {
                    given: line,
                    max: f.lines.len().saturating_sub(1),
                })?;
                let end = f.lines.get(line + 1).map_or(f.text.len(), |n| n.start);
                Ok(p.start..end)
            }
            None => Files::line_range(self.map, id, line),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::format::diagnostic::{Diagnostic, Diagnostics};

    fn render(text: &str, marks: &[(Range<usize>, &str)]) -> String {
        let mut map = SourceMap::new();
        let id = map.add("a.toml", text);
        let (first, rest) = marks.split_first().expect("a mark");
        let mut d = Diagnostic::error(Span::new(id, first.0.clone()), "bad").label(first.1);
        for (range, label) in rest {
            d = d.secondary(Span::new(id, range.clone()), *label);
        }
        Diagnostics::new(Arc::new(map), vec![d]).render(false)
    }

    #[test]
    fn short_lines_render_from_the_file() {
        let mut map = SourceMap::new();
        let id = map.add("a.toml", "a = 1\nb = 2\n");
        assert!(Excerpt::of(&map, &[&Span::new(id, 6..7)]).is_none());
        let line = format!("x = \"{}\"\n", "y".repeat(LONG_LINE - 6));
        let id = map.add("b.toml", line);
        assert!(Excerpt::of(&map, &[&Span::new(id, 0..1)]).is_none());
    }

    #[test]
    fn a_long_line_is_cut_around_its_mark() {
        let text = format!("a = 1\nx = \"{}\" oops\n", "z".repeat(1000));
        let at = text.find("oops").unwrap();
        let out = render(&text, &[(at..at + 4, "here")]);
        let shown = format!("…{}\" oops", "z".repeat(BEFORE - 2));
        assert_eq!(
            out,
            format!(
                "error: bad\n  ┌─ a.toml:2:{}\n  │\n2 │ {shown}\n  │ {}^^^^ here\n\n",
                at - 6 + 1,
                " ".repeat(BEFORE + 1)
            )
        );
    }

    #[test]
    fn lines_are_measured_in_columns() {
        // Cyrillic takes two bytes a letter and one column, Korean three bytes and two columns:
        // the window holds as many columns as for English, so half as many Korean letters.
        for (letter, columns) in [('я', 1), ('한', 2)] {
            let text = format!("a = 1\nx = \"{}\" oops\n", letter.to_string().repeat(1000));
            let at = text.find("oops").unwrap();
            let out = render(&text, &[(at..at + 4, "here")]);
            let letters = (BEFORE - 2) / columns;
            let shown = format!("…{}\" oops", letter.to_string().repeat(letters));
            let column = text[..at].chars().count() - 6 + 1;
            assert_eq!(
                out,
                format!(
                    "error: bad\n  ┌─ a.toml:2:{column}\n  │\n2 │ {shown}\n  │ {}^^^^ here\n\n",
                    " ".repeat(BEFORE + 1)
                ),
                "{letter}"
            );
            let window = out.lines().nth(3).unwrap();
            assert!(window.starts_with("2 │ …"), "{out}");
        }
        // 200 Cyrillic letters (400 bytes) are a short line; 200 Korean ones (400 columns) a
        // long one.
        let mut map = SourceMap::new();
        for (letter, long) in [('я', false), ('한', true)] {
            let line = format!("x = \"{}\"\n", letter.to_string().repeat(200));
            let id = map.add("a.toml", line);
            assert_eq!(Excerpt::of(&map, &[&Span::new(id, 0..1)]).is_some(), long);
        }
    }

    #[test]
    fn a_window_ends_within_its_columns() {
        let line = "한".repeat(500);
        let cut = windows(&line, 0..line.len(), vec![600]);
        assert_eq!(cut.len(), 1);
        let shown = &line[cut[0].clone()];
        assert_eq!(shown.chars().count(), SHOWN / 2);
        assert_eq!(cut[0].start, 600 - 3 * (BEFORE / 2));
    }

    #[test]
    fn marks_far_apart_on_one_line_show_as_two_cuts() {
        let text = format!("v = [\"a\", {}\"b\"]\n", "1, ".repeat(400));
        let a = text.find("\"a\"").unwrap();
        let b = text.find("\"b\"").unwrap();
        let out = render(&text, &[(b..b + 3, "again"), (a..a + 3, "first")]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], format!("  ┌─ a.toml:1:{}", b + 1));
        assert!(lines[3].starts_with("1 │ v = [\"a\", 1, ") && lines[3].ends_with('…'));
        assert!(lines[4].contains("--- first"), "{out}");
        assert!(lines[5].starts_with("1 │ …") && lines[5].ends_with("\"b\"]"));
        assert!(lines[6].contains("^^^ again"), "{out}");
    }

    #[test]
    fn a_cut_renders_as_the_file_would_but_for_the_cut() {
        // A mark over several lines, one of them long, and marks one line and several lines
        // further on: line numbers, the line between, the break and the marks' places are those
        // the renderer gives the file with a short line in place of the long one.
        let with = |w: usize| {
            format!(
                "[t]\nk = 1\nlong = \"{}\"\nm = 2\n\nn = 3\n\n\no = 4\n",
                "w".repeat(w)
            )
        };
        let marks = |text: &str| {
            let at = |s: &str| text.find(s).unwrap();
            [
                (at("k = 1")..at("m = 2") + 5, "this table"),
                (at("n = 3")..at("n = 3") + 1, "and this"),
                (at("o = 4")..at("o = 4") + 1, "and that"),
            ]
        };
        let (long, short) = (with(900), with(10));
        let cut = render(&long, &marks(&long));
        let plain = render(&short, &marks(&short));
        let shown = SHOWN - "long = \"".len();
        assert_eq!(
            cut.replace(
                &format!("{}…", "w".repeat(shown)),
                &format!("{}\"", "w".repeat(10))
            ),
            plain
        );
        assert!(plain.contains("5 │   \n6 │   n = 3"), "{plain}");
        assert!(plain.contains("  ·  \n9 │   o = 4"), "{plain}");
    }

    #[test]
    fn cuts_fall_on_character_boundaries_and_any_mark_renders() {
        // Every mark of a few bytes anywhere in a text of long lines of multi-byte characters.
        let text = format!("é = \"{}\"\nb = 1\n{}\n", "é€".repeat(300), "ü".repeat(700));
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (k, &start) in bounds.iter().enumerate().step_by(7) {
            let end = bounds[(k + 3).min(bounds.len() - 1)];
            let out = render(&text, &[(start..end, "x"), (0..1, "y")]);
            assert!(out.starts_with("error: bad\n"), "{start}..{end}: {out}");
            assert!(
                !out.contains("a.toml: bad"),
                "fell back to the plain form: {out}"
            );
        }
    }
}
