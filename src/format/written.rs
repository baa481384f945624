//! Numbers as people write them outside TOML and brink's expressions (`15%`, `0,3`, `.3`,
//! `3/10`), and the form to write instead: one wording wherever such a number is met, in a
//! file's value, a `--set` value or a condition.

/// "write `0.15` for 15%": `n` as written before its `%`.
pub fn percent_help(n: &str, fraction: f64) -> String {
    format!("write a percentage as a fraction: `{fraction}` for {n}%")
}

/// "decimals take a point: `0.3`" for `0,3`.
pub fn decimal_comma_help(whole: &str, decimals: &str) -> String {
    format!("decimals take a point: `{whole}.{decimals}`")
}

/// `20%` as the fraction to write instead (`0.2`); `None` for anything else.
pub fn percentage(value: &str) -> Option<f64> {
    let number = value.trim().strip_suffix('%')?.trim();
    number
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(|x| x / 100.0)
}

/// The fix for a number written as people write numbers outside TOML: `15%`, `0,3` (a decimal
/// comma), `.3`, or `3/10` (a calculation, which format 2 takes in quotes).
pub fn value_help(value: &str) -> Option<String> {
    let value = value.split('#').next().unwrap_or("").trim();
    let numeric = |s: &str| {
        let s = s.strip_prefix('-').unwrap_or(s);
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    };
    if let Some(fraction) = percentage(value) {
        return Some(percent_help(value.trim_end_matches('%').trim(), fraction));
    }
    if let Some((whole, decimals)) = value.split_once(',')
        && numeric(whole)
        && !decimals.is_empty()
        && decimals.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(decimal_comma_help(whole, decimals));
    }
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    if unsigned.starts_with('.') && numeric(unsigned) {
        let sign = if value.starts_with('-') { "-" } else { "" };
        return Some(format!(
            "write the zero before the point: `{sign}0{unsigned}`"
        ));
    }
    let calc = |b: u8| b.is_ascii_digit() || b" .()+-*/".contains(&b);
    // A month (`2025-11`, a scenario's `start`) is text, not a subtraction.
    let month = value.len() == 7 && value.as_bytes()[4] == b'-';
    if !month
        && value.bytes().all(calc)
        && value.bytes().any(|b| b.is_ascii_digit())
        && value.bytes().skip(1).any(|b| b"+-*/".contains(&b))
    {
        return Some(format!(
            "a calculation goes in quotes, as an expression (format 2): `\"{value}\"`"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::value_help;

    #[test]
    fn numbers_written_as_people_write_them_get_their_toml_form() {
        for (value, help) in [
            (" 15%", "write a percentage as a fraction: `0.15` for 15%"),
            (
                "12.5 % # a guess",
                "write a percentage as a fraction: `0.125` for 12.5%",
            ),
            ("0,3", "decimals take a point: `0.3`"),
            ("-.25", "write the zero before the point: `-0.25`"),
            (
                "3/10",
                "a calculation goes in quotes, as an expression (format 2): `\"3/10\"`",
            ),
            (
                "(1 + 2) * 0.1",
                "a calculation goes in quotes, as an expression (format 2): `\"(1 + 2) * 0.1\"`",
            ),
        ] {
            assert_eq!(value_help(value).as_deref(), Some(help), "{value}");
        }
        for value in [
            "Russia breaks",
            "-3",
            "0.3",
            "x%",
            "1,2,3",
            "",
            "a,3",
            "-",
            "2025-11",
        ] {
            assert_eq!(value_help(value), None, "{value}");
        }
    }
}
