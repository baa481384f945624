//! Mermaid flowchart output. Labels are quoted, and every character Mermaid could read as
//! syntax inside a quoted label (quote, `#`, `%`, angle brackets, `&`, backticks, `|` in edge
//! labels) is written as an entity code, so any scenario text renders as is.

use std::fmt::Write;

use super::wrap::node_lines;
use super::{EdgeKind, Graph, NodeKind};

pub fn render(g: &Graph) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "flowchart LR");
    let in_cluster = g.in_cluster();
    let node_line = |w: &mut String, indent: &str, n: usize| {
        let node = &g.nodes[n];
        let (open, close) = shape(node.kind);
        // Escaped line by line: the breaks are the only markup in a label.
        let lines: Vec<String> = node_lines(node).iter().map(|l| escape(l)).collect();
        let _ = writeln!(
            w,
            "{indent}{}{open}\"{}\"{close}",
            node.key,
            lines.join("<br>")
        );
    };
    for (n, node) in g.nodes.iter().enumerate() {
        if matches!(node.kind, NodeKind::Flag | NodeKind::Variable) {
            node_line(w, "  ", n);
        }
    }
    for c in &g.clusters {
        let _ = writeln!(w, "  subgraph {} [\"{}\"]", c.key, escape(&c.label));
        for &n in &c.nodes {
            node_line(w, "    ", n);
        }
        let _ = writeln!(w, "  end");
    }
    for (n, node) in g.nodes.iter().enumerate() {
        if !matches!(node.kind, NodeKind::Flag | NodeKind::Variable) && !in_cluster[n] {
            node_line(w, "  ", n);
        }
    }
    for e in &g.edges {
        let arrow = match e.kind {
            EdgeKind::Condition if !e.negated => "-->",
            EdgeKind::Condition | EdgeKind::Modifier => "-.->",
            EdgeKind::Effect => "==>",
        };
        let arrow = match e.shown_label() {
            // A plain negation reads as a word on the dotted line.
            Some(l) if l == "not" => "-. not .->".to_string(),
            Some(l) => format!("{arrow}|\"{}\"|", escape(&l)),
            None => arrow.to_string(),
        };
        let _ = writeln!(w, "  {} {arrow} {}", g.nodes[e.from].key, g.nodes[e.to].key);
    }
    let classes = [
        (
            NodeKind::Flag,
            "flag",
            "fill:#eeeeee,stroke:#888888,font-size:11px",
        ),
        (
            NodeKind::Variable,
            "variable",
            "fill:#eeeeee,stroke:#888888,font-size:11px",
        ),
        (NodeKind::Event, "event", "fill:#dbe9f6,stroke:#4a78a8"),
        (
            NodeKind::Terminal,
            "terminal",
            "fill:#f6d5d5,stroke:#b03030",
        ),
        (NodeKind::Horizon, "horizon", "fill:#fbf0c8,stroke:#a08020"),
        (
            NodeKind::CatchAll,
            "catchall",
            "fill:#ffffff,stroke:#888888,stroke-dasharray:5 5",
        ),
    ];
    for (kind, class, css) in classes {
        let members: Vec<&str> = g
            .nodes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| n.key.as_str())
            .collect();
        if !members.is_empty() {
            let _ = writeln!(w, "  classDef {class} {css}");
            let _ = writeln!(w, "  class {} {class}", members.join(","));
        }
    }
    let effects: Vec<String> = g
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EdgeKind::Effect)
        .map(|(i, _)| i.to_string())
        .collect();
    if !effects.is_empty() {
        let _ = writeln!(
            w,
            "  linkStyle {} stroke:#b03030,color:#b03030",
            effects.join(",")
        );
    }
    out
}

fn shape(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Flag => ("{", "}"),
        NodeKind::Variable => ("[(", ")]"),
        NodeKind::Event => ("(", ")"),
        NodeKind::Terminal => ("{{", "}}"),
        NodeKind::Horizon | NodeKind::CatchAll => ("([", "])"),
    }
}

/// Text for inside a quoted Mermaid label.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            // `%%{` starts a directive wherever it appears, even inside a quoted label.
            '%' => out.push_str("#37;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_what_mermaid_would_read() {
        assert_eq!(
            escape("say \"no\" #1 <b> & `x` | y\nz"),
            "say #quot;no#quot; #35;1 #lt;b#gt; #amp; #96;x#96; #124; y z"
        );
        assert_eq!(escape("%%{init}%%"), "#37;#37;{init}#37;#37;");
    }
}
