//! One error per unknown name, not one per use: a declaration deleted or misspelt makes every
//! condition and effect that uses the name fail, and a dozen copies of "unknown variable
//! `tension`" bury the one line to fix. The first is kept, with the lines of the others. An id
//! refused for its spelling (`russian-breakthrough`) is the anchor of the name its help writes:
//! the uses of that name are unknown because of it, and fold into it.

use std::collections::HashMap;

use crate::format::{Diagnostic, SourceMap, Span};

/// Lines listed under the kept error; the rest are counted.
const LINES_LISTED: usize = 8;

/// Folds the errors about one unknown name (those marked with it where they were made, by the
/// name checks and the expression checker) into the first of them, which tells the lines of the
/// others (in its own file).
pub fn fold(diags: &mut Vec<Diagnostic>, sources: &SourceMap) {
    // Each name with the index of its first error and the spans of the others, in the order
    // of the first errors; a map to find them, as a file may hold thousands.
    let mut firsts: Vec<(String, usize, Vec<Option<Span>>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut keep = Vec::with_capacity(diags.len());
    // Anchors first: an error marked with a name that is not an "unknown" error itself.
    for (i, d) in diags.iter().enumerate() {
        if let Some(name) = d.unknown.as_deref()
            && d.is_error()
            && is_anchor(d)
            && !index.contains_key(name)
        {
            index.insert(name, firsts.len());
            firsts.push((name.to_string(), i, Vec::new()));
        }
    }
    for (i, d) in diags.iter().enumerate() {
        let folded = d.is_error()
            && !is_anchor(d)
            && d.unknown
                .as_deref()
                .is_some_and(|name| match index.get(name) {
                    Some(&k) => {
                        firsts[k].2.push(d.span.clone());
                        true
                    }
                    None => {
                        index.insert(name, firsts.len());
                        firsts.push((name.to_string(), i, Vec::new()));
                        false
                    }
                });
        keep.push(!folded);
    }
    for (name, i, others) in firsts {
        if others.is_empty() {
            continue;
        }
        let file = diags[i].span.as_ref().map(|s| s.file);
        let mut lines: Vec<usize> = others
            .iter()
            .flatten()
            .filter(|s| Some(s.file) == file)
            .map(|s| sources.line_col(s.file, s.range.start).line)
            .collect();
        lines.sort_unstable();
        lines.dedup();
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        let n = others.len();
        let places = if n == 1 { "place" } else { "places" };
        let listed = match lines.len() {
            0 => String::new(),
            k if k > LINES_LISTED => format!(
                " (lines {} and {} more)",
                lines[..LINES_LISTED].join(", "),
                k - LINES_LISTED
            ),
            1 => format!(" (line {})", lines[0]),
            _ => format!(" (lines {})", lines.join(", ")),
        };
        let note = if is_anchor(&diags[i]) {
            let uses = if n == 1 { "use" } else { "uses" };
            format!("{n} {uses} of `{name}`{listed} not shown: unknown until this is fixed")
        } else {
            format!("`{name}` is unknown in {n} more {places} too{listed}")
        };
        diags[i].notes.push(note);
    }
    let mut k = keep.iter();
    diags.retain(|_| *k.next().unwrap_or(&true));
}

/// Whether `d` causes the unknown uses of its name (an id refused for its spelling, marked with
/// the name its help writes), rather than being one.
fn is_anchor(d: &Diagnostic) -> bool {
    d.unknown.is_some() && d.causes_unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_errors_about_one_name_are_one() {
        let mut sources = SourceMap::new();
        let file = sources.add("s.toml", "a\nb\nc\nd\n");
        let at = |line: usize, message: &str, name: &str| {
            Diagnostic::error(Span::new(file, 2 * line..2 * line + 1), message.to_string())
                .about_unknown(Some(name))
        };
        let mut diags = vec![
            at(
                0,
                "in the `when` of event `e`: unknown name `tension`",
                "tension",
            ),
            at(1, "unknown variable `losses`", "losses"),
            at(2, "unknown variable `tension`", "tension"),
            at(
                3,
                "in the `when` of outcome `o`: unknown name `tension`",
                "tension",
            ),
        ];
        fold(&mut diags, &sources);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "in the `when` of event `e`: unknown name `tension`",
                "unknown variable `losses`"
            ]
        );
        assert_eq!(
            diags[0].notes,
            ["`tension` is unknown in 2 more places too (lines 3, 4)"]
        );
        assert!(diags[1].notes.is_empty());
    }

    #[test]
    fn the_uses_of_an_id_refused_for_its_spelling_fold_into_it() {
        let mut sources = SourceMap::new();
        let file = sources.add("s.toml", "a\nb\nc\nd\n");
        let at = |line: usize, message: &str| {
            Diagnostic::error(Span::new(file, 2 * line..2 * line + 1), message.to_string())
                .about_unknown(Some("russian_push"))
        };
        // The use before the declaration in the list: the anchor still keeps them.
        let mut diags = vec![
            at(0, "in the `when` of event `e`: unknown name `russian_push`"),
            Diagnostic::error(Span::new(file, 2..3), "`russian-push` is not a valid id")
                .cause_of_unknown(Some("russian_push")),
            at(3, "unknown event `russian_push`"),
        ];
        fold(&mut diags, &sources);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].message, "`russian-push` is not a valid id");
        assert_eq!(
            diags[0].notes,
            ["2 uses of `russian_push` (lines 1, 4) not shown: unknown until this is fixed"]
        );
    }

    #[test]
    fn errors_not_marked_unknown_are_kept() {
        let mut diags = vec![
            Diagnostic::bare_error("`war` is a flag, but `add` must name a variable"),
            Diagnostic::bare_error("`war` is a flag, but `add` must name a variable"),
        ];
        fold(&mut diags, &SourceMap::new());
        assert_eq!(diags.len(), 2);
    }
}
