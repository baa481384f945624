//! A header whose brackets do not pair (`[[events]`, `[flags`, `[outcomes]]`) or are of another
//! kind (`[variables(`, `[[expect)]`, `[}events]]`, a key next to `[` or `]` pressed): TOML
//! stops at the first bracket it did not expect, often with words about keys, and reads the
//! entries below into the table above, so later lines err too. The fix is the header written
//! as it was meant.

use super::syntax_help::code_end;

/// The brackets a header may have been typed with.
const MARKS: &[char] = &['[', ']', '(', ')', '{', '}'];

/// A header's fix: the help, the header as it should read, and whether its brackets were of
/// another kind (then the lines below read wrongly until it is fixed).
pub(super) struct HeaderFix {
    pub help: String,
    pub header: String,
    pub other_kind: bool,
}

/// The fix for a header line whose brackets do not pair or are not square: two on each side if
/// either side has two, else one.
pub(super) fn header_brackets(line: &str) -> Option<HeaderFix> {
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
        other_kind,
    })
}

#[cfg(test)]
mod tests {
    use super::header_brackets;

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
        assert!(!header_brackets("[flags").unwrap().other_kind);
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
            assert!(fix.other_kind);
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
}
