//! `brink graph` output against golden files (a small scenario with awkward labels, and every
//! shipped scenario), and through Graphviz when it is installed.
//! After an intended change, rewrite the golden files with `INSTA_UPDATE=always cargo test
//! --test all graph_golden::` (the one bless switch, see tests/README.md).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use brink::analysis::graph::{EdgeKind, Graph, render_dot, render_mermaid, render_svg};
use brink::model::{Model, load};
use common::{in_ci, root};

fn model(path: &Path) -> Model {
    match load(path, &[]) {
        Ok(l) => l.model,
        Err(d) => panic!("{}: {}", path.display(), d.render(false)),
    }
}

fn small() -> Model {
    model(&root().join("tests/scenarios/graph_small.toml"))
}

fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn check_all(pairs: Vec<(String, String)>) {
    let failures: Vec<String> = pairs
        .iter()
        .filter_map(|(name, text)| common::expect_file(&Path::new("tests/golden").join(name), text))
        .collect();
    common::assert_no_differences(&failures);
}

#[test]
fn small_scenario_matches_its_golden_files() {
    let g = Graph::new(&small());
    check_all(vec![
        ("graph_small.dot".into(), render_dot(&g)),
        ("graph_small.mmd".into(), render_mermaid(&g)),
    ]);
    let g = Graph::milestones(&small());
    check_all(vec![
        ("graph_small_milestones.dot".into(), render_dot(&g)),
        ("graph_small_milestones.mmd".into(), render_mermaid(&g)),
        ("graph_small_milestones.svg".into(), render_svg(&g)),
    ]);
    let g = Graph::new(&small());
    check_all(vec![("graph_small.svg".into(), render_svg(&g))]);
    // Numbers computed from the state: arrows from what they read.
    let g = Graph::new(&model(
        &root().join("tests/scenarios/format2_analysis.toml"),
    ));
    check_all(vec![("graph_format2_analysis.dot".into(), render_dot(&g))]);
}

#[test]
fn shipped_scenarios_match_their_golden_files() {
    let mut pairs = Vec::new();
    for path in shipped() {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let g = Graph::new(&model(&path));
        pairs.push((format!("scenarios/{stem}.dot"), render_dot(&g)));
        pairs.push((format!("scenarios/{stem}.mmd"), render_mermaid(&g)));
        let g = Graph::milestones(&model(&path));
        pairs.push((format!("scenarios/{stem}.milestones.dot"), render_dot(&g)));
        pairs.push((
            format!("scenarios/{stem}.milestones.mmd"),
            render_mermaid(&g),
        ));
        pairs.push((format!("scenarios/{stem}.milestones.svg"), render_svg(&g)));
    }
    assert!(!pairs.is_empty(), "no shipped scenarios found");
    check_all(pairs);
}

#[test]
fn edges_follow_reads_and_effects() {
    let g = Graph::new(&small());
    let key = |i: usize| g.nodes[i].key.as_str();
    let edges: Vec<(&str, &str, Option<&str>)> = g
        .edges
        .iter()
        .map(|e| (key(e.from), key(e.to), e.label.as_deref()))
        .collect();
    assert_eq!(
        edges,
        vec![
            ("e_deploy", "v_troops", Some("+1000")),
            ("e_deploy", "e_strike", Some("x1.5")),
            ("v_troops", "e_strike", Some("x2")),
            ("e_strike", "v_troops", Some("+normal(-500, 100)")),
            ("e_talks", "f_ceasefire", Some("deal: set, walk out: clear")),
            ("e_talks", "v_troops", Some("deal: = 0")),
            ("f_ceasefire", "o_war", None),
            ("e_strike", "o_war", None),
            ("f_ceasefire", "o_end", None),
        ]
    );
    // The condition edge from deploy to strike took in the modifier that reads it too.
    assert_eq!(g.edges[1].kind, EdgeKind::Condition);
    assert_eq!(g.edges[2].kind, EdgeKind::Modifier);
    // `when = "strike and not ceasefire"`: only the ceasefire edge is a negation.
    let negated: Vec<(&str, &str)> = g
        .edges
        .iter()
        .filter(|e| e.negated)
        .map(|e| (key(e.from), key(e.to)))
        .collect();
    assert_eq!(negated, vec![("f_ceasefire", "o_war")]);
}

/// Friction: `not nato_russia_war` was drawn as a plain arrow, reading "war leads to ceasefire".
#[test]
fn negations_are_drawn_dashed_and_labelled() {
    let g = Graph::new(&small());
    let dot = render_dot(&g);
    assert!(
        dot.contains("  \"f_ceasefire\" -> \"o_war\" [style=dashed, label=\"not\"];\n"),
        "{dot}"
    );
    assert!(dot.contains("  \"e_strike\" -> \"o_war\";\n"), "{dot}");
    let mmd = render_mermaid(&g);
    assert!(mmd.contains("  f_ceasefire -. not .-> o_war\n"), "{mmd}");
    assert!(mmd.contains("  e_strike --> o_war\n"), "{mmd}");
}

/// Without milestones the once-only events stay (`deploy` repeats), flags and variables go, and
/// an arrow is drawn wherever one kept node leads to another through what was left out.
#[test]
fn milestones_contract_through_left_out_nodes() {
    let g = Graph::milestones(&small());
    let keys: Vec<&str> = g.nodes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, ["e_strike", "e_talks", "o_war", "o_end", "o_other"]);
    let key = |i: usize| g.nodes[i].key.as_str();
    let edges: Vec<(&str, &str, bool)> = g
        .edges
        .iter()
        .map(|e| (key(e.from), key(e.to), e.negated))
        .collect();
    // Leftover: the arrow through left-out troops lost the modifier's factor; it keeps it.
    assert_eq!(g.edges[1].label.as_deref(), Some("x2"));
    assert_eq!(g.edges[1].kind, EdgeKind::Modifier);
    assert_eq!(
        edges,
        vec![
            ("e_strike", "o_war", false),
            // talks -> troops -> strike (a modifier reads troops).
            ("e_talks", "e_strike", false),
            // talks -> ceasefire -> war reads `not ceasefire`.
            ("e_talks", "o_war", true),
            ("e_talks", "o_end", false),
        ]
    );
    assert_eq!(g.clusters.len(), 2);
    assert_eq!(g.clusters[0].nodes, [0]);
}

/// A checker that is not installed: a failure in CI (which installs it), else a note and a skip.
fn missing(what: &str, install: &str) {
    assert!(
        !in_ci(),
        "{what} is missing in CI: .ci/run should have installed it"
    );
    eprintln!("note: {what} is not installed; skipping this check ({install})");
}

fn dot_svg(text: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    if !out.status.success() || !stderr.trim().is_empty() {
        return Err(stderr);
    }
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn graphviz_renders_every_dot_output() {
    if Command::new("dot").arg("-V").output().is_err() {
        missing("Graphviz `dot`", "apt-get install graphviz");
        return;
    }
    let svg = dot_svg(&render_dot(&Graph::new(&small()))).expect("dot renders");
    // The label wrapped: dot draws each line as its own text.
    assert!(
        svg.contains(">North Korea sends &quot;more&quot;</text>"),
        "{svg}"
    );
    assert!(svg.contains(">troops (#2)</text>"), "{svg}");
    assert!(svg.contains("Russia &lt;Moscow&gt;"));
    for path in shipped() {
        let text = render_dot(&Graph::new(&model(&path)));
        if let Err(e) = dot_svg(&text) {
            panic!("dot failed on {}: {e}", path.display());
        }
        let text = render_dot(&Graph::milestones(&model(&path)));
        if let Err(e) = dot_svg(&text) {
            panic!("dot --milestones failed on {}: {e}", path.display());
        }
    }
}

/// Mermaid's own parser on every Mermaid output. BRINK_MERMAID_MODULES names a node_modules
/// folder holding `mermaid` and `jsdom` (.ci/run installs them).
#[test]
fn mermaid_parses_every_mermaid_output() {
    let Some(modules) = std::env::var_os("BRINK_MERMAID_MODULES") else {
        missing(
            "the Mermaid parser",
            "npm install --prefix DIR mermaid jsdom, then BRINK_MERMAID_MODULES=DIR/node_modules",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![dir.path().join("graph_small.mmd")];
    std::fs::write(&files[0], render_mermaid(&Graph::new(&small()))).unwrap();
    for path in shipped() {
        let out = dir
            .path()
            .join(path.file_stem().unwrap())
            .with_extension("mmd");
        std::fs::write(&out, render_mermaid(&Graph::new(&model(&path)))).unwrap();
        let milestones = out.with_extension("milestones.mmd");
        files.push(out);
        let out = milestones;
        std::fs::write(&out, render_mermaid(&Graph::milestones(&model(&path)))).unwrap();
        files.push(out);
    }
    let out = Command::new("node")
        .arg(root().join("tests/graph_mermaid_parse.mjs"))
        .args(&files)
        .env("BRINK_MERMAID_MODULES", modules)
        .output()
        .expect("node runs");
    // Mermaid's refusals are on node's stdout and stderr.
    common::succeeded(&out);
}

#[test]
fn blank_labels_show_the_id() {
    let path = root().join("tests/scenarios/graph_small.toml");
    let set = [
        "events.deploy.label= ".to_string(),
        "actors.russia.name=".to_string(),
        "events.talks.branches.0.label=".to_string(),
    ];
    let g = Graph::new(&load(&path, &set).unwrap().model);
    let mmd = render_mermaid(&g);
    assert!(
        mmd.contains("  subgraph a_russia [\"russia\"]\n    e_deploy(\"deploy\")\n"),
        "{mmd}"
    );
    assert!(
        mmd.contains("  e_talks ==>|\"set, walk out: clear\"| f_ceasefire\n"),
        "{mmd}"
    );
}

/// Leftover: a number computed from the state (a probability, a factor, a weight, an amount)
/// drew no arrow from the names it reads, and an amount computed by an expression drew no
/// effect arrow.
#[test]
fn computed_numbers_draw_arrows_from_what_they_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("computed.toml");
    std::fs::write(
        &path,
        r#"
[scenario]
name = "computed"
format = 2
horizon = 6

[[actors]]
id = "a"
name = "A"

[variables]
troops = { initial = 10, min = 0, max = 100 }
morale = { initial = 1, min = 0, max = 5 }
losses = { initial = 0, min = 0, max = 100 }

[flags]
tired = false

[[events]]
id = "fight"
actor = "a"
probability = "0.01 * troops"
repeat = true
modifiers = [{ when = "true", factor = "1 + morale" }]
branches = [
  { weight = "1 + losses", label = "win", add = { losses = "0.1 * troops" } },
  { weight = 1, label = "lose", assign = { morale = "morale / 2" } },
]

[[events]]
id = "rest"
actor = "a"
probability = 0.5
when = "not tired"

[[outcomes]]
id = "end"
"#,
    )
    .unwrap();
    let g = Graph::new(&model(&path));
    let key = |i: usize| g.nodes[i].key.as_str();
    let edges: Vec<(&str, &str, Option<&str>)> = g
        .edges
        .iter()
        .map(|e| (key(e.from), key(e.to), e.label.as_deref()))
        .collect();
    assert_eq!(
        edges,
        vec![
            ("v_troops", "e_fight", Some("p = 0.01 * troops, amount")),
            ("v_morale", "e_fight", Some("x(1 + morale), amount")),
            ("v_losses", "e_fight", Some("win: weight")),
            ("e_fight", "v_losses", Some("win: +(0.1 * troops)")),
            ("e_fight", "v_morale", Some("lose: = (morale / 2)")),
            ("f_tired", "e_rest", None),
        ]
    );
    assert!(g.edges.iter().take(3).all(|e| e.kind == EdgeKind::Modifier));
}

/// Friction: sentence labels made the baseline's drawing 5010 pixels wide. Every line of every
/// label is now at most 24 characters (a longer one is a single word), in dot and Mermaid.
#[test]
fn labels_wrap_in_dot_and_mermaid() {
    let g = Graph::new(&model(&root().join("scenarios/baseline.toml")));
    let fits = |line: &str| line.chars().count() <= 24 || !line.contains(' ');
    let dot = render_dot(&g);
    let mut wrapped = 0;
    let nodes = dot
        .lines()
        .filter(|l| l.contains("\" [label=\"") && !l.contains(" -> "));
    for line in nodes {
        let label = line.split("[label=\"").nth(1).unwrap();
        let label = &label[..label.find("\", ").unwrap()];
        for part in label.split("\\n") {
            assert!(fits(part), "{part:?} in {line}");
        }
        wrapped += usize::from(label.contains("\\n"));
    }
    assert!(wrapped > 10, "the baseline's sentences wrap: {dot}");
    let mmd = render_mermaid(&g);
    for node in &g.nodes {
        let line = mmd
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{}(", node.key)))
            .or_else(|| mmd.lines().find(|l| l.trim_start().starts_with(&node.key)))
            .unwrap();
        let label = line.split('"').nth(1).unwrap();
        for part in label.split("<br>") {
            assert!(fits(part), "{part:?} in {line}");
        }
    }
}
