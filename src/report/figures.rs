//! Probabilities for people: percentages whose decimals follow their interval's half-width, so
//! that a figure shows the digits the run can vouch for and no more (`2.13% [1.86%, 2.43%]`),
//! differences in percentage points with a sign (`+0.40 pp [-0.02, +1.03]`), and fixed
//! significant digits where there is no interval (an exact figure, a variable).

/// Decimals for a figure whose interval has half-width `w` percent: max(0, 1 - floor(log10 w)),
/// and 1 when the interval has no width.
pub fn decimals(w: f64) -> usize {
    if !(w.is_finite() && w > 0.0) {
        return 1;
    }
    (1 - w.log10().floor() as i64).clamp(0, 9) as usize
}

/// `x` with `d` decimals, never `-0`.
fn fixed(x: f64, d: usize) -> String {
    let text = format!("{x:.d$}");
    if text.starts_with('-') && text[1..].bytes().all(|b| b == b'0' || b == b'.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// A probability and its 95% interval as percentages: (`2.13%`, `[1.86%, 2.43%]`).
pub fn percent_ci(p: f64, lo: f64, hi: f64) -> (String, String) {
    let d = decimals((hi - lo) / 2.0 * 100.0);
    let f = |x: f64| format!("{}%", fixed(x * 100.0, d));
    (f(p), format!("[{}, {}]", f(lo), f(hi)))
}

/// A probability with its interval in one cell: `2.13% [1.86%, 2.43%]`.
pub fn percent_with_ci(p: f64, lo: f64, hi: f64) -> String {
    let (p, ci) = percent_ci(p, lo, hi);
    format!("{p} {ci}")
}

/// A probability without an interval (a share, a path's frequency): one decimal.
pub fn percent(p: f64) -> String {
    format!("{}%", fixed(p * 100.0, 1))
}

/// An exact probability: four significant digits.
pub fn percent_exact(p: f64) -> String {
    let x = p * 100.0;
    if x != 0.0 && x.abs() < 1e-3 {
        // Below a thousandth of a percent, zeros would crowd out the digits.
        return format!("{x:.3e}%");
    }
    format!("{}%", significant(x, 4))
}

/// How a number that is not finite is written: `NaN`, `inf` or `-inf`.
pub fn non_finite(x: f64) -> &'static str {
    if x.is_nan() {
        "NaN"
    } else if x > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

/// Whether `x` is beyond 10^15 or below 10^-5 (and not 0): written plainly, hundreds of digits
/// or zeros.
pub fn extreme(x: f64) -> bool {
    x.is_finite() && x != 0.0 && (x.abs() >= 1e15 || x.abs() < 1e-5)
}

/// `x` in scientific notation with `sig` significant digits: `1.09e300`, `1.00e-12`.
pub fn scientific(x: f64, sig: usize) -> String {
    format!("{x:.*e}", sig.saturating_sub(1))
}

/// [`scientific`] without the mantissa's trailing zeros: `1.093e300`, `1e-12`.
pub fn scientific_trimmed(x: f64, sig: usize) -> String {
    let s = scientific(x, sig);
    let (mantissa, exp) = s.split_once('e').expect("`{:e}` writes an exponent");
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}e{exp}")
}

/// `x` with `n` significant digits (whole numbers rounded to tens, hundreds, ... as needed).
pub fn significant(x: f64, n: i32) -> String {
    if !x.is_finite() {
        return non_finite(x).into();
    }
    if x == 0.0 {
        return "0".into();
    }
    if extreme(x) {
        return scientific(x, n.max(1) as usize);
    }
    let d = n - 1 - x.abs().log10().floor() as i32;
    if d >= 0 {
        fixed(x, d.min(12) as usize)
    } else {
        let f = 10f64.powi(-d);
        fixed((x / f).round() * f, 0)
    }
}

/// A signed number with `d` decimals: `+0.12`, `-0.12`; only an exact 0 has no sign, so an
/// interval end too small to show (`+0.00`) still says on which side of 0 it lies.
fn signed(x: f64, d: usize) -> String {
    let text = fixed(x.abs(), d);
    if x == 0.0 || x.is_nan() {
        text
    } else if x > 0.0 {
        format!("+{text}")
    } else {
        format!("-{text}")
    }
}

/// A difference of probabilities and its interval in percentage points:
/// (`+0.40 pp`, `[-0.02, +1.03]`), decimals from the difference's own half-width.
pub fn points_ci(est: f64, lo: f64, hi: f64) -> (String, String) {
    let d = decimals((hi - lo) / 2.0 * 100.0);
    let f = |x: f64| signed(x * 100.0, d);
    (format!("{} pp", f(est)), format!("[{}, {}]", f(lo), f(hi)))
}

/// A difference with its interval in one cell: `+0.40 pp [-0.02, +1.03]`.
pub fn points_with_ci(est: f64, lo: f64, hi: f64) -> String {
    let (d, ci) = points_ci(est, lo, hi);
    format!("{d} {ci}")
}

/// A variable's value for people: three significant digits (no fractional soldiers).
pub fn quantity(x: f64) -> String {
    significant(x, 3)
}

/// An optional quantity, `–` when absent.
pub fn opt_quantity(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), quantity)
}

/// A signed quantity with three significant digits (a difference of means).
pub fn signed_quantity(x: f64) -> String {
    let text = significant(x.abs(), 3);
    if text.bytes().all(|b| b == b'0' || b == b'.') {
        text
    } else if x > 0.0 {
        format!("+{text}")
    } else {
        format!("-{text}")
    }
}

/// The typographic minus (U+2212) for a terminal: every ASCII `-` that opens a number (at the
/// start, or after a space, `[` or `(`) becomes `−`; dates such as 2026-01 and ids keep theirs.
pub fn typographic_minus(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let opens = matches!(prev, None | Some(' ' | '[' | '(' | '\n'));
        if c == '-' && opens && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('\u{2212}');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_half_width() {
        assert_eq!(decimals(0.285), 2);
        assert_eq!(decimals(1.0), 1);
        assert_eq!(decimals(0.99), 2);
        assert_eq!(decimals(10.0), 0);
        assert_eq!(decimals(35.0), 0);
        assert_eq!(decimals(0.0), 1);
        assert_eq!(decimals(0.004), 4);
    }

    #[test]
    fn percentages() {
        assert_eq!(
            percent_with_ci(0.0213, 0.0186, 0.0243),
            "2.13% [1.86%, 2.43%]"
        );
        assert_eq!(percent_with_ci(0.0, 0.0, 0.0), "0.0% [0.0%, 0.0%]");
        assert_eq!(percent(0.5), "50.0%");
        assert_eq!(percent(-0.0), "0.0%");
        assert_eq!(percent_exact(0.021345), "2.135%");
        assert_eq!(percent_exact(1.0), "100.0%");
        assert_eq!(percent_exact(-0.0), "0%");
        assert_eq!(percent_exact(1.234e-14), "1.234e-12%");
    }

    #[test]
    fn points() {
        assert_eq!(
            points_with_ci(0.004, -0.0002, 0.0103),
            "+0.40 pp [-0.02, +1.03]"
        );
        assert_eq!(points_with_ci(0.0, 0.0, 0.0), "0.0 pp [0.0, 0.0]");
        assert_eq!(points_with_ci(-0.0, -0.0, 0.0), "0.0 pp [0.0, 0.0]");
        // Ends that round to 0 but are not 0 keep their side of it.
        assert_eq!(
            points_with_ci(0.0012, 2.04e-7, 0.0026),
            "+0.12 pp [+0.00, +0.26]"
        );
        assert_eq!(
            points_with_ci(-0.0012, -0.0026, -2.04e-7),
            "-0.12 pp [-0.26, -0.00]"
        );
    }

    #[test]
    fn significant_digits() {
        assert_eq!(quantity(28604.1), "28600");
        assert_eq!(quantity(0.012345), "0.0123");
        assert_eq!(quantity(-2.5), "-2.50");
        assert_eq!(quantity(0.0), "0");
        assert_eq!(signed_quantity(-1234.0), "-1230");
        // Beyond 10^15 and below 10^-5: scientific, with the same significant digits.
        assert_eq!(quantity(1.093e300), "1.09e300");
        assert_eq!(quantity(-2e15), "-2.00e15");
        assert_eq!(quantity(1e-12), "1.00e-12");
        assert_eq!(quantity(0.00001234), "0.0000123");
        assert_eq!(quantity(0.000001234), "1.23e-6");
        assert_eq!(quantity(0.0001234), "0.000123");
    }

    #[test]
    fn typographic_minus_only_before_numbers() {
        assert_eq!(
            typographic_minus("-0.02 [-1.0, +2] 2026-01 a-1 (-3)"),
            "\u{2212}0.02 [\u{2212}1.0, +2] 2026-01 a-1 (\u{2212}3)"
        );
    }
}
