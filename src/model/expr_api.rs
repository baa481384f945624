//! The expression interface the checker uses (format.md section 5).
//! TEMPORARY: backed by a local shim until `brink::expr` lands; then this re-exports it.

#[allow(unused_imports)]
pub use super::expr_shim::{Domain, EventDomain, ExprError, MayBe, Scope, Symbol, Type, compile};
