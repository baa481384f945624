//! Characters that do not show, or show as a plain space, and that no part of a scenario
//! takes: a web page or a word processor leaves them in copied text, and an error that marks
//! one would mark nothing the author can see without saying what it is.

/// Characters that do not show, or show as a space, and are not TOML's: a web page or a word
/// processor leaves them in copied text.
const INVISIBLE: &[(char, &str)] = &[
    ('\u{a0}', "a non-breaking space (U+00A0)"),
    ('\u{2007}', "a figure space (U+2007)"),
    ('\u{2009}', "a thin space (U+2009)"),
    ('\u{202f}', "a narrow non-breaking space (U+202F)"),
    ('\u{200b}', "a zero-width space (U+200B)"),
    ('\u{200c}', "a zero-width non-joiner (U+200C)"),
    ('\u{200d}', "a zero-width joiner (U+200D)"),
    ('\u{2060}', "a word joiner (U+2060)"),
    ('\u{feff}', "a zero-width no-break space (U+FEFF)"),
];

/// The fix for an error where `marked` (the text the error marks, and what follows it on the
/// line) starts with a character that does not show.
pub fn invisible_help(marked: &str) -> Option<String> {
    let c = marked.chars().next()?;
    let (_, name) = INVISIBLE.iter().find(|(i, _)| *i == c)?;
    Some(format!(
        "an invisible character here: {name}, which text copied from a web page or a word \
         processor brings; delete it (and type a plain \
         space if one belongs here)"
    ))
}

#[cfg(test)]
mod tests {
    use super::invisible_help;

    #[test]
    fn each_invisible_character_is_named_and_visible_ones_are_not() {
        for (c, name) in super::INVISIBLE {
            let help = invisible_help(&format!("{c}= 1")).expect("named");
            assert!(help.contains(name), "{help}");
        }
        for text in [" = 1", "\t", "x", "", "é"] {
            assert_eq!(invisible_help(text), None, "{text:?}");
        }
    }
}
