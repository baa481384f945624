//! Two values written where one goes, as other languages join them: texts with `+`
//! (`label = "North Korea sends " + "more troops"`) and lists side by side or with `+`
//! (`tags = ["north_korea"] ["troops"]`). TOML reads the first as the value and refuses the
//! rest of the line; the fix is the one value they make.

/// The fix for what follows the value of `line` from byte `at` (the parser's mark), when it is
/// a second text or list joined to the first.
pub(super) fn joined_values_help(line: &str, at: usize) -> Option<String> {
    let (key, first) = line.get(..at)?.split_once('=')?;
    let (key, first) = (key.trim(), first.trim());
    let rest = line.get(at..)?.trim();
    let rest = rest.split(" #").next().unwrap_or(rest).trim_end();
    let joined = ["+", "&", ".."]
        .iter()
        .find_map(|op| rest.strip_prefix(op))
        .map(str::trim_start);
    if key.is_empty() || key.contains(['"', '\'', '[', '{']) {
        return None;
    }
    if let (Some(a), Some(b)) = (list_items(first), list_items(joined.unwrap_or(rest))) {
        let items: Vec<&str> = [a, b].into_iter().filter(|s| !s.is_empty()).collect();
        return Some(format!(
            "one list holds all its items: `{key} = [{}]`",
            items.join(", ")
        ));
    }
    let (a, b) = (text_inside(first)?, text_inside(joined?)?);
    let whole = format!("{a}{b}");
    let fixed = if whole.contains('"') {
        format!("'{whole}'")
    } else {
        format!("\"{whole}\"")
    };
    Some(format!(
        "TOML does not join texts: write them as one: `{key} = {fixed}`"
    ))
}

/// The items of a list written on one line (`["a", "b"]` gives `"a", "b"`), without a comma
/// after the last.
fn list_items(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    (!inner.contains(['[', ']'])).then(|| inner.trim().trim_end_matches(',').trim_end())
}

/// What a text written whole in one kind of quotes holds, when it holds no quote of that kind
/// and no `\` (so that joining two keeps both as written).
fn text_inside(value: &str) -> Option<&str> {
    let q = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = value.get(1..)?.strip_suffix(q)?;
    (!inner.contains([q, '\\'])).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::joined_values_help;

    /// The help for `line`, marked where TOML marks it: at what follows the first value (the
    /// last `mark` in it).
    fn help(line: &str, mark: &str) -> Option<String> {
        joined_values_help(line, line.rfind(mark).unwrap())
    }

    #[test]
    fn texts_joined_with_plus_are_one_text() {
        assert_eq!(
            help(r#"label = "North Korea sends " + "more troops""#, "+").as_deref(),
            Some(
                r#"TOML does not join texts: write them as one: `label = "North Korea sends more troops"`"#
            )
        );
        // Different quotes: the text keeps a `"` it holds.
        assert_eq!(
            help(r#"label = 'the "volunteers" ' & "arrive""#, "&").as_deref(),
            Some(
                r#"TOML does not join texts: write them as one: `label = 'the "volunteers" arrive'`"#
            )
        );
    }

    #[test]
    fn lists_side_by_side_or_added_are_one_list() {
        let one = r#"one list holds all its items: `tags = ["north_korea", "troops"]`"#;
        for line in [
            r#"tags = ["north_korea"] ["troops"]"#,
            r#"tags = ["north_korea",] + ["troops"] # both"#,
        ] {
            let mark = if line.contains('+') { "+" } else { "[" };
            assert_eq!(help(line, mark).as_deref(), Some(one), "{line}");
        }
        assert_eq!(
            help(r#"tags = [] ["troops"]"#, "[").as_deref(),
            Some(r#"one list holds all its items: `tags = ["troops"]`"#)
        );
    }

    #[test]
    fn anything_else_is_not_a_join() {
        for (line, mark) in [
            (r#"label = "a" "b""#, "\"b"),
            (r#"label = "a" + b"#, "+"),
            (r#"label = "a\n" + "b""#, "+"),
            (r#"x = 1 + 2"#, "+"),
            (r#"tags = ["a"] + "b""#, "+"),
        ] {
            assert_eq!(help(line, mark), None, "{line}");
        }
    }
}
