//! A terminal table that fits the terminal: labels wrap first, then whole columns go (in the
//! order the table names, e.g. bar, count, label), and a table still too wide (a sweep grid)
//! is printed as stacked blocks of columns, each repeating the id column. Numbers are never
//! cut or wrapped: a figure split over two lines reads as two figures.

use std::cell::Cell;

use comfy_table::{CellAlignment, ContentArrangement, presets};

/// What fitting needs of a table: its cells, which columns are numbers (right-aligned, never
/// wrapped), which labels may wrap, and which columns may go, first to go first.
pub struct Columns<'a> {
    pub header: &'a [String],
    pub rows: &'a [Vec<String>],
    pub right: &'a [bool],
    pub wrapping: Vec<bool>,
    pub drop_order: &'a [usize],
}

impl Columns<'_> {
    fn wraps(&self, c: usize) -> bool {
        self.wrapping.get(c).copied().unwrap_or(false)
    }
}

/// The narrowest a wrapped label column gets before columns are dropped instead.
const MIN_LABEL: usize = 12;
/// A word longer than this may be split over lines rather than widen its column further.
const MAX_WORD: usize = 32;

thread_local! {
    static WIDTH: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Runs `f` with terminal tables fitting `width` columns (`None`: unbounded).
pub fn with_width<T>(width: Option<usize>, f: impl FnOnce() -> T) -> T {
    let before = WIDTH.with(|w| w.replace(width));
    let out = f();
    WIDTH.with(|w| w.set(before));
    out
}

/// The width terminal tables fit now (see [`with_width`]).
pub fn width() -> Option<usize> {
    WIDTH.with(Cell::get)
}

/// The widest line of `text`, in characters (the tables use single-width characters only).
pub fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// `table` for a terminal `width` columns wide (see the module docs).
pub fn terminal(table: &Columns, width: Option<usize>) -> String {
    let all: Vec<usize> = (0..table.header.len()).collect();
    let Some(limit) = width else {
        return draw(table, &all, None);
    };
    let mut cols = all;
    let mut drops = table.drop_order.iter();
    loop {
        let text = draw(table, &cols, Some(limit));
        if widest(&text) <= limit {
            return text;
        }
        match drops.next() {
            Some(d) => cols.retain(|c| c != d),
            None => break,
        }
    }
    stacked(table, &cols, limit)
}

/// Blocks of columns, each with the id column first, each as wide as fits.
fn stacked(table: &Columns, cols: &[usize], limit: usize) -> String {
    let (id, rest) = match cols.split_first() {
        Some((id, rest)) if !rest.is_empty() => (*id, rest),
        _ => return draw(table, cols, Some(limit)),
    };
    let mut blocks = Vec::new();
    let mut block = vec![id];
    for &c in rest {
        let mut wider = block.clone();
        wider.push(c);
        if block.len() > 1 && widest(&draw(table, &wider, Some(limit))) > limit {
            blocks.push(draw(table, &block, Some(limit)));
            block = vec![id, c];
        } else {
            block = wider;
        }
    }
    blocks.push(draw(table, &block, Some(limit)));
    blocks.join("\n\n")
}

/// The narrowest a label column wraps to: its longest word (an id stays whole), at least
/// [`MIN_LABEL`] and at most [`MAX_WORD`], and never wider than the column needs.
fn narrowest(table: &Columns, c: usize, natural: usize) -> usize {
    let cells = table.rows.iter().filter_map(|r| r.get(c));
    let longest = cells
        .chain(table.header.get(c))
        .flat_map(|cell| cell.split_whitespace())
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    longest.clamp(MIN_LABEL, MAX_WORD).min(natural)
}

/// The widest line of column `c` (header included).
fn natural(table: &Columns, c: usize) -> usize {
    let cells = table.rows.iter().filter_map(|r| r.get(c));
    cells
        .chain(table.header.get(c))
        .map(|s| widest(s))
        .max()
        .unwrap_or(0)
}

/// Widths for `cols` within `limit` (labels wrapped as little as possible), or `None` when
/// even the narrowest labels leave it too wide.
fn widths(table: &Columns, cols: &[usize], limit: usize) -> Option<Vec<usize>> {
    let natural: Vec<usize> = cols.iter().map(|&c| natural(table, c)).collect();
    let mut w: Vec<usize> = cols
        .iter()
        .zip(&natural)
        .map(|(&c, &n)| {
            if table.wraps(c) {
                narrowest(table, c, n)
            } else {
                n
            }
        })
        .collect();
    // Borders: `│ a ┆ b │` is 1 + (width + 3) per column.
    let used = 1 + w.iter().map(|x| x + 3).sum::<usize>();
    let mut spare = limit.checked_sub(used)?;
    // Give the room left, a cell at a time, to the label that is furthest from its own width.
    while spare > 0 {
        let Some(i) = (0..w.len())
            .filter(|&i| w[i] < natural[i])
            .max_by_key(|&i| natural[i] - w[i])
        else {
            break;
        };
        w[i] += 1;
        spare -= 1;
    }
    Some(w)
}

/// `text` with every line longer than `width` wrapped at spaces (header lines and notes
/// around the tables, which fit already).
pub fn wrap_long_lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        if body.chars().count() > width {
            out.push_str(&wrap(body, width));
        } else {
            out.push_str(body);
        }
        out.push_str(end);
    }
    out
}

/// The words of `text`, an interval `[a, b]` kept as one word. Only an interval: other
/// brackets (`[95% interval];`) break at their spaces like any text.
fn unbroken(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut parts = text.split(' ').peekable();
    while let Some(word) = parts.next() {
        let opens = word.starts_with('[') && word.ends_with(',');
        match parts.next_if(|next| opens && next.contains(']') && !next.contains('[')) {
            Some(end) => words.push(format!("{word} {end}")),
            None => words.push(word.to_string()),
        }
    }
    words
}

/// `text` wrapped at spaces to `width` characters a line; a longer word is split.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in unbroken(para) {
            let mut word: Vec<char> = word.chars().collect();
            let len = line.chars().count();
            if !line.is_empty() && len + 1 + word.len() <= width {
                line.push(' ');
                line.extend(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            while word.len() > width {
                let rest = word.split_off(width);
                lines.push(word.into_iter().collect());
                word = rest;
            }
            line = word.into_iter().collect();
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The columns `cols` of `table`, box-drawn; with a width, labels wrap to fit it (when they
/// cannot, the result is wider than asked and the caller drops or stacks columns).
fn draw(table: &Columns, cols: &[usize], width: Option<usize>) -> String {
    let widths = width.and_then(|limit| widths(table, cols, limit));
    let pick = |row: &[String]| -> Vec<String> {
        cols.iter()
            .enumerate()
            .map(|(i, &c)| {
                let cell = row.get(c).cloned().unwrap_or_default();
                match &widths {
                    Some(w) if table.wraps(c) => wrap(&cell, w[i]),
                    _ => cell,
                }
            })
            .collect()
    };
    let mut t = comfy_table::Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(pick(table.header));
    for row in table.rows {
        t.add_row(pick(row));
    }
    for (i, &c) in cols.iter().enumerate() {
        if table.right.get(c).copied().unwrap_or(false)
            && let Some(col) = t.column_mut(i)
        {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_splits_only_overlong_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), "a bb\nccc\ndddd");
        assert_eq!(wrap("abcdefgh", 3), "abc\ndef\ngh");
        assert_eq!(wrap("one\ntwo three", 20), "one\ntwo three");
        assert_eq!(
            wrap("P = 2.45% [1.86%, 3.22%]", 14),
            "P = 2.45%\n[1.86%, 3.22%]"
        );
        // Only an interval stays whole, not everything from the first `[` to the last `]`.
        assert_eq!(
            wrap("cell: P [95% interval]; then [paired 95% interval]", 20),
            "cell: P [95%\ninterval]; then\n[paired 95%\ninterval]"
        );
        assert_eq!(
            wrap("a [+0.12, +0.26]; b [-1.2, 3.4].", 16),
            "a\n[+0.12, +0.26];\nb [-1.2, 3.4]."
        );
    }
}
