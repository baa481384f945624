//! `[scenario]` and `[scenario.run]`: the name, the horizon and the run defaults.

use super::limits::{MAX_HORIZON, MAX_TRIALS};
use super::read::Cx;
use crate::format::document::{Node, Value};
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::schema;
use crate::format::{Diagnostic, Span};

pub(super) struct Header {
    pub name: String,
    pub description: Option<String>,
    pub source: Option<String>,
    pub time_unit: String,
    pub start: Option<String>,
    pub horizon: u32,
    pub trials: u64,
    pub seed: u64,
}

pub(super) fn scenario(cx: &mut Cx, doc: &ScenarioDoc, root: &Span) -> Option<Header> {
    let Some(node) = &doc.scenario else {
        cx.error(
            Diagnostic::error(root.clone(), "missing `[scenario]` section")
                .label("expected `[scenario]`")
                .help("every scenario starts with `[scenario]`, holding at least `name = \"...\"` and `horizon = 36`"),
        );
        return None;
    };
    let t = node.as_table()?;
    let t = &cx.check_keys(t, &schema::SCENARIO, "[scenario]");
    if let Some(f) = t.get("format") {
        cx.integer(f, "`format`", 1, 2, "1 or 2");
    }
    let name = cx
        .required(
            t,
            "name",
            &node.span,
            "[scenario]",
            "name = \"Escalation after the front breaks\"",
        )
        .and_then(|n| cx.string(n, "`name`"));
    let description = cx.opt_string(t, "description", "`description`");
    let source = cx.opt_string(t, "source", "`source`");
    let time_unit = match t.get("time_unit") {
        Some(n) => cx.string(n, "`time_unit`"),
        None => Some("month".to_string()),
    };
    if let (Some(unit), Some(n)) = (&time_unit, t.get("time_unit")) {
        plural_unit(cx, unit, n);
    }
    let start = t
        .get("start")
        .and_then(|n| start(cx, n, time_unit.as_deref()));
    let horizon = cx
        .required(t, "horizon", &node.span, "[scenario]", "horizon = 36")
        .and_then(|n| {
            // `horizon = "3 years"`: the number of steps it means, in the scenario's unit.
            if let Some(help) = n
                .as_str()
                .and_then(|d| duration_help("horizon", d, time_unit.as_deref()))
            {
                cx.wrong_type(n, "`horizon`", "an integer", Some(help));
                return None;
            }
            cx.integer(n, "`horizon`", 1, MAX_HORIZON, "between 1 and 100000")
        });
    let mut trials = Some(10_000);
    let mut seed = Some(0);
    if let Some(run) = t.get("run") {
        match run.as_table() {
            Some(rt) => {
                let rt = &cx.check_keys(rt, &schema::RUN, "[scenario.run]");
                if let Some(n) = rt.get("trials") {
                    trials = cx
                        .integer(
                            n,
                            "`trials`",
                            1,
                            MAX_TRIALS,
                            "between 1 and 1000000000000 (10^12)",
                        )
                        .map(|v| v as u64);
                }
                if let Some(n) = rt.get("seed") {
                    seed = cx
                        .integer(n, "`seed`", 0, i64::MAX, "between 0 and 2^63 - 1")
                        .map(|v| v as u64);
                }
            }
            None => {
                cx.error(
                    Diagnostic::error(
                        run.span.clone(),
                        format!("`run` must be a table, found {}", run.value.type_name()),
                    )
                    .label("expected a table")
                    .help("write `[scenario.run]` with `trials` and `seed`"),
                );
            }
        }
    }
    Some(Header {
        name: name?,
        description,
        source,
        time_unit: time_unit?,
        start,
        horizon: horizon? as u32,
        trials: trials?,
        seed: seed?,
    })
}

/// `time_unit = "months"`: reports add the `s` themselves ("36 monthss"), and only `"month"`
/// shows calendar months. A warning, since any word is a valid label.
fn plural_unit(cx: &mut Cx, unit: &str, node: &Node) {
    let Some(one) = unit.strip_suffix('s') else {
        return;
    };
    if one.is_empty() || one.ends_with('s') || !one.chars().all(char::is_alphabetic) {
        return;
    }
    let calendar = if one == "month" {
        "; `\"month\"` also shows calendar months with a `start` such as `\"2024-11\"`"
    } else {
        ""
    };
    cx.error(
        Diagnostic::warning(node.span.clone(), "`time_unit` names one step, not several")
            .label(format!("reports would say \"{unit}s\""))
            .help(format!("write `time_unit = \"{one}\"`{calendar}")),
    );
}

/// `start`: a label, which reports turn into calendar months when the unit is `month` and the
/// label a year and month. A date written as one (`2024-11-01`, `"2024/11"`) gets the form that
/// does.
fn start(cx: &mut Cx, node: &Node, unit: Option<&str>) -> Option<String> {
    // `"months"` gets its own warning; the start is still meant as a month.
    let months = matches!(unit.unwrap_or("month"), "month" | "months");
    if let Value::Datetime(d) = &node.value {
        let help = match year_month(d) {
            Some(ym) if months => format!(
                "write the year and month in quotes: `start = \"{ym}\"` (reports then show calendar months)"
            ),
            _ => format!("write it in quotes: `\"{d}\"`"),
        };
        cx.wrong_type(node, "`start`", "a string", Some(help));
        return None;
    }
    let text = cx.string(node, "`start`")?;
    if months
        && calendar("month", Some(&text)).is_none()
        && let Some(ym) = year_month(&text)
    {
        cx.error(
            Diagnostic::warning(
                node.span.clone(),
                format!("`start = \"{text}\"` is only a label"),
            )
            .label("not a year and month")
            .help(format!(
                "reports show calendar months from a start such as `start = \"{ym}\"`"
            )),
        );
    }
    Some(text)
}

/// `"2024-11-01"`, `"2024/11"`, `"2024.1"` as `YYYY-MM`, when they begin with a year and a month.
fn year_month(text: &str) -> Option<String> {
    let text = text.trim();
    let year = text
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    let rest = text[4..].strip_prefix(['-', '/', '.'])?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let month: u32 = rest[..digits]
        .parse()
        .ok()
        .filter(|_| (1..=2).contains(&digits))?;
    let after = &rest[digits..];
    let ok_end = after.is_empty() || after.starts_with(['-', '/', '.', 'T', ' ']);
    ((1..=12).contains(&month) && ok_end).then(|| format!("{year}-{month:02}"))
}

/// The scenario's time unit as written (`None` when it is not a string): what a duration such
/// as `over = "3 months"` is converted into, whether or not the rest of `[scenario]` checks.
pub(super) fn written_unit(doc: &ScenarioDoc) -> Option<&str> {
    match doc.scenario.as_ref()?.as_table()?.get("time_unit") {
        Some(n) => n.as_str(),
        None => Some("month"),
    }
}

/// `"3 years"` as the value of `key` (`horizon`, `over`): the whole number of steps of `unit`
/// it is, when the two units convert exactly (years, quarters, months; other units only to
/// themselves).
pub(super) fn duration_help(key: &str, text: &str, unit: Option<&str>) -> Option<String> {
    let (count, written) = text.trim().split_once(char::is_whitespace)?;
    let count: u64 = count.parse().ok()?;
    let per_year = |u: &str| match u.trim().trim_end_matches('s') {
        "year" => Some(1),
        "quarter" => Some(4),
        "month" => Some(12),
        _ => None,
    };
    let unit = unit.unwrap_or("month");
    let steps = if written.trim().trim_end_matches('s') == unit.trim_end_matches('s') {
        count
    } else {
        let (from, to) = (per_year(written)?, per_year(unit)?);
        let scaled = count.checked_mul(to)?;
        (scaled % from == 0).then_some(scaled / from)?
    };
    Some(format!(
        "`{key}` is a number of steps ({}s here): write `{key} = {steps}` for {}",
        unit.trim_end_matches('s'),
        text.trim()
    ))
}

/// `(year, month)` for `time_unit = "month"` and `start = "YYYY-MM"`.
pub fn calendar(time_unit: &str, start: Option<&str>) -> Option<(i32, u32)> {
    if time_unit != "month" {
        return None;
    }
    let (y, m) = start?.split_once('-')?;
    if y.len() != 4
        || m.len() != 2
        || !y.bytes().all(|b| b.is_ascii_digit())
        || !m.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

#[cfg(test)]
mod tests {
    use super::duration_help;

    #[test]
    fn a_duration_becomes_steps_only_when_the_units_convert_exactly() {
        let steps = |text, unit| {
            duration_help("horizon", text, unit)
                .map(|h| h.split('`').nth(3).unwrap_or("").to_string())
        };
        assert_eq!(steps("3 years", None).as_deref(), Some("horizon = 36"));
        assert_eq!(
            steps("3 years", Some("quarter")).as_deref(),
            Some("horizon = 12")
        );
        assert_eq!(
            steps("6 months", Some("quarter")).as_deref(),
            Some("horizon = 2")
        );
        assert_eq!(
            steps("2 weeks", Some("week")).as_deref(),
            Some("horizon = 2")
        );
        assert_eq!(steps("5 months", Some("quarter")), None);
        assert_eq!(steps("2 weeks", None), None);
        assert_eq!(steps("36", None), None);
        assert_eq!(steps("18446744073709551615 years", None), None);
    }
}
