//! Positions inside a decoded TOML string, mapped back to the file.
//!
//! An expression error is found at a byte offset of the *decoded* string, but the author needs
//! the file's line and column: escapes (`\t`, `\u00e9`), the newline trimmed after `"""`, and
//! line-ending backslashes in multi-line strings all shift positions. This walks the raw token
//! the way TOML decodes it.

/// Maps `decoded` (a byte offset into the decoded value) to a byte offset into `raw`, the string
/// token as written including its quotes. An offset at or past the end maps to the closing quote.
pub fn raw_offset(raw: &str, decoded: usize) -> usize {
    let (open, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else {
        // Not a quoted token (raw `--set` text): positions are the same.
        return decoded.min(raw.len());
    };
    let close = raw.len().saturating_sub(open).max(open);
    let body = &raw[open..close];
    let mut i = 0;
    // A newline right after the opening delimiter of a multi-line string is not part of it.
    if open == 3 {
        if body.starts_with("\r\n") {
            i = 2;
        } else if body.starts_with('\n') {
            i = 1;
        }
    }
    let bytes = body.as_bytes();
    let mut out = 0; // decoded bytes produced so far
    while i < body.len() {
        // Only a malformed token could put `i` inside a character; stay on boundaries anyway.
        if !body.is_char_boundary(i) {
            i += 1;
            continue;
        }
        if basic && bytes[i] == b'\\' {
            let rest = &body[i + 1..];
            // Line-ending backslash: skip it and all whitespace and newlines after it.
            let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if open == 3 && rest[ws..].starts_with(['\n', '\r']) {
                let skip = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
                i += 1 + skip;
                continue;
            }
            let (raw_len, produced) = escape(rest);
            if decoded < out + produced {
                return open + i;
            }
            out += produced;
            i += 1 + raw_len;
            continue;
        }
        let ch_len = body[i..].chars().next().map_or(1, char::len_utf8);
        if decoded < out + ch_len {
            return open + i;
        }
        out += ch_len;
        i += ch_len;
    }
    open + body.len()
}

/// `(raw bytes after the backslash, decoded bytes)` of one escape sequence.
fn escape(rest: &str) -> (usize, usize) {
    let hex = |n: usize| -> (usize, usize) {
        let digits = rest.get(1..1 + n).unwrap_or("");
        let len = u32::from_str_radix(digits, 16)
            .ok()
            .and_then(char::from_u32)
            .map_or(1, char::len_utf8);
        (1 + n, len)
    };
    match rest.as_bytes().first() {
        Some(b'u') => hex(4),
        Some(b'U') => hex(8),
        Some(b'x') => hex(2),
        _ => (1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that every decoded character maps to the raw position of what produced it.
    fn check(raw: &str, decoded: &str, marks: &[(usize, usize)]) {
        let parsed: toml::Value = toml::from_str(&format!("v = {raw}")).unwrap();
        assert_eq!(parsed["v"].as_str().unwrap(), decoded, "test input");
        for &(d, r) in marks {
            assert_eq!(raw_offset(raw, d), r, "decoded offset {d} in {raw:?}");
        }
    }

    #[test]
    fn basic_string_with_escapes() {
        // a  \t  b  \u00e9  c
        let raw = r#""a\tb\u00e9c""#;
        check(
            raw,
            "a\tb\u{e9}c",
            &[(0, 1), (1, 2), (2, 4), (3, 5), (4, 5), (5, 11)],
        );
        assert_eq!(raw_offset(raw, 6), raw.len() - 1);
    }

    #[test]
    fn literal_strings_are_verbatim() {
        check(r"'a\tb'", r"a\tb", &[(0, 1), (1, 2), (3, 4)]);
        check("'''\nab\ncd'''", "ab\ncd", &[(0, 4), (3, 7)]);
    }

    #[test]
    fn multi_line_basic_with_line_ending_backslash() {
        let raw = "\"\"\"\nfoo and \\\n    bar\"\"\"";
        check(raw, "foo and bar", &[(0, 4), (4, 8), (8, 18), (10, 20)]);
    }

    #[test]
    fn malformed_tokens_do_not_panic() {
        for raw in [
            "\"",
            "\"\"\"",
            "\"\\u\u{e9}\u{e9}\"",
            "'",
            "\"\\",
            "\"\"\"\\\n",
        ] {
            for d in 0..8 {
                assert!(raw_offset(raw, d) <= raw.len());
            }
        }
    }

    #[test]
    fn raw_text_is_identity() {
        assert_eq!(raw_offset("a && b", 2), 2);
        assert_eq!(raw_offset("ab", 9), 2);
    }
}
