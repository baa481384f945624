//! Reading scenario files: TOML with the location of every value, `extends`, `[set]` and
//! command-line overrides, and located diagnostics.
