//! A required key written another way (`probabilty`, `When`, `chance`), which the model and a
//! variant's merge both judge as written. Apart from `suggest.rs`, which reads no document.

use super::document::Table;
use super::suggest::{closest, synonym};

/// Whether `table` lacks `key` but has a key written for it (`probabilty`, `When`, `chance`):
/// the model reports that key as unknown with `key` as its fix and judges the table as having
/// `key`, so that one slip gives one error; a variant's merge judges it so too.
pub fn misspelt(table: &Table, key: &str) -> bool {
    table.get(key).is_none()
        && (table.keys())
            .any(|k| k != key && (closest(k, [key]).is_some() || synonym(k, &[key]).is_some()))
}
