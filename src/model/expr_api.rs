//! The expression interface the checker uses (format.md section 5), in one place.

#[allow(unused_imports)]
pub use crate::expr::{Domain, EventDomain, ExprError, Scope, Symbol, Type, compile};
