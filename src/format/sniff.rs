//! What a file that is not a scenario is, from its first bytes: a student who saves a scenario
//! from a word processor, or picks the report's picture, should hear "a Word document", not
//! "invalid UTF-8 at offset 0".

/// The kind of file `bytes` starts like, with the fix, for the formats people mistake for text.
pub fn binary_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const SAVE_AS_TEXT: &str = "a scenario is plain text: open the `.toml` file in a text editor (Notepad, TextEdit, VS Code), or save it as plain text from the program that wrote it";
    let kinds: [(&[u8], &str, &str); 10] = [
        (
            b"\xff\xfe",
            "UTF-16 text",
            "save it as UTF-8 (in Notepad: File, Save as, Encoding: UTF-8)",
        ),
        (
            b"\xfe\xff",
            "UTF-16 text",
            "save it as UTF-8 (in Notepad: File, Save as, Encoding: UTF-8)",
        ),
        (
            b"PK\x03\x04",
            "a zip archive (a Word, LibreOffice or Excel document is one)",
            SAVE_AS_TEXT,
        ),
        (
            b"\xd0\xcf\x11\xe0",
            "an old Word or Excel document",
            SAVE_AS_TEXT,
        ),
        (b"{\\rtf", "a rich-text (RTF) document", SAVE_AS_TEXT),
        (b"%PDF", "a PDF document", SAVE_AS_TEXT),
        (
            b"\x89PNG",
            "a PNG picture",
            "give the scenario's `.toml` file",
        ),
        (
            b"\xff\xd8\xff",
            "a JPEG picture",
            "give the scenario's `.toml` file",
        ),
        (
            b"\x1f\x8b",
            "a gzip archive",
            "unpack it first: `gunzip FILE`",
        ),
        (
            b"\x7fELF",
            "a program",
            "give the scenario's `.toml` file, not the program",
        ),
    ];
    kinds
        .into_iter()
        .find(|(magic, _, _)| bytes.starts_with(magic))
        .map(|(_, kind, help)| (kind, help))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_documents_pictures_and_utf16() {
        let kind = |b: &[u8]| binary_kind(b).map(|(k, _)| k);
        assert_eq!(kind(b"\xff\xfe[\0s\0"), Some("UTF-16 text"));
        assert!(kind(b"PK\x03\x04\x14\0").unwrap().contains("Word"));
        assert_eq!(kind(b"%PDF-1.4"), Some("a PDF document"));
        assert_eq!(kind(b"\x89PNG\r\n"), Some("a PNG picture"));
        // Text, and text with a UTF-8 byte-order mark, are not binary.
        assert_eq!(kind(b"[scenario]\n"), None);
        assert_eq!(kind(b"\xef\xbb\xbf[scenario]\n"), None);
        assert_eq!(kind(b""), None);
    }
}
