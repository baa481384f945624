//! A bracket closed with the wrong kind (`set = ["war"}`, `{ when = "war", factor = 2 ]`):
//! TOML reads on as if the list or `{ }` were still open, and every line after it errs. The
//! fix is the one bracket, on the line of the first error.

use std::ops::Range;

use super::brackets::{brackets, open_at};
use super::syntax_help::{line_number, line_of};
use super::unclosed::open_spoils;

/// How many closing brackets after an error are looked at for the wrong one.
const MAX_LOOKS: usize = 8;

/// A closing bracket that does not pair with the one it closes, and its fix.
pub(super) struct WrongCloser {
    pub at: Range<usize>,
    pub headline: &'static str,
    pub help: String,
    pub spoils: &'static str,
}

/// The wrong closing bracket at byte `at` of `text`, if the bracket still open there is of
/// another kind (a header's brackets are [`super::brackets::header_brackets`]'s). A `{` closed
/// by `]` with no entry inside (`{0.5, 0.6]`) is a list whose `[` was written `{`: then the
/// first error may stand before the `]`, at what TOML made of the items as entries.
pub(super) fn wrong_closer(text: &str, at: usize) -> Option<WrongCloser> {
    let bytes = text.as_bytes();
    let here = line_of(text, at);
    let all = brackets(text);
    let is_closer = |b: usize| matches!(bytes[b], b'}' | b']');
    if let Some(paren) = paren_closer(text, &all, at) {
        return Some(paren);
    }
    // The first closer on the line from the error that does not pair with its opener (past
    // those that do: `{{ when = "war" }]` errs at the inner `{`). A few only: each look costs
    // a pass over the text, and a line of ten thousand nested brackets took minutes.
    let mut closers = (all.iter())
        .filter(|&&b| b >= at && b < here.end && is_closer(b))
        .take(MAX_LOOKS);
    let (close, opener, opened, list, want) = loop {
        let &close = closers.next()?;
        let (open, _) = open_at(text, &all, close);
        let &opener = open.last()?;
        let opened = line_of(text, opener);
        let header = open.len() == 1 && text[opened.start..opener].trim().is_empty();
        let list = bytes[opener] == b'[';
        let want = if list { b']' } else { b'}' };
        // A curly quote on the opener's line ran a text on: its own fix.
        let curly = super::curly_quotes::straight_quotes_help(&text[opened.clone()]).is_some();
        if header || curly {
            return None;
        }
        if bytes[close] != want {
            break (close, opener, opened, list, want);
        }
    };
    let n = line_number(text, close);
    let line = &text[here.clone()];
    let spoils = open_spoils(list);
    // No entry of its own inside (`{0, 1]`, `{{ when = "war" }]`): a list opened with `{`.
    let own_entry = {
        let mut depth = 0usize;
        super::syntax_help::chars_outside_quotes(&text[opener + 1..close]).any(|(_, c, outside)| {
            match c {
                _ if !outside => {}
                '{' | '[' => depth += 1,
                '}' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            outside && c == '=' && depth == 0
        })
    };
    if !list && opened == here && !own_entry {
        let col = opener - here.start;
        return Some(WrongCloser {
            at: opener..opener + 1,
            headline: "a list opens with `[`",
            help: format!(
                "line {n} becomes `{}[{}`",
                &line[..col],
                line[col + 1..].trim_end()
            )
            .replace("` ", "`"),
            spoils,
        });
    }
    let col = close - here.start;
    // The right bracket later on the line (`{ pert = 0.02, 0.05, 0.1] }`): this one closes a
    // list whose `[` is missing.
    let later = &line[col + 1..super::syntax_help::code_end(line).max(col + 1)];
    if close != at || later.contains(want as char) {
        return None;
    }
    Some(closer_changed(text, close, list))
}

/// The fix of the closer at byte `at` of `text` into the one that pairs with the list (or, if
/// not `list`, the `{ }`) it closes.
fn closer_changed(text: &str, at: usize, list: bool) -> WrongCloser {
    let here = line_of(text, at);
    let (line, col) = (&text[here.clone()], at - here.start);
    let want = if list { ']' } else { '}' };
    let fixed = format!("{}{want}{}", &line[..col], &line[col + 1..]);
    WrongCloser {
        at: at..at + 1,
        headline: if list {
            "a list opened with `[` closes with `]`"
        } else {
            "a `{ }` opened with `{` closes with `}`"
        },
        help: format!("line {} becomes `{}`", line_number(text, at), fixed.trim()),
        spoils: open_spoils(list),
    }
}

/// A `(` or `)` at byte `at` where the list or `{ }` open there ends its line (`[0.1, 0.2(`):
/// the key next to the closing one pressed.
fn paren_closer(text: &str, all: &[usize], at: usize) -> Option<WrongCloser> {
    let bytes = text.as_bytes();
    if !matches!(bytes.get(at), Some(b'(' | b')')) {
        return None;
    }
    let here = line_of(text, at);
    let line = &text[here.clone()];
    let col = at - here.start;
    let rest = &line[col + 1..super::syntax_help::code_end(line).max(col + 1)];
    let (open, _) = open_at(text, all, at);
    let &opener = open.last()?;
    let opened = line_of(text, opener);
    if open.len() == 1 && text[opened.start..opener].trim().is_empty() {
        return None;
    }
    // A `)` that closes a `(` after the bracket is that `(`'s (a tuple for a list).
    let inner = &text[opener.max(here.start)..at];
    if bytes[at] == b')' && inner.matches('(').count() > inner.matches(')').count() {
        return None;
    }
    let list = bytes[opener] == b'[';
    let want = if list { ']' } else { '}' };
    // The right bracket later on the line closes it: this parenthesis is another mistake. Only
    // the closers of brackets around it may follow (`{ pert = [0.1, 0.2( }`), or other entries
    // (`{ pert = [0.1, 0.2), unit = "x" }`).
    if rest.contains(want) {
        return None;
    }
    Some(closer_changed(text, at, list))
}

#[cfg(test)]
mod tests {
    use super::wrong_closer;

    #[test]
    fn a_bracket_of_the_other_kind_is_changed_in_place() {
        let text = "[e]\nset = [\"war\"}\nrepeat = true\n";
        let w = wrong_closer(text, text.find('}').unwrap()).expect("a wrong closer");
        assert_eq!(w.headline, "a list opened with `[` closes with `]`");
        assert_eq!(w.help, "line 2 becomes `set = [\"war\"]`");
        let text = "m = [{ when = \"a\", factor = 2 ]]\n";
        let w = wrong_closer(text, text.find(" ]").unwrap() + 1).expect("a wrong closer");
        assert_eq!(
            w.help,
            "line 1 becomes `m = [{ when = \"a\", factor = 2 }]`"
        );
        // The right kind, a bracket inside quotes, a header: not this mistake.
        assert!(wrong_closer("set = [\"war\"]\n", 12).is_none());
        assert!(wrong_closer("a = \"}\"\n", 5).is_none());
        assert!(wrong_closer("[scenario}\n", 9).is_none());
        // A list opened with `{`, told from the first error on its line.
        let text = "s = { normal = {0, 1] }\n";
        let w = wrong_closer(text, text.find(',').unwrap()).expect("a wrong opener");
        assert_eq!(w.headline, "a list opens with `[`");
        assert_eq!(w.help, "line 1 becomes `s = { normal = [0, 1] }`");
        assert_eq!(w.at.start, text.find("{0").unwrap());
        // A list of tables opened with `{`.
        let text = "m = {{ when = \"a\", factor = 2 }]\n";
        let w = wrong_closer(text, text.rfind(']').unwrap()).expect("a wrong opener");
        assert_eq!(
            w.help,
            "line 1 becomes `m = [{ when = \"a\", factor = 2 }]`"
        );
        // A list without its `[` inside a `{ }` that closes later on the line.
        let text = "p = { pert = 0.02, 0.05, 0.1] }\n";
        assert!(wrong_closer(text, text.find(']').unwrap()).is_none());
        // A parenthesis for the closing bracket at the end of the line.
        let text = "p = [0.107, 0.163(\ntrials = 10\n";
        let w = wrong_closer(text, text.find('(').unwrap()).expect("a wrong closer");
        assert_eq!(w.help, "line 1 becomes `p = [0.107, 0.163]`");
        let text = "m = [{ when = \"a\", factor = 2 ),\n]\n";
        let w = wrong_closer(text, text.find(')').unwrap()).expect("a wrong closer");
        assert_eq!(
            w.help,
            "line 1 becomes `m = [{ when = \"a\", factor = 2 },`"
        );
        let text = "p = { pert = [0.1, 0.2( }\n";
        let w = wrong_closer(text, text.find('(').unwrap()).expect("a wrong closer");
        assert_eq!(w.help, "line 1 becomes `p = { pert = [0.1, 0.2] }`");
        let text = "a = { log = [0.5, 2.0), unit = \"x\" }\n";
        let w = wrong_closer(text, text.find(')').unwrap()).expect("a wrong closer");
        assert_eq!(
            w.help,
            "line 1 becomes `a = { log = [0.5, 2.0], unit = \"x\" }`"
        );
        // A parenthesis closing its own: another mistake.
        let text = "p = { pert = (0.1, 0.2) }\n";
        assert!(wrong_closer(text, text.find(')').unwrap()).is_none());
        // Not the end of the list: a parenthesis inside it.
        let text = "p = [0.1, (0.2, 0.3]\n";
        assert!(wrong_closer(text, text.find('(').unwrap()).is_none());
    }
}
