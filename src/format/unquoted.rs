//! The fix for a value written without its quotes, in the words of its key: on a `key = value`
//! line, inside a list or `{ }` (the bare value quoted in place, whole), or in a word
//! processor's curly quotes.

use std::ops::Range;

use super::after_value::as_note;
use super::bare_values::{bare_value_len, entry_key, text_len};
use super::number_keys::number_key_help;
use super::schema::{BRANCH, MODIFIER, PARAM, VARIABLE};
use super::written::{number_then_words, value_help};

/// The fix for a value written without its quotes on a `key = value` line, in the key's own
/// words: a condition, `yes` for `true`, a number with a note after it, the number a key of
/// the format holds, or text. `format_key`: the key is one of the format's table above the
/// line, not a name of the author's (a flag named `horizon`).
pub(super) fn unquoted_help(line: &str, format_key: bool) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    let value = value.split('#').next().unwrap_or("").trim();
    // (Not a key: an item of a list over several lines, which `inner_unquoted_help` reads.)
    let is_key = key
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | ' '));
    if value.is_empty() || key.is_empty() || !is_key {
        return None;
    }
    if let Some(truth) = super::suggest::truth_word(value) {
        return Some(super::suggest::truth_help(&format!("{key} = {truth}")));
    }
    // A list as Python writes a tuple; not a condition or a calculation in parentheses.
    let condition = is_condition_key(key);
    // `repeat = true every month`: `true` or `false` with words after it, not a text (`yes`
    // and `no` could start one: `label = no deal`).
    if let Some((word, rest)) = value.split_once(char::is_whitespace)
        && matches!(word.to_ascii_lowercase().as_str(), "true" | "false")
        && let Some(truth) = super::suggest::truth_word(word)
        && !condition
    {
        return Some(format!(
            "`{truth}` stands alone; a note after it starts with `#`: `{key} = {truth} # {}`",
            as_note(rest)
        ));
    }
    if let Some(items) = value.strip_prefix('(')
        && !condition
        && (items.is_empty()
            || (items.trim_start())
                .starts_with(|c: char| "\"{[-".contains(c) || c.is_ascii_digit()))
    {
        let fixed = match items.strip_suffix(')') {
            Some(items) => format!("{key} = [{items}]"),
            None => format!("{key} = ["),
        };
        return Some(format!(
            "a list goes in square brackets, not `( )`: `{fixed}`"
        ));
    }
    if let Some(table) = distribution_called(value)
        && !condition
    {
        return Some(format!(
            "a distribution is written as a table, not called: `{key} = {table}`"
        ));
    }
    if let Some((number, rest)) = number_then_words(value) {
        return Some(format!(
            "a number stands alone; a note after it starts with `#`: `{key} = {number} # {}`",
            as_note(rest)
        ));
    }
    // `horizon = 36m`, `over = 12months`: a unit written onto the number (an id starts with a
    // letter, so this is no id).
    let digits = value.len() - value.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, unit) = value.split_at(digits);
    if digits > 0 && !unit.is_empty() && unit.chars().all(char::is_alphabetic) {
        return Some(format!(
            "a number stands alone; a note after it starts with `#`: `{key} = {number} # {unit}`"
        ));
    }
    if format_key && let Some(help) = number_key_help(key, value, &format!("{key} = ")) {
        return Some(help);
    }
    let what = if condition {
        "a condition goes in quotes"
    } else {
        "text and ids go in quotes"
    };
    Some(format!("{what}: `{key} = \"{value}\"`"))
}

/// `pert(0.6, 0.85, 0.97)` (a distribution written as a call) as its table,
/// `{ pert = [0.6, 0.85, 0.97] }`.
fn distribution_called(value: &str) -> Option<String> {
    let (name, args) = value.split_once('(')?;
    let name = name.trim().to_ascii_lowercase();
    // A parameter's value keys after `value` and `expr` are the distributions.
    if !super::schema::PARAM_VALUE_KEYS[2..].contains(&name.as_str()) {
        return None;
    }
    // The call alone (closed or not): `uniform(1, 2) * 3` is a calculation, not a value.
    let args = args.trim_end();
    let args = args.strip_suffix(')').unwrap_or(args);
    if args.contains(['(', ')']) {
        return None;
    }
    Some(format!("{{ {name} = [{}] }}", args.trim()))
}

/// The keys whose value is a condition.
fn is_condition_key(key: &str) -> bool {
    matches!(key, "when" | "given" | "holds")
}

/// The fix for a value without its quotes inside a list or inline table (`set = [war]`,
/// `{ when = tension > 5, factor = 2 }`, `[40%, 70%]`): the marked part in quotes, in place,
/// not the whole list (which would then be text, not a list). A list of plain words gets every
/// bare word quoted at once. `line_start` is where `line` begins in the text, `at` the marked
/// range in the text.
pub(super) fn inner_unquoted_help(
    line: &str,
    line_start: usize,
    at: &Range<usize>,
) -> Option<String> {
    // An item of a list written over several lines (`  { when = "war", factor = 2x },` under
    // `modifiers = [`) has no key of its own before the `{`.
    let (key, value) = if line.trim_start().starts_with(['{', '[']) {
        ("", line)
    } else {
        line.split_once('=')?
    };
    let opened = value.trim_start();
    let from = at.start.checked_sub(line_start)?;
    if !(opened.starts_with('[') || opened.starts_with('{')) || from <= key.len() {
        return None;
    }
    // The whole bare value, which the parser marks only in part (`nk_killed >` of
    // `nk_killed >= 2000`): up to the `,`, `}` or `]` that ends it.
    let rest = line.get(from..)?.trim_start();
    let from = line.len() - rest.len();
    let to = from + rest[..bare_value_len(rest)].trim_end().len();
    let marked = &line[from..to];
    if marked.is_empty() {
        return None;
    }
    if let Some(help) = value_help(marked) {
        return Some(help);
    }
    // `{ initial = 11000 soldiers }`: a `#` note cannot go inside `{ }`, so the number alone.
    if let Some((number, _)) = number_then_words(marked) {
        let fixed = format!("{}{number}{}", &line[..from], &line[to..]);
        return Some(format!(
            "a number stands alone, without a unit or a note: `{}`",
            fixed.trim()
        ));
    }
    // A text with commas inside `{ }` runs on through them (see `bare_values.rs`).
    let to = if opened.starts_with('{') {
        from + rest[..text_len(rest)].trim_end().len()
    } else {
        to
    };
    let marked = &line[from..to];
    let curly = strip_curly(marked);
    let marked = curly.unwrap_or(marked);
    // `{ when = war factor = 2 }`: the comma is missing too, and the bare value ends at the key.
    let next_key = (curly.is_none()).then(|| key_inside(marked)).flatten();
    let key = key.trim();
    let opened = opened.split(" #").next().unwrap_or(opened).trim_end();
    let plain_list = !key.is_empty()
        && opened.starts_with('[')
        && opened.ends_with(']')
        && !opened.contains('{');
    // `modifiers = [ when = "war", factor = 2 ]`: a table's entries, without its `{ }`.
    let inner = opened
        .get(1..opened.len().saturating_sub(1))
        .unwrap_or("")
        .trim();
    if plain_list && entry_key(inner).is_some() {
        return Some(format!(
            "the entries of a table in a list go in `{{ }}`: `{key} = [{{ {inner} }}]`"
        ));
    }
    let fixed = if plain_list {
        let items = opened[1..opened.len() - 1].split(',').map(|item| {
            let item = item.trim();
            let item = strip_curly(item).unwrap_or(item);
            let bare =
                !item.is_empty() && !item.starts_with(['"', '\'']) && item.parse::<f64>().is_err();
            if bare {
                format!("\"{item}\"")
            } else {
                item.to_string()
            }
        });
        format!("{key} = [{}]", items.collect::<Vec<_>>().join(", "))
    } else if let Some(at) = next_key {
        let head = marked[..at].trim_end();
        let quoted = format!(
            "{}\"{head}\",{}{}",
            &line[..from],
            &marked[at..],
            &line[to..]
        );
        quoted.trim().to_string()
    } else {
        let quoted = format!("{}\"{marked}\"{}", &line[..from], &line[to..]);
        quoted.trim().to_string()
    };
    // The key the marked value belongs to: the last `key =` before it.
    let inner = line[..from]
        .rsplit(['{', ',', '['])
        .next()?
        .split('=')
        .next()?
        .trim();
    let what = match inner {
        _ if curly.is_some() => STRAIGHT_QUOTES,
        _ if is_condition_key(inner) => "a condition goes in quotes",
        _ if plain_list => "text and ids go in quotes, inside a list too",
        _ => "text and ids go in quotes, inside `{ }` too",
    };
    let commas = if next_key.is_some() {
        ", and the entries inside `{ }` are separated by commas"
    } else {
        ""
    };
    Some(format!("{what}{commas}: `{fixed}`"))
}

/// Where, in a bare value, a key of an entry inside `{ }` starts after a space (`war factor = 2`:
/// at ` factor`), the comma before it missing; `None` if no such key follows (`tension = 5`
/// for `==` names no key of the format).
fn key_inside(bare: &str) -> Option<usize> {
    let inline_keys = [&MODIFIER, &BRANCH, &VARIABLE, &PARAM]
        .into_iter()
        .flat_map(|t| t.keys());
    let inline_keys: Vec<&str> = inline_keys.collect();
    words_after_spaces(bare)
        .find(|&(i, word)| i > 0 && entry_key(word).is_some_and(|k| inline_keys.contains(&k)))
        .map(|(i, _)| i)
}

/// Each word after a space in `text`: where that space is, and the text from the word on.
fn words_after_spaces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.char_indices().filter_map(move |(i, c)| {
        let word = &text[i + c.len_utf8()..];
        (c.is_whitespace() && !word.starts_with(char::is_whitespace)).then_some((i, word))
    })
}

/// The fix for two entries of a `{ }` without a comma between them (`{ initial = 1 min = 0 }`),
/// which the parser reads as one value without quotes from the mark `at` on: a whole value
/// (a number, `true`, `false` or a quoted text) followed by `key =`.
pub(super) fn missing_comma_in_braces(
    line: &str,
    line_start: usize,
    at: &Range<usize>,
) -> Option<String> {
    let from = at.start.checked_sub(line_start)?;
    let rest = line.get(from..)?;
    let bare = &rest[..bare_value_len(rest)];
    let scalar = |v: &str| {
        v.parse::<f64>().is_ok()
            || v == "true"
            || v == "false"
            || (v.len() >= 2 && v.starts_with('"') && v.ends_with('"'))
    };
    for (_, word) in words_after_spaces(bare) {
        let head = bare[..bare.len() - word.len()].trim_end();
        if entry_key(word).is_some() && scalar(head) {
            let cut = from + head.len();
            let fixed = format!("{},{}", &line[..cut], &line[cut..]);
            return Some(format!(
                "the entries inside `{{ }}` are separated by commas: `{}`",
                fixed.trim()
            ));
        }
    }
    None
}

/// The fix for a value in a word processor's quotes (`“Russia”`, `‘war’`, `„Krieg“`, `«guerre»`):
/// the same value in TOML's straight quotes, when the line is `key = value`.
pub(super) fn curly_quotes_help(line: &str) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let fix = match strip_curly(value) {
        Some(text) => format!(": `{} = \"{text}\"`", key.trim()),
        None if value.starts_with(CURLY) => String::new(),
        // In a list or a table: `inner_unquoted_help`.
        None => return None,
    };
    Some(format!("{STRAIGHT_QUOTES}{fix}"))
}

pub(super) const CURLY: &[char] = &['“', '”', '„', '«', '»', '‘', '’', '‚', '‹', '›'];
pub(super) const STRAIGHT_QUOTES: &str =
    "TOML's quotes are straight, `\"`; a word processor's curly quotes are text";

/// The text inside a word processor's quotes, if `value` is quoted so.
fn strip_curly(value: &str) -> Option<&str> {
    value.strip_prefix(CURLY)?.strip_suffix(CURLY)
}

#[cfg(test)]
mod tests {
    #[test]
    fn unquoted_values_get_their_quotes_in_the_keys_words() {
        use super::unquoted_help;
        for (line, help) in [
            (
                "when = tension > 5",
                "a condition goes in quotes: `when = \"tension > 5\"`",
            ),
            (
                "actor = russia",
                "text and ids go in quotes: `actor = \"russia\"`",
            ),
            (
                "repeat = yes",
                "write `true` or `false`, in lower case: `repeat = true`",
            ),
            (
                "  terminal = Off",
                "write `true` or `false`, in lower case: `terminal = false`",
            ),
            (
                "repeat = True every month",
                "`true` stands alone; a note after it starts with `#`: \
                 `repeat = true # every month`",
            ),
            (
                "probability = 0.1 // per month",
                "a number stands alone; a note after it starts with `#`: \
                 `probability = 0.1 # per month`",
            ),
            (
                "horizon = 36months",
                "a number stands alone; a note after it starts with `#`: \
                 `horizon = 36 # months`",
            ),
            // Not a unit: text that starts with a number.
            (
                "label = 3rd_offensive",
                "text and ids go in quotes: `label = \"3rd_offensive\"`",
            ),
            // A key that holds a plain number: the number, not quotes.
            (
                "horizon = three",
                "`horizon` is a whole number of steps, such as `horizon = 36`",
            ),
        ] {
            assert_eq!(unquoted_help(line, true).as_deref(), Some(help), "{line}");
        }
        // A flag named `horizon` is the author's name, not the format's key.
        assert_eq!(
            unquoted_help("horizon = three", false).as_deref(),
            Some("text and ids go in quotes: `horizon = \"three\"`")
        );
        assert_eq!(unquoted_help("no equals here", false), None);
        assert_eq!(unquoted_help("label = ", false), None);
    }

    #[test]
    fn curly_quotes_become_straight_ones() {
        use super::curly_quotes_help;
        assert_eq!(
            curly_quotes_help("label = „Krieg in Europa“").as_deref(),
            Some(
                "TOML's quotes are straight, `\"`; a word processor's curly quotes are text: `label = \"Krieg in Europa\"`"
            )
        );
        // A closing quote missing: the rule without a rewrite.
        assert_eq!(
            curly_quotes_help("label = “Russia breaks").as_deref(),
            Some("TOML's quotes are straight, `\"`; a word processor's curly quotes are text")
        );
        // Inside `{ }` or `[ ]`, the marked value is rewritten in place.
        assert_eq!(curly_quotes_help("x = { label = ‘a’ }"), None);
        let line = "x = { initial = 1, unit = “soldiers” }";
        let at = line.find('“').unwrap()..line.find(" }").unwrap();
        assert_eq!(
            super::inner_unquoted_help(line, 0, &at).as_deref(),
            Some(
                "TOML's quotes are straight, `\"`; a word processor's curly quotes are text: `x = { initial = 1, unit = \"soldiers\" }`"
            )
        );
        let line = "set = [“war”, peace]";
        let at = line.find('“').unwrap()..line.find(',').unwrap();
        assert_eq!(
            super::inner_unquoted_help(line, 0, &at).as_deref(),
            Some(
                "TOML's quotes are straight, `\"`; a word processor's curly quotes are text: `set = [\"war\", \"peace\"]`"
            )
        );
        assert_eq!(curly_quotes_help("label = Russia"), None);
    }

    #[test]
    fn a_number_with_a_unit_inside_braces_stands_alone() {
        let line = "troops = { initial = 11000 soldiers, min = 0 }";
        let at = line.find("11000").unwrap()..line.find(',').unwrap();
        assert_eq!(
            super::inner_unquoted_help(line, 0, &at).as_deref(),
            Some(
                "a number stands alone, without a unit or a note: `troops = { initial = 11000, min = 0 }`"
            )
        );
    }

    /// The bare value is quoted whole, though the parser marks only its start, and on an item
    /// line of a list over several lines, which has no key before its `{`.
    #[test]
    fn a_bare_value_in_braces_is_quoted_whole_on_any_line() {
        let help = |line: &str, marked: &str| {
            let from = line.find(marked).unwrap();
            super::inner_unquoted_help(line, 0, &(from..from + marked.len()))
        };
        assert_eq!(
            help(
                "m = [{ when = nk_killed >= 2000, factor = 1.3 }]",
                "nk_killed >"
            )
            .as_deref(),
            Some(
                "a condition goes in quotes: `m = [{ when = \"nk_killed >= 2000\", factor = 1.3 }]`"
            )
        );
        assert_eq!(
            help(
                "  { when = nk_killed >= 2000, factor = 1.3 },",
                "nk_killed >"
            )
            .as_deref(),
            Some("a condition goes in quotes: `{ when = \"nk_killed >= 2000\", factor = 1.3 },`")
        );
        // A comma inside parentheses is part of the value.
        assert_eq!(
            help("  { when = max(a, b) > 3 }", "max").as_deref(),
            Some("a condition goes in quotes: `{ when = \"max(a, b) > 3\" }`")
        );
        assert_eq!(
            help("  { when = \"war\", note = losses of war }", "losses").as_deref(),
            Some(
                "text and ids go in quotes, inside `{ }` too: `{ when = \"war\", note = \"losses of war\" }`"
            )
        );
        assert_eq!(
            help("  { when = \"war\", factor = 2x },", "2x").as_deref(),
            Some("write the number alone, without the `x`: `2`")
        );
        // An item line is not `key = value`: no help that would quote from its `{`.
        assert_eq!(
            super::unquoted_help("  { when = war, factor = 2 },", false),
            None
        );
        // The comma missing too: the value ends before the next key of the format, but not
        // before a name compared with `=` for `==`.
        let both =
            "a condition goes in quotes, and the entries inside `{ }` are separated by commas";
        assert_eq!(
            help(
                "  { when = nk_killed >= 2000 factor = 1.3 },",
                "nk_killed >"
            )
            .as_deref(),
            Some(format!("{both}: `{{ when = \"nk_killed >= 2000\", factor = 1.3 }},`").as_str())
        );
        assert_eq!(
            help(
                "  { weight = 2, label = Russia wins set = [\"x\"] },",
                "Russia"
            )
            .as_deref(),
            Some(
                "text and ids go in quotes, inside `{ }` too, and the entries inside `{ }` are \
                 separated by commas: `{ weight = 2, label = \"Russia wins\", set = [\"x\"] },`"
            )
        );
        assert_eq!(
            help("modifiers = [ when = \"war\", factor = 2 ]", "when").as_deref(),
            Some(
                "the entries of a table in a list go in `{ }`: \
                 `modifiers = [{ when = \"war\", factor = 2 }]`"
            )
        );
        assert_eq!(
            help("set = [war == 1]", "war").as_deref(),
            Some("text and ids go in quotes, inside a list too: `set = [\"war == 1\"]`")
        );
        assert_eq!(
            help("  { when = war and tension = 5, factor = 2 },", "war").as_deref(),
            Some("a condition goes in quotes: `{ when = \"war and tension = 5\", factor = 2 },`")
        );
    }

    #[test]
    fn two_entries_without_a_comma_get_it() {
        let help = |line: &str, marked: &str| {
            let from = line.find(marked).unwrap();
            super::missing_comma_in_braces(line, 0, &(from..from + marked.len()))
        };
        assert_eq!(
            help("x = { initial = 1 min = 0, max = 10 }", "1 min").as_deref(),
            Some(
                "the entries inside `{ }` are separated by commas: `x = { initial = 1, min = 0, max = 10 }`"
            )
        );
        assert_eq!(
            help("  { when = \"war\" factor=2 },", "\"war\"").as_deref(),
            Some(
                "the entries inside `{ }` are separated by commas: `{ when = \"war\", factor=2 },`"
            )
        );
        // A condition without quotes, a unit, a comparison: not a missing comma.
        assert_eq!(help("{ when = tension >= 5, factor = 2 }", "tension"), None);
        assert_eq!(help("{ when = a == b }", "a"), None);
        assert_eq!(help("{ initial = 11000 soldiers }", "11000"), None);
        assert_eq!(help("{ note = big losses = 3 }", "big"), None);
    }

    #[test]
    fn a_list_in_parentheses_gets_brackets() {
        assert_eq!(
            super::unquoted_help("set = (\"war\", \"peace\")", false).as_deref(),
            Some("a list goes in square brackets, not `( )`: `set = [\"war\", \"peace\"]`")
        );
        assert_eq!(
            super::unquoted_help("modifiers = (", false).as_deref(),
            Some("a list goes in square brackets, not `( )`: `modifiers = [`")
        );
        // A condition or a calculation in parentheses is one value without its quotes.
        assert_eq!(
            super::unquoted_help("when = (war and peace)", false).as_deref(),
            Some("a condition goes in quotes: `when = \"(war and peace)\"`")
        );
        assert_eq!(
            super::unquoted_help("probability = (rate * 2)", false).as_deref(),
            Some("text and ids go in quotes: `probability = \"(rate * 2)\"`")
        );
    }

    #[test]
    fn a_distribution_called_gets_its_table() {
        let help = |line: &str| super::unquoted_help(line, false);
        assert_eq!(
            help("probability = pert(0.6, 0.85, 0.97)").as_deref(),
            Some(
                "a distribution is written as a table, not called: `probability = { pert = \
                 [0.6, 0.85, 0.97] }`"
            )
        );
        assert_eq!(
            help("probability = LogUniform(0.01, 0.2").as_deref(),
            Some(
                "a distribution is written as a table, not called: `probability = { loguniform \
                 = [0.01, 0.2] }`"
            )
        );
        // A calculation with a call in it, a condition, a function that is no distribution.
        for line in [
            "probability = uniform(0.1, 0.2) * 2",
            "when = uniform(0.1, 0.2) > 0.1",
            "probability = max(0.1, 0.2)",
        ] {
            assert!(!help(line).unwrap().contains("table"), "{line}");
        }
    }
}
