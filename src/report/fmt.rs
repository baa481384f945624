//! Number formatting of the human-readable formats (probabilities and intervals are formatted
//! as in the analysis commands' tables, by `report::tabular`).

use super::figures::{extreme, non_finite, scientific_trimmed};

/// `x`, with -0 (`-y` where `y` is 0) as 0: the same number, which JSON would write as
/// "-0.0" and `format!` as "-0", and a reader would take for a rounding.
pub fn unsigned_zero(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x }
}

/// A quantity: integers as integers, else four significant digits (more for large values);
/// beyond 10^15 and below 10^-5, four significant digits in scientific notation (`1.093e300`),
/// where the plain forms would take hundreds of digits or zeros.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return non_finite(x).into();
    }
    if x == 0.0 {
        // Also -0 (`-y` where `y` is 0): equal to 0, and a reader would take "-0" for a rounding.
        return "0".into();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    if extreme(x) {
        return scientific_trimmed(x, 4);
    }
    let digits = if x.abs() >= 1000.0 {
        1
    } else {
        (3 - x.abs().log10().floor() as i32).clamp(0, 12) as usize
    };
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A horizontal bar for a probability, `width` cells wide, in eighths of a cell.
pub fn bar(p: f64, width: usize) -> String {
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = (p.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(PARTS[eighths % 8 - 1]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-2.5), "-2.5");
        assert_eq!(num(0.123456), "0.1235");
        assert_eq!(num(12345.678), "12345.7");
        assert_eq!(num(6.0004), "6");
        assert_eq!(num(f64::INFINITY), "inf");
        assert_eq!(num(1.093e300), "1.093e300");
        assert_eq!(num(1e300), "1e300");
        assert_eq!(num(-2.5e15), "-2.5e15");
        assert_eq!(num(1e-12), "1e-12");
        assert_eq!(num(-1.23456e-7), "-1.235e-7");
        assert_eq!(num(0.00001234), "0.00001234");
        assert_eq!(bar(0.5, 4), "██");
        assert_eq!(bar(0.5, 1), "▌");
        assert_eq!(bar(1.0 / 16.0, 2), "▏");
        assert_eq!(bar(0.0, 10), "");
    }
}
