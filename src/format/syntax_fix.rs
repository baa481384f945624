//! Which fix a TOML syntax error gets: each reading of the mistake is tried in turn, the most
//! particular first (the helps themselves are in `syntax_help.rs`, `unquoted.rs`, `written.rs`
//! and the other files named below), and the fix says what the errors after it on its line, or
//! on the lines below, have to do with it.

use super::after_value::{after_value_help, continuation_help, semicolon_end};
use super::assignment::{doubled_equals_help, missing_equals_help};
use super::backslash::{backslash_help, joining_backslash_help};
use super::bare_values::text_runs_to_close;
use super::brackets::{opening_bracket_help, text_left_open};
use super::branch_in_event::branch_in_event_help;
use super::duplicate_key::{doubled_line_help, merged_duplicate_help};
use super::fix_elsewhere::{curly_quote, told_elsewhere};
use super::fix_shape::{Fix, Moved, RestOfLine};
use super::header_brackets::{
    bracket_before_key, header_brackets, lone_opener, spaced_header, stray_dot,
};
use super::inner_quotes::{inner_quote_help, key_quote_help, opening_quote_help};
use super::invisible::invisible_help;
use super::joined_values::joined_values_help;
use super::list_brackets::{bare_list_help, nested_list_help, wrong_opener};
use super::list_end::{and_close, closing_line, list_below};
use super::list_lines::{
    braces_list_help, list_help, list_opener_above, opener_deleted, text_in_open_list,
};
use super::number_keys::{calculation_for_number, format_key_here};
use super::number_tokens::{INFINITE, grouped_in_table, number_headline, token_at};
use super::repeated_entry::repeated_entry_help;
use super::second_id::missing_header_help;
use super::separators::{WRONG, missing_comma_help, number_then_separator};
use super::spaced_key::{spaced_key_help, spaced_key_in_braces};
use super::stray_mark::{reads_alone, reads_with_line, stray_mark};
use super::syntax_help::{
    ENTRY_FIRST_LINE, TEXT_OUTSIDE_QUOTES, code_end, colons_as_equals, first_of_key, header_help,
    header_of, line_of, no_value_help, pasted_mark_help, syntax_help,
};
use super::table_after_list::table_after_list;
use super::unquoted::{
    curly_quotes_help, inner_unquoted_help, missing_comma_in_braces, unquoted_help,
};
use super::written::{Reading, malformed_number_help, value_help};
use super::yes_no::boolean_help;

/// The fix for the error `headline` marked at `start..end` of `text`: a whole file (`in_file`),
/// or a `--set` value, where the fixes that read the file's lines do not apply.
pub(super) fn fix(text: &str, in_file: bool, headline: &str, start: usize, end: usize) -> Fix {
    let mut fix = Fix::new();
    let token = token_at(text, start);
    let at_range = start..end.max(start + 1).min(text.len());
    let at = text.get(at_range.clone()).unwrap_or("");
    // The value as written after `=` (a whole `--set` value): a number written the way
    // people write numbers outside TOML has a fix of its own.
    let here = line_of(text, start);
    let line = &text[here.clone()];
    let value = if in_file {
        line.split_once('=').map_or("", |(_, v)| v)
    } else {
        text
    };
    // A curly quote for a straight one makes a text run on (its brackets read as text) or
    // start nowhere: told before what the parser made of it, a list or text left open.
    if in_file && curly_quote(text, here.clone(), &mut fix) {
        fix.rest_of_line = RestOfLine::Follows;
        return fix;
    }
    if in_file && let Some(help) = pasted_mark_help(line) {
        fix.help = Some(help);
        fix.rest_of_line = RestOfLine::Follows;
        return fix;
    }
    if in_file && told_elsewhere(text, headline, start, &at_range, &mut fix) {
        return fix;
    }
    // Where the mark stands in its line, and whether the headline starts with one of `heads`.
    let col = start - here.start;
    let starts = |heads: &[&str]| heads.iter().any(|h| headline.starts_with(h));
    fix.help = if let Some(help) = invisible_help(text.get(start..).unwrap_or("")) {
        Some(help)
    } else if in_file && let Some(help) = semicolon_end(line, col) {
        fix.headline = Some("a line ended with `;`");
        fix.rest_of_line = RestOfLine::Follows;
        if line[..code_end(line)].trim_end().ends_with("[;") {
            // Read as the list's first item, the `;` leaves the next without a comma before it.
            let next = text[here.end..]
                .split_inclusive('\n')
                .nth(1)
                .map_or(0, str::len);
            fix.lines_below = Some(here.end + 1 + next);
        }
        Some(help)
    } else if in_file
        && starts(&[
            "unclosed table",
            "unclosed array table",
            "unexpected key or value",
            "duplicate key",
            "invalid unquoted key",
            "unquoted keys cannot be empty",
            "invalid key-value pair",
        ])
        && let Some(header) = header_brackets(line)
    {
        // Typed with other brackets or cut short, the header's entries went into the table
        // above: when the file reads with the header fixed, every later error came of that.
        if reads_with_line(text, here.clone(), &header.header) {
            fix.spoils = Some(
                header
                    .breaks_below
                    .unwrap_or("a header left open read wrongly until it is closed"),
            );
        }
        fix.entries = Some(header.header);
        Some(header.help)
    } else if in_file
        && starts(&["unclosed table", "unclosed array table"])
        && let Some(help) = bracket_before_key(line)
    {
        let key_line = &line[line.find('[').map_or(0, |b| b + 1)..];
        if reads_with_line(text, here.clone(), key_line.trim_start_matches('[')) {
            fix.spoils = Some("a `[` before a key read wrongly until it is removed");
        }
        Some(help)
    } else if in_file
        && starts(&["unclosed table", "unclosed array table"])
        && let Some(help) = spaced_header(line)
    {
        Some(help)
    } else if in_file
        && starts(&["unquoted keys cannot be empty"])
        && let Some((help, header)) = lone_opener(line, &text[here.end..])
    {
        fix.headline = Some("a header with no name");
        // The list whose header is below it reads as a table: its later entries are refused.
        if header.is_some() && reads_with_line(text, here.clone(), "") {
            fix.spoils = Some("a bracket alone on its line read wrongly until it is removed");
        } else {
            fix.entries = header.filter(|h| h.starts_with("[["));
        }
        Some(help)
    } else if in_file
        && starts(&["unquoted keys cannot be empty"])
        && let Some(help) = stray_dot(line)
    {
        Some(help)
    } else if in_file && let Some(help) = nested_list_help(line, col) {
        fix.rest_of_line = RestOfLine::Follows;
        Some(help)
    } else if in_file && let Some((help, lone)) = wrong_opener(line, col) {
        fix.headline = Some(if help.starts_with("a list") {
            "a list opened with the wrong bracket"
        } else {
            "a `{ }` opened with the wrong bracket"
        });
        fix.rest_of_line = RestOfLine::Follows;
        let mut unclosed = None;
        if lone {
            // Its items below are read as keys, up to the `]`.
            (fix.lines_below, unclosed) = list_below(text, here.end);
        }
        Some(and_close(help, unclosed))
    } else if in_file
        && headline.starts_with("invalid multi-line basic string")
        && let Some(help) = joining_backslash_help(line, col)
    {
        fix.headline = Some("text after a `\\` that joins lines");
        Some(help)
    } else if in_file
        && let Some(kept) = line[..code_end(line)].trim_end().strip_suffix('\\')
        && let Some((_, before)) = kept.split_once('=')
        && (before.trim().parse::<f64>().is_ok() || matches!(before.trim(), "true" | "false"))
    {
        // `probability = 0.5\`, `weight = 3 \`: the `\` read as part of the number, or as a
        // value without quotes after it.
        Some(continuation_help(kept.trim()))
    } else if starts(&["missing escaped value", "too few unicode value digits"])
        || headline.contains("unicode hexadecimal")
    {
        // Inside a text over several lines, the line holds no quotes of its own to fix.
        let inside = text_left_open(&text[..here.start]).is_some();
        // The parser's words are about the escape it expected (`\Ukraine` as `\U` without
        // its eight digits).
        fix.headline = Some("a `\\` that starts no escape");
        Some(backslash_help((!inside).then_some(line), col))
    } else if in_file
        && headline.starts_with("unexpected key or value")
        && let Some(help) = joined_values_help(line, col)
    {
        Some(help)
    } else if in_file
        && starts(&[
            "unexpected key or value",
            "extra comma in inline table",
            "invalid inline table element",
        ])
        && let Some(help) = opening_bracket_help(line, col)
    {
        fix.rest_of_line = RestOfLine::Follows;
        Some(help)
    } else if in_file
        && headline.starts_with("extra comma in inline table")
        && grouped_in_table(line).is_none()
        && let Some(help) = bare_list_help(line, col)
    {
        fix.rest_of_line = RestOfLine::Follows;
        Some(help)
    } else if in_file
        && starts(&["unexpected key or value", "missing comma between"])
        && let Some((help, fixed)) = inner_quote_help(line, col)
    {
        fix.rest_of_line = RestOfLine::Follows;
        // Inside `{ }`, the text's last quote opened another that left the table open.
        if reads_with_line(text, here.clone(), &fixed) {
            fix.spoils = Some("a text that a quote inside it ended read wrongly until it is fixed");
        }
        Some(help)
    } else if in_file
        && (headline.starts_with("missing opening quote")
            || headline.contains("must be quoted")
            || headline.starts_with("invalid boolean"))
        && let Some(help) = opening_quote_help(line, col)
    {
        fix.headline = Some("missing opening quote");
        // The parser reads the text's words as values, up to its closing quote.
        fix.rest_of_line = RestOfLine::Follows;
        Some(help)
    } else if in_file
        && headline.contains("must be quoted")
        && let Some((help, opener)) = text_in_open_list(text, start)
    {
        fix.labels.push((opener, "the list opens here"));
        fix.rest_of_line = RestOfLine::Follows;
        fix.spoils = Some("text outside its quotes read wrongly until it is fixed");
        Some(help)
    } else if in_file
        && headline.starts_with("invalid unquoted key")
        && !line.contains('=')
        && no_value_help(text, start) == TEXT_OUTSIDE_QUOTES
        // `label: "Russia breaks the front."` is a `:` for `=` (below), not a line of words.
        && !(at.starts_with(':') && colons_as_equals(line).is_some_and(|f| reads_alone(&f)))
    {
        // A line of words that TOML stops in at a character no key holds (`RAND's`, `(2025)`):
        // text outside its quotes, as when its first word stops it; the rest of the line too.
        fix.rest_of_line = RestOfLine::Follows;
        fix.spoils = Some("text outside its quotes read wrongly until it is fixed");
        Some(TEXT_OUTSIDE_QUOTES.into())
    } else if in_file
        && starts(&["invalid unquoted key", "key with no value"])
        && let Some(help) = key_quote_help(line, col)
    {
        fix.rest_of_line = RestOfLine::Follows;
        Some(help)
    } else if in_file
        && starts(&["extra `=`", "extra assignment between key-value pairs"])
        && let Some(help) = doubled_equals_help(line, col)
    {
        // A list opened on the line is not opened: its items below follow from this.
        fix.rest_of_line = RestOfLine::Follows;
        let mut unclosed = None;
        if line[..code_end(line)].trim_end().ends_with('[') {
            (fix.lines_below, unclosed) = list_below(text, here.end);
        }
        Some(and_close(help, unclosed))
    } else if in_file
        && headline.contains("must be quoted")
        && format_key_here(text, here.start, line)
        && let Some((key, value)) = line.split_once('=')
        && let Some(help) = calculation_for_number(key.trim(), value, &format!("{} = ", key.trim()))
    {
        Some(help)
    } else if let Some(help) = value_help(value) {
        Some(help)
    } else if in_file
        && headline.contains("must be quoted")
        && let Some(help) = curly_quotes_help(line)
    {
        Some(help)
    } else if in_file && let Some(help) = braces_list_help(line) {
        fix.rest_of_line = RestOfLine::Follows;
        Some(help)
    } else if in_file
        && headline.starts_with("duplicate key")
        && let Some((help, end)) = doubled_line_help(text, start)
    {
        // What else is wrong on the copy is wrong on the line above, and told there.
        fix.headline = Some("a line written twice");
        fix.rest_of_line = RestOfLine::Follows;
        if end > here.end + 1 {
            fix.lines_below = Some(end);
        }
        Some(help)
    } else if in_file
        && headline.starts_with("duplicate key")
        && let Some((help, entry, first)) = table_after_list(text, start)
    {
        fix.headline = Some("a list's header written with one bracket");
        fix.entries = Some(entry);
        fix.label(first, "the list's first entry");
        Some(help)
    } else if in_file
        && headline.starts_with("duplicate key")
        && let Some((help, root, mark)) = header_help(text, start)
    {
        fix.root_elsewhere = true;
        if mark == ENTRY_FIRST_LINE
            && let Some(header) = header_of(&text[line_of(text, start)])
        {
            fix.writes_header = Some((root.start, header.to_string()));
        }
        fix.label(root, mark);
        Some(help)
    } else if headline.starts_with("invalid boolean") {
        Some(boolean_help(line, token))
    } else if in_file && let Some((help, number)) = grouped_in_table(line) {
        // The parser's words and mark are about the key it read after the comma.
        fix.moved = Some(Moved {
            span: here.start + number.start..here.start + number.end,
            headline: "a comma inside a number",
            mark: "one number",
        });
        Some(help)
    } else if number_headline(headline)
        && INFINITE.contains(
            &token
                .trim_start_matches(['-', '+'])
                .to_ascii_lowercase()
                .as_str(),
        )
    {
        Some("every number in a scenario must be finite".into())
    } else if number_headline(headline)
        && let Some(help) = malformed_number_help(token, Reading::Toml)
    {
        Some(help)
    } else if at.trim().is_empty() && headline.contains("must be quoted") {
        let opener = in_file
            .then(|| opener_deleted(text, here.clone()))
            .flatten();
        match opener {
            Some(key) => {
                fix.headline = Some("a list without its `[`");
                // Its items, read as keys, follow from it down to its `]`, or its last item.
                let unclosed;
                (fix.lines_below, unclosed) = list_below(text, here.end);
                Some(match unclosed {
                    None => format!(
                        "the `[` that opens this list is missing: `{key} = [`, its items below \
                         it, closed by `]`"
                    ),
                    Some(line) => format!(
                        "the `[` and the `]` of this list are missing: `{key} = [`, its items \
                         below it, and `]` on a line of its own after line {line}"
                    ),
                })
            }
            None => {
                Some("a value is missing here: write a number, `true`/`false` or \"text\"".into())
            }
        }
    } else if in_file
        && headline.starts_with("invalid key-value pair")
        && let Some((opener, fixed)) = list_opener_above(text, here.start, '(')
    {
        fix.label(opener, "the line to change");
        Some(format!(
            "this is an item of the list opened with `(` above, and a list goes in \
             square brackets: `{fixed}`"
        ))
    } else if in_file
        && headline.starts_with("missing key for inline table element")
        && let Some((opener, fixed)) = list_opener_above(text, here.start, '{')
    {
        // A list of tables in `{ }`: TOML reads the `{` above as a table and marks its
        // items, up to the `}` that closes it.
        fix.label(opener, "the line to change");
        fix.rest_of_line = RestOfLine::Follows;
        if let Some(closing) = closing_line(text, here.end, '}') {
            fix.label(closing.clone(), "and this one: `]`");
            fix.lines_below = Some(closing.end + 1);
        }
        Some(format!(
            "this is an item of the list opened with `{{` above, and a list goes in \
             square brackets (its items in `{{ }}`): `{fixed}`, closed by `]`"
        ))
    } else if in_file && let Some(help) = list_help(headline, line) {
        // (Whatever the parser makes of the line of a `)`, the rest follows.)
        fix.rest_of_line = RestOfLine::Follows;
        // The items below, down to the `]` (or the last of them, its `]` deleted too), are
        // read the same way: one error for the list.
        let mut unclosed = None;
        if !line.trim_start().starts_with([']', ')']) {
            (fix.lines_below, unclosed) = list_below(text, here.end);
        }
        Some(and_close(help, unclosed))
    } else if at.starts_with(':')
        && starts(&[
            "invalid unquoted key",
            "key with no value",
            "missing assignment between key-value pairs",
        ])
    {
        let fixed = colons_as_equals(line).filter(|_| in_file);
        // The line's other colons and what the parser made of them follow from this; so does
        // all of it when it reads with them mended.
        fix.rest_of_line = match &fixed {
            Some(f) if reads_alone(f) => RestOfLine::Follows,
            _ => RestOfLine::FollowsButQuotes,
        };
        // A list opened on it (`modifiers: [`): its items below, down to its `]`, are read as
        // keys until it is mended.
        let mut unclosed = None;
        if in_file && line[..code_end(line)].trim_end().ends_with('[') {
            (fix.lines_below, unclosed) = list_below(text, here.end);
        }
        let fixed = fixed.map_or(String::new(), |f| format!(": `{f}`"));
        Some(and_close(
            format!("TOML writes `=` between a key and its value, not `:`{fixed}"),
            unclosed,
        ))
    } else if in_file
        && headline.starts_with("key with no value")
        && let Some(help) = spaced_key_help(text, start)
    {
        Some(help)
    } else if in_file
        && headline.starts_with("missing assignment between key-value pairs")
        && let Some(fixed) = spaced_key_in_braces(text, start).filter(|f| reads_alone(f))
    {
        fix.rest_of_line = RestOfLine::Follows;
        Some(format!(
            "a key is one word, without spaces: `{}`",
            fixed.trim()
        ))
    } else if in_file
        && starts(&[
            "key with no value",
            "missing assignment between key-value pairs",
        ])
        && let Some(help) = missing_equals_help(text, start, !headline.starts_with("key"))
    {
        // A list opened on the line (`modifiers [`): its items below follow from it.
        let mut unclosed = None;
        if in_file && line[..code_end(line)].trim_end().ends_with('[') {
            (fix.lines_below, unclosed) = list_below(text, here.end);
        }
        Some(and_close(help, unclosed))
    } else if in_file && headline.starts_with("key with no value") {
        let help = no_value_help(text, start);
        if help == TEXT_OUTSIDE_QUOTES {
            fix.spoils = Some("text outside its quotes read wrongly until it is fixed");
        }
        Some(help.into())
    } else if in_file
        && headline.contains("must be quoted")
        && let Some((help, sep)) = number_then_separator(text, start)
    {
        fix.rest_of_line = RestOfLine::Follows;
        fix.moved = Some(Moved {
            span: sep..sep + 1,
            headline: "a separator where a comma goes",
            mark: "the comma goes here",
        });
        Some(help)
    } else if in_file
        && headline.contains("must be quoted")
        && let Some(help) = missing_comma_in_braces(line, here.start, &at_range)
    {
        // Every later error on the line, quotes wanted included, follows from it.
        fix.rest_of_line = RestOfLine::Follows;
        Some(help)
    } else if in_file
        && headline.contains("must be quoted")
        && let Some(help) = inner_unquoted_help(line, here.start, &at_range)
    {
        fix.rest_of_line = if text_runs_to_close(line, here.start, &at_range) {
            RestOfLine::Follows
        } else {
            RestOfLine::FollowsButQuotes
        };
        Some(help)
    } else if in_file
        && headline.contains("must be quoted")
        && let Some(help) = unquoted_help(line, format_key_here(text, here.start, line))
    {
        fix.rest_of_line = RestOfLine::FollowsButQuotes;
        let mut unclosed = None;
        if help.ends_with("= [`") {
            // Its items follow from it, and its `]` if it has one; a `)` is a fix of its own.
            let paren = closing_line(text, here.end, ')');
            let bracket = closing_line(text, here.end, ']');
            fix.lines_below = match (paren, bracket) {
                (Some(p), Some(b)) if b.start < p.start => Some(b.end + 1),
                (Some(p), _) => Some(p.start),
                (None, _) => {
                    let below;
                    (below, unclosed) = list_below(text, here.end);
                    below
                }
            };
        }
        Some(and_close(help, unclosed))
    } else if headline.starts_with("invalid date") {
        Some(format!("a month is text in quotes: `\"{}\"`", value.trim()))
    } else if in_file
        && headline.starts_with("unexpected key or value")
        && let Some(help) = after_value_help(line, col)
    {
        Some(help)
    } else if in_file
        && headline.starts_with("duplicate key")
        && let Some((help, header)) = missing_header_help(text, start)
    {
        fix.writes_header = Some(header);
        Some(help)
    } else if in_file
        && headline.starts_with("duplicate key")
        && let Some((help, header)) = branch_in_event_help(text, start)
    {
        fix.writes_header = Some(header);
        Some(help)
    } else if in_file
        && headline.starts_with("duplicate key")
        && let Some((help, end)) = repeated_entry_help(text, start)
    {
        fix.lines_below = Some(end);
        Some(help)
    } else if in_file
        && headline.starts_with("duplicate key")
        && let Some(help) = merged_duplicate_help(text, start)
    {
        Some(help)
    } else if in_file && let Some((help, comma)) = missing_comma_help(text, start, headline) {
        if line_of(text, comma) != here {
            fix.label(comma..comma, "the `,` goes here");
        } else if (text.as_bytes().get(start)).is_some_and(|b| WRONG.contains(b)) {
            // A `;` for the comma: what the parser made of the rest of the line follows.
            fix.rest_of_line = RestOfLine::Follows;
        }
        Some(help)
    } else if in_file
        && starts(&[
            "invalid unquoted key",
            "unclosed table",
            "unclosed array table",
        ])
        && let Some((help, fixed)) = stray_mark(line, col)
    {
        // What the parser made of the rest of the line follows from it, and of the lines
        // below when the file reads without it (a header's entries went to the table above).
        fix.rest_of_line = RestOfLine::Follows;
        if reads_with_line(text, here.clone(), &fixed) {
            fix.spoils = Some("a stray mark read wrongly until it is taken out");
        }
        Some(help)
    } else {
        syntax_help(headline)
    };
    if in_file
        && !fix.root_elsewhere
        && headline.starts_with("duplicate key")
        && let Some(first) = first_of_key(text, start)
    {
        fix.label(first, "written first here");
    }
    fix
}
