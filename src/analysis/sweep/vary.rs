//! `--vary PATH=FROM:TO:N`: one axis of a sweep, parsed and expanded into its points.
//!
//! The points include both ends and are evenly spaced. Interior points are rounded to twelve
//! significant digits of the axis's scale, so `0.05:0.5:10` gives `0.15`, not
//! `0.15000000000000002`: the value shown, written into the override and simulated is the one a
//! person would have typed.

use std::fmt;

/// One `--vary` axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Vary {
    pub path: String,
    pub from: f64,
    pub to: f64,
    /// Number of points, at least 2.
    pub n: usize,
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

const EXAMPLE: &str =
    "write PATH=FROM:TO:N, e.g. `--vary events.ceasefire.probability=0.05:0.5:10`";

impl Vary {
    /// Parses `PATH=FROM:TO:N`.
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
        let parts: Vec<&str> = range.split(':').map(str::trim).collect();
        if parts.len() != 3 {
            return Err(fail(
                format!(
                    "expected FROM:TO:N after `=`, found {} part{}",
                    parts.len(),
                    if parts.len() == 1 { "" } else { "s" }
                ),
                Some(shape_help(path, range)),
            ));
        }
        let number = |text: &str, what: &str| -> Result<f64, VaryError> {
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(fail(
                    format!("{what} `{text}` is not a finite number"),
                    Some(EXAMPLE.into()),
                )),
            }
        };
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
            from,
            to,
            n,
        })
    }

    /// The `n` points from `from` to `to`, both included.
    pub fn points(&self) -> Vec<f64> {
        let last = self.n - 1;
        let scale = self.from.abs().max(self.to.abs());
        (0..self.n)
            .map(|i| match i {
                0 => self.from,
                i if i == last => self.to,
                i => tidy(
                    self.from + (self.to - self.from) * i as f64 / last as f64,
                    scale,
                ),
            })
            .collect()
    }
}

/// The fix for a range not written FROM:TO:N, in the author's own numbers: a list of values
/// (`0.1,0.2,0.3`, `[0.1, 0.2]`), a range with a dash (`0.1-0.5`) or without its count
/// (`0.1:0.5`).
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
    let listed = numbers(bare.split([',', ';', ' ']).map(str::trim).collect());
    if let Some(values) = listed {
        let (first, last, n) = (values[0], values[values.len() - 1], values.len());
        let step = (last - first) / (n - 1) as f64;
        let even = (values.windows(2))
            .all(|w| ((w[1] - w[0]) - step).abs() <= 1e-9 * first.abs().max(last.abs()));
        return if even && step != 0.0 {
            format!(
                "a sweep takes evenly spaced points, FROM:TO:N: these are `{path}={first}:{last}:{n}`"
            )
        } else {
            format!(
                "a sweep takes evenly spaced points, FROM:TO:N (`{path}={first}:{last}:{n}` spaces \
                 {n} points from {first} to {last}); for one value, use `--set {path}=VALUE` with \
                 `run`"
            )
        };
    }
    let two = match range
        .split(':')
        .map(str::trim)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [a, b] => numbers(vec![a, b]),
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
                from: 0.05,
                to: 0.5,
                n: 10
            }
        );
        let v = Vary::parse(" variables.t = -5 : 5 : 3").unwrap();
        assert_eq!(
            (v.path.as_str(), v.from, v.to, v.n),
            ("variables.t", -5.0, 5.0, 3)
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
            "error: --vary `events.x.probability`: no `=`\n\
             help: write PATH=FROM:TO:N, e.g. `--vary events.ceasefire.probability=0.05:0.5:10`"
        );
        assert_eq!(
            err("=0:1:3"),
            "error: --vary `=0:1:3`: no path before `=`\n\
             help: write PATH=FROM:TO:N, e.g. `--vary events.ceasefire.probability=0.05:0.5:10`"
        );
        assert_eq!(
            err("p=0:1"),
            "error: --vary `p=0:1`: expected FROM:TO:N after `=`, found 2 parts\n\
             help: give the number of points after the range, counting both ends: `p=0:1:5`"
        );
        let help = |arg| err(arg).split_once("\nhelp: ").unwrap().1.to_string();
        assert_eq!(
            help("p=0.1-0.5"),
            "give the number of points after the range, counting both ends: `p=0.1:0.5:5`"
        );
        assert_eq!(
            help("p=-1-2"),
            "give the number of points after the range, counting both ends: `p=-1:2:5`"
        );
        assert_eq!(
            help("p=0.1,0.2,0.3"),
            "a sweep takes evenly spaced points, FROM:TO:N: these are `p=0.1:0.3:3`"
        );
        assert_eq!(
            help("p=[0.1, 0.5, 2]"),
            "a sweep takes evenly spaced points, FROM:TO:N (`p=0.1:2:3` spaces 3 points from 0.1 \
             to 2); for one value, use `--set p=VALUE` with `run`"
        );
        assert_eq!(
            help("p=low:high"),
            "write PATH=FROM:TO:N, e.g. `--vary events.ceasefire.probability=0.05:0.5:10`"
        );
        assert_eq!(
            err("p=0.1"),
            "error: --vary `p=0.1`: expected FROM:TO:N after `=`, found 1 part\n\
             help: write PATH=FROM:TO:N, e.g. `--vary events.ceasefire.probability=0.05:0.5:10`"
        );
        assert_eq!(
            err("p=a:1:3"),
            "error: --vary `p=a:1:3`: FROM `a` is not a finite number\n\
             help: write PATH=FROM:TO:N, e.g. `--vary events.ceasefire.probability=0.05:0.5:10`"
        );
        assert_eq!(
            err("p=0:inf:3"),
            "error: --vary `p=0:inf:3`: TO `inf` is not a finite number\n\
             help: write PATH=FROM:TO:N, e.g. `--vary events.ceasefire.probability=0.05:0.5:10`"
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
