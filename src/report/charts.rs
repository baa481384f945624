//! The HTML report's charts, drawn with plotters' SVG backend (no system font library: text is
//! written as SVG `<text>` and laid out by the browser). Colours are the Okabe-Ito palette,
//! which stays distinguishable with the common colour-vision deficiencies. Every chart is an
//! SVG string, the same bytes for the same numbers.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

/// Okabe-Ito: orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow, black.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0x00, 0x00, 0x00),
];

/// Width of every chart, in SVG units (A4's printable width at 96 units an inch is about 700).
const WIDTH: u32 = 680;

/// The narrowest label area of a bar chart, and the widest (the bars keep the rest).
const LABELS_MIN: u32 = 190;
const LABELS_MAX: u32 = 400;
/// A generous width of one label character (plotters writes labels at about 9.7 units in the
/// browser's sans-serif, whose characters average well under this).
const CHAR_WIDTH: f64 = 5.0;

/// The label area a bar chart needs for its longest label (the labels end at its right edge and
/// grow leftwards, so a short area cuts them off at the chart's left edge).
fn label_area(labels: &[String]) -> u32 {
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    ((longest as f64 * CHAR_WIDTH).ceil() as u32 + 12).clamp(LABELS_MIN, LABELS_MAX)
}

/// `label` shortened in the middle to fit the widest label area (the table beside the chart
/// has it whole): both ends of an input's path tell which it is.
fn fitted(label: &str) -> String {
    let room = ((LABELS_MAX - 12) as f64 / CHAR_WIDTH) as usize;
    let chars: Vec<char> = label.chars().collect();
    if chars.len() <= room {
        return label.to_string();
    }
    let head = (room - 1) / 2;
    let tail = room - 1 - head;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// One horizontal bar: a label, a value and its 95% interval (all in the chart's unit).
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub interval: Option<[f64; 2]>,
}

/// One line over the x axis, with an optional band (its 95% interval at each point).
pub struct Line {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    pub band: Vec<(f64, f64, f64)>,
}

fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Horizontal bars with interval whiskers, e.g. outcome probabilities in percent. Bars may be
/// negative (differences, swings): the axis then spans both sides of 0.
pub fn bars(bars: &[Bar], x_desc: &str) -> String {
    let n = bars.len().max(1) as i32;
    let ends = bars.iter().flat_map(|b| {
        let [lo, hi] = b.interval.unwrap_or([b.value, b.value]);
        [b.value, lo, hi]
    });
    let (min, max) = ends.fold((0f64, 0f64), |(a, b), x| (a.min(x), b.max(x)));
    let pad = ((max - min) * 0.05).max(0.5);
    let (x0, x1) = (if min < 0.0 { min - pad } else { 0.0 }, max + pad);
    let height = 60 + 28 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let labels: Vec<String> = bars.iter().map(|b| fitted(&b.label)).collect();
        let built = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(40)
            .y_label_area_size(label_area(&labels))
            .build_cartesian_2d(x0..x1, (0..n).into_segmented());
        let Ok(mut chart) = built else {
            return svg_fallback();
        };
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .x_desc(x_desc)
            .y_labels(n as usize)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) if (0..n).contains(i) => {
                    labels[(n - 1 - *i) as usize].clone()
                }
                _ => String::new(),
            })
            .draw();
        // The first bar on top, as in the tables.
        let row = |i: usize| n - 1 - i as i32;
        let _ = chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(row(i))),
                    (b.value, SegmentValue::Exact(row(i) + 1)),
                ],
                color(i).mix(0.85).filled(),
            )
        }));
        let _ = chart.draw_series(bars.iter().enumerate().filter_map(|(i, b)| {
            let [lo, hi] = b.interval?;
            let y = || SegmentValue::CenterOf(row(i));
            Some(PathElement::new(
                vec![(lo, y()), (hi, y())],
                BLACK.stroke_width(2),
            ))
        }));
        let _ = root.present();
    }
    svg
}

/// A tick on a numeric axis: the chart's ticks are sums of float steps (0.1 + 0.05 is
/// 0.15000000000000002), so they are written to four significant digits.
pub fn number_tick(x: f64) -> String {
    super::fmt::num(x)
}

/// Lines over a numeric x axis (steps, a swept value), each with its band when given;
/// `x_label` writes a tick (a month for a step).
pub fn lines(
    lines: &[Line],
    x_desc: &str,
    y_desc: &str,
    x_label: &dyn Fn(f64) -> String,
) -> String {
    let xs = lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (x0, x1) = if x0 < x1 { (x0, x1) } else { (0.0, 1.0) };
    let top = lines
        .iter()
        .flat_map(|l| {
            l.points
                .iter()
                .map(|p| p.1)
                .chain(l.band.iter().map(|b| b.2))
        })
        .fold(0f64, f64::max);
    let y1 = (top * 1.08).clamp(1.0, 100.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 360)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let built = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(x0..x1, 0f64..y1);
        let Ok(mut chart) = built else {
            return svg_fallback();
        };
        let _ = chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc)
            .x_label_formatter(&|x| x_label(*x))
            .draw();
        for (i, l) in lines.iter().enumerate() {
            let c = color(i);
            if !l.band.is_empty() {
                let mut outline: Vec<(f64, f64)> = l.band.iter().map(|b| (b.0, b.2)).collect();
                outline.extend(l.band.iter().rev().map(|b| (b.0, b.1)));
                let _ = chart.draw_series(std::iter::once(Polygon::new(outline, c.mix(0.2))));
            }
            if let Ok(series) =
                chart.draw_series(LineSeries::new(l.points.clone(), c.stroke_width(2)))
            {
                let label = l.label.clone();
                series.label(label).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(2))
                });
            }
        }
        let _ = chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .position(SeriesLabelPosition::UpperLeft)
            .draw();
        let _ = root.present();
    }
    svg
}

/// What a chart shows when plotters cannot lay it out (an empty or degenerate range).
fn svg_fallback() -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"></svg>".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_area_grows_with_the_longest_label_up_to_a_cap() {
        let area = |l: &str| label_area(&[l.to_string()]);
        assert_eq!(area("world_war_iii"), LABELS_MIN);
        let long = "events.nk_soldiers_captured_or_defect.modifiers.0.factor";
        assert!(
            area(long) as f64 >= long.len() as f64 * CHAR_WIDTH,
            "{}",
            area(long)
        );
        assert_eq!(area(&"x".repeat(200)), LABELS_MAX);
        assert_eq!(fitted(long), long);
        let cut = fitted(&format!("head.{}.tail", "x".repeat(200)));
        assert!(cut.starts_with("head.") && cut.ends_with(".tail") && cut.contains('…'));
        assert!(cut.chars().count() as f64 * CHAR_WIDTH + 12.0 <= LABELS_MAX as f64);
    }

    #[test]
    fn bars_draw_labels_and_whiskers_as_svg() {
        let svg = bars(
            &[Bar {
                label: "world_war_iii".into(),
                value: 2.1,
                interval: Some([1.8, 2.4]),
            }],
            "probability (%)",
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(
            svg.contains("world_war_iii") && svg.contains("probability (%)"),
            "{svg}"
        );
        assert!(svg.contains("#E69F00"), "Okabe-Ito orange: {svg}");
        let again = bars(
            &[Bar {
                label: "world_war_iii".into(),
                value: 2.1,
                interval: Some([1.8, 2.4]),
            }],
            "probability (%)",
        );
        assert_eq!(svg, again, "the same bytes for the same numbers");
    }

    #[test]
    fn lines_have_a_legend_and_a_band() {
        let svg = lines(
            &[Line {
                label: "war".into(),
                points: vec![(0.0, 0.0), (1.0, 10.0), (2.0, 20.0)],
                band: vec![(0.0, 0.0, 0.0), (1.0, 8.0, 12.0), (2.0, 18.0, 22.0)],
            }],
            "month",
            "probability (%)",
            &|x| format!("m{x}"),
        );
        assert!(svg.contains("\nwar\n") && svg.contains("<polygon"), "{svg}");
    }

    #[test]
    fn ticks_of_a_swept_value_are_written_without_float_noise() {
        let svg = lines(
            &[Line {
                label: "war".into(),
                points: vec![(0.1, 10.0), (0.35, 20.0), (0.6, 30.0)],
                band: Vec::new(),
            }],
            "events.a.probability",
            "probability (%)",
            &number_tick,
        );
        // plotters steps 0.1 by 0.05: its ticks are 0.15000000000000002 and the like.
        for tick in ["0.15", "0.3", "0.45", "0.55"] {
            assert!(svg.contains(&format!(">\n{tick}\n<")), "{tick} in {svg}");
        }
        // Every number written on the chart (its texts are the lines that are not tags) has at
        // most four decimals.
        let numbers = svg.lines().filter(|l| l.parse::<f64>().is_ok());
        for text in numbers {
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 4, "{text:?}");
        }
    }
}
