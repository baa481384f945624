//! A variant whose `extends` line is gone, but which has events of its own (so the format's
//! check for a file of changes alone does not catch it): read alone, it has no horizon and no
//! outcomes, and every name it takes from its base is unknown, 10 to 30 errors. It is found by
//! trying: with `extends = "baseline.toml"` (or the one scenario beside it) on top, does it
//! check? Then that is the one error told. Without a base to try (the file copied away from it),
//! a file of changes or pins with no actor and no outcome of its own is told the same in fewer
//! words.

use std::path::Path;

use crate::format::extends::base_candidate;
use crate::format::{Diagnostic, Diagnostics, FileId, Span};

/// `diags` as one error when `main` (found at `path`) has no `extends` and checks without an
/// error with one naming the scenario beside it, or holds changes alone; else unchanged. `check`
/// checks a text of `main` whole.
pub fn explain(
    diags: Diagnostics,
    main: FileId,
    path: &Path,
    check: super::moved_line::Check,
) -> Diagnostics {
    let text = diags.sources.text(main);
    let total = diags.error_count();
    // A whole scenario has a horizon of its own: one copied from the baseline, and missing a
    // declaration, would check with the baseline under it, but that is not its fix.
    let Some(table) = text.parse::<toml::Table>().ok().filter(|t| {
        !t.keys().any(|k| k.eq_ignore_ascii_case("extends"))
            && t.get("scenario").and_then(|s| s.get("horizon")).is_none()
    }) else {
        return diags;
    };
    if total < 2 {
        return diags;
    }
    let base = base_candidate(path);
    let line = format!("extends = \"{base}\"");
    let first = diags.items.iter().find(|d| d.is_error());
    let note = format!(
        "read alone, it has {total} errors{}",
        first.map_or(String::new(), |d| format!(", the first \"{}\"", d.message))
    );
    let beside = path.parent().unwrap_or(Path::new("")).join(&base);
    let d = if beside.is_file()
        && beside.file_name() != path.file_name()
        && check(&format!("{line}\n{text}")).is_some_and(|left| left.is_empty())
    {
        // Told where the scenario starts: the `[scenario]` line, or the first line.
        let at = text
            .match_indices("[scenario]")
            .map(|(i, _)| i)
            .find(|&i| i == 0 || text[..i].ends_with('\n'))
            .unwrap_or(0);
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        Diagnostic::error(
            Span::new(main, at..end),
            format!("this file reads as a variant of `{base}`, but has no `extends`"),
        )
        .label("the file it builds on is named above this line")
        .help(format!(
            "write `{line}` at the top of the file: with it, the file checks without an error"
        ))
    } else if changes_alone(&table) {
        // No base to try (the file was copied away from it, or does not check with it): what
        // the file holds still says it is a variant.
        Diagnostic::error(
            Span::new(main, 0..0),
            "this file has no actors, outcomes or horizon of its own, and no `extends`",
        )
        .label("a variant names the scenario it changes at the top")
        .help(format!(
            "name the file it builds on above `[scenario]`: `{line}`"
        ))
    } else {
        return diags;
    };
    let d = d.note(note);
    Diagnostics::new(diags.sources.clone(), vec![d])
}

/// A file of changes and pins, perhaps with events added, but no actor or outcome declared: a
/// variant, not a scenario of its own however unfinished.
fn changes_alone(table: &toml::Table) -> bool {
    let has = |key: &str| table.keys().any(|k| k.eq_ignore_ascii_case(key));
    !has("actors") && !has("outcomes") && (has("set") || has("expect"))
}
