//! `brink graph --format svg`: the drawing itself, laid out by brink (no Graphviz needed), so a
//! slide or the HTML report gets the chain on any machine. Text sizes are estimated from
//! character counts, and every number is written with one decimal, so the bytes depend only
//! on the scenario (and the run, with probabilities).

use std::fmt::Write;

use super::layout::{Layout, Rect, downwards, layout};
use super::wrap::node_lines;
use super::{Edge, EdgeKind, Graph, NodeKind};
use crate::model::Model;
use crate::report::fmt::unsigned_zero;
use crate::report::{Drawing, Report};

const FONT: f64 = 12.0;
/// A generous average character width of the font at `FONT` pixels, so text stays inside.
const CHAR: f64 = 7.0;
const LINE: f64 = 15.0;
const PAD: f64 = 8.0;
const MARGIN: f64 = 16.0;
const TITLE: f64 = 28.0;
const RED: &str = "#b03030";
const INK: &str = "#333333";

/// The graph as a standalone SVG image, arrows running left to right (for a slide).
pub fn render(g: &Graph) -> String {
    draw(g, false)
}

/// The graph with arrows running downwards (for a page, where width is short).
pub fn render_down(g: &Graph) -> String {
    draw(g, true)
}

fn draw(g: &Graph, down: bool) -> String {
    let lines: Vec<Vec<String>> = g.nodes.iter().map(node_lines).collect();
    let sizes: Vec<(f64, f64)> = lines
        .iter()
        .map(|l| {
            let chars = l.iter().map(|s| s.chars().count()).max().unwrap_or(0);
            (chars as f64 * CHAR + 2.0 * PAD, l.len() as f64 * LINE + PAD)
        })
        .collect();
    let pairs: Vec<(usize, usize)> = g.edges.iter().map(|e| (e.from, e.to)).collect();
    let weak: Vec<bool> = g.edges.iter().map(|e| e.negated).collect();
    let place = if down { downwards } else { layout };
    let mut l = place(&sizes, &pairs, &weak, MARGIN, TITLE);
    self_loops(&mut l, &pairs);
    let width = l
        .width
        .max(g.title.chars().count() as f64 * 8.0 + 2.0 * MARGIN);
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" \
         font-family=\"Helvetica, Arial, sans-serif\" font-size=\"{FONT}\" role=\"img\">",
        num(width),
        num(l.height)
    );
    let _ = writeln!(w, "<title>{}</title>", escape(&g.title));
    let _ = writeln!(
        w,
        "<text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        num(MARGIN),
        num(MARGIN + 6.0),
        escape(&g.title)
    );
    for (e, points) in g.edges.iter().zip(&l.edges) {
        edge(w, g, e, points, down);
    }
    for (n, node) in g.nodes.iter().enumerate() {
        let r = l.nodes[n];
        let _ = writeln!(w, "<g class=\"node\" data-key=\"{}\">", escape(&node.key));
        let _ = writeln!(
            w,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>",
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            style(node.kind)
        );
        let cx = r.x + r.w / 2.0;
        let _ = write!(w, "<text text-anchor=\"middle\">");
        for (i, text) in lines[n].iter().enumerate() {
            let y = r.y + PAD / 2.0 + LINE * (i as f64 + 0.75);
            let bold = node.probability.is_some() && i + 1 == lines[n].len();
            let weight = if bold { " font-weight=\"bold\"" } else { "" };
            let _ = write!(
                w,
                "<tspan x=\"{}\" y=\"{}\"{weight}>{}</tspan>",
                num(cx),
                num(y),
                escape(text)
            );
        }
        let _ = writeln!(w, "</text>\n</g>");
    }
    let _ = writeln!(w, "</svg>");
    out
}

/// The chain for an HTML report: milestones and outcomes with the report's figures, drawn
/// downwards to fit a page. Without a report (no run of the scenario alone at hand) the boxes
/// carry no figures.
pub fn chain(model: &Model, report: Option<&Report>) -> Drawing {
    let g = Graph::milestones(model);
    let g = match report {
        Some(r) => g.with_probabilities(r),
        None => g,
    };
    Drawing {
        svg: render_down(&g),
        alt: alt_text(&g),
    }
}

/// Words that stand in for the drawing: what it shows, then every node with its figure.
pub fn alt_text(g: &Graph) -> String {
    let nodes: Vec<String> = g
        .nodes
        .iter()
        .map(|n| match &n.probability {
            Some(p) => format!("{} ({p})", n.label.replace('\n', " ")),
            None => n.label.replace('\n', " "),
        })
        .collect();
    format!(
        "Diagram of the chain: an arrow from one box to another means the first can lead to \
         the second; a dashed arrow labelled \"not\" means the second needs the first not to \
         have happened. The boxes: {}.",
        nodes.join("; ")
    )
}

/// An arrow from a node to itself: a loop over the node's top.
fn self_loops(l: &mut Layout, pairs: &[(usize, usize)]) {
    for (e, &(a, b)) in pairs.iter().enumerate() {
        if a == b {
            let Rect { x, y, w, .. } = l.nodes[a];
            let (right, left, up) = (x + w * 0.6, x + w * 0.4, y - 12.0);
            l.edges[e] = vec![(right, y), (right, up), (left, up), (left, y)];
        }
    }
}

fn edge(w: &mut String, g: &Graph, e: &Edge, points: &[(f64, f64)], down: bool) {
    let colour = match e.kind {
        EdgeKind::Effect => RED,
        _ => INK,
    };
    let dashed = match e.kind {
        EdgeKind::Condition => e.negated,
        EdgeKind::Modifier => true,
        EdgeKind::Effect => false,
    };
    let dash = if dashed {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    let path: Vec<String> = points
        .iter()
        .map(|&(x, y)| format!("{},{}", num(x), num(y)))
        .collect();
    let _ = writeln!(
        w,
        "<g class=\"edge\" data-from=\"{}\" data-to=\"{}\">",
        escape(&g.nodes[e.from].key),
        escape(&g.nodes[e.to].key)
    );
    let _ = writeln!(
        w,
        "<path d=\"M{}\" fill=\"none\" stroke=\"{colour}\"{dash}/>",
        path.join(" L")
    );
    // The head drawn as a triangle of its own (no marker: a page may hold several drawings,
    // and their ids would clash).
    if let [.., a, b] = points {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = dx.hypot(dy).max(1e-9);
        let (ux, uy) = (dx / len, dy / len);
        let base = (b.0 - 9.0 * ux, b.1 - 9.0 * uy);
        let corner = |side: f64| (base.0 - side * 4.0 * uy, base.1 + side * 4.0 * ux);
        let (c1, c2) = (corner(1.0), corner(-1.0));
        let _ = writeln!(
            w,
            "<path class=\"head\" d=\"M{},{} L{},{} L{},{} z\" fill=\"{colour}\"/>",
            num(b.0),
            num(b.1),
            num(c1.0),
            num(c1.1),
            num(c2.0),
            num(c2.1)
        );
    }
    if let Some(label) = e.shown_label() {
        let (x, y) = if down {
            // Halfway down rather than across: the same rule with the axes swapped.
            let turned: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (y, x)).collect();
            let (y, x) = label_point(&turned);
            (x + 4.0, y + 3.0)
        } else {
            label_point(points)
        };
        let _ = writeln!(
            w,
            "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{colour}\" \
             stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            num(x),
            num(y - 3.0),
            escape(&label)
        );
    }
    let _ = writeln!(w, "</g>");
}

/// Where a line's label goes: on the line, halfway across between its two ends.
fn label_point(points: &[(f64, f64)]) -> (f64, f64) {
    let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
        return (0.0, 0.0);
    };
    if (first.0 - last.0).abs() < 1.0 {
        // A loop: over its top.
        let top = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        return (first.0.min(last.0) + (first.0 - last.0).abs() / 2.0, top);
    }
    let x = (first.0 + last.0) / 2.0;
    for s in points.windows(2) {
        let (a, b) = (s[0], s[1]);
        if (a.0 - x) * (b.0 - x) <= 0.0 && a.0 != b.0 {
            let t = (x - a.0) / (b.0 - a.0);
            return (x, a.1 + t * (b.1 - a.1));
        }
    }
    first
}

fn style(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Flag => "rx=\"2\" fill=\"#eeeeee\" stroke=\"#888888\"",
        NodeKind::Variable => "rx=\"10\" fill=\"#eeeeee\" stroke=\"#888888\"",
        NodeKind::Event => "rx=\"6\" fill=\"#dbe9f6\" stroke=\"#4a78a8\"",
        NodeKind::Terminal => "rx=\"2\" fill=\"#f6d5d5\" stroke=\"#b03030\" stroke-width=\"2.5\"",
        NodeKind::Horizon => "rx=\"2\" fill=\"#fbf0c8\" stroke=\"#a08020\"",
        NodeKind::CatchAll => {
            "rx=\"2\" fill=\"#ffffff\" stroke=\"#888888\" stroke-dasharray=\"5 5\""
        }
    }
}

/// A coordinate with one decimal (never `-0.0`).
fn num(x: f64) -> String {
    let x = (x * 10.0).round() / 10.0;
    format!("{:.1}", unsigned_zero(x))
}

/// Text safe inside SVG text and attribute values: HTML's escapes, and control characters (which
/// XML does not allow) as spaces.
fn escape(s: &str) -> String {
    crate::report::escape_html(&s.replace(|c: char| c.is_control(), " "))
}
