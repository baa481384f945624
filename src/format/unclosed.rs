//! A bracket left open, as the fixes that find one tell it: the opener, the words, and where
//! its closing bracket goes.

use std::ops::Range;

/// A bracket left open, and how to close it.
pub(super) struct Unclosed {
    /// The opening bracket.
    pub opener: Range<usize>,
    pub headline: &'static str,
    pub help: String,
    /// The last line of a list over several lines, after which its `]` goes, and the words
    /// saying so.
    pub last_line: Option<(Range<usize>, &'static str)>,
    /// What the lines after it are read as, under the line of the error.
    pub read_as: &'static str,
    /// Why the errors after this one follow from it.
    pub spoils: &'static str,
}

/// Why the errors after a list (or a `{ }`) left open follow from it.
pub(super) fn open_spoils(list: bool) -> &'static str {
    if list {
        "a list that is not closed read wrongly until it is closed"
    } else {
        "a `{ }` that is not closed read wrongly until it is closed"
    }
}
