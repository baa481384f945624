//! Loading a scenario file and the bases it `extends`, and merging them (format.md section 6).
//!
//! Each file is read (with the size limit), parsed, split into sections; its base is loaded
//! first (recursively, refusing cycles); then this file's sections merge over the base and its
//! own `[set]` applies. Values keep their own file's spans throughout.

use std::path::{Path, PathBuf};

use super::diagnostic::Diagnostic;
use super::document::{self, Entry, Node, Table, Value};
use super::overrides;
use super::scenario_doc::{DeclKind, FileDoc, ScenarioDoc, id_of, split_file};
use super::source::{FileId, SourceMap, Span};
use super::suggest::did_you_mean;

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// What loading files produced so far.
#[derive(Default)]
pub struct LoadState {
    pub sources: SourceMap,
    pub diags: Vec<Diagnostic>,
    /// The files read, bases first, with their text's id (the digest covers them in this order).
    pub files: Vec<(PathBuf, FileId)>,
    /// Canonical paths of the files being loaded, innermost last: a repeat is a cycle.
    stack: Vec<(PathBuf, String)>,
}

impl LoadState {
    pub fn new() -> LoadState {
        LoadState::default()
    }
}

/// Where a file name came from: the command line, or an `extends` value in another file.
#[derive(Clone)]
pub struct Origin {
    pub span: Option<Span>,
}

/// Reads a file from disk, refusing it if too large or not UTF-8. The text is added to the
/// source map. `None` when it cannot be used (the error is in `state.diags`).
pub fn read_file(state: &mut LoadState, path: &Path, origin: &Origin) -> Option<FileId> {
    let shown = path.display().to_string();
    let fail = |state: &mut LoadState, message: String, help: Option<String>| {
        let d = match &origin.span {
            Some(span) => Diagnostic::error(span.clone(), message).label("named here"),
            None => Diagnostic::bare_error(message),
        };
        state.diags.push(d.maybe_help(help));
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            fail(
                state,
                format!("`{shown}` is a folder, not a scenario file"),
                None,
            );
            return None;
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            fail(
                state,
                format!(
                    "`{shown}` is too large: {} bytes, the limit is 10 MB ({MAX_FILE_BYTES} bytes)",
                    meta.len()
                ),
                Some("a scenario this large is almost certainly not a scenario file".into()),
            );
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            fail(
                state,
                format!("cannot read `{shown}`: {}", io_words(&e)),
                Some(
                    "check the path; `extends` paths are relative to the file that names them"
                        .into(),
                ),
            );
            return None;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            fail(
                state,
                format!("cannot read `{shown}`: {}", io_words(&e)),
                None,
            );
            return None;
        }
    };
    add_text(state, &shown, bytes)
}

/// Adds a text given as bytes (from disk or a test), checking size and UTF-8.
pub fn add_text(state: &mut LoadState, name: &str, bytes: Vec<u8>) -> Option<FileId> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        state.diags.push(
            Diagnostic::bare_error(format!(
                "`{name}` is too large: {} bytes, the limit is 10 MB ({MAX_FILE_BYTES} bytes)",
                bytes.len()
            ))
            .help("a scenario this large is almost certainly not a scenario file"),
        );
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(state.sources.add(name, text)),
        Err(e) => {
            // Keep the valid prefix so the error can show the line; offsets before the bad byte
            // are unchanged by the lossy conversion.
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let id = state.sources.add(name, text);
            state.diags.push(
                Diagnostic::error(
                    Span::new(id, at..at),
                    format!("`{name}` is not valid UTF-8: invalid byte at offset {at}"),
                )
                .label("invalid UTF-8 starts here")
                .help("save the file as UTF-8 text"),
            );
            None
        }
    }
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

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
            Diagnostic::error(Span::new(id, 0..0), "the file is empty")
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
    if let Some(d) = newer_format(&table) {
        state.diags.push(d);
        return None;
    }
    let FileDoc {
        body,
        extends,
        remove,
        set,
    } = split_file(id, table, &mut state.diags);
    let mut doc = match extends {
        None => {
            if let Some(r) = &remove {
                state.diags.push(
                    Diagnostic::error(r.span.clone(), "`remove` without `extends`")
                        .label("nothing is inherited here")
                        .help("`remove` drops entries inherited from a base; add `extends = \"base.toml\"` or delete it"),
                );
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

/// `format = N` with N > 1: one clear message instead of a list of unknown keys.
fn newer_format(table: &Table) -> Option<Diagnostic> {
    let format = table.get("scenario")?.as_table()?.get("format")?;
    match format.value {
        Value::Integer(n) if n > 1 => Some(
            Diagnostic::error(
                format.span.clone(),
                format!("this scenario was written for a newer brink (format {n})"),
            )
            .label("this brink reads format 1")
            .help("install a newer brink, or rewrite the file for format 1"),
        ),
        _ => None,
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

/// Merges a file's own sections over its base (format.md section 6).
fn merge(
    state: &mut LoadState,
    mut base: ScenarioDoc,
    child: ScenarioDoc,
    remove: Option<&Node>,
) -> ScenarioDoc {
    if let Some(r) = remove {
        apply_remove(state, &mut base, r);
    }
    // An id that is one kind in the base and another here.
    let base_decls = base.decls();
    let mut clashes = Vec::new();
    for d in child.decls() {
        if let Some(b) = base_decls.iter().find(|b| b.id == d.id && b.kind != d.kind) {
            let base_file = state.sources.name(b.span.file).to_string();
            let here = state.sources.name(d.span.file).to_string();
            state.diags.push(
                Diagnostic::error(
                    d.span.clone(),
                    format!(
                        "`{}` is {} in {base_file} but {} in {here}",
                        d.id,
                        b.kind.noun(),
                        d.kind.noun()
                    ),
                )
                .label(format!("declared as {} here", d.kind.noun()))
                .secondary(
                    b.span.clone(),
                    format!("declared as {} in the base", b.kind.noun()),
                )
                .help(format!(
                    "ids share one namespace; rename one, or `remove = [\"{}.{}\"]` first",
                    b.kind.section(),
                    b.id
                )),
            );
            clashes.push(d.id);
        }
    }
    let clash = |id: &str| clashes.iter().any(|c| c == id);

    base.root = child.root;
    // [scenario] and [scenario.run], key by key.
    match (&mut base.scenario, child.scenario) {
        (Some(b), Some(c)) => {
            if let (Some(bt), Value::Table(ct)) = (b.as_table_mut(), c.value) {
                merge_keys(bt, ct, true);
            }
            b.span = c.span;
        }
        (None, Some(c)) => base.scenario = Some(c),
        (_, None) => {}
    }
    for e in child.flags.entries {
        if !clash(&e.key) {
            base.flags.insert(e);
        }
    }
    for e in child.variables.entries {
        if clash(&e.key) {
            continue;
        }
        let scalar = e.value.as_table().is_none();
        match base.variables.get_mut(&e.key) {
            // The scalar form changes only the initial value and keeps the base's bounds.
            Some(existing) if scalar && existing.as_table().is_some() => {
                if let Some(t) = existing.as_table_mut() {
                    t.insert(Entry {
                        key: "initial".into(),
                        key_span: e.key_span,
                        value: e.value,
                    });
                }
            }
            _ => base.variables.insert(e),
        }
    }
    for (list, items) in [
        (&mut base.actors, child.actors),
        (&mut base.events, child.events),
    ] {
        for item in items {
            match id_of(&item) {
                Some(id) if clash(id) => {}
                Some(id) => match list.iter().position(|n| id_of(n) == Some(id)) {
                    Some(i) => list[i] = item,
                    None => list.push(item),
                },
                None => list.push(item),
            }
        }
    }
    for item in child.outcomes {
        let id = id_of(&item).map(str::to_string);
        if id.as_deref().is_some_and(clash) {
            continue;
        }
        if let Some(i) = id
            .as_deref()
            .and_then(|id| base.outcomes.iter().position(|n| id_of(n) == Some(id)))
        {
            base.outcomes[i] = item;
            continue;
        }
        let catch_all = |n: &Node| n.as_table().is_some_and(|t| t.get("when").is_none());
        let base_catch_all = base.outcomes.iter().rposition(catch_all);
        if catch_all(&item) {
            // A catch-all here replaces the base's.
            if let Some(i) = base_catch_all {
                base.outcomes.remove(i);
            }
            base.outcomes.push(item);
        } else {
            match base_catch_all {
                // New outcomes go before the catch-all.
                Some(i) if i + 1 == base.outcomes.len() => base.outcomes.insert(i, item),
                _ => base.outcomes.push(item),
            }
        }
    }
    // Expectations are not inherited.
    base.expects = child.expects;
    base
}

/// Key-by-key merge; `nested` merges sub-tables (only `[scenario.run]`) the same way.
fn merge_keys(base: &mut Table, child: Table, nested: bool) {
    for e in child.entries {
        match (base.get_mut(&e.key), &e.value.value) {
            (Some(b), Value::Table(_)) if nested && b.as_table().is_some() => {
                if let (Some(bt), Value::Table(ct)) = (b.as_table_mut(), e.value.value) {
                    merge_keys(bt, ct, false);
                }
            }
            _ => base.insert(e),
        }
    }
}

fn apply_remove(state: &mut LoadState, base: &mut ScenarioDoc, remove: &Node) {
    let Some(items) = remove.as_array() else {
        if !remove.is_invalid() {
            state.diags.push(
                Diagnostic::error(
                    remove.span.clone(),
                    format!(
                        "`remove` must be an array of strings, found {}",
                        remove.value.type_name()
                    ),
                )
                .label("expected a list")
                .help("write `remove = [\"events.x\", \"outcomes.y\"]`"),
            );
        }
        return;
    };
    for item in items {
        let Some(path) = item.as_str() else {
            if !item.is_invalid() {
                state.diags.push(
                    Diagnostic::error(
                        item.span.clone(),
                        format!(
                            "`remove` entries must be strings, found {}",
                            item.value.type_name()
                        ),
                    )
                    .label("expected \"events.x\"")
                    .help("write `remove = [\"events.x\", \"outcomes.y\"]`"),
                );
            }
            continue;
        };
        let existing: Vec<String> = base
            .decls()
            .iter()
            .map(|d| format!("{}.{}", d.kind.section(), d.id))
            .collect();
        let removed = match path.split_once('.') {
            Some(("flags", id)) => base.flags.remove(id).is_some(),
            Some(("variables", id)) => base.variables.remove(id).is_some(),
            Some((section, id)) => {
                let kind = match section {
                    "actors" => Some(DeclKind::Actor),
                    "events" => Some(DeclKind::Event),
                    "outcomes" => Some(DeclKind::Outcome),
                    _ => None,
                };
                match kind.and_then(|k| base.list_mut(k)) {
                    Some(list) => {
                        let before = list.len();
                        list.retain(|n| id_of(n) != Some(id));
                        list.len() != before
                    }
                    None => false,
                }
            }
            None => false,
        };
        if !removed {
            let help = did_you_mean(path, existing.iter().map(String::as_str)).unwrap_or_else(|| {
                "entries are named `actors.ID`, `flags.ID`, `variables.ID`, `events.ID` or `outcomes.ID`".into()
            });
            state.diags.push(
                Diagnostic::error(
                    item.span.clone(),
                    format!("cannot remove `{path}`: the base has no such entry"),
                )
                .label("not inherited")
                .help(help),
            );
        }
    }
}
