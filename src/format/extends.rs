//! Loading a scenario file and the bases it `extends` (docs/language.md).
//!
//! Each file is read, parsed, split into sections; its base is loaded first (recursively,
//! refusing cycles); then this file's sections merge over the base ([`super::merge`]) and its
//! own `[set]` applies. Values keep their own file's spans throughout.
//!
//! Decisions where docs/language.md is silent: a file without `extends` may not have `remove`; a base
//! that fails to load stops the chain (its errors are reported, the child is not checked against
//! a half-loaded base).

use std::path::Path;

use super::diagnostic::Diagnostic;
use super::document::{self, Node, Table, Value};
use super::files::{LoadState, Origin, read_file};
use super::merge::merge;
use super::overrides;
use super::scenario_doc::{FileDoc, ScenarioDoc, split_file};
use super::source::{FileId, Span};

/// Loads the file `id` (already in the source map) found at `path`, with its bases.
/// `None` when its errors make the document unusable.
pub fn load_document(state: &mut LoadState, path: &Path, id: FileId) -> Option<ScenarioDoc> {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    state
        .stack
        .push((canonical, state.sources.name(id).to_string()));
    let doc = load_inner(state, path, id);
    state.stack.pop();
    doc
}

fn load_inner(state: &mut LoadState, path: &Path, id: FileId) -> Option<ScenarioDoc> {
    let text = state.sources.text(id).to_string();
    if text.trim().is_empty() {
        state.diags.push(
            Diagnostic::error(
                Span::new(id, 0..0),
                "missing `[scenario]`: the file is empty",
            )
            .label("expected a scenario")
            .help("a scenario needs at least a `[scenario]` section with `name` and `horizon`"),
        );
        return None;
    }
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        let lc = state.sources.line_col(id, at);
        state.diags.push(
            Diagnostic::bare_error(format!(
                "`{}` is not a text scenario: it holds the control character U+{:04X} at line {}, column {} (byte {at})",
                state.sources.name(id),
                c as u32,
                lc.line,
                lc.column
            ))
            .help("a scenario is a UTF-8 TOML text file; is this the right file?"),
        );
        return None;
    }
    let table = match document::parse_document(id, &text, &mut state.diags) {
        Ok(t) => t,
        Err(syntax) => {
            state.diags.extend(syntax);
            return None;
        }
    };
    match declared_format(&table) {
        Err(d) => {
            state.diags.push(*d);
            return None;
        }
        Ok(Some(1)) => state.format1.push(id),
        Ok(_) => {}
    }
    let FileDoc {
        body,
        extends,
        remove,
        set,
    } = split_file(id, &text, table, &mut state.diags);
    let mut doc = match extends {
        None => {
            if let Some(r) = &remove {
                state.diags.push(
                    Diagnostic::error(r.span.clone(), "`remove` without `extends`")
                        .label("nothing is inherited here")
                        .help(format!(
                            "`remove` drops entries inherited from a base; add `extends = \"{}\"` \
                             or delete it",
                            base_candidate(path)
                        )),
                );
                // A variant whose `extends` line is gone (no horizon of its own): every name it
                // uses would be unknown, and the scenario without horizon or catch-all.
                let horizon = body.scenario.as_ref().and_then(Node::as_table);
                if horizon.is_none_or(|t| t.get("horizon").is_none()) {
                    return None;
                }
            } else if body.events.is_empty()
                && body.outcomes.is_empty()
                && body.actors.is_empty()
                && (!set.is_empty() || !body.expects.is_empty())
            {
                // Changes and pins of a variant whose `extends` line is gone: every name they
                // use would be unknown, and the scenario without horizon or outcomes.
                state.diags.push(
                    Diagnostic::error(
                        Span::new(id, 0..0),
                        "this file has no events or outcomes of its own, and no `extends`",
                    )
                    .label("a variant names the scenario it changes at the top")
                    .help(format!(
                        "name the file it builds on above `[scenario]`: `extends = \"{}\"`",
                        base_candidate(path)
                    )),
                );
                return None;
            }
            body
        }
        Some(ext) => {
            let base = load_base(state, path, &ext)?;
            merge(state, base, body, remove.as_ref())
        }
    };
    state.files.push((path.to_path_buf(), id));
    for (p, span, value) in set {
        overrides::apply_node(&mut doc, &p, &span, value, &mut state.diags);
    }
    Some(doc)
}

/// The integer `format` a file declares, if any. `format = N` with N > 2 is one clear message
/// instead of a list of unknown keys. Each file's own declaration governs what that file may
/// write, so a format-2 child may extend a format-1 base.
fn declared_format(table: &Table) -> Result<Option<i64>, Box<Diagnostic>> {
    let Some(format) = table
        .get("scenario")
        .and_then(Node::as_table)
        .and_then(|t| t.get("format"))
    else {
        return Ok(None);
    };
    match format.value {
        Value::Integer(n) if n > 2 => Err(Box::new(
            Diagnostic::error(
                format.span.clone(),
                format!("this scenario was written for a newer brink (format {n})"),
            )
            .label("this brink reads formats 1 and 2")
            .help("install a newer brink, or rewrite the file for format 2"),
        )),
        Value::Integer(n) => Ok(Some(n)),
        _ => Ok(None),
    }
}

fn load_base(state: &mut LoadState, path: &Path, ext: &Node) -> Option<ScenarioDoc> {
    let Some(rel) = ext.as_str() else {
        if !ext.is_invalid() {
            state.diags.push(
                Diagnostic::error(
                    ext.span.clone(),
                    format!(
                        "`extends` must be a string, found {}",
                        ext.value.type_name()
                    ),
                )
                .label("expected a path")
                .help("write `extends = \"baseline.toml\"` (relative to this file)"),
            );
        }
        return None;
    };
    let base_path = path.parent().unwrap_or(Path::new("")).join(rel);
    let canonical = std::fs::canonicalize(&base_path).unwrap_or_else(|_| base_path.clone());
    if let Some(pos) = state.stack.iter().position(|(p, _)| *p == canonical) {
        let mut chain: Vec<String> = state.stack[pos..].iter().map(|(_, n)| n.clone()).collect();
        chain.push(state.stack[pos].1.clone());
        state.diags.push(
            Diagnostic::error(
                ext.span.clone(),
                format!("`extends` cycle: {}", chain.join(" -> ")),
            )
            .label("this closes the cycle")
            .help("a scenario cannot be its own base; remove one of these `extends`"),
        );
        return None;
    }
    let origin = Origin {
        span: Some(ext.span.clone()),
    };
    let id = read_file(state, &base_path, &origin)?;
    load_document(state, &base_path, id)
}

/// The file a variant at `path` most likely builds on: `baseline.toml` beside it, else the only
/// other scenario there with outcomes and no base of its own.
pub fn base_candidate(path: &Path) -> String {
    let folder = path.parent().unwrap_or(Path::new(""));
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    if folder.join("baseline.toml").is_file() {
        return "baseline.toml".into();
    }
    let names: Vec<_> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.file_name() != path.file_name())
        .filter(|p| p.metadata().is_ok_and(|m| m.len() < 1 << 20))
        .collect();
    // A whole scenario of its own (outcomes, no base): when only one is there, it is the one.
    let whole: Vec<_> = names
        .iter()
        .filter(|p| {
            std::fs::read_to_string(p)
                .is_ok_and(|t| t.contains("[[outcomes]]") && !t.contains("extends"))
        })
        .collect();
    match whole[..] {
        [one] => one.file_name().and_then(|n| n.to_str()).map(String::from),
        _ => None,
    }
    .unwrap_or_else(|| "base.toml".into())
}
