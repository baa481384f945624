//! Located errors and warnings, and their rendering.
//!
//! A diagnostic is data (severity, span, words, a fix); rendering is separate so that tests can
//! compare the exact plain text and the terminal can have colour. Rendering goes through
//! codespan-reporting: `file:line:col`, the source line, a marker under the span.

use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, termcolor};

use super::excerpt::Excerpt;
use super::source::{SourceMap, Span};

/// At most this many errors are shown: past a few hundred, the rest are the same mistake.
pub const MAX_SHOWN_ERRORS: usize = 500;

/// Past this many diagnostics, an unknown name gets no did-you-mean: a search compares it with
/// every name of its kind (tens of thousands of paths in a large scenario), and thousands of
/// unknown names took minutes to hours. The first ones are the ones read.
pub const SUGGESTED: usize = 20;

/// Whether a diagnostic pushed after `diags` still gets a did-you-mean (see [`SUGGESTED`]).
pub fn suggests(diags: &[Diagnostic]) -> bool {
    diags.len() < SUGGESTED
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A secondary location: "first declared here", "the base declares it here".
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The headline: what is wrong, in plain words.
    pub message: String,
    /// Where; `None` only for problems that have no text to point into (an unreadable file).
    pub span: Option<Span>,
    /// Words under the marker.
    pub label: String,
    pub labels: Vec<Label>,
    /// The fix, when one is known.
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// The name an "unknown ..." error is about: the errors about one name fold into one.
    pub unknown: Option<String>,
    /// Whether this error is the cause of the unknown uses of `unknown` (an id refused for its
    /// spelling, an actor without its id), not one of them: they fold into it.
    pub causes_unknown: bool,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, Some(span), message)
    }

    pub fn warning(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, Some(span), message)
    }

    /// An error with nothing to point at.
    pub fn bare_error(message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, None, message)
    }

    pub fn new(severity: Severity, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            span,
            label: String::new(),
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
            unknown: None,
            causes_unknown: false,
        }
    }

    /// Marks an error as being about the unknown name `name`.
    pub fn about_unknown(mut self, name: Option<impl Into<String>>) -> Diagnostic {
        self.unknown = name.map(Into::into);
        self
    }

    /// Marks an error as the cause of the unknown uses of `name` (see [`Diagnostic::causes_unknown`]).
    pub fn cause_of_unknown(mut self, name: Option<impl Into<String>>) -> Diagnostic {
        self.causes_unknown = name.is_some();
        self.about_unknown(name)
    }

    pub fn label(mut self, words: impl Into<String>) -> Diagnostic {
        self.label = words.into();
        self
    }

    pub fn secondary(mut self, span: Span, words: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: words.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic for the renderer, its marks moved by `at` (see [`Excerpt`]).
    fn to_codespan(
        &self,
        at: impl Fn(super::source::FileId, usize) -> usize,
    ) -> cs::Diagnostic<super::source::FileId> {
        let range = |s: &Span| at(s.file, s.range.start)..at(s.file, s.range.end);
        let mut d = match self.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        }
        .with_message(&self.message);
        if let Some(span) = &self.span {
            d = d.with_label(cs::Label::primary(span.file, range(span)).with_message(&self.label));
        }
        for l in &self.labels {
            d = d.with_label(
                cs::Label::secondary(l.span.file, range(&l.span)).with_message(&l.message),
            );
        }
        let mut notes = self.notes.clone();
        if let Some(help) = &self.help {
            notes.push(format!("help: {help}"));
        }
        d.with_notes(notes)
    }
}

/// One diagnostic rendered from `files`, with the terminal's colours or without.
fn emit<'f, F: codespan_reporting::files::Files<'f, FileId = super::source::FileId>>(
    config: &term::Config,
    files: &'f F,
    diag: &cs::Diagnostic<super::source::FileId>,
    color: bool,
) -> Result<String, codespan_reporting::files::Error> {
    if color {
        let styles = term::Styles::default();
        let mut buf = termcolor::Ansi::new(Vec::new());
        let mut writer = term::StylesWriter::new(&mut buf, &styles);
        term::emit_to_write_style(&mut writer, config, files, diag)
            .map(|()| String::from_utf8_lossy(&buf.into_inner()).into_owned())
    } else {
        term::emit_into_string(config, files, diag)
    }
}

/// One diagnostic as `brink check --format json` prints it.
#[derive(Clone, Debug, serde::Serialize, PartialEq)]
pub struct JsonDiagnostic {
    /// The file name as given (or `--set`, `--given`); null when there is no location.
    pub file: Option<String>,
    /// 1-based line of the start of the span.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the start of the span.
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    /// `"error"` or `"warning"`.
    pub severity: &'static str,
    pub message: String,
    /// The words under the marker (may be empty).
    pub label: String,
    pub help: Option<String>,
    /// Lines under the message, as the terminal shows them (how many more errors were not shown).
    pub notes: Vec<String>,
    /// The other places the message points at ("first declared here"), with their words.
    pub related: Vec<JsonPlace>,
}

/// A secondary place of a [`JsonDiagnostic`].
#[derive(Clone, Debug, serde::Serialize, PartialEq)]
pub struct JsonPlace {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub label: String,
}

/// The diagnostics of one load, with the texts they point into.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    pub sources: Arc<SourceMap>,
    pub items: Vec<Diagnostic>,
    /// Errors found past the [`MAX_SHOWN_ERRORS`] kept in `items`: counted in the summaries,
    /// so that a file with 600 errors does not read as one with 500.
    pub not_shown: usize,
}

impl Diagnostics {
    pub fn new(sources: Arc<SourceMap>, items: Vec<Diagnostic>) -> Diagnostics {
        Diagnostics {
            sources,
            items,
            not_shown: 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The errors found, shown or not.
    pub fn error_count(&self) -> usize {
        self.shown_errors() + self.not_shown
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.shown_errors()
    }

    fn shown_errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// `3 errors`, or `601 errors (500 shown)` when some were left out.
    pub fn error_summary(&self) -> String {
        let n = self.error_count();
        let plural = if n == 1 { "" } else { "s" };
        if self.not_shown > 0 {
            format!("{n} error{plural} ({} shown)", n - self.not_shown)
        } else {
            format!("{n} error{plural}")
        }
    }

    /// All diagnostics, each followed by a blank line (codespan's own), as a terminal shows them.
    pub fn render(&self, color: bool) -> String {
        let config = term::Config::default();
        let mut out = String::new();
        for d in &self.items {
            let spans: Vec<&Span> = d
                .span
                .iter()
                .chain(d.labels.iter().map(|l| &l.span))
                .collect();
            let rendered = match Excerpt::of(&self.sources, &spans) {
                Some(excerpt) => {
                    let diag = d.to_codespan(|file, byte| excerpt.map_byte(file, byte));
                    emit(&config, &excerpt, &diag, color)
                }
                None => emit(
                    &config,
                    &*self.sources,
                    &d.to_codespan(|_, byte| byte),
                    color,
                ),
            };
            match rendered {
                Ok(text) => out.push_str(&text),
                // Only a span past the end of its text gets here: say it plainly.
                Err(_) => {
                    out.push_str(&format!("{}: {}\n", d.severity.as_str(), d.message));
                    if let Some(help) = &d.help {
                        out.push_str(&format!("  = help: {help}\n"));
                    }
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The records of `brink check --format json`.
    pub fn to_json(&self) -> Vec<JsonDiagnostic> {
        self.items
            .iter()
            .map(|d| {
                // The primary place as the secondary ones are worked out, without its words.
                let at = d.span.as_ref().map(|s| self.place(s, ""));
                JsonDiagnostic {
                    file: at.as_ref().map(|p| p.file.clone()),
                    line: at.as_ref().map(|p| p.line),
                    column: at.as_ref().map(|p| p.column),
                    end_line: at.as_ref().map(|p| p.end_line),
                    end_column: at.as_ref().map(|p| p.end_column),
                    severity: d.severity.as_str(),
                    message: d.message.clone(),
                    label: d.label.clone(),
                    help: d.help.clone(),
                    notes: d.notes.clone(),
                    related: d
                        .labels
                        .iter()
                        .map(|l| self.place(&l.span, &l.message))
                        .collect(),
                }
            })
            .collect()
    }

    /// Where `span` lies, in lines and columns from 1, with `label`.
    fn place(&self, span: &Span, label: &str) -> JsonPlace {
        let start = self.sources.line_col(span.file, span.range.start);
        let end = self.sources.line_col(span.file, span.range.end);
        JsonPlace {
            file: self.sources.name(span.file).to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            label: label.to_string(),
        }
    }

    /// Adds the diagnostics of another load of the same sources.
    pub fn extend(&mut self, items: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_marker_and_help() {
        let mut map = SourceMap::new();
        let id = map.add("a.toml", "[scenario]\nnme = \"x\"\n");
        let d = Diagnostic::error(Span::new(id, 11..14), "unknown key `nme` in [scenario]")
            .label("not a key of [scenario]")
            .help("did you mean `name`?");
        let diags = Diagnostics::new(Arc::new(map), vec![d]);
        let text = diags.render(false);
        assert_eq!(
            text,
            "error: unknown key `nme` in [scenario]\n  ┌─ a.toml:2:1\n  │\n2 │ nme = \"x\"\n  │ ^^^ not a key of [scenario]\n  │\n  = help: did you mean `name`?\n\n"
        );
        assert!(diags.render(true).contains("\u{1b}["));
        let json = diags.to_json();
        assert_eq!(json[0].line, Some(2));
        assert_eq!(json[0].column, Some(1));
        assert_eq!(json[0].end_column, Some(4));
    }
}
