//! The partial result a shard writes (`run`, `sweep` or `sensitivity` with `--shard I/N`): the
//! shard's tallies, what identifies the work it belongs to, and the texts of the scenario's
//! files, so that `merge` needs nothing but the parts, in any folder, on any machine.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::MergeError;
use crate::analysis::sensitivity::SensitivityPart;
use crate::analysis::sweep::SweepPart;
use crate::engine::{BRINK_VERSION, RunResult, STREAM_VERSION, Shard};
use crate::format::bounded::{ReadError, describe_limit, read_all, read_path};
use crate::format::files::{MAX_FILE_BYTES, STDIN_PATH, io_words, shown_name};
use crate::model::{self, Model};

/// The version of the partial result's layout. Version 2: the command, and the scenario's
/// texts instead of its path.
pub const PARTIAL_FORMAT: u32 = 2;

/// A part holds one tally per shard: far below this.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// The command a part is a shard of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Command {
    Run,
    Sweep,
    Sensitivity,
}

impl Command {
    pub fn name(self) -> &'static str {
        match self {
            Command::Run => "run",
            Command::Sweep => "sweep",
            Command::Sensitivity => "sensitivity",
        }
    }
}

/// One file of the scenario (the file named, or a base it `extends`), as it was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartFile {
    /// The path as the loader named it (relative paths from where the shard ran).
    pub path: String,
    pub text: String,
}

/// The scenario of a part: as reports name it, its digest, and its files' texts (bases first,
/// the file named last), which give back the digest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartScenario {
    pub file: String,
    pub digest: String,
    pub files: Vec<PartFile>,
}

impl PartScenario {
    /// The scenario of `model` (loaded with its overrides), named `file` in reports. Its files
    /// are read again; `Err` when they no longer give the model's digest (they changed while
    /// the shard ran).
    pub fn of(model: &Model, file: String) -> Result<PartScenario, String> {
        let files: Vec<PartFile> = (model.files.iter())
            .map(|f| {
                let bytes = read_path(f, MAX_FILE_BYTES).ok()?;
                Some(PartFile {
                    path: f.display().to_string(),
                    text: String::from_utf8(bytes).ok()?,
                })
            })
            .collect::<Option<_>>()
            .ok_or_else(|| format!("cannot read `{file}` again to keep it in the part"))?;
        let scenario = PartScenario {
            file,
            digest: model.digest.clone(),
            files,
        };
        match scenario.digest_of(&model.overrides) == model.digest {
            true => Ok(scenario),
            false => Err(format!(
                "`{}` changed while the shard ran\nhelp: run the shard again",
                scenario.file
            )),
        }
    }

    /// The digest of the texts held, with `overrides`.
    pub fn digest_of(&self, overrides: &[String]) -> String {
        model::digest(self.files.iter().map(|f| f.text.as_bytes()), overrides)
    }

    /// The file named (the last one read) and every file's text by path, for the loader.
    pub fn texts(&self) -> (PathBuf, BTreeMap<PathBuf, Vec<u8>>) {
        let root = self.files.last().map_or("", |f| f.path.as_str());
        let map = (self.files.iter())
            .map(|f| (PathBuf::from(&f.path), f.text.clone().into_bytes()))
            .collect();
        (PathBuf::from(root), map)
    }
}

/// What one shard writes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Part {
    pub brink_partial: u32,
    pub brink_version: String,
    pub stream_version: u32,
    pub command: Command,
    pub scenario: PartScenario,
    pub seed: u64,
    pub trials: u64,
    /// `--set`, in order.
    pub overrides: Vec<String>,
    pub given: Option<String>,
    /// `sweep`: the `--vary` options, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vary: Vec<String>,
    /// `sensitivity`: `--outcome`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// `sensitivity`: `--top`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<usize>,
    /// `I/N`.
    pub shard: String,
    /// `run`: the shard's tally.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<RunResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sweep: Option<SweepPart>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<SensitivityPart>,
}

/// What identifies the work of a part, besides its tallies.
#[derive(Clone, Debug)]
pub struct PartOf {
    pub command: Command,
    pub scenario: PartScenario,
    pub seed: u64,
    pub trials: u64,
    pub overrides: Vec<String>,
    pub given: Option<String>,
    pub vary: Vec<String>,
    pub outcome: Option<String>,
    pub top: Option<usize>,
}

impl Part {
    /// A part of `of` for `shard`, without tallies (the command adds its own).
    pub fn new(of: PartOf, shard: Shard) -> Part {
        Part {
            brink_partial: PARTIAL_FORMAT,
            brink_version: BRINK_VERSION.into(),
            stream_version: STREAM_VERSION,
            command: of.command,
            scenario: of.scenario,
            seed: of.seed,
            trials: of.trials,
            overrides: of.overrides,
            given: of.given,
            vary: of.vary,
            outcome: of.outcome,
            top: of.top,
            shard: shard.to_string(),
            result: None,
            sweep: None,
            sensitivity: None,
        }
    }

    /// The part as JSON text, one line.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A part as read, with the name the user gave it and its shard.
#[derive(Debug)]
pub struct NamedPart {
    pub name: String,
    pub shard: Shard,
    pub part: Part,
}

/// Reads the part at `path`: a complete partial result of this brink, stream version and
/// layout, holding the tallies of its command, whose scenario texts give its digest.
pub fn read_part(path: &Path) -> Result<NamedPart, MergeError> {
    let name = shown_name(path);
    let fail = |what: String| MergeError::refused(format!("error: part `{name}`: {what}"));
    // `-` is standard input, as for a scenario (`brink merge - b.json < a.json`).
    let read = match path == Path::new(STDIN_PATH) {
        true => read_all(std::io::stdin().lock(), MAX_PART_BYTES),
        false => read_path(path, MAX_PART_BYTES),
    };
    let bytes = read.map_err(|e| match e {
        ReadError::Missing(e) | ReadError::Read(e) => {
            fail(format!("cannot read it: {}", io_words(&e)))
        }
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
    // A report, or any other JSON: no version to compare, and nothing to run again.
    if value.get("brink_partial").is_none() {
        return Err(fail(
            "not a partial result of brink (no `brink_partial` in it)\nhelp: merge the files \
             that `brink run`, `brink sweep` or `brink sensitivity` write with `--shard I/N \
             --output FILE`"
                .into(),
        ));
    }
    // Versions first: a part from another brink may not parse as this one's.
    let field = |k: &str| match value.get(k) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => "none".into(),
    };
    let same = |k: &str, want: serde_json::Value| value.get(k) == Some(&want);
    if !same("brink_partial", serde_json::json!(PARTIAL_FORMAT))
        || !same("brink_version", serde_json::json!(BRINK_VERSION))
        || !same("stream_version", serde_json::json!(STREAM_VERSION))
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
    let part: Part = serde_json::from_value(value).map_err(|e| not_a_part(e.to_string()))?;
    let shard = Shard::parse(&part.shard).map_err(|why| not_a_part(format!("its shard {why}")))?;
    let tallies = [
        (Command::Run, part.result.is_some()),
        (Command::Sweep, part.sweep.is_some()),
        (Command::Sensitivity, part.sensitivity.is_some()),
    ];
    if tallies.iter().any(|&(c, held)| held != (c == part.command)) {
        return Err(not_a_part(format!(
            "it does not hold the tallies of `brink {}` alone",
            part.command.name()
        )));
    }
    if part.scenario.files.is_empty()
        || part.scenario.digest_of(&part.overrides) != part.scenario.digest
    {
        return Err(not_a_part(
            "its scenario's text does not give its digest".into(),
        ));
    }
    Ok(NamedPart { name, shard, part })
}
