//! Keys that hold a plain number (`horizon`, `trials`, `seed`...): a word or a calculation
//! written there is not text to quote (it would be refused next) but a number to write, in a
//! file and in `--set` alike.

use super::spaced_key::table_above;

/// The keys whose value is a plain number, never text or an expression (docs/language.md):
/// what each holds, and an example.
const NUMBER_KEYS: [(&str, &str, &str); 7] = [
    ("horizon", "a whole number of steps", "36"),
    ("over", "a whole number of steps", "12"),
    ("trials", "a whole number of trials", "10000"),
    ("seed", "a whole number", "12"),
    ("min", "a number", "0"),
    ("max", "a number", "100"),
    ("severity", "a whole number", "3"),
];

/// The fix for a bare value of a key that holds a plain number (`horizon = three`, `horizon =
/// ~36`, `seed = random`): not text in quotes, which would be refused next, but the number,
/// the one written in the value if there is one. `lhs` is what the fix writes before the
/// number: `horizon = ` in a file, `scenario.horizon=` for `--set`.
pub(super) fn number_key_help(key: &str, value: &str, lhs: &str) -> Option<String> {
    let &(_, what, example) = NUMBER_KEYS.iter().find(|(k, ..)| *k == key)?;
    if key == "seed" && value.eq_ignore_ascii_case("random") {
        return Some(seed_random_help(lhs));
    }
    Some(match lone_number(value) {
        Some(number) => format!("`{key}` is {what}, written alone: `{lhs}{number}`"),
        None => format!("`{key}` is {what}, such as `{lhs}{example}`"),
    })
}

/// Whether the `key = value` line at `line_start` writes a key of the format's table above it
/// (`[scenario]`'s `horizon`), not a name of the author's (a flag named `horizon`).
pub(super) fn format_key_here(text: &str, line_start: usize, line: &str) -> bool {
    let key = line.split_once('=').map_or("", |(k, _)| k.trim());
    table_above(text, line_start).is_some_and(|t| t.field(key).is_some())
}

/// The fix for `seed = random`, which only the command line's `--seed` takes.
pub fn seed_random_help(lhs: &str) -> String {
    format!(
        "`seed` is a whole number, such as `{lhs}12`; to draw one for a run, give `--seed \
         random` on the command line"
    )
}

/// The fix for a calculation where a plain number goes (`horizon = 3*12`): no expression is
/// taken there, in quotes or not. `lhs` as for [`number_key_help`].
pub(super) fn calculation_for_number(key: &str, value: &str, lhs: &str) -> Option<String> {
    let &(_, what, example) = NUMBER_KEYS.iter().find(|(k, ..)| *k == key)?;
    let value = value.split('#').next()?.trim();
    super::written::calculation(value).then(|| {
        format!("`{key}` is {what}, not a calculation: work it out, as in `{lhs}{example}`")
    })
}

/// The one number written in `value` (`36` in `~36`, `about 36?`); `None` if there are none
/// or several (`1\2`).
fn lone_number(value: &str) -> Option<&str> {
    let is_part = |c: char| c.is_ascii_digit() || c == '.';
    let mut runs = value
        .split(|c: char| !is_part(c))
        .map(|run| run.trim_matches('.'))
        .filter(|run| run.starts_with(|c: char| c.is_ascii_digit()));
    let first = runs.next()?;
    (runs.next().is_none() && first.parse::<f64>().is_ok()).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::{calculation_for_number, number_key_help};

    #[test]
    fn a_number_key_gets_a_number() {
        for (key, value, help) in [
            (
                "over",
                "about 12?",
                "`over` is a whole number of steps, written alone: `over = 12`",
            ),
            // Two numbers: which one was meant is not clear, so an example.
            ("max", "1\\2", "`max` is a number, such as `max = 100`"),
            (
                "seed",
                "Random",
                "`seed` is a whole number, such as `seed = 12`; to draw one for a run, give \
                 `--seed random` on the command line",
            ),
        ] {
            let lhs = format!("{key} = ");
            assert_eq!(number_key_help(key, value, &lhs).as_deref(), Some(help));
        }
        assert_eq!(number_key_help("label", "three", "label = "), None);
        assert_eq!(
            calculation_for_number("horizon", " 3*12 # three years", "scenario.horizon=")
                .as_deref(),
            Some(
                "`horizon` is a whole number of steps, not a calculation: work it out, as in \
                 `scenario.horizon=36`"
            )
        );
        // A calculation where an expression may go is left to the format-2 help.
        assert_eq!(calculation_for_number("factor", "3/4", "factor = "), None);
        assert_eq!(calculation_for_number("horizon", "36", "horizon = "), None);
    }
}
