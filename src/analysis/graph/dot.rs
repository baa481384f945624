//! Graphviz `dot` output. Every id and label is a quoted string, so no scenario text can be
//! read as a keyword or as syntax.

use std::fmt::Write;

use super::wrap::node_lines;
use super::{EdgeKind, Graph, NodeKind};

pub fn render(g: &Graph) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "digraph brink {{");
    let _ = writeln!(
        w,
        "  graph [rankdir=LR, label={}, labelloc=t, fontname=\"Helvetica\"];",
        quote(&g.title)
    );
    let _ = writeln!(w, "  node [fontname=\"Helvetica\"];");
    let _ = writeln!(w, "  edge [fontname=\"Helvetica\", fontsize=10];");
    let in_cluster = g.in_cluster();
    let node_line = |w: &mut String, indent: &str, n: usize| {
        let node = &g.nodes[n];
        let _ = writeln!(
            w,
            "{indent}{} [label={}, {}];",
            quote(&node.key),
            quote(&node_lines(node).join("\n")),
            style(node.kind)
        );
    };
    for (n, node) in g.nodes.iter().enumerate() {
        if matches!(node.kind, NodeKind::Flag | NodeKind::Variable) {
            node_line(w, "  ", n);
        }
    }
    for c in &g.clusters {
        let _ = writeln!(w, "  subgraph {} {{", quote(&format!("cluster_{}", c.key)));
        let _ = writeln!(
            w,
            "    label={}; style=rounded; color=\"#999999\";",
            quote(&c.label)
        );
        for &n in &c.nodes {
            node_line(w, "    ", n);
        }
        let _ = writeln!(w, "  }}");
    }
    for (n, node) in g.nodes.iter().enumerate() {
        let shown = matches!(node.kind, NodeKind::Flag | NodeKind::Variable) || in_cluster[n];
        if !shown {
            node_line(w, "  ", n);
        }
    }
    for e in &g.edges {
        let mut attrs = Vec::new();
        match e.kind {
            EdgeKind::Condition if !e.negated => {}
            EdgeKind::Condition | EdgeKind::Modifier => attrs.push("style=dashed".to_string()),
            EdgeKind::Effect => {
                attrs.push("color=\"#b03030\", fontcolor=\"#b03030\"".to_string());
            }
        }
        if let Some(label) = &e.shown_label() {
            attrs.push(format!("label={}", quote(label)));
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(
            w,
            "  {} -> {}{attrs};",
            quote(&g.nodes[e.from].key),
            quote(&g.nodes[e.to].key)
        );
    }
    let _ = writeln!(w, "}}");
    out
}

fn style(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Flag => "shape=diamond, fontsize=10, style=filled, fillcolor=\"#eeeeee\"",
        NodeKind::Variable => "shape=cylinder, fontsize=10, style=filled, fillcolor=\"#eeeeee\"",
        NodeKind::Event => "shape=box, style=\"rounded,filled\", fillcolor=\"#dbe9f6\"",
        NodeKind::Terminal => "shape=doubleoctagon, style=filled, fillcolor=\"#f6d5d5\"",
        NodeKind::Horizon => "shape=octagon, style=filled, fillcolor=\"#fbf0c8\"",
        NodeKind::CatchAll => "shape=octagon, style=dashed",
    }
}

/// A dot double-quoted string: backslashes and quotes escaped (so `\n` or `\l` in a label stay
/// literal text), line breaks as dot's centred line break.
pub(super) fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '\\' => q.push_str("\\\\"),
            '"' => q.push_str("\\\""),
            '\n' => q.push_str("\\n"),
            '\r' => {}
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_escape_what_dot_would_read() {
        assert_eq!(quote(r#"a "b" \n c"#), r#""a \"b\" \\n c""#);
        assert_eq!(quote("two\nlines"), r#""two\nlines""#);
    }
}
