//! The second half of the layered drawing: coordinates. Columns stand side by side with room
//! for arrow labels between them; in each column the nodes keep their order, spaced so that no
//! two boxes overlap, and move towards their neighbours. An arrow leaves its node's side, runs
//! straight across every column it passes (through its placeholder's slot, kept free of
//! boxes) and bends only in the gaps between columns.

use super::layers::{Layers, layers, neighbours_mean};

/// A box: top-left corner and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Where everything goes.
pub struct Layout {
    pub nodes: Vec<Rect>,
    /// For each edge, the points of its line from its source's side to its target's.
    pub edges: Vec<Vec<(f64, f64)>>,
    pub width: f64,
    pub height: f64,
}

/// The gap between two columns (arrows bend and carry their labels there).
const COLUMN_GAP: f64 = 90.0;
/// The least vertical space between two boxes of a column.
const ROW_GAP: f64 = 18.0;
/// The height of an arrow's slot in a column it passes.
const PASS: f64 = 8.0;

/// Lays out nodes of the given sizes (width, height), joined by `edges` (from, to; `weak` ones
/// point backwards first to break a cycle), inside a margin of `margin` with `top` more space
/// above.
pub fn layout(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize)],
    weak: &[bool],
    margin: f64,
    top: f64,
) -> Layout {
    let l = layers(sizes.len(), edges, weak);
    let size = |v: usize| {
        if v < l.real { sizes[v] } else { (0.0, PASS) }
    };
    // Column x positions.
    let widths: Vec<f64> = l
        .columns
        .iter()
        .map(|c| c.iter().map(|&v| size(v).0).fold(0.0, f64::max))
        .collect();
    let mut left = Vec::with_capacity(widths.len());
    let mut x = margin;
    for w in &widths {
        left.push(x);
        x += w + COLUMN_GAP;
    }
    let width = (x - COLUMN_GAP + margin).max(2.0 * margin);
    let centre = place_rows(&l, &size);
    // Shift everything so that the topmost box starts under the title.
    let tops = (0..l.column.len()).map(|v| centre[v] - size(v).1 / 2.0);
    let shift = top + margin - tops.fold(f64::INFINITY, f64::min);
    let shift = if shift.is_finite() { shift } else { 0.0 };
    let rect = |v: usize| {
        let (w, h) = size(v);
        let c = l.column[v];
        Rect {
            x: left[c] + (widths[c] - w) / 2.0,
            y: centre[v] + shift - h / 2.0,
            w,
            h,
        }
    };
    let all: Vec<Rect> = (0..l.column.len()).map(rect).collect();
    let height = all.iter().map(|r| r.y + r.h).fold(top + margin, f64::max) + margin;
    let edges = routes(&l, &all, &left, &widths);
    Layout {
        nodes: all[..l.real].to_vec(),
        edges,
        width,
        height,
    }
}

/// The same layout turned a quarter: columns become rows, arrows run downwards (for a page,
/// which is taller than wide), with `top` room above the first row.
pub fn downwards(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize)],
    weak: &[bool],
    margin: f64,
    top: f64,
) -> Layout {
    let turned: Vec<(f64, f64)> = sizes.iter().map(|&(w, h)| (h, w)).collect();
    let l = layout(&turned, edges, weak, margin, 0.0);
    Layout {
        nodes: l
            .nodes
            .iter()
            .map(|r| Rect {
                x: r.y,
                y: r.x + top,
                w: r.h,
                h: r.w,
            })
            .collect(),
        edges: l
            .edges
            .iter()
            .map(|line| line.iter().map(|&(x, y)| (y, x + top)).collect())
            .collect(),
        width: l.height,
        height: l.width + top,
    }
}

/// The vertical centre of every node: each column stacked in its order, then moved a few times
/// towards the mean of its neighbours while keeping the order and the gaps.
fn place_rows(l: &Layers, size: &dyn Fn(usize) -> (f64, f64)) -> Vec<f64> {
    let n = l.column.len();
    let mut centre = vec![0.0; n];
    let gap = |a: usize, b: usize| (size(a).1 + size(b).1) / 2.0 + ROW_GAP;
    for col in &l.columns {
        let mut y = 0.0;
        for (i, &v) in col.iter().enumerate() {
            if i > 0 {
                y += gap(col[i - 1], v);
            }
            centre[v] = y;
        }
    }
    let links = l.links();
    for round in 0..6 {
        let count = l.columns.len();
        for step in 0..count {
            let c = if round % 2 == 0 {
                step
            } else {
                count - 1 - step
            };
            let col = &l.columns[c];
            let wanted: Vec<f64> = col
                .iter()
                .map(|&v| neighbours_mean(&links, v, &centre, |_| true))
                .collect();
            // As close to the wanted places as the gaps allow, pushed down from the top and up
            // from the bottom; the mean of the two keeps every gap too.
            let k = col.len();
            let mut down = wanted.clone();
            for i in 1..k {
                down[i] = down[i].max(down[i - 1] + gap(col[i - 1], col[i]));
            }
            let mut up = wanted;
            for i in (0..k.saturating_sub(1)).rev() {
                up[i] = up[i].min(up[i + 1] - gap(col[i], col[i + 1]));
            }
            for i in 0..k {
                centre[col[i]] = (down[i] + up[i]) / 2.0;
            }
        }
    }
    centre
}

/// The line of every edge. Arrows leave the right side of a box and enter the left side of
/// the next (an arrow turned round to break a cycle runs right to left), each side's arrows
/// spread over its height in the order of where they go, so none share an end point.
fn routes(l: &Layers, rect: &[Rect], left: &[f64], widths: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mid = |v: usize| rect[v].y + rect[v].h / 2.0;
    // Ports: (node, right side?) -> the (edge, end) pairs there, sorted by the other end.
    let mut ports: Vec<Vec<(f64, usize, bool)>> = vec![Vec::new(); 2 * l.real];
    for (e, chain) in l.chains.iter().enumerate() {
        if chain.len() < 2 {
            continue;
        }
        for (end, (v, w)) in [
            (chain[0], chain[1]),
            (chain[chain.len() - 1], chain[chain.len() - 2]),
        ]
        .into_iter()
        .enumerate()
        {
            let right = l.column[w] > l.column[v];
            ports[2 * v + right as usize].push((mid(w), e, end == 1));
        }
    }
    let mut port_y = vec![[0.0; 2]; l.chains.len()];
    for (p, list) in ports.iter_mut().enumerate() {
        list.sort_by(|a, b| a.0.total_cmp(&b.0));
        let r = rect[p / 2];
        let k = list.len() as f64;
        for (i, &(_, e, end)) in list.iter().enumerate() {
            port_y[e][end as usize] = r.y + r.h * (i as f64 + 1.0) / (k + 1.0);
        }
    }
    let mut out = Vec::with_capacity(l.chains.len());
    for (e, chain) in l.chains.iter().enumerate() {
        if chain.len() < 2 {
            out.push(Vec::new());
            continue;
        }
        let last = chain.len() - 1;
        let mut points = Vec::new();
        for (i, &v) in chain.iter().enumerate() {
            let c = l.column[v];
            let (col_l, col_r) = (left[c], left[c] + widths[c]);
            // Which way the line runs through this column.
            let rightwards = if i < last {
                l.column[chain[i + 1]] > c
            } else {
                c > l.column[chain[i - 1]]
            };
            let (near, far) = if rightwards {
                (col_l, col_r)
            } else {
                (col_r, col_l)
            };
            let r = rect[v];
            let (side_in, side_out) = if rightwards {
                (r.x, r.x + r.w)
            } else {
                (r.x + r.w, r.x)
            };
            if i == 0 {
                let y = port_y[e][0];
                points.extend([(side_out, y), (far, y)]);
            } else if i == last {
                let y = port_y[e][1];
                points.extend([(near, y), (side_in, y)]);
            } else {
                let y = mid(v);
                points.extend([(near, y), (far, y)]);
            }
        }
        points.dedup();
        out.push(points);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{downwards, layout};

    #[test]
    fn boxes_of_a_column_do_not_overlap_and_lines_end_on_boxes() {
        let sizes = [(80.0, 30.0), (60.0, 40.0), (100.0, 30.0), (50.0, 20.0)];
        let edges = [(0, 1), (0, 2), (1, 3), (2, 3), (0, 3), (3, 0)];
        let l = layout(&sizes, &edges, &[false; 6], 10.0, 20.0);
        let (a, b) = (l.nodes[1], l.nodes[2]);
        assert!(a.y + a.h <= b.y || b.y + b.h <= a.y, "{a:?} {b:?}");
        for (e, &(from, to)) in edges.iter().enumerate() {
            let line = &l.edges[e];
            let on = |p: (f64, f64), v: usize| {
                let r = l.nodes[v];
                (p.0 == r.x || p.0 == r.x + r.w) && p.1 > r.y && p.1 < r.y + r.h
            };
            assert!(on(line[0], from), "edge {e}: {line:?}");
            assert!(on(*line.last().unwrap(), to), "edge {e}: {line:?}");
        }
        assert!(l.width > 0.0 && l.height > 20.0);
        // Turned: the first node is above the ones it leads to, its size turned back.
        let d = downwards(&sizes, &edges, &[false; 6], 10.0, 20.0);
        assert_eq!((d.nodes[0].w, d.nodes[0].h), sizes[0]);
        assert!(d.nodes[0].y + d.nodes[0].h < d.nodes[1].y);
        assert!(d.nodes.iter().all(|r| r.y >= 30.0));
    }
}
