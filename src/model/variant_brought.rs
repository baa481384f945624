//! Warnings that only a variant's changes bring to its base. A variant that sets
//! `"events.ceasefire.probability" = 0.4` leaves the base's `ceasefire_rate` unread, and the
//! warning stands in the base ("parameter `ceasefire_rate` is never read ... remove it"): a
//! student would edit `baseline.toml`, which has nothing wrong and which the other variants
//! share. A warning about a base that the base alone does not get says where it comes from
//! instead, as `overridden.rs` does for the command line's values.

use std::path::{Path, PathBuf};

use crate::format::files::{self, LoadState, Origin};
use crate::format::{Diagnostic, FileId, SourceMap};

/// Whether any of `found` is a warning about a file other than the one loaded (`main`) and
/// the command line's (`options`): else there is no base to compare with.
pub(super) fn worth_a_look(found: &[Diagnostic], main: FileId, options: &[FileId]) -> bool {
    found.iter().any(|d| about_base(d, main, options))
}

fn about_base(d: &Diagnostic, main: FileId, options: &[FileId]) -> bool {
    !d.is_error() && (d.span.as_ref()).is_some_and(|s| s.file != main && !options.contains(&s.file))
}

/// Gives the warnings of `found` about the bases that the nearest base (`base`, loaded alone,
/// from `preloaded` texts when given) does not get a help saying so. Nothing changes when the
/// base alone cannot be loaded.
pub(super) fn mark(
    found: &mut [Diagnostic],
    sources: &SourceMap,
    main: FileId,
    options: &[FileId],
    base: &Path,
    preloaded: Option<std::collections::BTreeMap<PathBuf, Vec<u8>>>,
) {
    let mut state = LoadState::new();
    state.preloaded = preloaded;
    let Some(id) = files::read_file(&mut state, base, &Origin { span: None }) else {
        return;
    };
    let Ok(alone) = super::pipeline_once(state, base, id, &[], 0, super::Warnings::Unread) else {
        return;
    };
    let warnings = &alone.warnings;
    for d in found.iter_mut().filter(|d| about_base(d, main, options)) {
        let Some(span) = &d.span else {
            continue;
        };
        let name = sources.name(span.file);
        let also_alone = warnings.items.iter().any(|w| {
            w.message == d.message
                && w.span
                    .as_ref()
                    .is_some_and(|s| s.range == span.range && warnings.sources.name(s.file) == name)
        });
        if !also_alone && d.help.as_deref() != Some(super::overridden::HELP) {
            d.help = Some(format!(
                "nothing to change in `{name}` if that is what you meant: this file's changes \
                 bring this warning (`{name}` alone does not get it)"
            ));
        }
    }
}
