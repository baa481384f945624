//! Which run a sweep hands to its `make`: the baseline's or a point's. Said outright rather than
//! told from the model's address, so that a point whose model is the baseline's own (a point at
//! the scenario's values, say) is still a point, and the baseline is never taken for one.

/// The run an output is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The scenario with the common overrides only.
    Baseline,
    /// The point of this index in the grid.
    Point(usize),
}

impl Role {
    pub fn is_baseline(self) -> bool {
        self == Role::Baseline
    }
}
