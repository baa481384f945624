//! HTML: one self-contained page for a seminar room. Styles and SVG charts are inline, there is
//! no script, font or request to anywhere, and it prints on A4. The page is filled by a
//! template (minijinja, which escapes every value for HTML unless a chart is marked safe), and
//! like the JSON it carries no timings, so the same inputs give the same bytes.

use minijinja::Environment;
use serde::Serialize;

use super::charts::{Bar, Line, bars, lines};
use super::figures::{percent, percent_ci, percent_exact};
use super::run_document::{Drawing, RunDocument};
use super::sections::{header, sections};
use super::shape::Report;
use super::tabular::Table;
use super::when::moment;

const TEMPLATE: &str = include_str!("html/page.html");

/// A document as one HTML page.
pub trait ToHtml {
    /// The page; `command` is the command line that reproduces it.
    fn to_html(&self, command: &str) -> String;
    /// The seed the document was made with (written out for `--seed random`).
    fn seed(&self) -> Option<u64>;
}

/// One section of a page: a chart with its text alternative, and/or a table, then notes.
#[derive(Serialize, Default)]
pub struct HtmlSection {
    pub title: String,
    pub chart: Option<String>,
    pub alt: String,
    pub header: Vec<String>,
    pub right: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
}

impl HtmlSection {
    /// A section holding `table`.
    pub fn table(title: &str, table: &Table) -> HtmlSection {
        HtmlSection {
            title: title.into(),
            header: table.header.clone(),
            right: table.right.clone(),
            rows: table.rows.clone(),
            ..HtmlSection::default()
        }
    }

    /// A section holding a chart (an SVG string) described by `alt`.
    pub fn chart(title: &str, svg: String, alt: String) -> HtmlSection {
        HtmlSection {
            title: title.into(),
            chart: Some(svg),
            alt,
            ..HtmlSection::default()
        }
    }

    /// The chain drawn at the end of a page, `of` naming whose chain it is when a page has
    /// more than one (compare's A and B), with `note` saying whose figures are on it.
    pub fn chain(of: Option<&str>, drawing: &Drawing, note: Option<String>) -> HtmlSection {
        let title = match of {
            Some(side) => format!("The chain of {side}: milestones and outcomes"),
            None => "The chain: milestones and outcomes".into(),
        };
        HtmlSection {
            notes: note.into_iter().collect(),
            ..HtmlSection::chart(&title, drawing.svg.clone(), drawing.alt.clone())
        }
    }
}

/// The whole page.
pub fn page(title: &str, lines: &[String], command: &str, sections: &[HtmlSection]) -> String {
    let mut env = Environment::new();
    // Escape what HTML needs (`& < > " '`) and no more, so a path reads as typed in the source.
    env.set_formatter(|out, _state, value| {
        let text = if value.is_undefined() || value.is_none() {
            String::new()
        } else if value.is_safe() {
            value.to_string()
        } else {
            escape(&value.to_string())
        };
        out.write_str(&text).map_err(minijinja::Error::from)
    });
    env.add_filter("breakable", |text: String| {
        minijinja::Value::from_safe_string(breakable(&text))
    });
    // The template is part of the program: a failure here is a bug caught by the tests.
    if env.add_template("page.html", TEMPLATE).is_err() {
        return String::new();
    }
    let context = minijinja::context! {
        title,
        command,
        lines => minijinja::value::Serde(lines),
        sections => minijinja::value::Serde(sections),
        version => env!("CARGO_PKG_VERSION"),
    };
    let mut html = env
        .get_template("page.html")
        .and_then(|t| t.render(context))
        .unwrap_or_default();
    html.push('\n');
    html
}

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// `text` escaped, with a line-break opportunity (`<wbr>`) after each `_` or `.` between two
/// letters or digits: a narrow column then breaks an id such as `nk_soldiers_captured` or
/// `events.ceasefire.probability` between its words, never inside one.
pub fn breakable(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        push_escaped(&mut out, c);
        let between = i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if (c == '_' || c == '.') && between && !is_number_part(&chars, i) {
            out.push_str("<wbr>");
        }
    }
    out
}

/// Whether the `.` or `_` at `i` sits between two digits (a decimal point, not a word joint).
fn is_number_part(chars: &[char], i: usize) -> bool {
    chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit()
}

/// `argv` as a shell command line: `brink` for the program, `--output` left out (with
/// `--format html` in its place when the file's extension chose the page), a drawn seed written
/// out, and words with spaces or shell characters single-quoted.
pub fn command_line(argv: &[String], seed: Option<u64>) -> String {
    let mut words = vec!["brink".to_string()];
    let formatted = (argv.iter()).any(|a| a == "--format" || a.starts_with("--format="));
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        if a == "--output" || a.starts_with("--output=") {
            if a == "--output" {
                args.next();
            }
            if !formatted {
                words.extend(["--format".into(), "html".into()]);
            }
            continue;
        }
        match (a.as_str(), seed) {
            ("--seed", Some(s)) => {
                args.next();
                words.extend(["--seed".into(), s.to_string()]);
            }
            (x, Some(s)) if x.starts_with("--seed=") => words.push(format!("--seed={s}")),
            _ => words.push(shell_word(a)),
        }
    }
    words.join(" ")
}

/// `word` as a POSIX shell reads it back: plain, or in single quotes.
pub fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+%@".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

impl ToHtml for RunDocument {
    fn seed(&self) -> Option<u64> {
        (!self.report.exact).then_some(self.report.seed)
    }

    fn to_html(&self, command: &str) -> String {
        let r = &self.report;
        let lines = header(r, None);
        let mut out = vec![outcome_chart(r), by_step_chart(self)];
        for s in sections(r) {
            let mut section = match s.title {
                "Events" => events(self, &s.table),
                "Outcomes" => {
                    let mut t = s.table.clone();
                    // The chart above is the bar.
                    t.header.pop();
                    t.right.pop();
                    t.rows.iter_mut().for_each(|row| drop(row.pop()));
                    HtmlSection::table(s.title, &t)
                }
                title => HtmlSection::table(title, &s.table),
            };
            section.notes.extend(s.notes);
            out.push(section);
        }
        if let Some(chain) = &self.chain {
            out.push(HtmlSection::chain(None, chain, None));
        }
        if let Some(footer) = &self.footer {
            out.push(HtmlSection {
                title: "Notes".into(),
                notes: footer.markdown.clone(),
                ..HtmlSection::default()
            });
        }
        page(&lines[0], &lines[1..], command, &out)
    }
}

/// The outcomes as bars with their 95% intervals, in percent.
fn outcome_chart(r: &Report) -> HtmlSection {
    let rows: Vec<Bar> = r
        .outcomes
        .iter()
        .map(|o| Bar {
            label: o.id.clone(),
            value: o.probability * 100.0,
            interval: o.ci95.map(|[lo, hi]| [lo * 100.0, hi * 100.0]),
        })
        .collect();
    let said: Vec<String> = r
        .outcomes
        .iter()
        .map(|o| match o.ci95 {
            Some([lo, hi]) => {
                let (p, ci) = percent_ci(o.probability, lo, hi);
                format!("{} {p} {ci}", o.id)
            }
            None => format!("{} {}", o.id, percent_exact(o.probability)),
        })
        .collect();
    HtmlSection::chart(
        "Outcome probabilities",
        bars(&rows, "probability (%), with its 95% interval"),
        format!(
            "Bar chart of each outcome's probability in percent with its 95% interval: {}.",
            said.join("; ")
        ),
    )
}

/// The cumulative probability by step of each terminal outcome and milestone event.
fn by_step_chart(doc: &RunDocument) -> HtmlSection {
    let r = &doc.report;
    let curve = |label: &str, by: &super::ByStep| Line {
        label: label.to_string(),
        points: (0..=r.horizon)
            .map(|t| (f64::from(t), by.at(t) * 100.0))
            .collect(),
        band: Vec::new(),
    };
    let milestone = |id: &str| doc.assumptions.iter().any(|a| a.id == id && a.milestone);
    let mut shown: Vec<Line> = r
        .outcomes
        .iter()
        .filter(|o| o.terminal)
        .map(|o| curve(&o.id, &o.by_step))
        .collect();
    shown.extend(
        r.events
            .iter()
            .filter(|e| milestone(&e.id))
            .map(|e| curve(&e.id, &e.by_step)),
    );
    let unit = match r.scenario.start {
        Some(_) if r.scenario.time_unit == "month" => "month",
        _ => "step",
    };
    let at_end: Vec<String> = shown
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                l.label,
                percent(l.points.last().map_or(0.0, |p| p.1) / 100.0)
            )
        })
        .collect();
    let svg = lines(&shown, unit, "probability by then (%)", &|x| {
        moment(r, x.max(0.0).round() as u32)
    });
    HtmlSection::chart(
        "When: the probability that each has happened by then",
        svg,
        format!(
            "Line chart of the cumulative probability, by {unit} from {} to {}, that each \
             outcome has ended the trial and each milestone event has fired; at the end: {}.",
            moment(r, 0),
            moment(r, r.horizon),
            at_end.join("; ")
        ),
    )
}

/// The events table of the report (`numbers`, one row per event) with each event's label, and
/// its source and rationale beside the numbers, so the figures are those of the other formats.
fn events(doc: &RunDocument, numbers: &Table) -> HtmlSection {
    let mut t = Table::new(
        [
            &numbers.header[..1],
            &["label".to_string()],
            &numbers.header[1..],
            &["source".to_string(), "rationale".to_string()],
        ]
        .concat(),
        [
            &numbers.right[..1],
            &[false],
            &numbers.right[1..],
            &[false, false],
        ]
        .concat(),
    );
    for (e, row) in doc.report.events.iter().zip(&numbers.rows) {
        let a = doc.assumptions.iter().find(|a| a.id == e.id);
        let mut row = row.clone();
        row.insert(1, e.label.clone());
        row.push(a.and_then(|a| a.source.clone()).unwrap_or_default());
        row.push(a.and_then(|a| a.rationale.clone()).unwrap_or_default());
        t.push(row);
    }
    HtmlSection::table("Events and the assumptions behind them", &t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(line: &str) -> Vec<String> {
        line.split(' ').map(String::from).collect()
    }

    #[test]
    fn the_command_line_leaves_out_the_output_and_writes_the_seed() {
        assert_eq!(
            command_line(
                &argv("target/brink run a.toml --output r.html --seed random --format html"),
                Some(7)
            ),
            "brink run a.toml --seed 7 --format html"
        );
        assert_eq!(
            command_line(&argv("brink run a.toml --given x&y --output=r.html"), None),
            "brink run a.toml --given 'x&y' --format html"
        );
        assert_eq!(
            command_line(&argv("brink run a.toml --output r.htm --trials 10"), None),
            "brink run a.toml --format html --trials 10"
        );
    }

    #[test]
    fn the_page_escapes_text_and_keeps_charts() {
        let html = page(
            "A <b>title</b>",
            &["line & more".into()],
            "brink run 'a b'",
            &[HtmlSection::chart("c", "<svg></svg>".into(), "alt".into())],
        );
        assert!(html.contains("A &lt;b&gt;title&lt;/b&gt;"), "{html}");
        assert!(html.contains("line &amp; more"), "{html}");
        assert!(html.contains("<svg></svg>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn ids_break_between_their_words_and_numbers_stay_whole() {
        assert_eq!(
            breakable("nk_soldiers_captured"),
            "nk_<wbr>soldiers_<wbr>captured"
        );
        assert_eq!(
            breakable("events.ceasefire.probability"),
            "events.<wbr>ceasefire.<wbr>probability"
        );
        assert_eq!(breakable("0.15 and 12.5%"), "0.15 and 12.5%");
        assert_eq!(
            breakable("_lead, trail_ a_<b>"),
            "_lead, trail_ a_&lt;b&gt;"
        );
        assert_eq!(breakable("a&b_c"), "a&amp;b_<wbr>c");
    }

    #[test]
    fn table_cells_of_the_page_carry_the_break_hints() {
        let mut table = Table::new(vec!["event".into()], vec![false]);
        table.rows.push(vec!["war_in_korea".into()]);
        let html = page("t", &[], "c", &[HtmlSection::table("s", &table)]);
        assert!(html.contains("<td>war_<wbr>in_<wbr>korea</td>"), "{html}");
    }
}
