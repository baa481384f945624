//! `brink graph` output against golden files, and through Graphviz when it is installed.
//! Set BRINK_BLESS=1 to rewrite the golden files after an intended change.

#[path = "exact_common/mod.rs"]
mod exact_common;

use std::path::Path;
use std::process::{Command, Stdio};

use brink::analysis::graph::{Graph, render_dot, render_mermaid};
use brink::expr::Op;
use brink::model::{Dist, Effects, Model};
use exact_common::*;

/// A small scenario touching every kind of node and edge, with labels full of characters that
/// the output formats treat specially.
fn small() -> Model {
    let mut m = model(24);
    m.name = "Small \"test\" scenario".into();
    m.actors[0].name = "Russia <Moscow>".into();
    add_actor(&mut m, "ukraine", "Ukraine & partners");
    add_actor(&mut m, "idle", "Never acts");
    let ceasefire = add_flag(&mut m, "ceasefire", false);
    let troops = add_var(&mut m, "troops", 3000.0, 0.0, 1e6);
    let deploy = add_event(&mut m, "deploy", 0.3);
    m.events[deploy].label = "North Korea sends \"more\" troops (#2)".into();
    m.events[deploy].repeat = true;
    m.events[deploy].effects = adds(troops, 1000.0);
    let strike = add_event(&mut m, "strike", 0.1);
    m.events[strike].label = "Russia breaks the front | end".into();
    m.events[strike].when = fired(deploy);
    add_modifier(&mut m, strike, cmp(troops, Op::Gt, 5000.0), 2.0);
    add_modifier(&mut m, strike, prog("deploy", vec![Op::Fired(0)]), 1.5);
    m.events[strike].effects.add = vec![(
        troops as usize,
        Dist::Normal {
            mean: -500.0,
            sd: 100.0,
        },
    )];
    let talks = add_event(&mut m, "talks", 0.05);
    m.events[talks].actor = 1;
    m.events[talks].label = "Talks in `Istanbul`".into();
    add_branch(
        &mut m,
        talks,
        "deal",
        1.0,
        Effects {
            set: vec![ceasefire as usize],
            assign: vec![(troops as usize, 0.0)],
            ..Effects::default()
        },
    );
    add_branch(
        &mut m,
        talks,
        "walk out",
        2.0,
        Effects {
            clear: vec![ceasefire as usize],
            ..Effects::default()
        },
    );
    add_outcome(
        &mut m,
        "war",
        prog(
            "strike and not ceasefire",
            vec![
                Op::Fired(strike as u32),
                Op::JumpIfFalseElsePop(4),
                Op::Flag(ceasefire),
                Op::Not,
            ],
        ),
        true,
    );
    add_outcome(&mut m, "end", flag(ceasefire), false);
    m.outcomes[1].label = "Truce\nholds".into();
    add_catch_all(&mut m);
    m
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("BRINK_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with BRINK_BLESS=1)", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

#[test]
fn small_scenario_dot() {
    golden("small.dot", &render_dot(&Graph::new(&small())));
}

#[test]
fn small_scenario_mermaid() {
    golden("small.mmd", &render_mermaid(&Graph::new(&small())));
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
    // The condition edge from deploy to strike absorbed the modifier that reads it too.
    assert_eq!(g.edges[1].kind, brink::analysis::graph::EdgeKind::Condition);
    // Actors without events get no box.
    assert_eq!(g.clusters.len(), 2);
}

#[test]
fn graphviz_renders_the_dot_output() {
    if Command::new("dot").arg("-V").output().is_err() {
        eprintln!("note: Graphviz `dot` is not installed; skipping the rendering check");
        return;
    }
    let dot = render_dot(&Graph::new(&small()));
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot starts");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot failed: {stderr}");
    assert!(stderr.trim().is_empty(), "dot warned: {stderr}");
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(svg.contains("North Korea sends &quot;more&quot; troops (#2)"));
    assert!(svg.contains("Russia &lt;Moscow&gt;"));
}
