//! A header whose brackets do not pair (`[[events]`, `[flags`, `[outcomes]]`), are of another
//! kind (`[variables(`, `[[expect)]`, `[}events]]`, a key next to `[` or `]` pressed), hold a
//! `#`, which starts a comment and cuts the header short (`[#[events]]`), or a `"` that opens a
//! text to the end of the line (`["[expect]]`), or have a list's two
//! brackets apart (`[ [events]]`): TOML stops at the first character it did not expect, often
//! with words about keys, and reads the entries below into the table above, so later lines err
//! too. The fix is the header written as it was meant.

use super::brackets::is_header;
use super::syntax_help::{SECTIONS, code_end};

/// The brackets a header may have been typed with.
const MARKS: &[char] = &['[', ']', '(', ')', '{', '}'];

/// A header's fix: the help, the header as it should read, and why the lines below read wrongly
/// until it is fixed, if they do (brackets of another kind, a `#` inside).
pub(super) struct HeaderFix {
    pub help: String,
    pub header: String,
    pub breaks_below: Option<&'static str>,
}

/// The fix for a header line whose brackets do not pair or are not square: two on each side if
/// either side has two, else one.
pub(super) fn header_brackets(line: &str) -> Option<HeaderFix> {
    if let Some(fix) = stray_inside(line) {
        return Some(fix);
    }
    let code = line[..code_end(line)].trim();
    let name = code.trim_matches(MARKS).trim();
    let simple = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ');
    if name.is_empty() || !name.chars().all(simple) {
        return None;
    }
    let opens = &code[..code.len() - code.trim_start_matches(MARKS).len()];
    let closes = &code[code.trim_end_matches(MARKS).len()..];
    let other_kind = opens.contains(|c| c != '[') || closes.contains(|c| c != ']');
    let square = opens.contains('[') || closes.contains(']');
    let (before, after) = (opens.len(), closes.len());
    if opens.is_empty() || !square || before.max(after) > 2 || (!other_kind && before == after) {
        return None;
    }
    let header = if before.max(after) == 2 {
        format!("[[{name}]]")
    } else {
        format!("[{name}]")
    };
    let how = if other_kind {
        "is written in square brackets"
    } else if before > after {
        "closes as it opens"
    } else {
        "opens as it closes"
    };
    Some(HeaderFix {
        help: format!("a header {how}: `{header}`"),
        header,
        breaks_below: other_kind
            .then_some("a header with other brackets read wrongly until it is fixed"),
    })
}

/// `[#[events]]`, `[[events#]]`: a `#` inside a header's brackets, which TOML reads as the start
/// of a comment; `["[events]]`, a `"` that opens a text; `[ [events]]`, `[[events] ]`: a list's
/// two brackets apart. The fix is the header without them, when that is one.
fn stray_inside(line: &str) -> Option<HeaderFix> {
    let line = line.trim();
    let cut = code_end(line);
    let hash = cut < line.len() && line[cut..].contains(']');
    let code = if hash { line } else { line[..cut].trim_end() };
    // A header is short: a long line is something else, and is not walked for every space.
    if !code.starts_with('[') || code.len() > 200 {
        return None;
    }
    // A lone `"` opens a text that runs to the end of the line: it goes too.
    let quote = !hash && code.matches('"').count() == 1;
    let stray = |c: char| c == '#' || (quote && c == '"');
    // Spaces between two brackets of a kind go; those around the name may stay.
    let chars: Vec<char> = code.chars().filter(|&c| !stray(c)).collect();
    let next = |i: usize| chars[i..].iter().find(|c| !c.is_whitespace());
    let mut header = String::with_capacity(code.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = header.trim_end().chars().last();
        let between = matches!(
            (prev, next(i)),
            (Some('['), Some('[')) | (Some(']'), Some(']'))
        );
        if !(c.is_whitespace() && between) {
            header.push(c);
        }
    }
    let (open, close) = match header.strip_prefix("[[") {
        Some(_) => ("[[", "]]"),
        None => ("[", "]"),
    };
    let name = header.strip_prefix(open)?.strip_suffix(close)?.trim();
    let simple = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    if header == code || name.is_empty() || !name.chars().all(simple) {
        return None;
    }
    let header = format!("{open}{name}{close}");
    let (help, why) = if quote {
        (
            format!("a `\"` inside this header opens a text that is never closed: `{header}`"),
            "a header with a stray `\"` read wrongly until it is fixed",
        )
    } else if hash {
        (
            format!("`#` starts a comment, which cuts this header short: `{header}`"),
            "a header cut short by a `#` read wrongly until it is fixed",
        )
    } else {
        (
            format!("a list's header has its two brackets together: `{header}`"),
            "a header with its brackets apart read wrongly until it is fixed",
        )
    };
    Some(HeaderFix {
        help,
        header,
        breaks_below: Some(why),
    })
}

/// A `[` or `[[` alone on its line, `below` being the text after it: a header's opening left
/// behind (a line half deleted or split). With a header below, the line goes, and that header
/// is returned (its list's later entries are refused as duplicates until it does); else the
/// header's name is written after the `[`.
pub(super) fn lone_opener(line: &str, below: &str) -> Option<(String, Option<String>)> {
    let code = line[..code_end(line)].trim();
    if !matches!(code, "[" | "[[") {
        return None;
    }
    let next = below
        .lines()
        .map(|l| l[..code_end(l)].trim())
        .find(|l| !l.is_empty());
    if let Some(header) = next.filter(|l| is_header(l)) {
        let help = format!(
            "this `{code}` opens no header, and the header below has its own: remove this line"
        );
        return Some((help, Some(header.to_string())));
    }
    let help = format!(
        "a header is written whole on its line, as in `[flags]` or `[[events]]`: write its name \
         after this `{code}`, or remove the line"
    );
    Some((help, None))
}

/// A header line whose brackets pair, one or two on each side: the line without its note, how
/// many open it, and what stands between them.
fn paired(line: &str) -> Option<(&str, usize, &str)> {
    let code = line[..code_end(line)].trim();
    let open = code.len() - code.trim_start_matches('[').len();
    let inner = code.get(open..)?.trim_end_matches(']');
    ((1..=2).contains(&open) && code.len() - inner.len() == 2 * open).then_some((code, open, inner))
}

/// The fix for a header with a `.` that has no name on one side (`[variables.]`, `[.flags]`,
/// `[events..x]`): the header without it.
pub(super) fn stray_dot(line: &str) -> Option<String> {
    let (code, open, inner) = paired(line)?;
    let parts: Vec<&str> = inner.split('.').map(str::trim).collect();
    if !parts.iter().any(|p| p.is_empty()) || parts.iter().all(|p| p.is_empty()) {
        return None;
    }
    let named: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    let (l, r) = (&code[..open], &code[code.len() - open..]);
    Some(format!(
        "a `.` with no name beside it: the header reads `{l}{}{r}`",
        named.join(".")
    ))
}

/// The fix for a key line with a `[` typed before it (`[add = { tension = 1 }`), which TOML
/// reads as a header left open: the line without it.
pub(super) fn bracket_before_key(line: &str) -> Option<String> {
    let code = line[..code_end(line)].trim();
    let rest = code.strip_prefix('[')?.trim_start_matches('[').trim_start();
    let (key, value) = rest.split_once('=')?;
    let key = key.trim();
    // (`[set=]` is a header with a stray `=`.)
    let value = value.trim().trim_start_matches(']');
    let named = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (named && !value.is_empty()).then(|| {
        format!("a `[` at the start of a line opens a header, and this is a key: `{rest}`")
    })
}

/// The fix for a header with spaces between words (`[variables x]`, `[[events escalate]]`,
/// `[Flags and variables]`), which TOML reads as a header left open: the section it names, and
/// for an entry's list, its `id` on the line below.
pub(super) fn spaced_header(line: &str) -> Option<String> {
    let (_, _, inner) = paired(line)?;
    let words: Vec<&str> = inner.split_whitespace().collect();
    let simple =
        |w: &&str| (w.chars()).all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if words.len() < 2 || !words.iter().all(simple) {
        return None;
    }
    // The lists' headers have two brackets, whichever were typed.
    let lists = ["actors", "events", "outcomes", "expect"];
    let header = |s: &str| match lists.contains(&s) {
        true => format!("`[[{s}]]`"),
        false => format!("`[{s}]`"),
    };
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let Some(at) = lower.iter().position(|w| SECTIONS.contains(&w.as_str())) else {
        let all: Vec<String> = SECTIONS.iter().map(|s| header(s)).collect();
        return Some(format!(
            "a header's name has no spaces, and names a section: {}",
            all.join(", ")
        ));
    };
    let rest = [&words[..at], &words[at + 1..]].concat().join(" ");
    // `[[events escalate]]`: the entry's id written into its header.
    let id = at == 0 && words.len() == 2 && lists[..3].contains(&lower[0].as_str());
    Some(if id {
        format!(
            "a header is one name, and an entry's id goes on the line below it: {}, then \
             `id = \"{rest}\"`",
            header(&lower[0])
        )
    } else {
        format!(
            "a header is one name: {} (to keep `{rest}`, write it after a `#`)",
            header(&lower[at])
        )
    })
}

#[cfg(test)]
mod tests {
    use super::{bracket_before_key, header_brackets, lone_opener, spaced_header, stray_dot};

    #[test]
    fn a_bracket_typed_before_a_key_is_left_out() {
        assert_eq!(
            bracket_before_key("[add = { tension = 0.3 }  # more").as_deref(),
            Some(
                "a `[` at the start of a line opens a header, and this is a key: `add = { tension = 0.3 }`"
            )
        );
        assert_eq!(bracket_before_key("[events]"), None);
        assert_eq!(bracket_before_key("[[events]]"), None);
        assert_eq!(bracket_before_key("[my key = 2"), None);
        assert_eq!(bracket_before_key("[set=]"), None);
    }

    #[test]
    fn a_header_with_spaces_names_its_section() {
        let help = |line: &str| spaced_header(line).unwrap_or_default();
        assert_eq!(
            help("[variables x]"),
            "a header is one name: `[variables]` (to keep `x`, write it after a `#`)"
        );
        assert_eq!(
            help("[[events escalate]]  # the first"),
            "a header is one name, and an entry's id goes on the line below it: `[[events]]`, \
             then `id = \"escalate\"`"
        );
        assert_eq!(
            help("[Flags and variables]"),
            "a header is one name: `[flags]` (to keep `and variables`, write it after a `#`)"
        );
        assert!(help("[my things]").ends_with(
            "`[flags]`, `[variables]`, `[[events]]`, `[[outcomes]]`, `[[expect]]`, `[set]`"
        ));
        assert!(help("[events escalate]").contains("`[[events]]`, then `id = \"escalate\"`"));
        for line in [
            "[flags]",
            "[[events]]",
            "[[events x]",
            "[a = b]",
            "x = [a b]",
        ] {
            assert_eq!(spaced_header(line), None, "{line}");
        }
    }

    #[test]
    fn a_dot_with_no_name_beside_it_is_left_out() {
        let help = |line: &str| stray_dot(line).unwrap_or_default();
        assert_eq!(
            help("[variables.]"),
            "a `.` with no name beside it: the header reads `[variables]`"
        );
        assert!(help("[[.events]]  # note").ends_with("`[[events]]`"));
        assert!(help("[scenario..run]").ends_with("`[scenario.run]`"));
        assert_eq!(stray_dot("[variables]"), None);
        assert_eq!(stray_dot("[.]"), None);
        assert_eq!(stray_dot("[[events.]"), None);
    }

    fn help(line: &str) -> Option<String> {
        header_brackets(line).map(|f| f.help)
    }

    #[test]
    fn a_header_whose_brackets_do_not_pair() {
        assert_eq!(
            help("[[events.branches] # note").unwrap(),
            "a header closes as it opens: `[[events.branches]]`"
        );
        assert_eq!(header_brackets("[flags").unwrap().header, "[flags]");
        assert_eq!(help("[["), None);
        assert_eq!(
            help("[outcomes]]").unwrap(),
            "a header opens as it closes: `[[outcomes]]`"
        );
        assert_eq!(help("[flags]"), None);
        assert_eq!(help("[1, 2]]"), None);
        assert!(header_brackets("[flags").unwrap().breaks_below.is_none());
    }

    #[test]
    fn a_list_header_with_its_brackets_apart_gets_them_together() {
        for (line, fixed) in [
            ("[ [events]]", "[[events]]"),
            ("[[outcomes] ]  # the end", "[[outcomes]]"),
            ("[ [ events.branches ] ]", "[[events.branches]]"),
        ] {
            let fix = header_brackets(line).expect(line);
            assert_eq!(
                fix.help,
                format!("a list's header has its two brackets together: `{fixed}`")
            );
            assert!(fix.breaks_below.is_some());
        }
        assert_eq!(help("[ flags ]"), None);
        assert_eq!(help(&format!("[ [{}]]", "a".repeat(300))), None);
    }

    #[test]
    fn a_comment_sign_inside_a_header_is_taken_out() {
        for (line, fixed) in [
            ("[#[events]]", "[[events]]"),
            ("[[outcomes#]]", "[[outcomes]]"),
            ("  [fl#ags]  ", "[flags]"),
        ] {
            let fix = header_brackets(line).expect(line);
            assert_eq!(
                fix.help,
                format!("`#` starts a comment, which cuts this header short: `{fixed}`")
            );
            assert!(fix.breaks_below.is_some());
        }
        let fix = header_brackets("[\"[expect]]").unwrap();
        assert_eq!(
            fix.help,
            "a `\"` inside this header opens a text that is never closed: `[[expect]]`"
        );
        assert_eq!(help("[\"events\"]"), None);
        // A comment after the header or a value, a header commented out, no name: not this slip.
        for line in ["[flags] # note", "# [flags]", "[#]", "x = [1] # [a]"] {
            assert_eq!(help(line), None, "{line}");
        }
    }

    #[test]
    fn a_header_typed_with_other_brackets_gets_square_ones() {
        for (line, fixed) in [
            ("[variables(", "[variables]"),
            ("[[expect)]", "[[expect]]"),
            ("[[expect]{", "[[expect]]"),
            ("[}events]]", "[[events]]"),
            ("[scenario}  # the run", "[scenario]"),
            ("(flags]", "[flags]"),
        ] {
            let fix = header_brackets(line).expect(line);
            assert_eq!(
                fix.help,
                format!("a header is written in square brackets: `{fixed}`")
            );
            assert!(fix.breaks_below.is_some());
        }
        // No square bracket at all, an inline table, a list of texts, a call: not a header.
        for line in [
            "(flags)",
            "{ a = 1 }",
            "[\"a\", \"b\"}",
            "max(a, b)",
            "{events}",
        ] {
            assert_eq!(help(line), None, "{line}");
        }
    }

    #[test]
    fn an_opening_bracket_alone_on_its_line_goes_or_gets_a_name() {
        let (help, header) = lone_opener("[", "\n# e2\n[[events]]  # next\nid = \"a\"").unwrap();
        assert_eq!(
            help,
            "this `[` opens no header, and the header below has its own: remove this line"
        );
        assert_eq!(header.as_deref(), Some("[[events]]"));
        let (help, header) = lone_opener("  [[ # the next", "events]]\n").unwrap();
        assert!(
            help.starts_with("a header is written whole on its line"),
            "{help}"
        );
        assert!(help.ends_with("write its name after this `[[`, or remove the line"));
        assert_eq!(header, None);
        for line in ["[flags]", "[ ]", "x = [", "]"] {
            assert_eq!(lone_opener(line, "[[events]]"), None, "{line}");
        }
    }
}
