//! A list's header written with one bracket below its entries: `[events]` after `[[events]]`
//! (a copied header, a bracket deleted). TOML calls it a duplicate key, and every `[[events]]`
//! after it too; the fix is to write the header as the list's, and the later entries follow.

use std::ops::Range;

use super::syntax_help::{header_of, line_number, line_of, lines_above};

/// The fix for a duplicate key at `at` that is a header `[name]` below an `[[name]]` entry:
/// the help, the header whose later refusals follow from it, and the first entry's line.
pub(super) fn table_after_list(text: &str, at: usize) -> Option<(String, String, Range<usize>)> {
    let line = line_of(text, at);
    let header = header_of(&text[line.clone()])?;
    let name = header.strip_prefix('[')?.strip_suffix(']')?.trim();
    if name.starts_with('[') || name.is_empty() {
        return None;
    }
    let entry = format!("[[{name}]]");
    let first = lines_above(text, line.start)
        .filter(|above| header_of(&text[above.clone()]) == Some(entry.as_str()))
        .last()?;
    let help = format!(
        "`{name}` is a list, its entries each written `{entry}` (from line {}): this `[{name}]` \
         opens one table of the same name; write `{entry}` here",
        line_number(text, first.start)
    );
    Some((help, entry, first))
}

#[cfg(test)]
mod tests {
    use super::table_after_list;

    #[test]
    fn a_single_bracket_header_below_the_lists_entries_is_one_of_them() {
        let text = "[[events]]\nid = \"a\"\n\n[[events]]\nid = \"b\"\n[events]\nid = \"c\"\n";
        let at = text.find("\n[events]").unwrap() + 2;
        let (help, entry, first) = table_after_list(text, at).unwrap();
        assert_eq!(
            help,
            "`events` is a list, its entries each written `[[events]]` (from line 1): this \
             `[events]` opens one table of the same name; write `[[events]]` here"
        );
        assert_eq!((entry.as_str(), &text[first]), ("[[events]]", "[[events]]"));
        // Above every entry, or a table of another name: not this mistake.
        assert_eq!(table_after_list("[events]\n[[events]]\n", 1), None);
        assert_eq!(table_after_list("[[events]]\n[flags]\n", 12), None);
    }
}
