//! Helpers of the shard tests (`use crate::shard_util;`): run brink in a folder,
//! write the parts of a sharded command, merge them, expect a refusal, edit a part, run as a
//! task of a Slurm job array.

use std::path::Path;

use assert_cmd::Command;

use super::common::{brink, root, words};

/// Runs brink in `dir` and returns (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[String]) -> (i32, String, String) {
    let out = brink().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The words of `line`, then `extra`.
pub fn words_with(line: &str, extra: &[&str]) -> Vec<String> {
    let mut v = words(line);
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

/// Writes the `n` parts of `command` (`run`, `sweep` or `sensitivity`) on `scenario` (from the
/// package root) with `cmd_args`, named `{prefix}{i}-of-{n}.json` in `dir`, shard `i` on
/// `i % 3 + 1` threads; returns their file names.
pub fn shard_parts(
    dir: &Path,
    prefix: &str,
    command: &str,
    scenario: &str,
    cmd_args: &[&str],
    n: u64,
) -> Vec<String> {
    let file = root().join(scenario).display().to_string();
    (0..n)
        .map(|i| {
            let name = format!("{prefix}{i}-of-{n}.json");
            let line = format!(
                "{command} {file} --quiet --shard {i}/{n} --threads {} --output {name}",
                i % 3 + 1
            );
            let (code, _, err) = run_in(dir, &words_with(&line, cmd_args));
            assert_eq!(code, 0, "{line}: {err}");
            name
        })
        .collect()
}

/// `brink merge PARTS EXTRA` in `dir`.
pub fn merge(dir: &Path, parts: &[String], extra: &[&str]) -> (i32, String, String) {
    let mut a = vec!["merge".to_string()];
    a.extend(parts.iter().cloned());
    a.extend(extra.iter().map(|s| s.to_string()));
    run_in(dir, &a)
}

/// The report of `command` on `scenario` in `format`, unsharded.
pub fn single(
    dir: &Path,
    command: &str,
    scenario: &str,
    cmd_args: &[&str],
    format: &str,
) -> String {
    let file = root().join(scenario).display().to_string();
    let line = format!("{command} {file} --quiet --format {format}");
    let (code, out, err) = run_in(dir, &words_with(&line, cmd_args));
    assert_eq!(code, 0, "{err}");
    out
}

/// The stderr of a merge of `parts` that must be refused (exit 1, nothing printed).
pub fn refused(dir: &Path, parts: &[&str]) -> String {
    let parts: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
    let (code, out, err) = merge(dir, &parts, &["--format", "json"]);
    assert_eq!(code, 1, "{parts:?}: {err}");
    assert!(out.is_empty(), "{out}");
    err
}

/// Writes `to` in `dir`: the part `from` with `change` made to its JSON.
pub fn edit(dir: &Path, from: &str, to: &str, change: impl Fn(&mut serde_json::Value)) {
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(from)).unwrap()).unwrap();
    change(&mut v);
    std::fs::write(dir.join(to), serde_json::to_string(&v).unwrap()).unwrap();
}

/// The variables by which Slurm tells a task of a job array which one it is.
const SLURM_ARRAY: [&str; 4] = [
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_COUNT",
    "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_MAX",
];

/// The variables Slurm gives task `id` of a job array of 3 tasks numbered `min` to `max`.
pub fn slurm_array(id: &str, min: &str, max: &str) -> Vec<(String, String)> {
    SLURM_ARRAY
        .iter()
        .zip([id, "3", min, max])
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `cmd` run as a Slurm task with `vars` (from [`slurm_array`]; none: outside any array),
/// whatever the environment the tests run in says.
pub fn as_slurm_task<'a>(cmd: &'a mut Command, vars: &[(String, String)]) -> &'a mut Command {
    for k in SLURM_ARRAY {
        cmd.env_remove(k);
    }
    cmd.envs(vars.iter().cloned())
}
