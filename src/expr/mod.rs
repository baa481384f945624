//! The condition language of format.md section 5: a lexer, a parser, a type checker that resolves
//! names to indices, and a compiler to a flat program that the engine evaluates millions of times.
//!
//! Errors carry byte ranges inside the expression string; the loader maps them back to the file.

mod program;

pub use program::{EvalCtx, Op, Program, Reads};
