//! Warnings that only the command line's values bring. `brink run --set
//! flags.south_korea_arms_ukraine=true` asks "what if South Korea sends arms from the start?";
//! the event that would send them then can never fire, and its warning's usual help ("fix its
//! condition") would tell a student to change a file that has nothing wrong with it. A warning
//! about the files that the file as written does not get says where it comes from instead.

use crate::format::{Diagnostic, FileId};

pub(super) const HELP: &str = "nothing to change if that is what you meant: the values set on \
    the command line bring this warning (the file alone does not get it)";

/// Whether any of `found` is a warning about the files: else there is nothing to compare.
pub(super) fn worth_a_look(found: &[Diagnostic], options: &[FileId]) -> bool {
    found.iter().any(|d| about_files(d, options))
}

fn about_files(d: &Diagnostic, options: &[FileId]) -> bool {
    !d.is_error() && d.span.as_ref().is_some_and(|s| !options.contains(&s.file))
}

/// Gives the warnings in `found` about the files (not about the text of `--set` or `--vary`,
/// the `options`, whose own help stays) that are not among `written`'s (the warnings of the
/// file without those options) the help above.
pub(super) fn mark(found: &mut [Diagnostic], written: &[Diagnostic], options: &[FileId]) {
    for d in found.iter_mut().filter(|d| about_files(d, options)) {
        let also_written = written
            .iter()
            .any(|w| w.message == d.message && w.span == d.span);
        if !also_written {
            d.help = Some(HELP.to_string());
        }
    }
}
