//! `brink graph --format svg`, read back with an XML parser: well formed, every node a box and
//! no two boxes overlapping, every arrow starting on its source's box and ending on its
//! target's, no arrow crossing a third box, negations dashed and labelled, the same bytes every
//! time; for the small scenario and every shipped one, whole and with `--milestones`, drawn
//! left to right (`--format svg`) and downwards (the HTML report's chain).

use crate::common;

use std::path::{Path, PathBuf};

use brink::analysis::graph::{Graph, render_svg, render_svg_down};
use brink::model::load;
use common::root;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[derive(Debug)]
struct SvgEdge {
    from: String,
    to: String,
    points: Vec<(f64, f64)>,
    dashed: bool,
    label: Option<String>,
    heads: usize,
}

#[derive(Debug, Default)]
struct Svg {
    width: f64,
    height: f64,
    nodes: Vec<(String, Rect)>,
    edges: Vec<SvgEdge>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .map(|a| a.expect("well-formed attribute"))
        .find(|a| a.key.0 == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("attribute value")
                .into_owned()
        })
}

fn number(e: &BytesStart, name: &str) -> f64 {
    attr(e, name)
        .unwrap_or_else(|| panic!("no {name}"))
        .parse()
        .expect("a number")
}

/// The drawing's boxes and arrows; panics on XML that does not parse.
fn parse(svg: &str) -> Svg {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let mut out = Svg::default();
    // The group being read: ("node" | "edge", key or (from, to)).
    let mut group: Option<(String, String, String)> = None;
    let mut in_label = false;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().0 {
                "svg" => {
                    out.width = number(e, "width");
                    out.height = number(e, "height");
                }
                "g" => {
                    let class = attr(e, "class").unwrap_or_default();
                    if class == "node" {
                        group = Some((class, attr(e, "data-key").unwrap(), String::new()));
                    } else if class == "edge" {
                        let (f, t) = (attr(e, "data-from").unwrap(), attr(e, "data-to").unwrap());
                        group = Some((class, f, t));
                    }
                }
                "rect" if group.as_ref().is_some_and(|g| g.0 == "node") => {
                    let key = group.as_ref().unwrap().1.clone();
                    let r = Rect {
                        x: number(e, "x"),
                        y: number(e, "y"),
                        w: number(e, "width"),
                        h: number(e, "height"),
                    };
                    out.nodes.push((key, r));
                }
                "path" if attr(e, "class").as_deref() == Some("head") => {
                    let line = out.edges.last_mut().expect("the line before its head");
                    line.heads += 1;
                }
                "path" if group.as_ref().is_some_and(|g| g.0 == "edge") => {
                    let g = group.as_ref().unwrap();
                    let d = attr(e, "d").unwrap();
                    let points = d
                        .trim_start_matches('M')
                        .split(" L")
                        .map(|p| {
                            let (x, y) = p.split_once(',').expect("x,y");
                            (x.parse().unwrap(), y.parse().unwrap())
                        })
                        .collect();
                    out.edges.push(SvgEdge {
                        from: g.1.clone(),
                        to: g.2.clone(),
                        points,
                        dashed: attr(e, "stroke-dasharray").is_some(),
                        label: None,
                        heads: 0,
                    });
                }
                "text" if group.as_ref().is_some_and(|g| g.0 == "edge") => in_label = true,
                _ => {}
            },
            Event::Text(t) if in_label => {
                let text = t.as_ref().to_string();
                out.edges.last_mut().expect("a path first").label = Some(text);
            }
            Event::End(e) => match e.name().0 {
                "g" => group = None,
                "text" => in_label = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Whether point `p` lies on the outline of `r` (to the drawing's 0.1 precision).
fn on_outline(p: (f64, f64), r: Rect) -> bool {
    let near = |a: f64, b: f64| (a - b).abs() <= 0.051;
    let within = |v: f64, lo: f64, hi: f64| v >= lo - 0.051 && v <= hi + 0.051;
    ((near(p.0, r.x) || near(p.0, r.x + r.w)) && within(p.1, r.y, r.y + r.h))
        || ((near(p.1, r.y) || near(p.1, r.y + r.h)) && within(p.0, r.x, r.x + r.w))
}

/// Whether the segment a-b passes through the inside of `r` (shrunk by a pixel).
fn crosses(a: (f64, f64), b: (f64, f64), r: Rect) -> bool {
    let (x0, x1, y0, y1) = (r.x + 1.0, r.x + r.w - 1.0, r.y + 1.0, r.y + r.h - 1.0);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

fn check(name: &str, g: &Graph, render: fn(&Graph) -> String) {
    let text = render(g);
    assert_eq!(text, render(g), "{name}: the same graph gave other bytes");
    let svg = parse(&text);
    assert_eq!(svg.nodes.len(), g.nodes.len(), "{name}: a box per node");
    assert_eq!(svg.edges.len(), g.edges.len(), "{name}: a line per edge");
    let rect = |key: &str| {
        svg.nodes
            .iter()
            .find(|(k, _)| k == key)
            .unwrap_or_else(|| panic!("{name}: no box {key}"))
            .1
    };
    for (i, (a, ra)) in svg.nodes.iter().enumerate() {
        assert!(
            ra.x >= 0.0 && ra.y >= 0.0 && ra.x + ra.w <= svg.width && ra.y + ra.h <= svg.height,
            "{name}: {a} outside the drawing"
        );
        for (b, rb) in &svg.nodes[i + 1..] {
            let apart = ra.x + ra.w <= rb.x
                || rb.x + rb.w <= ra.x
                || ra.y + ra.h <= rb.y
                || rb.y + rb.h <= ra.y;
            assert!(apart, "{name}: boxes {a} {ra:?} and {b} {rb:?} overlap");
        }
    }
    for e in &svg.edges {
        let (first, last) = (e.points[0], *e.points.last().unwrap());
        assert!(e.points.len() >= 2, "{name}: {e:?}");
        assert_eq!(e.heads, 1, "{name}: {e:?}");
        assert!(
            on_outline(first, rect(&e.from)),
            "{name}: {e:?} starts off {}",
            e.from
        );
        assert!(
            on_outline(last, rect(&e.to)),
            "{name}: {e:?} ends off {}",
            e.to
        );
        for s in e.points.windows(2) {
            for (k, r) in &svg.nodes {
                if *k != e.from && *k != e.to {
                    assert!(!crosses(s[0], s[1], *r), "{name}: {e:?} crosses {k}");
                }
            }
        }
    }
    // Negations are dashed and say "not"; plain conditions are solid.
    for (e, drawn) in g.edges.iter().zip(&svg.edges) {
        assert_eq!(drawn.from, g.nodes[e.from].key);
        if e.negated {
            assert!(drawn.dashed, "{name}: {drawn:?}");
            assert!(
                drawn.label.as_deref().unwrap().starts_with("not"),
                "{drawn:?}"
            );
        }
        assert_eq!(drawn.label, e.shown_label(), "{name}");
    }
}

fn model(path: &Path) -> brink::model::Model {
    load(path, &[])
        .unwrap_or_else(|d| panic!("{}", d.render(false)))
        .model
}

fn scenarios() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files.push(root().join("tests/scenarios/graph_small.toml"));
    files.push(root().join("tests/scenarios/format2_analysis.toml"));
    files
}

#[test]
fn every_drawing_is_well_formed_with_boxes_apart_and_arrows_on_their_nodes() {
    for path in scenarios() {
        let m = model(&path);
        for (how, render) in [
            ("", render_svg as fn(&Graph) -> String),
            (" (down)", render_svg_down),
        ] {
            check(&format!("{}{how}", path.display()), &Graph::new(&m), render);
            check(
                &format!("{} --milestones{how}", path.display()),
                &Graph::milestones(&m),
                render,
            );
        }
    }
}

#[test]
fn the_small_scenario_draws_its_negation_dashed_and_labelled() {
    let svg = parse(&render_svg(&Graph::new(&model(
        &root().join("tests/scenarios/graph_small.toml"),
    ))));
    let edge = |from: &str, to: &str| {
        svg.edges
            .iter()
            .find(|e| e.from == from && e.to == to)
            .unwrap()
    };
    let not = edge("f_ceasefire", "o_war");
    assert!(not.dashed);
    assert_eq!(not.label.as_deref(), Some("not"));
    let plain = edge("e_strike", "o_war");
    assert!(!plain.dashed && plain.label.is_none());
}

/// The slide of the baseline's chain: the milestones left to right, the drawing no wider than
/// a few screens.
#[test]
fn the_baseline_chain_reads_left_to_right() {
    let svg = parse(&render_svg(&Graph::milestones(&model(
        &root().join("scenarios/baseline.toml"),
    ))));
    let x = |key: &str| svg.nodes.iter().find(|(k, _)| k == key).unwrap().1.x;
    let chain = [
        "e_russian_breakthrough",
        "e_french_forces_engage",
        "e_nato_russia_war",
        "e_china_enters_europe",
        "o_world_war_iii",
    ];
    for pair in chain.windows(2) {
        assert!(x(pair[0]) < x(pair[1]), "{pair:?}");
    }
    assert!(svg.width <= 2400.0, "{}", svg.width);
}
