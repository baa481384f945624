//! The two types of the condition language: every expression is a bool or a number, decided when
//! the file loads.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Bool,
    Number,
}
