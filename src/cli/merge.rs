//! `brink merge PARTS...`: the partial results of `brink run --shard` put back together into the
//! report the whole run prints.
//!
//! Parts are refused, never half-used: each must be a complete partial result of this brink and
//! stream version, all of one run (digest, seed, trials, overrides, given, shard count), every
//! shard exactly once, and each tally must agree with itself and with its shard's trial count.
//! The scenario is read again from where the shards read it, and must still have their digest:
//! the report needs the scenario's names, and the digest proves they are the same.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::args::Format;
use super::load::load_scenario;
use super::page::emit_document;
use super::sim::some_kept;
use super::{CliError, color::stderr_color, graph};
use crate::engine::{BRINK_VERSION, PARTIAL_FORMAT, Partial, RunResult, STREAM_VERSION, Shard};
use crate::format::bounded::{ReadError, describe_limit, read_path};
use crate::format::files::shown_name;
use crate::model::compile_given;
use crate::report::{Report, RunDocument, RunMeta, assumptions};

/// A part holds one tally per shard: far below this.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// One part as read, with the name the user gave it.
struct Part {
    name: String,
    shard: Shard,
    partial: Partial,
}

pub fn run(parts: &[PathBuf], format: Format, output: Option<&Path>) -> Result<i32, CliError> {
    let parts: Vec<Part> = parts
        .iter()
        .map(|p| read_part(p))
        .collect::<Result<_, _>>()?;
    let first = &parts[0];
    for p in &parts[1..] {
        same_run(first, p)?;
    }
    let shards = every_shard_once(&parts)?;
    let f = &first.partial;
    let path = Path::new(&f.scenario.path);
    let loaded = load_scenario(path, &f.overrides, true).map_err(|e| {
        CliError::new(format!(
            "{}note: merge reads the scenario again from `{}`, where the shards read it",
            e.message,
            path.display()
        ))
    })?;
    let model = &loaded.model;
    if model.digest != f.scenario.digest {
        return Err(CliError::new(format!(
            "error: the scenario `{}` changed since the parts were written (digest {} in the \
             parts, {} now)\nhelp: merge with the scenario the shards ran, or run the shards again",
            path.display(),
            f.scenario.digest,
            model.digest
        )));
    }
    if let Some(g) = &f.given {
        compile_given(model, g).map_err(|d| CliError::new(d.render(stderr_color())))?;
    }
    let mut result = RunResult::new(model);
    for p in shards.values() {
        let r = &p.partial.result;
        let want = p.shard.trials(f.trials);
        let why = if r.trials != want {
            Some(format!(
                "it holds {} trials, shard {} has {want}",
                r.trials, p.shard
            ))
        } else {
            r.inconsistency(model)
        };
        if let Some(why) = why {
            return Err(CliError::new(format!(
                "error: part `{}` (shard {}) is damaged: {why}\nhelp: run that shard again",
                p.name, p.shard
            )));
        }
        result.absorb(r);
    }
    some_kept(model, f.given.as_deref(), &result)?;
    let meta = RunMeta {
        file: Some(f.scenario.file.clone()),
        seed: f.seed,
        given: f.given.clone(),
    };
    // No timing line: the shards' time was spent elsewhere.
    let report = Report::build(model, &result, &meta);
    let doc = RunDocument {
        assumptions: assumptions(model),
        chain: (format == Format::Html).then(|| graph::chain(model, &report)),
        ..RunDocument::new(report)
    };
    emit_document(&doc, format, output)?;
    Ok(0)
}

fn read_part(path: &Path) -> Result<Part, CliError> {
    let name = shown_name(path);
    let fail = |what: String| CliError::new(format!("error: part `{name}`: {what}"));
    let bytes = read_path(path, MAX_PART_BYTES).map_err(|e| match e {
        ReadError::Missing(e) | ReadError::Read(e) => fail(format!("cannot read it: {e}")),
        ReadError::Folder => fail("is a folder, not a partial result".into()),
        ReadError::TooLarge { .. } => fail(format!(
            "larger than the limit of {}: a partial result holds one tally per shard, never \
             this much\nhelp: is it the --output of `brink run --shard`?",
            describe_limit(MAX_PART_BYTES)
        )),
    })?;
    let not_a_part = |why: String| {
        fail(format!(
            "not a complete partial result ({why})\nhelp: a truncated or edited part cannot be \
             merged; run that shard again"
        ))
    };
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| not_a_part(e.to_string()))?;
    // Versions first: a part from another brink may not parse as this one's.
    let field = |k: &str| value.get(k).cloned().unwrap_or(serde_json::Value::Null);
    if field("brink_partial") != serde_json::json!(PARTIAL_FORMAT)
        || field("brink_version") != serde_json::json!(BRINK_VERSION)
        || field("stream_version") != serde_json::json!(STREAM_VERSION)
    {
        return Err(fail(format!(
            "written by brink {} (stream version {}, partial format {}); this is brink \
             {BRINK_VERSION} (stream version {STREAM_VERSION}, partial format \
             {PARTIAL_FORMAT})\nhelp: merge with the brink that ran the shards, or run every \
             shard with this one",
            field("brink_version"),
            field("stream_version"),
            field("brink_partial"),
        )));
    }
    let partial: Partial = serde_json::from_value(value).map_err(|e| not_a_part(e.to_string()))?;
    let shard =
        Shard::parse(&partial.shard).map_err(|why| not_a_part(format!("its shard {why}")))?;
    Ok(Part {
        name,
        shard,
        partial,
    })
}

/// Refuses `b` unless it belongs to the run of `a`, naming the first field that differs.
fn same_run(a: &Part, b: &Part) -> Result<(), CliError> {
    let (x, y) = (&a.partial, &b.partial);
    let show = |v: &dyn std::fmt::Debug| format!("{v:?}");
    let fields: [(&str, String, String); 6] = [
        (
            "scenario digest",
            x.scenario.digest.clone(),
            y.scenario.digest.clone(),
        ),
        ("seed", x.seed.to_string(), y.seed.to_string()),
        ("trials", x.trials.to_string(), y.trials.to_string()),
        ("overrides", show(&x.overrides), show(&y.overrides)),
        ("given", show(&x.given), show(&y.given)),
        (
            "shard count",
            a.shard.count.to_string(),
            b.shard.count.to_string(),
        ),
    ];
    match fields.into_iter().find(|(_, u, v)| u != v) {
        None => Ok(()),
        Some((field, u, v)) => Err(CliError::new(format!(
            "error: parts `{}` and `{}` are not from the same run: {field} {u} in `{}`, {v} in \
             `{}`\nhelp: merge the parts of one `brink run --shard` (same scenario, seed, \
             trials, overrides, --given and N)",
            a.name, b.name, a.name, b.name
        ))),
    }
}

/// The parts by shard index, if each of the `N` shards is there exactly once.
fn every_shard_once(parts: &[Part]) -> Result<BTreeMap<u64, &Part>, CliError> {
    let mut by_index: BTreeMap<u64, &Part> = BTreeMap::new();
    for p in parts {
        if let Some(other) = by_index.insert(p.shard.index, p) {
            return Err(CliError::new(format!(
                "error: shard {} is given twice: `{}` and `{}`\nhelp: give each part once",
                p.shard, other.name, p.name
            )));
        }
    }
    let count = parts[0].shard.count;
    let absent = (0..count).filter(|i| !by_index.contains_key(i));
    let n_missing = count - by_index.len() as u64;
    // Name the first ten: a merge of one part of a million names enough.
    let mut missing: Vec<String> = absent
        .take(10)
        .map(|index| Shard { index, count }.to_string())
        .collect();
    if n_missing > 10 {
        missing.push(format!("and {} more", n_missing - 10));
    }
    if !missing.is_empty() {
        return Err(CliError::new(format!(
            "error: shard{} {} {} missing: a merge needs all {count} parts\nhelp: run the \
             missing shard{} (`brink run FILE --shard I/{count} --output ...`) and merge again",
            if n_missing == 1 { "" } else { "s" },
            missing.join(", "),
            if n_missing == 1 { "is" } else { "are" },
            if n_missing == 1 { "" } else { "s" },
        )));
    }
    Ok(by_index)
}
