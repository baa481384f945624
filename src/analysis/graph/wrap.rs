//! Node labels broken into lines. Scenario labels are sentences; on one line they make a
//! drawing several screens wide, so every renderer breaks them at the same width, between
//! words (a word longer than the width keeps its line, so ids are never cut).

use super::Node;

/// The widest line of a wrapped label, in characters.
pub const WIDTH: usize = 24;

/// `text` in lines of at most `width` characters, breaking between words; the label's own
/// line breaks stay.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let len = line.chars().count();
            if len > 0 && len + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The lines drawn in a node: its label wrapped, then its probability when it has one.
pub fn node_lines(node: &Node) -> Vec<String> {
    let mut lines = wrap(&node.label, WIDTH);
    lines.extend(node.probability.clone());
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn breaks_between_words_at_the_width() {
        assert_eq!(
            wrap("Russia breaks the Ukrainian front.", 16),
            ["Russia breaks", "the Ukrainian", "front."]
        );
        assert_eq!(wrap("short", 16), ["short"]);
        assert_eq!(wrap("", 16), [""]);
    }

    #[test]
    fn keeps_long_words_and_the_labels_own_breaks() {
        assert_eq!(
            wrap("a nk_combat_troops_in_the_field b", 10),
            ["a", "nk_combat_troops_in_the_field", "b"]
        );
        assert_eq!(wrap("Truce\nholds", 24), ["Truce", "holds"]);
        // Every line fits unless it is one long word.
        let text = "NATO goes to war with Russia after French forces have fought Russian troops";
        for line in wrap(text, 24) {
            assert!(line.chars().count() <= 24, "{line}");
        }
    }
}
