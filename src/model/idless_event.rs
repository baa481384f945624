//! An event whose `id` line was deleted (or never written) while conditions still use its id:
//! the uses are unknown names, and each would be its own error beside "no `id`". The id most
//! likely meant is a name the scenario reads but nothing declares, no slip of a declared one, that
//! shares a word with the event's label or description ("The Vatican hosts talks",
//! `vatican_mediates`), or, for a lone event without one, the name a pin's `event` gives. The
//! help then writes that id, and the uses' errors fold into it.

use std::collections::HashSet;

use super::names::{Names, is_identifier};
use crate::expr::{names_in, reserved_words};
use crate::format::document::{Node, Table};
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::suggest::closest;

/// For each event of `doc`, the id it most likely had when it has none (and no id-like `name`,
/// which is told as a slip of `id` instead).
pub(super) fn likely_ids<'d>(doc: &'d ScenarioDoc, names: &Names) -> Vec<Option<&'d str>> {
    let idless = |n: &Node| n.as_table().is_some_and(|t| t.get("id").is_none());
    let mut out = vec![None; doc.events.len()];
    if !doc.events.iter().any(idless) {
        return out;
    }
    let declared = names.declared();
    let unknown = |name: &&str| {
        is_identifier(name)
            && names.get(name).is_none()
            && !reserved_words().any(|w| w == *name)
            && closest(name, declared.clone()).is_none()
    };
    let mut read: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    for name in names_read(doc).into_iter().filter(unknown) {
        if seen.insert(name) {
            read.push(name);
        }
    }
    let pinned: Vec<&str> = (doc.expects.iter())
        .filter_map(|e| e.as_table()?.get("event")?.as_str())
        .filter(unknown)
        .collect();
    let lone = doc.events.iter().filter(|n| idless(n)).count() == 1;
    let mut taken = HashSet::new();
    for (i, node) in doc.events.iter().enumerate() {
        let Some(t) = node.as_table().filter(|t| t.get("id").is_none()) else {
            continue;
        };
        let words = described(t);
        let guess = (read.iter())
            .find(|n| !taken.contains(*n) && shares_a_word(n, &words))
            .or_else(|| lone.then(|| pinned.first()).flatten());
        if let Some(&g) = guess {
            taken.insert(g);
            out[i] = Some(g);
        }
    }
    out
}

/// The names the document's conditions read, in file order: events' and their modifiers'
/// `when`, outcomes' `when`, pins' `when` and `given`, and the event a pin names.
fn names_read<'d>(doc: &'d ScenarioDoc) -> Vec<&'d str> {
    let mut out = Vec::new();
    let mut text = |t: &'d Table, key: &str| {
        if let Some(s) = t.get(key).and_then(Node::as_str) {
            out.extend(names_in(s));
        }
    };
    for t in doc.events.iter().filter_map(Node::as_table) {
        text(t, "when");
        let modifiers = t.get("modifiers").and_then(Node::as_array);
        for m in modifiers.into_iter().flatten().filter_map(Node::as_table) {
            text(m, "when");
        }
    }
    for t in doc.outcomes.iter().filter_map(Node::as_table) {
        text(t, "when");
    }
    for t in doc.expects.iter().filter_map(Node::as_table) {
        text(t, "holds");
        text(t, "given");
        text(t, "event");
    }
    out
}

/// The words of an event's label and description, lowercased: those of four letters or more.
fn described(t: &Table) -> Vec<String> {
    let texts = ["label", "description"].map(|k| t.get(k).and_then(Node::as_str).unwrap_or(""));
    (texts.iter())
        .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Whether a word of `name` (split at `_`) is one of `words`, or the same word with another
/// ending: five letters alike at the start (`mediates`, `mediation`).
fn shares_a_word(name: &str, words: &[String]) -> bool {
    name.split('_').filter(|w| w.len() >= 4).any(|w| {
        words.iter().any(|d| {
            d == w || (w.len() >= 5 && d.len() >= 5 && w.as_bytes()[..5] == d.as_bytes()[..5])
        })
    })
}

#[cfg(test)]
mod tests {
    use super::shares_a_word;

    #[test]
    fn a_name_shares_a_word_with_a_label_when_a_long_word_starts_alike() {
        let words = |s: &str| -> Vec<String> { s.split(' ').map(str::to_lowercase).collect() };
        let label = words("The Vatican hosts mediation talks");
        assert!(shares_a_word("vatican_mediates", &label));
        assert!(shares_a_word("pope_mediates", &label));
        assert!(shares_a_word("talks_held", &label));
        // Short words and short stems are no evidence.
        assert!(!shares_a_word("the_end", &label));
        assert!(!shares_a_word("host_nation", &words("hosts")));
        assert!(!shares_a_word("war_in_korea", &label));
    }
}
