//! Every `brink` command a user can copy from the documentation runs and succeeds: the lines that
//! start with `brink` (or `$ brink`) inside shell code blocks of README.md, scenarios/README.md and
//! docs/*.md, and the `brink ...` spans quoted in their prose that name a shipped file. Synopses (`FILE`, `[--flag]`, `...`) and lines that need a shell variable are
//! skipped; pipes and redirections are cut (the command before them runs); big trial counts are
//! lowered so the suite stays quick. Commands run in order, in one scratch folder per page that
//! holds links to the shipped scenarios, so the cluster recipe's parts are there to be merged.

use crate::common;

use std::path::{Path, PathBuf};

/// The pages whose commands are checked.
fn pages() -> Vec<PathBuf> {
    let root = common::root();
    let mut pages = vec![root.join("README.md"), root.join("scenarios/README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The command lines in a page's code blocks, continuation lines joined.
fn command_lines(text: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut block: Option<bool> = None; // inside a block: whether it holds shell lines
    let mut pending: Option<String> = None;
    for line in text.lines() {
        if let Some(info) = line.trim_start().strip_prefix("```") {
            let shell = ["", "sh", "bash", "console", "shell", "text"].contains(&info.trim());
            block = if block.is_some() { None } else { Some(shell) };
            continue;
        }
        if block != Some(true) {
            continue;
        }
        let line = line.trim();
        let line = match pending.take() {
            Some(start) => format!("{start} {line}"),
            None if line.starts_with("brink ") => line.to_string(),
            None if line.starts_with("$ brink ") => line[2..].to_string(),
            None => continue,
        };
        match line.strip_suffix('\\') {
            Some(start) => pending = Some(start.trim_end().to_string()),
            None => commands.push(line),
        }
    }
    commands
}

/// The `brink ...` commands quoted in a page's prose (code spans outside the code blocks), on
/// one line each.
fn inline_commands(text: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        let spans = line.split('`').skip(1).step_by(2);
        commands.extend(spans.filter(|s| s.starts_with("brink ")).map(String::from));
    }
    commands
}

/// Why a documented line is not run, if it is not.
fn skipped(line: &str) -> Option<&'static str> {
    let placeholder = line
        .split_whitespace()
        .any(|w| w.chars().any(|c| c.is_ascii_uppercase()) && w == w.to_uppercase() && w.len() > 1);
    if line.contains("...") || line.contains("[--") || placeholder || line.contains("|zsh") {
        Some("a synopsis")
    } else if line.contains('$') {
        Some("needs a shell variable")
    } else if line.starts_with("brink test ") {
        Some("the shipped pins are run by tests/test_cli.rs")
    } else {
        None
    }
}

/// The arguments to run: the command before any pipe, redirection or comment, with big trial
/// counts lowered and globs expanded in `dir`; `None` when a glob matches nothing (the files come
/// from a command that is not brink's, such as GNU parallel running the shards).
fn arguments(line: &str, dir: &Path) -> Option<Vec<String>> {
    let cut = line
        .find(" | ")
        .into_iter()
        .chain(line.find(" > "))
        .chain(line.find(" #"))
        .min()
        .unwrap_or(line.len());
    let words = shlex::split(&line[..cut]).unwrap_or_else(|| panic!("cannot split `{line}`"));
    let mut args: Vec<String> = Vec::new();
    for word in words.into_iter().skip(1) {
        let lowered = args.last().is_some_and(|a| a == "--trials")
            && word.parse::<u64>().is_ok_and(|n| n > 20_000);
        if lowered {
            args.push("20000".to_string());
        } else if word.contains('*') {
            let found = glob(dir, &word);
            if found.is_empty() {
                return None;
            }
            args.extend(found);
        } else {
            args.push(word);
        }
    }
    if ["sensitivity", "sweep", "compare"].contains(&args[0].as_str())
        && !args.iter().any(|a| a == "--trials")
    {
        args.extend(["--trials".to_string(), "2000".to_string()]);
    }
    Some(args)
}

/// A `folder/prefix*suffix` pattern's matches in `dir`, sorted (none in a folder that is not
/// there, such as a cluster's `/work/parts/`).
fn glob(dir: &Path, pattern: &str) -> Vec<String> {
    let (folder, name) = pattern.rsplit_once('/').unwrap_or(("", pattern));
    let (prefix, suffix) = name.split_once('*').expect("one star");
    let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .map(|n| {
            if folder.is_empty() {
                n
            } else {
                format!("{folder}/{n}")
            }
        })
        .collect();
    found.sort();
    found
}

/// A scratch folder where `scenarios/`, `tests/` and the shipped scenarios' own names resolve
/// (some pages write commands as if run inside `scenarios/`).
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = common::root();
    for name in ["scenarios", "tests"] {
        std::os::unix::fs::symlink(root.join(name), dir.path().join(name)).expect("link");
    }
    for entry in std::fs::read_dir(root.join("scenarios")).expect("scenarios/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "toml") {
            let link = dir.path().join(path.file_name().expect("name"));
            std::os::unix::fs::symlink(&path, link).expect("link");
        }
    }
    std::fs::create_dir(dir.path().join("schema")).expect("schema/");
    dir
}

#[test]
fn every_documented_command_runs() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("page");
        let dir = scratch();
        let blocks = command_lines(&text);
        // A command quoted in the prose runs when it names a shipped file (the others name a
        // file the reader writes, or are parts of a synopsis).
        let mut quoted: Vec<String> = Vec::new();
        for line in inline_commands(&text) {
            if !blocks.contains(&line) && !quoted.contains(&line) {
                quoted.push(line);
            }
        }
        let names_a_file =
            |args: &[String]| args.get(1).is_some_and(|f| dir.path().join(f).is_file());
        let lines = (blocks.iter().map(|l| (l, false))).chain(quoted.iter().map(|l| (l, true)));
        for (line, in_prose) in lines {
            if skipped(line).is_some() {
                continue;
            }
            let Some(args) = arguments(line, dir.path()) else {
                continue;
            };
            if in_prose && !names_a_file(&args) {
                continue;
            }
            let out = common::brink()
                .current_dir(dir.path())
                .args(&args)
                .output()
                .expect("brink runs");
            ran += 1;
            if !out.status.success() {
                failures.push(format!(
                    "{}: `{line}` exited with {:?}:\n{}",
                    page.display(),
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        ran >= 20,
        "only {ran} documented commands found: is the extraction broken?"
    );
}

#[test]
fn synopses_and_pipes_are_recognised() {
    let page = "```yaml\nbrink run a.toml\n```\ntext\n```\nbrink run FILE [--trials N]\n$ brink graph a.toml | dot -Tsvg > x.svg\n\
                brink run a.toml --trials 10000000 \\\n  --seed 7\nnot brink\n```\nbrink outside\n";
    let lines = command_lines(page);
    assert_eq!(
        lines,
        [
            "brink run FILE [--trials N]",
            "brink graph a.toml | dot -Tsvg > x.svg",
            "brink run a.toml --trials 10000000 --seed 7"
        ]
    );
    assert_eq!(skipped(&lines[0]), Some("a synopsis"));
    let dir = tempfile::tempdir().expect("temp dir");
    let args = |line: &str| arguments(line, dir.path()).expect("no glob");
    assert_eq!(args(&lines[1]), ["graph", "a.toml"]);
    assert_eq!(
        args(&lines[2]),
        ["run", "a.toml", "--trials", "20000", "--seed", "7"]
    );
    assert_eq!(arguments("brink merge part-*.json", dir.path()), None);
    let prose = "Run `brink run a.toml --seed 7` or `x`.\n```sh\n`brink not this`\n```\n`brink x`";
    assert_eq!(
        inline_commands(prose),
        ["brink run a.toml --seed 7", "brink x"]
    );
}
