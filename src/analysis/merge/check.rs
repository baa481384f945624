//! That parts belong together: all of one command's work (same scenario, seed, trials,
//! overrides, given and shard count, and a sweep's `--vary` or a sensitivity analysis's
//! `--outcome` and `--top`), and every shard exactly once.

use std::collections::BTreeMap;

use super::MergeError;
use super::part::{Command, NamedPart};
use crate::engine::Shard;

/// What must be the same in every part of one command's work, as the help line lists it.
fn same_what(c: Command) -> &'static str {
    match c {
        Command::Run => "same scenario, --seed, --trials, --set, --given and N",
        Command::Sweep => "same scenario, --vary, --seed, --trials, --set, --given and N",
        Command::Sensitivity => "same scenario, --outcome, --top, --seed, --trials, --set and N",
    }
}

/// Refuses `b` unless it belongs to the work of `a`, naming the first field that differs.
pub fn same_run(a: &NamedPart, b: &NamedPart) -> Result<(), MergeError> {
    let (x, y) = (&a.part, &b.part);
    if x.command != y.command {
        return Err(MergeError::refused(format!(
            "error: parts `{}` and `{}` are not from the same run: `{}` is a part of `brink \
             {}`, `{}` of `brink {}`\nhelp: merge the parts of one command, all written with \
             --shard",
            a.name,
            b.name,
            a.name,
            x.command.name(),
            b.name,
            y.command.name()
        )));
    }
    // Each side as the option that gave it, or its absence ("no --given"), in the order they
    // are compared.
    let top = |t: Option<usize>| options("--top", &Vec::from_iter(t.map(|t| t.to_string())));
    let fields: [(String, String); 8] = [
        (options("--vary", &x.vary), options("--vary", &y.vary)),
        (
            options("--outcome", x.outcome.as_slice()),
            options("--outcome", y.outcome.as_slice()),
        ),
        (top(x.top), top(y.top)),
        (format!("--seed {}", x.seed), format!("--seed {}", y.seed)),
        (
            format!("--trials {}", x.trials),
            format!("--trials {}", y.trials),
        ),
        (
            options("--set", &x.overrides),
            options("--set", &y.overrides),
        ),
        (
            options("--given", x.given.as_slice()),
            options("--given", y.given.as_slice()),
        ),
        (
            format!("--shard I/{}", a.shard.count),
            format!("--shard I/{}", b.shard.count),
        ),
    ];
    let why = match fields.into_iter().find(|(u, v)| u != v) {
        Some((u, v)) => format!("{u} in `{}`, {v} in `{}`", a.name, b.name),
        // Last: `--set` changes the digest too, and is the better thing to name. The same
        // command on other scenario files: the words first, the digest as evidence.
        None if x.scenario.digest != y.scenario.digest => format!(
            "they ran other scenario texts (a scenario of digest {} in `{}`, another in `{}`): \
             was a file edited between shards?",
            x.scenario.digest, a.name, b.name
        ),
        None => return Ok(()),
    };
    Err(MergeError::refused(format!(
        "error: parts `{}` and `{}` are not from the same run: {why}\nhelp: merge the parts of \
         one `brink {} --shard` ({})",
        a.name,
        b.name,
        x.command.name(),
        same_what(x.command)
    )))
}

/// `values` as the options that give them, written as on a command line (`--set a=1 --set
/// b=2`, a value with a space in quotes), or `no OPTION` when there is none.
fn options(option: &str, values: &[String]) -> String {
    if values.is_empty() {
        return format!("no {option}");
    }
    let one = |v: &String| match v.contains(char::is_whitespace) {
        true => format!("{option} \"{v}\""),
        false => format!("{option} {v}"),
    };
    values.iter().map(one).collect::<Vec<_>>().join(" ")
}

/// The parts by shard index, if each of the `N` shards is there exactly once.
pub fn every_shard_once(parts: &[NamedPart]) -> Result<BTreeMap<u64, &NamedPart>, MergeError> {
    let mut by_index: BTreeMap<u64, &NamedPart> = BTreeMap::new();
    for p in parts {
        if let Some(other) = by_index.insert(p.shard.index, p) {
            return Err(MergeError::refused(format!(
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
        let one = n_missing == 1;
        return Err(MergeError::refused(format!(
            "error: shard{} {} {} missing: a merge needs all {count} parts\nhelp: run the \
             missing shard{} (`brink {} FILE --shard I/{count} --output ...`) and merge again",
            if one { "" } else { "s" },
            missing.join(", "),
            if one { "is" } else { "are" },
            if one { "" } else { "s" },
            parts[0].part.command.name(),
        )));
    }
    Ok(by_index)
}
