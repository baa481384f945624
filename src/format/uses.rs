//! How a scenario's text uses a name: as a flag (set, cleared, tested alone) or as a number
//! (added to, computed with). A declaration under the wrong kind's header is told by its uses:
//! a flag given a number that is set as a flag stays a flag, one error at its value, rather than
//! being moved under `[variables]` and refused at every use; a variable given `true` likewise.
//! Read from the text, before the scenario is checked, so a line at a time.

/// Reading a name's uses scans the whole text: past this many names of one table (a mass slip,
/// such as two headers swapped, in a file of thousands of lines) the rest are judged by their
/// values alone, so that the check stays linear in the file.
const NAMES_READ: usize = 16;

/// The uses of the names of one table, read for at most [`NAMES_READ`] of them.
pub(super) struct Uses<'t> {
    text: &'t str,
    left: usize,
}

impl<'t> Uses<'t> {
    pub(super) fn new(text: &'t str) -> Uses<'t> {
        Uses {
            text,
            left: NAMES_READ,
        }
    }

    /// Whether `name` is used as a flag and as a number; `None` past the names read.
    pub(super) fn of(&mut self, name: &str) -> Option<(bool, bool)> {
        self.left = self.left.checked_sub(1)?;
        Some((
            used_as_flag(self.text, name),
            used_as_number(self.text, name),
        ))
    }
}

/// Whether a character continues a name.
fn word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a character is an operator that makes a name beside it a number.
fn op(c: char) -> bool {
    "<>+-*/".contains(c)
}

/// The places of `name` as a whole word in `text`, with what stands before and after it.
fn places<'t>(text: &'t str, name: &str) -> impl Iterator<Item = (&'t str, &'t str)> {
    text.match_indices(name)
        .map(move |(i, _)| (&text[..i], &text[i + name.len()..]))
        .filter(|(before, after)| !before.ends_with(word) && !after.starts_with(word))
}

/// Whether `text` uses `name` as a flag: in a `set = [...]` or `clear = [...]` list, or alone in a
/// `when` (`"hot"`, `"not hot and x"`: next to no operator that would make it a number).
fn used_as_flag(text: &str, name: &str) -> bool {
    let quoted = format!("\"{name}\"");
    // Alone: beside no operator, a comparison (`hot == war`) included.
    let near = |c: char| op(c) || c == '=' || c == '!';
    text.lines().any(|line| {
        let in_list = line.match_indices(&quoted).any(|(at, _)| {
            let before = &line[..at];
            let list = before
                .rfind('[')
                .filter(|&open| !before[open..].contains(']'));
            list.is_some_and(|open| {
                let key = before[..open].trim_end().strip_suffix('=').unwrap_or("");
                let key = key.trim_end().rsplit([' ', '{', ',']).next().unwrap_or("");
                matches!(key, "set" | "clear")
            })
        });
        let in_when = line.match_indices("when").any(|(at, _)| {
            let Some(rest) = line[at + 4..].trim_start().strip_prefix('=') else {
                return false;
            };
            let Some(condition) = rest.trim_start().strip_prefix('"') else {
                return false;
            };
            let condition = condition.split('"').next().unwrap_or("");
            places(condition, name).any(|(before, after)| {
                !before.trim_end().ends_with(near)
                    && !after.trim_start().starts_with(near)
                    && !after.trim_start().starts_with('(')
            })
        });
        in_list || in_when
    })
}

/// Whether `text` uses `name` as a number: a key of an `add = { ... }` table, or beside an
/// arithmetic or ordering operator in a quoted expression (`"hot >= 1000"`, `"0.1 * hot"`).
fn used_as_number(text: &str, name: &str) -> bool {
    text.lines().any(|line| {
        let code = line.split('#').next().unwrap_or("");
        let added = places(code, name).any(|(before, after)| {
            let after = after.trim_start();
            let open = before.rfind('{');
            after.starts_with('=')
                && !after.starts_with("==")
                && open.is_some_and(|o| {
                    before[..o]
                        .trim_end()
                        .strip_suffix('=')
                        .is_some_and(|k| k.trim_end().rsplit([' ', '{', ',']).next() == Some("add"))
                })
        });
        let computed = code.split('"').skip(1).step_by(2).any(|quoted| {
            places(quoted, name).any(|(before, after)| {
                before.trim_end().ends_with(op) || after.trim_start().starts_with(op)
            })
        });
        added || computed
    })
}

#[cfg(test)]
mod tests {
    use super::{NAMES_READ, Uses, used_as_flag, used_as_number};

    #[test]
    fn a_flag_is_known_by_set_clear_and_a_bare_when() {
        for text in [
            "set = [\"a\", \"hot\"]",
            "  { weight = 1, clear = [\"hot\"] },",
            "when = \"not hot and war\"",
            "modifiers = [{ when = \"hot\", factor = 2 }]",
        ] {
            assert!(used_as_flag(text, "hot"), "{text}");
        }
        for text in [
            "when = \"hot > 2\"",
            "when = \"2 * hot < 1\"",
            "when = \"hotter\"",
            "add = { hot = 1 }",
            "label = \"set [\\\"hot\\\"]\" # set = [\"x\"]",
            "probability = \"hot\"",
        ] {
            assert!(!used_as_flag(text, "hot"), "{text}");
        }
    }

    #[test]
    fn a_variable_is_known_by_add_and_arithmetic() {
        for text in [
            "add = { tension = 1, hot = -2 }",
            "  { weight = 1, add = { hot = 1 } },",
            "when = \"hot >= 1000\"",
            "amount = \"0.1 * hot\"",
            "when = \"war and hot+1 > x\"",
        ] {
            assert!(used_as_number(text, "hot"), "{text}");
        }
        for text in [
            "when = \"hot\"",
            "when = \"hot == war\"",
            "set = [\"hot\"]",
            "add = { hotter = 1 }",
            "hot = 3",
            "# add = { hot = 1 }",
            "label = \"hot\" # 2 * hot",
        ] {
            assert!(!used_as_number(text, "hot"), "{text}");
        }
    }

    #[test]
    fn the_uses_of_a_few_names_are_read_then_none() {
        let text = "set = [\"hot\"]\nadd = { cold = 1 }";
        let mut uses = Uses::new(text);
        assert_eq!(uses.of("hot"), Some((true, false)));
        assert_eq!(uses.of("cold"), Some((false, true)));
        for _ in 2..NAMES_READ {
            assert!(uses.of("x").is_some());
        }
        assert_eq!(uses.of("hot"), None);
    }
}
