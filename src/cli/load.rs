//! Loading a scenario for a command: diagnostics rendered for stderr, warnings printed.
//! (Owned by the loader work.)
