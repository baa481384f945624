//! The numbers given to options, read by brink rather than by clap's defaults: a negative number
//! reaches these readers (the options allow a leading `-`), and a value that is not a number or
//! is out of range gets brink's own message and exit code 1, like `--seed abc` or `--trials 0`.
//! Exit code 2 stays for the shape of the command line (an unknown option, a missing value, a
//! `--format` the command does not have).

use crate::model::MAX_TRIALS;

/// The message for a value one of these readers refused, without `error: `; `None` for any
/// other parse error (clap's own, exit 2).
pub fn refused(e: &clap::Error) -> Option<String> {
    if e.kind() != clap::error::ErrorKind::ValueValidation {
        return None;
    }
    std::error::Error::source(e).map(|why| why.to_string())
}

/// A whole number as people write it: digits with `_` between them if wished (`1_000_000`), or
/// in scientific notation when that is a whole number (`1e6`, `2.5e5`).
enum Whole {
    Number(u64),
    /// Whole, but past `u64::MAX`: no count is that large.
    TooLarge,
    Negative,
    Not,
}

fn whole(text: &str) -> Whole {
    let digits = text.trim().replace('_', "");
    if let Ok(n) = digits.parse::<u64>() {
        return Whole::Number(n);
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Whole::TooLarge;
    }
    if digits.starts_with('-') && digits[1..].parse::<f64>().is_ok() {
        return Whole::Negative;
    }
    if !digits.contains(['e', 'E']) {
        return Whole::Not;
    }
    match digits.parse::<f64>() {
        // Below 2^53 every whole number is a float exactly, so the cast is exact.
        Ok(x) if x >= 0.0 && x.fract() == 0.0 && x < 9_007_199_254_740_992.0 => {
            Whole::Number(x as u64)
        }
        // Every float from 2^53 up is whole (and the cast exact below 2^64).
        Ok(x) if x.is_finite() && x >= 18_446_744_073_709_551_616.0 => Whole::TooLarge,
        Ok(x) if x.is_finite() && x >= 9_007_199_254_740_992.0 => Whole::Number(x as u64),
        _ => Whole::Not,
    }
}

/// `--trials N` (0 is refused with the same words by the settings, which the library shares).
pub fn trials(text: &str) -> Result<u64, String> {
    match whole(text) {
        // Refused here past the limit, so that the message shows the number as written.
        Whole::Number(n) if n <= MAX_TRIALS as u64 => Ok(n),
        Whole::Number(_) | Whole::TooLarge | Whole::Negative => Err(format!(
            "--trials {text}: use a number from 1 to {MAX_TRIALS}"
        )),
        Whole::Not => Err(format!(
            "--trials `{text}` is not a number of trials\nhelp: write a whole number from 1 to \
             {MAX_TRIALS}, such as 10000, 1_000_000 or 1e6"
        )),
    }
}

/// `--threads N` (0 is refused by the settings, with these words).
pub fn threads(text: &str) -> Result<usize, String> {
    match whole(text) {
        Whole::Number(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        // More threads than there is work: the engine uses as many as it has chunks.
        Whole::TooLarge => Ok(usize::MAX),
        Whole::Negative => Err(format!(
            "--threads {text}: give at least one thread (or leave it out for all cores)"
        )),
        Whole::Not => Err(format!(
            "--threads `{text}` is not a number of threads\nhelp: give a whole number, at least \
             1 (or leave it out for all cores)"
        )),
    }
}

/// `trace --trial K`: trials are numbered from 0.
pub fn trial(text: &str) -> Result<u64, String> {
    match whole(text) {
        Whole::Number(n) => Ok(n),
        Whole::Negative => Err(format!("--trial {text}: trials are numbered from 0")),
        Whole::TooLarge => Err(format!(
            "--trial {text}: trials are numbered from 0 to {}",
            u64::MAX
        )),
        Whole::Not => Err(format!(
            "--trial `{text}` is not a trial number\nhelp: give a whole number from 0 (trial K \
             of `brink run` with the same seed)"
        )),
    }
}

/// `sensitivity --top N`: at least one input, or the option left out for all of them.
pub fn top(text: &str) -> Result<usize, String> {
    let help = "help: give the number of inputs to show for each outcome, at least 1, or leave \
                --top out to show them all";
    match whole(text) {
        Whole::Number(n) if n > 0 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Whole::TooLarge => Ok(usize::MAX),
        Whole::Number(_) | Whole::Negative => Err(format!("--top {text}: shows no input\n{help}")),
        Whole::Not => Err(format!("--top `{text}` is not a number\n{help}")),
    }
}

/// `exact --max-states N`: at least one state (a step always has one).
pub fn max_states(text: &str) -> Result<usize, String> {
    let help = "help: give the most distinct states allowed in one step, at least 1 (default \
                1000000)";
    match whole(text) {
        Whole::Number(n) if n > 0 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Whole::TooLarge => Ok(usize::MAX),
        Whole::Number(_) | Whole::Negative => {
            Err(format!("--max-states {text}: allows no state\n{help}"))
        }
        Whole::Not => Err(format!("--max-states `{text}` is not a number\n{help}")),
    }
}

/// `--precision H`: a half-width strictly between 0 and 0.5 (0.5 is the widest an interval of a
/// probability can be: it would be met with no trial at all).
pub fn precision(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(h) if h > 0.0 && h < 0.5 => Ok(h),
        _ => {
            // `0.5%`: the fraction it means, written out (0.005), rounded as written.
            let percent = (text.trim().strip_suffix('%'))
                .and_then(|n| n.trim().parse::<f64>().ok())
                .filter(|p| *p > 0.0 && *p < 50.0)
                .map(|p| {
                    let fraction = format!("{:.12}", p / 100.0);
                    fraction.trim_end_matches('0').to_string()
                });
            let help = match percent {
                Some(f) => format!("a fraction, not a percentage: `--precision {f}`"),
                None => "a fraction: 0.005 is half a percentage point".to_string(),
            };
            Err(format!(
                "--precision {text}: give a half-width between 0 and 0.5, neither included\n\
                 help: {help}"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{precision, trials};

    #[test]
    fn a_precision_written_as_a_percentage_gets_its_fraction() {
        assert_eq!(precision("0.005"), Ok(0.005));
        for (text, fix) in [("0.5%", "0.005"), ("5%", "0.05"), ("0.3 %", "0.003")] {
            assert_eq!(
                precision(text),
                Err(format!(
                    "--precision {text}: give a half-width between 0 and 0.5, neither \
                     included\nhelp: a fraction, not a percentage: `--precision {fix}`"
                ))
            );
        }
        assert!(
            precision("80%")
                .unwrap_err()
                .ends_with("0.005 is half a percentage point")
        );
    }

    #[test]
    fn counts_are_whole_numbers_in_any_common_writing() {
        for (text, n) in [
            ("10000", 10_000),
            ("1_000_000", 1_000_000),
            ("1e6", 1_000_000),
            ("2.5E5", 250_000),
            ("0", 0),
            ("1e12", 1_000_000_000_000),
        ] {
            assert_eq!(trials(text), Ok(n), "{text}");
        }
        for text in ["abc", "1.5", "1e-3", "2.5e0", "1e400", "nan", "inf", ""] {
            let err = trials(text).unwrap_err();
            assert!(err.contains("is not a number of trials"), "{text}: {err}");
        }
        // Past the limit, however far: the range, with the number as written.
        for text in [
            "-3",
            "-1e3",
            "1000000000001",
            "1e13",
            "99999999999999999999",
            "1e300",
        ] {
            let err = trials(text).unwrap_err();
            assert!(
                err.ends_with(": use a number from 1 to 1000000000000"),
                "{text}: {err}"
            );
        }
    }
}
