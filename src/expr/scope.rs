//! What names mean: the model's lists, seen through a small trait so the expression compiler does
//! not depend on how the loader stores them.

use std::collections::HashMap;

/// What a name in a scenario means. Indices are positions in the model's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    Flag(u32),
    Var(u32),
    /// A parameter: a number fixed for the whole of one trial.
    Param(u32),
    Event(u32),
    Outcome(u32),
    Actor(u32),
}

/// Resolves names. `names()` lists every declared name, for did-you-mean.
pub trait Scope {
    fn lookup(&self, name: &str) -> Option<Symbol>;
    fn names(&self) -> Vec<String>;
}

/// A scope over a map, for tests and for callers that have no richer structure.
#[derive(Clone, Debug, Default)]
pub struct MapScope {
    pub map: HashMap<String, Symbol>,
}

impl MapScope {
    pub fn new() -> MapScope {
        MapScope::default()
    }

    /// Adds a name, builder style: `MapScope::new().with("a", Symbol::Flag(0))`.
    pub fn with(mut self, name: &str, symbol: Symbol) -> MapScope {
        self.map.insert(name.to_string(), symbol);
        self
    }

    pub fn insert(&mut self, name: &str, symbol: Symbol) {
        self.map.insert(name.to_string(), symbol);
    }
}

impl Scope for MapScope {
    fn lookup(&self, name: &str) -> Option<Symbol> {
        self.map.get(name).copied()
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.map.keys().cloned().collect();
        names.sort();
        names
    }
}

impl Symbol {
    /// The kind of thing, as the scenario author calls it.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Symbol::Flag(_) => "a flag",
            Symbol::Var(_) => "a variable",
            Symbol::Param(_) => "a parameter",
            Symbol::Event(_) => "an event",
            Symbol::Outcome(_) => "an outcome",
            Symbol::Actor(_) => "an actor",
        }
    }
}
