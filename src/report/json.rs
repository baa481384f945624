//! JSON: the stable, documented shape of each document (its `Serialize`), pretty-printed, with
//! no timings, so the same inputs give the same bytes. One exporter for every document kind.

/// A document as JSON.
pub trait ToJson {
    /// Pretty-printed JSON with a final newline.
    fn to_json(&self) -> String;
}

impl<T: serde::Serialize + ?Sized> ToJson for T {
    fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("plain data serializes");
        s.push('\n');
        s
    }
}
