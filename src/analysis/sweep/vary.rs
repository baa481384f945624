//! `--vary PATH=FROM:TO:N` or `--vary PATH=V1,V2,...`: one axis of a sweep, parsed and
//! expanded into its points.
//!
//! A range's points include both ends and are evenly spaced. Interior points are rounded to
//! twelve significant digits of the axis's scale, so `0.05:0.5:10` gives `0.15`, not
//! `0.15000000000000002`: the value shown, written into the override and simulated is the one a
//! person would have typed. A list's points are its values, in the order written: a seminar
//! asks about the values it argues over (`0,0.05,0.3`), which are rarely evenly spaced.

use std::fmt;

use crate::model::fmt_num;

/// One `--vary` axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Vary {
    pub path: String,
    pub points: Points,
}

/// The points of an axis as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Points {
    /// `FROM:TO:N`: `n` (at least 2) evenly spaced points, both ends included.
    Range { from: f64, to: f64, n: usize },
    /// `V1,V2,...`: two values or more, each once, in the order given.
    List(Vec<f64>),
}

/// Why a `--vary` argument was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaryError {
    /// The argument as given.
    pub arg: String,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for VaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: --vary `{}`: {}", self.arg, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\nhelp: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for VaryError {}

/// The axis as `PATH=FROM:TO:N` or `PATH=V1,V2,...`, its numbers as a report shows them.
impl fmt::Display for Vary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.points {
            Points::Range { from, to, n } => {
                write!(f, "{}={}:{}:{n}", self.path, fmt_num(*from), fmt_num(*to))
            }
            Points::List(values) => {
                let values: Vec<String> = values.iter().map(|&v| fmt_num(v)).collect();
                write!(f, "{}={}", self.path, values.join(","))
            }
        }
    }
}

/// The fraction `text` means when it is a percentage (`5%`: 0.05).
fn percentage(text: &str) -> Option<f64> {
    let p = text.strip_suffix('%')?.trim().parse::<f64>().ok()?;
    p.is_finite().then_some(p / 100.0)
}

/// The points as written (without brackets) with each percentage as its fraction: `5%,10%` is
/// `0.05,0.1`, `5%:50%:10` is `0.05:0.5:10`.
fn as_fractions(points: &str) -> String {
    let points = (points.strip_prefix('[').and_then(|p| p.strip_suffix(']'))).unwrap_or(points);
    let mut out = String::new();
    let mut part = String::new();
    let flush = |part: &mut String, out: &mut String| {
        let t = part.trim();
        match percentage(t) {
            Some(f) => out.push_str(&fmt_num(f)),
            None => out.push_str(t),
        }
        part.clear();
    };
    for c in points.chars() {
        if c == ',' || c == ':' {
            flush(&mut part, &mut out);
            out.push(c);
        } else {
            part.push(c);
        }
    }
    flush(&mut part, &mut out);
    out
}

const EXAMPLE: &str = "write PATH=FROM:TO:N (N evenly spaced points) or PATH=V1,V2,... (the values \
                       listed), e.g. `--vary events.ceasefire.probability=0.05:0.5:10`";

impl Vary {
    /// Parses `PATH=FROM:TO:N` or `PATH=V1,V2,...` (a list may be in brackets).
    pub fn parse(arg: &str) -> Result<Vary, VaryError> {
        let fail = |message: String, help: Option<String>| VaryError {
            arg: arg.to_string(),
            message,
            help,
        };
        let Some((path, range)) = arg.split_once('=') else {
            return Err(fail("no `=`".into(), Some(EXAMPLE.into())));
        };
        let path = path.trim();
        if path.is_empty() {
            return Err(fail("no path before `=`".into(), Some(EXAMPLE.into())));
        }
        let number = |text: &str, what: &str| -> Result<f64, VaryError> {
            if percentage(text).is_some() {
                return Err(fail(
                    format!("{what} `{text}` is a percentage"),
                    Some(format!(
                        "write percentages as fractions: `{path}={}`",
                        as_fractions(range.trim())
                    )),
                ));
            }
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(fail(
                    format!("{what} `{text}` is not a finite number"),
                    Some(EXAMPLE.into()),
                )),
            }
        };
        let bare = range.trim();
        let bare = (bare.strip_prefix('[').and_then(|b| b.strip_suffix(']'))).unwrap_or(bare);
        if bare.contains(',') {
            let mut values: Vec<f64> = Vec::new();
            for text in bare.split(',').map(str::trim) {
                if text.is_empty() {
                    return Err(fail(
                        "an empty value in the list".into(),
                        Some("separate the values by single commas: `0.1,0.2,0.5`".into()),
                    ));
                }
                let v = number(text, "value")?;
                if values.contains(&v) {
                    return Err(fail(
                        format!("{} is listed twice", fmt_num(v)),
                        Some("list each value once: each is a full run".into()),
                    ));
                }
                values.push(v);
            }
            return Ok(Vary {
                path: path.to_string(),
                points: Points::List(values),
            });
        }
        let parts: Vec<&str> = range.split(':').map(str::trim).collect();
        if parts.len() != 3 {
            return Err(fail(
                format!(
                    "expected FROM:TO:N or V1,V2,... after `=`, found {} part{}",
                    parts.len(),
                    if parts.len() == 1 { "" } else { "s" }
                ),
                Some(shape_help(path, range)),
            ));
        }
        let from = number(parts[0], "FROM")?;
        let to = number(parts[1], "TO")?;
        let n = match parts[2].parse::<usize>() {
            Ok(n) if n >= 2 => n,
            _ => {
                return Err(fail(
                    format!("N `{}` is not a whole number >= 2", parts[2]),
                    Some(
                        "N counts the points including both ends: `0:1:5` is 0, 0.25, 0.5, 0.75, 1"
                            .into(),
                    ),
                ));
            }
        };
        Ok(Vary {
            path: path.to_string(),
            points: Points::Range { from, to, n },
        })
    }

    /// The number of points (at least 2).
    pub fn count(&self) -> usize {
        match &self.points {
            Points::Range { n, .. } => *n,
            Points::List(values) => values.len(),
        }
    }

    /// The points: a range's `n` from `from` to `to`, both included; a list's values.
    pub fn points(&self) -> Vec<f64> {
        let (from, to, n) = match &self.points {
            Points::Range { from, to, n } => (*from, *to, *n),
            Points::List(values) => return values.clone(),
        };
        let last = n - 1;
        let scale = from.abs().max(to.abs());
        (0..n)
            .map(|i| match i {
                0 => from,
                i if i == last => to,
                i => tidy(from + (to - from) * i as f64 / last as f64, scale),
            })
            .collect()
    }
}

/// The fix for a range not written FROM:TO:N or V1,V2,..., in the author's own numbers: a list
/// of values separated otherwise than by commas (`0.1;0.2`, `0.1 0.2`), one value alone, a
/// range with a dash (`0.1-0.5`) or without its count (`0.1:0.5`).
fn shape_help(path: &str, range: &str) -> String {
    let numbers = |parts: Vec<&str>| -> Option<Vec<f64>> {
        let parts: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        (parts.len() >= 2)
            .then(|| {
                parts
                    .iter()
                    .map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite()))
                    .collect()
            })
            .flatten()
    };
    let bare = range.trim().trim_start_matches('[').trim_end_matches(']');
    if let Some(values) = numbers(bare.split([';', ' ']).map(str::trim).collect()) {
        let values: Vec<String> = values.iter().map(|&v| fmt_num(v)).collect();
        return format!(
            "separate the values by commas: `{path}={}`",
            values.join(",")
        );
    }
    if let Ok(v) = bare.parse::<f64>() {
        return format!(
            "a sweep runs two values or more; for one value, use `--set {path}={}` with `run`",
            fmt_num(v)
        );
    }
    let two = match range
        .split(':')
        .map(str::trim)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [a, b] => numbers(vec![a, b]),
        // A range as other tools write it (`0.1..0.5`, Rust's and Ruby's; `0.1 to 0.5`).
        [one] if let Some((a, b)) = one.split_once("..").or_else(|| one.split_once(" to ")) => {
            numbers(vec![a.trim(), b.trim_start_matches('=').trim()])
        }
        // A dash between two numbers, but not the sign of the first.
        [one] => one
            .get(1..)
            .and_then(|rest| rest.find('-'))
            .and_then(|i| numbers(vec![&one[..i + 1], &one[i + 2..]])),
        _ => None,
    };
    match two {
        Some(ends) => format!(
            "give the number of points after the range, counting both ends: `{path}={}:{}:5`",
            ends[0], ends[1]
        ),
        None => EXAMPLE.into(),
    }
}

/// `v` rounded to twelve significant digits of `scale` (decimal rounding through the shortest
/// text, so the result is the double nearest the rounded decimal).
fn tidy(v: f64, scale: f64) -> f64 {
    if scale == 0.0 {
        return v;
    }
    let digits = 11 - libm::floor(libm::log10(scale)) as i64;
    let text = if digits >= 0 {
        format!("{v:.*}", digits.min(340) as usize)
    } else if v != 0.0 {
        // Past 10^12, rounded to tens, hundreds, ...: the digits to keep, in scientific form
        // (a plain form would keep the float's noise past the sixteenth digit).
        let sig = libm::floor(libm::log10(v.abs())) as i64 + 1 + digits;
        format!("{v:.*e}", (sig - 1).clamp(0, 17) as usize)
    } else {
        return 0.0;
    };
    let rounded = text.parse::<f64>().unwrap_or(v);
    // No negative zero in a report.
    rounded + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(arg: &str) -> String {
        Vary::parse(arg).unwrap_err().to_string()
    }

    #[test]
    fn parses_a_range() {
        let v = Vary::parse("events.x.probability=0.05:0.5:10").unwrap();
        assert_eq!(
            v,
            Vary {
                path: "events.x.probability".into(),
                points: Points::Range {
                    from: 0.05,
                    to: 0.5,
                    n: 10
                },
            }
        );
        assert_eq!(v.to_string(), "events.x.probability=0.05:0.5:10");
        let v = Vary::parse(" variables.t = -5 : 5 : 3").unwrap();
        assert_eq!(v.path, "variables.t");
        assert_eq!(
            v.points,
            Points::Range {
                from: -5.0,
                to: 5.0,
                n: 3
            }
        );
        assert_eq!(v.count(), 3);
    }

    #[test]
    fn parses_a_list_in_its_order() {
        for arg in ["p=0.3,0,0.05", "p = 0.3, 0, 0.05", "p=[0.3, 0, 0.05]"] {
            let v = Vary::parse(arg).unwrap();
            assert_eq!(v.path, "p", "{arg}");
            assert_eq!(v.points(), vec![0.3, 0.0, 0.05], "{arg}");
            assert_eq!(v.count(), 3);
            assert_eq!(v.to_string(), "p=0.3,0,0.05");
        }
        assert_eq!(
            Vary::parse("h=12,-1e3").unwrap().points(),
            vec![12.0, -1000.0]
        );
    }

    #[test]
    fn points_include_both_ends_and_are_tidy() {
        let v = Vary::parse("p=0.05:0.5:10").unwrap();
        assert_eq!(
            v.points(),
            vec![0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
        );
        assert_eq!(Vary::parse("p=0:1:2").unwrap().points(), vec![0.0, 1.0]);
        assert_eq!(
            Vary::parse("p=1:0:5").unwrap().points(),
            vec![1.0, 0.75, 0.5, 0.25, 0.0]
        );
        assert_eq!(
            Vary::parse("p=-0.3:0.3:3").unwrap().points(),
            vec![-0.3, 0.0, 0.3]
        );
        assert_eq!(
            Vary::parse("h=12:36:4").unwrap().points(),
            vec![12.0, 20.0, 28.0, 36.0]
        );
        let thirds = Vary::parse("p=0:1:4").unwrap().points();
        assert_eq!(thirds[1], 0.33333333333);
        assert_eq!(Vary::parse("p=2:2:3").unwrap().points(), vec![2.0; 3]);
        // Huge ranges are tidy too: twelve significant digits of the range, no float noise.
        assert_eq!(
            Vary::parse("x=1e299:1e301:3").unwrap().points(),
            vec![1e299, 5.05e300, 1e301]
        );
        assert_eq!(
            Vary::parse("x=0:3e15:4").unwrap().points(),
            vec![0.0, 1e15, 2e15, 3e15]
        );
    }

    #[test]
    fn small_scales_keep_their_digits() {
        let pts = Vary::parse("p=1e-9:3e-9:3").unwrap().points();
        assert_eq!(pts, vec![1e-9, 2e-9, 3e-9]);
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        assert_eq!(
            err("events.x.probability"),
            format!("error: --vary `events.x.probability`: no `=`\nhelp: {EXAMPLE}")
        );
        assert_eq!(
            err("=0:1:3"),
            format!("error: --vary `=0:1:3`: no path before `=`\nhelp: {EXAMPLE}")
        );
        assert_eq!(
            err("p=0:1"),
            "error: --vary `p=0:1`: expected FROM:TO:N or V1,V2,... after `=`, found 2 parts\n\
             help: give the number of points after the range, counting both ends: `p=0:1:5`"
        );
        let help = |arg| err(arg).split_once("\nhelp: ").unwrap().1.to_string();
        assert_eq!(
            help("p=0.1-0.5"),
            "give the number of points after the range, counting both ends: `p=0.1:0.5:5`"
        );
        assert_eq!(
            help("p=0.1..0.5"),
            "give the number of points after the range, counting both ends: `p=0.1:0.5:5`"
        );
        assert_eq!(
            help("p=0..=1"),
            "give the number of points after the range, counting both ends: `p=0:1:5`"
        );
        assert_eq!(
            help("p=-1-2"),
            "give the number of points after the range, counting both ends: `p=-1:2:5`"
        );
        assert_eq!(
            help("p=0.1;0.2;0.5"),
            "separate the values by commas: `p=0.1,0.2,0.5`"
        );
        assert_eq!(
            help("p=[0.1 0.5 2]"),
            "separate the values by commas: `p=0.1,0.5,2`"
        );
        assert_eq!(
            help("p=low:high"),
            "write PATH=FROM:TO:N (N evenly spaced points) or PATH=V1,V2,... (the values listed), \
             e.g. `--vary events.ceasefire.probability=0.05:0.5:10`"
        );
        assert_eq!(
            err("p=0.1"),
            "error: --vary `p=0.1`: expected FROM:TO:N or V1,V2,... after `=`, found 1 part\n\
             help: a sweep runs two values or more; for one value, use `--set p=0.1` with `run`"
        );
        assert_eq!(
            err("p=0.1,0.2,0.1"),
            "error: --vary `p=0.1,0.2,0.1`: 0.1 is listed twice\n\
             help: list each value once: each is a full run"
        );
        assert_eq!(
            err("p=0.1,,0.2"),
            "error: --vary `p=0.1,,0.2`: an empty value in the list\n\
             help: separate the values by single commas: `0.1,0.2,0.5`"
        );
        assert!(
            err("p=0.1,x")
                .starts_with("error: --vary `p=0.1,x`: value `x` is not a finite number\n")
        );
        assert!(err("p=0:1:3,5").contains("value `0:1:3` is not a finite number"));
        assert_eq!(
            err("p=5%,10%"),
            "error: --vary `p=5%,10%`: value `5%` is a percentage\n\
             help: write percentages as fractions: `p=0.05,0.1`"
        );
        assert_eq!(
            help("p=[0.01, 12.5 %]"),
            "write percentages as fractions: `p=0.01,0.125`"
        );
        assert_eq!(
            err("p=5%:50%:10"),
            "error: --vary `p=5%:50%:10`: FROM `5%` is a percentage\n\
             help: write percentages as fractions: `p=0.05:0.5:10`"
        );
        assert_eq!(
            err("p=a:1:3"),
            format!("error: --vary `p=a:1:3`: FROM `a` is not a finite number\nhelp: {EXAMPLE}")
        );
        assert_eq!(
            err("p=0:inf:3"),
            format!("error: --vary `p=0:inf:3`: TO `inf` is not a finite number\nhelp: {EXAMPLE}")
        );
        let one = "error: --vary `p=0:1:1`: N `1` is not a whole number >= 2\n\
                   help: N counts the points including both ends: `0:1:5` is 0, 0.25, 0.5, 0.75, 1";
        assert_eq!(err("p=0:1:1"), one);
        assert!(err("p=0:1:2.5").contains("N `2.5` is not a whole number >= 2"));
        assert!(err("p=0:1:-3").contains("N `-3` is not a whole number >= 2"));
    }

    #[test]
    fn toml_numbers_read_back() {
        // An override's value is written by `model::fmt_num`: TOML must read it back exactly.
        use crate::model::fmt_num as toml_number;
        assert_eq!(toml_number(24.0), "24");
        assert_eq!(toml_number(-3.0), "-3");
        assert_eq!(toml_number(0.15), "0.15");
        assert_eq!(toml_number(1e20), "1e20");
        assert_eq!(toml_number(1e-7), "1e-7");
        // A sweep's points are shown the same way: no hundreds of digits for a huge range.
        assert_eq!(toml_number(0.05), "0.05");
        assert_eq!(toml_number(3.0), "3");
        assert_eq!(toml_number(5.05e300), "5.05e300");
        assert_eq!(toml_number(2.5e-9), "2.5e-9");
        for v in [0.15, 1e20, 1e-7, 0.333333333333, -2.5] {
            let parsed: toml::Value = toml::from_str(&format!("x = {}", toml_number(v)))
                .map(|t: toml::Table| t["x"].clone())
                .unwrap();
            assert_eq!(parsed.as_float(), Some(v), "{v}");
        }
    }
}
