//! A second `id` in one entry of a list: a new entry whose `[[events]]` line was left out, read
//! by TOML into the entry above it (or into the last branch of an event above), where its `id`
//! and each key it shares with that entry are refused as duplicates. The help names the
//! header to write, from the keys the new entry holds.

use super::bare_values::entry_key;
use super::duplicate_key::doubled;
use super::schema::{ENTRY_KEYS, EXPECT_TARGETS as TARGETS, TableSchema};
use super::syntax_help::{header_of, key_of, line_number, line_of, lines_above};

/// How the help for a second `id` in one entry (or `outcome`, `event`... in one pin) starts.
const SECOND_ID: &str = "a second `";
/// How the help for each key after it, refused because of it, starts.
const AFTER_SECOND_ID: &str = "this follows the ";

/// The fix for a key written twice in one `[[events]]` (or any list of tables) when the second
/// is a new entry whose `[[events]]` line was left out: its `id`, then its other keys, each
/// "duplicate". `at` is where the duplicate key starts. A pin (`[[expect]]`) starts with what
/// it pins, not an `id`; an event written below the last branch of the one above, its
/// `[[events]]` line left out, has its `id` read into that branch (which has none of its own).
///
/// The help of the second `id` starts with [`SECOND_ID`]; those of the keys after it, refused
/// because of it, with [`AFTER_SECOND_ID`]; so do those of the keys a pin holds twice below an
/// `id` (a pin has none: an event's `[[events]]` line was left out below it). With the help, the
/// header to write and where the line it goes above starts.
pub(super) fn missing_header_help(text: &str, at: usize) -> Option<(String, (usize, String))> {
    let line = line_of(text, at);
    let key = key_of(&text[line.clone()])?;
    // The lines of this table, nearest first, and the header above them.
    let mut starts = Vec::new();
    let mut header = None;
    for above in lines_above(text, line.start) {
        if let Some(h) = header_of(&text[above.clone()]) {
            header = Some(h);
            break;
        }
        // A line written twice is told as such: the first copy is the one kept.
        if doubled(text, above.clone()) {
            continue;
        }
        let key = key_of(&text[above.clone()]).filter(|k| *k == "id" || TARGETS.contains(k));
        starts.extend(key.map(|k| (k, above.start)));
    }
    let name = header?.strip_prefix("[[")?.strip_suffix("]]")?.trim();
    // The entry the new one belongs to: a branch's event, else the list itself.
    let (list, own) = match name.split_once('.') {
        Some((parent, _)) => (parent, 0),
        None => (name, 1),
    };
    let start_key = |k: &str| {
        if list == "expect" {
            TARGETS.contains(&k)
        } else {
            k == "id"
        }
    };
    let noun = if list == "expect" { "pin" } else { "entry" };
    // The list the new entry's keys belong to, when they are another list's (an event written
    // below an actor): that list's header is the one left out.
    // A pin's keys are no entry's.
    let of_keys = |from: usize| match list {
        "expect" => list,
        _ => keys_below_fit(text, from, list).unwrap_or(list),
    };
    // The nearest: the new entry's own.
    let first = starts.iter().find(|(k, _)| start_key(k));
    if start_key(key) && own == 1 {
        let new = of_keys(line.start);
        let help = format!(
            "{SECOND_ID}{key}` in one `[[{list}]]`: a new {noun} starts here without its own \
             `[[{new}]]` line; write `[[{new}]]` on the line above this `{key}`"
        );
        Some((help, (line.start, format!("[[{new}]]"))))
    } else if let Some(&(first, at)) =
        first.filter(|_| starts.iter().filter(|(k, _)| start_key(k)).count() > own)
    {
        let second = if own == 1 { "second " } else { "" };
        let list = of_keys(at);
        let help = format!(
            "{AFTER_SECOND_ID}{second}`{first}` above, which starts a new {noun} without its own \
             `[[{list}]]` line; write `[[{list}]]` on the line above that `{first}` (line {})",
            line_number(text, at)
        );
        Some((help, (at, format!("[[{list}]]"))))
    } else if list == "expect"
        && let Some(&(_, at)) = starts.iter().find(|(k, _)| *k == "id")
        && let Some(new) = keys_below_fit(text, at, list)
    {
        // A pin has no `id`: one above the duplicate starts an entry of another list.
        let help = format!(
            "{AFTER_SECOND_ID}`id` above, which starts a new entry without its own `[[{new}]]` \
             line; write `[[{new}]]` on the line above that `id` (line {})",
            line_number(text, at)
        );
        Some((help, (at, format!("[[{new}]]"))))
    } else {
        None
    }
}

/// The list other than `list` whose entries take every key written from the line that starts
/// at `from` down to the next header, when only one does and `list`'s entries do not: an
/// event's `actor` and `probability` below an actor's second `id`.
fn keys_below_fit(text: &str, from: usize, list: &str) -> Option<&'static str> {
    let mut keys = Vec::new();
    let mut at = from;
    while at < text.len() {
        let line = line_of(text, at);
        let content = &text[line.clone()];
        if header_of(content).is_some() {
            break;
        }
        // A key starts its line; a long text's lines below it do not read as keys.
        keys.extend(entry_key(content));
        at = line.end + 1;
    }
    let fits = |schema: &&&TableSchema| keys.iter().all(|k| schema.field(k).is_some());
    let name = |schema: &TableSchema| schema.name.trim_matches(['[', ']']);
    if ENTRY_KEYS.iter().any(|s| name(s) == list && fits(&s)) {
        return None;
    }
    let mut fitting = ENTRY_KEYS.iter().filter(fits);
    let one = fitting.next().filter(|_| fitting.next().is_none())?;
    Some(name(one))
}

#[cfg(test)]
mod tests {
    use super::missing_header_help;

    /// The keys after a second `id` name that `id` (the nearest), not the entry's own.
    #[test]
    fn a_key_after_a_second_id_names_its_line() {
        let text = "[[events]]\nid = \"a\"\nlabel = \"A\"\nid = \"b\"\nlabel = \"B\"\n";
        let help = missing_header_help(text, text.rfind("label").unwrap());
        assert!(
            help.as_ref()
                .is_some_and(|(h, _)| h.starts_with("this follows the second `id`")
                    && h.ends_with("that `id` (line 4)")),
            "{help:?}"
        );
    }

    /// The header a second `id`'s help asks for, from the keys below it.
    fn header_for(text: &str) -> String {
        let (_, (_, header)) = missing_header_help(text, text.rfind("id =").unwrap()).unwrap();
        header
    }

    #[test]
    fn an_entry_read_into_another_list_is_named_by_its_keys() {
        let actor = "[[actors]]\nid = \"a\"\nname = \"A\"\n\n";
        // An event's keys below an actor's second `id`.
        let event = format!("{actor}id = \"e\"\nactor = \"a\"\nprobability = 0.1\n[flags]\n");
        assert_eq!(header_for(&event), "[[events]]");
        // An actor's own keys, or keys that several lists take: the list it stands in.
        assert_eq!(
            header_for(&format!("{actor}id = \"b\"\nname = \"B\"\n")),
            "[[actors]]"
        );
        assert_eq!(
            header_for(&format!("{actor}id = \"b\"\nlabel = \"B\"\n")),
            "[[actors]]"
        );
        // A key no list takes (a slip) leaves the guess alone.
        let slip = format!("{actor}id = \"e\"\nactor = \"a\"\nprobabilty = 0.1\n");
        assert_eq!(header_for(&slip), "[[actors]]");
    }

    #[test]
    fn an_id_in_a_pin_starts_the_entry_whose_keys_follow() {
        let pin = "[[expect]]\nevent = \"a\"\nprobability = [0.1, 0.2]\n";
        let text = format!("{pin}\nid = \"e\"\nactor = \"r\"\nprobability = 0.1\n");
        let (help, (at, header)) =
            missing_header_help(&text, text.rfind("probability").unwrap()).unwrap();
        assert_eq!(
            (at, header.as_str()),
            (text.find("id =").unwrap(), "[[events]]")
        );
        assert!(help.ends_with("above that `id` (line 5)"), "{help}");
        // A key no list takes (a slip): no guess.
        let text = format!("{pin}id = \"e\"\nnae = \"E\"\nprobability = 0.1\n");
        assert_eq!(
            missing_header_help(&text, text.rfind("probability").unwrap()),
            None
        );
    }
}
