//! Checking a scenario document and compiling it into a [`Model`].
//!
//! [`load`] is the one entry point: read the file and its bases (`crate::format`), apply
//! overrides, check everything, build the model, then look for the warnings of docs/language.md
//! section 8. Errors and warnings come back as located [`Diagnostics`].

mod branch_header;
mod branch_keys;
mod clamped_adds;
mod compile;
mod constant_conditions;
mod constant_parts;
mod decls;
mod dist;
mod distributions;
mod effects;
mod events;
mod expects;
mod exprs;
mod given;
mod header;
mod idless_event;
mod implication;
mod input;
pub mod json_schema;
mod keys;
mod limits;
mod missing_base;
mod moved_line;
mod names;
mod never;
mod numbers;
mod other_entry;
mod outcomes;
mod overridden;
mod params;
mod range_warnings;
mod reach;
mod read;
mod scenario_given;
mod shadows;
mod spans;
mod types;
mod unknown_names;
mod unread;
mod variant_brought;
mod warnings;

use std::path::Path;
use std::sync::Arc;

use crate::format::extends;
use crate::format::files::{self, LoadState, Origin};
use crate::format::overrides;
use crate::format::{Diagnostic, Diagnostics};

pub use distributions::{Dist, Invalid, KINDS, Kind, Piece, ln_beta};
pub use given::{compile_given, compile_run_given};
pub use header::calendar;
pub use input::Input;
pub use limits::{MAX_EVENTS, MAX_HORIZON, MAX_TRIALS};
pub use names::is_identifier;
pub use never::{NeverChosen, keeps_none, never_holds, outcome_never_chosen};
pub use params::{Param, ParamValue, eval_over_params, fixed_values};
pub use read::fmt_num;
pub use scenario_given::{FileGiven, combined_given};
pub use types::*;
pub use warnings::{CappedProduct, capped_products};

/// A checked scenario and its warnings (which do not stop it from running).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub model: Model,
    pub warnings: Diagnostics,
}

/// Whether a load's warnings are read: only then are they sorted out (a warning that `--set`
/// or a variant brings is told so), which compiles the file as written or loads its base alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Warnings {
    Shown,
    Unread,
}

/// Loads the scenario at `path` with its bases, applies `overrides` (`PATH=VALUE`, as from
/// `--set`), and checks it. Any error refuses the scenario: all of them come back together.
pub fn load(path: &Path, overrides: &[String]) -> Result<Loaded, Diagnostics> {
    Input::File(path).load(overrides)
}

/// Like [`load`], with `vary` (`PATH=VALUE`, a sweep's values) applied after `set`: errors in
/// them point at `--vary`, the option the user wrote them in.
pub fn load_varied(path: &Path, set: &[String], vary: &[String]) -> Result<Loaded, Diagnostics> {
    let all = [set, vary].concat();
    load_from(path, None, None, &all, set.len(), Warnings::Shown)
}

/// Like [`load`], reading the texts of `files` (by path as named, bases included) instead of
/// the disk: the scenario as it was when they were read, wherever this runs.
pub fn load_preloaded(
    path: &Path,
    files: std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>,
    overrides: &[String],
) -> Result<Loaded, Diagnostics> {
    load_from(
        path,
        None,
        Some(files),
        overrides,
        overrides.len(),
        Warnings::Shown,
    )
}

/// Like [`load`], for a text in memory named `name`. An `extends` is resolved relative to the
/// folder of `name` (the current directory when `name` has none).
pub fn load_str(name: &str, text: &str, overrides: &[String]) -> Result<Loaded, Diagnostics> {
    Input::Text { name, text }.load(overrides)
}

/// Reads `path` (or `text` under its name; bases from `preloaded` when given) and runs the
/// pipeline; `overrides[vary_from..]` came from `--vary`.
fn load_from(
    path: &Path,
    text: Option<&str>,
    preloaded: Option<std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>>,
    overrides: &[String],
    vary_from: usize,
    told: Warnings,
) -> Result<Loaded, Diagnostics> {
    let mut state = LoadState::new();
    state.preloaded = preloaded;
    let id = match text {
        Some(text) => files::add_text(
            &mut state,
            &path.to_string_lossy(),
            text.as_bytes().to_vec(),
        ),
        None => files::read_file(&mut state, path, &Origin { span: None }),
    };
    let Some(id) = id else {
        return Err(finish(state.sources, state.diags));
    };
    pipeline(state, path, id, overrides, vary_from, told)
}

pub use crate::format::diagnostic::MAX_SHOWN_ERRORS;

/// Packs diagnostics with their texts, in the order of the files' positions (a stable sort:
/// diagnostics at one position keep the order they were found in).
fn finish(sources: crate::format::SourceMap, mut items: Vec<Diagnostic>) -> Diagnostics {
    items.sort_by_key(|d| {
        d.span
            .as_ref()
            .map_or((0, 0), |s| (s.file.0 + 1, s.range.start))
    });
    let errors = items.iter().filter(|d| d.is_error()).count();
    let not_shown = errors.saturating_sub(MAX_SHOWN_ERRORS);
    if not_shown > 0 {
        items.retain(Diagnostic::is_error);
        items.truncate(MAX_SHOWN_ERRORS);
        if let Some(last) = items.last_mut() {
            last.notes.push(format!(
                "{not_shown} more errors not shown: fix these first"
            ));
        }
    }
    Diagnostics {
        not_shown,
        ..Diagnostics::new(Arc::new(sources), items)
    }
}

/// Whether an `[[expect]]` entry has a `set` of its own to check.
fn expect_sets(e: &crate::format::document::Node) -> bool {
    e.as_table().is_some_and(|t| t.get("set").is_some())
}

/// Reads, overrides and compiles; `overrides[vary_from..]` came from `--vary`. A file refused
/// with several errors is tried with the `extends` it may have lost (`missing_base`), then
/// searched for a header or bracket line out of place (`moved_line`).
fn pipeline(
    state: LoadState,
    path: &Path,
    id: crate::format::FileId,
    overrides: &[String],
    vary_from: usize,
    told: Warnings,
) -> Result<Loaded, Diagnostics> {
    let preloaded = state.preloaded.clone();
    let name = state.sources.name(id).to_string();
    let diags = match pipeline_once(state, path, id, overrides, vary_from, told) {
        Ok(loaded) => return Ok(loaded),
        Err(diags) => diags,
    };
    let errors = |text: &str| {
        let mut state = LoadState::new();
        state.preloaded = preloaded.clone();
        let id = files::add_text(&mut state, &name, text.as_bytes().to_vec())?;
        let checked = pipeline_once(state, path, id, overrides, vary_from, Warnings::Unread);
        Some(checked.map_or_else(|d| moved_line::error_keys(&d), |_| Vec::new()))
    };
    let diags = missing_base::explain(diags, id, path, &errors);
    Err(moved_line::explain(diags, id, &errors))
}

/// One reading, overriding and compiling, as [`pipeline`] without the search.
fn pipeline_once(
    mut state: LoadState,
    path: &Path,
    id: crate::format::FileId,
    overrides: &[String],
    vary_from: usize,
    told: Warnings,
) -> Result<Loaded, Diagnostics> {
    let doc = extends::load_document(&mut state, path, id);
    let Some(mut doc) = doc else {
        return Err(finish(state.sources, state.diags));
    };
    // The file as written, before `--set` and `--vary`: `[[expect]]` blocks are run by `brink
    // test`, which takes no overrides, so they are checked against it (`--set` never refuses a
    // run for a test's sake); and what it reads tells a warning caused by an override apart.
    // Compiled when needed: for `[[expect]]` sets, or to sort out the warnings (below).
    let mut written = (!overrides.is_empty()).then(|| (doc.clone(), None));
    let (set, vary) = overrides.split_at(vary_from);
    let mut options = Vec::new();
    for (option, group) in [("--set", set), ("--vary", vary)] {
        if !group.is_empty() {
            let file = state.sources.add(option, overrides::overrides_text(group));
            options.push(file);
            overrides::apply_command_line(&mut doc, file, group, &mut state.diags);
        }
    }
    let meta = compile::Meta {
        files: state.files.iter().map(|(p, _)| p.clone()).collect(),
        digest: digest(
            state
                .files
                .iter()
                .map(|(_, id)| state.sources.text(*id).as_bytes()),
            overrides,
        ),
        overrides: overrides.to_vec(),
        format1: state.format1.clone(),
    };
    let (compiled, diags) = compile::compile(&doc, &state.sources, meta);
    let mut items = state.diags;
    items.extend(diags);
    items.extend(match &mut written {
        Some((w, c)) if w.expects.iter().any(expect_sets) => {
            let (own_model, own) = compile::compile(w, &state.sources, compile::Meta::default());
            let checked = given::check_expect_sets(w, &state.sources, &own);
            *c = Some(own_model);
            checked
        }
        _ => given::check_expect_sets(&doc, &state.sources, &items),
    });
    let compiled = match compiled {
        Some(c) if !items.iter().any(Diagnostic::is_error) => c,
        _ => {
            if !items.iter().any(Diagnostic::is_error) {
                // Unreachable by design: every refusal is reported where it is found.
                items.push(Diagnostic::bare_error("the scenario could not be read"));
            }
            // After every phase's errors are in: a `[set]` path and a condition may use one
            // unknown id.
            crate::format::removed_uses::explain_removed(&mut items, &state.removed, &doc);
            crate::format::replaced_catch_all::explain_replaced(&mut items, &state.replaced);
            unknown_names::fold(&mut items, &state.sources);
            return Err(finish(state.sources, items));
        }
    };
    let mut found = warnings::check(&compiled);
    if let Some((w, c)) = written
        && told == Warnings::Shown
        && overridden::worth_a_look(&found, &options)
    {
        let as_written =
            c.unwrap_or_else(|| compile::compile(&w, &state.sources, compile::Meta::default()).0);
        if let Some(as_written) = as_written {
            overridden::mark(&mut found, &warnings::check(&as_written), &options);
        }
    }
    // A variant's warnings about its base that the base alone does not get (`[set]` took the
    // only reader of a base's parameter) are told as brought by the variant.
    if let [.., (base, _), _] = &state.files[..]
        && told == Warnings::Shown
        && variant_brought::worth_a_look(&found, id, &options)
    {
        let preloaded = state.preloaded.take();
        variant_brought::mark(&mut found, &state.sources, id, &options, base, preloaded);
    }
    items.extend(found);
    let model = compiled.model;
    Ok(Loaded {
        model,
        warnings: finish(state.sources, items),
    })
}

/// SHA-256 (hex) over the bytes of the files in load order (bases first), then each override
/// followed by a newline (so `["a=1", "b=2"]` and `["a=1b=2"]` differ).
/// Sweeps recompute it from the bytes they hold, to know whether those are the model's files.
pub fn digest<'a>(files: impl IntoIterator<Item = &'a [u8]>, overrides: &[String]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for f in files {
        h.update(f);
    }
    for o in overrides {
        h.update(o.as_bytes());
        h.update(b"\n");
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
