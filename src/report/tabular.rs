//! One table, three renderings: a terminal table, a Markdown table for a handout, and CSV.
//! The analysis commands build a [`Table`] once and pick the rendering the user asked for.

use super::fit;

/// A table of text cells; numeric columns are right-aligned in the terminal and Markdown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns to align right (numbers).
    pub right: Vec<bool>,
    /// Left-aligned columns that must not wrap in a narrow terminal (a bar).
    pub whole: Vec<usize>,
    /// Whether the first column (the id) may wrap too, as a path of events does.
    pub wrap_id: bool,
    /// Columns a narrow terminal may leave out, first to go first (bar, count, label).
    pub drop_order: Vec<usize>,
}

impl Table {
    /// A table with these column titles; `right[i]` aligns column `i` to the right.
    pub fn new(header: Vec<String>, right: Vec<bool>) -> Table {
        Table {
            header,
            rows: Vec::new(),
            right,
            whole: Vec::new(),
            wrap_id: false,
            drop_order: Vec::new(),
        }
    }

    /// Keeps column `i` on one line in a narrow terminal.
    pub fn keep_whole(&mut self, i: usize) {
        self.whole.push(i);
    }

    /// Whether column `i` is a label that may wrap: left-aligned, not kept whole, and not the
    /// id unless [`Table::wrap_id`] says so.
    pub fn wraps(&self, i: usize) -> bool {
        (i > 0 || self.wrap_id)
            && !self.right.get(i).copied().unwrap_or(false)
            && !self.whole.contains(&i)
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// A box-drawn table for a terminal (also fine in a log file: plain UTF-8, no colour),
    /// fitting the width set by [`fit::with_width`].
    pub fn terminal(&self) -> String {
        fit::terminal(&self.columns(), fit::width())
    }

    /// The table as terminal fitting sees it.
    pub fn columns(&self) -> fit::Columns<'_> {
        fit::Columns {
            header: &self.header,
            rows: &self.rows,
            right: &self.right,
            wrapping: (0..self.header.len()).map(|i| self.wraps(i)).collect(),
            drop_order: &self.drop_order,
        }
    }

    /// A pipe table; `|` inside a cell is escaped.
    pub fn markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = String::new();
        out.push('|');
        for h in &self.header {
            out.push_str(&format!(" {} |", esc(h)));
        }
        out.push_str("\n|");
        for i in 0..self.header.len() {
            let right = self.right.get(i).copied().unwrap_or(false);
            out.push_str(if right { " ---: |" } else { " --- |" });
        }
        out.push('\n');
        for row in &self.rows {
            out.push('|');
            for cell in row {
                out.push_str(&format!(" {} |", esc(cell)));
            }
            out.push('\n');
        }
        out
    }

    /// CSV with a header line (RFC 4180 quoting).
    pub fn csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        // Writing to memory cannot fail; a failure would only lose a row, never panic.
        let _ = w.write_record(&self.header);
        for row in &self.rows {
            let _ = w.write_record(row);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// A command's header lines over its table, for a terminal.
pub fn terminal_page(header: &[String], grid: &Table) -> String {
    format!("{}\n\n{}\n", header.join("\n"), grid.terminal())
}

/// Header lines in Markdown: `heading` opens the first, and hard breaks keep them apart.
pub fn markdown_lines(heading: &str, header: &[String]) -> String {
    format!("{heading}{}", header.join("  \n"))
}

/// A command's header lines over its table, in Markdown (see [`markdown_lines`]).
pub fn markdown_page(heading: &str, header: &[String], grid: &Table) -> String {
    format!("{}\n\n{}", markdown_lines(heading, header), grid.markdown())
}

/// A signed number with `decimals` decimals: `+0.12`, `-0.12`, and no sign for what rounds to 0.
pub fn signed_to(d: f64, decimals: usize) -> String {
    let text = format!("{:.decimals$}", d.abs());
    if text.bytes().all(|b| b == b'0' || b == b'.') {
        text
    } else if d > 0.0 {
        format!("+{text}")
    } else {
        format!("-{text}")
    }
}

/// A number in CSV and JSON-adjacent text: the shortest form that reads back exactly.
pub fn exact(v: f64) -> String {
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut g = Table::new(vec!["id".into(), "p".into()], vec![false, true]);
        g.push(vec!["a|b".into(), "0.5000".into()]);
        g.push(vec!["c,d".into(), "1.0000".into()]);
        g
    }

    #[test]
    fn markdown_escapes_pipes_and_aligns_numbers() {
        assert_eq!(
            sample().markdown(),
            "| id | p |\n| --- | ---: |\n| a\\|b | 0.5000 |\n| c,d | 1.0000 |\n"
        );
    }

    #[test]
    fn csv_quotes_commas() {
        assert_eq!(sample().csv(), "id,p\na|b,0.5000\n\"c,d\",1.0000\n");
    }

    #[test]
    fn terminal_table_holds_every_cell() {
        let t = sample().terminal();
        for cell in ["id", "p", "a|b", "0.5000", "c,d", "1.0000"] {
            assert!(t.contains(cell), "{t}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(signed_to(0.0, 4), "0.0000");
        assert_eq!(signed_to(-0.00001, 4), "0.0000");
        assert_eq!(signed_to(-0.0123, 3), "-0.012");
        assert_eq!(exact(0.1), "0.1");
    }

    fn wide() -> Table {
        let mut g = Table::new(
            ["id", "label", "probability", "count", "bar"]
                .map(String::from)
                .to_vec(),
            vec![false, false, true, true, false],
        );
        g.keep_whole(4);
        g.drop_order = vec![4, 3, 1];
        g.push(
            [
                "world_war",
                "A long label that reads as a sentence and wraps in a narrow terminal",
                "2.13% [1.86%, 2.43%]",
                "12345",
                "████████████████████",
            ]
            .map(String::from)
            .to_vec(),
        );
        g
    }

    #[test]
    fn unbounded_keeps_every_column_on_one_line() {
        let t = fit::terminal(&wide().columns(), None);
        assert!(
            t.contains("A long label that reads as a sentence and wraps"),
            "{t}"
        );
        assert!(t.contains("█"));
    }

    #[test]
    fn fitting_labels_wrap_then_columns_go_and_numbers_stay_whole() {
        for width in [40, 60, 80, 100] {
            let t = fit::terminal(&wide().columns(), Some(width));
            assert!(fit::widest(&t) <= width, "{width}:\n{t}");
            assert!(t.contains("2.13% [1.86%, 2.43%]"), "{width}:\n{t}");
            assert!(t.contains("world_war"), "{t}");
        }
        // At 80 the label wraps and the bar is the first to go.
        let t = fit::terminal(&wide().columns(), Some(80));
        assert!(!t.contains('█') && t.contains("12345"), "{t}");
    }

    #[test]
    fn a_grid_too_wide_is_stacked_with_the_id_column_repeated() {
        let mut g = Table::new(
            (0..6).map(|i| format!("column {i}")).collect(),
            vec![true; 6],
        );
        g.push(
            (0..6)
                .map(|i| format!("{i}.00% [0.50%, 1.50%] +{i}.0 pp"))
                .collect(),
        );
        let t = fit::terminal(&g.columns(), Some(70));
        assert!(fit::widest(&t) <= 70, "{t}");
        assert!(t.matches("column 0").count() >= 2, "{t}");
        for i in 0..6 {
            assert!(
                t.contains(&format!("{i}.00% [0.50%, 1.50%] +{i}.0 pp")),
                "{t}"
            );
        }
    }
}
