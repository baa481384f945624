//! The tries of a search, each a whole check of the file with one line moved. A try that leaves
//! no error ends the search. One that leaves only errors the file has as written, and two
//! fewer at least, found a slip too, beside another of the student's that the move does not
//! touch (`[[expect]]` above its `event` line, and `probbility` in the pin): the one leaving the
//! fewest is kept, told when no try leaves none.

use std::cell::RefCell;

use super::lines::Found;
use crate::format::Diagnostics;

/// An error as a try is compared with the file's own: its headline and the text of the line it
/// points at (a move shifts the lines' numbers, not their text).
pub type ErrorKey = (String, String);

/// How a text of the file checks: the keys of its errors, none when it checks; `None` when it
/// cannot be read at all.
pub type Check<'a> = &'a dyn Fn(&str) -> Option<Vec<ErrorKey>>;

/// The keys of the errors of `diags`, those past the ones shown as keys that match nothing.
pub fn error_keys(diags: &Diagnostics) -> Vec<ErrorKey> {
    let line = |d: &crate::format::Diagnostic| {
        let Some(span) = &d.span else {
            return String::new();
        };
        let text = diags.sources.text(span.file);
        let at = span.range.start.min(text.len());
        let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        text[start..end].trim().to_string()
    };
    (diags.items.iter().filter(|d| d.is_error()))
        .map(|d| (d.message.clone(), line(d)))
        .chain((0..diags.not_shown).map(|_| (String::new(), String::new())))
        .collect()
}

pub(super) struct Tries<'a> {
    check: Check<'a>,
    /// The errors of the file as written.
    own: &'a [ErrorKey],
    /// The move leaving the fewest errors, all of them the file's own, and those errors.
    best: RefCell<Option<(Found, Vec<ErrorKey>)>>,
}

impl<'a> Tries<'a> {
    pub(super) fn new(check: Check<'a>, own: &'a [ErrorKey]) -> Tries<'a> {
        Tries {
            check,
            own,
            best: RefCell::new(None),
        }
    }

    /// The move `found` when `text` (the file with it made) checks without an error; else
    /// `None`, and the move is kept as the best so far when it leaves only errors of the file's
    /// own, fewer than the best's.
    pub(super) fn take(&self, text: &str, found: impl FnOnce() -> Found) -> Option<Found> {
        let left = (self.check)(text)?;
        if left.is_empty() {
            return Some(found());
        }
        let own = |k: &ErrorKey| !k.0.is_empty() && self.own.contains(k);
        let fewer = (self.best.borrow().as_ref()).is_none_or(|(_, best)| left.len() < best.len());
        if left.len() + 2 <= self.own.len() && fewer && left.iter().all(own) {
            *self.best.borrow_mut() = Some((found(), left));
        }
        None
    }

    /// The best move that leaves errors, and the errors it leaves.
    pub(super) fn best(self) -> Option<(Found, Vec<ErrorKey>)> {
        self.best.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(message: &str) -> ErrorKey {
        (message.to_string(), format!("line of {message}"))
    }

    fn found(line: usize) -> Found {
        Found {
            line: line..line + 1,
            kind: super::super::lines::Kind::Header,
            above: 0..1,
            keys: 0..1,
        }
    }

    #[test]
    fn a_move_leaving_only_the_files_own_errors_is_kept_the_fewest_first() {
        let own = [key("a"), key("b"), key("c"), key("d")];
        // Each text's errors, by its first word.
        let check = |t: &str| {
            let left: Vec<ErrorKey> = t.split(' ').skip(1).map(key).collect();
            (!t.starts_with("unread")).then_some(left)
        };
        let tries = Tries::new(&check, &own);
        // One fewer is no slip found; a new error or an unreadable text is not kept.
        assert!(tries.take("one a b c", || found(1)).is_none());
        assert!(tries.take("two a new", || found(2)).is_none());
        assert!(tries.take("unread", || found(3)).is_none());
        assert!(tries.best.borrow().is_none());
        assert!(tries.take("four a b", || found(4)).is_none());
        assert!(tries.take("five c", || found(5)).is_none());
        assert!(tries.take("six d", || found(6)).is_none());
        let (best, left) = tries.best().expect("a move that leaves fewer");
        assert_eq!((best.line.start, left), (5, vec![key("c")]));
        // No error left ends the search.
        let tries = Tries::new(&check, &own);
        assert_eq!(
            tries.take("clean", || found(7)).map(|f| f.line.start),
            Some(7)
        );
    }
}
