//! What the fix of a TOML syntax error holds (`syntax_fix.rs` finds it, `syntax_errors.rs`
//! tells it): the help, where the error is better told, and what it says of the errors after
//! it, which are counted under it instead of repeated.

use std::ops::Range;

/// What an error says of the errors after it on its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RestOfLine {
    /// Each is a mistake of its own, unless it has the same fix.
    Own,
    /// They all follow from it: the parser lost its way (a missing comma in `{ }`, read as a
    /// value without quotes, makes the later values look unquoted too).
    Follows,
    /// They follow from it (a value left without its quotes, which the parser reads on into
    /// the rest of the line; a `:` for `=`), but for other values without quotes, mistakes of
    /// their own.
    FollowsButQuotes,
}

/// The fix for one syntax error, and what it says of the errors after it.
pub(super) struct Fix {
    pub help: Option<String>,
    /// More places to show (ranges of the text), each with its words.
    pub labels: Vec<(Range<usize>, &'static str)>,
    pub rest_of_line: RestOfLine,
    /// Where the lines whose errors follow from this one end (a list opened with `(` or `{`).
    pub lines_below: Option<usize>,
    /// The line to change is another one (a header above a duplicate key).
    pub root_elsewhere: bool,
    /// The header the fix writes (`[[events]]`) and where the line it goes above starts: a
    /// later error with the same fix follows from this one.
    pub writes_header: Option<(usize, String)>,
    /// The error is better told at another place, in other words.
    pub moved: Option<Moved>,
    /// The header whose later entries are refused because of this error (`[[events]]` after a
    /// `[[events]` left open): their errors follow from it.
    pub entries: Option<String>,
    /// The error is better told in other words (the parser's were about what it guessed).
    pub headline: Option<&'static str>,
    /// Why every error after this one follows from it, when they all do (the rest of the file
    /// reads wrongly until it is fixed).
    pub spoils: Option<&'static str>,
}

/// Where an error is told when the parser's mark is not where the mistake is.
pub(super) struct Moved {
    pub span: Range<usize>,
    pub headline: &'static str,
    /// Words under the marker.
    pub mark: &'static str,
}

impl Fix {
    /// A fix that says nothing yet: no help, each later error a mistake of its own.
    pub(super) fn new() -> Fix {
        Fix {
            help: None,
            labels: Vec::new(),
            rest_of_line: RestOfLine::Own,
            lines_below: None,
            root_elsewhere: false,
            writes_header: None,
            moved: None,
            headline: None,
            entries: None,
            spoils: None,
        }
    }

    /// Tells the error at `span` instead of the parser's mark, in other words.
    pub(super) fn tell_at(
        &mut self,
        span: Range<usize>,
        headline: &'static str,
        mark: &'static str,
        help: String,
    ) {
        self.moved = Some(Moved {
            span,
            headline,
            mark,
        });
        self.help = Some(help);
    }

    pub(super) fn label(&mut self, range: Range<usize>, words: &'static str) {
        self.labels.push((range, words));
    }
}
