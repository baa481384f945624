//! The shape of the code, kept by tests: no file of `src/` imports, directly or through others, a
//! file that imports it back, and no file is over 600 lines. A cycle means two files can only be
//! understood (and changed) together; the data should flow one way, format -> model -> engine ->
//! report, with analysis on top and cli wiring.
//!
//! Imports are read from `use crate::...`, `use super::...` and `use self::...` statements, and
//! from such paths written inline in code, outside `#[cfg(test)] mod tests`; a path names the
//! deepest file module it reaches (`mod.rs` files, which only declare and re-export, are left
//! out).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

/// Every `.rs` file under `dir`, relative to `src/`.
fn rust_files(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

/// The module path of a file: `engine/trial.rs` is `engine::trial`, `engine/mod.rs` is `engine`.
fn module_of(file: &Path) -> Vec<String> {
    let mut parts: Vec<String> = file
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let (mut parts, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(p))
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// The files `file` imports.
fn imports(file: &Path, text: &str, modules: &BTreeMap<Vec<String>, PathBuf>) -> BTreeSet<PathBuf> {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap();
    let me = module_of(file);
    let mut found = BTreeSet::new();
    let statements = use_statements(text).into_iter().chain(inline_paths(text));
    for statement in statements {
        for path in expand(&statement) {
            let segments: Vec<&str> = path
                .split("::")
                .map(|s| s.split(" as ").next().unwrap().trim())
                .collect();
            let mut target: Vec<String> = match segments[0] {
                "crate" => Vec::new(),
                "self" => me.clone(),
                "super" => me[..me.len().saturating_sub(1)].to_vec(),
                _ => continue,
            };
            let mut rest = &segments[1..];
            while rest.first() == Some(&"super") {
                target.pop();
                rest = &rest[1..];
            }
            target.extend(rest.iter().map(|s| s.to_string()));
            while !target.is_empty() {
                if let Some(f) = modules.get(&target) {
                    let is_mod = f
                        .file_name()
                        .is_some_and(|n| n == "mod.rs" || n == "lib.rs");
                    if f != file && !is_mod {
                        found.insert(f.clone());
                    }
                    break;
                }
                target.pop();
            }
        }
    }
    found
}

/// The trees of the `use` statements of a file (`a::{b, c}` of `pub use a::{b, c};`).
fn use_statements(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if current.is_none() {
            let rest = line
                .strip_prefix("pub(crate) ")
                .or_else(|| line.strip_prefix("pub(super) "))
                .or_else(|| line.strip_prefix("pub "))
                .unwrap_or(line);
            current = rest.strip_prefix("use ").map(|_| String::new());
        }
        if let Some(statement) = current.as_mut() {
            statement.push_str(line);
            if let Some(end) = statement.find(';') {
                let start = statement.find("use ").unwrap() + 4;
                out.push(statement[start..end].to_string());
                current = None;
            }
        }
    }
    out
}

/// The paths written inline in code (`super::suggest::misspelt(..)`, `crate::format::FileId`),
/// which tie two files as surely as a `use` line: each `crate::`, `super::` or `self::` path
/// outside notes. (Paths inside `use` lines are found again; the set of files takes them once.)
fn inline_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap();
        let bytes = code.as_bytes();
        for start in (0..bytes.len()).filter(|&i| code.is_char_boundary(i)) {
            let joined = start > 0 && {
                let b = bytes[start - 1];
                b.is_ascii_alphanumeric() || b == b'_' || b == b':'
            };
            let rest = &code[start..];
            if joined
                || !["crate::", "super::", "self::"]
                    .iter()
                    .any(|p| rest.starts_with(p))
            {
                continue;
            }
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            out.push(rest[..end].trim_end_matches(':').to_string());
        }
    }
    out
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = fs::read_to_string(root.join(&f)).unwrap();
            (f, text)
        })
        .collect()
}

/// A cycle through `start`, if the graph has one: depth-first search for a path back to it.
fn cycle_through(
    start: &Path,
    graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
) -> Option<Vec<PathBuf>> {
    let mut stack = vec![(start.to_path_buf(), vec![start.to_path_buf()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in &graph[&node] {
            if next == start {
                return Some(path);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

/// Each file and the files it imports.
fn import_graph(files: &[(PathBuf, String)]) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|(f, _)| (module_of(f), f.clone()))
        .collect();
    files
        .iter()
        .map(|(f, text)| (f.clone(), imports(f, text, &modules)))
        .collect()
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let files = sources();
    let graph = import_graph(&files);
    // The reader must see real imports, or the test could not fail.
    assert!(graph[Path::new("engine/trial.rs")].len() >= 2);
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|f| cycle_through(f, &graph))
        .map(|c| {
            let names: Vec<String> = c.iter().map(|p| p.display().to_string()).collect();
            names.join(" -> ")
        })
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn cycles_are_found() {
    let files = [
        (PathBuf::from("a/x.rs"), "use super::y::Y;\n".to_string()),
        (
            PathBuf::from("a/y.rs"),
            "use crate::a::{x::X, z};\n".to_string(),
        ),
        (PathBuf::from("a/z.rs"), String::new()),
    ];
    let graph = import_graph(&files);
    assert!(cycle_through(Path::new("a/x.rs"), &graph).is_some());
    assert!(cycle_through(Path::new("a/z.rs"), &graph).is_none());
}

#[test]
fn cycles_through_inline_paths_are_found() {
    let files = [
        (
            PathBuf::from("a/x.rs"),
            "fn f() -> usize {\n    super::y::g() // not crate::a::z\n}\n".to_string(),
        ),
        (
            PathBuf::from("a/y.rs"),
            "pub fn g() -> usize { crate::a::x::N }\nfn h(_: &crate::a::z::Z) {}\n".to_string(),
        ),
        (
            PathBuf::from("a/z.rs"),
            "// super::x::f()\nfn k() { self::m() }\n".to_string(),
        ),
    ];
    let graph = import_graph(&files);
    assert!(cycle_through(Path::new("a/x.rs"), &graph).is_some());
    assert!(graph[Path::new("a/y.rs")].contains(Path::new("a/z.rs")));
    assert!(
        graph[Path::new("a/x.rs")].len() == 1,
        "a path in a note is no import"
    );
    assert!(graph[Path::new("a/z.rs")].is_empty());
    assert_eq!(
        inline_paths("x(super::super::a::b, Self::c, my_self::d, super::e::{f})"),
        ["super::super::a::b", "super::e"]
    );
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_LINES)
        .map(|(f, text)| format!("{} ({} lines)", f.display(), text.lines().count()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}
