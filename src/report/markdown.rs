//! Markdown: pastes into a seminar handout.

use super::run_document::RunDocument;
use super::sections::{header, sections};

/// A document as Markdown.
pub trait ToMarkdown {
    /// The whole document, ending with a newline.
    fn to_markdown(&self) -> String;
}

impl ToMarkdown for RunDocument {
    fn to_markdown(&self) -> String {
        let report = &self.report;
        // A handout keeps the numbers, not how long this machine took.
        let lines = header(report, None);
        let mut out = format!("# {}\n\n", lines[0]);
        for l in &lines[1..] {
            out.push_str(&format!("{l}  \n"));
        }
        for s in sections(report) {
            out.push_str(&format!("\n## {}\n\n{}", s.title, s.table.markdown()));
            for n in &s.notes {
                out.push_str(&format!("\n{n}\n"));
            }
        }
        if let Some(footer) = &self.footer {
            out.push('\n');
            for line in &footer.markdown {
                out.push_str(&format!("- {line}\n"));
            }
        }
        out
    }
}
