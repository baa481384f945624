//! Numbers as people write them outside TOML and brink's expressions (`15%`, `0,3`, `.3`,
//! `3/10`, `11 000`, `2.5k`, `0.9.1`), and the form to write instead: one wording wherever such
//! a number is met, in a file's value, a `--set` value or a condition.

/// "write `0.15` for 15%": `n` as written before its `%`.
pub fn percent_help(n: &str, fraction: f64) -> String {
    format!("write a percentage as a fraction: `{fraction}` for {n}%")
}

/// "decimals take a point: `0.3`" for `0,3`. Three digits after a comma that follows one to
/// three (`11,000`) may be a thousands separator too: both readings are offered.
fn decimal_comma_help(whole: &str, decimals: &str) -> String {
    let unsigned = whole.strip_prefix('-').unwrap_or(whole);
    let thousands = decimals.len() == 3
        && (1..=3).contains(&unsigned.len())
        && !unsigned.starts_with('0')
        && unsigned.bytes().all(|b| b.is_ascii_digit());
    if thousands {
        format!(
            "decimals take a point: `{whole}.{decimals}`; a thousands separator is left out: \
             `{whole}{decimals}`"
        )
    } else {
        format!("decimals take a point: `{whole}.{decimals}`")
    }
}

/// "write the number without separators: `11000`".
fn separators_help(plain: &str) -> String {
    format!("write the number without separators: `{plain}`")
}

/// The fix for a number written with commas, from the run of digits and commas at the start of
/// `text` (the rest is ignored): `0,3` and `11,000` as [`decimal_comma_help`] says, `1,000,000`
/// (digits grouped by three) without its separators. `None` if the run is not such a number.
pub fn comma_number_help(text: &str) -> Option<String> {
    let run_len = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == ',' || (i == 0 && c == '-')))
        .map_or(text.len(), |(i, _)| i);
    let run = text[..run_len].trim_end_matches(',');
    let parts: Vec<&str> = run.split(',').collect();
    let first = parts[0].strip_prefix('-').unwrap_or(parts[0]);
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() < 2 || !digits(first) || !parts[1..].iter().all(|p| digits(p)) {
        return None;
    }
    if parts.len() == 2 {
        return Some(decimal_comma_help(parts[0], parts[1]));
    }
    let grouped = (1..=3).contains(&first.len()) && parts[1..].iter().all(|p| p.len() == 3);
    grouped.then(|| separators_help(&parts.concat()))
}

/// The fix for `11 000`, `1 000 000.5` or `10'000` (digits grouped by three, as many languages
/// write them): the number without its separators. `None` for anything else.
pub fn space_grouped_help(value: &str) -> Option<String> {
    space_grouped(value).map(|plain| separators_help(&plain))
}

/// `11 000`, `1 000 000.5`, `10'000` or `10.000.000` (digits grouped by three with spaces,
/// apostrophes or points, as many languages write them) as the number without its separators;
/// `None` for anything else. Points separate only when there are two or more: `10.000` is a
/// decimal number.
fn space_grouped(value: &str) -> Option<String> {
    let (number, decimals, separators) = if value.matches('.').count() >= 2 {
        (value, None, ['.', '.'])
    } else {
        match value.split_once('.') {
            Some((n, d)) if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) => {
                (n, Some(d), [' ', '\''])
            }
            Some(_) => return None,
            None => (value, None, [' ', '\'']),
        }
    };
    let unsigned = number.strip_prefix('-').unwrap_or(number);
    let separator = unsigned.chars().find(|c| separators.contains(c))?;
    let groups: Vec<&str> = unsigned.split(separator).collect();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let grouped = groups.len() >= 2
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| digits(g))
        && groups[1..].iter().all(|g| g.len() == 3);
    grouped.then(|| {
        let sign = if number.starts_with('-') { "-" } else { "" };
        let point = decimals.map_or(String::new(), |d| format!(".{d}"));
        format!("{sign}{}{point}", groups.concat())
    })
}

/// The fix for `2.5k`, `3M`, `1.2 million`: "write the number in full: `2500`".
pub fn multiplier_help(value: &str) -> Option<String> {
    with_multiplier(value).map(|full| format!("write the number in full: `{full}`"))
}

/// `2x`, `1.5X`: a factor written with the "times" people add to it; the number alone.
pub fn times_suffix(value: &str) -> Option<&str> {
    let number = value.strip_suffix(['x', 'X'])?;
    is_plain_number(number).then_some(number)
}

/// The fix for a factor written as `2x` (`number`, the number alone, of `text`).
fn times_help(text: &str, number: &str, reading: Reading) -> String {
    let x = &text[number.len()..];
    match reading {
        Reading::Toml => format!("write the number alone, without the `{x}`: `{number}`"),
        // `3x` in a condition may also be school algebra for `3 * x`.
        Reading::Expression => format!(
            "write the number alone, without the `{x}`: `{number}`; to multiply by a name, `*`: \
             `{number} * {x}`"
        ),
    }
}

/// `2.5k`, `3M`, `1.2 million`: the number in full (`2500`), worked out on the digits so that
/// no rounding creeps in; `None` for anything else.
pub fn with_multiplier(value: &str) -> Option<String> {
    let value = value.trim();
    let number_len = value
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && c == '-')))
        .map_or(value.len(), |(i, _)| i);
    let (number, word) = value.split_at(number_len);
    let zeros: usize = match word.trim_start() {
        "k" | "K" | "thousand" => 3,
        "M" | "million" | "mn" => 6,
        "bn" | "billion" => 9,
        _ => return None,
    };
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(u) => ("-", u),
        None => ("", number),
    };
    let (whole, decimals) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(decimals) {
        return None;
    }
    // The point moves `zeros` places to the right.
    let all = format!(
        "{whole}{decimals}{}",
        "0".repeat(zeros.saturating_sub(decimals.len()))
    );
    let (int, frac) = all.split_at(whole.len() + zeros);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    let point = if frac.is_empty() { "" } else { "." };
    Some(format!("{sign}{int}{point}{frac}"))
}

/// Whether `text` is a number as conditions write them, `[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`
/// exactly (TOML reads these the same; it also takes a sign and `_` between digits).
pub fn is_plain_number(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |mut i: usize| {
        let from = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i, i > from)
    };
    let (mut i, any) = digits(0);
    if !any {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        let (j, any) = digits(i + 1);
        if !any {
            return false;
        }
        i = j;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let (j, any) = digits(i);
        if !any {
            return false;
        }
        i = j;
    }
    i == b.len()
}

/// `value` as a number followed by words (`11000 soldiers`, `0.1 per month`): the number and
/// the words; `None` otherwise.
pub fn number_then_words(value: &str) -> Option<(&str, &str)> {
    let (number, rest) = value.split_once(char::is_whitespace)?;
    let rest = rest.trim();
    (number.parse::<f64>().is_ok() && !rest.is_empty()).then_some((number, rest))
}

/// What a number's text can be read in: the fixes differ only in what else could be meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A TOML value, where a word is text in quotes.
    Toml,
    /// An expression, where a word is a name.
    Expression,
}

/// The fix for a malformed number as people write them (`1_000` in a condition, `5.`, `.5`,
/// `1e`, `0.9.1`, `2.5k`, `007`, `--3`, `3x`), or `None`. `text` is the run of number-like
/// characters, whole.
pub fn malformed_number_help(text: &str, reading: Reading) -> Option<String> {
    let valid = is_plain_number;
    if let Some(help) = multiplier_help(text) {
        return Some(help);
    }
    // `{ tension = 0.5% }`: TOML reads `0.5` and stops at the `%`.
    if let Some(fraction) = percentage(text) {
        return Some(percent_help(text.trim_end_matches('%'), fraction));
    }
    if let Some(help) = marked_number_help(text) {
        return Some(help);
    }
    let signs = text.len() - text.trim_start_matches(['-', '+']).len();
    let unsigned = &text[signs..];
    if let Some(help) = radix_help(unsigned) {
        return Some(help);
    }
    if signs >= 2 && valid(unsigned) {
        return Some(format!("a number takes one sign: `-{unsigned}`"));
    }
    if reading == Reading::Expression && text.contains('_') {
        let fixed: String = text.chars().filter(|c| *c != '_').collect();
        if valid(&fixed) {
            return Some(separators_help(&fixed));
        }
    }
    if reading == Reading::Toml && unsigned.contains('_') {
        return Some("`_` goes only between two digits, as in `11_000`; or leave it out".into());
    }
    if unsigned.starts_with('.') && valid(&format!("0{unsigned}")) {
        let sign = &text[..signs];
        return Some(format!("write `{sign}0{unsigned}`"));
    }
    if let Some(stem) = text.strip_suffix('.')
        && valid(stem.trim_start_matches(['-', '+']))
    {
        return Some(format!("write `{stem}.0` or `{stem}`"));
    }
    if let Some((mantissa, exponent)) = unsigned.split_once(['e', 'E'])
        && mantissa.ends_with('.')
        && valid(mantissa.trim_end_matches('.'))
    {
        return Some(format!(
            "a point needs a digit after it: `{}0e{exponent}`",
            &text[..text.len() - unsigned.len() + mantissa.len()]
        ));
    }
    let lower = text.to_ascii_lowercase();
    if lower.ends_with('e') || lower.ends_with("e+") || lower.ends_with("e-") {
        return Some("an exponent needs digits, e.g. `1e3`".to_string());
    }
    if let Some(plain) = space_grouped(text) {
        return Some(separators_help(&plain));
    }
    let point_in_exponent = unsigned
        .split_once(['e', 'E'])
        .is_some_and(|(_, exponent)| exponent.contains('.'));
    if point_in_exponent || text.bytes().filter(|&b| b == b'.').count() >= 2 {
        return Some(
            "a number has at most one `.`, and none in its exponent (`1.5e3`, not `1e1.5`)"
                .to_string(),
        );
    }
    if reading == Reading::Toml
        && unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.bytes().all(|b| b.is_ascii_digit())
    {
        let kept = unsigned.trim_start_matches('0');
        let kept = if kept.is_empty() { "0" } else { kept };
        return Some(format!(
            "a number starts without extra zeros: `{}{kept}`",
            &text[..signs]
        ));
    }
    if let Some(number) = times_suffix(text) {
        return Some(times_help(text, number, reading));
    }
    if text
        .bytes()
        .skip(1)
        .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E')
    {
        return Some(match reading {
            Reading::Expression => "names start with a lowercase letter, and numbers contain only digits, one `.` and an exponent such as `e3`".to_string(),
            Reading::Toml => "numbers contain only digits, one `.` and an exponent such as `e3`; text goes in quotes".to_string(),
        });
    }
    None
}

/// The fix for a number that TOML reads in another base (`0x`, `0o`, `0b`, as programmers
/// write them) and finds without its digits or with digits the base has not: the base named,
/// and decimal digits asked for. A whole hexadecimal number is valid TOML and never gets here.
pub fn radix_help(text: &str) -> Option<String> {
    let base = match text.get(..2)? {
        "0x" | "0X" => "a hexadecimal",
        "0o" | "0O" => "an octal",
        "0b" | "0B" => "a binary",
        _ => return None,
    };
    let prefix = &text[..2];
    Some(format!(
        "numbers are written in decimal digits here, as in `36`: `{prefix}` starts {base} number"
    ))
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
/// The fix for a mark typed after a number (`0.5?`, `1!`): the number alone.
fn marked_number_help(text: &str) -> Option<String> {
    let number = text.strip_suffix(['?', '!', ';', ':'])?;
    is_plain_number(number.trim_start_matches(['-', '+']))
        .then(|| format!("a number stands alone: `{number}`"))
}

pub fn value_help(value: &str) -> Option<String> {
    let value = value.split('#').next().unwrap_or("").trim();
    if let Some(help) = marked_number_help(value) {
        return Some(help);
    }
    let numeric = |s: &str| {
        let s = s.strip_prefix('-').unwrap_or(s);
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    };
    if let Some(fraction) = percentage(value) {
        return Some(percent_help(value.trim_end_matches('%').trim(), fraction));
    }
    let digits_and_commas =
        (value.char_indices()).all(|(i, c)| c.is_ascii_digit() || c == ',' || (i == 0 && c == '-'));
    if digits_and_commas && let Some(help) = comma_number_help(value) {
        return Some(help);
    }
    if let Some(plain) = space_grouped(value) {
        return Some(separators_help(&plain));
    }
    if let Some(help) = multiplier_help(value) {
        return Some(help);
    }
    if let Some(number) = times_suffix(value) {
        return Some(times_help(value, number, Reading::Toml));
    }
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    if unsigned.starts_with('.') && numeric(unsigned) {
        let sign = if value.starts_with('-') { "-" } else { "" };
        return Some(format!(
            "write the zero before the point: `{sign}0{unsigned}`"
        ));
    }
    calculation(value).then(|| {
        format!("a calculation goes in quotes, as an expression (format 2): `\"{value}\"`")
    })
}

/// Whether `value` (a note cut off) is a calculation of numbers: `3/10`, `(1 + 2) * 0.1`.
pub fn calculation(value: &str) -> bool {
    let calc = |b: u8| b.is_ascii_digit() || b" .()+-*/".contains(&b);
    // A month (`2025-11`, a scenario's `start`) is text, not a subtraction.
    let month = value.len() == 7 && value.as_bytes()[4] == b'-';
    // An operator after a number or a `)`: `--3` is a sign written twice, not a calculation.
    let bytes = value.as_bytes();
    let operation = (1..bytes.len()).any(|i| {
        b"+-*/".contains(&bytes[i])
            && value[..i]
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit() || c == ')')
    });
    !month && value.bytes().all(calc) && operation
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
            // Thousands apart, with spaces or commas; a single comma group reads both ways.
            ("11 000", "write the number without separators: `11000`"),
            (
                "-1 000 000.25",
                "write the number without separators: `-1000000.25`",
            ),
            (
                "1,000,000",
                "write the number without separators: `1000000`",
            ),
            (
                "11,000",
                "decimals take a point: `11.000`; a thousands separator is left out: `11000`",
            ),
            ("0,300", "decimals take a point: `0.300`"),
            ("1234,567", "decimals take a point: `1234.567`"),
            // A multiplier, worked out on the digits.
            ("2.5k", "write the number in full: `2500`"),
            ("11K", "write the number in full: `11000`"),
            ("-1.25 million", "write the number in full: `-1250000`"),
            ("0.0005k", "write the number in full: `0.5`"),
            ("0.00005k", "write the number in full: `0.05`"),
            ("3bn", "write the number in full: `3000000000`"),
            // Apostrophes (Switzerland) and points (much of Europe) between the thousands.
            ("10'000", "write the number without separators: `10000`"),
            (
                "1'000'000.5",
                "write the number without separators: `1000000.5`",
            ),
            (
                "10.000.000",
                "write the number without separators: `10000000`",
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
            "--3",
            "1 00",
            "1,00,000",
            "1,000,00",
            "12 000 soldiers",
            "2.5km",
            "10'00",
            "1 000'000",
            "10.00.000",
            "1.000.000.5",
        ] {
            assert_eq!(value_help(value), None, "{value}");
        }
    }

    #[test]
    fn malformed_numbers_get_the_fix_for_what_was_meant() {
        use super::{Reading, malformed_number_help};
        for (text, reading, help) in [
            ("2.5k", Reading::Toml, "write the number in full: `2500`"),
            ("--3", Reading::Toml, "a number takes one sign: `-3`"),
            ("+-3", Reading::Toml, "a number takes one sign: `-3`"),
            (
                "1__0",
                Reading::Toml,
                "`_` goes only between two digits, as in `11_000`; or leave it out",
            ),
            (
                "1_000",
                Reading::Expression,
                "write the number without separators: `1000`",
            ),
            ("-.5", Reading::Toml, "write `-0.5`"),
            ("11000.", Reading::Toml, "write `11000.0` or `11000`"),
            (
                "-1.e5",
                Reading::Toml,
                "a point needs a digit after it: `-1.0e5`",
            ),
            (
                "1e+",
                Reading::Expression,
                "an exponent needs digits, e.g. `1e3`",
            ),
            (
                "1e5.5",
                Reading::Toml,
                "a number has at most one `.`, and none in its exponent (`1.5e3`, not `1e1.5`)",
            ),
            (
                "10.000.000",
                Reading::Toml,
                "write the number without separators: `10000000`",
            ),
            (
                "0x",
                Reading::Toml,
                "numbers are written in decimal digits here, as in `36`: `0x` starts a hexadecimal number",
            ),
            (
                "0b2",
                Reading::Toml,
                "numbers are written in decimal digits here, as in `36`: `0b` starts a binary number",
            ),
            (
                "007",
                Reading::Toml,
                "a number starts without extra zeros: `7`",
            ),
            (
                "-00",
                Reading::Toml,
                "a number starts without extra zeros: `-0`",
            ),
            // A factor with the "times" people write after it.
            (
                "0.9x",
                Reading::Toml,
                "write the number alone, without the `x`: `0.9`",
            ),
            (
                "3X",
                Reading::Expression,
                "write the number alone, without the `X`: `3`; to multiply by a name, `*`: `3 * X`",
            ),
            (
                "0.9y",
                Reading::Toml,
                "numbers contain only digits, one `.` and an exponent such as `e3`; text goes in quotes",
            ),
            (
                "3xy",
                Reading::Expression,
                "names start with a lowercase letter, and numbers contain only digits, one `.` and an exponent such as `e3`",
            ),
        ] {
            assert_eq!(
                malformed_number_help(text, reading).as_deref(),
                Some(help),
                "{text}"
            );
        }
        // Conditions may start a number with zeros; nothing to say about a sound number.
        assert_eq!(malformed_number_help("007", Reading::Expression), None);
        assert_eq!(malformed_number_help("0.5", Reading::Toml), None);
    }

    mod props {
        use super::super::{
            Reading, comma_number_help, malformed_number_help, value_help, with_multiplier,
        };
        use proptest::{prelude::*, test_runner::RngSeed};

        proptest! {
            #![proptest_config(ProptestConfig { rng_seed: RngSeed::Fixed(20_261_204), cases: 2000, ..Default::default() })]
            /// Number-like text of any shape (several signs, points, commas, spaces, a
            /// multiplier, a character of several bytes) gets a fix or none, never a panic.
            #[test]
            fn number_like_text_never_panics(text in "[-+0-9., _eEkKM%é]{0,14}( ?(million|bn|k))?") {
                let _ = value_help(&text);
                let _ = comma_number_help(&text);
                let _ = malformed_number_help(&text, Reading::Toml);
                let _ = malformed_number_help(&text, Reading::Expression);
            }

            /// A number with a multiplier is written in full with the point moved, not rounded:
            /// the same value as the number times the multiplier.
            #[test]
            fn a_multiplier_moves_the_point(whole in 0u32..100_000, decimals in "[0-9]{0,5}", word in 0usize..4) {
                let (suffix, scale) = [("k", 1e3), ("M", 1e6), (" million", 1e6), ("bn", 1e9)][word];
                let point = if decimals.is_empty() { String::new() } else { format!(".{decimals}") };
                let written = format!("{whole}{point}{suffix}");
                let full = with_multiplier(&written).expect("a number with a multiplier");
                let x: f64 = format!("{whole}{point}").parse().unwrap();
                let y: f64 = full.parse().unwrap();
                prop_assert!((y - x * scale).abs() <= 1e-9 * (x * scale).max(1.0), "{written} -> {full}");
                prop_assert!(!full.ends_with('.') && (full == "0" || !full.starts_with("00")));
            }
        }
    }
}
