//! Errors inside one expression string. Spans are byte ranges into that string; the loader shifts
//! them to the file, so every message here is written to stand next to a caret under the span.

use std::ops::Range;

/// An error inside an expression string. `span` is a byte range into the expression source.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    /// The name this error says is unknown: the loader folds every error about one name into
    /// one, and tells a declared name read too early by its reason.
    pub unknown: Option<String>,
}

impl ExprError {
    pub(crate) fn new(span: Range<usize>, message: impl Into<String>) -> ExprError {
        ExprError {
            span,
            message: message.into(),
            help: None,
            unknown: None,
        }
    }

    /// "unknown name `x`" (or event): the error and the name it is about.
    pub(crate) fn unknown(span: Range<usize>, kind: &str, name: &str) -> ExprError {
        ExprError {
            unknown: Some(name.to_string()),
            ..ExprError::new(span, format!("unknown {kind} `{name}`"))
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> ExprError {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn with_help_opt(mut self, help: Option<String>) -> ExprError {
        self.help = help;
        self
    }
}

impl std::fmt::Display for ExprError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ExprError {}
