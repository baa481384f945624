//! Reading scenario files: TOML with the location of every value, `extends`, `[set]` and
//! command-line overrides, and located diagnostics.
//!
//! Data flows one way: [`files`] reads texts (size limit, UTF-8) into the [`source`] map,
//! [`document`] parses one into a spanned tree, [`scenario_doc`] splits it into sections,
//! [`extends`] loads bases and [`merge`]s them, [`overrides`] applies `[set]` and `--set`.
//! Checking the result is `crate::model`'s job; [`diagnostic`] renders what either finds.

mod after_value;
mod assignment;
mod backslash;
mod bare_values;
pub mod bounded;
mod braced_list;
mod brackets;
mod branch_in_event;
mod branch_tail_id;
mod broken_text;
mod curly_quotes;
pub mod diagnostic;
pub mod document;
mod doubled_header;
mod duplicate_key;
pub mod entry_id;
mod excerpt;
mod expect_headerless;
pub mod extends;
pub mod files;
mod fix_elsewhere;
mod fix_shape;
mod header_brackets;
mod headerless;
mod idless_entry;
mod inner_quotes;
pub mod invisible;
mod joined_values;
mod list_brackets;
mod list_end;
mod list_lines;
pub mod merge;
mod misplaced;
pub mod misspelt;
mod mixed_quotes;
mod moved_key;
mod near_base_id;
mod number_keys;
mod number_tokens;
pub mod overrides;
pub mod path_help;
pub mod removed_uses;
mod repeated_entry;
pub mod replaced_catch_all;
pub mod scenario_doc;
pub mod schema;
mod second_id;
mod section_brackets;
mod section_tables;
mod separators;
mod set_on_top;
mod set_paths;
mod short_path;
mod sniff;
pub mod source;
mod spaced_key;
mod split_header;
mod stray_mark;
pub mod string_map;
pub mod suggest;
mod syntax_errors;
mod syntax_fix;
mod syntax_help;
mod table_after_list;
mod text_closed_late;
mod text_left_open;
mod top_keys;
mod unclosed;
mod unquoted;
mod uses;
pub mod written;
mod wrong_closer;
mod yes_no;

pub use diagnostic::{Diagnostic, Diagnostics, JsonDiagnostic, JsonPlace, Label, Severity};
pub use number_keys::seed_random_help;
pub use source::{FileId, LineCol, SourceMap, Span};
pub use text_closed_late::texts_over_keys;
