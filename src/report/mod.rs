//! Rendering results: one file per format.
