//! One table, three renderings: a terminal table, a Markdown table for a handout, and CSV.
//! The analysis commands build a [`Table`] once and pick the rendering the user asked for.

use comfy_table::{CellAlignment, ContentArrangement, presets};

/// A table of text cells; numeric columns are right-aligned in the terminal and Markdown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns to align right (numbers).
    pub right: Vec<bool>,
}

impl Table {
    /// A table with these column titles; `right[i]` aligns column `i` to the right.
    pub fn new(header: Vec<String>, right: Vec<bool>) -> Table {
        Table {
            header,
            rows: Vec::new(),
            right,
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// A box-drawn table for a terminal (also fine in a log file: plain UTF-8, no colour).
    pub fn terminal(&self) -> String {
        let mut t = comfy_table::Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(self.header.clone());
        for row in &self.rows {
            t.add_row(row.clone());
        }
        for (i, &right) in self.right.iter().enumerate() {
            if right && let Some(c) = t.column_mut(i) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        t.to_string()
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

/// A probability for a table: four decimals.
pub fn prob(p: f64) -> String {
    format!("{p:.4}")
}

/// A signed difference: four decimals with an explicit sign (a true minus sign for text).
pub fn signed(d: f64) -> String {
    signed_to(d, 4)
}

/// A signed number with `decimals` decimals: `+0.12`, `−0.12`, and no sign for what rounds to 0.
pub fn signed_to(d: f64, decimals: usize) -> String {
    let text = format!("{:.decimals$}", d.abs());
    if text.bytes().all(|b| b == b'0' || b == b'.') {
        text
    } else if d > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

/// An interval `[lo, hi]` of probabilities.
pub fn interval(lo: f64, hi: f64) -> String {
    format!("[{lo:.4}, {hi:.4}]")
}

/// An interval of differences, with signs.
pub fn signed_interval(lo: f64, hi: f64) -> String {
    format!("[{}, {}]", signed(lo), signed(hi))
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
        assert_eq!(prob(0.04123), "0.0412");
        assert_eq!(signed(0.01), "+0.0100");
        assert_eq!(signed(-0.01), "−0.0100");
        assert_eq!(signed(0.0), "0.0000");
        assert_eq!(signed(-0.00001), "0.0000");
        assert_eq!(signed_to(-0.0123, 3), "−0.012");
        assert_eq!(signed_interval(-0.02, 0.01), "[−0.0200, +0.0100]");
        assert_eq!(exact(0.1), "0.1");
    }
}
